/* text_scale: Wordscores and Wordfish; see text_scale.h for the models. */
#include "text_scale.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_err.h"
#include "text_tsv.h"

#include <gsl/gsl_linalg.h>

/* ---- Wordscores ---- */

static double mean_sd(const double *x, const int *use, size_t n, double *sd)
{
	double s = 0, ss = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (use[i] && isfinite(x[i]))
			s += x[i], k++;
	double m = k ? s / (double)k : NAN;
	for (size_t i = 0; i < n; i++)
		if (use[i] && isfinite(x[i]))
			ss += (x[i] - m) * (x[i] - m);
	*sd = k > 1 ? sqrt(ss / (double)(k - 1)) : NAN;
	return m;
}

int txt_scale_wordscores(const txt_dtm *m, const double *ref, int lbg_all, double *raw,
			 double *se, double *lbg, double *mv)
{
	size_t np = m->nparts, nt = m->nterms, lo = np, hi = np;
	for (size_t p = 0; p < np; p++) {
		if (isnan(ref[p]))
			continue;
		if (lo == np || ref[p] < ref[lo])
			lo = p;
		if (hi == np || ref[p] > ref[hi])
			hi = p;
	}
	if (lo == np || ref[lo] == ref[hi])
		return txt_err_set("wordscores needs two reference texts with different scores");
	double *num = txt_xcalloc(nt ? nt : 1, sizeof *num), *den = txt_xcalloc(nt ? nt : 1, sizeof *den);
	/* eq. 1-2: F_wr, P_wr = F_wr / sum_r F_wr, S_w = sum_r P_wr A_r */
	for (size_t p = 0; p < np; p++) {
		double tot = 0;
		for (size_t c = m->start[p]; c < m->start[p + 1]; c++)
			tot += m->cell[c].n;
		if (isnan(ref[p]) || tot <= 0)
			continue;
		for (size_t c = m->start[p]; c < m->start[p + 1]; c++) {
			num[m->cell[c].term] += m->cell[c].n / tot * ref[p];
			den[m->cell[c].term] += m->cell[c].n / tot;
		}
	}
	int *virgin = txt_xcalloc(np ? np : 1, sizeof *virgin), *isref = txt_xcalloc(np ? np : 1, sizeof *isref);
	/* eq. 3 and the standard error, over each part's scored words */
	for (size_t p = 0; p < np; p++) {
		double n = 0, s = 0, v = 0;
		for (size_t c = m->start[p]; c < m->start[p + 1]; c++)
			if (den[m->cell[c].term] > 0)
				n += m->cell[c].n, s += m->cell[c].n * (num[m->cell[c].term] / den[m->cell[c].term]);
		raw[p] = n > 0 ? s / n : NAN;
		for (size_t c = m->start[p]; c < m->start[p + 1]; c++) {
			double sw = den[m->cell[c].term] > 0 ? num[m->cell[c].term] / den[m->cell[c].term] : NAN;
			if (den[m->cell[c].term] > 0)
				v += m->cell[c].n / n * (sw - raw[p]) * (sw - raw[p]);
		}
		se[p] = n > 0 ? sqrt(v / n) : NAN;
		virgin[p] = lbg_all || isnan(ref[p]);
		isref[p] = !isnan(ref[p]);
	}
	free(num);
	free(den);
	double sdr, sdv, mv_ = mean_sd(raw, virgin, np, &sdv);
	mean_sd(ref, isref, np, &sdr);
	for (size_t p = 0; p < np; p++) {
		lbg[p] = (raw[p] - mv_) * (sdr / sdv) + mv_; /* LBG 2003, p. 316 */
		mv[p] = (raw[p] - raw[lo]) * (ref[hi] - ref[lo]) / (raw[hi] - raw[lo]) + ref[lo];
	}
	free(virgin);
	free(isref);
	return 0;
}

