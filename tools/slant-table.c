/* slant-table: top terms per group from a counts file, as a report table. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_counts.h"
#include "text_io.h"
#include "text_map.h"
#include "text_tsv.h"

static const char HELP[] =
	"Usage: slant-table [OPTION]... [COUNTS]\n"
	"Top terms per group of a counts file (default: standard input):\n"
	"group, rank, term, n, share, per_million, df, tfidf.\n"
	"Ties in n are ordered by term (bytewise), so the output is deterministic.\n"
	"\n"
	"  -n, --top N          N terms per group (default 20; 0: all)\n"
	"  -b, --by COL         check that the counts were grouped by COL\n"
	"      --format FMT     tsv (default), csv (RFC 4180) or md (Markdown)\n"
	"      --wide           groups side by side: rank, then term and n per group\n"
	"      --tfidf SCHEME   quanteda (default): n * log10(N / df)\n"
	"                       sklearn: n * (ln((1 + N) / (1 + df)) + 1)\n"
	"                       N = documents in the corpus, df = documents containing\n"
	"                       the term (summed over all groups)\n"
	"  -o, --output FILE    write to FILE instead of standard output\n"
	"  -f, --force          replace an existing output file\n"
	"      --help           show this help\n"
	"      --version        show the version\n";

enum { O_FORMAT = 256, O_WIDE, O_TFIDF, O_HELP, O_VERSION };

static const struct option LONG[] = {
	{"top", required_argument, NULL, 'n'},
	{"by", required_argument, NULL, 'b'},
	{"format", required_argument, NULL, O_FORMAT},
	{"wide", no_argument, NULL, O_WIDE},
	{"tfidf", required_argument, NULL, O_TFIDF},
	{"output", required_argument, NULL, 'o'},
	{"force", no_argument, NULL, 'f'},
	{"help", no_argument, NULL, O_HELP},
	{"version", no_argument, NULL, O_VERSION},
	{NULL, 0, NULL, 0},
};

enum fmt { F_TSV, F_CSV, F_MD };

typedef struct entry {
	uint32_t term;
	uint64_t n, df;
} entry;

typedef struct group {
	char *name;
	size_t nlen;
	uint64_t total, docs;
	entry *e;
	size_t ne, cap;
} group;

typedef struct table {
	txt_map *terms;
	uint64_t *cdf; /* corpus df per term id */
	size_t cdfcap;
	group *g;
	size_t ng, gcap;
	uint64_t docs; /* corpus documents */
} table;

/* ---- reading ---- */

static group *new_group(table *t, const txt_counts_row *r)
{
	if (t->ng == t->gcap) {
		t->gcap = t->gcap ? 2 * t->gcap : 16;
		t->g = txt_xreallocarray(t->g, t->gcap, sizeof *t->g);
	}
	group *g = &t->g[t->ng++];
	memset(g, 0, sizeof *g);
	g->name = txt_xstrndup(r->group, r->glen);
	g->nlen = r->glen;
	g->total = r->n;
	g->docs = r->df;
	t->docs += r->df;
	return g;
}

static void add_entry(table *t, group *g, const txt_counts_row *r)
{
	uint32_t id = txt_map_put(t->terms, r->term, r->tlen, NULL);
	if (id >= t->cdfcap) {
		size_t cap = t->cdfcap ? 2 * t->cdfcap : 1024;
		t->cdf = txt_xreallocarray(t->cdf, cap, sizeof *t->cdf);
		memset(t->cdf + t->cdfcap, 0, (cap - t->cdfcap) * sizeof *t->cdf);
		t->cdfcap = cap;
	}
	t->cdf[id] += r->df;
	if (g->ne == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->e = txt_xreallocarray(g->e, g->cap, sizeof *g->e);
	}
	g->e[g->ne++] = (entry){id, r->n, r->df};
}

