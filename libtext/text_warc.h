/* text_warc: WARC 1.0 / 1.1 records, read as a stream (ISO 28500).
 *
 * A WARC file is a sequence of records: a version line ("WARC/1.0" or
 * "WARC/1.1"), named header fields, a blank line, Content-Length bytes of
 * block, and CRLF CRLF.  .warc.gz files (one gzip member per record, as
 * Common Crawl writes them, or one member for all) are read through
 * text_io's reader, which inflates members one after another.  Only the
 * current record's header, and its block when asked for, are in memory;
 * blocks nobody reads are skipped in pieces.
 *
 * Offsets are byte offsets in the uncompressed stream, where the record's
 * version line starts.  A record whose header is malformed, that has no
 * valid Content-Length, or whose block runs past the end of the input is an
 * error naming the file and that offset.
 *
 * Ownership: txt_warc_open/txt_warc_close; the strings of a record and its
 * block belong to the reader and live until the next txt_warc_next. */
#ifndef TEXT_WARC_H
#define TEXT_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "text_err.h"

typedef struct txt_warc txt_warc;

typedef struct txt_warc_rec {
	const char *type;  /* WARC-Type, e.g. "response" */
	const char *uri;   /* WARC-Target-URI, or "" */
	const char *date;  /* WARC-Date, or "" */
	const char *ctype; /* Content-Type, or "" */
	uint64_t offset;   /* where the record starts */
	uint64_t length;   /* Content-Length of its block */
	uint64_t number;   /* 1 for the first record of the file */
} txt_warc_rec;

/* Open path ("-": standard input); plain or gzip. */
txt_warc *txt_warc_open(const char *path);
/* The next record's header: 1, 0 at the end, -1 on error. */
int txt_warc_next(txt_warc *w, txt_warc_rec *rec);
/* The current record's block (at most max bytes; a longer block is an
 * error, leaving the reader usable: the block is skipped).  0 or -1. */
int txt_warc_block(txt_warc *w, size_t max, const char **data, size_t *len);
const char *txt_warc_name(const txt_warc *w);
void txt_warc_close(txt_warc *w);

/* An HTTP response message (a response record's block): its status code,
 * Content-Type (into ctype, "" if none) and body, de-chunked and inflated
 * (gzip, deflate) into *body.  0, or -1 with txt_err() set to what is
 * wrong (no message "FILE:" prefix). */
int txt_warc_http(const char *msg, size_t n, int *status, char *ctype, size_t cap,
		  txt_buf *body);

#endif
