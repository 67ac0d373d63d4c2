/* text_stats: see text_stats.h.  Formulas are cited where they are used. */
#include "text_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_psi.h>

#include "text_err.h"

txt_2x2 txt_2x2_make(double a, double b, double nt, double nr)
{
	txt_2x2 t = {a, b, nt - a, nr - b};
	return t;
}

static double sign_of(txt_2x2 t)
{
	return t.a * t.d > t.b * t.c ? 1.0 : -1.0;
}

/* Expected counts under independence: E_ij = row_i * col_j / N. */
static void expected(txt_2x2 t, double e[4])
{
	double n = t.a + t.b + t.c + t.d;
	double r1 = t.a + t.b, r2 = t.c + t.d, c1 = t.a + t.c, c2 = t.b + t.d;
	e[0] = r1 * c1 / n;
	e[1] = r1 * c2 / n;
	e[2] = r2 * c1 / n;
	e[3] = r2 * c2 / n;
}

static int degenerate(txt_2x2 t)
{
	return t.a + t.b <= 0 || t.c + t.d <= 0 || t.a + t.c <= 0 || t.b + t.d <= 0;
}

/* Pearson: X2 = sum (|O - E| - Y)^2 / E with Y = min(0.5, |O - E|) under
 * Yates' correction, else Y = 0 (as R's chisq.test, Yates 1934). */
double txt_stats_chi2(txt_2x2 t, int yates)
{
	if (degenerate(t))
		return 0;
	/* In a 2x2 table every |O - E| is |ad - bc| / N: using that one value
	 * makes the Yates-corrected statistic exactly 0 when |O - E| <= 0.5,
	 * where summing four cells would leave rounding noise. */
	double e[4], x2 = 0, n = t.a + t.b + t.c + t.d;
	expected(t, e);
	double dev = fabs(t.a * t.d - t.b * t.c) / n;
	double r = dev - (yates ? fmin(0.5, dev) : 0);
	for (int i = 0; i < 4; i++)
		x2 += r * r / e[i];
	return sign_of(t) * x2;
}

/* G2 = 2 sum O ln(O/E), 0 ln 0 = 0 (Dunning 1993).  Williams (1976):
 * q = 1 + (N sum 1/R_i - 1)(N sum 1/C_j - 1) / (6 N (r-1)(c-1)). */
double txt_stats_g2(txt_2x2 t, int williams)
{
	if (degenerate(t))
		return 0;
	double o[4] = {t.a, t.b, t.c, t.d}, e[4], g = 0;
	expected(t, e);
	for (int i = 0; i < 4; i++)
		if (o[i] > 0)
			g += o[i] * log(o[i] / e[i]);
	g *= 2;
	if (williams) {
		double n = t.a + t.b + t.c + t.d;
		double rs = 1 / (t.a + t.b) + 1 / (t.c + t.d);
		double cs = 1 / (t.a + t.c) + 1 / (t.b + t.d);
		g /= 1 + (n * rs - 1) * (n * cs - 1) / (6 * n);
	}
	return sign_of(t) * fabs(g);
}

double txt_stats_chi2_p(double stat)
{
	if (isnan(stat))
		return NAN;
	return gsl_cdf_chisq_Q(fabs(stat), 1);
}

double txt_stats_z_p(double z)
{
	if (isnan(z))
		return NAN;
	return 2 * gsl_cdf_ugaussian_Q(fabs(z));
}

/* ---- Fisher's exact test, at a cost that does not grow with the counts ----
 *
 * Two-sided as R's fisher.test: the p-value is the total probability of the
 * tables, with the margins fixed, no more likely than the observed one (ties
 * judged with a relative tolerance of 1e-7).  The target count x of the
 * k = a + b term tokens among m target and n reference tokens is
 * hypergeometric; its pmf is unimodal, so those tables are two tails,
 * x <= t_lo and x >= t_hi, whose ends are found by bisection.  The log pmf
 * comes from Loader's (2000) saddle-point form of the binomial density
 * ("Fast and accurate computation of binomial probabilities"), accurate to
 * near machine precision for counts of any size, where differences of
 * log-gammas near 1e12 keep 4 digits:
 *   P(x) = b(x; m, p) b(k - x; n, p) / b(k; m + n, p),  p = k / (m + n),
 *   ln b(x; N, p) = stirlerr(N) - stirlerr(x) - stirlerr(N - x)
 *                   - bd0(x, Np) - bd0(N - x, Nq) + ln sqrt(N / (2 pi x (N - x))).
 * A tail is summed term by term when fewer than 2000 of its terms matter
 * (down to e^-50 of its largest); otherwise by the Euler-Maclaurin formula:
 * the integral of the smooth pmf (Gauss-Legendre) plus the end
 * corrections in f' and f''' (digamma and polygamma), the 64 terms at each
 * end summed exactly.  Either way the cost is bounded. */

