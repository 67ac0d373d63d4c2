/* text_chunks: a line-oriented input read as raw chunks and worked on in
 * parallel, in input order.
 *
 * The calling (main) thread only reads: the rest of a txt_reader (after any
 * header the caller read itself) goes by txt_reader_read straight into a
 * chunk's buffer of about 1 MiB, cut after its last newline; the partial
 * line is carried to the next chunk (a longer line grows its chunk).  A
 * worker of a text_pool (the main thread itself without threads) runs
 * work(chunk, arg, who) on it: it takes the chunk's lines with
 * txt_chunk_next and may change their bytes in place.  Chunks come back in
 * input order, so lines are numbered, and the first bad line reported
 * ("FILE:LINE: why"), as one thread would.  Several files may be read one
 * after the other through one txt_chunks.
 *
 *     txt_chunks *cs = txt_chunks_new(&(txt_chunks_cfg){nth, work, arg});
 *     for each file: r = txt_reader_open(path), read its header,
 *         txt_chunks_file(cs, r, NULL, 0, file_arg)        -- -1: stop
 *     txt_chunks_finish(cs)                                  -- -1: stop
 *     txt_chunks_free(cs)
 *
 * On -1 (txt_err set), call txt_chunks_free before exiting: it lets the
 * workers finish the chunks they hold, so none is left half-way through
 * writing a file of its own.
 *
 * Ownership: chunks belong to the txt_chunks (freed by txt_chunks_free);
 * work may keep nothing that points into a chunk once it returns.  The
 * reader stays the caller's. */
#ifndef TEXT_CHUNKS_H
#define TEXT_CHUNKS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text_io.h"

typedef struct txt_chunk {
	char *buf;       /* whole lines (the last may lack its '\n'), len bytes */
	size_t len;
	void *file_arg;  /* as given to txt_chunks_file */
	int first;       /* the first chunk of its file */
	uint64_t lines;  /* lines txt_chunk_next has returned */
	/* private */
	size_t pos, cap, file;
	uint64_t bad;    /* the failing line (1-based in the chunk); 0: none */
	int whole;       /* why is the whole message, with no FILE:LINE */
	char why[1024];
	struct txt_chunk *next;
} txt_chunk;

/* Worker: go through the chunk's lines; on a bad one call txt_chunk_fail
 * and return. */
typedef void (*txt_chunk_fn)(txt_chunk *c, void *arg, size_t who);

/* The next line: NUL-terminated in place, without its "\n" or "\r\n".
 * 1 with a line, 0 at the chunk's end.  (Inline: it runs once a line.) */
static inline int txt_chunk_next(txt_chunk *c, char **line, size_t *len)
{
	if (c->pos >= c->len)
		return 0;
	char *p = c->buf + c->pos, *end = c->buf + c->len;
	char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
	size_t n = (size_t)(e - p);
	c->lines++;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	p[n] = '\0'; /* the chunk has room for a NUL after its last byte */
	c->pos = (size_t)(e - c->buf) + 1;
	*line = p;
	*len = n;
	return 1;
}
/* The line last returned is bad: why (printf-style) is reported as
 * "FILE:LINE: why" when the chunk comes back. */
void txt_chunk_fail(txt_chunk *c, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* A failure that is not the line's (e.g. a temporary file could not be
 * written): txt_err() as it stands is reported, as it is. */
void txt_chunk_error(txt_chunk *c);

typedef struct txt_chunks_cfg {
	size_t threads;   /* 0 or 1: no threads, work runs in the main thread */
	txt_chunk_fn work;
	void *arg;        /* work's second argument */
} txt_chunks_cfg;

typedef struct txt_chunks txt_chunks;

/* NULL if the threads cannot be started (txt_err set). */
txt_chunks *txt_chunks_new(const txt_chunks_cfg *cfg);
/* Read r to its end through the workers.  first[0..nfirst), when not NULL,
 * is a line the caller already read from r (its last): it goes first, and
 * lines are numbered from it.  0, or -1 with txt_err() set: a bad line
 * (the first in input order), a read error, a line over TXT_MAX_LINE. */
int txt_chunks_file(txt_chunks *cs, txt_reader *r, const char *first, size_t nfirst,
                    void *file_arg);
/* Wait for every chunk still with the workers: 0, or -1 as above. */
int txt_chunks_finish(txt_chunks *cs);
/* Uncompressed bytes read from the files before the current one plus
 * what the current one has delivered, and lines whose chunk came back
 * (for progress). */
uint64_t txt_chunks_bytes(const txt_chunks *cs);
uint64_t txt_chunks_lines(const txt_chunks *cs);
/* Call fn(arg, bytes, lines) after each chunk is read (progress). */
void txt_chunks_on_read(txt_chunks *cs, void (*fn)(void *arg, uint64_t bytes, uint64_t lines),
                        void *arg);
void txt_chunks_free(txt_chunks *cs);

#endif
