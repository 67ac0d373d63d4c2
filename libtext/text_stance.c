/* text_stance: see text_stance.h. */
#include "text_stance.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_err.h"
#include "text_report.h"

/* ---- labelled documents ---- */

static char *field_dup(const txt_row *r, long col)
{
	return col < 0 ? NULL : txt_xstrndup(r->f[col].s, r->f[col].len);
}

static void docs_grow(txt_stance_docs *d)
{
	d->cap = d->cap ? d->cap * 2 : 256;
	d->text = txt_xreallocarray(d->text, d->cap, sizeof *d->text);
	d->tlen = txt_xreallocarray(d->tlen, d->cap, sizeof *d->tlen);
	d->label = txt_xreallocarray(d->label, d->cap, sizeof *d->label);
	d->group = txt_xreallocarray(d->group, d->cap, sizeof *d->group);
	d->fold = txt_xreallocarray(d->fold, d->cap, sizeof *d->fold);
}

static int read_rows(txt_stance_docs *d, txt_table *t, const txt_stance_cols *c, size_t *skipped)
{
	long ct = txt_table_need(t, c->text, "docs");
	long cl = c->label ? txt_table_need(t, c->label, "labelled docs") : -1;
	long cg = c->group ? txt_table_need(t, c->group, "docs") : -1;
	long cf = c->fold ? txt_table_need(t, c->fold, "docs") : -1;
	if (ct < 0 || (c->label && cl < 0) || (c->group && cg < 0) || (c->fold && cf < 0))
		return -1;
	txt_row *r;
	int rc;
	while ((rc = txt_table_next(t, &r)) == 1) {
		if (cl >= 0 && r->f[cl].len == 0) {
			(*skipped)++;
			continue;
		}
		if (d->n == d->cap)
			docs_grow(d);
		d->text[d->n] = field_dup(r, ct);
		d->tlen[d->n] = r->f[ct].len;
		d->label[d->n] = field_dup(r, cl);
		d->group[d->n] = cg >= 0 ? field_dup(r, cg) : txt_xstrdup("");
		d->fold[d->n] = field_dup(r, cf);
		d->n++;
	}
	return rc;
}

int txt_stance_read(txt_stance_docs *d, const char *path, const txt_stance_cols *cols,
                    size_t *skipped)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		return -1;
	d->cols = *cols;
	*skipped = 0;
	int rc = read_rows(d, t, cols, skipped);
	txt_table_close(t);
	return rc < 0 ? -1 : 0;
}

