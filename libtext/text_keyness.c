/* text_keyness: see text_keyness.h. */
#include "text_keyness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_counts.h"
#include "text_err.h"
#include "text_stats.h"
#include "text_tsv.h"

const char *const txt_kn_measures[TXT_KN_NM] = {"chi2", "g2", "lr", "pdiff", "pmi", "logodds"};
const char *const txt_kn_cols[TXT_KN_NM] = {"chi2", "g2", "log_ratio", "pdiff", "pmi",
					    "logodds_z"};

/* ---- options ---- */

static int name_index(const char *s, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

static int check_tidylo(txt_kn_opts *o, const char *corr)
{
	if (o->measure_set && o->measure != TXT_KN_LOGODDS)
		return txt_err_set("--compat tidylo: --measure must be logodds");
	if (o->has_reference || o->has_ref_file || o->fisher || o->all || o->adjust ||
	    o->ci > 0 || o->alpha0 > 0 || corr || o->min_count > 1)
		return txt_err_set("--compat tidylo: each group against all groups, without "
				   "--reference, --ref-file, --fisher, --all, --adjust, --ci, "
				   "--alpha0, --correction or --min-count");
	if (o->prior && strcmp(o->prior, "pooled") != 0 && strcmp(o->prior, "uninformative") != 0)
		return txt_err_set("--compat tidylo: --prior pooled (tidylo's default) or uninformative");
	o->measure = TXT_KN_LOGODDS;
	return 0;
}

int txt_kn_check(txt_kn_opts *o, const char *corr)
{
	if (o->has_reference && o->has_ref_file)
		return txt_err_set("--reference and --ref-file exclude each other");
	if (o->ci > 0 && o->measure != TXT_KN_LR && !o->all)
		return txt_err_set("--ci is the log ratio's: give --measure lr or --all");
	if (o->compat == TXT_KN_TIDYLO)
		return check_tidylo(o, corr);
	if (o->compat) {
		static const char *const qn[] = {"default", "yates", "williams", "none"};
		if (o->measure != TXT_KN_CHI2 && o->measure != TXT_KN_G2 && o->measure != TXT_KN_PMI)
			return txt_err_set("--compat quanteda: --measure must be chi2, g2 or pmi");
		if (o->fisher || o->all || o->adjust)
			return txt_err_set("--compat quanteda: no --fisher, --all or --adjust");
		o->correction = corr ? name_index(corr, qn, 4) : TXT_Q_DEFAULT;
		if (o->correction < 0)
			return txt_err_set("--correction: unknown value '%s'", corr);
		return 0;
	}
	if (!corr)
		o->correction = o->measure == TXT_KN_CHI2 ? 1 : 0;
	else if (strcmp(corr, "none") == 0)
		o->correction = 0;
	else if (strcmp(corr, "yates") == 0 && o->measure == TXT_KN_CHI2)
		o->correction = 1;
	else if (strcmp(corr, "williams") == 0 && o->measure == TXT_KN_G2)
		o->correction = 2;
	else
		return txt_err_set("--correction: '%s' does not apply to --measure %s", corr,
				   txt_kn_measures[o->measure]);
	return 0;
}

/* ---- reading counts ---- */

static void new_group(txt_kn_corpus *cp, const char *name)
{
	if (cp->ng == cp->gcap) {
		cp->gcap = cp->gcap ? 2 * cp->gcap : 16;
		cp->g = txt_xreallocarray(cp->g, cp->gcap, sizeof *cp->g);
	}
	txt_kn_group *g = &cp->g[cp->ng++];
	memset(g, 0, sizeof *g);
	g->name = txt_xstrdup(name);
	g->first = cp->nc;
}

static void add_cell(txt_kn_corpus *cp, const char *term, double n)
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
static int check_meta(txt_kn_corpus *cp, const txt_counts_in *in, const char *path)
{
	static const char *const keys[] = {"tokenizer", "ngrams"};
	for (int i = 0; i < 2; i++) {
		const char *v = txt_counts_meta_get(in, keys[i]);
		if (!v)
			continue;
		if (!cp->meta_path) {
			free(cp->meta[i]);
			cp->meta[i] = txt_xstrdup(v);
		} else if (cp->meta[i] && strcmp(v, cp->meta[i]) != 0) {
			return txt_err_set("%s: %s=%s differs from %s (%s=%s): counts of different "
					   "tokenisations cannot be compared", path, keys[i], v,
					   cp->meta_path, keys[i], cp->meta[i]);
		}
	}
	return 0;
}

/* Counts are read by text_counts' reader, which applies the one validation
 * of the format (plain decimal numbers, sorted unrepeated rows, each group's
 * total row first, no term over its group's total or documents), as every
 * counts reader does. */
int txt_kn_read(txt_kn_corpus *cp, const char *path, int src)
{
	txt_counts_in *in = txt_counts_open(path);
	if (!in)
		return -1;
	int rc = check_meta(cp, in, path) < 0 ? -1 : 1;
	cp->gstart[src] = cp->ng;
	txt_counts_row r;
	while (rc == 1 && (rc = txt_counts_read(in, &r)) == 1) {
		if (r.tlen == 0) {
			new_group(cp, r.group);
			cp->g[cp->ng - 1].total = (double)r.n;
		} else {
			add_cell(cp, r.term, (double)r.n);
		}
	}
	txt_counts_close(in);
	if (rc < 0)
		return -1;
	if (!cp->meta_path)
		cp->meta_path = txt_xstrdup(path);
	cp->ngroups[src] = cp->ng - cp->gstart[src];
	return 0;
}

static int by_term(const void *x, const void *y)
{
	const txt_kn_cell *a = *(txt_kn_cell *const *)x, *b = *(txt_kn_cell *const *)y;
	return strcmp(a->term, b->term);
}

/* Give every distinct term an id in byte order; cells keep only the id. */
void txt_kn_vocab(txt_kn_corpus *cp)
{
	txt_kn_cell **p = txt_xreallocarray(NULL, cp->nc ? cp->nc : 1, sizeof *p);
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

void txt_kn_free(txt_kn_corpus *cp)
{
	for (size_t i = 0; i < cp->ng; i++)
		free(cp->g[i].name);
	for (size_t i = 0; i < cp->nv; i++)
		free(cp->vocab[i]);
	for (size_t i = 0; !cp->vocab && i < cp->nc; i++)
		free(cp->c[i].term);
	txt_free_all(cp->g, cp->c, cp->vocab, cp->meta[0], cp->meta[1],
		cp->meta_path);
}

long txt_kn_find(const txt_kn_corpus *cp, int src, const char *name)
{
	for (size_t i = 0; i < cp->ngroups[src]; i++)
		if (strcmp(cp->g[cp->gstart[src] + i].name, name) == 0)
			return (long)(cp->gstart[src] + i);
	return -1;
}

double txt_kn_add_group(const txt_kn_corpus *cp, size_t gi, double *v)
{
	const txt_kn_group *g = &cp->g[gi];
	for (size_t k = 0; k < g->n; k++)
		v[cp->c[g->first + k].id] += cp->c[g->first + k].n;
	return g->total;
}

double txt_kn_add_source(const txt_kn_corpus *cp, int src, double *v)
{
	double tot = 0;
	for (size_t i = 0; i < cp->ngroups[src]; i++)
		tot += txt_kn_add_group(cp, cp->gstart[src] + i, v);
	return tot;
}

/* ---- scoring ---- */

static double chi2_of(const txt_kn_opts *o, txt_2x2 t)
{
	if (o->compat)
		return txt_stats_q_chi2(t, o->correction);
	return txt_stats_chi2(t, o->correction == 1);
}

static double g2_of(const txt_kn_opts *o, txt_2x2 t)
{
	if (o->compat)
		return txt_stats_q_g2(t, o->correction);
	return txt_stats_g2(t, o->measure == TXT_KN_G2 && o->correction == 2);
}

/* The prior's counts for a term.  Monroe et al.'s pooled prior (a_w =
 * a + b, a0 = N, or rescaled to --alpha0) goes to both sides as they
 * publish it: delta then has the sign of observed minus expected.  A
 * prior not made from the two sides (uninformative, a file) would shrink
 * the smaller side more and could turn a term absent from it towards it,
 * so it is shared in proportion to the sides' sizes: 2 n_side / N of it
 * each (the same as Monroe et al. for equal sizes), which adds the same
 * to both sides' rates and keeps the sign. */
static void prior_for(const txt_kn_opts *o, const txt_kn_prior *pr, const txt_kn_result *r,
		      double nt, double nr, size_t nvc, txt_lo_side *i, txt_lo_side *j)
{
	double aw = 1, a0 = (double)nvc, si = 1, sj = 1;
	if (pr->kind == TXT_KN_POOLED)
		aw = r->a + r->b, a0 = nt + nr;
	else if (pr->kind == TXT_KN_FILE)
		aw = pr->w[r->id] + 1, a0 = pr->total + pr->nv;
	if (pr->kind != TXT_KN_UNINFORMATIVE && o->alpha0 > 0) /* Monroe et al.: a_w = a0 * pi_w */
		aw *= o->alpha0 / a0, a0 = o->alpha0;
	if (pr->kind != TXT_KN_POOLED)
		si = 2 * nt / (nt + nr), sj = 2 * nr / (nt + nr);
	*i = (txt_lo_side){r->a, nt, aw * si, a0 * si};
	*j = (txt_lo_side){r->b, nr, aw * sj, a0 * sj};
}

static void score(const txt_kn_opts *o, const txt_kn_prior *pr, txt_kn_result *r, double nt,
		  double nr, size_t nvc)
{
	txt_2x2 t = txt_2x2_make(r->a, r->b, nt, nr);
	txt_lo_side si, sj;
	prior_for(o, pr, r, nt, nr, nvc, &si, &sj);
	txt_logodds lo = txt_stats_logodds(si, sj, o->variance);
	if (o->ci > 0)
		txt_stats_log_ratio_ci(t, o->ci, &r->lo, &r->hi);
	r->m[TXT_KN_CHI2] = chi2_of(o, t);
	r->m[TXT_KN_G2] = g2_of(o, t);
	r->m[TXT_KN_LR] = txt_stats_log_ratio(t);
	r->m[TXT_KN_PDIFF] = txt_stats_pdiff(t);
	r->m[TXT_KN_PMI] = o->compat ? txt_stats_q_pmi(t) : txt_stats_pmi(t);
	r->m[TXT_KN_LOGODDS] = lo.z;
	r->delta = lo.delta;
	r->score = r->m[o->measure];
	if (o->compat)
		r->p = txt_stats_q_p(r->score);
	else if (o->fisher)
		r->p = txt_stats_fisher_p(t);
	else if (o->measure == TXT_KN_CHI2)
		r->p = txt_stats_chi2_p(r->score);
	else if (o->measure == TXT_KN_LOGODDS)
		r->p = txt_stats_z_p(lo.z);
	else /* g2, and the effect sizes: the p of G2 (Hardie 2014) */
		r->p = txt_stats_chi2_p(r->m[TXT_KN_G2]);
	r->padj = r->p;
}

static char *const *sort_vocab;

/* Highest score first (NaN last), ties by term bytes. */
static int by_score(const void *x, const void *y)
{
	const txt_kn_result *a = x, *b = y;
	int na = isnan(a->score), nb = isnan(b->score);
	if (na != nb)
		return na - nb;
	if (!na && a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(sort_vocab[a->id], sort_vocab[b->id]);
}

static void sort_results(const txt_kn_corpus *cp, txt_kn_result *res, size_t n)
{
	sort_vocab = cp->vocab;
	qsort(res, n, sizeof *res, by_score);
}

static void adjust(txt_kn_result *res, size_t n, int method)
{
	double *p = txt_xreallocarray(NULL, n ? n : 1, sizeof *p);
	for (size_t i = 0; i < n; i++)
		p[i] = res[i].p;
	txt_stats_adjust(p, n, method);
	for (size_t i = 0; i < n; i++)
		res[i].padj = p[i];
	free(p);
}

txt_kn_result *txt_kn_compare(const txt_kn_opts *o, const txt_kn_corpus *cp,
			      const txt_kn_prior *pr, const double *A, double nt,
			      const double *B, double nr, size_t *n)
{
	txt_kn_result *res = txt_xreallocarray(NULL, cp->nv ? cp->nv : 1, sizeof *res);
	size_t nres = 0, nvc = 0;
	for (size_t i = 0; i < cp->nv; i++)
		nvc += A[i] + B[i] > 0;
	for (size_t i = 0; i < cp->nv; i++) {
		double s = A[i] + B[i];
		if (s <= 0 || s < (double)o->min_count)
			continue;
		txt_kn_result *r = &res[nres++];
		r->id = (uint32_t)i, r->a = A[i], r->b = B[i];
		score(o, pr, r, nt, nr, nvc);
	}
	if (o->adjust)
		adjust(res, nres, o->adjust);
	sort_results(cp, res, nres);
	*n = nres;
	return res;
}

txt_kn_result *txt_kn_tidylo(const txt_kn_corpus *cp, int uninformative, size_t **first)
{
	size_t nrows = 0, ng = cp->ngroups[TXT_KN_MAIN], cap;
	for (size_t g = 0; g < ng; g++)
		nrows += cp->g[g].n;
	cap = nrows ? nrows : 1;
	size_t *set = txt_xreallocarray(NULL, cap, sizeof *set);
	size_t *feat = txt_xreallocarray(NULL, cap, sizeof *feat);
	double *n = txt_xreallocarray(NULL, cap, sizeof *n);
	double *delta = txt_xreallocarray(NULL, cap, sizeof *delta);
	double *zeta = txt_xreallocarray(NULL, cap, sizeof *zeta);
	for (size_t g = 0, r = 0; g < ng; g++)
		for (size_t k = 0; k < cp->g[g].n; k++, r++) {
			const txt_kn_cell *c = &cp->c[cp->g[g].first + k];
			set[r] = g, feat[r] = c->id, n[r] = c->n;
		}
	txt_stats_tidylo(n, set, feat, nrows, ng, cp->nv, uninformative, delta, zeta);
	txt_kn_result *res = txt_xcalloc(cap, sizeof *res);
	*first = txt_xreallocarray(NULL, ng + 1, sizeof **first);
	for (size_t r = 0; r < nrows; r++) {
		res[r].id = (uint32_t)feat[r], res[r].a = n[r];
		res[r].score = zeta[r], res[r].delta = delta[r];
	}
	for (size_t g = 0, r = 0; g <= ng; r += g < ng ? cp->g[g].n : 0, g++) {
		(*first)[g] = r;
		if (g < ng)
			sort_results(cp, res + r, cp->g[g].n);
	}
	free(set), free(feat), free(n), free(delta), free(zeta);
	return res;
}
