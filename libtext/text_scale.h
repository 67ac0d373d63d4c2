/* text_scale: positions of documents or groups on one dimension from their
 * term counts (a txt_dtm: one row per group), by Wordscores and Wordfish.
 *
 * Ownership: txt_scale_wordfish returns a result freed by txt_wf_free
 * (NULL safe); txt_scale_wordscores fills arrays the caller owns. */
#ifndef TEXT_SCALE_H
#define TEXT_SCALE_H

#include <stddef.h>

#include "text_dtm.h"

/* Wordscores (Laver, Benoit & Garry 2003).  ref[p] is part p's reference
 * score, NAN for a virgin text.  With F_wr the relative frequency of word
 * w in reference r, P_wr = F_wr / sum_r F_wr (eq. 1) and the word score
 * S_w = sum_r P_wr A_r (eq. 2) for every word in some reference.  Each
 * part p is then scored as a virgin text over its scored words: with F_wp
 * their relative frequencies and N_p their count, raw[p] = sum_w F_wp S_w
 * (eq. 3), se[p] = sqrt(sum_w F_wp (S_w - raw[p])^2 / N_p) (LBG p. 316).
 * lbg[p]: LBG's rescaling (raw - mean) (sd_ref / sd_raw) + mean, the mean
 * and sd (n - 1) over the virgin texts, or over every part with lbg_all
 * (as quanteda's predict() on all documents); NAN when they are fewer
 * than two.  mv[p]: Martin & Vanberg (2008), (raw - raw_lo) (A_hi - A_lo)
 * / (raw_hi - raw_lo) + A_lo, lo and hi the references with the lowest
 * and highest scores (the first of ties).  NAN where a part has no scored
 * word.  0, or -1 with txt_err() set (fewer than two references or all
 * references the same score, no scored word). */
int txt_scale_wordscores(const txt_dtm *m, const double *ref, int lbg_all, double *raw,
			 double *se, double *lbg, double *mv);

/* Reference scores for the parts of m from column col of a TSV table
 * (a docs file, or any table) with a column named as m's grouping (m->by:
 * id, source, ...): a number, or empty or NA for none.  Rows of the same
 * group must agree.  Returns m->nparts values, NAN where a part has none
 * (the caller frees), or NULL with txt_err() set ("FILE:LINE: ..."). */
double *txt_scale_refs(const txt_dtm *m, const char *path, const char *col);

/* Wordfish (Slapin & Proksch 2008): y_pj ~ Poisson(lambda_pj),
 * log lambda_pj = alpha_p + psi_j + beta_j theta_p, for parts p and terms
 * j.  Priors as quanteda's textmodel_wordfish defaults: alpha and psi flat,
 * beta_j ~ N(0, beta_sd^2) (3); identification theta mean 0 and sd 1
 * (n - 1), on which quanteda's theta ~ N(0, 1) is constant.  The estimate
 * maximises the log posterior on that set: block Newton steps (psi_j,
 * beta_j for each term, alpha_p, theta_p for each part), each kept only
 * if it raises the objective; theta's prior precision is the Lagrange
 * multiplier of sd 1 (updated each sweep to sum beta^2 / (beta_sd^2 (n-1)),
 * at which the mode has sd 1); sum alpha = 0 (alpha + c, psi - c is the
 * same model).  Start: theta from the first singular vector of the
 * standardised residuals y - E (correspondence analysis, as quanteda),
 * alpha log row sums, psi log column means, beta 0: no randomness.
 * se: sqrt of the theta element of the inverse negative Hessian of the
 * part's (alpha, theta) block (quanteda's).  dir_a, dir_b: parts with
 * theta[dir_a] < theta[dir_b] (theta and beta flip together). */
typedef struct txt_wf_opts {
	double beta_sd, tol; /* tol: relative change of the objective */
	int max_iter;
	size_t dir_a, dir_b;
} txt_wf_opts;

typedef struct txt_wf {
	size_t nparts, nterms;
	double *theta, *se, *alpha; /* per part */
	double *psi, *beta;         /* per term id of the txt_dtm */
	double loglik;              /* sum y log lambda - lambda - log y! */
	double logpost;             /* loglik - sum beta^2 / (2 beta_sd^2) */
	int iter, converged;
} txt_wf;

txt_wf *txt_scale_wordfish(const txt_dtm *m, const txt_wf_opts *o);
void txt_wf_free(txt_wf *w);

#endif