#define LN_SQRT_2PI 0.918938533204672741780329736406

/* ln Gamma(n + 1) - (n + 1/2) ln n + n - ln sqrt(2 pi), n > 0: the
 * asymptotic series past 15 (its next term is under 1e-16 there). */
static double stirlerr(double n)
{
	if (n <= 15)
		return lgamma(n + 1) - (n + 0.5) * log(n) + n - LN_SQRT_2PI;
	double n2 = n * n;
	return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / (1188 * n2)) / n2) / n2) / n2) / n;
}

/* x ln(x / np) + np - x without cancellation: a series in
 * v = (x - np) / (x + np) when x is near np. */
static double bd0(double x, double np)
{
	if (x == 0)
		return np;
	if (fabs(x - np) < 0.1 * (x + np)) {
		double v = (x - np) / (x + np), s = (x - np) * v, ej = 2 * x * v, v2 = v * v;
		for (int j = 1; j < 200; j++) {
			ej *= v2;
			double s1 = s + ej / (2 * j + 1);
			if (s1 == s)
				break;
			s = s1;
		}
		return s;
	}
	return x * log(x / np) + np - x;
}

/* ln b(x; N, p), x real in [0, N]. */
static double ldbinom(double x, double N, double p, double q)
{
	if (x == 0)
		return N == 0 ? 0 : N * log1p(-p);
	if (x == N)
		return N * log1p(-q);
	return stirlerr(N) - stirlerr(x) - stirlerr(N - x) - bd0(x, N * p) - bd0(N - x, N * q) +
	       0.5 * log(N / (x * (N - x))) - LN_SQRT_2PI;
}

typedef struct hyper {
	double m, n, k, p, q, lk;   /* lk = ln b(k; m + n, p) */
	double lo, hi, mode, scale; /* scale: ln P where the tail being summed starts */
} hyper;

static double hyper_l(const hyper *h, double x)
{
	return ldbinom(x, h->m, h->p, h->q) + ldbinom(h->k - x, h->n, h->p, h->q) - h->lk;
}

/* The derivative of ln P(x) of order 1, 2 or 3, from the gamma functions. */
static double hyper_dl(const hyper *h, double x, int order)
{
	double s[4] = {h->m - x + 1, x + 1, h->k - x + 1, h->n - h->k + x + 1};
	if (order == 1)
		return gsl_sf_psi(s[0]) - gsl_sf_psi(s[1]) + gsl_sf_psi(s[2]) - gsl_sf_psi(s[3]);
	if (order == 2)
		return -gsl_sf_psi_1(s[0]) - gsl_sf_psi_1(s[1]) - gsl_sf_psi_1(s[2]) - gsl_sf_psi_1(s[3]);
	return gsl_sf_psi_n(2, s[0]) - gsl_sf_psi_n(2, s[1]) + gsl_sf_psi_n(2, s[2]) -
	       gsl_sf_psi_n(2, s[3]);
}

static double hyper_f(double x, void *arg)
{
	const hyper *h = arg;
	return exp(hyper_l(h, x) - h->scale);
}

/* The last x going from `from` to `to` (ln P monotone between them) whose
 * ln P is <= bound (below) or >= bound: bisection.  `from` must qualify. */
static double hyper_last(const hyper *h, double from, double to, double bound, int below)
{
	double lt = hyper_l(h, to);
	if (below ? lt <= bound : lt >= bound)
		return to;
	double in = from, out = to;
	while (fabs(out - in) > 1) {
		double mid = floor((in + out) / 2);
		double lm = hyper_l(h, mid);
		if (below ? lm <= bound : lm >= bound)
			in = mid;
		else
			out = mid;
	}
	return in;
}

static double sum_terms(const hyper *h, double u, double v)
{
	double s = 0;
	for (double x = u; x <= v; x++)
		s += exp(hyper_l(h, x) - h->scale);
	return s;
}

