/* text_report: see text_report.h. */
#include "text_report.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_err.h"
#include "text_pool.h"
#include "text_tsv.h"

struct txt_report {
	txt_writer *w;
	int format;
	size_t ncols;
};

int txt_report_format(const char *name)
{
	if (strcmp(name, "tsv") == 0)
		return TXT_FMT_TSV;
	if (strcmp(name, "csv") == 0)
		return TXT_FMT_CSV;
	if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0)
		return TXT_FMT_MD;
	return txt_err_set("--format: '%s' is not one of tsv, csv, md", name);
}

/* RFC 4180: quote a field holding a comma, quote, CR or LF; double quotes. */
static int put_csv(txt_writer *w, const char *s)
{
	if (!strpbrk(s, ",\"\r\n"))
		return txt_writer_puts(w, s);
	int rc = txt_writer_putc(w, '"');
	for (; *s && rc == 0; s++)
		rc = *s == '"' ? txt_writer_puts(w, "\"\"") : txt_writer_putc(w, *s);
	return rc ? rc : txt_writer_putc(w, '"');
}

/* Markdown cell: escape '|' and '\', turn tabs and line breaks into
 * spaces (a row is one line). */
static int put_md(txt_writer *w, const char *s)
{
	int rc = 0;
	for (; *s && rc == 0; s++) {
		if (*s == '|' || *s == '\\')
			rc = txt_writer_putc(w, '\\');
		if (rc == 0)
			rc = txt_writer_putc(w, strchr("\t\n\r", *s) ? ' ' : *s);
	}
	return rc;
}

static int put_row(txt_report *r, const char *const *cells)
{
	int rc = 0;
	if (r->format == TXT_FMT_MD)
		rc = txt_writer_puts(r->w, "| ");
	for (size_t i = 0; i < r->ncols && rc == 0; i++) {
		if (i > 0)
			rc = txt_writer_puts(r->w, r->format == TXT_FMT_TSV ? "\t"
			                           : r->format == TXT_FMT_CSV ? "," : " | ");
		if (rc)
			break;
		if (r->format == TXT_FMT_TSV)
			rc = txt_tsv_write_field(r->w, cells[i], strlen(cells[i]));
		else if (r->format == TXT_FMT_CSV)
			rc = put_csv(r->w, cells[i]);
		else
			rc = put_md(r->w, cells[i]);
	}
	if (rc == 0 && r->format == TXT_FMT_MD)
		rc = txt_writer_puts(r->w, " |");
	if (rc == 0)
		rc = txt_writer_puts(r->w, r->format == TXT_FMT_CSV ? "\r\n" : "\n");
	return rc;
}

/* Markdown's line under the header: "| --- | ---: |". */
static int put_rule(txt_writer *w, size_t ncols, const char *align)
{
	size_t na = align ? strlen(align) : 0; /* columns past it: left */
	int rc = txt_writer_putc(w, '|');
	for (size_t i = 0; i < ncols && rc == 0; i++)
		rc = txt_writer_puts(w, i < na && align[i] == 'r' ? " ---: |" : " --- |");
	return rc ? rc : txt_writer_putc(w, '\n');
}

txt_report *txt_report_new(txt_writer *w, int format, const char *const *cols, size_t ncols,
			   const char *align)
{
	txt_report *r = txt_xcalloc(1, sizeof *r);
	r->w = w, r->format = format, r->ncols = ncols;
	if (!cols)
		return r;
	int rc = put_row(r, cols);
	if (rc == 0 && format == TXT_FMT_MD)
		rc = put_rule(w, ncols, align);
	if (rc) {
		free(r);
		return NULL;
	}
	return r;
}

int txt_report_row(txt_report *r, const char *const *cells)
{
	return put_row(r, cells);
}

void txt_report_free(txt_report *r)
{
	free(r);
}

/* 10^0 .. 10^22 are exact doubles (5^22 < 2^53). */
static const double P10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Puts the n digits of v (v < 10^n) at p; returns p + n. */
static char *put_digits(char *p, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + n;
}

/* "%.*g" of a finite nonzero x without snprintf, or 0 where it cannot prove
 * the result is glibc's (which rounds the exact binary value, ties to even).
 * Integers below 10^digits are their own digits, for any digits up to 17.
 *
 * Why the rest is exact.  Let P = digits <= 15, E = floor(log10 |x|) and, for
 * a candidate exponent e, S = |x| * 10^k exactly, k = P-1-e.  s is S computed
 * with one correctly rounded product or quotient by an exact power of ten
 * (|k| <= 22: |s - S| <= s * 2^-53) or two (|k| <= 44: <= s * 2^-52 plus a
 * term in 2^-106); err is twice that bound.  s < 10^P <= 10^15 < 2^53, so
 * n = floor(s), r = s - n and |r - 1/2| are exact.  If |r - 1/2| > err, S is
 * on the same side of n + 1/2 as s: it rounds to the same integer, and is not
 * a tie.  e starts at floor(e2 * log10 2) <= E (|x| >= 2^e2) and goes up while
 * s >= 10^P, so it stops at E (10^(P-1) <= S < 10^P: the rounded S has P
 * digits, or is 10^P, written as 1 at exponent e + 1 as %e does), or, with |x|
 * within a relative 2^-51 of a power of ten, just below or above it: there
 * %g and this code both write 1 (and zeros) at that power's exponent. */
