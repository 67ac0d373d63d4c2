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

/* A signed statistic without and with its correction (Yates', Williams'),
 * and their p-values, against R's in columns col to col + 3; the sign is
 * the association's. */
static void signed_matches_r(double (*stat)(txt_2x2, int), int col)
{
	for (size_t i = 0; i < NROWS(stats_expected); i++) {
		const double *e = stats_expected[i];
		txt_2x2 t = row_table(e);
		double s = t.a * t.d > t.b * t.c ? 1 : -1;
		double x0 = stat(t, 0), x1 = stat(t, 1);
		CHECK_REL(fabs(x0), e[col]);
		CHECK_REL(fabs(x1), e[col + 1]);
		CHECK_REL(txt_stats_chi2_p(x0), e[col + 2]);
		CHECK_REL(txt_stats_chi2_p(x1), e[col + 3]);
		if (e[col] > 0)
			CHECK(x0 * s > 0);
	}
}

TEST(chi2_matches_r) { signed_matches_r(txt_stats_chi2, 4); }

TEST(g2_matches_r) { signed_matches_r(txt_stats_g2, 8); }

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

/* Counts up to 1e12 (issue 15.6: the walk from the mode took minutes):
 * fisher.test, or past what it can list the same definition by phyper in
 * R (stats_expected.R). */
