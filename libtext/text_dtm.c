/* text_dtm: counts as a sparse part-by-term matrix; dispersion, similarity. */
#include "text_dtm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_counts.h"
#include "text_err.h"
#include "text_report.h"
#include "text_stats.h"

static int by_term(const void *a, const void *b)
{
	const txt_dtm_cell *x = a, *y = b;
	return (x->term > y->term) - (x->term < y->term);
}

static void add_part(txt_dtm *m, const txt_counts_row *r, size_t *cap, size_t ncell)
{
	if (m->nparts + 1 >= *cap) {
		*cap = *cap ? 2 * *cap : 16;
		m->name = txt_xreallocarray(m->name, *cap, sizeof *m->name);
		m->size = txt_xreallocarray(m->size, *cap, sizeof *m->size);
		m->start = txt_xreallocarray(m->start, *cap + 1, sizeof *m->start);
	}
	m->name[m->nparts] = txt_xstrndup(r->group, r->glen);
	m->size[m->nparts] = (double)r->n;
	m->start[m->nparts++] = ncell;
}

txt_dtm *txt_dtm_read(const char *path)
{
	txt_counts_in *in = txt_counts_open(path);
	if (!in)
		return NULL;
	txt_dtm *m = txt_xzalloc(1, sizeof *m);
	m->terms = txt_map_new(1024);
	const char *by = txt_counts_meta_get(in, "by");
	m->by = txt_xstrdup(by ? by : "");
	m->pruned = txt_counts_meta_get(in, "pruned") != NULL;
	size_t pcap = 0, ccap = 0, nc = 0;
	txt_counts_row r;
	int rc;
	while ((rc = txt_counts_read(in, &r)) == 1) {
		if (memchr(r.group, '\0', r.glen) || memchr(r.term, '\0', r.tlen)) {
			txt_err_set("%s:%llu: NUL byte in a group or term", txt_counts_name(in),
				    (unsigned long long)txt_counts_lineno(in));
			rc = -1;
			break;
		}
		if (r.tlen == 0) { /* the reader guarantees totals come first */
			add_part(m, &r, &pcap, nc);
			continue;
		}
		if (nc == ccap) {
			ccap = ccap ? 2 * ccap : 1024;
			m->cell = txt_xreallocarray(m->cell, ccap, sizeof *m->cell);
		}
		m->cell[nc++] = (txt_dtm_cell){txt_map_put(m->terms, r.term, r.tlen, NULL), (double)r.n};
	}
	txt_counts_close(in);
	if (m->start)
		m->start[m->nparts] = nc;
	if (rc < 0) {
		txt_dtm_free(m);
		return NULL;
	}
	m->nterms = txt_map_size(m->terms);
	for (size_t p = 0; p < m->nparts; p++)
		qsort(m->cell + m->start[p], m->start[p + 1] - m->start[p], sizeof *m->cell, by_term);
	return m;
}

void txt_dtm_free(txt_dtm *m)
{
	if (!m)
		return;
	txt_strs_free(m->name, m->nparts);
	txt_free_all(m->size, m->start, m->cell, m->by);
	txt_map_free(m->terms);
	free(m);
}

/* Gries (2008) DP, Lijffijt & Gries (2012) DPnorm, Juilland's D; see the
 * header.  Sparse: a part without the term adds s_i to DP's sum and
 * mean(r)^2 to D's sum of squares. */
txt_disp *txt_dtm_dispersion(const txt_dtm *m)
{
	size_t nt = m->nterms, k = 0;
	txt_disp *d = txt_xcalloc(nt ? nt : 1, sizeof *d);
	double total = 0, smin = INFINITY;
	for (size_t p = 0; p < m->nparts; p++)
		if (m->size[p] > 0)
			total += m->size[p], k++;
	double *sin = txt_xcalloc(nt ? nt : 1, sizeof *sin);  /* sum of s_i where f_i > 0 */
	double *rsum = txt_xcalloc(nt ? nt : 1, sizeof *rsum); /* sum of r_i, then mean */
	double *ss = txt_xcalloc(nt ? nt : 1, sizeof *ss);
	for (size_t p = 0; p < m->nparts; p++) {
		if (m->size[p] <= 0)
			continue;
		if (m->size[p] / total < smin)
			smin = m->size[p] / total;
		for (size_t c = m->start[p]; c < m->start[p + 1]; c++) {
			d[m->cell[c].term].n += m->cell[c].n;
			d[m->cell[c].term].parts++;
			rsum[m->cell[c].term] += m->cell[c].n / m->size[p];
		}
	}
	for (size_t t = 0; t < nt; t++)
		rsum[t] /= (double)k;
	for (size_t p = 0; p < m->nparts; p++) {
		if (m->size[p] <= 0)
			continue;
		double s = m->size[p] / total;
		for (size_t c = m->start[p]; c < m->start[p + 1]; c++) {
			uint32_t t = m->cell[c].term;
			double dev = m->cell[c].n / m->size[p] - rsum[t];
			d[t].dp += fabs(m->cell[c].n / d[t].n - s);
			sin[t] += s;
			ss[t] += dev * dev - rsum[t] * rsum[t];
		}
	}
	for (size_t t = 0; t < nt; t++) {
		double out = 1 - sin[t];
		d[t].dp = 0.5 * (d[t].dp + (out > 0 ? out : 0));
		d[t].dp_norm = smin < 1 ? d[t].dp / (1 - smin) : NAN;
		double var = (ss[t] + (double)k * rsum[t] * rsum[t]) / (double)k;
		d[t].d = k < 2 || rsum[t] <= 0 ? NAN
					      : 1 - sqrt(var > 0 ? var : 0) / rsum[t] / sqrt((double)k - 1);
	}
	txt_free_all(sin, rsum, ss);
	return d;
}

