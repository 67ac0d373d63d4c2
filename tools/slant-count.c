/* slant-count: term and n-gram frequencies per group (docs -> counts). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "text_cli.h"
#include "text_counts.h"
#include "text_io.h"
#include "text_tok.h"
#include "text_tsv.h"

static const char HELP[] =
	"Usage: slant-count [OPTION]... [DOCS]...\n"
	"Count terms or n-grams per group in docs files (default: standard input)\n"
	"and write a counts file: group, term, n, df, sorted by group then term.\n"
	"\n"
	"  -b, --by COL          one group per value of docs column COL (id, source,\n"
	"                        label, ...); default: one group, 'all'\n"
	"  -g, --ngrams N|A-B    n-gram sizes, 1 to 9 (default 1); n-grams never\n"
	"                        cross a sentence end or a line break\n"
	"      --stopwords LIST  drop stopwords before forming n-grams: en, es or FILE\n"
	"      --stem LANG       Snowball stemming (english, spanish, ...)\n"
	"      --split-hyphens   count \"drone-strike\" as \"drone\", \"strike\"\n"
	"      --punct           keep punctuation tokens\n"
	"      --no-fold         keep case and Unicode form\n"
	"      --min-count N     drop terms seen fewer than N times in a group\n"
	"      --min-docs N      drop terms found in fewer than N documents of a group\n"
	"                        (group total rows are never dropped)\n"
	"  -o, --output FILE     write to FILE (atomically; gzip if it ends in .gz)\n"
	"  -z, --gzip            compress the output\n"
	"  -f, --force           replace an existing output file\n"
	"  -q, --quiet           no progress on the terminal\n"
	"      --help            show this help\n"
	"      --version         show the version\n"
	"\n"
	"See slant-count(1) for the format and the group total rows.\n";

enum { O_STOP = 256, O_STEM, O_HYPH, O_PUNCT, O_NOFOLD, O_MINC, O_MIND, O_HELP, O_VERSION };

static const struct option LONG[] = {
	{"by", required_argument, NULL, 'b'},
	{"ngrams", required_argument, NULL, 'g'},
	{"stopwords", required_argument, NULL, O_STOP},
	{"stem", required_argument, NULL, O_STEM},
	{"split-hyphens", no_argument, NULL, O_HYPH},
	{"punct", no_argument, NULL, O_PUNCT},
	{"no-fold", no_argument, NULL, O_NOFOLD},
	{"min-count", required_argument, NULL, O_MINC},
	{"min-docs", required_argument, NULL, O_MIND},
	{"output", required_argument, NULL, 'o'},
	{"gzip", no_argument, NULL, 'z'},
	{"force", no_argument, NULL, 'f'},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, O_HELP},
	{"version", no_argument, NULL, O_VERSION},
	{NULL, 0, NULL, 0},
};

#define MAXN 9

typedef struct opts {
	const char *by, *out, *stop, *stem;
	long nlo, nhi;
	txt_counts_prune prune;
	txt_tok_opts tok;
	int wflags, quiet;
} opts;

/* Word ids of the current sentence's last tokens, for n-grams. */
typedef struct window {
	uint32_t id[MAXN];
	size_t n; /* ids held, newest last */
} window;

