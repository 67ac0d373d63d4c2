/* slant-table: top terms per group from a counts file, as a report table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_counts.h"
#include "text_dtm.h"
#include "text_io.h"
#include "text_map.h"
#include "text_report.h"
#include "text_stats.h"

static const char HELP[] =
	"Usage: slant-table [OPTION]... [COUNTS]\n"
	"Top terms per group of a counts file (default: standard input):\n"
	"group, rank, term, n, share, per_million, docfreq, tfidf.\n"
	"Ties in n are ordered by term (bytewise), so the output is deterministic.\n"
	"\n"
	"  -n, --top N          N terms per group (default 20; 0: all)\n"
	"  -b, --by COL         check that the counts were grouped by COL\n"
	"      --wide           groups side by side: rank, then term and n per group\n"
	"      --tfidf SCHEME   quanteda (default): tf * log10(N / df)\n"
	"                       sklearn: tf * (ln((1 + N) / (1 + df)) + 1)\n"
	"                       N = documents in the corpus, df = documents containing\n"
	"                       the term (summed over all groups)\n"
	"      --tf TF          count (default): n; log: 1 + log(n) (log10 for\n"
	"                       quanteda's logcount, ln for sklearn's sublinear_tf);\n"
	"                       prop: n / the group's tokens (quanteda's prop)\n"
	"      --no-smooth      sklearn: idf ln(N / df) + 1 (smooth_idf=False)\n"
	"      --l2             divide each group's tf-idf by its L2 norm (sklearn's\n"
	"                       norm='l2', over all the group's terms)\n"
	"      --digits N       significant digits of share, per_million and tfidf\n"
	"                       (default: 6, two decimals and four decimals)\n"
	"      --dispersion     per term over the groups (parts; --by id: documents):\n"
	"                       term n parts juilland_d dp dp_norm (slant-table(1))\n"
	"      --parts COL      the same as --by COL\n"
	"      --similarity LIST  a b measure value for each pair of groups; LIST of\n"
	"                       cosine, jaccard, correlation, euclidean, jsd\n";

enum { O_WIDE = 256, O_TFIDF, O_TF, O_NOSMOOTH, O_L2, O_DISP, O_SIM };

static const struct option LONG[] = {
	{"top", 1, 0, 'n'}, {"by", 1, 0, 'b'}, {"wide", 0, 0, O_WIDE}, {"tfidf", 1, 0, O_TFIDF},
	{"tf", 1, 0, O_TF}, {"no-smooth", 0, 0, O_NOSMOOTH}, {"l2", 0, 0, O_L2},
	{"dispersion", 0, 0, O_DISP}, {"parts", 1, 0, 'b'}, {"similarity", 1, 0, O_SIM},
	{0, 0, 0, 0},
};

typedef struct entry {
	uint32_t term;
	uint64_t n, df;
	double tfidf;
} entry;

/* The tf-idf variant and how numbers are printed. */
typedef struct scheme {
	int tf, idf, l2, digits; /* digits 0: the fixed formats */
} scheme;

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
	g->e[g->ne++] = (entry){id, r->n, r->df, 0};
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
		/* slant-count never makes one; a report cell would end at it */
		if (memchr(r.group, '\0', r.glen) || memchr(r.term, '\0', r.tlen))
			txt_die("%s:%llu: NUL byte in a group or term", txt_counts_name(in),
				(unsigned long long)txt_counts_lineno(in));
		if (r.tlen == 0 && txt_counts_sum(&t->docs, r.df, in, "df") < 0)
			txt_die_err();
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

/* ---- tf-idf (formulas in txt_stats_tfidf): every term of a group, then
 * with --l2 the group's vector divided by its Euclidean norm. ---- */
static void group_tfidf(const table *t, group *g, const scheme *sc)
{
	double ss = 0;
	for (size_t i = 0; i < g->ne; i++) {
		entry *e = &g->e[i];
		e->tfidf = txt_stats_tfidf(sc->tf, sc->idf, (double)e->n, (double)g->total,
					   (double)t->cdf[e->term], (double)t->docs);
		ss += e->tfidf * e->tfidf;
	}
	for (size_t i = 0; sc->l2 && ss > 0 && i < g->ne; i++)
		g->e[i].tfidf /= sqrt(ss);
}