/* Sum of P(x) / e^scale over the integers u..v, P monotone there. */
static double sum_tail(hyper *h, double u, double v)
{
	if (v - u < 2000)
		return sum_terms(h, u, v);
	double a = u + 64, b = v - 64;
	double s = sum_terms(h, u, a - 1) + sum_terms(h, b + 1, v);
	/* the integral: 20-point Gauss-Legendre on 32 pieces, each a small
	 * part of the e^50 the pmf falls by (no error handler, no allocation
	 * that can fail) */
	gsl_integration_glfixed_table *gl = gsl_integration_glfixed_table_alloc(20);
	gsl_function F = {hyper_f, h};
	double in = 0, w = (b - a) / 32;
	for (int i = 0; i < 32; i++)
		in += gsl_integration_glfixed(&F, a + i * w, a + (i + 1) * w, gl);
	gsl_integration_glfixed_table_free(gl);
	double fa = hyper_f(a, h), fb = hyper_f(b, h);
	double d1a = hyper_dl(h, a, 1), d1b = hyper_dl(h, b, 1);
	double f3a = fa * (hyper_dl(h, a, 3) + 3 * d1a * hyper_dl(h, a, 2) + d1a * d1a * d1a);
	double f3b = fb * (hyper_dl(h, b, 3) + 3 * d1b * hyper_dl(h, b, 2) + d1b * d1b * d1b);
	return s + in + (fa + fb) / 2 + (fb * d1b - fa * d1a) / 12 - (f3b - f3a) / 720;
}

/* Sum of P(x) over the tail from `near` (its end nearer the mode) towards
 * `far`, leaving out the terms under e^-50 of the largest. */
static double tail_p(hyper *h, double near, double far)
{
	double ln = hyper_l(h, near);
	double end = hyper_last(h, near, far, ln - 50, 0);
	h->scale = ln;
	double s = near <= end ? sum_tail(h, near, end) : sum_tail(h, end, near);
	return s * exp(ln);
}

double txt_stats_fisher_p(txt_2x2 t)
{
	double a = round(t.a), b = round(t.b), c = round(t.c), d = round(t.d);
	if (a < 0 || b < 0 || c < 0 || d < 0 || isnan(a + b + c + d))
		return NAN;
	hyper h = {.m = a + c, .n = b + d, .k = a + b};
	double N = h.m + h.n;
	h.lo = fmax(0, h.k - h.n), h.hi = fmin(h.k, h.m);
	if (h.lo >= h.hi)
		return 1; /* the one possible table */
	h.p = h.k / N, h.q = (N - h.k) / N;
	h.lk = ldbinom(h.k, N, h.p, h.q);
	h.mode = floor((h.k + 1) * (h.m + 1) / (N + 2));
	h.mode = fmin(fmax(h.mode, h.lo), h.hi);
	double lobs = hyper_l(&h, a) + log1p(1e-7);
	if (hyper_l(&h, h.mode) <= lobs)
		return 1;
	double pv = 0;
	if (hyper_l(&h, h.lo) <= lobs) /* lo..t_lo, P rising towards the mode */
		pv += tail_p(&h, hyper_last(&h, h.lo, h.mode, lobs, 1), h.lo);
	if (hyper_l(&h, h.hi) <= lobs) /* t_hi..hi */
		pv += tail_p(&h, hyper_last(&h, h.hi, h.mode, lobs, 1), h.hi);
	return pv > 1 ? 1 : pv;
}

double txt_stats_odds_ratio(txt_2x2 t)
{
	return t.a * t.d / (t.b * t.c);
}

/* The term's counts for the effect sizes: as they are, or, where one is 0,
 * both with the pseudo-count TXT_STATS_PSEUDO shared in proportion to the
 * corpus sizes.  Hardie's (2014) 0.5 for a zero count alone is what made
 * a term absent from a small target typical of it: 0.5/nt can exceed
 * b/nr.  Shared this way, a/nt and b/nr both grow by k/N, so their order,
 * and the sign of observed minus expected, stay. */
static void smoothed(txt_2x2 t, double *a, double *b)
{
	*a = t.a, *b = t.b;
	if (t.a > 0 && t.b > 0)
		return;
	double nt = t.a + t.c, nr = t.b + t.d, n = nt + nr;
	*a += TXT_STATS_PSEUDO * nt / n;
	*b += TXT_STATS_PSEUDO * nr / n;
}