static void read_table(table *t, const char *path, const char *by)
{
	txt_counts_in *in = txt_counts_open(path);
	if (!in)
		txt_die_err();
	const char *had = txt_counts_meta_get(in, "by");
	if (by && (!had || strcmp(had, by) != 0))
		txt_die("%s: counted %s%s, not by '%s' (see slant-count --by)", txt_counts_name(in),
			had && *had ? "by " : "as one group", had && *had ? had : "", by);
	txt_counts_row r;
	int rc;
	group *g = NULL;
	while ((rc = txt_counts_read(in, &r)) == 1) {
		if (r.tlen == 0)
			g = new_group(t, &r); /* the reader guarantees totals come first */
		else
			add_entry(t, g, &r);
	}
	if (rc < 0)
		txt_die_err();
	txt_counts_close(in);
}

static const txt_map *sort_terms;

/* n descending, then term bytewise: a total order, so ties are stable. */
static int by_n(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	size_t xn, yn;
	const char *xs = txt_map_key(sort_terms, x->term, &xn);
	const char *ys = txt_map_key(sort_terms, y->term, &yn);
	return txt_counts_cmp(xs, xn, ys, yn);
}

/* ---- tf-idf ----
 * quanteda, dfm_tfidf() defaults (scheme_tf = "count", scheme_df =
 * "inverse", base = 10): tfidf = n * log10(N / df).
 * scikit-learn, TfidfTransformer(smooth_idf=True, sublinear_tf=False) without
 * its row normalisation: tfidf = n * (ln((1 + N) / (1 + df)) + 1). */
static double tfidf(int sklearn, uint64_t n, uint64_t df, uint64_t N)
{
	if (sklearn)
		return (double)n * (log((1.0 + (double)N) / (1.0 + (double)df)) + 1.0);
	return df ? (double)n * log10((double)N / (double)df) : 0.0;
}

/* ---- output ---- */

typedef struct out {
	txt_writer *w;
	enum fmt fmt;
	size_t col;
} out;

static void cell(out *o, const char *s, size_t n)
{
	if (o->col++)
		txt_writer_putc(o->w, o->fmt == F_CSV ? ',' : o->fmt == F_MD ? ' ' : '\t');
	if (o->fmt == F_MD) {
		if (o->col == 1)
			txt_writer_puts(o->w, "| ");
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '|')
				txt_writer_puts(o->w, "\\|");
			else if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
				txt_writer_putc(o->w, ' ');
			else
				txt_writer_putc(o->w, s[i]);
		}
		txt_writer_puts(o->w, " |");
	} else if (o->fmt == F_CSV) {
		if (strcspn(s, ",\"\r\n") == n && memchr(s, '\0', n) == NULL) {
			txt_writer_write(o->w, s, n);
			return;
		}
		txt_writer_putc(o->w, '"');
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '"')
				txt_writer_putc(o->w, '"');
			txt_writer_putc(o->w, s[i]);
		}
		txt_writer_putc(o->w, '"');
	} else {
		txt_tsv_write_field(o->w, s, n);
	}
}

static void cells(out *o, const char *s) { cell(o, s, strlen(s)); }

static void cellf(out *o, const char *fmt, double v)
{
	char buf[64];
	snprintf(buf, sizeof buf, fmt, v);
	cells(o, buf);
}

static void cellu(out *o, uint64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
	cells(o, buf);
}

static void end_row(out *o)
{
	txt_writer_puts(o->w, o->fmt == F_CSV ? "\r\n" : "\n");
	o->col = 0;
}

/* The Markdown line under the header; numeric columns right-aligned. */
static void md_rule(out *o, const char *align)
{
	if (o->fmt != F_MD)
		return;
	txt_writer_putc(o->w, '|');
	for (const char *a = align; *a; a++)
		txt_writer_puts(o->w, *a == 'r' ? " ---: |" : " --- |");
	txt_writer_putc(o->w, '\n');
}

static size_t shown(const group *g, long top)
{
	return top == 0 || (size_t)top > g->ne ? g->ne : (size_t)top;
}

