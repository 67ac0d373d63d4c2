/* text_stance: the work of slant-stance on labelled documents: loading
 * them, their labels, groups and folds as indices; training one model per
 * group (C and gamma chosen on a grid by stratified cross-validation);
 * cross-validated confusion matrices; predicting a docs table with a model
 * bundle; and the evaluation report (per-class precision, recall, F1,
 * support and confusion counts, then macro, accuracy and f-avg rows).
 *
 * Ownership: txt_stance_docs owns its strings (txt_stance_docs_free), a
 * txt_stance_cvres its matrices and fold names (txt_stance_cvres_free);
 * labels handed back by these functions are malloc'd arrays of pointers
 * borrowed from the documents or the bundle (free the array only).
 * Errors: -1 (or NULL) with txt_err() set. */
#ifndef TEXT_STANCE_H
#define TEXT_STANCE_H

#include <stddef.h>
#include <stdint.h>

#include "text_io.h"
#include "text_report.h"
#include "text_svm.h"
#include "text_tok.h"
#include "text_tsv.h"

/* ---- labelled documents in memory ---- */

typedef struct txt_stance_cols {
	const char *text, *label; /* label NULL: not read */
	const char *group, *fold; /* NULL: none */
} txt_stance_cols;

typedef struct txt_stance_docs {
	size_t n, cap;
	char **text, **label, **group, **fold; /* group "" without a group column */
	size_t *tlen;
	txt_stance_cols cols; /* as read (borrowed) */
} txt_stance_docs;

/* Read the columns of a docs table (path "-": stdin).  Rows with an empty
 * label are left out and counted in *skipped. */
int txt_stance_read(txt_stance_docs *d, const char *path, const txt_stance_cols *cols,
                    size_t *skipped);
void txt_stance_docs_free(txt_stance_docs *d);

/* The distinct values of v[rows[i]] (i < n), sorted bytewise, into *out
 * (borrowed strings); idx (may be NULL) gets each row's value index.
 * Returns the number of values. */
int txt_stance_distinct(char **v, const size_t *rows, size_t n, char ***out, int *idx);

/* ---- training and cross-validation ---- */

typedef struct txt_stance_weight { /* --class-weight LABEL=W */
	const char *label;
	size_t len;
	double w;
} txt_stance_weight;

typedef struct txt_stance_opts {
	txt_feat_opts fo;
	int nb_mode;            /* -1 auto (on for two classes), 0 off, 1 on */
	txt_svm_opts so;
	double cs[64], gammas[64]; /* the grid: C values, RBF gamma values */
	int nc, ngamma;            /* ngamma 0: so.gamma alone */
	int grid_folds;
	const char *metric;        /* chooses on the grid: accuracy, macro-f1, f-avg:A,B */
	int balanced;              /* class weights n / (k n_c) */
	txt_stance_weight *weight; /* LABEL=W given, others 1 */
	size_t nweight;
	void (*progress)(const char *what, const char *group); /* NULL: none */
} txt_stance_opts;

void txt_stance_opts_default(txt_stance_opts *o);
/* "none", "balanced" or "LABEL=W,..." into o (weights point into spec,
 * which must outlive o).  -1 for a malformed list. */
int txt_stance_weights_parse(txt_stance_opts *o, const char *spec);

/* One model per group of d (one without groups) into b->g, b->ngroups,
 * b->fo and b->so; the caller sets the bundle's tokenizer and columns. */
int txt_stance_train(const txt_stance_opts *o, const txt_stance_docs *d, txt_tok *tok,
                     txt_svm_bundle *b);
/* Free what txt_stance_train put into b. */
void txt_stance_untrain(txt_svm_bundle *b);

/* Cross-validation's result: out-of-fold confusion matrices per fold and
 * grid point (C = cs[g % nc], gamma = gammas[g / nc]). */
typedef struct txt_stance_cvres {
	uint64_t *conf; /* k x k matrices, fold f and grid point g at (f * npoint + g) * k * k */
	char **labels;  /* the k labels, sorted (borrowed from the documents) */
	char **folds;   /* the folds' names: the fold column's values, else 1..nfold */
	int k, nfold, npoint;
} txt_stance_cvres;

/* Cross-validate every grid point over the labels of d: folds from d's fold
 * column (distinct values in bytewise order), else `folds` stratified by
 * group and label; each group has its own feature space and model in each
 * fold.  *r is owned by the caller (txt_stance_cvres_free). */
int txt_stance_cv(const txt_stance_opts *o, const txt_stance_docs *d, int folds, txt_tok *tok,
                  txt_stance_cvres *r);
void txt_stance_cvres_free(txt_stance_cvres *r);

/* ---- prediction ---- */

/* Every row of t with a 'pred' column added (and p_LABEL columns, over
 * the union of the groups' labels, when the model has probabilities),
 * written to out (txt_writer_open's path and flags), which is opened once
 * t's columns are found fit. */
int txt_stance_predict(const txt_svm_bundle *b, txt_tok *tok, txt_table *t,
                       const char *text_col, const char *out, int wflags);

/* ---- evaluation ---- */

/* The share of each label per group in the table at path (columns
 * group_col and label_col; rows with an empty label left out), written to
 * w as a report table group, label, n, share (groups and labels in
 * bytewise order; share = n over the group's labelled rows).  0 or -1. */
int txt_stance_shares(const char *path, const char *group_col, const char *label_col,
		      txt_writer *w);

/* Gold and predicted labels of a predictions table (rows with no gold
 * label left out) as a k x k confusion matrix over their union (*labels:
 * the caller frees each and the array). */
int txt_stance_confusion(txt_table *t, const char *label_col, const char *pred_col,
                         uint64_t **conf, char ***labels, int *k);

/* The report: its header (pre: tab-separated leading column names, e.g.
 * the grid's "c\tgamma"; "" for none), then per matrix the class rows and
 * the summary rows, led by the pre cells (the grid point's values).
 * Scores have `digits` significant digits (0: four decimals). */
txt_report *txt_stance_report_new(txt_writer *w, int format, const char *pre, char **labels,
                                  int k);
int txt_stance_report(txt_report *r, const char *pre, const uint64_t *conf, char **labels, int k,
                      const txt_svm_metric *favg, int digits);
/* The cv report: a fold column (led by c and gamma for a grid of several
 * points); per grid point each fold's rows, then "mean" and "sd" rows (the
 * folds' scores: mean and sample sd, n - 1, over the folds holding
 * documents; no counts), then "all": the pooled out-of-fold matrix. */
int txt_stance_cv_report(txt_writer *w, int format, const txt_stance_opts *o,
                         const txt_stance_cvres *r, const txt_svm_metric *favg, int digits);

#endif
