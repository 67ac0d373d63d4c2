/* slant-keyness: which terms distinguish a group from the rest (or from a
 * reference group or file)?  counts -> report table.  See slant-keyness(1). */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_counts.h"
#include "text_err.h"
#include "text_io.h"
#include "text_report.h"
#include "text_stats.h"
#include "text_tsv.h"

static const char usage_text[] =
	"Usage: slant-keyness [OPTION]... [COUNTS]\n"
	"Score how distinctive each term is for a group of a counts file: each\n"
	"group against the rest, or --target G against --reference G2 or a\n"
	"reference counts file.  COUNTS '-' or none: standard input.\n"
	"\n"
	"  -t, --target=G         only this group as the target\n"
	"  -r, --reference=G      compare with this group instead of the rest\n"
	"  -R, --ref-file=COUNTS  compare with all of this counts file\n"
	"  -m, --measure=M        chi2 (default), g2, lr (log ratio), pdiff, pmi,\n"
	"                         logodds (weighted log-odds z)\n"
	"  -c, --correction=C     chi2: yates (default) or none; g2: williams or\n"
	"                         none (default); with --compat quanteda:\n"
	"                         default, yates, williams, none\n"
	"      --prior=P          logodds prior: pooled (default), uninformative\n"
	"                         (alpha = 1), or a counts FILE\n"
	"      --alpha0=A         scale an informative prior to total A\n"
	"      --variance=V       logodds: monroe (default; Monroe et al. eq. 20)\n"
	"                         or woolf (all four cells)\n"
	"      --ci[=LEVEL]       log ratio's confidence interval (default 0.95)\n"
	"      --fisher           p from Fisher's exact test\n"
	"  -a, --adjust=A         none (default), bonferroni, bh\n"
	"      --min-count=N      only terms with target + reference count >= N\n"
	"  -n, --top=N            the N highest-scoring terms per group (0: all)\n"
	"      --both             with -n, also the N lowest-scoring terms\n"
	"      --all              every measure as a column\n"
	"      --digits=N         significant digits (default 6)\n"
	"      --compat=C         quanteda: reproduce quanteda.textstats\n"
	"                         textstat_keyness; tidylo: tidylo's bind_log_odds\n"
	"                         (each group against all groups)\n"
	"  -F, --format=F         tsv (default), csv, md\n"
	"  -o, --output=FILE      write to FILE (default stdout)\n"
	"  -f, --force            replace an existing FILE\n"
	"  -z, --gzip             compress the output\n"
	"  -q, --quiet            no progress\n"
	"      --help             show this help\n"
	"      --version          show the version\n";

enum { M_CHI2, M_G2, M_LR, M_PDIFF, M_PMI, M_LOGODDS };
static const char *const measure_names[] = {"chi2", "g2", "lr", "pdiff", "pmi", "logodds"};
static const char *const measure_cols[] = {"chi2", "g2", "log_ratio", "pdiff", "pmi", "logodds_z"};

enum { COMPAT_NONE, COMPAT_QUANTEDA, COMPAT_TIDYLO };

typedef struct opts {
	const char *target, *reference, *ref_file, *prior, *out;
	double alpha0, ci;
	int both, measure_set, variance, digits_set;
	int measure, correction, fisher, adjust, all, digits, compat, format, wflags;
	long min_count, top;
} opts;

/* ---- reading counts ---- */

enum { SRC_MAIN, SRC_REF, SRC_PRIOR };

typedef struct group {
	char *name;
	double total;
	int has_total;
	size_t first, n; /* cells[first .. first+n) */
} group;

typedef struct cell {
	char *term; /* until the vocabulary is built */
	uint32_t id;
	double n;
} cell;

typedef struct corpus {
	group *g;
	size_t ng, gcap;
	cell *c;
	size_t nc, ccap;
	size_t ngroups[3]; /* groups per source, in order: main, ref, prior */
	size_t gstart[3];
	char **vocab;
	size_t nv;
	char *meta[2], *meta_path;
} corpus;

static double parse_count(const txt_table *t, const char *s, const char *col)
{
	double v;
	if (txt_parse_double(col, s, 0, 9e15, &v) < 0 || v != floor(v))
		txt_die("%s:%llu: %s '%s' is not a count", txt_table_name(t),
		        (unsigned long long)txt_table_lineno(t), col, s);
	return v;
}

