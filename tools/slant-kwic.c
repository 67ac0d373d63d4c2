/* slant-kwic: keyword in context.  Finds a word, a phrase or a wildcard
 * pattern among the tokens of each document (tokens as slant-count sees
 * them: NFKC + case folded) and prints each hit with N tokens of context on
 * each side, cut from the original text by the tokens' byte offsets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text_cli.h"
#include "text_io.h"
#include "text_kwic.h"
#include "text_tok.h"
#include "text_tsv.h"

static const char usage_text[] =
	"Usage: slant-kwic [OPTION]... PATTERN [FILE]\n"
	"Show every match of PATTERN in a docs file (columns id, source, text;\n"
	"plain or gzip; FILE or - for stdin) with its context.\n"
	"\n"
	"PATTERN is one or more words separated by spaces (a phrase).  Each word\n"
	"is tokenized and folded like the text, so case does not matter; a '*'\n"
	"inside a word matches any characters (\"sovereign*\" finds\n"
	"\"sovereignty\").  Phrases match consecutive tokens, also across line\n"
	"breaks and sentence ends.\n"
	"\n"
	"  -w, --window N        tokens of context on each side (default 5)\n"
	"      --by source       print the number of matches (and of documents\n"
	"                        with a match) per source instead of the lines\n"
	"      --format FMT      text (aligned, the default on a terminal) or tsv\n"
	"                        (the default otherwise; columns id source token\n"
	"                        byte left match right)\n"
	"      --split-hyphens   tokenize \"drone-strike\" as two tokens\n"
	"      --no-fold         match case and form exactly\n"
	"\n"
	"token is the 1-based number of the first matched token in its document;\n"
	"byte is the 0-based byte offset of the match in the text.  Line breaks\n"
	"and tabs in the context are shown as spaces.  See slant-kwic(1).\n";

typedef struct hit {
	char *id, *source;
	txt_kwic_hit h;
} hit;

typedef struct kwic {
	txt_kwic *kw;
	long window;
	int text_fmt, has_source;
	/* text format: hits kept for alignment */
	hit *hits;
	size_t nhits, hcap;
	/* --by source */
	char **src;
	size_t *src_n, *src_docs, nsrc;
} kwic;

static size_t source_index(kwic *k, const char *s)
{
	for (size_t i = 0; i < k->nsrc; i++)
		if (strcmp(k->src[i], s) == 0) return i;
	k->src = txt_xreallocarray(k->src, k->nsrc + 1, sizeof *k->src);
	k->src_n = txt_xreallocarray(k->src_n, k->nsrc + 1, sizeof *k->src_n);
	k->src_docs = txt_xreallocarray(k->src_docs, k->nsrc + 1, sizeof *k->src_docs);
	k->src[k->nsrc] = txt_xstrdup(s);
	k->src_n[k->nsrc] = k->src_docs[k->nsrc] = 0;
	return k->nsrc++;
}

static void emit(kwic *k, txt_writer *w, const char *id, const char *source, const char *text,
                 size_t len, size_t i)
{
	txt_kwic_hit h = txt_kwic_cut(k->kw, text, len, i);
	if (k->text_fmt) {
		if (k->nhits == k->hcap) {
			k->hcap = k->hcap ? 2 * k->hcap : 64;
			k->hits = txt_xreallocarray(k->hits, k->hcap, sizeof *k->hits);
		}
		k->hits[k->nhits++] = (hit){txt_xstrdup(id), txt_xstrdup(source), h};
		return;
	}
	char tn[32], bn[32];
	snprintf(tn, sizeof tn, "%zu", h.token);
	snprintf(bn, sizeof bn, "%zu", h.byte);
	txt_field f[7] = {
		{ (char *)id, strlen(id) }, { (char *)source, strlen(source) },
		{ tn, strlen(tn) }, { bn, strlen(bn) }, { h.left, strlen(h.left) },
		{ h.match, strlen(h.match) }, { h.right, strlen(h.right) },
	};
	if (txt_tsv_write_row(w, f, 7) < 0) txt_die_err();
	txt_kwic_hit_free(&h);
}