double *txt_scale_refs(const txt_dtm *m, const char *path, const char *col)
{
	if (!*m->by)
		return txt_err_set("the counts are one group: count with slant-count --by"), NULL;
	txt_table *t = txt_table_open(path);
	if (!t)
		return NULL;
	long kc = txt_table_need(t, m->by, "reference"), vc = txt_table_need(t, col, "reference");
	if (kc < 0 || vc < 0) {
		txt_table_close(t);
		return NULL;
	}
	txt_map *idx = txt_map_new(m->nparts);
	for (size_t p = 0; p < m->nparts; p++)
		txt_map_put(idx, m->name[p], strlen(m->name[p]), NULL); /* ids 0..nparts) */
	double *ref = txt_xmalloc((m->nparts ? m->nparts : 1) * sizeof *ref);
	for (size_t p = 0; p < m->nparts; p++)
		ref[p] = NAN;
	txt_row *row;
	int rc;
	while ((rc = txt_table_next(t, &row)) == 1) {
		int64_t p = txt_map_get(idx, row->f[kc].s, row->f[kc].len);
		const char *v = row->f[vc].s;
		double x;
		if (p < 0 || !*v || strcmp(v, "NA") == 0)
			continue;
		if (txt_parse_double(col, v, -HUGE_VAL, HUGE_VAL, &x) < 0 || !isfinite(x) ||
		    (!isnan(ref[p]) && ref[p] != x)) {
			rc = txt_err_set("%s:%llu: %s", txt_table_name(t),
					 (unsigned long long)txt_table_lineno(t),
					 isnan(ref[p]) || !isfinite(x) ? "not a number in the reference column"
								  : "the group's reference score differs from an earlier row's");
			break;
		}
		ref[p] = x;
	}
	txt_table_close(t);
	txt_map_free(idx);
	if (rc < 0) {
		free(ref);
		return NULL;
	}
	return ref;
}

/* ---- Wordfish ---- */

/* The objective of one block: sum_k y_k eta_k - exp(eta_k) - pa a^2/2 -
 * pb b^2/2 with eta_k = off_k + a + b x_k (y with stride ys). */
static double block_f(const double *y, size_t ys, const double *off, const double *x, size_t n,
		      double a, double b, double pa, double pb)
{
	double f = -0.5 * (pa * a * a + pb * b * b);
	for (size_t k = 0; k < n; k++) {
		double eta = off[k] + a + b * x[k];
		f += y[k * ys] * eta - exp(eta);
	}
	return f;
}

/* Newton steps on (a, b), each halved until it does not lower the block's
 * objective; at most 10, until the step is below 1e-10. */
static void block_newton(const double *y, size_t ys, const double *off, const double *x,
			 size_t n, double *a, double *b, double pa, double pb)
{
	double f = block_f(y, ys, off, x, n, *a, *b, pa, pb);
	for (int it = 0; it < 10; it++) {
		double ga = -pa * *a, gb = -pb * *b, haa = pa, hab = 0, hbb = pb;
		for (size_t k = 0; k < n; k++) {
			double l = exp(off[k] + *a + *b * x[k]), r = y[k * ys] - l;
			ga += r, gb += x[k] * r;
			haa += l, hab += x[k] * l, hbb += x[k] * x[k] * l;
		}
		double det = haa * hbb - hab * hab;
		if (!(det > 0))
			return;
		double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
		double t = 1, nf = f;
		for (int h = 0; h < 40; h++, t *= 0.5) {
			nf = block_f(y, ys, off, x, n, *a + t * da, *b + t * db, pa, pb);
			if (nf >= f)
				break;
		}
		if (!(nf >= f))
			return;
		*a += t * da, *b += t * db, f = nf;
		if (fabs(t * da) < 1e-10 && fabs(t * db) < 1e-10)
			return;
	}
}

static double loglik(const double *y, const txt_wf *w)
{
	double ll = 0;
	for (size_t i = 0; i < w->nparts; i++)
		for (size_t j = 0; j < w->nterms; j++) {
			double eta = w->alpha[i] + w->psi[j] + w->beta[j] * w->theta[i], v = y[i * w->nterms + j];
			ll += v * eta - exp(eta) - lgamma(v + 1);
		}
	return ll;
}


/* theta from the first left singular vector of the standardised residuals
 * (y - rc/T) / sqrt(rc/T), by power iteration on C C' (deterministic). */