/* x with the scheme's digits, else in the fixed format fmt. */
static const char *num(char *buf, double x, const char *fmt, const scheme *sc)
{
	if (sc->digits)
		return txt_report_num(buf, x, sc->digits);
	snprintf(buf, 32, fmt, x);
	return buf;
}

/* ---- output ---- */

static void put_row(txt_report *r, txt_writer *w, const char *const *cells)
{
	if (txt_report_row(r, cells) < 0)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
}

static txt_report *start(txt_writer *w, int fmt, const char *const *cols, size_t n,
			 const char *align)
{
	txt_report *r = txt_report_new(w, fmt, cols, n, align);
	if (!r)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
	return r;
}

static size_t shown(const group *g, long top)
{
	return top == 0 || (size_t)top > g->ne ? g->ne : (size_t)top;
}

static void write_long(table *t, txt_writer *w, int fmt, long top, const scheme *sc)
{
	static const char *head[] = {"group", "rank", "term", "n", "share", "per_million",
				     "docfreq", "tfidf"};
	txt_report *r = start(w, fmt, head, 8, "lrlrrrrr");
	for (size_t gi = 0; gi < t->ng; gi++) {
		group *g = &t->g[gi];
		group_tfidf(t, g, sc);
		for (size_t i = 0; i < shown(g, top); i++) {
			entry *e = &g->e[i];
			char buf[6][32];
			double share = g->total ? (double)e->n / (double)g->total : 0.0;
			snprintf(buf[0], 32, "%zu", i + 1);
			snprintf(buf[1], 32, "%llu", (unsigned long long)e->n);
			snprintf(buf[4], 32, "%llu", (unsigned long long)e->df);
			const char *cells[] = {g->name, buf[0], txt_map_key(t->terms, e->term, NULL),
					       buf[1], num(buf[2], share, "%.6g", sc),
					       num(buf[3], share * 1e6, "%.2f", sc), buf[4],
					       num(buf[5], e->tfidf, "%.4f", sc)};
			put_row(r, w, cells);
		}
	}
	txt_report_free(r);
}

/* rank, then term and n for each group */
static void write_wide(table *t, txt_writer *w, int fmt, long top)
{
	size_t rows = 0, nc = 1 + 2 * t->ng;
	const char **cells = txt_xreallocarray(NULL, nc, sizeof *cells);
	char **heads = txt_xreallocarray(NULL, nc, sizeof *heads);
	char *align = txt_xmalloc(nc + 1);
	cells[0] = "rank";
	align[0] = 'r';
	for (size_t gi = 0; gi < t->ng; gi++) {
		group *g = &t->g[gi];
		heads[gi] = txt_xmalloc(g->nlen + 3);
		snprintf(heads[gi], g->nlen + 3, "%s n", g->name);
		cells[1 + 2 * gi] = g->name;
		cells[2 + 2 * gi] = heads[gi];
		align[1 + 2 * gi] = 'l';
		align[2 + 2 * gi] = 'r';
		if (shown(g, top) > rows)
			rows = shown(g, top);
	}
	align[nc] = '\0';
	txt_report *r = start(w, fmt, cells, nc, align);
	char (*num)[32] = txt_xreallocarray(NULL, nc, sizeof *num);
	for (size_t i = 0; i < rows; i++) {
		snprintf(num[0], 32, "%zu", i + 1);
		cells[0] = num[0];
		for (size_t gi = 0; gi < t->ng; gi++) {
			group *g = &t->g[gi];
			int has = i < shown(g, top);
			if (has)
				snprintf(num[2 + 2 * gi], 32, "%llu", (unsigned long long)g->e[i].n);
			cells[1 + 2 * gi] = has ? txt_map_key(t->terms, g->e[i].term, NULL) : "";
			cells[2 + 2 * gi] = has ? num[2 + 2 * gi] : "";
		}
		put_row(r, w, cells);
	}
	txt_report_free(r);
	txt_strs_free(heads, t->ng);
	txt_free_all(num, align, cells);
}

typedef struct opts {
	const char *by;
	long top;
	int wide, sklearn, nosmooth, disp, sim[TXT_SIM_N];
	size_t nm; /* --similarity's measures */
	scheme sc;
} opts;

