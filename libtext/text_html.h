/* text_html: web pages in: what a file holds (HTML, WARC, text, binary),
 * its charset, decoding to UTF-8, and parsing with libxml2's HTML parser.
 *
 * Charset, in this order (the WHATWG encoding sniffing order, without the
 * browser's statistical guess): a byte order mark; the charset of an HTTP
 * Content-Type (from a WARC response); <meta charset> or <meta http-equiv=
 * "Content-Type" content="...charset=..."> (or an XML declaration's
 * encoding) in the first 8 KiB; else UTF-8 when the bytes are (mostly)
 * valid UTF-8, else windows-1252.  Labels map as the WHATWG Encoding
 * standard says (iso-8859-1 and us-ascii are windows-1252, gb2312 is
 * gb18030, ...); an unknown label counts as no label.  A declared
 * single-byte charset on bytes that are valid UTF-8 with multi-byte
 * sequences is taken as UTF-8: that page was mislabelled.
 *
 * Decoding: invalid sequences become U+FFFD, and so does a NUL byte (HTML5
 * replaces NUL in most parser states; a parser must never see one).
 *
 * Parsing: libxml2's HTML parser (the one under lxml) in recovery mode,
 * with no depth limit (XML_PARSE_HUGE), no network, and the page's own
 * charset declaration ignored (the bytes are UTF-8 by then).  It reports
 * elements and text as events (SAX); no tree is built, so depth costs the
 * caller's stack of open elements only.  Thread-safe after txt_html_init(). */
#ifndef TEXT_HTML_H
#define TEXT_HTML_H

#include <stddef.h>

#include "text_err.h"

enum txt_kind {
	TXT_KIND_EMPTY = 0, /* no bytes, or only white space */
	TXT_KIND_TEXT,
	TXT_KIND_HTML,
	TXT_KIND_WARC,
	TXT_KIND_BINARY, /* an image, PDF, archive, or mostly control bytes */
};

/* The largest page read (bigger ones are refused). */
#define TXT_HTML_MAX ((size_t)64 << 20)

/* What the first bytes of a file (any number; 4 KiB are plenty) hold. */
int txt_html_sniff(const char *s, size_t n);
/* Name of a kind, for messages: "empty file", "text", "HTML", ... */
const char *txt_html_kind_name(int kind);

typedef struct txt_html_dec {
	char charset[32]; /* the charset decoded from (iconv name) */
	const char *how;  /* "bom", "http", "meta", "utf-8", "default" */
	size_t nbad;      /* invalid sequences and NUL bytes replaced */
} txt_html_dec;

/* The charset parameter of a Content-Type value into out (lower case), or
 * "" when none. */
void txt_html_ctype_charset(const char *ctype, char *out, size_t cap);

/* Decode s[0..n) to UTF-8, appended to *out.  http_charset: from an HTTP
 * header, or NULL/"".  info (may be NULL) tells what was used. */
void txt_html_decode(const char *s, size_t n, const char *http_charset, txt_buf *out,
		     txt_html_dec *info);

/* Call once before any thread parses (txt_html_parse calls it too). */
void txt_html_init(void);

/* What the parser reports, in document order: elements start and end
 * balanced (the parser closes what the page leaves open, and adds html,
 * head and body where they are missing); names are lower case; atts is
 * NULL or NAME, VALUE, ..., NULL (a VALUE may be NULL); text comes in
 * pieces, script and style content included. */
typedef struct txt_html_events {
	void (*start)(void *ctx, const unsigned char *name, const unsigned char **atts);
	void (*end)(void *ctx, const unsigned char *name);
	void (*text)(void *ctx, const unsigned char *s, int n);
} txt_html_events;

/* Parse UTF-8 HTML (as txt_html_decode gives; at most TXT_HTML_MAX bytes),
 * calling ev's functions with ctx.  No tree is built.  Recovery mode: any
 * bytes give some events. */
void txt_html_parse(const char *s, size_t n, const txt_html_events *ev, void *ctx);

#endif
