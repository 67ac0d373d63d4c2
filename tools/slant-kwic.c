/* slant-kwic: keyword in context.  Finds a word, a phrase or a wildcard
 * pattern among the tokens of each document (tokens as slant-count sees
 * them: NFKC + case folded) and prints each hit with N tokens of context on
 * each side, cut from the original text by the tokens' byte offsets. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text_cli.h"
#include "text_io.h"
#include "text_lex.h"
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
	"  -o, --output FILE     write to FILE (.gz: compressed)\n"
	"  -z, --gzip            compress the output\n"
	"  -f, --force           replace an existing FILE\n"
	"  -q, --quiet           no progress\n"
	"      --help            show this help and exit\n"
	"      --version         show the version and exit\n"
	"\n"
	"token is the 1-based number of the first matched token in its document;\n"
	"byte is the 0-based byte offset of the match in the text.  Line breaks\n"
	"and tabs in the context are shown as spaces.  See slant-kwic(1).\n";

/* One pattern element: a folded literal, or a glob with '*'. */
typedef struct elem {
	char *s;
	int glob;
} elem;

typedef struct hit {
	char *id, *source, *left, *match, *right;
	size_t token, byte;
	int sp_before, sp_after; /* whitespace around the match in the text */
} hit;

typedef struct kwic {
	elem *pat;
	size_t npat;
	long window;
	int text_fmt, has_source;
	txt_tok *tok;
	/* tokens of the current document */
	size_t *start, *end, *soff; /* byte ranges; offsets of folded text in buf */
	size_t ntok, cap;
	char *buf;
	size_t blen, bcap;
	/* text format: hits kept for alignment */
	hit *hits;
	size_t nhits, hcap;
	/* --by source */
	char **src;
	size_t *src_n, *src_docs, nsrc;
} kwic;

static void add_elem(kwic *k, char *s, int glob)
{
	k->pat = txt_xreallocarray(k->pat, k->npat + 1, sizeof *k->pat);
	k->pat[k->npat].s = s;
	k->pat[k->npat++].glob = glob;
}

/* Fold a piece of a pattern word through the tokenizer; appends the tokens
 * to out (joined by nothing when `one` is required to be a single token). */
static size_t fold_piece(kwic *k, const char *s, size_t n, char **out, size_t *olen)
{
	txt_token t;
	size_t count = 0;
	txt_tok_start(k->tok, s, n);
	while (txt_tok_next(k->tok, &t)) {
		*out = txt_xrealloc(*out, *olen + t.len + 1);
		memcpy(*out + *olen, t.s, t.len);
		*olen += t.len;
		(*out)[*olen] = '\0';
		count++;
	}
	return count;
}

static void parse_pattern(kwic *k, const char *pattern)
{
	const char *p = pattern;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n') p++;
		const char *e = p;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n') e++;
		if (e == p) break;
		if (!memchr(p, '*', (size_t)(e - p))) {
			/* a plain word may tokenize into several tokens ("drone-strike") */
			txt_token t;
			txt_tok_start(k->tok, p, (size_t)(e - p));
			while (txt_tok_next(k->tok, &t)) add_elem(k, txt_xstrndup(t.s, t.len), 0);
		} else {
			/* fold each piece between stars; each must be (part of) one token */
			char *g = txt_xstrdup("");
			size_t glen = 0;
			for (const char *q = p; q < e;) {
				const char *r = q;
				while (r < e && *r != '*') r++;
				if (r > q && fold_piece(k, q, (size_t)(r - q), &g, &glen) != 1)
					txt_usage("pattern '%.*s': a wildcard word must be one token", (int)(e - p), p);
				if (r < e) {
					g = txt_xrealloc(g, glen + 2);
					g[glen++] = '*';
					g[glen] = '\0';
				}
				q = r < e ? r + 1 : r;
			}
			add_elem(k, g, 1);
		}
		p = e;
	}
	if (k->npat == 0) txt_usage("pattern '%s' has no words to match", pattern);
}

static void tokenize_doc(kwic *k, const char *text, size_t len)
{
	txt_token t;
	k->ntok = k->blen = 0;
	txt_tok_start(k->tok, text, len);
	while (txt_tok_next(k->tok, &t)) {
		if (k->ntok == k->cap) {
			k->cap = k->cap ? 2 * k->cap : 1024;
			k->start = txt_xreallocarray(k->start, k->cap, sizeof *k->start);
			k->end = txt_xreallocarray(k->end, k->cap, sizeof *k->end);
			k->soff = txt_xreallocarray(k->soff, k->cap, sizeof *k->soff);
		}
		if (k->blen + t.len + 1 > k->bcap) {
			k->bcap = 2 * (k->blen + t.len + 1);
			k->buf = txt_xrealloc(k->buf, k->bcap);
		}
		memcpy(k->buf + k->blen, t.s, t.len);
		k->buf[k->blen + t.len] = '\0';
		k->start[k->ntok] = t.start;
		k->end[k->ntok] = t.end;
		k->soff[k->ntok++] = k->blen;
		k->blen += t.len + 1;
	}
}

static int match_at(const kwic *k, size_t i)
{
	if (i + k->npat > k->ntok) return 0;
	for (size_t j = 0; j < k->npat; j++) {
		const char *s = k->buf + k->soff[i + j];
		if (k->pat[j].glob ? !txt_lex_glob(k->pat[j].s, s) : strcmp(k->pat[j].s, s) != 0)
			return 0;
	}
	return 1;
}

/* Copy text[a..b) with every run of whitespace (line breaks, tabs, spaces)
 * shown as one space, trimmed at both ends. */