static void start_theta(const double *y, const double *r, const double *c, double T, txt_wf *w)
{
	size_t np = w->nparts, nt = w->nterms;
	double *u = txt_xmalloc(np * sizeof *u), *v = txt_xmalloc(nt * sizeof *v);
	for (size_t i = 0; i < np; i++)
		u[i] = (double)i - (double)np / 2 + 0.5;
	for (int it = 0; it < 300; it++) {
		for (size_t j = 0; j < nt; j++) {
			v[j] = 0;
			for (size_t i = 0; i < np; i++) {
				double e = r[i] * c[j] / T;
				v[j] += u[i] * (y[i * nt + j] - e) / sqrt(e);
			}
		}
		double norm = 0;
		for (size_t i = 0; i < np; i++) {
			u[i] = 0;
			for (size_t j = 0; j < nt; j++) {
				double e = r[i] * c[j] / T;
				u[i] += v[j] * (y[i * nt + j] - e) / sqrt(e);
			}
			norm += u[i] * u[i];
		}
		for (size_t i = 0; norm > 0 && i < np; i++)
			u[i] /= sqrt(norm);
	}
	for (size_t i = 0; i < np; i++)
		w->theta[i] = u[i] / sqrt(r[i] / T);
	free(u);
	free(v);
}

static double sumsq(const double *x, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += x[i] * x[i];
	return s;
}

/* theta to mean 0, sd 1 with beta, psi compensated: the same likelihood.
 * Returns the sd theta had. */
static double standardise(txt_wf *w)
{
	double m = 0, ss = 0, n = (double)w->nparts;
	for (size_t i = 0; i < w->nparts; i++)
		m += w->theta[i] / n;
	for (size_t i = 0; i < w->nparts; i++)
		ss += (w->theta[i] - m) * (w->theta[i] - m);
	double s = sqrt(ss / (n - 1));
	if (!(s > 0))
		return 1;
	for (size_t i = 0; i < w->nparts; i++)
		w->theta[i] = (w->theta[i] - m) / s;
	for (size_t j = 0; j < w->nterms; j++)
		w->psi[j] += w->beta[j] * m, w->beta[j] *= s;
	return s;
}

/* Subtract v's mean (summed as v[i] / n) from it; return the mean. */
static double center(double *v, size_t n)
{
	double m = 0;
	for (size_t i = 0; i < n; i++)
		m += v[i] / (double)n;
	for (size_t i = 0; i < n; i++)
		v[i] -= m;
	return m;
}

/* The likelihood is the same along theta + b, psi - beta b and along
 * theta a, beta / a; move to where the priors (theta N(0, 1), beta
 * precision pb) are largest on both: b = -mean(theta), then
 * a^4 = pb sum beta^2 / sum theta^2.  Each step only raises the posterior. */
static void gauge(txt_wf *w, double pb)
{
	double m = center(w->theta, w->nparts);
	for (size_t j = 0; j < w->nterms; j++)
		w->psi[j] += w->beta[j] * m;
	double st = sumsq(w->theta, w->nparts), a = sqrt(sqrt(pb * sumsq(w->beta, w->nterms) / st));
	if (!(st > 0 && a > 0 && isfinite(a)))
		return;
	for (size_t i = 0; i < w->nparts; i++)
		w->theta[i] *= a;
	for (size_t j = 0; j < w->nterms; j++)
		w->beta[j] /= a;
}

static void center_alpha(txt_wf *w)
{
	double c = center(w->alpha, w->nparts);
	for (size_t j = 0; j < w->nterms; j++)
		w->psi[j] += c;
}

static double logpost(const double *y, const txt_wf *w, double pb)
{
	return loglik(y, w) - 0.5 * (pb * sumsq(w->beta, w->nterms) + sumsq(w->theta, w->nparts));
}