static void new_group(corpus *cp, const char *name)
{
	if (cp->ng == cp->gcap) {
		cp->gcap = cp->gcap ? 2 * cp->gcap : 16;
		cp->g = txt_xreallocarray(cp->g, cp->gcap, sizeof *cp->g);
	}
	group *g = &cp->g[cp->ng++];
	memset(g, 0, sizeof *g);
	g->name = txt_xstrdup(name);
	g->first = cp->nc;
}

static void add_cell(corpus *cp, const char *term, double n)
{
	if (cp->nc == cp->ccap) {
		cp->ccap = cp->ccap ? 2 * cp->ccap : 1024;
		cp->c = txt_xreallocarray(cp->c, cp->ccap, sizeof *cp->c);
	}
	cp->c[cp->nc].term = txt_xstrdup(term);
	cp->c[cp->nc].n = n;
	cp->nc++;
	cp->g[cp->ng - 1].n++;
}

/* Counts of different tokenisations cannot be compared: the first file's
 * tokenizer= and ngrams= metadata rows must match the others'. */
static void check_meta(corpus *cp, const char *kv, const char *path)
{
	static const char *const keys[] = {"tokenizer", "ngrams"};
	for (int i = 0; i < 2; i++) {
		size_t k = strlen(keys[i]);
		if (strncmp(kv, keys[i], k) != 0 || kv[k] != '=')
			continue;
		const char *v = kv + k + 1;
		if (!cp->meta_path) {
			free(cp->meta[i]);
			cp->meta[i] = txt_xstrdup(v);
		} else if (cp->meta[i] && strcmp(v, cp->meta[i]) != 0) {
			txt_die("%s: %s=%s differs from %s (%s=%s): counts of different "
			        "tokenisations cannot be compared", path, keys[i], v, cp->meta_path,
			        keys[i], cp->meta[i]);
		}
	}
}

static int by_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Rows of a group must be together (counts files are sorted by group). */
static void check_contiguous(const corpus *cp, int src, const char *path)
{
	size_t n = cp->ngroups[src];
	char **names = txt_xreallocarray(NULL, n ? n : 1, sizeof *names);
	for (size_t i = 0; i < n; i++)
		names[i] = cp->g[cp->gstart[src] + i].name;
	qsort(names, n, sizeof *names, by_str);
	for (size_t i = 1; i < n; i++)
		if (strcmp(names[i - 1], names[i]) == 0)
			txt_die("%s: the rows of group '%s' are not together: counts files are "
			        "sorted by group", path, names[i]);
	free(names);
}

/* Read one counts file (group term n df; total rows have an empty term). */
static void read_counts(corpus *cp, const char *path, int src)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		txt_die_err();
	long cg = txt_table_need(t, "group", "counts"), ct = txt_table_need(t, "term", "counts");
	long cn = txt_table_need(t, "n", "counts");
	if (cg < 0 || ct < 0 || cn < 0 || txt_table_need(t, "df", "counts") < 0)
		txt_die_err();
	long cd = txt_table_col(t, "df");
	cp->gstart[src] = cp->ng;
	txt_row *row;
	int rc;
	while ((rc = txt_table_next(t, &row)) == 1) {
		const char *gname = row->f[cg].s, *term = row->f[ct].s;
		if (txt_counts_is_meta(gname, term, row->f[cn].s, row->f[cd].s)) {
			check_meta(cp, term, path);
			continue;
		}
		double n = parse_count(t, row->f[cn].s, "n");
		if (cp->ng == cp->gstart[src] || strcmp(cp->g[cp->ng - 1].name, gname) != 0)
			new_group(cp, gname);
		group *g = &cp->g[cp->ng - 1];
		if (*term == '\0') {
			g->total += n;
			g->has_total = 1;
		} else {
			add_cell(cp, term, n);
		}
	}
	if (rc < 0)
		txt_die_err();
	txt_table_close(t);
	if (!cp->meta_path)
		cp->meta_path = txt_xstrdup(path);
	cp->ngroups[src] = cp->ng - cp->gstart[src];
	check_contiguous(cp, src, path);
	/* Counts without total rows (made by hand): the total is the sum. */
	for (size_t i = cp->gstart[src]; i < cp->ng; i++)
		if (!cp->g[i].has_total)
			for (size_t k = 0; k < cp->g[i].n; k++)
				cp->g[i].total += cp->c[cp->g[i].first + k].n;
}