void txt_stance_docs_free(txt_stance_docs *d)
{
	for (size_t i = 0; i < d->n; i++)
		txt_free_all(d->text[i], d->label[i], d->group[i], d->fold[i]);
	txt_free_all(d->text, d->tlen, d->label, d->group, d->fold);
	memset(d, 0, sizeof *d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int txt_stance_distinct(char **v, const size_t *rows, size_t n, char ***out, int *idx)
{
	char **u = txt_xmalloc((n ? n : 1) * sizeof *u);
	for (size_t i = 0; i < n; i++)
		u[i] = v[rows ? rows[i] : i];
	qsort(u, n, sizeof *u, cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || strcmp(u[k - 1], u[i]) != 0)
			u[k++] = u[i];
	for (size_t i = 0; idx && i < n; i++) {
		char **hit = bsearch(&v[rows ? rows[i] : i], u, k, sizeof *u, cmp_str);
		idx[i] = (int)(hit - u);
	}
	*out = u;
	return (int)k;
}

/* ---- training ---- */

void txt_stance_opts_default(txt_stance_opts *o)
{
	memset(o, 0, sizeof *o);
	txt_feat_opts_default(&o->fo);
	txt_svm_opts_default(&o->so);
	o->nb_mode = -1;
	o->cs[0] = 1.0;
	o->nc = 1;
	o->grid_folds = 5;
	o->metric = "accuracy";
}

int txt_stance_weights_parse(txt_stance_opts *o, const char *spec)
{
	free(o->weight);
	o->weight = NULL;
	o->nweight = 0;
	o->balanced = !strcmp(spec, "balanced");
	if (o->balanced || !strcmp(spec, "none"))
		return 0;
	for (const char *p = spec; *p;) {
		size_t n = strcspn(p, ",");
		char item[256];
		snprintf(item, sizeof item, "%.*s", (int)n, p);
		const char *eq = n < sizeof item ? strrchr(item, '=') : NULL;
		if (n && !eq)
			return txt_err_set("--class-weight: '%s' is not LABEL=WEIGHT", item);
		if (n) {
			o->weight = txt_xreallocarray(o->weight, o->nweight + 1, sizeof *o->weight);
			txt_stance_weight *w = &o->weight[o->nweight++];
			*w = (txt_stance_weight){p, (size_t)(eq - item), 0};
			if (txt_parse_double("--class-weight", eq + 1, 1e-9, 1e9, &w->w) < 0)
				return -1;
		}
		p += n + (p[n] == ',');
	}
	return 0;
}

/* Per-class weights, others 1; NULL when none are given. */
static double *class_weights(const txt_stance_opts *o, char **labels, int k)
{
	if (!o->nweight)
		return NULL;
	double *w = txt_xmalloc((size_t)k * sizeof *w);
	for (int i = 0; i < k; i++)
		w[i] = 1.0;
	for (size_t j = 0; j < o->nweight; j++) {
		const txt_stance_weight *x = &o->weight[j];
		int c = -1;
		for (int i = 0; i < k; i++)
			if (strlen(labels[i]) == x->len && !memcmp(labels[i], x->label, x->len))
				c = i;
		if (c < 0) {
			free(w);
			txt_err_set("--class-weight: '%.*s' is not a label of the training data",
			            (int)x->len, x->label);
			return (double *)-1;
		}
		w[c] = x->w;
	}
	return w;
}

/* Options as they apply to one labelled set with k classes; *wbuf: the
 * class weights, freed by the caller. */
static int setup_for(const txt_stance_opts *o, char **labels, int k, txt_feat_opts *fo,
                     txt_svm_opts *so, double **wbuf)
{
	*fo = o->fo;
	fo->nb = o->nb_mode < 0 ? k == 2 : o->nb_mode;
	if (fo->nb && k != 2)
		return txt_err_set("--nb on needs exactly two labels, found %d", k);
	*so = o->so;
	so->balanced = o->balanced;
	*wbuf = class_weights(o, labels, k);
	if (*wbuf == (double *)-1) {
		*wbuf = NULL;
		return -1;
	}
	so->weight = *wbuf;
	return 0;
}

static void progress(const txt_stance_opts *o, const char *what, const char *group)
{
	if (o->progress)
		o->progress(what, group);
}

/* txt_svm_cv's folds as "WHAT fold F/K" through o->progress. */
struct fold_note {
	const txt_stance_opts *o;
	const char *what, *group;
};

static void fold_progress(void *arg, int f, int k)
{
	const struct fold_note *n = arg;
	char what[96];
	snprintf(what, sizeof what, "%s fold %d/%d", n->what, f, k);
	progress(n->o, what, n->group);
}

static void watch_folds(const txt_stance_opts *o, txt_svm_opts *so, struct fold_note *n,
			const char *what, const char *group)
{
	*n = (struct fold_note){o, what, group};
	if (o->progress) {
		so->progress = fold_progress;
		so->progress_arg = n;
	}
}

/* Choose C (and gamma) by stratified cross-validation on the grid. */
static int choose_grid(const txt_stance_opts *o, const txt_feat_opts *fo, const txt_svm_opts *so,
                       const txt_feat_corpus *c, const int *y, int k, char **labels,
                       const char *group, double *bc, double *bg)
{
	int ng = o->ngamma ? o->ngamma : 1;
	*bc = o->cs[0];
	*bg = o->ngamma ? o->gammas[0] : so->gamma;
	if (o->nc * ng == 1)
		return 0;
	size_t n = txt_feat_corpus_size(c);
	int *fold = txt_xmalloc(n * sizeof *fold);
	txt_svm_folds(y, n, o->grid_folds, so->seed, fold);
	uint64_t *conf = txt_xcalloc((size_t)(o->nc * ng * k * k), sizeof *conf);
	txt_svm_metric m;
	txt_svm_opts sw = *so;
	struct fold_note note;
	watch_folds(o, &sw, &note, "grid", group);
	int rc = txt_svm_cv(fo, &sw, c, y, k, fold, o->grid_folds, o->cs, o->nc,
	                    o->ngamma ? o->gammas : NULL, ng, conf, NULL);
	if (rc == 0 && txt_svm_metric_parse(o->metric, labels, k, &m) < 0) {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", txt_err());
		rc = txt_err_set("--metric: %s", msg);
	}
	double best = -1;
	for (int g = 0; rc == 0 && g < o->nc * ng; g++) {
		double v = txt_svm_metric_value(&m, conf + (size_t)g * (size_t)(k * k), k);
		if (v > best) { /* ties keep the first grid point */
			best = v;
			*bc = o->cs[g % o->nc];
			*bg = o->ngamma ? o->gammas[g / o->nc] : so->gamma;
		}
	}
	free(conf);
	free(fold);
	return rc;
}

/* Features and model of one group: rows[0..n) of d. */
static int train_group(const txt_stance_opts *o, const txt_stance_docs *d, const size_t *rows,
                       size_t n, const char *gname, txt_tok *tok, txt_svm_group *g,
                       txt_svm_bundle *b)
{
	int *y = txt_xmalloc((n ? n : 1) * sizeof *y), rc = -1;
	char **labels;
	int k = txt_stance_distinct(d->label, rows, n, &labels, y);
	txt_feat_opts fo;
	txt_svm_opts so;
	double *wbuf = NULL;
	txt_feat_corpus *c = NULL;
	txt_fmat *x = NULL;
	size_t *all = txt_xmalloc((n ? n : 1) * sizeof *all);
	g->name = txt_xstrdup(gname);
	if (k < 2) {
		txt_err_set("%s%s%s: need at least two labels to train, found %d",
		            *gname ? "group '" : "", gname, *gname ? "'" : "", k);
		goto out;
	}
	if (setup_for(o, labels, k, &fo, &so, &wbuf) < 0)
		goto out;
	progress(o, "features", gname);
	c = txt_feat_corpus_new(&fo, tok);
	for (size_t i = 0; i < n; i++)
		txt_feat_corpus_add(c, d->text[rows[i]], d->tlen[rows[i]]);
	progress(o, "grid", gname);
	if (choose_grid(o, &fo, &so, c, y, k, labels, gname, &g->c, &g->gamma) < 0)
		goto out;
	so.c = g->c;
	so.gamma = g->gamma;
	for (size_t i = 0; i < n; i++)
		all[i] = i;
	if (!(g->feat = txt_feat_fit(&fo, c, all, n, y, k)))
		goto out;
	x = txt_feat_rows(g->feat, c, all, n);
	progress(o, "training", gname);
	if (!(g->svm = txt_svm_train(&so, x, y, k, txt_feat_size(g->feat))))
		goto out;
	g->ncls = k;
	g->labels = txt_xmalloc((size_t)k * sizeof *g->labels);
	for (int i = 0; i < k; i++)
		g->labels[i] = txt_xstrdup(labels[i]);
	b->fo = fo; /* nb may differ per group; each group's vocab records it */
	b->so = so;
	b->so.weight = NULL; /* wbuf is freed here; the bundle keeps no weights */
	rc = 0;
out:
	txt_fmat_free(x);
	txt_feat_corpus_free(c);
	txt_free_all(all, labels, y, wbuf);
	return rc;
}

int txt_stance_train(const txt_stance_opts *o, const txt_stance_docs *d, txt_tok *tok,
                     txt_svm_bundle *b)
{
	char **groups;
	int *gi = txt_xmalloc((d->n ? d->n : 1) * sizeof *gi);
	int ng = txt_stance_distinct(d->group, NULL, d->n, &groups, gi), rc = 0;
	size_t *rows = txt_xmalloc((d->n ? d->n : 1) * sizeof *rows);
	b->ngroups = (size_t)ng;
	b->g = txt_xcalloc((size_t)ng + 1, sizeof *b->g);
	for (int g = 0; g < ng && rc == 0; g++) {
		size_t n = 0;
		for (size_t i = 0; i < d->n; i++)
			if (gi[i] == g)
				rows[n++] = i;
		rc = train_group(o, d, rows, n, groups[g], tok, &b->g[g], b);
	}
	txt_free_all(rows, gi, groups);
	return rc;
}

void txt_stance_untrain(txt_svm_bundle *b)
{
	for (size_t g = 0; g < b->ngroups; g++) {
		free(b->g[g].name);
		for (int i = 0; i < b->g[g].ncls; i++)
			free(b->g[g].labels[i]);
		free(b->g[g].labels);
		txt_feat_free(b->g[g].feat);
		txt_svm_free(b->g[g].svm);
	}
	free(b->g);
	b->g = NULL;
	b->ngroups = 0;
}

/* Folds from the fold column (distinct values in bytewise order), else
 * stratified by strat.  The number of folds, or -1. */
static int make_folds(const txt_stance_docs *d, const int *strat, int folds, unsigned long seed,
                      int *fold)
{
	if (!d->cols.fold) {
		txt_svm_folds(strat, d->n, folds, seed, fold);
		return folds;
	}
	char **u;
	int k = txt_stance_distinct(d->fold, NULL, d->n, &u, fold);
	free(u);
	if (k < 2)
		return txt_err_set("--fold-col %s: need at least two folds, found %d", d->cols.fold, k);
	return k;
}

/* Add group g's out-of-fold confusion matrices to conf, fold by fold
 * (fold f's np matrices at f * np * k * k): each call of txt_svm_cv sees
 * fold f as its only test fold (0) and the other folds as training (1). */
static int cv_group(const txt_stance_opts *o, const txt_feat_opts *fo, const txt_svm_opts *so,
                    const txt_stance_docs *d, const int *gi, int g, const int *y, int k,
                    const int *fold, int nf, txt_tok *tok, uint64_t *conf)
{
	txt_feat_corpus *c = txt_feat_corpus_new(fo, tok);
	int *yg = txt_xmalloc(d->n * sizeof *yg), *fg = txt_xmalloc(d->n * sizeof *fg);
	int *one = txt_xmalloc(d->n * sizeof *one);
	size_t n = 0, np = (size_t)o->nc * (size_t)(o->ngamma ? o->ngamma : 1);
	for (size_t i = 0; i < d->n; i++)
		if (gi[i] == g) {
			txt_feat_corpus_add(c, d->text[i], d->tlen[i]);
			yg[n] = y[i];
			fg[n++] = fold[i];
		}
	int rc = 0;
	size_t first = 0;
	while (first < d->n && gi[first] != g)
		first++;
	for (int f = 0; f < nf && rc == 0; f++) {
		if (o->progress) {
			char what[64];
			snprintf(what, sizeof what, "cv fold %d/%d", f + 1, nf);
			progress(o, what, first < d->n ? d->group[first] : "");
		}
		for (size_t i = 0; i < n; i++)
			one[i] = fg[i] != f;
		rc = txt_svm_cv(fo, so, c, yg, k, one, 1, o->cs, o->nc, o->ngamma ? o->gammas : NULL,
		                o->ngamma ? o->ngamma : 1, conf + (size_t)f * np * (size_t)(k * k),
		                NULL);
	}
	txt_feat_corpus_free(c);
	txt_free_all(yg, fg, one);
	return rc;
}

/* The folds' names: the fold column's values, else 1..nf. */
static char **fold_names(const txt_stance_docs *d, int nf)
{
	char **u = NULL, **names = txt_xreallocarray(NULL, (size_t)nf, sizeof *names);
	if (d->cols.fold)
		txt_stance_distinct(d->fold, NULL, d->n, &u, NULL);
	for (int f = 0; f < nf; f++) {
		char num[24];
		snprintf(num, sizeof num, "%d", f + 1);
		names[f] = txt_xstrdup(u ? u[f] : num);
	}
	free(u);
	return names;
}

int txt_stance_cv(const txt_stance_opts *o, const txt_stance_docs *d, int folds, txt_tok *tok,
                  txt_stance_cvres *r)
{
	size_t n = d->n ? d->n : 1;
	int *y = txt_xmalloc(n * sizeof *y), *gi = txt_xmalloc(n * sizeof *gi);
	int *strat = txt_xmalloc(n * sizeof *strat), *fold = txt_xmalloc(n * sizeof *fold);
	char **groups = NULL;
	double *wbuf = NULL;
	txt_feat_opts fo;
	txt_svm_opts so;
	int rc = -1, nf, k;
	memset(r, 0, sizeof *r);
	r->k = k = txt_stance_distinct(d->label, NULL, d->n, &r->labels, y);
	if (k < 2) {
		txt_err_set("need at least two labels, found %d", k);
		goto out;
	}
	if (setup_for(o, r->labels, k, &fo, &so, &wbuf) < 0)
		goto out;
	/* per group: its own feature space and model in each fold */
	int ngr = txt_stance_distinct(d->group, NULL, d->n, &groups, gi);
	for (size_t i = 0; i < d->n; i++)
		strat[i] = gi[i] * k + y[i]; /* stratify by group and label */
	if ((nf = make_folds(d, strat, folds, o->so.seed, fold)) < 0)
		goto out;
	r->nfold = nf;
	r->folds = fold_names(d, nf);
	r->npoint = o->nc * (o->ngamma ? o->ngamma : 1);
	r->conf = txt_xcalloc((size_t)nf * (size_t)r->npoint * (size_t)(k * k), sizeof *r->conf);
	rc = 0;
	for (int g = 0; g < ngr && rc == 0; g++)
		rc = cv_group(o, &fo, &so, d, gi, g, y, k, fold, nf, tok, r->conf);
out:
	txt_free_all(y, gi, strat, fold, groups, wbuf);
	return rc;
}

void txt_stance_cvres_free(txt_stance_cvres *r)
{
	for (int f = 0; f < r->nfold; f++)
		free(r->folds[f]);
	txt_free_all(r->folds, r->labels, r->conf);
	memset(r, 0, sizeof *r);
}

/* ---- prediction ---- */

/* The union of the groups' labels, sorted (for p_LABEL columns). */
static int all_labels(const txt_svm_bundle *b, char ***out)
{
	size_t n = 0;
	for (size_t g = 0; g < b->ngroups; g++)
		n += (size_t)b->g[g].ncls;
	char **v = txt_xmalloc((n ? n : 1) * sizeof *v);
	n = 0;
	for (size_t g = 0; g < b->ngroups; g++)
		for (int i = 0; i < b->g[g].ncls; i++)
			v[n++] = b->g[g].labels[i];
	int k = txt_stance_distinct(v, NULL, n, out, NULL);
	free(v);
	return k;
}

static txt_svm_group *find_group(const txt_svm_bundle *b, const char *name)
{
	for (size_t g = 0; g < b->ngroups; g++)
		if (!strcmp(b->g[g].name, name))
			return &b->g[g];
	return NULL;
}

static void write_header(txt_writer *w, txt_table *t, int prob, char **labs, int nl)
{
	for (size_t i = 0; i < txt_table_ncols(t); i++) {
		const char *c = txt_table_colname(t, i);
		txt_tsv_write_field(w, c, strlen(c));
		txt_writer_putc(w, '\t');
	}
	txt_writer_puts(w, "pred");
	for (int i = 0; prob && i < nl; i++) {
		txt_writer_puts(w, "\tp_");
		txt_tsv_write_field(w, labs[i], strlen(labs[i]));
	}
	txt_writer_putc(w, '\n');
}

/* One row: its fields, the class, its probabilities over labs. */
static void write_row(txt_writer *w, const txt_row *r, const txt_svm_group *g, int c,
                      const double *p, int prob, char **labs, int nl)
{
	for (size_t i = 0; i < r->n; i++) {
		txt_tsv_write_field(w, r->f[i].s, r->f[i].len);
		txt_writer_putc(w, '\t');
	}
	txt_tsv_write_field(w, g->labels[c], strlen(g->labels[c]));
	for (int i = 0; prob && i < nl; i++) {
		double v = 0;
		for (int j = 0; j < g->ncls; j++)
			if (!strcmp(g->labels[j], labs[i]))
				v = p[j];
		txt_writer_printf(w, "\t%.17g", v);
	}
	txt_writer_putc(w, '\n');
}

int txt_stance_predict(const txt_svm_bundle *b, txt_tok *tok, txt_table *t,
                       const char *text_col, const char *out, int wflags)
{
	long ct = txt_table_need(t, text_col, "docs");
	long cg = b->group_col ? txt_table_need(t, b->group_col, "docs") : -1;
	if (ct < 0 || (b->group_col && cg < 0))
		return -1;
	if (txt_table_col(t, "pred") >= 0)
		return txt_err_set("%s: already has a 'pred' column", txt_table_name(t));
	int prob = b->so.probability && txt_svm_has_prob(b->g[0].svm);
	char **labs;
	int nl = all_labels(b, &labs);
	txt_writer *w = txt_writer_open(out, wflags);
	if (!w) {
		free(labs);
		return -1;
	}
	write_header(w, t, prob, labs, nl);
	double *p = txt_xcalloc((size_t)nl + 1, sizeof *p);
	txt_row *r;
	int rc;
	while ((rc = txt_table_next(t, &r)) == 1) {
		txt_svm_group *g = cg >= 0 ? find_group(b, r->f[cg].s) : &b->g[0];
		if (!g) {
			rc = txt_err_set("%s:%lu: group '%s' is not in the model", txt_table_name(t),
			                 (unsigned long)txt_table_lineno(t), r->f[cg].s);
			break;
		}
		txt_fmat *x = txt_feat_text(g->feat, tok, r->f[ct].s, r->f[ct].len);
		int c = txt_svm_predict(g->svm, x, 0, p);
		txt_fmat_free(x);
		write_row(w, r, g, c, p, prob, labs, nl);
	}
	free(p);
	free(labs);
	if (rc < 0) {
		txt_writer_abort(w);
		return -1;
	}
	return txt_writer_close(w);
}

/* ---- evaluation ---- */

int txt_stance_confusion(txt_table *t, const char *label_col, const char *pred_col,
                         uint64_t **conf, char ***labels, int *k)
{
	long cl = txt_table_need(t, label_col, "predictions");
	long cp = cl >= 0 ? txt_table_need(t, pred_col, "predictions") : -1;
	if (cl < 0 || cp < 0)
		return -1;
	/* keep gold and predicted labels, then index them over the union */
	char **v = NULL;
	size_t n = 0, cap = 0;
	txt_row *r;
	int rc;
	while ((rc = txt_table_next(t, &r)) == 1) {
		if (r->f[cl].len == 0)
			continue;
		if (r->f[cp].len == 0) {
			rc = txt_err_set("%s:%lu: empty '%s'", txt_table_name(t),
			                 (unsigned long)txt_table_lineno(t), pred_col);
			break;
		}
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 256;
			v = txt_xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = field_dup(r, cl);
		v[n++] = field_dup(r, cp);
	}
	if (rc == 0 && n == 0)
		rc = txt_err_set("%s: no rows with a gold label", txt_table_name(t));
	*conf = NULL;
	*labels = NULL;
	if (rc == 0) {
		char **u;
		int *idx = txt_xmalloc(n * sizeof *idx);
		*k = txt_stance_distinct(v, NULL, n, &u, idx);
		*conf = txt_xcalloc((size_t)(*k * *k), sizeof **conf);
		for (size_t i = 0; i < n; i += 2)
			(*conf)[idx[i] * *k + idx[i + 1]]++;
		*labels = txt_xmalloc((size_t)*k * sizeof **labels);
		for (int j = 0; j < *k; j++)
			(*labels)[j] = txt_xstrdup(u[j]);
		free(u);
		free(idx);
	}
	txt_strs_free(v, n);
	return rc < 0 ? -1 : 0;
}

/* A report row being built: up to cap cells, numbers formatted in place. */
typedef struct rowb {
	const char **cell;
	char (*num)[32];
	size_t n, cap;
	char *pre; /* a copy of the prefix cells, split at their tabs */
	int digits; /* 0: four decimals */
} rowb;

static void rb_init(rowb *b, int k, int digits)
{
	b->cap = 9 + (size_t)k; /* 3 prefix cells, 5 columns, k counts */
	b->cell = txt_xreallocarray(NULL, b->cap, sizeof *b->cell);
	b->num = txt_xreallocarray(NULL, b->cap, sizeof *b->num);
	b->n = 0;
	b->pre = NULL;
	b->digits = digits;
}

static void rb_free(rowb *b)
{
	txt_free_all(b->cell, b->num, b->pre);
}

static void rb_add(rowb *b, const char *s)
{
	if (b->n < b->cap)
		b->cell[b->n++] = s;
}

/* A score; NaN marks a cell the row leaves empty. */
static void rb_num(rowb *b, double v)
{
	if (b->n >= b->cap)
		return;
	if (isnan(v))
		rb_add(b, "");
	else if (b->digits)
		rb_add(b, txt_report_num(b->num[b->n], v, b->digits));
	else {
		snprintf(b->num[b->n], sizeof *b->num, "%.4f", v);
		rb_add(b, b->num[b->n]);
	}
}

static void rb_count(rowb *b, uint64_t v)
{
	if (b->n < b->cap) {
		snprintf(b->num[b->n], sizeof *b->num, "%llu", (unsigned long long)v);
		rb_add(b, b->num[b->n]);
	}
}

/* Start a row with the prefix cells (tab-separated). */
static void rb_start(rowb *b, const char *pre)
{
	b->n = 0;
	free(b->pre);
	b->pre = txt_xstrdup(pre);
	char *save = NULL;
	for (char *t = strtok_r(b->pre, "\t", &save); t; t = strtok_r(NULL, "\t", &save))
		rb_add(b, t);
}

static int rb_put(rowb *b, txt_report *r)
{
	return txt_report_row(r, b->cell);
}

txt_report *txt_stance_report_new(txt_writer *w, int format, const char *pre, char **labels,
                                  int k)
{
	rowb b;
	rb_init(&b, k, 0);
	rb_start(&b, pre);
	size_t np = b.n;
	const char *cols[] = {"class", "precision", "recall", "f1", "support"};
	for (int i = 0; i < 5; i++)
		rb_add(&b, cols[i]);
	char **pred = txt_xreallocarray(NULL, (size_t)k + 1, sizeof *pred);
	for (int i = 0; i < k; i++) {
		size_t n = strlen(labels[i]) + 6;
		pred[i] = txt_xmalloc(n);
		snprintf(pred[i], n, "pred_%s", labels[i]);
		rb_add(&b, pred[i]);
	}
	char *align = txt_xmalloc(b.n + 1); /* numbers right, the class left */
	for (size_t i = 0; i < b.n; i++)
		align[i] = i == np ? 'l' : 'r';
	align[b.n] = '\0';
	txt_report *r = txt_report_new(w, format, b.cell, b.n, align);
	txt_strs_free(pred, (size_t)k);
	free(align);
	rb_free(&b);
	return r;
}

/* The rows' scores, three a row (precision, recall, F1): per class, then
 * macro, accuracy and f-avg (these two in the F1 cell, NaN in the others). */
static int nrows(int k, const txt_svm_metric *favg)
{
	return k + (favg ? 3 : 2);
}

static void scores(const uint64_t *conf, int k, const txt_svm_metric *favg, double *v)
{
	double *s = v + 3 * k;
	s[0] = s[1] = 0;
	for (int c = 0; c < k; c++) {
		txt_svm_prf(conf, k, c, &v[3 * c], &v[3 * c + 1], &v[3 * c + 2]);
		s[0] += v[3 * c] / k;
		s[1] += v[3 * c + 1] / k;
	}
	s[2] = txt_svm_macro_f1(conf, k);
	s[3] = s[4] = NAN;
	s[5] = txt_svm_accuracy(conf, k);
	if (favg) {
		s[6] = s[7] = NAN;
		s[8] = txt_svm_metric_value(favg, conf, k);
	}
}

/* The rows of scores v, with conf's support and counts (conf NULL: none). */
static int put_rows(txt_report *rep, rowb *b, const char *pre, const double *v,
                    const uint64_t *conf, char **labels, int k, const txt_svm_metric *favg)
{
	static const char *const names[] = {"macro", "accuracy", "f-avg"};
	uint64_t total = 0;
	for (int i = 0; conf && i < k * k; i++)
		total += conf[i];
	int rc = 0;
	for (int row = 0; row < nrows(k, favg) && rc == 0; row++) {
		rb_start(b, pre);
		rb_add(b, row < k ? labels[row] : names[row - k]);
		for (int j = 0; j < 3; j++)
			rb_num(b, v[3 * row + j]);
		uint64_t sup = 0;
		for (int j = 0; conf && row < k && j < k; j++)
			sup += conf[row * k + j];
		if (conf)
			rb_count(b, row < k ? sup : total);
		else
			rb_add(b, "");
		for (int j = 0; j < k; j++)
			if (conf && row < k)
				rb_count(b, conf[row * k + j]);
			else
				rb_add(b, "");
		rc = rb_put(b, rep);
	}
	return rc;
}

int txt_stance_report(txt_report *rep, const char *pre, const uint64_t *conf, char **labels, int k,
                      const txt_svm_metric *favg, int digits)
{
	rowb b;
	rb_init(&b, k, digits);
	double *v = txt_xmalloc((size_t)nrows(k, favg) * 3 * sizeof *v);
	scores(conf, k, favg, v);
	int rc = put_rows(rep, &b, pre, v, conf, labels, k, favg);
	free(v);
	rb_free(&b);
	return rc;
}

/* Grid point g's folds: each fold's rows, the mean and sample sd (n - 1)
 * of the scores of the folds that hold documents, then the pooled rows. */
static int cv_point(txt_report *rep, rowb *b, const char *gpre, const txt_stance_cvres *r, int g,
                    const txt_svm_metric *favg)
{
	int k = r->k, nv = nrows(k, favg) * 3, used = 0, rc = 0;
	size_t kk = (size_t)(k * k);
	double *v = txt_xcalloc((size_t)nv * (size_t)(r->nfold + 2), sizeof *v);
	double *mean = v + (size_t)nv * (size_t)r->nfold, *sd = mean + nv;
	uint64_t *all = txt_xcalloc(kk, sizeof *all);
	char pre[512];
	for (int f = 0; f < r->nfold && rc == 0; f++) {
		const uint64_t *c = r->conf + ((size_t)f * (size_t)r->npoint + (size_t)g) * kk;
		uint64_t n = 0;
		for (size_t i = 0; i < kk; i++) {
			all[i] += c[i];
			n += c[i];
		}
		double *vf = v + (size_t)nv * (size_t)used;
		scores(c, k, favg, vf);
		snprintf(pre, sizeof pre, "%s%s", gpre, r->folds[f]);
		rc = put_rows(rep, b, pre, vf, c, r->labels, k, favg);
		used += n > 0; /* an empty fold's scores are overwritten */
	}
	for (int i = 0; i < nv; i++) {
		double m = 0, ss = 0;
		for (int f = 0; f < used; f++)
			m += v[(size_t)nv * (size_t)f + (size_t)i] / used;
		for (int f = 0; f < used; f++) {
			double d = v[(size_t)nv * (size_t)f + (size_t)i] - m;
			ss += d * d;
		}
		mean[i] = used ? m : NAN;
		sd[i] = used > 1 ? sqrt(ss / (used - 1)) : NAN;
	}
	snprintf(pre, sizeof pre, "%smean", gpre);
	if (rc == 0)
		rc = put_rows(rep, b, pre, mean, NULL, r->labels, k, favg);
	snprintf(pre, sizeof pre, "%ssd", gpre);
	if (rc == 0)
		rc = put_rows(rep, b, pre, sd, NULL, r->labels, k, favg);
	snprintf(pre, sizeof pre, "%sall", gpre);
	scores(all, k, favg, mean);
	if (rc == 0)
		rc = put_rows(rep, b, pre, mean, all, r->labels, k, favg);
	free(v);
	free(all);
	return rc;
}

int txt_stance_cv_report(txt_writer *w, int format, const txt_stance_opts *o,
                         const txt_stance_cvres *r, const txt_svm_metric *favg, int digits)
{
	int grid = r->npoint > 1, rc = 0;
	txt_report *rep = txt_stance_report_new(w, format, grid ? "c\tgamma\tfold" : "fold",
	                                        r->labels, r->k);
	if (!rep)
		return -1;
	rowb b;
	rb_init(&b, r->k, digits);
	for (int g = 0; g < r->npoint && rc == 0; g++) {
		char gpre[128] = "";
		if (grid)
			snprintf(gpre, sizeof gpre, "%g\t%g\t", o->cs[g % o->nc],
			         o->ngamma ? o->gammas[g / o->nc] : o->so.gamma);
		rc = cv_point(rep, &b, gpre, r, g, favg);
	}
	rb_free(&b);
	txt_report_free(rep);
	return rc;
}

/* ---- label shares per group ---- */

typedef struct share_row {
	char *group, *label;
	uint64_t n;
} share_row;

static int cmp_share(const void *a, const void *b)
{
	const share_row *x = a, *y = b;
	int c = strcmp(x->group, y->group);
	return c ? c : strcmp(x->label, y->label);
}

int txt_stance_shares(const char *path, const char *group_col, const char *label_col,
		      txt_writer *w)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		return -1;
	long cg = txt_table_need(t, group_col, "docs"), cl = cg < 0 ? -1 : txt_table_need(t, label_col, "docs");
	share_row *v = NULL;
	size_t n = 0;
	txt_row *r;
	int rc = cl < 0 ? -1 : 0, k;
	while (rc == 0 && (k = txt_table_next(t, &r)) != 0) {
		if (k < 0) {
			rc = -1;
			break;
		}
		if (!r->f[cl].len)
			continue;
		v = txt_xreallocarray(v, n + 1, sizeof *v);
		v[n++] = (share_row){txt_xstrdup(r->f[cg].s), txt_xstrdup(r->f[cl].s), 1};
	}
	txt_table_close(t);
	if (n)
		qsort(v, n, sizeof *v, cmp_share);
	size_t u = 0; /* runs of one group and label into one row */
	for (size_t i = 0; i < n; i++) {
		if (u && !cmp_share(&v[u - 1], &v[i])) {
			v[u - 1].n++;
			free(v[i].group);
			free(v[i].label);
		} else
			v[u++] = v[i];
	}
	static const char *const cols[] = {"group", "label", "n", "share"};
	txt_report *rep = rc == 0 ? txt_report_new(w, TXT_FMT_TSV, cols, 4, "llrr") : NULL;
	for (size_t i = 0, g0 = 0; rep && i < u; i++) {
		if (i == 0 || strcmp(v[i].group, v[g0].group))
			g0 = i;
		uint64_t tot = 0;
		for (size_t j = g0; j < u && !strcmp(v[j].group, v[g0].group); j++)
			tot += v[j].n;
		char nb[32], sb[32];
		snprintf(nb, sizeof nb, "%llu", (unsigned long long)v[i].n);
		txt_report_num(sb, (double)v[i].n / (double)tot, 4);
		const char *cells[] = {v[i].group, v[i].label, nb, sb};
		if (txt_report_row(rep, cells) < 0)
			rc = -1;
	}
	if (rc == 0 && !rep)
		rc = -1;
	txt_report_free(rep);
	for (size_t i = 0; i < u; i++) {
		free(v[i].group);
		free(v[i].label);
	}
	free(v);
	return rc;
}
