/* text_io: one-pass line reader (plain or gzip, file or stdin) and atomic
 * writers (plain or gzip, temp file renamed on success).
 *
 * Ownership: txt_reader_open/txt_writer_open return objects the caller frees
 * with txt_reader_close / txt_writer_close or txt_writer_abort (NULL is safe).
 * A line returned by txt_reader_next belongs to the reader and lives until
 * the next call; the caller may modify its bytes in place (e.g. unescape).
 * Errors: functions return -1 or NULL and set txt_err() to a message that
 * starts with "FILE:LINE: " (or "FILE: " where no line applies). */
#ifndef TEXT_IO_H
#define TEXT_IO_H

#include <stddef.h>
#include <stdint.h>

/* ---- reading ---- */

typedef struct txt_reader txt_reader;

/* Open `path` ("-" or NULL: standard input).  gzip is detected by content
 * (magic bytes), never by name; a name ending in ".gz" whose content is not
 * gzip is refused.  Directories are refused. */
txt_reader *txt_reader_open(const char *path);

/* Next line, without its '\n' (a '\r' before it is removed too, so CRLF input
 * reads like LF input).  The line is NUL-terminated; it may hold NUL bytes,
 * so use *len.  Returns 1 with a line, 0 at end of input, -1 on error
 * (truncated or corrupt gzip, read error, line longer than TXT_MAX_LINE). */
int txt_reader_next(txt_reader *r, char **line, size_t *len);

/* Read up to n raw bytes (no line splitting): >0 bytes read, 0 at end, -1 on
 * error.  After txt_reader_next calls it goes on after the last line they
 * returned; plain input with nothing buffered is read straight into buf.
 * From then on txt_reader_next must not be used, and messages name no line. */
long txt_reader_read(txt_reader *r, char *buf, size_t n);

/* Make r a reader of a text file of settings (stopwords, lexicons): a NUL
 * byte in a line is then an error naming the file and line, where it would
 * otherwise cut a C string short without a word.  Data files (docs, counts)
 * keep NUL bytes: their fields are bytes. */
void txt_reader_text(txt_reader *r);
/* The same check over a buffer of lines (the first is line `first`):
 * 0, or -1 with txt_err() "NAME:LINE: NUL byte ...". */
int txt_text_check(const char *name, const char *data, size_t len, uint64_t first);

/* The name used in messages: the path, or "(stdin)". */
const char *txt_reader_name(const txt_reader *r);
/* Number of the line last returned (1-based; 0 before the first). */
uint64_t txt_reader_lineno(const txt_reader *r);
/* Uncompressed bytes delivered so far (for progress). */
uint64_t txt_reader_bytes(const txt_reader *r);
/* 1 when the input is gzip-compressed. */
int txt_reader_is_gzip(const txt_reader *r);
/* Number of lines that ended in CRLF. */
uint64_t txt_reader_crlf(const txt_reader *r);
void txt_reader_close(txt_reader *r);

/* Longest line accepted: beyond it txt_reader_next fails with a message
 * rather than growing without bound. */
#define TXT_MAX_LINE ((size_t)1 << 30)

/* Read a whole file (plain or gzip) into a malloc'd, NUL-terminated buffer.
 * Returns 0, or -1 with txt_err() set. */
int txt_read_file(const char *path, char **data, size_t *len);

/* ---- writing ---- */

typedef struct txt_writer txt_writer;

enum {
	TXT_W_GZIP = 1,  /* compress even if the name does not end in .gz (-z) */
	TXT_W_FORCE = 2, /* replace an existing file (-f) */
};

/* Open an output: `path` NULL or "-" is standard output, written directly.
 * A named file is written to a temporary file in the same directory and
 * renamed over `path` by txt_writer_close; until then, and if the process
 * exits or is killed by SIGINT/SIGTERM/SIGHUP first, the temporary file is
 * removed.  gzip when the name ends in ".gz" or flags has TXT_W_GZIP;
 * refuses to write gzip to a terminal, and refuses an existing file unless
 * TXT_W_FORCE. */
txt_writer *txt_writer_open(const char *path, int flags);
/* Buffered writes; 0 or -1 (the error is sticky and reported again by close). */
int txt_writer_write(txt_writer *w, const void *buf, size_t n);
int txt_writer_puts(txt_writer *w, const char *s);
int txt_writer_putc(txt_writer *w, int c);
int txt_writer_printf(txt_writer *w, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Flush, close, rename into place; frees w.  0 on success, -1 with txt_err()
 * set (then nothing is left at the output path that was not there before). */
int txt_writer_close(txt_writer *w);
/* Discard: remove the temporary file, free w.  NULL is safe. */
void txt_writer_abort(txt_writer *w);
const char *txt_writer_name(const txt_writer *w);

/* A writer into memory (e.g. an SVG chart for an HTML page): writes always
 * succeed; txt_writer_mem_take frees w and returns what was written
 * (malloc'd, NUL-terminated, *len bytes; the caller frees it). */
txt_writer *txt_writer_mem(void);
char *txt_writer_mem_take(txt_writer *w, size_t *len);

/* Remove every temporary output still open.  Called automatically at exit and
 * on SIGINT/SIGTERM/SIGHUP; safe to call more than once.  This is the one
 * place that removes files when the process ends. */
void txt_io_cleanup(void);
/* Have txt_io_cleanup remove path too (a file of the caller's that must not
 * outlive the process, e.g. a run between its writer's rename and its
 * removal), until txt_io_keep(path).  The pointer is kept, not the string:
 * it must stay valid until then.  0, or -1 when too many are held. */
int txt_io_remove_later(const char *path);
void txt_io_keep(const char *path);

/* Where shipped data lives (stopword lists, lexicons, models): $SLANT_MODELS
 * if set, else ../models next to the running binary if that exists, else the
 * installed directory.  Returns a malloc'd path "DIR/rel". */
char *txt_models_path(const char *rel);

/* The id a file gives its documents: the base name without ".gz" and then
 * one extension (".profile" keeps its name).  Returns a malloc'd string. */
char *txt_file_id(const char *path);

#endif