static int by_term(const void *x, const void *y)
{
	const cell *a = *(cell *const *)x, *b = *(cell *const *)y;
	return strcmp(a->term, b->term);
}

/* Give every distinct term an id in byte order; cells keep only the id. */
static void build_vocab(corpus *cp)
{
	cell **p = txt_xreallocarray(NULL, cp->nc ? cp->nc : 1, sizeof *p);
	for (size_t i = 0; i < cp->nc; i++)
		p[i] = &cp->c[i];
	qsort(p, cp->nc, sizeof *p, by_term);
	cp->vocab = txt_xreallocarray(NULL, cp->nc ? cp->nc : 1, sizeof *cp->vocab);
	cp->nv = 0;
	for (size_t i = 0; i < cp->nc; i++) {
		if (cp->nv == 0 || strcmp(cp->vocab[cp->nv - 1], p[i]->term) != 0)
			cp->vocab[cp->nv++] = p[i]->term;
		else
			free(p[i]->term);
		p[i]->id = (uint32_t)(cp->nv - 1);
		p[i]->term = NULL;
	}
	free(p);
}

static void corpus_free(corpus *cp)
{
	for (size_t i = 0; i < cp->ng; i++)
		free(cp->g[i].name);
	for (size_t i = 0; i < cp->nv; i++)
		free(cp->vocab[i]);
	free(cp->g);
	free(cp->c);
	free(cp->vocab);
	free(cp->meta[0]);
	free(cp->meta[1]);
	free(cp->meta_path);
}

static long find_group(const corpus *cp, int src, const char *name)
{
	for (size_t i = 0; i < cp->ngroups[src]; i++)
		if (strcmp(cp->g[cp->gstart[src] + i].name, name) == 0)
			return (long)(cp->gstart[src] + i);
	return -1;
}

/* v[id] += counts of group gi; returns its total. */
static double add_group(const corpus *cp, size_t gi, double *v)
{
	const group *g = &cp->g[gi];
	for (size_t k = 0; k < g->n; k++)
		v[cp->c[g->first + k].id] += cp->c[g->first + k].n;
	return g->total;
}

static double add_source(const corpus *cp, int src, double *v)
{
	double tot = 0;
	for (size_t i = 0; i < cp->ngroups[src]; i++)
		tot += add_group(cp, cp->gstart[src] + i, v);
	return tot;
}

/* ---- scoring ---- */

typedef struct result {
	uint32_t id;
	double a, b, score, p, padj;
	double m[6], delta, lo, hi;
} result;

typedef struct prior {
	const double *w; /* prior counts per term, or NULL */
	double total, nv;
	int kind; /* 0 pooled, 1 uninformative, 2 file */
} prior;

static double chi2_of(const opts *o, txt_2x2 t)
{
	if (o->compat)
		return txt_stats_q_chi2(t, o->correction);
	return txt_stats_chi2(t, o->correction == 1);
}

static double g2_of(const opts *o, txt_2x2 t)
{
	if (o->compat)
		return txt_stats_q_g2(t, o->correction);
	return txt_stats_g2(t, o->measure == M_G2 && o->correction == 2);
}

/* The prior's counts for a term.  Monroe et al.'s pooled prior (a_w =
 * a + b, a0 = N, or rescaled to --alpha0) goes to both sides as they
 * publish it: delta then has the sign of observed minus expected.  A
 * prior not made from the two sides (uninformative, a file) would shrink
 * the smaller side more and could turn a term absent from it towards it,
 * so it is shared in proportion to the sides' sizes: 2 n_side / N of it
 * each (the same as Monroe et al. for equal sizes), which adds the same
 * to both sides' rates and keeps the sign. */