/* Display columns of a UTF-8 string (code points; good enough for
 * alignment of mostly alphabetic text). */
static size_t cols(const char *s)
{
	size_t n = 0;
	for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void pad(txt_writer *w, size_t n)
{
	while (n--) txt_writer_putc(w, ' ');
}

static void print_text(kwic *k, txt_writer *w)
{
	size_t wid = 0, wsrc = 0, wleft = 0;
	for (size_t i = 0; i < k->nhits; i++) {
		hit *h = &k->hits[i];
		if (cols(h->id) > wid) wid = cols(h->id);
		if (cols(h->source) > wsrc) wsrc = cols(h->source);
		if (cols(h->h.left) > wleft) wleft = cols(h->h.left);
	}
	for (size_t i = 0; i < k->nhits; i++) {
		hit *h = &k->hits[i];
		/* the match's column is fixed: a left context that ran into the
		 * match without a space is padded by one more column instead */
		int sb = h->h.sp_before && *h->h.left, sa = h->h.sp_after && *h->h.right;
		txt_writer_puts(w, h->id);
		pad(w, wid - cols(h->id) + 2);
		if (k->has_source) {
			txt_writer_puts(w, h->source);
			pad(w, wsrc - cols(h->source) + 2);
		}
		pad(w, wleft - cols(h->h.left) + !sb);
		txt_writer_printf(w, "%s%s[%s]%s%s\n", h->h.left, sb ? " " : "", h->h.match,
		                  sa ? " " : "", h->h.right);
		free(h->id);
		free(h->source);
		txt_kwic_hit_free(&h->h);
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(**(char *const *const *)a, **(char *const *const *)b);
}

static void print_counts(kwic *k, txt_writer *w)
{
	/* sorted bytewise by source, like counts files */
	char ***order = txt_xcalloc(k->nsrc + 1, sizeof *order);
	for (size_t i = 0; i < k->nsrc; i++) order[i] = &k->src[i];
	qsort(order, k->nsrc, sizeof *order, by_name);
	if (k->text_fmt) {
		size_t ws = 6;
		for (size_t i = 0; i < k->nsrc; i++)
			if (cols(k->src[i]) > ws) ws = cols(k->src[i]);
		txt_writer_puts(w, "source");
		pad(w, ws - 6);
		txt_writer_puts(w, "  matches     docs\n");
	} else {
		txt_writer_puts(w, "source\tmatches\tdocs\n");
	}
	for (size_t j = 0; j < k->nsrc; j++) {
		size_t i = (size_t)(order[j] - k->src);
		if (k->text_fmt) {
			size_t ws = 6;
			for (size_t m = 0; m < k->nsrc; m++)
				if (cols(k->src[m]) > ws) ws = cols(k->src[m]);
			txt_writer_puts(w, k->src[i]);
			pad(w, ws - cols(k->src[i]));
			txt_writer_printf(w, "  %7zu  %7zu\n", k->src_n[i], k->src_docs[i]);
		} else {
			txt_tsv_write_field(w, k->src[i], strlen(k->src[i]));
			txt_writer_printf(w, "\t%zu\t%zu\n", k->src_n[i], k->src_docs[i]);
		}
	}
	free(order);
}

enum { O_BY = 256, O_FORMAT, O_SPLIT, O_NOFOLD };

typedef struct args {
	kwic *k;
	txt_tok_opts to;
	int by_source;
} args;

static void option(void *ctx, int c, const char *arg)
{
	args *a = ctx;
	static const char *const fmt[] = {"text", "tsv", NULL};
	if (c == 'w')
		a->k->window = txt_cli_long("--window", arg, 0, 1000);
	else if (c == O_FORMAT) /* text or tsv here, not a report's tsv, csv, md */
		a->k->text_fmt = 1 - txt_cli_word("--format", arg, fmt);
	else if (strcmp(arg, "source") != 0) /* --by */
		txt_usage("--by: only 'source' is supported");
	else
		a->by_source = 1;
}

static const txt_cli_val VAL[] = {
	TXT_VAL_SET(O_SPLIT, args, to.split_hyphens, 1), TXT_VAL_SET(O_NOFOLD, args, to.no_fold, 1), {0}};

static const struct option LONG[] = {
	{ "window", 1, 0, 'w' }, { "by", 1, 0, O_BY }, { "format", 1, 0, O_FORMAT },
	{ "split-hyphens", 0, 0, O_SPLIT }, { "no-fold", 0, 0, O_NOFOLD }, { 0, 0, 0, 0 },
};

int main(int argc, char **argv)
{
	kwic k = { .window = 5, .text_fmt = -1 };
	args a = { &k, { 0 }, 0 };
	txt_cli_shared sh = { .output = "-" };
	txt_cli_init("slant-kwic");
	const txt_cli_spec spec = { usage_text, TXT_CLI_OUTPUT | TXT_CLI_GZIP | TXT_CLI_QUIET, "w:",
				    LONG, option, &a, 0, VAL };
	int first = txt_cli_parse(&spec, argc, argv, &sh);
	const char *out = sh.output;
	int flags = sh.wflags, by_source = a.by_source;
	if (first >= argc) txt_usage("missing PATTERN");
	const char *pattern = argv[first++];
	if (argc - first > 1) txt_usage("one input file at most");
	const char *in = first < argc ? argv[first] : "-";
	if (k.text_fmt < 0) k.text_fmt = strcmp(out, "-") == 0 && isatty(STDOUT_FILENO);
	if (k.text_fmt && (flags & TXT_W_GZIP)) txt_usage("--format text cannot be compressed");
	txt_tok *tok = txt_tok_new(&a.to);
	if (!tok) txt_die_err();
	if (!(k.kw = txt_kwic_new(tok, pattern, (size_t)k.window))) txt_usage("%s", txt_err());

	txt_table *t = txt_table_open(in);
	if (!t) txt_die_err();
	long tc = txt_table_need(t, "text", "docs");
	if (tc < 0) txt_die_err();
	long ic = txt_table_col(t, "id"), sc = txt_table_col(t, "source");
	k.has_source = sc >= 0;
	if (by_source && sc < 0 && txt_table_need(t, "source", "docs") < 0) txt_die_err();
	txt_writer *w = txt_writer_open(out, flags);
	if (!w) txt_die_err();
	if (!k.text_fmt && !by_source)
		txt_writer_puts(w, "id\tsource\ttoken\tbyte\tleft\tmatch\tright\n");
	txt_row *row;
	int rc;
	uint64_t docs = 0;
	while ((rc = txt_table_next(t, &row)) == 1) {
		const char *id = ic >= 0 ? row->f[ic].s : "";
		const char *src = sc >= 0 ? row->f[sc].s : "";
		txt_field *text = &row->f[tc];
		size_t ntok = txt_kwic_doc(k.kw, text->s, text->len);
		size_t si = by_source ? source_index(&k, src) : 0, found = 0;
		for (size_t i = 0; i < ntok; i++) {
			if (!txt_kwic_match(k.kw, i)) continue;
			found++;
			if (!by_source) emit(&k, w, id, src, text->s, text->len, i);
		}
		if (by_source) {
			k.src_n[si] += found;
			k.src_docs[si] += found > 0;
		}
		if (++docs % 1024 == 0) txt_progress("%llu documents", (unsigned long long)docs);
	}
	if (rc < 0) txt_die_err();
	txt_progress_done();
	if (by_source) print_counts(&k, w);
	else if (k.text_fmt) print_text(&k, w);
	if (txt_writer_close(w) < 0) txt_die_err();
	txt_table_close(t);
	txt_kwic_free(k.kw);
	txt_tok_free(tok);
	for (size_t i = 0; i < k.nsrc; i++) free(k.src[i]);
	txt_free_all(k.src, k.src_n, k.src_docs, k.hits);
	return 0;
}
