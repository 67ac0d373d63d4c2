/* text_svm: linear and kernel SVM classifiers over text_feat vectors.
 *
 * Two backends: liblinear (L2-regularised L2-loss SVC, dual; fast, linear
 * only) and libsvm (C-SVC; linear or RBF kernel, Platt probability
 * estimates).  The default, TXT_SVM_AUTO, uses liblinear unless an RBF
 * kernel or probabilities are asked for.  Classes are 0..ncls-1.
 *
 * Reproducibility: both libraries draw from rand() (liblinear's coordinate
 * order, libsvm's probability cross-validation), so every training call
 * first does srand(seed).  Folds come from a seeded GSL mt19937.
 *
 * Also here: evaluation metrics over a confusion matrix, stratified folds,
 * cross-validation with a grid of C (and gamma), and the model bundle file.
 *
 * Ownership: _new/_train/_read return objects the caller frees with the
 * matching _free (NULL is safe). */
#ifndef TEXT_SVM_H
#define TEXT_SVM_H

#include <stddef.h>
#include <stdint.h>

#include "text_feat.h"

typedef enum txt_svm_solver {
	TXT_SVM_AUTO,
	TXT_SVM_LIBLINEAR,
	TXT_SVM_LIBSVM,
} txt_svm_solver;

typedef enum txt_svm_kernel {
	TXT_SVM_LINEAR,
	TXT_SVM_RBF,
} txt_svm_kernel;

typedef struct txt_svm_opts {
	txt_svm_solver solver;  /* default AUTO */
	txt_svm_kernel kernel;  /* default LINEAR */
	double c;               /* default 1 */
	double gamma;           /* RBF gamma (default 1: vectors have unit norm) */
	int probability;        /* Platt estimates (libsvm) */
	int balanced;           /* class weight n / (ncls * n_c) (sklearn's "balanced") */
	const double *weight;   /* per-class weights (ncls), or NULL; not owned */
	unsigned long seed;     /* default 1 */
	/* txt_svm_cv calls it before each fold (from 1), or NULL; not saved */
	void (*progress)(void *arg, int fold, int nfolds);
	void *progress_arg;
} txt_svm_opts;

void txt_svm_opts_default(txt_svm_opts *o);
/* The backend AUTO resolves to for these options. */
txt_svm_solver txt_svm_solver_for(const txt_svm_opts *o);
const char *txt_svm_solver_name(txt_svm_solver s);
const char *txt_svm_kernel_name(txt_svm_kernel k);
/* Checks option combinations; -1 with txt_err() set (e.g. RBF + liblinear). */
int txt_svm_opts_check(const txt_svm_opts *o);

typedef struct txt_svm txt_svm;

/* Train on rows of x with classes y[0..x->nrows) in 0..ncls-1; dim is the
 * number of features (ids 1..dim).  NULL with txt_err() set on failure. */
txt_svm *txt_svm_train(const txt_svm_opts *o, const txt_fmat *x, const int *y, int ncls,
		       size_t dim);
void txt_svm_free(txt_svm *m);
/* Class of row r of x; with prob != NULL and a probability model, prob[c]
 * gets P(class c) for c in 0..ncls-1. */
int txt_svm_predict(const txt_svm *m, const txt_fmat *x, size_t r, double *prob);
int txt_svm_has_prob(const txt_svm *m);
txt_svm_solver txt_svm_solver_of(const txt_svm *m);
/* The backend's own model text (its save format), malloc'd, and back. */
int txt_svm_dump(const txt_svm *m, char **buf, size_t *len);
txt_svm *txt_svm_undump(txt_svm_solver s, const char *buf, size_t len, int ncls);

/* ---- metrics ---- */

/* conf[g * k + p]: documents of gold class g predicted as p. */
double txt_svm_accuracy(const uint64_t *conf, int k);
/* Precision tp/(tp+fp), recall tp/(tp+fn), F1 = 2PR/(P+R) of class c; a
 * ratio with a zero denominator is 0 (as scikit-learn's zero_division=0). */
void txt_svm_prf(const uint64_t *conf, int k, int c, double *p, double *r, double *f1);
/* Mean F1 over all classes. */
double txt_svm_macro_f1(const uint64_t *conf, int k);
/* Mean F1 over the classes cls[0..n) (SemEval-2016 stance: FAVOR, AGAINST). */
double txt_svm_favg(const uint64_t *conf, int k, const int *cls, int n);

typedef struct txt_svm_metric {
	int kind;      /* 0 accuracy, 1 macro-f1, 2 f-avg */
	int n;
	int cls[16];   /* f-avg classes */
} txt_svm_metric;
/* "accuracy", "macro-f1", "f-avg:A,B" with A, B among labels[0..k). */
int txt_svm_metric_parse(const char *s, char *const *labels, int k, txt_svm_metric *m);
double txt_svm_metric_value(const txt_svm_metric *m, const uint64_t *conf, int k);

/* ---- cross-validation ---- */

/* Stratified folds: within each class, documents in a seeded random order are
 * dealt to folds 0..k-1 in turn (one running counter over all classes, so
 * fold sizes differ by at most one). */
void txt_svm_folds(const int *y, size_t n, int k, unsigned long seed, int *fold);

/* Out-of-fold evaluation of each grid point: for fold f in 0..k-1, features
 * are fitted on rows with fold != f and the test rows use that space.
 * Grid point g uses C = cs[g % nc], gamma = gammas[g / nc] (ngamma >= 1;
 * gammas may be NULL for linear).  conf gets (nc * ngamma) k x k matrices,
 * added to.  pred (may be NULL) gets the predictions of grid point 0.
 * Rows with fold < 0 are left out.  -1 with txt_err() set on failure. */
int txt_svm_cv(const txt_feat_opts *fo, const txt_svm_opts *so, const txt_feat_corpus *c,
	       const int *y, int ncls, const int *fold, int k, const double *cs, int nc,
	       const double *gammas, int ngamma, uint64_t *conf, int *pred);

/* ---- the model bundle ---- */

typedef struct txt_svm_group {
	char *name;       /* group value; "" without --group-col */
	int ncls;
	char **labels;    /* ncls class names, bytewise sorted */
	txt_feat *feat;
	txt_svm *svm;
	double c, gamma;  /* chosen by the grid */
} txt_svm_group;

typedef struct txt_svm_bundle {
	txt_feat_opts fo;
	txt_svm_opts so;
	char *tok;        /* txt_tok_describe() of the training tokenizer */
	char *text_col, *label_col, *group_col; /* group_col NULL: no groups */
	size_t ngroups;
	txt_svm_group *g;
} txt_svm_bundle;

/* Format: gzip of "slant-stance-model\t1\n", sections of TSV lines, the
 * backend models embedded with their byte length, and a last line
 * "end\tBYTES\tCRC32" over everything before it.  Written atomically. */
#define TXT_SVM_BUNDLE_VERSION 1
int txt_svm_bundle_write(const txt_svm_bundle *b, const char *path, int flags);
/* NULL with txt_err() "FILE: ..." for a truncated, tampered or other-version
 * file. */
txt_svm_bundle *txt_svm_bundle_read(const char *path);
void txt_svm_bundle_free(txt_svm_bundle *b);

#endif