/* Log ratio (Hardie 2014): log2 of the ratio of the relative frequencies,
 * log2((a/nt) / (b/nr)), with nt = a + c, nr = b + d; written as
 * log2(a nr / (b nt)), whose products are exact for counts, so equal
 * rates give exactly 0. */
double txt_stats_log_ratio(txt_2x2 t)
{
	double nt = t.a + t.c, nr = t.b + t.d, a, b;
	if (nt <= 0 || nr <= 0)
		return NAN;
	smoothed(t, &a, &b);
	return log2((a * nr) / (b * nt));
}

/* Katz, Baptista, Azen & Pike (1978), the log method for the ratio of two
 * binomial proportions: ln(RR) +- z sqrt(1/a - 1/nt + 1/b - 1/nr), here in
 * log2 units and with the pseudo-counts of txt_stats_log_ratio. */
void txt_stats_log_ratio_ci(txt_2x2 t, double level, double *lo, double *hi)
{
	double nt = t.a + t.c, nr = t.b + t.d, a, b, lr = txt_stats_log_ratio(t);
	if (isnan(lr)) {
		*lo = *hi = NAN;
		return;
	}
	smoothed(t, &a, &b);
	double se = sqrt(fmax(0, 1 / a - 1 / nt + 1 / b - 1 / nr)) / log(2);
	double z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2);
	*lo = lr - z * se;
	*hi = lr + z * se;
}

/* %DIFF (Gabrielatos & Marchi 2012): 100 (NF_t - NF_r) / NF_r with NF the
 * frequencies per million tokens; a zero NF_r is replaced by 1e-18, their
 * rule, so a term absent from the reference scores very high, and one
 * absent from the target exactly -100.  Written as 100 (a nr - b nt) /
 * (b nt) when b > 0 (the same value; exact products for counts). */
double txt_stats_pdiff(txt_2x2 t)
{
	double nt = t.a + t.c, nr = t.b + t.d;
	if (nt <= 0 || nr <= 0)
		return NAN;
	if (t.b > 0)
		return 100 * (t.a * nr - t.b * nt) / (t.b * nt);
	return 100 * (1e6 * t.a / nt - 1e-18) / 1e-18;
}

/* Pointwise mutual information of term and target (Church & Hanks 1990),
 * natural log: ln(P(term, target) / (P(term) P(target))) = ln(a / E11) =
 * ln(a N / ((a + b) nt)), with the pseudo-counts of txt_stats_log_ratio
 * where a or b is 0 (then P(target | term) is shrunk towards P(target)
 * by k tokens). */
double txt_stats_pmi(txt_2x2 t)
{
	if (degenerate(t))
		return NAN;
	double nt = t.a + t.c, n = t.a + t.b + t.c + t.d, a, b;
	smoothed(t, &a, &b);
	return log((a * n) / ((a + b) * nt));
}

/* ---- quanteda.textstats (textstat_keyness, src/keyness.cpp) ---- */

#define Q_EPS 1e-9

/* The 0.5 step is taken only when |ad - bc| >= N/2 and some expected cell
 * is below 5. */
static double q_yates(txt_2x2 t)
{
	double e[4], n = t.a + t.b + t.c + t.d;
	expected(t, e);
	int small = e[0] < 5 || e[1] < 5 || e[2] < 5 || e[3] < 5;
	return fabs(t.a * t.d - t.b * t.c) >= n / 2 && small ? 0.5 : 0.0;
}

/* quanteda's Williams q; 1 when any cell is zero. */
static double q_williams(txt_2x2 t)
{
	if (t.a * t.b * t.c * t.d == 0)
		return 1;
	double n = t.a + t.b + t.c + t.d;
	return 1 + (n / (t.a + t.b) + n / (t.c + t.d) - 1) *
	               (n / (t.a + t.c) + n / (t.b + t.d) - 1) / (6 * n);
}

static double q_sign(txt_2x2 t)
{
	double e[4];
	expected(t, e);
	return t.a > e[0] ? 1.0 : -1.0;
}

/* chi2 = N (|ad - bc| - N delta)^2 / ((a+b)(c+d)(a+c)(b+d)), sign by a > E11,
 * divided by Williams' q when asked. */