/* All parameters as one vector (alpha, theta, psi, beta), and back. */
static void pack(const txt_wf *w, double *x)
{
	memcpy(x, w->alpha, w->nparts * sizeof *x);
	memcpy(x + w->nparts, w->theta, w->nparts * sizeof *x);
	memcpy(x + 2 * w->nparts, w->psi, w->nterms * sizeof *x);
	memcpy(x + 2 * w->nparts + w->nterms, w->beta, w->nterms * sizeof *x);
}

static void unpack(txt_wf *w, const double *x)
{
	memcpy(w->alpha, x, w->nparts * sizeof *x);
	memcpy(w->theta, x + w->nparts, w->nparts * sizeof *x);
	memcpy(w->psi, x + 2 * w->nparts, w->nterms * sizeof *x);
	memcpy(w->beta, x + 2 * w->nparts + w->nterms, w->nterms * sizeof *x);
}

/* Block ascent creeps along ridges: after a sweep that moved the
 * parameters from prev by d, try going on by 8d, 4d, 2d, d and keep the
 * first that raises the posterior (else stay).  prev becomes the new
 * point.  Returns the posterior there. */
static double extrapolate(const double *y, txt_wf *w, double *prev, double pb)
{
	size_t n = 2 * (w->nparts + w->nterms);
	double *cur = txt_xmalloc(n * sizeof *cur), *x = txt_xmalloc(n * sizeof *x);
	pack(w, cur);
	double f = logpost(y, w, pb);
	for (double k = 8; k >= 1; k /= 2) {
		for (size_t i = 0; i < n; i++)
			x[i] = cur[i] + k * (cur[i] - prev[i]);
		unpack(w, x);
		double g = logpost(y, w, pb);
		if (g > f) {
			f = g;
			memcpy(cur, x, n * sizeof *x);
			break;
		}
	}
	unpack(w, cur);
	memcpy(prev, cur, n * sizeof *cur);
	free(cur);
	free(x);
	return f;
}

/* One Fisher scoring step on all parameters at once (Gauss-Newton: the
 * expected information J = sum lambda (d eta)(d eta)' plus the priors'
 * precisions), solved through the Schur complement on the parts' block
 * (terms' blocks are 2x2 and independent given the parts), then halved
 * until the posterior rises.  Returns 1 if it rose. */
