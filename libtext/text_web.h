/* text_web: web pages from files: HTML files (plain or gzip), WARC files,
 * and directories of them, one page at a time, as bytes (text_extract
 * parses them).
 *
 * What a file is: by name (.html, .htm, .xhtml, .shtml: HTML; .warc: WARC;
 * .txt: text; after removing .gz), else by content (text_html's sniffing).
 * A directory's files are read in bytewise order of name.  A WARC gives its
 * response records with status 2xx and an HTML Content-Type (text/html,
 * application/xhtml+xml, or none and HTML content), and its resource
 * records of HTML; the other records are skipped and counted by kind.
 *
 * A page that cannot be read (an empty file, binary data, a read error, an
 * HTTP body that cannot be decoded, a page over TXT_HTML_MAX) comes with
 * `why` set: the caller skips it or stops.  A WARC record that is malformed
 * or truncated is an error (-1): the stream cannot be trusted past it.
 *
 * Ownership: the strings of a page belong to the reader and live until its
 * next call. */
#ifndef TEXT_WEB_H
#define TEXT_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "text_err.h"

typedef struct txt_web_page {
	const char *id;      /* the file's id, or BASE:N for the Nth WARC record */
	const char *where;   /* "FILE:1", or "FILE@OFFSET" for a WARC record */
	const char *url;     /* WARC-Target-URI, or "" */
	const char *date;    /* WARC-Date, or "" */
	const char *charset; /* of the HTTP Content-Type, or "" */
	const char *data;    /* the page */
	size_t len;
	const char *why; /* not NULL: unreadable, and why */
	int text;        /* a text file among web pages: its text as it is */
} txt_web_page;

typedef struct txt_web txt_web;

/* What a path is, by name or content: a TXT_KIND_* of text_html.h
 * (TXT_KIND_TEXT when it cannot be read). */
int txt_web_kind(const char *path);
/* Read the files (copied) in order; kind: TXT_KIND_HTML or TXT_KIND_WARC to
 * force one for all, 0 to decide per file. */
txt_web *txt_web_open(char *const *files, size_t n, int kind);
/* The next page: 1, 0 at the end, -1 on error. */
int txt_web_next(txt_web *w, txt_web_page *p);
/* Records skipped as not pages, and a summary ("3 request, 1 warcinfo, 2
 * not HTML"), "" when none. */
uint64_t txt_web_nskipped(const txt_web *w);
const char *txt_web_skipped(txt_web *w);
void txt_web_close(txt_web *w);

/* A page as one string and back (for reading in one thread and parsing in
 * another); the unpacked page points into s. */
void txt_web_pack(const txt_web_page *p, txt_buf *out);
void txt_web_unpack(const char *s, size_t n, txt_web_page *p);

#endif
