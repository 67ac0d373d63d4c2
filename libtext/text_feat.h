/* text_feat: classifier features from text.
 *
 * Two families of terms: word n-grams (from text_tok tokens; an n-gram never
 * crosses a token with .brk set) and character n-grams (over the text
 * NFKC-casefolded with runs of white space collapsed to one space).  Terms are
 * named "w:the movie" and "c:he m" so the families never collide.
 *
 * Work happens in two steps so that cross-validation tokenizes each document
 * once: a txt_feat_corpus holds every document as raw (term, count) pairs;
 * txt_feat_fit learns a vocabulary, idf and NB ratios from a subset of its
 * rows (the training rows only), and txt_feat_rows turns any rows into vectors
 * in that vocabulary (terms never seen in training are dropped, as in
 * prediction).  Vocabulary ids are 1..V in bytewise order of the term, so a
 * model does not depend on hash order.  Add every document before the first
 * fit: a fitted space is valid for its corpus until documents are added.
 *
 * Vector value of term t in document d (each factor optional):
 *   weight(tf) * idf(t) * r(t), then each family L2-normalised on its own
 *   weight:  binary 1, tf, or log-tf 1 + ln(tf)
 *   idf:     ln((1 + N) / (1 + df)) + 1     (smoothed idf, N training docs)
 *   r:       NB log-count ratio (Wang & Manning 2012, eq. 2):
 *            r = ln((p / |p|_1) / (q / |q|_1)), p = alpha + sum of binarised
 *            vectors of the positive class, q likewise for the other class.
 *            Defined for two classes only.
 *
 * Ownership: _new/_free pairs; _free(NULL) is safe.  A txt_feat keeps its own
 * copy of the vocabulary.  Matrices and vectors belong to the caller. */
#ifndef TEXT_FEAT_H
#define TEXT_FEAT_H

#include <stddef.h>
#include <stdint.h>

#include "text_tok.h"

typedef enum txt_feat_weight {
	TXT_FEAT_BINARY,
	TXT_FEAT_TF,
	TXT_FEAT_LOGTF,
} txt_feat_weight;

typedef struct txt_feat_opts {
	int word_lo, word_hi;   /* word n-gram orders; 0-0: none (default 1-3) */
	int char_lo, char_hi;   /* char n-gram orders; 0-0: none (default 2-5) */
	txt_feat_weight weight; /* default log-tf */
	int idf;                /* multiply by idf (default 1) */
	int l2;                 /* L2-normalise each family (default 1) */
	long min_df;            /* drop terms in fewer training docs (default 1) */
	int nb;                 /* NB log-count ratio scaling (default 0) */
	double nb_alpha;        /* NB smoothing (default 1) */
} txt_feat_opts;

/* Fill opts with the defaults above. */
void txt_feat_opts_default(txt_feat_opts *o);
/* "binary", "tf", "log-tf" -> 0 and *w, or -1 with txt_err() set. */
int txt_feat_weight_parse(const char *s, txt_feat_weight *w);
const char *txt_feat_weight_name(txt_feat_weight w);

/* Sparse rows, compressed: row i has entries off[i] .. off[i+1]-1, with
 * column ids idx[] (1-based, increasing) and values val[]. */
typedef struct txt_fmat {
	size_t nrows;
	size_t *off;   /* nrows + 1 */
	uint32_t *idx;
	double *val;
} txt_fmat;
void txt_fmat_free(txt_fmat *m);

/* ---- raw documents ---- */

typedef struct txt_feat_corpus txt_feat_corpus;

/* tok is used while adding documents (not owned; may be shared). */
txt_feat_corpus *txt_feat_corpus_new(const txt_feat_opts *o, txt_tok *tok);
void txt_feat_corpus_free(txt_feat_corpus *c);
/* Add one document; returns its row number. */
size_t txt_feat_corpus_add(txt_feat_corpus *c, const char *text, size_t len);
size_t txt_feat_corpus_size(const txt_feat_corpus *c);

/* ---- vocabulary ---- */

typedef struct txt_feat txt_feat;

/* Learn the feature space from rows[0..n) of c, with class y[i] in 0..ncls-1
 * for rows[i] (y is used only for NB ratios; may be NULL if !opts.nb).
 * NULL with txt_err() set when NB is asked for with ncls != 2, or when no
 * term survives --min-df. */
txt_feat *txt_feat_fit(const txt_feat_opts *o, const txt_feat_corpus *c,
		       const size_t *rows, size_t n, const int *y, int ncls);
void txt_feat_free(txt_feat *f);
/* Vectors of rows[0..n) of c (c must be the corpus f was fitted on). */
txt_fmat *txt_feat_rows(const txt_feat *f, const txt_feat_corpus *c,
			const size_t *rows, size_t n);
/* Vector of a new text, tokenized with tok (same options as in training). */
txt_fmat *txt_feat_text(const txt_feat *f, txt_tok *tok, const char *text, size_t len);

const txt_feat_opts *txt_feat_options(const txt_feat *f);
size_t txt_feat_size(const txt_feat *f);            /* V */
/* Term, idf and NB ratio of feature id (1..V). */
const char *txt_feat_term(const txt_feat *f, uint32_t id, size_t *len);
double txt_feat_idf(const txt_feat *f, uint32_t id);
double txt_feat_ratio(const txt_feat *f, uint32_t id);

/* Rebuild a feature space from stored terms (bytewise sorted, distinct),
 * idf and ratio arrays (index 0..V-1 for ids 1..V); ratio may be NULL.
 * NULL with txt_err() set when terms are out of order. */
txt_feat *txt_feat_load(const txt_feat_opts *o, size_t v, char *const *terms,
			const size_t *lens, const double *idf, const double *ratio);

#endif