double txt_stats_q_chi2(txt_2x2 t, int correction)
{
	double n = t.a + t.b + t.c + t.d;
	/* quanteda takes the conditional step for "yates" as for "default" */
	double delta = correction == TXT_Q_DEFAULT || correction == TXT_Q_YATES
	                       ? q_yates(t) : 0.0;
	double q = correction == TXT_Q_WILLIAMS ? q_williams(t) : 1.0;
	double r = fabs(t.a * t.d - t.b * t.c) - n * delta;
	double num = n * r * r;
	double den = (t.a + t.b) * (t.c + t.d) * (t.a + t.c) * (t.b + t.d) *
	             q_sign(t) / q;
	return num / den;
}

static double q_term(double o, double e)
{
	return o * log(o / e + Q_EPS);
}

/* G2 = 2 sum O ln(O/E + 1e-9), the cells moved 0.5 towards independence
 * under the same condition as chi2; sign by a > E11. */
double txt_stats_q_g2(txt_2x2 t, int correction)
{
	double n = t.a + t.b + t.c + t.d;
	double a = t.a, b = t.b, c = t.c, d = t.d;
	if (correction == TXT_Q_DEFAULT || correction == TXT_Q_YATES) {
		double delta = q_yates(t);
		double s = t.a * t.d - t.b * t.c > 0 ? delta : -delta;
		a -= s, b += s, c += s, d -= s;
	}
	double g = 2 * (q_term(a, (a + b) * (a + c) / n) +
	                q_term(b, (a + b) * (b + d) / n) +
	                q_term(c, (a + c) * (c + d) / n) +
	                q_term(d, (b + d) * (c + d) / n));
	g *= q_sign(t);
	if (correction == TXT_Q_WILLIAMS)
		g /= q_williams(t);
	return g;
}

/* PMI = ln(a / E11 + 1e-9), unsigned. */
double txt_stats_q_pmi(txt_2x2 t)
{
	double e[4];
	expected(t, e);
	return log(t.a / e[0] + Q_EPS);
}

double txt_stats_q_p(double stat)
{
	return 1 - gsl_cdf_chisq_P(fabs(stat), 1);
}

/* Monroe, Colaresi & Quinn (2008), "Fightin' Words":
 *   delta = ln((yi+aw)/(ni+a0-yi-aw)) - ln((yj+aw)/(nj+a0-yj-aw))   (eq. 16)
 *   var   = 1/(yi+aw) + 1/(yj+aw)                                   (eq. 20)
 *   z     = delta / sqrt(var)
 * Woolf (1955): the variance of a log odds ratio is the sum of the
 * reciprocals of all four cells.  delta is one log of a ratio of products,
 * exact for counts, so equal rates give exactly 0. */
txt_logodds txt_stats_logodds(txt_lo_side i, txt_lo_side j, int variance)
{
	txt_logodds r;
	double oi = i.y + i.aw, ri = i.n + i.a0 - i.y - i.aw;
	double oj = j.y + j.aw, rj = j.n + j.a0 - j.y - j.aw;
	r.delta = log((oi * rj) / (ri * oj));
	r.var = 1 / oi + 1 / oj;
	if (variance == TXT_VAR_WOOLF)
		r.var += 1 / ri + 1 / rj;
	r.z = r.delta / sqrt(r.var);
	return r;
}

/* tidylo 0.2.0, R/bind_log_odds.R: the pseudo-counts y = n + alpha, then
 * the odds of the feature in its set against its odds in all sets. */
void txt_stats_tidylo(const double *n, const size_t *set, const size_t *feat, size_t rows,
                      size_t nsets, size_t nfeats, int uninformative, double *delta,
                      double *zeta)
{
	double *fcount = txt_xcalloc(nfeats ? nfeats : 1, sizeof *fcount);
	double *yw = txt_xcalloc(nfeats ? nfeats : 1, sizeof *yw);
	double *ni = txt_xcalloc(nsets ? nsets : 1, sizeof *ni), total = 0;
	for (size_t r = 0; r < rows; r++)
		fcount[feat[r]] += n[r];
	for (size_t r = 0; r < rows; r++) {
		double y = n[r] + (uninformative ? 1 : fcount[feat[r]]);
		yw[feat[r]] += y;
		ni[set[r]] += y;
		total += y;
	}
	for (size_t r = 0; r < rows; r++) {
		double y = n[r] + (uninformative ? 1 : fcount[feat[r]]), w = yw[feat[r]];
		delta[r] = log(y / (ni[set[r]] - y)) - log(w / (total - w));
		zeta[r] = delta[r] / sqrt(1 / y + 1 / w);
	}
	txt_free_all(fcount, yw, ni);
}

