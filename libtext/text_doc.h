/* text_doc: documents and the readers that ingest them (slant-docs).
 *
 * An input (txt_doc_in) is one path: a text file (one document, id = file
 * name without extension, text = the whole content), a directory (one
 * document per regular file, entries sorted bytewise by name, hidden files
 * and subdirectories skipped, files taken by txt_doc_dir_take), a TSV file with a header (linear-TSV escapes),
 * a CSV file (RFC 4180) or JSON Lines (one object per line, via jansson).
 * Any of them may be gzip-compressed.  Format by extension after removing
 * ".gz": .tsv, .csv, .jsonl/.ndjson, .html/.htm/.xhtml/.shtml, .warc;
 * anything else is text, unless its content is HTML or WARC (text_web);
 * "-" (stdin) is TSV.  opts.format overrides the guess.  A directory is
 * text files, or web pages when any of its files is HTML or WARC.
 *
 * Web pages (HTML files, WARC records, directories of them; text_web) are
 * parsed and their article extracted (text_extract; opts.html_all: the
 * whole visible text); their columns are id source url date title author
 * lang text (source: the site's name, else the URL's host; from a WARC,
 * url and date are the record's WARC-Target-URI and WARC-Date).  A page
 * that cannot be read is skipped and counted (txt_doc_in_nunread), or with
 * opts.strict is an error.  With opts.html_col, a TSV, CSV or JSONL column
 * of raw HTML is extracted into text, and the page's columns are added
 * (filling same-named input columns where they are empty).
 *
 * Every input presents its records with the same column layout: "id" first,
 * "source" second when the input has one, the other columns in their input
 * order, "text" last.  The id column is opts.id_col (default "id"; when the
 * default is absent, ids are "BASE:N", N the record number); the text column
 * is opts.text_col (default "text", required); the source column is
 * opts.source_col (default "source", or else a column named "outlet").
 * Those three are renamed to id/source/text.
 *
 * Text policy: a NUL byte is always an error (it means binary or UTF-16
 * input).  Invalid UTF-8 is replaced by U+FFFD (one per maximal invalid
 * subpart, as Unicode recommends) and counted, or with opts.strict is an
 * error naming FILE:LINE.  A UTF-8 byte order mark at the start is dropped.
 * CSV: quoted fields may hold commas, doubled quotes and line breaks (a CRLF
 * inside a field becomes LF); a quote inside an unquoted field is kept as a
 * character; text after a closing quote is an error; blank lines between
 * records are skipped.  JSONL: the first object's keys fix the columns; a
 * later object may omit keys (empty fields) but not add new ones; strings as
 * they are, numbers as written by jansson (integers exactly, reals %.17g),
 * true/false, null as empty; arrays and objects are kept as compact JSON
 * text.  Blank lines are skipped.
 *
 * Ownership: txt_doc_in_open returns an object freed by txt_doc_in_close
 * (NULL is safe).  The field views returned by txt_doc_in_next belong to the
 * input and live until its next call; they are NUL-terminated.  Errors:
 * NULL / -1 with txt_err() set to "FILE:LINE: what". */
#ifndef TEXT_DOC_H
#define TEXT_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "text_tsv.h"

enum txt_doc_format {
	TXT_DOC_AUTO = 0,
	TXT_DOC_TEXT,
	TXT_DOC_TSV,
	TXT_DOC_CSV,
	TXT_DOC_JSONL,
	TXT_DOC_HTML,
	TXT_DOC_WARC,
};

typedef struct txt_doc_opts {
	int format;             /* TXT_DOC_AUTO: by extension */
	const char *id_col;     /* NULL: "id" (optional) */
	const char *text_col;   /* NULL: "text" */
	const char *source_col; /* NULL: "source", else "outlet" */
	int strict;             /* invalid UTF-8, an unreadable page: errors */
	const char *html_col;   /* a column of raw HTML (tables), or NULL */
	int html_all;           /* web pages: all visible text, not the article */
	const char *const *globs; /* a directory's files: these patterns, not the rule */
	size_t nglobs;
} txt_doc_opts;

/* "text", "tsv", "csv", "jsonl" (or "ndjson"), "html", "warc" -> format;
 * -1 if unknown. */
int txt_doc_format_parse(const char *name);
/* The format a path's name implies (never TXT_DOC_AUTO). */
int txt_doc_format_guess(const char *path);

/* Which files of a directory are documents.  By default a file is taken by
 * its extension after removing ".gz" (case-insensitive): text (.txt .text .md),
 * web pages (.html .htm .xhtml .shtml .warc) and tables (.tsv .csv .jsonl
 * .ndjson); hidden files and names starting README, LICENSE, LICENCE or
 * COPYING (any case) are not.  With opts->globs, a file is taken when its
 * name matches one of them (fnmatch, FNM_PERIOD: '*' does not match a
 * leading dot), and the rule is not used. */
enum { TXT_DOC_SKIP = 0, TXT_DOC_TAKE_DOC, TXT_DOC_TAKE_TABLE };
int txt_doc_dir_take(const char *name, const txt_doc_opts *opts);

/* The inputs the paths stand for: a directory (with opts->format AUTO)
 * stands for itself when it has documents that are not tables, then for
 * each of its tables (sorted by name), each a separate input; other paths
 * for themselves.  A directory with nothing taken is an error.  *out is
 * malloc'd strings, freed by txt_doc_expand_free.  0, or -1 with txt_err(). */
