/* text_chart: standalone SVG 1.1 charts of report rows, drawn by slant-plot
 * and by any tool that wants a chart in-process (the report).
 *
 * Types: bars (top rows per group, one panel per group), keyness (two-sided:
 * the target's positive scores right, the reference's left), intervals
 * (scores with whiskers: one panel per label, one row per group), stacked
 * (shares per group as 100% stacked bars, one segment per label).
 *
 * Use: c = txt_chart_new(type); txt_chart_add() each row (or
 * txt_chart_read() a report table); txt_chart_draw(c, &opts, w) into any
 * txt_writer (a file, stdout, or txt_writer_mem() for a string); then
 * txt_chart_free(c).  Drawing does not change the rows: one chart may be
 * drawn several times with other options.
 *
 * Ownership: the chart copies every string it is given; txt_chart_free
 * frees it all (NULL is safe).  Options are read during the call only. */
#ifndef TEXT_CHART_H
#define TEXT_CHART_H

#include <stddef.h>

#include "text_io.h"

typedef enum txt_chart_type {
	TXT_CHART_BARS,
	TXT_CHART_KEYNESS,
	TXT_CHART_INTERVALS,
	TXT_CHART_STACKED,
} txt_chart_type;

typedef struct txt_chart txt_chart;

/* "bars", "keyness", "intervals", "stacked" -> type; -1 otherwise. */
int txt_chart_type_parse(const char *name);

txt_chart *txt_chart_new(txt_chart_type type);
void txt_chart_free(txt_chart *c);

/* What the group, label, value and bound columns are called: used for the
 * default axis labels.  A NULL group (label) means the rows have none, so
 * bars draw no panel headings (intervals no panel titles). */
void txt_chart_names(txt_chart *c, const char *group, const char *label, const char *value,
                     const char *lo, const char *hi);

/* One row.  lo and hi are used by intervals only.  For bars and keyness a
 * row with an empty label is a counts file's group total and is skipped. */
void txt_chart_add(txt_chart *c, const char *group, const char *label, double v, double lo,
                   double hi);
size_t txt_chart_rows(const txt_chart *c);

/* Columns to draw from a report table; NULL picks the type's default (the
 * first present of e.g. group/source, term/label/word, n/count/value...). */
typedef struct txt_chart_cols {
	const char *group, *label, *value, *lo, *hi;
} txt_chart_cols;

/* Read a report table (TSV, plain or gzip; "-" stdin): rows whose value is
 * empty, NA or nan are skipped and counted in *skipped.  Sets the names.
 * 0, or -1 with txt_err() set ("FILE:LINE: ..."). */
int txt_chart_read(txt_chart *c, const char *path, const txt_chart_cols *cols, size_t *skipped);

typedef struct txt_chart_opts {
	const char *title;            /* NULL: none */
	const char *xlabel, *ylabel;  /* NULL: from the column names */
	const char *target;           /* keyness: the target group (NULL: the first) */
	const char *reference;        /* keyness: name of the reference side */
	long top;                     /* rows per panel or side (0: 10; keyness 15) */
	long cols;                    /* panels per row (0: as many as fit) */
	long width, height;           /* pixels (0: 800 wide; height from the rows) */
	int free_scales;              /* bars: each panel its own value axis */
	int digits;                   /* value labels' significant digits (0: 3) */
} txt_chart_opts;

/* Draw the chart as one SVG document.  0, or -1 with txt_err() set (a
 * write error, or a keyness target with no rows). */
int txt_chart_draw(txt_chart *c, const txt_chart_opts *o, txt_writer *w);

#endif
