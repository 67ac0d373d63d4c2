/* text_keyness: the engine of slant-keyness.  Counts files read into one
 * vocabulary, each term of a target scored against a reference (every
 * measure of text_stats at once), and tidylo's each-group-against-all.
 *
 * Ownership: a txt_kn_corpus owns its groups, cells and vocabulary
 * (txt_kn_free); result arrays are the caller's to free(). */
#ifndef TEXT_KEYNESS_H
#define TEXT_KEYNESS_H

#include <stddef.h>
#include <stdint.h>

enum { TXT_KN_CHI2, TXT_KN_G2, TXT_KN_LR, TXT_KN_PDIFF, TXT_KN_PMI, TXT_KN_LOGODDS, TXT_KN_NM };
extern const char *const txt_kn_measures[TXT_KN_NM]; /* option names: chi2 g2 lr ... */
extern const char *const txt_kn_cols[TXT_KN_NM];     /* column names: chi2 g2 log_ratio ... */
enum { TXT_KN_PLAIN, TXT_KN_QUANTEDA, TXT_KN_TIDYLO };

/* How terms are scored.  correction: 0 none, 1 yates, 2 williams; with
 * compat quanteda, TXT_Q_*.  variance: TXT_VAR_*.  adjust: TXT_ADJ_*. */
typedef struct txt_kn_opts {
	int measure, measure_set, correction, fisher, adjust, compat, variance, all;
	double alpha0, ci; /* 0: none */
	long min_count;
	const char *prior; /* NULL or "pooled", "uninformative", or a counts file */
	int has_reference, has_ref_file;
} txt_kn_opts;

/* Check the combination of options and turn the --correction name (NULL:
 * the measure's default) into a number.  -1 with txt_err() on a usage
 * error. */
int txt_kn_check(txt_kn_opts *o, const char *correction);

enum { TXT_KN_MAIN, TXT_KN_REF, TXT_KN_PRIOR }; /* where a group came from */

typedef struct txt_kn_group {
	char *name;
	double total;
	size_t first, n; /* cells[first .. first+n) */
} txt_kn_group;

typedef struct txt_kn_cell {
	char *term; /* until the vocabulary is built */
	uint32_t id;
	double n;
} txt_kn_cell;

typedef struct txt_kn_corpus {
	txt_kn_group *g;
	size_t ng, gcap;
	txt_kn_cell *c;
	size_t nc, ccap;
	size_t ngroups[3]; /* groups per source, in order: main, ref, prior */
	size_t gstart[3];
	char **vocab; /* by id, in byte order */
	size_t nv;
	char *meta[2], *meta_path;
} txt_kn_corpus;

/* Read one counts file as source src (files after the first must have the
 * same tokenizer= and ngrams=); then txt_kn_vocab once after the last.
 * -1 with txt_err() "FILE:LINE: ..." on bad input. */
int txt_kn_read(txt_kn_corpus *cp, const char *path, int src);
void txt_kn_vocab(txt_kn_corpus *cp);
void txt_kn_free(txt_kn_corpus *cp);
/* The index of group name of source src, or -1. */
long txt_kn_find(const txt_kn_corpus *cp, int src, const char *name);
/* v[id] += the counts of group gi (of every group of src); returns the total. */
double txt_kn_add_group(const txt_kn_corpus *cp, size_t gi, double *v);
double txt_kn_add_source(const txt_kn_corpus *cp, int src, double *v);

/* The logodds prior: pooled from the two sides, uninformative, or the
 * counts w of a file (total and vocabulary size nv). */
enum { TXT_KN_POOLED, TXT_KN_UNINFORMATIVE, TXT_KN_FILE };
typedef struct txt_kn_prior {
	const double *w;
	double total, nv;
	int kind;
} txt_kn_prior;

typedef struct txt_kn_result {
	uint32_t id;
	double a, b, score, p, padj;
	double m[TXT_KN_NM], delta, lo, hi;
} txt_kn_result;

/* Every term with a + b >= min_count of target A (total nt) against
 * reference B (total nr), highest score first (NaN last, ties by term);
 * *n results. */
txt_kn_result *txt_kn_compare(const txt_kn_opts *o, const txt_kn_corpus *cp,
			      const txt_kn_prior *pr, const double *A, double nt,
			      const double *B, double nr, size_t *n);

/* tidylo's bind_log_odds over every group of the main source: the rows of
 * group g in res[first[g] .. first[g+1]), each group's sorted as above
 * (score: the weighted log odds, delta: the log odds). */
txt_kn_result *txt_kn_tidylo(const txt_kn_corpus *cp, int uninformative, size_t **first);

#endif