static const char *const MEASURE[TXT_SIM_N] = {"cosine", "jaccard", "correlation", "euclidean",
					       "jsd"};

int txt_dtm_measure(const char *name)
{
	for (int i = 0; i < TXT_SIM_N; i++)
		if (strcmp(name, MEASURE[i]) == 0)
			return i;
	return txt_err_set("'%s' is not cosine, jaccard, correlation, euclidean or jsd", name);
}

const char *txt_dtm_measure_name(int measure)
{
	return measure >= 0 && measure < TXT_SIM_N ? MEASURE[measure] : "?";
}

/* The rows of a and b aligned on the union of their terms: x[i], y[i]. */
static size_t align(const txt_dtm *m, size_t a, size_t b, double **x, double **y)
{
	const txt_dtm_cell *p = m->cell + m->start[a], *pe = m->cell + m->start[a + 1];
	const txt_dtm_cell *q = m->cell + m->start[b], *qe = m->cell + m->start[b + 1];
	size_t cap = (size_t)(pe - p) + (size_t)(qe - q), n = 0;
	*x = txt_xmalloc((cap ? cap : 1) * sizeof **x);
	*y = txt_xmalloc((cap ? cap : 1) * sizeof **y);
	while (p < pe || q < qe) {
		int take_p = q == qe || (p < pe && p->term <= q->term);
		int take_q = p == pe || (q < qe && q->term <= p->term);
		(*x)[n] = take_p ? p->n : 0;
		(*y)[n++] = take_q ? q->n : 0;
		p += take_p;
		q += take_q;
	}
	return n;
}

double txt_dtm_similarity(const txt_dtm *m, size_t a, size_t b, int measure)
{
	double *x, *y;
	size_t n = align(m, a, b, &x, &y);
	double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, both = 0, sd = 0, r;
	for (size_t i = 0; i < n; i++) {
		sx += x[i], sy += y[i], sxx += x[i] * x[i], syy += y[i] * y[i];
		sxy += x[i] * y[i], both += x[i] > 0 && y[i] > 0;
		sd += (x[i] - y[i]) * (x[i] - y[i]);
	}
	double v = (double)m->nterms, cx = sxx - sx * sx / v, cy = syy - sy * sy / v;
	switch (measure) {
	case TXT_SIM_COSINE: r = sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN; break;
	case TXT_SIM_JACCARD: r = n ? both / (double)n : NAN; break;
	case TXT_SIM_CORRELATION:
		r = cx > 0 && cy > 0 ? (sxy - sx * sy / v) / sqrt(cx * cy) : NAN;
		break;
	case TXT_SIM_EUCLIDEAN: r = sqrt(sd); break;
	default: r = txt_stats_jsd(x, y, n); break;
	}
	free(x);
	free(y);
	return r;
}

static const txt_map *sort_terms;
static const txt_disp *sort_disp;

/* n descending, then term bytewise (the counts' order): deterministic. */
static int by_n(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (sort_disp[x].n != sort_disp[y].n)
		return sort_disp[x].n > sort_disp[y].n ? -1 : 1;
	size_t xn, yn;
	const char *xs = txt_map_key(sort_terms, x, &xn), *ys = txt_map_key(sort_terms, y, &yn);
	return txt_counts_cmp(xs, xn, ys, yn);
}

int txt_dtm_write_dispersion(const txt_dtm *m, txt_writer *w, int fmt, long top, int digits)
{
	static const char *const head[] = {"term", "n", "parts", "juilland_d", "dp", "dp_norm"};
	txt_report *r = txt_report_new(w, fmt, head, 6, "lrrrrr");
	if (!r)
		return -1;
	txt_disp *d = txt_dtm_dispersion(m);
	uint32_t *ord = txt_xmalloc((m->nterms ? m->nterms : 1) * sizeof *ord);
	for (size_t t = 0; t < m->nterms; t++)
		ord[t] = (uint32_t)t;
	sort_terms = m->terms;
	sort_disp = d;
	qsort(ord, m->nterms, sizeof *ord, by_n);
	size_t shown = top == 0 || (size_t)top > m->nterms ? m->nterms : (size_t)top;
	int rc = 0;
	for (size_t i = 0; i < shown && rc == 0; i++) {
		const txt_disp *e = &d[ord[i]];
		char b[5][32];
		snprintf(b[0], 32, "%.0f", e->n);
		snprintf(b[1], 32, "%zu", e->parts);
		const char *cells[] = {txt_map_key(m->terms, ord[i], NULL), b[0], b[1],
				       txt_report_num(b[2], e->d, digits), txt_report_num(b[3], e->dp, digits),
				       txt_report_num(b[4], e->dp_norm, digits)};
		rc = txt_report_row(r, cells);
	}
	free(ord);
	free(d);
	txt_report_free(r);
	return rc;
}

int txt_dtm_write_similarity(const txt_dtm *m, txt_writer *w, int fmt, const int *measure,
			     size_t nm, int digits)
{
	static const char *const head[] = {"a", "b", "measure", "value"};
	txt_report *r = txt_report_new(w, fmt, head, 4, "lllr");
	if (!r)
		return -1;
	int rc = 0;
	for (size_t a = 0; a < m->nparts; a++)
		for (size_t b = a + 1; b < m->nparts; b++)
			for (size_t k = 0; k < nm && rc == 0; k++) {
				char buf[32];
				double v = txt_dtm_similarity(m, a, b, measure[k]);
				const char *cells[] = {m->name[a], m->name[b], MEASURE[measure[k]],
						       txt_report_num(buf, v, digits)};
				rc = txt_report_row(r, cells);
			}
	txt_report_free(r);
	return rc;
}