static char *flat(const char *text, size_t a, size_t b)
{
	char *out = txt_xmalloc(b - a + 1);
	size_t n = 0;
	int space = 0;
	for (size_t i = a; i < b; i++) {
		char c = text[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
			space = 1;
			continue;
		}
		if (space && n > 0) out[n++] = ' ';
		space = 0;
		out[n++] = c;
	}
	out[n] = '\0';
	return out;
}

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
	size_t last = i + k->npat - 1;
	size_t lt = i > (size_t)k->window ? i - (size_t)k->window : 0;
	size_t rt = last + (size_t)k->window < k->ntok ? last + (size_t)k->window : k->ntok - 1;
	hit h = { 0 };
	h.left = flat(text, k->start[lt], k->start[i]);
	h.match = flat(text, k->start[i], k->end[last]);
	h.right = flat(text, k->end[last], k->window ? k->end[rt] : k->end[last]);
	h.token = i + 1;
	h.byte = k->start[i];
	h.sp_before = h.byte > 0 && strchr(" \t\n\r\v\f", text[h.byte - 1]);
	h.sp_after = k->end[last] < len && strchr(" \t\n\r\v\f", text[k->end[last]]);
	if (k->text_fmt) {
		h.id = txt_xstrdup(id);
		h.source = txt_xstrdup(source);
		if (k->nhits == k->hcap) {
			k->hcap = k->hcap ? 2 * k->hcap : 64;
			k->hits = txt_xreallocarray(k->hits, k->hcap, sizeof *k->hits);
		}
		k->hits[k->nhits++] = h;
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
	free(h.left);
	free(h.match);
	free(h.right);
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
		if (cols(h->left) > wleft) wleft = cols(h->left);
	}
	for (size_t i = 0; i < k->nhits; i++) {
		hit *h = &k->hits[i];
		/* the match's column is fixed: a left context that ran into the
		 * match without a space is padded by one more column instead */
		int sb = h->sp_before && *h->left, sa = h->sp_after && *h->right;
		txt_writer_puts(w, h->id);
		pad(w, wid - cols(h->id) + 2);
		if (k->has_source) {
			txt_writer_puts(w, h->source);
			pad(w, wsrc - cols(h->source) + 2);
		}
		pad(w, wleft - cols(h->left) + !sb);
		txt_writer_printf(w, "%s%s[%s]%s%s\n", h->left, sb ? " " : "", h->match,
		                  sa ? " " : "", h->right);
		free(h->id);
		free(h->source);
		free(h->left);
		free(h->match);
		free(h->right);
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

enum { O_BY = 256, O_FORMAT, O_SPLIT, O_NOFOLD, O_HELP, O_VERSION };

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "window", 1, 0, 'w' }, { "by", 1, 0, O_BY }, { "format", 1, 0, O_FORMAT },
		{ "split-hyphens", 0, 0, O_SPLIT }, { "no-fold", 0, 0, O_NOFOLD },
		{ "output", 1, 0, 'o' }, { "gzip", 0, 0, 'z' }, { "force", 0, 0, 'f' },
		{ "quiet", 0, 0, 'q' }, { "help", 0, 0, O_HELP }, { "version", 0, 0, O_VERSION },
		{ 0, 0, 0, 0 },
	};
	kwic k = { .window = 5, .text_fmt = -1 };
	txt_tok_opts to = { 0 };
	const char *out = "-";
	int c, flags = 0, by_source = 0;
	txt_cli_init("slant-kwic");
	while ((c = getopt_long(argc, argv, "w:o:zfq", opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			if (txt_parse_long("--window", optarg, 0, 1000, &k.window) < 0)
				txt_usage("%s", txt_err());
			break;
		case O_BY:
			if (strcmp(optarg, "source") != 0) txt_usage("--by: only 'source' is supported");
			by_source = 1;
			break;
		case O_FORMAT:
			if (strcmp(optarg, "text") == 0) k.text_fmt = 1;
			else if (strcmp(optarg, "tsv") == 0) k.text_fmt = 0;
			else txt_usage("--format: '%s' is not text or tsv", optarg);
			break;
		case O_SPLIT: to.split_hyphens = 1; break;
		case O_NOFOLD: to.no_fold = 1; break;
		case 'o': out = optarg; break;
		case 'z': flags |= TXT_W_GZIP; break;
		case 'f': flags |= TXT_W_FORCE; break;
		case 'q': txt_progress_quiet(1); break;
		case O_HELP: txt_cli_help(usage_text);
		case O_VERSION: txt_cli_version();
		default: txt_usage("unknown option");
		}
	}
	if (optind >= argc) txt_usage("missing PATTERN");
	const char *pattern = argv[optind++];
	if (argc - optind > 1) txt_usage("one input file at most");
	const char *in = optind < argc ? argv[optind] : "-";
	if (k.text_fmt < 0) k.text_fmt = strcmp(out, "-") == 0 && isatty(STDOUT_FILENO);
	if (k.text_fmt && (flags & TXT_W_GZIP)) txt_usage("--format text cannot be compressed");
	k.tok = txt_tok_new(&to);
	if (!k.tok) txt_die_err();
	if (!*pattern) txt_usage("empty pattern");
	parse_pattern(&k, pattern);

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
		tokenize_doc(&k, text->s, text->len);
		size_t si = by_source ? source_index(&k, src) : 0, found = 0;
		for (size_t i = 0; i < k.ntok; i++) {
			if (!match_at(&k, i)) continue;
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
	txt_tok_free(k.tok);
	for (size_t i = 0; i < k.npat; i++) free(k.pat[i].s);
	for (size_t i = 0; i < k.nsrc; i++) free(k.src[i]);
	free(k.pat);
	free(k.src);
	free(k.src_n);
	free(k.src_docs);
	free(k.hits);
	free(k.start);
	free(k.end);
	free(k.soff);
	free(k.buf);
	return 0;
}
