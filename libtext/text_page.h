/* text_page: a report as one self-contained HTML page (index.html) and its
 * Markdown twin (report.md), written side by side into a directory.
 *
 * The page has no script and no external reference: a Content-Security-
 * Policy that forbids scripts, a viewport for phones, tables inside
 * horizontally scrolling boxes, and SVG charts (text_chart) inlined with a
 * viewBox and width 100%, so they scale.  Every string given here is data:
 * it is escaped for HTML (& < > " ' as entities; text_svg's rules for
 * control characters and invalid UTF-8) and for Markdown (its punctuation
 * backslash-escaped, < > & as entities), so neither file can run or inject
 * anything a value holds.
 *
 * Ownership: txt_page_open returns an object that txt_page_close (writing
 * both files, renamed into place only then) or txt_page_abort frees.
 * Functions return 0 or -1 with txt_err() set. */
#ifndef TEXT_PAGE_H
#define TEXT_PAGE_H

#include <stddef.h>

#include "text_chart.h"

typedef struct txt_page txt_page;

/* DIR/index.html and DIR/report.md with this title (wflags: TXT_W_FORCE). */
txt_page *txt_page_open(const char *dir, const char *title, int wflags);
/* A section heading (level 2); id: an anchor of [a-z0-9-] (not data). */
int txt_page_section(txt_page *p, const char *id, const char *heading);
/* A paragraph of plain text. */
int txt_page_text(txt_page *p, const char *text);
/* A command (or other literal text), shown as code. */
int txt_page_code(txt_page *p, const char *text);
/* A table of nrows rows of ncols cells (cells[r * ncols + c]); cells that
 * read wholly as numbers are aligned right. */
int txt_page_rows(txt_page *p, const char *const *cols, size_t ncols, const char *const *cells,
		  size_t nrows);
/* A report table file (TSV with a header, plain or gzip): the columns
 * named in want (NULL: all), the rows whose column where_col is where_val
 * (where_col NULL: every row), at most maxrows of them (0: all); a note
 * under it says how many were left out and where the whole table is. */
int txt_page_table(txt_page *p, const char *path, const char *const *want, size_t nwant,
		   size_t maxrows, const char *where_col, const char *where_val);
/* A chart: written to DIR/file as a standalone SVG, inlined in the page,
 * linked from the Markdown. */
int txt_page_chart(txt_page *p, txt_chart *c, const txt_chart_opts *o, const char *file);
int txt_page_close(txt_page *p);
void txt_page_abort(txt_page *p);

#endif