TEST(fisher_large_counts)
{
	for (size_t i = 0; i < NROWS(fisher_large); i++)
		CHECK_REL(txt_stats_fisher_p(row_table(fisher_large[i])), fisher_large[i][4]);
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
 *   Woolf:  var = 1/23 + 1/4977 + 1/16 + 1/6984 = 6296375/59219664
 *           z = 0.70170001235 / 0.32607111117 = 2.15198460797
 *   Monroe eq. 20: var = 1/23 + 1/16 = 39/368 */
TEST(logodds_worked_example)
{
	txt_lo_side i = {10, 1000, 13, 4000}, j = {3, 3000, 13, 4000};
	txt_logodds r = txt_stats_logodds(i, j, TXT_VAR_WOOLF);
	CHECK_NEAR(r.delta, log(2231.0 / 1106.0), 1e-12);
	CHECK_NEAR(r.var, 6296375.0 / 59219664.0, 1e-12);
	CHECK_NEAR(r.z, 2.15198460797, 1e-10);
	txt_logodds m = txt_stats_logodds(i, j, TXT_VAR_MONROE);
	CHECK_NEAR(m.delta, r.delta, 1e-15);
	CHECK_NEAR(m.var, 39.0 / 368.0, 1e-15);
	CHECK_NEAR(m.z, log(2231.0 / 1106.0) / sqrt(39.0 / 368.0), 1e-12);
	/* symmetric: swapping the groups flips the sign */
	txt_logodds s = txt_stats_logodds(j, i, TXT_VAR_WOOLF);
	CHECK_NEAR(s.z, -r.z, 1e-12);
	/* equal rates: exactly 0 */
	txt_lo_side e1 = {2, 1000, 7, 3500}, e2 = {5, 2500, 7, 3500}; /* pooled */
	CHECK(txt_stats_logodds(e1, e2, TXT_VAR_MONROE).z == 0);
}

/* tidylo's bind_log_odds by hand: set A has x 2, y 1; set B has x 1, z 3.
 * alpha = the feature's count: y = 5 (A x), 2 (A y), 4 (B x), 6 (B z);
 * y_w: x 9, y 2, z 6; n_A = 7, n_B = 10, Y = 17.  A x: delta =
 * ln(5/2) - ln(9/8), zeta = delta / sqrt(1/5 + 1/9). */
TEST(tidylo_worked_example)
{
	double n[] = {2, 1, 1, 3}, delta[4], zeta[4];
	size_t set[] = {0, 0, 1, 1}, feat[] = {0, 1, 0, 2};
	txt_stats_tidylo(n, set, feat, 4, 2, 3, 0, delta, zeta);
	CHECK_NEAR(delta[0], log(2.5) - log(9.0 / 8.0), 1e-14);
	CHECK_NEAR(zeta[0], (log(2.5) - log(9.0 / 8.0)) / sqrt(1 / 5.0 + 1 / 9.0), 1e-14);
	CHECK_NEAR(delta[3], log(6.0 / 4.0) - log(6.0 / 11.0), 1e-14);
	/* uninformative: alpha = 1; y = 3, 2, 2, 4; y_w: x 5, y 2, z 4; n_A = 5,
	 * n_B = 6, Y = 11; B x: ln(2/4) - ln(5/6) */
	txt_stats_tidylo(n, set, feat, 4, 2, 3, 1, delta, zeta);
	CHECK_NEAR(delta[2], log(0.5) - log(5.0 / 6.0), 1e-14);
	CHECK_NEAR(zeta[2], (log(0.5) - log(5.0 / 6.0)) / sqrt(1 / 2.0 + 1 / 5.0), 1e-14);
}

TEST(effect_sizes)
{
	txt_2x2 t = txt_2x2_make(10, 5, 1000, 2000);
	CHECK_NEAR(txt_stats_log_ratio(t), 2.0, 1e-12); /* 1% vs 0.25% */
	CHECK_NEAR(txt_stats_pdiff(t), 300.0, 1e-12);
	/* E11 = 15 * 1000 / 3000 = 5, PMI = ln 2 */
	CHECK_NEAR(txt_stats_pmi(t), log(2.0), 1e-12);
	/* a zero count: 0.5 shared in proportion to the sizes, 4.25 vs 0.25 */
	txt_2x2 z = txt_2x2_make(4, 0, 1000, 1000);
	CHECK_NEAR(txt_stats_log_ratio(z), log2(17.0), 1e-12);
	CHECK_NEAR(txt_stats_pmi(z), log(4.25 * 2 / 4.5), 1e-12);
	CHECK(isnan(txt_stats_log_ratio(txt_2x2_make(0, 0, 0, 10))));
	/* the case: absent from a small target, once in a big reference
	 * (Hardie's 0.5 gave +5.7); and the other way round */
	txt_2x2 absent = txt_2x2_make(0, 1, 1400, 150000), only = txt_2x2_make(1, 0, 150000, 1400);
	CHECK(txt_stats_log_ratio(absent) < 0 && txt_stats_pmi(absent) < 0);
	CHECK(txt_stats_pdiff(absent) == -100);
	CHECK(txt_stats_log_ratio(only) > 0 && txt_stats_pmi(only) > 0 && txt_stats_pdiff(only) > 0);
	/* %DIFF, Gabrielatos & Marchi: 14th, 0 vs 1 is -100; a zero reference
	 * frequency is 1e-18 per million */
	CHECK(txt_stats_pdiff(txt_2x2_make(0, 1, 1433, 150000)) == -100);
	CHECK_NEAR(txt_stats_pdiff(txt_2x2_make(2, 0, 1e6, 1e6)), 100 * (2 - 1e-18) / 1e-18, 1e-15);
	/* equal rates: exactly 0 */
	txt_2x2 eq = txt_2x2_make(3, 7, 300, 700);
	CHECK(txt_stats_log_ratio(eq) == 0 && txt_stats_pdiff(eq) == 0 && txt_stats_pmi(eq) == 0);
}

/* Katz et al.'s interval: ln RR +- z sqrt(1/a - 1/nt + 1/b - 1/nr), for
 * 10 of 1000 against 5 of 2000 (RR 4), in log2 units. */
TEST(log_ratio_ci)
{
	double lo, hi, se = sqrt(0.1 - 0.001 + 0.2 - 0.0005);
	txt_stats_log_ratio_ci(txt_2x2_make(10, 5, 1000, 2000), 0.95, &lo, &hi);
	CHECK_NEAR(lo, (log(4) - 1.959963984540054 * se) / log(2), 1e-12);
	CHECK_NEAR(hi, (log(4) + 1.959963984540054 * se) / log(2), 1e-12);
	txt_stats_log_ratio_ci(txt_2x2_make(10, 5, 1000, 2000), 0.9, &lo, &hi);
	CHECK_NEAR(hi, (log(4) + 1.6448536269514722 * se) / log(2), 1e-12);
	/* with a zero count it stays finite and holds the estimate */
	txt_2x2 z = txt_2x2_make(0, 3, 1000, 1000);
	txt_stats_log_ratio_ci(z, 0.95, &lo, &hi);
	CHECK(isfinite(lo) && isfinite(hi) && lo < txt_stats_log_ratio(z) && hi > txt_stats_log_ratio(z));
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

RUN_TESTS(T(bootstrap_coverage), T(chi2_matches_r), T(g2_matches_r), T(fisher_matches_r), T(fisher_random_tables), T(fisher_large_counts), T(fisher_full_sum),
          T(quanteda_compat), T(logodds_worked_example), T(tidylo_worked_example), T(effect_sizes), T(log_ratio_ci),
          T(adjust_matches_r), T(jsd), T(quantile_type7), T(rng_seeded))