int txt_doc_expand(char *const *paths, size_t n, const txt_doc_opts *opts, char ***out,
		   size_t *nout);
void txt_doc_expand_free(char **paths, size_t n);

typedef struct txt_doc_in txt_doc_in;

/* Open an input and read its header (TSV, CSV) or first object (JSONL). */
txt_doc_in *txt_doc_in_open(const char *path, const txt_doc_opts *opts);
size_t txt_doc_in_ncols(const txt_doc_in *in);
const char *txt_doc_in_colname(const txt_doc_in *in, size_t i);
/* Next document: *f gets ncols fields (id first, text last).  1, 0 at end,
 * -1 on error. */
int txt_doc_in_next(txt_doc_in *in, const txt_field **f);
/* Where the current document starts, "FILE:LINE" (for a directory, the
 * file's path and line 1).  Valid until the next call. */
const char *txt_doc_in_where(txt_doc_in *in);
/* Invalid UTF-8 sequences replaced so far, and where the first one was
 * ("FILE:LINE", or "" when none). */
uint64_t txt_doc_in_nbad(const txt_doc_in *in);
const char *txt_doc_in_first_bad(const txt_doc_in *in);
/* Pages that could not be read and were skipped, and the first of them as
 * "NAME (why), ..." ("" when none). */
uint64_t txt_doc_in_nunread(const txt_doc_in *in);
const char *txt_doc_in_unread(txt_doc_in *in);
/* WARC records skipped as not pages (request, warcinfo, ...), and what
 * they were ("" when none). */
uint64_t txt_doc_in_nskipped(const txt_doc_in *in);
const char *txt_doc_in_skipped(txt_doc_in *in);
void txt_doc_in_close(txt_doc_in *in);

/* ---- parsing records in other threads (slant-docs -j) ----
 * For inputs where finding a record is cheap and parsing it is not (JSON
 * Lines), the reading thread takes raw records in order and parsers, one per
 * thread, turn them into fields; the result is what txt_doc_in_next gives. */

/* 1 if the input can be split so (JSONL, web pages), else 0. */
int txt_doc_in_splits(const txt_doc_in *in);
/* Next raw record of a splitting input: *line (valid until the next call,
 * not NUL-terminated), its line number and record number (from 0).  1, 0 at
 * end, -1 on error. */
int txt_doc_in_next_raw(txt_doc_in *in, const char **line, size_t *len, uint64_t *lineno,
			uint64_t *recno);
/* A parser with in's layout, for one thread at a time; it refers to in,
 * which must outlive it.  Free with txt_doc_in_close. */
txt_doc_in *txt_doc_in_parser(const txt_doc_in *in);
/* Parse a raw record into *f (valid until the parser's next call; where()
 * names it).  0; 1 when the record gives no document (an unreadable page,
 * counted); or -1 with txt_err() set as txt_doc_in_next would. */
int txt_doc_in_parse(txt_doc_in *p, const char *line, size_t len, uint64_t lineno,
		     uint64_t recno, const txt_field **f);
/* Add a parser's invalid-UTF-8 and unreadable-page counts (and first
 * places) to in, and reset the parser's.  Call in record order. */
void txt_doc_in_take_bad(txt_doc_in *in, txt_doc_in *from);

/* Every document of in, in input order, to fn (f valid during the call;
 * where names it); with a pool (text_pool, made with txt_doc_pool_fn and
 * no arg) and an input that splits, parsed by the pool's threads
 * (text_doc_pool.c).  0; or -1 with txt_err() set at the first bad record,
 * after fn has had every document before it. */
struct txt_pool;
typedef void (*txt_doc_each_fn)(void *ctx, const txt_field *f, const char *where);
int txt_doc_in_each(txt_doc_in *in, struct txt_pool *pool, txt_doc_each_fn fn, void *ctx);
void txt_doc_pool_fn(void *batch, void *arg, size_t who);

/* ---- metadata joined by id ---- */

typedef struct txt_doc_meta txt_doc_meta;

/* Load a TSV with an "id" column; the other columns (the source column
 * renamed as above) are the metadata.  Duplicate ids, NUL bytes and invalid
 * UTF-8 are errors naming FILE:LINE. */
txt_doc_meta *txt_doc_meta_load(const char *path, const char *source_col);
/* Columns, not counting id. */
size_t txt_doc_meta_ncols(const txt_doc_meta *m);
const char *txt_doc_meta_colname(const txt_doc_meta *m, size_t i);
/* The row for an id: ncols fields, or NULL when the id is not there. */
const txt_field *txt_doc_meta_get(const txt_doc_meta *m, const char *id);
size_t txt_doc_meta_nrows(const txt_doc_meta *m);
void txt_doc_meta_free(txt_doc_meta *m);

/* ---- a set of ids, to refuse duplicates ---- */

typedef struct txt_doc_ids txt_doc_ids;

txt_doc_ids *txt_doc_ids_new(void);
/* Add id, remembering `where`: 0 if new; 1 if already there, with *first
 * set to the `where` given then (owned by the set). */
int txt_doc_ids_add(txt_doc_ids *s, const char *id, const char *where,
		    const char **first);
void txt_doc_ids_free(txt_doc_ids *s);

#endif