/* --similarity's comma-separated measures. */
static size_t measures(const char *arg, int *out)
{
	char *list = txt_xstrdup(arg);
	size_t n = 0;
	for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
		if (n == TXT_SIM_N || (out[n++] = txt_dtm_measure(tok)) < 0)
			txt_usage("--similarity: %s", n == TXT_SIM_N ? "too many measures" : txt_err());
	free(list);
	return n;
}

/* --dispersion, --similarity: whole rows and columns (text_dtm). */
static int by_parts(const char *path, const opts *o, const txt_cli_shared *sh)
{
	if (o->disp && o->nm)
		txt_usage("--dispersion or --similarity, not both");
	txt_dtm *m = txt_dtm_read(path);
	if (!m)
		txt_die_err();
	if (o->by && strcmp(m->by, o->by) != 0)
		txt_die("%s: counted %s%s, not by '%s' (see slant-count --by)", path,
			*m->by ? "by " : "as one group", m->by, o->by);
	if (o->disp && m->pruned)
		txt_die("%s: pruned counts (--min-count, --min-docs) lack some parts' counts", path);
	int digits = sh->digits ? sh->digits : 6;
	txt_writer *w = txt_writer_open(sh->output, sh->wflags);
	if (!w || (o->disp ? txt_dtm_write_dispersion(m, w, sh->format, o->top, digits)
			   : txt_dtm_write_similarity(m, w, sh->format, o->sim, o->nm, digits)) < 0 ||
	    txt_writer_close(w) < 0)
		txt_die_err();
	txt_dtm_free(m);
	return 0;
}

static void option(void *ctx, int c, const char *arg)
{
	static const char *const tf[] = {"count", "log", "prop", NULL}; /* TXT_TF_* */
	opts *o = ctx;
	if (c == 'n')
		o->top = txt_cli_long("-n", arg, 0, 1L << 40);
	else if (c == O_TF)
		o->sc.tf = txt_cli_word("--tf", arg, tf);
	else /* --similarity */
		o->nm = measures(arg, o->sim);
}

static const char *const tfidf[] = {"quanteda", "sklearn", NULL};
static const txt_cli_val VAL[] = {
	TXT_VAL_STR('b', opts, by), TXT_VAL_SET(O_WIDE, opts, wide, 1),
	TXT_VAL_WORD(O_TFIDF, opts, sklearn, tfidf), TXT_VAL_SET(O_NOSMOOTH, opts, nosmooth, 1),
	TXT_VAL_SET(O_L2, opts, sc.l2, 1), TXT_VAL_SET(O_DISP, opts, disp, 1), {0}};

int main(int argc, char **argv)
{
	txt_cli_init("slant-table");
	opts o = {.top = 20, .sc = {TXT_TF_COUNT, TXT_IDF_QUANTEDA, 0, 0}};
	txt_cli_shared sh = {.output = "-"};
	const txt_cli_spec spec = {HELP, TXT_CLI_REPORT, "n:b:", LONG, option, &o, 0, VAL};
	int arg = txt_cli_parse(&spec, argc, argv, &sh);
	if (argc - arg > 1)
		txt_usage("one counts file at a time (merge shards with slant-merge)");
	if (o.disp || o.nm)
		return by_parts(arg < argc ? argv[arg] : "-", &o, &sh);
	if (o.nosmooth && !o.sklearn)
		txt_usage("--no-smooth is sklearn's (quanteda's idf has no smoothing): add --tfidf sklearn");
	o.sc.idf = o.sklearn ? (o.nosmooth ? TXT_IDF_PLAIN : TXT_IDF_SMOOTH) : TXT_IDF_QUANTEDA;
	o.sc.digits = sh.digits;
	table t = {.terms = txt_map_new(1024)};
	read_table(&t, arg < argc ? argv[arg] : "-", o.by);
	sort_terms = t.terms;
	for (size_t i = 0; i < t.ng; i++)
		qsort(t.g[i].e, t.g[i].ne, sizeof *t.g[i].e, by_n);
	txt_writer *w = txt_writer_open(sh.output, sh.wflags);
	if (!w)
		txt_die_err();
	if (o.wide)
		write_wide(&t, w, sh.format, o.top);
	else
		write_long(&t, w, sh.format, o.top, &o.sc);
	if (txt_writer_close(w) < 0)
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