/* quanteda: dfm_tfidf(x, scheme_tf, scheme_df = "inverse", base = 10),
 * whose base serves dfm_weight's "logcount" too.  scikit-learn:
 * TfidfTransformer(smooth_idf, sublinear_tf) before its normalisation. */
double txt_stats_tfidf(int tf, int idf, double n, double total, double df, double N)
{
	if (n <= 0 || df <= 0)
		return 0;
	double w = n, q = idf == TXT_IDF_QUANTEDA;
	if (tf == TXT_TF_LOG)
		w = 1 + (q ? log10(n) : log(n));
	else if (tf == TXT_TF_PROP)
		w = total > 0 ? n / total : 0;
	if (idf == TXT_IDF_QUANTEDA)
		return w * log10(N / df);
	if (idf == TXT_IDF_SMOOTH)
		return w * (log((1 + N) / (1 + df)) + 1);
	return w * (log(N / df) + 1);
}

static const double *sort_base;

static int by_p_desc(const void *x, const void *y)
{
	double a = sort_base[*(const size_t *)x], b = sort_base[*(const size_t *)y];
	if (a != b)
		return a > b ? -1 : 1;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	return i < j ? -1 : i > j;
}

/* Benjamini & Hochberg (1995), as R's p.adjust: with the m p-values in
 * decreasing order, p_adj = min(1, cummin(m / i * p_(i))). */
static void adjust_bh(double *p, size_t n, size_t m)
{
	size_t *o = txt_xreallocarray(NULL, n, sizeof *o), k = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(p[i]))
			o[k++] = i;
	sort_base = p;
	qsort(o, k, sizeof *o, by_p_desc);
	double run = 1;
	for (size_t r = 0; r < k; r++) {
		double v = (double)m / (double)(m - r) * p[o[r]];
		if (v < run)
			run = v;
		p[o[r]] = run;
	}
	free(o);
}

void txt_stats_adjust(double *p, size_t n, int method)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		m += !isnan(p[i]);
	if (method == TXT_ADJ_BONFERRONI) {
		for (size_t i = 0; i < n; i++)
			if (!isnan(p[i]))
				p[i] = fmin(1, p[i] * (double)m);
	} else if (method == TXT_ADJ_BH && m > 0) {
		adjust_bh(p, n, m);
	}
}

/* JSD(P, Q) = H(M) - (H(P) + H(Q)) / 2 with M = (P + Q) / 2 (Lin 1991),
 * computed as the mean of the two Kullback-Leibler divergences to M. */
double txt_stats_jsd(const double *p, const double *q, size_t n)
{
	double sp = 0, sq = 0, js = 0;
	for (size_t i = 0; i < n; i++)
		sp += p[i], sq += q[i];
	if (sp <= 0 || sq <= 0)
		return NAN;
	for (size_t i = 0; i < n; i++) {
		double pi = p[i] / sp, qi = q[i] / sq, mi = (pi + qi) / 2;
		if (pi > 0)
			js += 0.5 * pi * log2(pi / mi);
		if (qi > 0)
			js += 0.5 * qi * log2(qi / mi);
	}
	return js < 0 ? 0 : js;
}

/* Hyndman & Fan (1996) type 7, R's default. */
double txt_stats_quantile(const double *x, size_t n, double q)
{
	if (n == 0)
		return NAN;
	double h = (double)(n - 1) * q;
	size_t lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return x[n - 1];
	return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

/* The nonparametric bootstrap (Efron & Tibshirani 1993, ch. 6), stratified
 * by group: each group keeps its own size, so per-group statistics and
 * their differences are resampled as the data were collected. */
void txt_stats_boot_sums(gsl_rng *r, const size_t *const *mem, const size_t *size, size_t ng,
                         const double *x, size_t k, double *out)
{
	memset(out, 0, ng * k * sizeof *out);
	for (size_t g = 0; g < ng; g++) {
		double *o = out + g * k;
		for (size_t i = 0; i < size[g]; i++) {
			size_t u = mem[g][gsl_rng_uniform_int(r, size[g])];
			const double *row = x + u * k;
			for (size_t j = 0; j < k; j++)
				o[j] += row[j];
		}
	}
}

gsl_rng *txt_stats_rng_new(unsigned long seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	if (!r)
		abort();
	gsl_rng_set(r, seed);
	return r;
}