static void write_long(table *t, out *o, long top, int sklearn)
{
	static const char *head[] = {"group", "rank", "term", "n", "share", "per_million", "df",
				     "tfidf"};
	for (size_t i = 0; i < 8; i++)
		cells(o, head[i]);
	end_row(o);
	md_rule(o, "lrlrrrrr");
	for (size_t gi = 0; gi < t->ng; gi++) {
		group *g = &t->g[gi];
		for (size_t i = 0; i < shown(g, top); i++) {
			entry *e = &g->e[i];
			size_t tn;
			const char *ts = txt_map_key(t->terms, e->term, &tn);
			double share = g->total ? (double)e->n / (double)g->total : 0.0;
			cell(o, g->name, g->nlen);
			cellu(o, i + 1);
			cell(o, ts, tn);
			cellu(o, e->n);
			cellf(o, "%.6g", share);
			cellf(o, "%.2f", share * 1e6);
			cellu(o, e->df);
			cellf(o, "%.4f", tfidf(sklearn, e->n, t->cdf[e->term], t->docs));
			end_row(o);
		}
	}
}

static void write_wide(table *t, out *o, long top)
{
	size_t rows = 0;
	char *align = txt_xmalloc(2 * t->ng + 2), *a = align;
	cells(o, "rank");
	*a++ = 'r';
	for (size_t gi = 0; gi < t->ng; gi++) {
		group *g = &t->g[gi];
		char *h = txt_xmalloc(g->nlen + 3);
		cell(o, g->name, g->nlen);
		memcpy(h, g->name, g->nlen);
		memcpy(h + g->nlen, " n", 3);
		cell(o, h, g->nlen + 2);
		free(h);
		*a++ = 'l';
		*a++ = 'r';
		if (shown(g, top) > rows)
			rows = shown(g, top);
	}
	*a = '\0';
	end_row(o);
	md_rule(o, align);
	free(align);
	for (size_t i = 0; i < rows; i++) {
		cellu(o, i + 1);
		for (size_t gi = 0; gi < t->ng; gi++) {
			group *g = &t->g[gi];
			if (i >= shown(g, top)) {
				cells(o, "");
				cells(o, "");
				continue;
			}
			size_t tn;
			const char *ts = txt_map_key(t->terms, g->e[i].term, &tn);
			cell(o, ts, tn);
			cellu(o, g->e[i].n);
		}
		end_row(o);
	}
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-table");
	const char *outpath = "-", *by = NULL;
	long top = 20;
	int c, wide = 0, sklearn = 0, flags = 0;
	enum fmt fmt = F_TSV;
	while ((c = getopt_long(argc, argv, "n:b:o:f", LONG, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (txt_parse_long("-n", optarg, 0, 1L << 40, &top) < 0)
				txt_usage("%s", txt_err());
			break;
		case O_FORMAT:
			if (strcmp(optarg, "tsv") == 0) fmt = F_TSV;
			else if (strcmp(optarg, "csv") == 0) fmt = F_CSV;
			else if (strcmp(optarg, "md") == 0) fmt = F_MD;
			else txt_usage("--format: '%s' is not tsv, csv or md", optarg);
			break;
		case 'b': by = optarg; break;
		case O_WIDE: wide = 1; break;
		case O_TFIDF:
			if (strcmp(optarg, "quanteda") == 0) sklearn = 0;
			else if (strcmp(optarg, "sklearn") == 0) sklearn = 1;
			else txt_usage("--tfidf: '%s' is not quanteda or sklearn", optarg);
			break;
		case 'o': outpath = optarg; break;
		case 'f': flags |= TXT_W_FORCE; break;
		case O_HELP: txt_cli_help(HELP);
		case O_VERSION: txt_cli_version();
		default: txt_usage("unknown or incomplete option");
		}
	}
	if (argc - optind > 1)
		txt_usage("one counts file at a time (merge shards with slant-merge)");
	table t = {.terms = txt_map_new(1024)};
	read_table(&t, optind < argc ? argv[optind] : "-", by);
	sort_terms = t.terms;
	for (size_t i = 0; i < t.ng; i++)
		qsort(t.g[i].e, t.g[i].ne, sizeof *t.g[i].e, by_n);
	out o = {txt_writer_open(outpath, flags), fmt, 0};
	if (!o.w)
		txt_die_err();
	if (wide)
		write_wide(&t, &o, top);
	else
		write_long(&t, &o, top, sklearn);
	if (txt_writer_close(o.w) < 0)
		txt_die_err();
	for (size_t i = 0; i < t.ng; i++) {
		free(t.g[i].name);
		free(t.g[i].e);
	}
	free(t.g);
	free(t.cdf);
	txt_map_free(t.terms);
	return 0;
}
