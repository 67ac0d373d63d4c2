/* text_tsv: the stage-file format.  TSV, one header line of column names
 * (the first line: nothing precedes it, so R and pandas read it),
 * UTF-8, '\n' line ends, fields escaped with \\ \t \n \r ("linear TSV").
 *
 * Field views (txt_field) point into a line owned by someone else and live
 * until that line is replaced.  A txt_table owns its reader, its header copy
 * and its current row; txt_table_close frees all of them (NULL is safe). */
#ifndef TEXT_TSV_H
#define TEXT_TSV_H

#include <stddef.h>
#include <stdint.h>

#include "text_io.h"

typedef struct txt_field {
	char *s; /* not NUL-terminated in general; after txt_table_next it is */
	size_t len;
} txt_field;

typedef struct txt_row {
	txt_field *f;
	size_t n, cap;
} txt_row;

/* Split line[0..len) on tabs into row (views, no unescaping). */
void txt_tsv_split(char *line, size_t len, txt_row *row);
void txt_row_free(txt_row *row);

/* Undo the escapes in place; returns the new length.  An unknown escape
 * ("\x") is kept as the two bytes, a final lone backslash as itself. */
size_t txt_tsv_unescape(char *s, size_t len);
/* Write s escaped. 0 or -1. */
int txt_tsv_write_field(txt_writer *w, const char *s, size_t len);
/* Write n fields joined by tabs, escaped, then '\n'. */
int txt_tsv_write_row(txt_writer *w, const txt_field *f, size_t n);
/* Bytes needed to escape s (len if nothing to escape). */
size_t txt_tsv_escaped_len(const char *s, size_t len);

/* ---- a stage file: header + rows ---- */

typedef struct txt_table txt_table;

/* Open and read the header line.  An empty file is an error ("FILE: empty
 * input, expected a header line"); duplicate or empty column names too. */
txt_table *txt_table_open(const char *path);
/* Next row, fields unescaped and NUL-terminated.  A row whose field count
 * differs from the header's is an error naming FILE:LINE.  1 / 0 at end / -1. */
int txt_table_next(txt_table *t, txt_row **row);
size_t txt_table_ncols(const txt_table *t);
const char *txt_table_colname(const txt_table *t, size_t i);
/* Header names: name's index among names[0..n): the exact name, else the
 * one name equal to it ignoring ASCII case; -1 when none, -2 when two or
 * more differ from it only in case (txt_err() names two of them). */
long txt_cols_find(char *const *names, size_t n, const char *name);
/* Column index by name (txt_cols_find), or -1 (also when ambiguous). */
long txt_table_col(const txt_table *t, const char *name);
/* Index of a column that must exist; -1 with a message like
 * "FILE: not a KIND file: no 'text' column (columns: a, b)" otherwise, or
 * "FILE: column 'date' is ambiguous: 'Date' and 'DATE' (name one exactly)". */
long txt_table_need(const txt_table *t, const char *name, const char *kind);
txt_reader *txt_table_reader(txt_table *t);
const char *txt_table_name(const txt_table *t);
uint64_t txt_table_lineno(const txt_table *t);
void txt_table_close(txt_table *t);

/* A comma-separated list of distinct, non-empty column names (slant-count
 * --fields id,source,text): the names, and header, the same joined by
 * tabs.  The list owns them (txt_names_free). */
typedef struct txt_names {
	char **name;
	size_t n;
	char *header;
} txt_names;

/* -1 with txt_err() "OPT: ..." on an empty or repeated name. */
int txt_names_parse(txt_names *l, const char *opt, const char *list);
long txt_names_index(const txt_names *l, const char *name); /* -1: absent */
void txt_names_free(txt_names *l);

/* Index of the first of names[0..n) equal to an earlier one, or -1; linear
 * time (hashing), for headers of any width.  With set non-NULL, *set gets
 * the names as a txt_map (id = the index of each name's first occurrence)
 * for lookups, freed by the caller with txt_map_free. */
struct txt_map;
long txt_names_dup(char *const *names, size_t n, struct txt_map **set);

#endif