static int scoring_step(const double *y, txt_wf *w, double pb)
{
	size_t np = w->nparts, nt = w->nterms, nd = 2 * np;
	double f0 = logpost(y, w, pb);
	double *gd = txt_xcalloc(nd, sizeof *gd), *gw = txt_xcalloc(2 * nt, sizeof *gw);
	double *S = txt_xcalloc(nd * nd, sizeof *S), *Wi = txt_xmalloc(4 * nt * sizeof *Wi);
	double *Cj = txt_xmalloc(2 * nd * sizeof *Cj), *lam = txt_xmalloc(np * sizeof *lam);
	for (size_t i = 0; i < np; i++) /* parts' own blocks and the prior on theta */
		S[(2 * i + 1) * nd + 2 * i + 1] = 1, gd[2 * i + 1] = -w->theta[i];
	for (size_t j = 0; j < nt; j++) {
		double b = w->beta[j], w11 = 0, w12 = 0, w22 = pb, g1 = 0, g2 = -pb * b;
		for (size_t i = 0; i < np; i++) {
			double t = w->theta[i], l = exp(w->alpha[i] + w->psi[j] + b * t);
			double r = y[i * nt + j] - l;
			lam[i] = l;
			w11 += l, w12 += l * t, w22 += l * t * t, g1 += r, g2 += r * t;
			gd[2 * i] += r, gd[2 * i + 1] += r * b;
			S[2 * i * nd + 2 * i] += l, S[2 * i * nd + 2 * i + 1] += l * b;
			S[(2 * i + 1) * nd + 2 * i + 1] += l * b * b;
			Cj[2 * i * 2] = l, Cj[2 * i * 2 + 1] = l * t;             /* alpha_i row */
			Cj[(2 * i + 1) * 2] = l * b, Cj[(2 * i + 1) * 2 + 1] = l * b * t; /* theta_i */
		}
		w11 *= 1 + 1e-10, w22 *= 1 + 1e-10; /* psi + c, alpha - c: flat */
		double det = w11 * w22 - w12 * w12;
		double *v = Wi + 4 * j;
		v[0] = w22 / det, v[1] = -w12 / det, v[2] = -w12 / det, v[3] = w11 / det;
		gw[2 * j] = g1, gw[2 * j + 1] = g2;
		/* S -= C_j W_j^-1 C_j';  gd -= C_j W_j^-1 g_j (the rhs) */
		double h1 = v[0] * g1 + v[1] * g2, h2 = v[2] * g1 + v[3] * g2;
		for (size_t a = 0; a < nd; a++) {
			double u1 = Cj[2 * a] * v[0] + Cj[2 * a + 1] * v[2];
			double u2 = Cj[2 * a] * v[1] + Cj[2 * a + 1] * v[3];
			gd[a] -= Cj[2 * a] * h1 + Cj[2 * a + 1] * h2;
			for (size_t c = a; c < nd; c++)
				S[a * nd + c] -= u1 * Cj[2 * c] + u2 * Cj[2 * c + 1];
		}
	}
	for (size_t i = 0; i < np; i++) /* the upper triangle was filled per pair */
		S[2 * i * nd + 2 * i] *= 1 + 1e-10;
	for (size_t a = 0; a < nd; a++)
		for (size_t c = 0; c < a; c++)
			S[a * nd + c] = S[c * nd + a];
	gsl_matrix_view Sm = gsl_matrix_view_array(S, nd, nd);
	gsl_vector_view gv = gsl_vector_view_array(gd, nd);
	int ok = 0;
	gsl_error_handler_t *old = gsl_set_error_handler_off();
	if (gsl_linalg_cholesky_decomp1(&Sm.matrix) == 0 &&
	    gsl_linalg_cholesky_svx(&Sm.matrix, &gv.vector) == 0) { /* gd: the parts' step */
		size_t n = 2 * (np + nt);
		double *x0 = txt_xmalloc(n * sizeof *x0), *dx = txt_xmalloc(n * sizeof *dx);
		pack(w, x0);
		for (size_t i = 0; i < np; i++)
			dx[i] = gd[2 * i], dx[np + i] = gd[2 * i + 1];
		for (size_t j = 0; j < nt; j++) { /* the terms' step: W^-1 (g_j - C_j' d) */
			double r1 = gw[2 * j], r2 = gw[2 * j + 1], b = w->beta[j];
			for (size_t i = 0; i < np; i++) {
				double t = w->theta[i], l = exp(w->alpha[i] + w->psi[j] + b * t);
				r1 -= l * gd[2 * i] + l * b * gd[2 * i + 1];
				r2 -= l * t * gd[2 * i] + l * b * t * gd[2 * i + 1];
			}
			const double *v = Wi + 4 * j;
			dx[2 * np + j] = v[0] * r1 + v[1] * r2;
			dx[2 * np + nt + j] = v[2] * r1 + v[3] * r2;
		}
		double *x = txt_xmalloc(n * sizeof *x), t = 1;
		for (int h = 0; h < 30 && !ok; h++, t *= 0.5) {
			for (size_t k = 0; k < n; k++)
				x[k] = x0[k] + t * dx[k];
			unpack(w, x);
			ok = logpost(y, w, pb) > f0;
		}
		if (!ok)
			unpack(w, x0);
		free(x0), free(dx), free(x);
	}
	gsl_set_error_handler(old);
	free(gd), free(gw), free(S), free(Wi), free(Cj), free(lam);
	return ok;
}

void txt_wf_free(txt_wf *w)
{
	if (!w)
		return;
	txt_free_all(w->theta, w->se, w->alpha, w->psi, w->beta, w);
}

