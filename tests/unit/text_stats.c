/* text_stats against R (tests/unit/stats_expected.h, made by
 * stats_expected.R with R 4.2.2) and against hand computations. */
#include "harness.h"
#include "stats_expected.h"
#include "text_stats.h"

#include <gsl/gsl_randist.h>

/* Relative error within tol, or both exactly zero. */
static int rel_ok(double x, double y, double tol)
{
	if (y == 0)
		return fabs(x) <= 1e-300;
	return fabs(x - y) <= tol * fabs(y);
}

#define CHECK_REL(x, y)                                                       \
	do {                                                                  \
		double r_x = (x), r_y = (y);                                  \
		if (!rel_ok(r_x, r_y, 1e-9)) {                                \
			printf("FAIL %s: %s:%d: row %zu: %s == %.17g, expected %.17g\n", \
			       h_current, __FILE__, __LINE__, i, #x, r_x, r_y); \
			h_failed_checks++;                                    \
		}                                                             \
	} while (0)

#define NROWS(a) (sizeof(a) / sizeof(a[0]))

static txt_2x2 row_table(const double *e)
{
	txt_2x2 t = {e[0], e[1], e[2], e[3]};
	return t;
}

TEST(chi2_matches_r)
{
	for (size_t i = 0; i < NROWS(stats_expected); i++) {
		const double *e = stats_expected[i];
		txt_2x2 t = row_table(e);
		double s = t.a * t.d > t.b * t.c ? 1 : -1;
		double x0 = txt_stats_chi2(t, 0), x1 = txt_stats_chi2(t, 1);
		CHECK_REL(fabs(x0), e[4]);
		CHECK_REL(fabs(x1), e[5]);
		CHECK_REL(txt_stats_chi2_p(x0), e[6]);
		CHECK_REL(txt_stats_chi2_p(x1), e[7]);
		if (e[4] > 0)
			CHECK(x0 * s > 0);
	}
}

TEST(g2_matches_r)
{
	for (size_t i = 0; i < NROWS(stats_expected); i++) {
		const double *e = stats_expected[i];
		txt_2x2 t = row_table(e);
		double s = t.a * t.d > t.b * t.c ? 1 : -1;
		double g0 = txt_stats_g2(t, 0), g1 = txt_stats_g2(t, 1);
		CHECK_REL(fabs(g0), e[8]);
		CHECK_REL(fabs(g1), e[9]);
		CHECK_REL(txt_stats_chi2_p(g0), e[10]);
		CHECK_REL(txt_stats_chi2_p(g1), e[11]);
		if (e[8] > 0)
			CHECK(g0 * s > 0);
	}
}

TEST(fisher_matches_r)
{
	for (size_t i = 0; i < NROWS(stats_expected); i++) {
		const double *e = stats_expected[i];
		CHECK_REL(txt_stats_fisher_p(row_table(e)), e[12]);
	}
}

TEST(fisher_random_tables)
{
	for (size_t i = 0; i < NROWS(fisher_random); i++)
		CHECK_REL(txt_stats_fisher_p(row_table(fisher_random[i])), fisher_random[i][4]);
}

/* The same p from GSL's hypergeometric pdf, summed over the whole support:
 * an independent check of the walk from the mode. */
TEST(fisher_full_sum)
{
	unsigned a = 4, b = 9, c = 30, d = 21;
	unsigned m = a + c, n = b + d, k = a + b;
	double pobs = gsl_ran_hypergeometric_pdf(a, m, n, k), p = 0;
	for (unsigned x = 0; x <= k; x++) {
		double px = gsl_ran_hypergeometric_pdf(x, m, n, k);
		if (px <= pobs * (1 + 1e-7))
			p += px;
	}
	txt_2x2 t = {a, b, c, d};
	size_t i = 0;
	CHECK_REL(txt_stats_fisher_p(t), p);
}

TEST(quanteda_compat)
{
	for (size_t i = 0; i < NROWS(quanteda_expected); i++) {
		const double *e = quanteda_expected[i];
		txt_2x2 t = row_table(e);
		double x = txt_stats_q_chi2(t, TXT_Q_DEFAULT);
		CHECK_REL(x, e[4]);
		CHECK_REL(txt_stats_q_g2(t, TXT_Q_DEFAULT), e[5]);
		CHECK_REL(txt_stats_q_pmi(t), e[6]);
		if (e[7] > 1e-12) /* 1 - P is exact only away from 0 */
			CHECK_REL(txt_stats_q_p(x), e[7]);
	}
	/* The step applies: quanteda's chi2 equals R's Yates chi2; it does not
	 * (all expected cells >= 5): it equals the uncorrected one. */
	CHECK_NEAR(txt_stats_q_chi2(row_table(stats_expected[4]), 0), stats_expected[4][5], 1e-12);
	CHECK_NEAR(txt_stats_q_chi2(row_table(stats_expected[3]), 0), stats_expected[3][4], 1e-12);
}

/* Worked by hand: target 10 of 1000 tokens, reference 3 of 3000, prior
 * from the pooled counts: aw = 13, a0 = 4000.
 *   delta = ln(23/4977) - ln(16/6984) = ln(2231/1106) = 0.70170001235...
 *   var   = 1/23 + 1/4977 + 1/16 + 1/6984 = 6296375/59219664 = 0.10632236954...
 *   z     = 0.70170001235 / 0.32607111117 = 2.15198460797 */
TEST(logodds_worked_example)
{
	txt_logodds r = txt_stats_logodds(10, 1000, 3, 3000, 13, 4000);
	CHECK_NEAR(r.delta, log(2231.0 / 1106.0), 1e-12);
	CHECK_NEAR(r.var, 6296375.0 / 59219664.0, 1e-12);
	CHECK_NEAR(r.z, 2.15198460797, 1e-10);
	/* symmetric: swapping the groups flips the sign */
	txt_logodds s = txt_stats_logodds(3, 3000, 10, 1000, 13, 4000);
	CHECK_NEAR(s.z, -r.z, 1e-12);
}

TEST(effect_sizes)
{
	txt_2x2 t = txt_2x2_make(10, 5, 1000, 2000);
	CHECK_NEAR(txt_stats_log_ratio(t), 2.0, 1e-12); /* 1% vs 0.25% */
	CHECK_NEAR(txt_stats_pdiff(t), 300.0, 1e-12);
	/* E11 = 15 * 1000 / 3000 = 5, PMI = ln 2 */
	CHECK_NEAR(txt_stats_pmi(t), log(2.0), 1e-12);
	/* zero rule: 0 becomes 0.5 */
	txt_2x2 z = txt_2x2_make(4, 0, 1000, 1000);
	CHECK_NEAR(txt_stats_log_ratio(z), 3.0, 1e-12);
	CHECK(isnan(txt_stats_log_ratio(txt_2x2_make(0, 0, 0, 10))));
}

TEST(adjust_matches_r)
{
	double p[NROWS(adj_p)];
	size_t n = NROWS(adj_p);
	memcpy(p, adj_p, sizeof p);
	txt_stats_adjust(p, n, TXT_ADJ_BH);
	for (size_t i = 0; i < n; i++)
		CHECK_REL(p[i], adj_bh[i]);
	memcpy(p, adj_p, sizeof p);
	txt_stats_adjust(p, n, TXT_ADJ_BONFERRONI);
	for (size_t i = 0; i < n; i++)
		CHECK_REL(p[i], adj_bonf[i]);
}

TEST(jsd)
{
	double p[] = {1, 0}, q[] = {0, 1}, r[] = {2, 2}, s[] = {5, 5};
	CHECK_NEAR(txt_stats_jsd(p, q, 2), 1.0, 1e-12);
	CHECK_NEAR(txt_stats_jsd(r, s, 2), 0.0, 1e-12);
	/* P = (1/2, 1/2), Q = (1, 0): M = (3/4, 1/4);
	 * JSD = 1/2 (1/2 log2(2/3) + 1/2 log2 2) + 1/2 log2(4/3) */
	double u[] = {1, 1}, v[] = {1, 0};
	double want = 0.5 * (0.5 * log2(2.0 / 3) + 0.5 * 1) + 0.5 * log2(4.0 / 3);
	CHECK_NEAR(txt_stats_jsd(u, v, 2), want, 1e-12);
}

TEST(quantile_type7)
{
	double x[] = {1, 2, 3, 4, 10};
	CHECK_NEAR(txt_stats_quantile(x, 5, 0.5), 3, 1e-12);
	CHECK_NEAR(txt_stats_quantile(x, 5, 0.975), 9.4, 1e-12); /* 4 + 0.9*6 */
	CHECK_NEAR(txt_stats_quantile(x, 5, 0), 1, 1e-12);
	CHECK_NEAR(txt_stats_quantile(x, 5, 1), 10, 1e-12);
}

TEST(rng_seeded)
{
	gsl_rng *a = txt_stats_rng_new(42), *b = txt_stats_rng_new(42);
	CHECK(gsl_rng_get(a) == gsl_rng_get(b));
	gsl_rng_free(a);
	gsl_rng_free(b);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Coverage of the percentile interval slant-frame reports: 1,000 seeded data
 * sets of 60 documents of 50-300 tokens, each token a frame hit with
 * probability 0.02 (true rate 20 per 1,000 tokens); 500 resamples each.
 * The 95% interval must cover 20 in 93-97% of the data sets. */
TEST(bootstrap_coverage)
{
	enum { N = 60, B = 500, REPS = 1000 };
	gsl_rng *data = txt_stats_rng_new(7), *boot = txt_stats_rng_new(11);
	double x[2 * N], stat[B], out[2];
	size_t idx[N], size[1] = {N}, cover = 0;
	for (size_t i = 0; i < N; i++)
		idx[i] = i;
	const size_t *mem[1] = {idx};
	for (int rep = 0; rep < REPS; rep++) {
		for (size_t i = 0; i < N; i++) {
			unsigned len = 50 + (unsigned)gsl_rng_uniform_int(data, 251);
			x[2 * i] = len;
			x[2 * i + 1] = gsl_ran_binomial(data, 0.02, len);
		}
		for (int b = 0; b < B; b++) {
			txt_stats_boot_sums(boot, mem, size, 1, x, 2, out);
			stat[b] = 1000 * out[1] / out[0];
		}
		qsort(stat, B, sizeof stat[0], cmp_double);
		double lo = txt_stats_quantile(stat, B, 0.025), hi = txt_stats_quantile(stat, B, 0.975);
		cover += lo <= 20 && 20 <= hi;
	}
	printf("# bootstrap coverage: %zu of %d\n", cover, REPS);
	CHECK(cover >= 930 && cover <= 970);
	gsl_rng_free(data);
	gsl_rng_free(boot);
}

RUN_TESTS(T(bootstrap_coverage), T(chi2_matches_r), T(g2_matches_r), T(fisher_matches_r), T(fisher_random_tables), T(fisher_full_sum),
          T(quanteda_compat), T(logodds_worked_example), T(effect_sizes),
          T(adjust_matches_r), T(jsd), T(quantile_type7), T(rng_seeded))
