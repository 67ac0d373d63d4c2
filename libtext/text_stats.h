/* text_stats: keyness measures on 2x2 tables, weighted log-odds, p-values,
 * multiple-testing adjustment, Jensen-Shannon divergence, and the seeded
 * random number generator every tool uses.
 *
 * The 2x2 table of a term, target against reference:
 *
 *                 target   reference
 *     term          a          b
 *     other         c          d          N = a + b + c + d
 *
 * Signed statistics are positive when the term is relatively more frequent
 * in the target (a*d > b*c), negative otherwise.  All functions are pure;
 * nothing keeps state; txt_stats_rng_new is the only constructor. */
#ifndef TEXT_STATS_H
#define TEXT_STATS_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

typedef struct txt_2x2 {
	double a, b, c, d;
} txt_2x2;

/* Build a table from the term counts and the corpus totals (c = nt - a,
 * d = nr - b). */
txt_2x2 txt_2x2_make(double a, double b, double nt, double nr);

/* Pearson chi-squared, signed.  yates: continuity correction as R's
 * chisq.test(correct = TRUE).  0 when a margin is empty. */
double txt_stats_chi2(txt_2x2 t, int yates);
/* Log-likelihood G2 = 2 sum O ln(O/E), signed; williams: divide by
 * Williams' q.  0 when a margin is empty. */
double txt_stats_g2(txt_2x2 t, int williams);
/* Upper tail of chi-squared with 1 df at |stat| (GSL). */
double txt_stats_chi2_p(double stat);
/* Two-sided p of a standard normal z. */
double txt_stats_z_p(double z);
/* Fisher's exact test, two-sided, as R's fisher.test for 2x2 tables.
 * Counts must be non-negative integers (they are rounded). */
double txt_stats_fisher_p(txt_2x2 t);
/* Sample odds ratio a*d/(b*c) (inf or nan at zeros). */
double txt_stats_odds_ratio(txt_2x2 t);

/* Effect sizes keep their direction: each is positive exactly when the
 * term is relatively more frequent in the target (a/nt > b/nr, observed
 * above expected), negative when less, 0 when equal, also when a or b is
 * 0.  NAN when a corpus is empty.  Zero counts (log ratio, PMI): where a or
 * b is 0, both get a pseudo-count of TXT_STATS_PSEUDO split between target
 * and reference in proportion to their sizes, a + k nt/N and b + k nr/N,
 * which adds the same k/N to both relative frequencies (Kilgarriff 2009's
 * "simple maths" constant), so equal rates still give a ratio of 1. */
#define TXT_STATS_PSEUDO 0.5
double txt_stats_log_ratio(txt_2x2 t); /* log2((a/(a+c)) / (b/(b+d))) */
/* Its confidence interval at level (e.g. 0.95), log2 units: Katz et al.'s
 * (1978) log method for a ratio of two proportions, with the same
 * pseudo-counts. */
void txt_stats_log_ratio_ci(txt_2x2 t, double level, double *lo, double *hi);
double txt_stats_pdiff(txt_2x2 t);     /* 100 (fa - fb) / fb, f = rel. freq. */
double txt_stats_pmi(txt_2x2 t);       /* ln(a / E11), E11 = (a+b)(a+c)/N */

/* quanteda.textstats textstat_keyness, reproduced (correction "default"
 * unless noted): the 0.5 step applies only when |ad-bc| >= N/2 and some
 * expected cell is below 5. */
enum { TXT_Q_DEFAULT, TXT_Q_YATES, TXT_Q_WILLIAMS, TXT_Q_NONE };
double txt_stats_q_chi2(txt_2x2 t, int correction);
double txt_stats_q_g2(txt_2x2 t, int correction);
double txt_stats_q_pmi(txt_2x2 t);
/* quanteda's p: 1 - pchisq(|stat|, 1) (computed as 1 - P, like R). */
double txt_stats_q_p(double stat);