txt_wf *txt_scale_wordfish(const txt_dtm *m, const txt_wf_opts *o)
{
	size_t np = m->nparts, nt = m->nterms;
	if (np < 2 || nt < 2)
		return txt_err_set("wordfish needs at least 2 groups and 2 terms"), NULL;
	if (np > (SIZE_MAX / sizeof(double)) / nt || np * nt > ((size_t)1 << 28))
		return txt_err_set("%zu groups x %zu terms is too large for wordfish's dense matrix "
				   "(prune terms: slant-count --min-docs)", np, nt), NULL;
	double *y = txt_xcalloc(np * nt, sizeof *y), *r = txt_xcalloc(np, sizeof *r);
	double *c = txt_xcalloc(nt, sizeof *c), T = 0;
	for (size_t p = 0; p < np; p++)
		for (size_t k = m->start[p]; k < m->start[p + 1]; k++) {
			y[p * nt + m->cell[k].term] = m->cell[k].n;
			r[p] += m->cell[k].n, c[m->cell[k].term] += m->cell[k].n, T += m->cell[k].n;
		}
	for (size_t p = 0; p < np; p++)
		if (r[p] <= 0) {
			free(y), free(r), free(c);
			return txt_err_set("group '%s' has no terms", m->name[p]), NULL;
		}
	txt_wf *w = txt_xzalloc(1, sizeof *w);
	w->nparts = np, w->nterms = nt;
	w->theta = txt_xcalloc(np, sizeof *w->theta), w->se = txt_xcalloc(np, sizeof *w->se);
	w->alpha = txt_xcalloc(np, sizeof *w->alpha);
	w->psi = txt_xcalloc(nt, sizeof *w->psi), w->beta = txt_xcalloc(nt, sizeof *w->beta);
	start_theta(y, r, c, T, w);
	for (size_t i = 0; i < np; i++)
		w->alpha[i] = log(r[i] / (T / (double)np));
	for (size_t j = 0; j < nt; j++)
		w->psi[j] = log(c[j] / (double)np);
	standardise(w);
	double pb = 1 / (o->beta_sd * o->beta_sd), last = -INFINITY;
	double *prev = txt_xmalloc(2 * (np + nt) * sizeof *prev);
	pack(w, prev);
	for (w->iter = 1; w->iter <= o->max_iter; w->iter++) {
		if (w->iter > 10 && scoring_step(y, w, pb)) {
		} else { /* blocks first (robust far away), and where scoring fails */
			for (size_t j = 0; j < nt; j++) /* terms: (psi_j, beta_j) given alpha, theta */
				block_newton(y + j, nt, w->alpha, w->theta, np, &w->psi[j], &w->beta[j], 0, pb);
			for (size_t i = 0; i < np; i++) /* parts: (alpha_i, theta_i) given psi, beta */
				block_newton(y + i * nt, 1, w->psi, w->beta, nt, &w->alpha[i], &w->theta[i], 0, 1);
		}
		extrapolate(y, w, prev, pb);
		center_alpha(w);
		gauge(w, pb); /* last: the reported scale rests on its balance */
		double f = logpost(y, w, pb);
		if (fabs(f - last) <= o->tol * fabs(f)) {
			w->converged = 1;
			break;
		}
		last = f;
	}
	if (w->iter > o->max_iter)
		w->iter = o->max_iter;
	w->loglik = loglik(y, w);
	w->logpost = w->loglik - 0.5 * (pb * sumsq(w->beta, nt) + sumsq(w->theta, np));
	for (size_t i = 0; i < np; i++) { /* the (alpha_i, theta_i) block's Hessian */
		double haa = 0, hab = 0, hbb = 1;
		for (size_t j = 0; j < nt; j++) {
			double l = exp(w->alpha[i] + w->psi[j] + w->beta[j] * w->theta[i]);
			haa += l, hab += w->beta[j] * l, hbb += w->beta[j] * w->beta[j] * l;
		}
		w->se[i] = sqrt(haa / (haa * hbb - hab * hab));
	}
	double s = standardise(w); /* the reported scale: the same likelihood */
	for (size_t i = 0; i < np; i++)
		w->se[i] /= s;
	if (w->theta[o->dir_a] > w->theta[o->dir_b]) { /* the same model mirrored */
		for (size_t i = 0; i < np; i++)
			w->theta[i] = -w->theta[i];
		for (size_t j = 0; j < nt; j++)
			w->beta[j] = -w->beta[j];
	}
	free(y), free(r), free(c), free(prev);
	return w;
}
