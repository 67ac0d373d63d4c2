/* text_report: see text_report.h. */
#include "text_report.h"

#include <math.h>
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

const char *txt_report_num(char *buf, double x, int digits)
{
	if (isnan(x))
		return strcpy(buf, "NA");
	if (isinf(x))
		return strcpy(buf, x > 0 ? "Inf" : "-Inf");
	snprintf(buf, 32, "%.*g", digits, x == 0 ? 0.0 : x);
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
	free(cells);
	free(num);
	free(text.s);
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