static int fast_g(char *buf, double x, int digits)
{
	double a = fabs(x);
	char *p = buf;
	if (x < 0)
		*p++ = '-';
	if (digits >= 1 && digits <= 17 && a < P10[digits] && a == (double)(uint64_t)a) {
		uint64_t v = (uint64_t)a;
		int n = 1;
		while (n < digits && v >= (uint64_t)P10[n])
			n++;
		*put_digits(p, v, n) = '\0';
		return 1;
	}
	if (digits < 1 || digits > 15 || !isnormal(x))
		return 0;
	uint64_t bits;
	memcpy(&bits, &a, sizeof bits);
	double t = (double)((int)(bits >> 52) - 1023) * 0.30102999566398120;
	int e = (int)t - (t < 0 && (int)t != t), k; /* floor(t) */
	double s;
	for (;; e++) {
		k = digits - 1 - e;
		if (k < -44 || k > 44)
			return 0;
		if (k >= 0)
			s = k <= 22 ? a * P10[k] : a * P10[22] * P10[k - 22];
		else
			s = k >= -22 ? a / P10[-k] : a / P10[22] / P10[-k - 22];
		if (s < P10[digits])
			break;
	}
	double err = s * (k >= -22 && k <= 22 ? 0x1p-52 : 0x1p-51);
	uint64_t n = (uint64_t)s;
	double r = s - (double)n;
	if (fabs(r - 0.5) <= err)
		return 0;
	n += r > 0.5;
	if (n == (uint64_t)P10[digits]) {
		n /= 10;
		e++;
	}
	if (n < (uint64_t)P10[digits - 1]) /* not reached, by the bound above */
		return 0;
	char d[16];
	put_digits(d, n, digits);
	int m = digits; /* significant digits, trailing zeros dropped */
	while (m > 1 && d[m - 1] == '0')
		m--;
	if (e < -4 || e >= digits) { /* d.ddde+XX */
		*p++ = d[0];
		if (m > 1) {
			*p++ = '.';
			memcpy(p, d + 1, (size_t)m - 1);
			p += m - 1;
		}
		*p++ = 'e';
		*p++ = e < 0 ? '-' : '+';
		p = put_digits(p, (uint64_t)abs(e), 2); /* |k| <= 44: |e| < 60 */
	} else if (e >= 0) { /* ddd.ddd */
		memcpy(p, d, (size_t)e + 1);
		p += e + 1;
		if (m > e + 1) {
			*p++ = '.';
			memcpy(p, d + e + 1, (size_t)(m - e - 1));
			p += m - e - 1;
		}
	} else { /* 0.000ddd */
		*p++ = '0';
		*p++ = '.';
		for (int i = 0; i < -e - 1; i++)
			*p++ = '0';
		memcpy(p, d, (size_t)m);
		p += m;
	}
	*p = '\0';
	return 1;
}

int txt_report_num_fast(char *buf, double x, int digits)
{
	return isfinite(x) && x != 0 && fast_g(buf, x, digits);
}

const char *txt_report_num(char *buf, double x, int digits)
{
	if (isnan(x))
		return strcpy(buf, "NA");
	if (isinf(x))
		return strcpy(buf, x > 0 ? "Inf" : "-Inf");
	if (x == 0)
		return strcpy(buf, "0");
	if (!fast_g(buf, x, digits))
		snprintf(buf, 32, "%.*g", digits, x);
	return buf;
}

/* ---- rows formatted in threads ---- */

#define ROWS_AT_ONCE 4096

typedef struct rows {
	size_t lo, hi;
	char *out; /* the rows, formatted */
	size_t len;
} rows;

typedef struct rows_job {
	const txt_report *r;
	txt_report_fill fill;
	void *arg;
} rows_job;

/* txt_pool_fn: format a batch of rows into memory. */
static void format_rows(void *batch, void *arg, size_t who)
{
	(void)who;
	rows *b = batch;
	const rows_job *j = arg;
	txt_report mem = {txt_writer_mem(), j->r->format, j->r->ncols};
	const char **cells = txt_xcalloc(mem.ncols, sizeof *cells);
	char(*num)[32] = txt_xcalloc(mem.ncols, sizeof *num);
	txt_buf text = {0};
	for (size_t i = b->lo; i < b->hi; i++) {
		j->fill(j->arg, i, cells, num, &text);
		put_row(&mem, cells); /* a memory writer does not fail */
	}
	b->out = txt_writer_mem_take(mem.w, &b->len);
	txt_free_all(cells, num, text.s);
}

static int rows_back(txt_report *r, rows *b, int rc)
{
	if (rc == 0)
		rc = txt_writer_write(r->w, b->out, b->len);
	free(b->out);
	free(b);
	return rc;
}

int txt_report_rows(txt_report *r, size_t n, size_t threads, txt_report_fill fill, void *arg)
{
	rows_job job = {r, fill, arg};
	txt_pool *p = txt_pool_new(threads, 0, format_rows, &job);
	if (!p)
		return -1;
	int rc = 0;
	rows *done;
	for (size_t lo = 0; lo < n; lo += ROWS_AT_ONCE) {
		rows *b = txt_xcalloc(1, sizeof *b);
		b->lo = lo;
		b->hi = n - lo < ROWS_AT_ONCE ? n : lo + ROWS_AT_ONCE;
		if ((done = txt_pool_put(p, b)))
			rc = rows_back(r, done, rc);
	}
	while ((done = txt_pool_get(p)))
		rc = rows_back(r, done, rc);
	txt_pool_free(p);
	return rc;
}
