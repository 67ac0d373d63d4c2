/* text_report: report tables for people, written as TSV (escaped like stage
 * files), CSV (RFC 4180) or Markdown (a pipe table: '|' and '\' in cells
 * are escaped, tabs and line breaks become spaces; numbers may be aligned
 * right).  Rows stream out as they are given.
 *
 * Ownership: txt_report_new returns an object freed by txt_report_free
 * (NULL safe); it borrows the writer, which the caller closes. */
#ifndef TEXT_REPORT_H
#define TEXT_REPORT_H

#include <stddef.h>

#include "text_err.h"
#include "text_io.h"

enum { TXT_FMT_TSV, TXT_FMT_CSV, TXT_FMT_MD };

/* "tsv", "csv", "md" -> TXT_FMT_*, or -1 with txt_err() set. */
int txt_report_format(const char *name);

typedef struct txt_report txt_report;

/* Writes the header row at once (none when cols is NULL).  align: NULL, or a letter per column, 'r'
 * for a right-aligned one (numbers), anything else for left; Markdown's rule
 * line shows it.  NULL (txt_err set) on a write error. */
txt_report *txt_report_new(txt_writer *w, int format, const char *const *cols, size_t ncols,
			   const char *align);
/* One row of ncols NUL-terminated cells. 0 or -1. */
int txt_report_row(txt_report *r, const char *const *cells);
void txt_report_free(txt_report *r);

/* Rows 0 .. n-1 formatted by `threads` threads (0, 1: the calling one) and
 * written in order.  fill(arg, i, cells, num, text) points cells[0 ..
 * ncols) at row i's cells, which may live in num (ncols buffers of 32
 * bytes, as txt_report_num takes) or text (scratch): both are the calling
 * thread's, so fill must only read shared state.  0, or -1 with txt_err()
 * set on a write error (or when a thread cannot start). */
typedef void (*txt_report_fill)(void *arg, size_t i, const char **cells, char (*num)[32],
				txt_buf *text);
int txt_report_rows(txt_report *r, size_t n, size_t threads, txt_report_fill fill, void *arg);

/* Format a double for a report: "%.*g" with the given significant digits;
 * "NA" for NaN, "Inf"/"-Inf" for infinities, "0" for -0.  buf of at least
 * 32 bytes.  Byte-identical to glibc's snprintf, which it calls only where
 * its own formatting cannot prove the digits: near a decimal rounding tie,
 * over 15 digits (but for integers), magnitudes outside about 1e-30..1e44. */
const char *txt_report_num(char *buf, double x, int digits);
/* That fast path alone, for its test and benchmark: 1 with buf written, or 0
 * (buf unspecified) where txt_report_num falls back to snprintf. */
int txt_report_num_fast(char *buf, double x, int digits);

#endif