static void prior_for(const opts *o, const prior *pr, const result *r, double nt, double nr,
                      size_t nvc, txt_lo_side *i, txt_lo_side *j)
{
	double aw = 1, a0 = (double)nvc, si = 1, sj = 1;
	if (pr->kind == 0)
		aw = r->a + r->b, a0 = nt + nr;
	else if (pr->kind == 2)
		aw = pr->w[r->id] + 1, a0 = pr->total + pr->nv;
	if (pr->kind != 1 && o->alpha0 > 0) /* Monroe et al.: a_w = a0 * pi_w */
		aw *= o->alpha0 / a0, a0 = o->alpha0;
	if (pr->kind != 0)
		si = 2 * nt / (nt + nr), sj = 2 * nr / (nt + nr);
	*i = (txt_lo_side){r->a, nt, aw * si, a0 * si};
	*j = (txt_lo_side){r->b, nr, aw * sj, a0 * sj};
}

static void score(const opts *o, const prior *pr, result *r, double nt, double nr, size_t nvc)
{
	txt_2x2 t = txt_2x2_make(r->a, r->b, nt, nr);
	txt_lo_side si, sj;
	prior_for(o, pr, r, nt, nr, nvc, &si, &sj);
	txt_logodds lo = txt_stats_logodds(si, sj, o->variance);
	if (o->ci > 0)
		txt_stats_log_ratio_ci(t, o->ci, &r->lo, &r->hi);
	r->m[M_CHI2] = chi2_of(o, t);
	r->m[M_G2] = g2_of(o, t);
	r->m[M_LR] = txt_stats_log_ratio(t);
	r->m[M_PDIFF] = txt_stats_pdiff(t);
	r->m[M_PMI] = o->compat ? txt_stats_q_pmi(t) : txt_stats_pmi(t);
	r->m[M_LOGODDS] = lo.z;
	r->delta = lo.delta;
	r->score = r->m[o->measure];
	if (o->compat)
		r->p = txt_stats_q_p(r->score);
	else if (o->fisher)
		r->p = txt_stats_fisher_p(t);
	else if (o->measure == M_CHI2)
		r->p = txt_stats_chi2_p(r->score);
	else if (o->measure == M_LOGODDS)
		r->p = txt_stats_z_p(lo.z);
	else /* g2, and the effect sizes: the p of G2 (Hardie 2014) */
		r->p = txt_stats_chi2_p(r->m[M_G2]);
	r->padj = r->p;
}

static char *const *sort_vocab;