/* Weighted log-odds ratio with a Dirichlet prior (Monroe, Colaresi &
 * Quinn 2008, eq. 16).  For each side: y, n the term's count and the
 * total; aw, a0 the prior's count for the term and its total (Monroe et
 * al. give both sides the same).  variance: TXT_VAR_MONROE, their eq. 20,
 * 1/(yi+awi) + 1/(yj+awj); TXT_VAR_WOOLF, the full variance of a log
 * odds ratio (Woolf 1955), which adds 1/(ni+a0i-yi-awi) and
 * 1/(nj+a0j-yj-awj). */
enum { TXT_VAR_MONROE, TXT_VAR_WOOLF };
typedef struct txt_lo_side {
	double y, n, aw, a0;
} txt_lo_side;
typedef struct txt_logodds {
	double delta, var, z;
} txt_logodds;
txt_logodds txt_stats_logodds(txt_lo_side i, txt_lo_side j, int variance);

/* tidylo's bind_log_odds (Silge, Hayes & Schnoebelen; tidylo 0.2.0): each
 * set against the whole corpus.  rows (set[r], feat[r], n[r] > 0), sets
 * and features numbered from 0.  The prior alpha is the feature's count
 * over all rows (tidylo's empirical Bayes default) or 1 (uninformative);
 * with y = n + alpha, y_w and n_i the sums of y over the feature's and the
 * set's rows and Y over all rows:
 *   delta = ln(y / (n_i - y)) - ln(y_w / (Y - y_w)),
 *   zeta = delta / sqrt(1/y + 1/y_w).
 * Fills delta[r] and zeta[r]. */
void txt_stats_tidylo(const double *n, const size_t *set, const size_t *feat, size_t rows,
                      size_t nsets, size_t nfeats, int uninformative, double *delta,
                      double *zeta);

/* tf-idf of a term with count n in a unit (group) of total tokens, in df
 * of the corpus's N documents.  idf: TXT_IDF_QUANTEDA log10(N/df)
 * (quanteda's dfm_tfidf, scheme_df "inverse"); TXT_IDF_SMOOTH
 * ln((1+N)/(1+df)) + 1 (scikit-learn's TfidfTransformer, smooth_idf);
 * TXT_IDF_PLAIN ln(N/df) + 1 (smooth_idf=False).  tf: TXT_TF_COUNT n;
 * TXT_TF_LOG 1 + log(n), log10 with TXT_IDF_QUANTEDA (quanteda's
 * "logcount") and ln otherwise (scikit-learn's sublinear_tf); TXT_TF_PROP
 * n / total (quanteda's "prop").  0 when n or df is 0. */
enum { TXT_IDF_QUANTEDA, TXT_IDF_SMOOTH, TXT_IDF_PLAIN };
enum { TXT_TF_COUNT, TXT_TF_LOG, TXT_TF_PROP };
double txt_stats_tfidf(int tf, int idf, double n, double total, double df, double N);

/* Adjust n p-values in place: bonferroni min(1, n p); bh Benjamini-
 * Hochberg step-up (as R's p.adjust "BH").  NAN entries are kept and not
 * counted. */
enum { TXT_ADJ_NONE, TXT_ADJ_BONFERRONI, TXT_ADJ_BH };
void txt_stats_adjust(double *p, size_t n, int method);

/* Jensen-Shannon divergence in bits (0..1) of two count vectors of length
 * n, each normalised by its own sum. */
double txt_stats_jsd(const double *p, const double *q, size_t n);

/* A seeded Mersenne Twister (gsl_rng_mt19937); free with gsl_rng_free. */
gsl_rng *txt_stats_rng_new(unsigned long seed);

/* One bootstrap replicate of grouped sums, resampling units within each
 * group: for each group g, draw size[g] of its members (unit indices
 * mem[g][0..size[g])) uniformly with replacement and add their rows of x
 * (units x k, row-major) into out[g*k .. g*k+k), which is zeroed first. */
void txt_stats_boot_sums(gsl_rng *r, const size_t *const *mem, const size_t *size, size_t ng,
                         const double *x, size_t k, double *out);

/* Percentile of sorted x[0..n) at probability q (R's type 7). */
double txt_stats_quantile(const double *sorted, size_t n, double q);

#endif