static void count_text(txt_counts *c, txt_tok *tok, window *w, const opts *o, const char *text,
		       size_t len)
{
	txt_token t;
	size_t keep = (size_t)o->nhi;
	txt_tok_start(tok, text, len);
	w->n = 0;
	if (o->nlo == 1 && o->nhi == 1) { /* unigrams: count the text directly */
		while (txt_tok_next(tok, &t))
			txt_counts_add(c, t.s, t.len);
		return;
	}
	while (txt_tok_next(tok, &t)) {
		if (t.brk)
			w->n = 0;
		if (w->n == keep) {
			memmove(w->id, w->id + 1, (keep - 1) * sizeof *w->id);
			w->n--;
		}
		w->id[w->n++] = txt_counts_word(c, t.s, t.len);
		for (long n = o->nlo; n <= o->nhi && (size_t)n <= w->n; n++)
			txt_counts_add_gram(c, w->id + w->n - n, (size_t)n);
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void count_file(txt_counts *c, txt_tok *tok, window *w, const opts *o, const char *path,
		       uint64_t *docs, uint64_t *bytes, double t0)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		txt_die_err();
	long text = txt_table_need(t, "text", "docs"), by = -1;
	if (text < 0)
		txt_die_err();
	if (o->by && (by = txt_table_need(t, o->by, "docs")) < 0)
		txt_die_err();
	int show = !o->quiet && isatty(STDERR_FILENO);
	txt_row *row;
	int rc;
	uint64_t base = *bytes;
	while ((rc = txt_table_next(t, &row)) == 1) {
		if (by >= 0)
			txt_counts_doc(c, row->f[by].s, row->f[by].len);
		else
			txt_counts_doc(c, "all", 3);
		count_text(c, tok, w, o, row->f[text].s, row->f[text].len);
		++*docs;
		if (show && (*docs & 63) == 0) {
			uint64_t b = base + txt_reader_bytes(txt_table_reader(t));
			double dt = now() - t0;
			if (dt > 0)
				txt_progress("%.1f MB, %.1f MB/s, %llu docs, %.0f docs/s",
					     (double)b / 1e6, (double)b / 1e6 / dt,
					     (unsigned long long)*docs, (double)*docs / dt);
		}
	}
	if (rc < 0)
		txt_die_err();
	*bytes = base + txt_reader_bytes(txt_table_reader(t));
	txt_table_close(t);
}

static void parse_args(int argc, char **argv, opts *o)
{
	int c;
	long v;
	while ((c = getopt_long(argc, argv, "b:g:o:zfq", LONG, NULL)) != -1) {
		switch (c) {
		case 'b': o->by = optarg; break;
		case 'g':
			if (txt_parse_range("--ngrams", optarg, 1, MAXN, &o->nlo, &o->nhi) < 0)
				txt_usage("%s", txt_err());
			break;
		case O_STOP: o->stop = optarg; break;
		case O_STEM: o->stem = optarg; break;
		case O_HYPH: o->tok.split_hyphens = 1; break;
		case O_PUNCT: o->tok.keep_punct = 1; break;
		case O_NOFOLD: o->tok.no_fold = 1; break;
		case O_MINC:
		case O_MIND:
			if (txt_parse_long(c == O_MINC ? "--min-count" : "--min-docs", optarg, 0,
					   1L << 62, &v) < 0)
				txt_usage("%s", txt_err());
			if (c == O_MINC)
				o->prune.min_count = (uint64_t)v;
			else
				o->prune.min_docs = (uint64_t)v;
			break;
		case 'o': o->out = optarg; break;
		case 'z': o->wflags |= TXT_W_GZIP; break;
		case 'f': o->wflags |= TXT_W_FORCE; break;
		case 'q': o->quiet = 1; break;
		case O_HELP: txt_cli_help(HELP);
		case O_VERSION: txt_cli_version();
		default: txt_usage("unknown or incomplete option");
		}
	}
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-count");
	opts o = {.nlo = 1, .nhi = 1, .out = "-"};
	parse_args(argc, argv, &o);
	txt_progress_quiet(o.quiet);
	txt_stop *stop = NULL;
	if (o.stop && !(stop = txt_stop_load(o.stop)))
		txt_die_err();
	o.tok.stop = stop;
	o.tok.stem = o.stem;
	txt_tok *tok = txt_tok_new(&o.tok);
	if (!tok)
		txt_usage("%s", txt_err());
	/* open the output first: a refused output should cost no counting */
	txt_writer *w = txt_writer_open(o.out, o.wflags);
	if (!w)
		txt_die_err();

	txt_counts *c = txt_counts_new();
	window win = {0};
	uint64_t docs = 0, bytes = 0;
	double t0 = now();
	if (optind == argc)
		count_file(c, tok, &win, &o, "-", &docs, &bytes, t0);
	for (int i = optind; i < argc; i++)
		count_file(c, tok, &win, &o, argv[i], &docs, &bytes, t0);
	txt_progress_done();

	char ngrams[32], pruned[96];
	if (o.nlo == o.nhi)
		snprintf(ngrams, sizeof ngrams, "%ld", o.nlo);
	else
		snprintf(ngrams, sizeof ngrams, "%ld-%ld", o.nlo, o.nhi);
	txt_counts_meta m = {txt_tok_describe(tok), ngrams, o.by ? o.by : "", NULL};
	if (o.prune.min_count > 1 || o.prune.min_docs > 1) {
		snprintf(pruned, sizeof pruned, "min-count=%llu min-docs=%llu",
			 (unsigned long long)o.prune.min_count, (unsigned long long)o.prune.min_docs);
		m.pruned = pruned;
	}
	if (txt_counts_write(c, w, &m, &o.prune) < 0 || txt_writer_close(w) < 0)
		txt_die_err();
	txt_counts_free(c);
	txt_tok_free(tok);
	txt_stop_free(stop);
	return 0;
}