/* Highest score first (NaN last), ties by term bytes. */
static int by_score(const void *x, const void *y)
{
	const result *a = x, *b = y;
	int na = isnan(a->score), nb = isnan(b->score);
	if (na != nb)
		return na - nb;
	if (!na && a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(sort_vocab[a->id], sort_vocab[b->id]);
}

/* ---- output ---- */

typedef struct out {
	txt_report *rep;
	const opts *o;
} out;

static void write_header(out *w, txt_writer *tw)
{
	const char *cols[20];
	size_t n = 0;
	cols[n++] = "group";
	if (w->o->compat == COMPAT_TIDYLO) {
		cols[n++] = "term";
		cols[n++] = "n";
		cols[n++] = "log_odds_weighted";
		cols[n++] = "log_odds";
	} else if (w->o->compat) {
		cols[n++] = "feature";
		cols[n++] = w->o->measure == M_G2 ? "G2" : measure_cols[w->o->measure];
		cols[n++] = "p";
		cols[n++] = "n_target";
		cols[n++] = "n_reference";
	} else {
		const char *base[] = {"term", "n_target", "n_reference", "pm_target", "pm_reference"};
		for (size_t i = 0; i < 5; i++)
			cols[n++] = base[i];
		if (w->o->all) {
			for (size_t i = 0; i < 6; i++)
				cols[n++] = measure_cols[i];
			cols[n++] = "logodds_delta";
		} else {
			cols[n++] = measure_cols[w->o->measure];
		}
		if (w->o->ci > 0) {
			cols[n++] = "log_ratio_lo";
			cols[n++] = "log_ratio_hi";
		}
		cols[n++] = "p";
		if (w->o->adjust)
			cols[n++] = "p_adj";
	}
	w->rep = txt_report_new(tw, w->o->format, cols, n, "llrrrrrrrrrrrrrrrrrr"); /* numbers right */
	if (!w->rep)
		txt_die_err();
}

/* Rates for people: two decimals, unless --digits asks for more. */
static const char *per_million(char *buf, double x, double total, int digits)
{
	if (total <= 0)
		return "NA";
	if (digits)
		return txt_report_num(buf, 1e6 * x / total, digits);
	snprintf(buf, 32, "%.2f", 1e6 * x / total);
	return buf;
}

static void write_row(out *w, txt_writer *tw, const char *gname, const char *term,
                      const result *r, double nt, double nr)
{
	char buf[16][32];
	const char *cells[20];
	size_t n = 0, k = 0;
	int dg = w->o->digits;
	cells[n++] = gname;
	if (w->o->compat == COMPAT_TIDYLO) {
		cells[n++] = term;
		cells[n++] = txt_report_num(buf[k++], r->a, 17);
		cells[n++] = txt_report_num(buf[k++], r->score, dg);
		cells[n++] = txt_report_num(buf[k++], r->delta, dg);
	} else if (w->o->compat) {
		cells[n++] = term;
		cells[n++] = txt_report_num(buf[k++], r->score, dg);
		cells[n++] = txt_report_num(buf[k++], r->p, dg);
		cells[n++] = txt_report_num(buf[k++], r->a, 17);
		cells[n++] = txt_report_num(buf[k++], r->b, 17);
	} else {
		cells[n++] = term;
		cells[n++] = txt_report_num(buf[k++], r->a, 17);
		cells[n++] = txt_report_num(buf[k++], r->b, 17);
		cells[n++] = per_million(buf[k++], r->a, nt, w->o->digits_set ? dg : 0);
		cells[n++] = per_million(buf[k++], r->b, nr, w->o->digits_set ? dg : 0);
		if (w->o->all) {
			for (size_t i = 0; i < 6; i++)
				cells[n++] = txt_report_num(buf[k++], r->m[i], dg);
			cells[n++] = txt_report_num(buf[k++], r->delta, dg);
		} else {
			cells[n++] = txt_report_num(buf[k++], r->score, dg);
		}
		if (w->o->ci > 0) {
			cells[n++] = txt_report_num(buf[k++], r->lo, dg);
			cells[n++] = txt_report_num(buf[k++], r->hi, dg);
		}
		cells[n++] = txt_report_num(buf[k++], r->p, dg);
		if (w->o->adjust)
			cells[n++] = txt_report_num(buf[k++], r->padj, dg);
	}
	if (txt_report_row(w->rep, cells) < 0)
		txt_die("%s: %s", txt_writer_name(tw), txt_err());
}

/* A comparison's rows, highest score first: the top N (and with --both
 * the bottom N). */
static void write_sorted(const opts *o, const corpus *cp, const char *gname, result *res,
                         size_t nr_res, double nt, double nr, out *w, txt_writer *tw)
{
	sort_vocab = cp->vocab;
	qsort(res, nr_res, sizeof *res, by_score);
	size_t lim = o->top > 0 && (size_t)o->top < nr_res ? (size_t)o->top : nr_res;
	size_t from = o->both && nr_res - lim > lim ? nr_res - lim : lim;
	for (size_t i = 0; i < lim; i++)
		write_row(w, tw, gname, cp->vocab[res[i].id], &res[i], nt, nr);
	for (size_t i = from; o->both && i < nr_res; i++) /* the other end, in order */
		write_row(w, tw, gname, cp->vocab[res[i].id], &res[i], nt, nr);
}

/* One comparison: target vector A (total nt) against B (total nr). */
static void compare(const opts *o, const corpus *cp, const prior *pr, const char *gname,
                    const double *A, double nt, const double *B, double nr,
                    out *w, txt_writer *tw)
{
	result *res = txt_xreallocarray(NULL, cp->nv ? cp->nv : 1, sizeof *res);
	size_t nr_res = 0, nvc = 0;
	for (size_t i = 0; i < cp->nv; i++)
		nvc += A[i] + B[i] > 0;
	for (size_t i = 0; i < cp->nv; i++) {
		double s = A[i] + B[i];
		if (s <= 0 || s < (double)o->min_count)
			continue;
		result *r = &res[nr_res++];
		r->id = (uint32_t)i, r->a = A[i], r->b = B[i];
		score(o, pr, r, nt, nr, nvc);
	}
	if (o->adjust) {
		double *p = txt_xreallocarray(NULL, nr_res ? nr_res : 1, sizeof *p);
		for (size_t i = 0; i < nr_res; i++)
			p[i] = res[i].p;
		txt_stats_adjust(p, nr_res, o->adjust);
		for (size_t i = 0; i < nr_res; i++)
			res[i].padj = p[i];
		free(p);
	}
	write_sorted(o, cp, gname, res, nr_res, nt, nr, w, tw);
	free(res);
}

/* --compat tidylo: every group's rows against all groups (tidylo's
 * bind_log_odds over the whole counts file), then each group's rows as
 * one comparison. */
static void run_tidylo(const opts *o, const corpus *cp, int uninformative, out *w, txt_writer *tw)
{
	size_t nrows = 0, ng = cp->ngroups[SRC_MAIN];
	for (size_t g = 0; g < ng; g++)
		nrows += cp->g[g].n;
	size_t *set = txt_xreallocarray(NULL, nrows ? nrows : 1, sizeof *set);
	size_t *feat = txt_xreallocarray(NULL, nrows ? nrows : 1, sizeof *feat);
	double *n = txt_xreallocarray(NULL, nrows ? nrows : 1, sizeof *n);
	double *delta = txt_xreallocarray(NULL, nrows ? nrows : 1, sizeof *delta);
	double *zeta = txt_xreallocarray(NULL, nrows ? nrows : 1, sizeof *zeta);
	for (size_t g = 0, r = 0; g < ng; g++)
		for (size_t k = 0; k < cp->g[g].n; k++, r++) {
			const cell *c = &cp->c[cp->g[g].first + k];
			set[r] = g, feat[r] = c->id, n[r] = c->n;
		}
	txt_stats_tidylo(n, set, feat, nrows, ng, cp->nv, uninformative, delta, zeta);
	result *res = txt_xreallocarray(NULL, nrows ? nrows : 1, sizeof *res);
	for (size_t g = 0, r = 0; g < ng; r += cp->g[g].n, g++) {
		if (o->target && strcmp(cp->g[g].name, o->target) != 0)
			continue;
		for (size_t k = 0; k < cp->g[g].n; k++) {
			memset(&res[k], 0, sizeof res[k]);
			res[k].id = (uint32_t)feat[r + k], res[k].a = n[r + k];
			res[k].score = zeta[r + k], res[k].delta = delta[r + k];
		}
		write_sorted(o, cp, cp->g[g].name, res, cp->g[g].n, 0, 0, w, tw);
	}
	free(set), free(feat), free(n), free(delta), free(zeta), free(res);
}

/* ---- options ---- */

static int pick(const char *opt, const char *s, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	txt_usage("%s: unknown value '%s'", opt, s);
}

static void parse_opts(int argc, char **argv, opts *o, const char **correction)
{
	static const struct option lo[] = {
		{"target", required_argument, 0, 't'}, {"reference", required_argument, 0, 'r'},
		{"ref-file", required_argument, 0, 'R'}, {"measure", required_argument, 0, 'm'},
		{"correction", required_argument, 0, 'c'}, {"prior", required_argument, 0, 'P'},
		{"fisher", no_argument, 0, 'E'}, {"alpha0", required_argument, 0, 'L'}, {"adjust", required_argument, 0, 'a'},
		{"min-count", required_argument, 0, 'M'}, {"top", required_argument, 0, 'n'},
		{"all", no_argument, 0, 'A'}, {"both", no_argument, 0, 'H'}, {"digits", required_argument, 0, 'D'},
		{"compat", required_argument, 0, 'C'}, {"format", required_argument, 0, 'F'},
		{"output", required_argument, 0, 'o'}, {"force", no_argument, 0, 'f'},
		{"gzip", no_argument, 0, 'z'}, {"quiet", no_argument, 0, 'q'},
		{"variance", required_argument, 0, 'W'}, {"ci", optional_argument, 0, 'I'},
		{"help", no_argument, 0, 'h'}, {"version", no_argument, 0, 'V'}, {0, 0, 0, 0}};
	static const char *const adj[] = {"none", "bonferroni", "bh"};
	static const char *const var[] = {"monroe", "woolf"};
	static const char *const compat[] = {"none", "quanteda", "tidylo"};
	int c;
	while ((c = getopt_long(argc, argv, "t:r:R:m:c:a:n:F:o:fzq", lo, NULL)) != -1) {
		switch (c) {
		case 't': o->target = optarg; break;
		case 'r': o->reference = optarg; break;
		case 'R': o->ref_file = optarg; break;
		case 'm':
			o->measure = strcmp(optarg, "log-ratio") == 0 ? M_LR
			             : pick("--measure", optarg, measure_names, 6);
			o->measure_set = 1;
			break;
		case 'W': o->variance = pick("--variance", optarg, var, 2); break;
		case 'I':
			o->ci = 0.95;
			if (optarg && txt_parse_double("--ci", optarg, 1e-6, 1 - 1e-12, &o->ci) < 0)
				txt_usage("%s", txt_err());
			break;
		case 'c': *correction = optarg; break;
		case 'P': o->prior = optarg; break;
		case 'E': o->fisher = 1; break;
		case 'L':
			if (txt_parse_double("--alpha0", optarg, 1e-9, 1e300, &o->alpha0) < 0)
				txt_usage("%s", txt_err());
			break;
		case 'a': o->adjust = pick("--adjust", optarg, adj, 3); break;
		case 'M':
			if (txt_parse_long("--min-count", optarg, 0, LONG_MAX, &o->min_count) < 0)
				txt_usage("%s", txt_err());
			break;
		case 'n':
			if (txt_parse_long("--top", optarg, 0, LONG_MAX, &o->top) < 0)
				txt_usage("%s", txt_err());
			break;
		case 'A': o->all = 1; break;
		case 'H': o->both = 1; break;
		case 'D':
			o->digits = txt_cli_digits(optarg);
			o->digits_set = 1;
			break;
		case 'C': o->compat = pick("--compat", optarg, compat, 3); break;
		case 'F':
			if ((o->format = txt_report_format(optarg)) < 0)
				txt_usage("%s", txt_err());
			break;
		case 'o': o->out = optarg; break;
		case 'f': o->wflags |= TXT_W_FORCE; break;
		case 'z': o->wflags |= TXT_W_GZIP; break;
		case 'q': txt_progress_quiet(1); break;
		case 'h': txt_cli_help(usage_text);
		case 'V': txt_cli_version();
		default: txt_usage("unknown option");
		}
	}
}

/* Correction names -> 0 none, 1 yates, 2 williams; quanteda: TXT_Q_*. */
static void check_opts(opts *o, const char *corr)
{
	if (o->reference && o->ref_file)
		txt_usage("--reference and --ref-file exclude each other");
	if (o->reference && !o->target)
		txt_usage("--reference needs --target");
	if (o->ci > 0 && o->measure != M_LR && !o->all)
		txt_usage("--ci is the log ratio's: give --measure lr or --all");
	if (o->compat == COMPAT_TIDYLO) {
		if (o->measure_set && o->measure != M_LOGODDS)
			txt_usage("--compat tidylo: --measure must be logodds");
		if (o->reference || o->ref_file || o->fisher || o->all || o->adjust || o->ci > 0 ||
		    o->alpha0 > 0 || corr || o->min_count > 1)
			txt_usage("--compat tidylo: each group against all groups, without --reference, "
			          "--ref-file, --fisher, --all, --adjust, --ci, --alpha0, --correction "
			          "or --min-count");
		if (o->prior && strcmp(o->prior, "pooled") != 0 && strcmp(o->prior, "uninformative") != 0)
			txt_usage("--compat tidylo: --prior pooled (tidylo's default) or uninformative");
		o->measure = M_LOGODDS;
		return;
	}
	if (o->compat) {
		static const char *const qn[] = {"default", "yates", "williams", "none"};
		if (o->measure != M_CHI2 && o->measure != M_G2 && o->measure != M_PMI)
			txt_usage("--compat quanteda: --measure must be chi2, g2 or pmi");
		if (o->fisher || o->all || o->adjust)
			txt_usage("--compat quanteda: no --fisher, --all or --adjust");
		o->correction = corr ? pick("--correction", corr, qn, 4) : TXT_Q_DEFAULT;
		return;
	}
	if (!corr) {
		o->correction = o->measure == M_CHI2 ? 1 : 0;
	} else if (strcmp(corr, "none") == 0) {
		o->correction = 0;
	} else if (strcmp(corr, "yates") == 0 && o->measure == M_CHI2) {
		o->correction = 1;
	} else if (strcmp(corr, "williams") == 0 && o->measure == M_G2) {
		o->correction = 2;
	} else {
		txt_usage("--correction: '%s' does not apply to --measure %s", corr,
		          measure_names[o->measure]);
	}
}

static void run_all(const opts *o, corpus *cp, const prior *pr, txt_writer *tw)
{
	size_t nv = cp->nv ? cp->nv : 1;
	double *A = txt_xcalloc(nv, sizeof *A), *B = txt_xcalloc(nv, sizeof *B);
	double *T = txt_xcalloc(nv, sizeof *T), *R = NULL;
	double tot = add_source(cp, SRC_MAIN, T), rtot = 0;
	if (o->ref_file) {
		R = txt_xcalloc(nv, sizeof *R);
		rtot = add_source(cp, SRC_REF, R);
	}
	out w = {NULL, o};
	write_header(&w, tw);
	if (o->compat == COMPAT_TIDYLO)
		run_tidylo(o, cp, pr->kind == 1, &w, tw);
	for (size_t gi = 0; o->compat != COMPAT_TIDYLO && gi < cp->ngroups[SRC_MAIN]; gi++) {
		const char *gname = cp->g[gi].name;
		if (o->target && strcmp(gname, o->target) != 0)
			continue;
		memset(A, 0, nv * sizeof *A);
		memset(B, 0, nv * sizeof *B);
		double nt = add_group(cp, gi, A), nr;
		if (o->ref_file) {
			memcpy(B, R, nv * sizeof *B);
			nr = rtot;
		} else if (o->reference) {
			nr = add_group(cp, (size_t)find_group(cp, SRC_MAIN, o->reference), B);
		} else {
			for (size_t i = 0; i < cp->nv; i++)
				B[i] = T[i] - A[i];
			nr = tot - nt;
		}
		compare(o, cp, pr, gname, A, nt, B, nr, &w, tw);
	}
	txt_report_free(w.rep);
	free(A), free(B), free(T), free(R);
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-keyness");
	opts o = {0};
	o.digits = 6;
	o.min_count = 1;
	const char *corr = NULL;
	parse_opts(argc, argv, &o, &corr);
	check_opts(&o, corr);
	if (argc - optind > 1)
		txt_usage("one COUNTS file at most");
	const char *in = optind < argc ? argv[optind] : "-";

	corpus cp = {0};
	read_counts(&cp, in, SRC_MAIN);
	if (o.ref_file)
		read_counts(&cp, o.ref_file, SRC_REF);
	prior pr = {NULL, 0, 0, 0};
	double *pw = NULL;
	if (o.prior && strcmp(o.prior, "uninformative") == 0)
		pr.kind = 1;
	else if (o.prior && strcmp(o.prior, "pooled") != 0)
		pr.kind = 2, read_counts(&cp, o.prior, SRC_PRIOR);
	build_vocab(&cp);
	if (pr.kind == 2) {
		pw = txt_xcalloc(cp.nv ? cp.nv : 1, sizeof *pw);
		pr.total = add_source(&cp, SRC_PRIOR, pw);
		pr.w = pw, pr.nv = (double)cp.nv;
	}

	if (o.target && find_group(&cp, SRC_MAIN, o.target) < 0)
		txt_die("%s: no group '%s'", in, o.target);
	if (o.reference && find_group(&cp, SRC_MAIN, o.reference) < 0)
		txt_die("%s: no group '%s'", in, o.reference);
	if (!o.ref_file && !o.reference && cp.ngroups[SRC_MAIN] < 2)
		txt_die("%s: one group only: give --ref-file to compare it with", in);

	txt_writer *tw = txt_writer_open(o.out, o.wflags);
	if (!tw)
		txt_die_err();
	run_all(&o, &cp, &pr, tw);
	if (txt_writer_close(tw) < 0)
		txt_die_err();
	free(pw);
	corpus_free(&cp);
	return 0;
}
