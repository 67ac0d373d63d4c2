/* text_extract: the article of a web page, and its metadata.
 *
 * One pass over the parser's events (text_html; no tree) cuts the page's
 * visible text into blocks: a block is the text between two block-level boundaries (p, div,
 * li, h1-h6, td, br, ...), white space collapsed.  Scripts, styles, forms'
 * controls, embedded media and hidden elements (hidden, display:none,
 * screen-reader-only classes) have no text.
 *
 * TXT_EXTRACT_ALL keeps every block.  TXT_EXTRACT_MAIN keeps the article:
 * blocks are scored with general features (length, punctuation, link
 * density, tag, class/id/role hints of their ancestors, position, runs of
 * body-like neighbours), the container with the most body-like text is
 * found as readability does (scores passed up to parents and grandparents,
 * weighed by link density), and the blocks inside it that look like body
 * text are kept; navigation, share/related/comment blocks, cookie and
 * subscription notices, captions, bylines and footers go.  When that finds
 * little, it falls back on the body-like blocks of the whole page.  The
 * text is one paragraph per line; headings and list items are lines of
 * their own.
 *
 * Metadata comes from the page: JSON-LD (Article, NewsArticle and the like),
 * OpenGraph and other meta tags, <title>, <link rel=canonical>, <html
 * lang>, <time datetime>.  Dates are ISO 8601 (YYYY-MM-DD, with a time
 * THH:MM:SS and zone when the page gives them).  Every field is a
 * NUL-terminated, valid UTF-8 string without tabs or line breaks (the text
 * has '\n' between lines); "" when unknown.
 *
 * Ownership: the page's strings are malloc'd; txt_page_free frees them. */
#ifndef TEXT_EXTRACT_H
#define TEXT_EXTRACT_H

#include <stddef.h>

enum { TXT_EXTRACT_MAIN = 0, TXT_EXTRACT_ALL = 1 };

typedef struct txt_page {
	char *title, *author, *date, *site, *url, *lang;
	char *text;
	size_t text_len;
	size_t nbad; /* invalid bytes and NULs replaced while decoding */
} txt_page;

/* Decode (text_html's charset rules; http_charset may be NULL), parse and
 * extract into *page (whose old strings are freed).  0, or -1 with txt_err()
 * set (a page over TXT_HTML_MAX). */
int txt_extract_html(const char *s, size_t n, const char *http_charset, int mode,
		     txt_page *page);

/* The host of a URL without "www." (malloc'd; "" when it has none). */
char *txt_extract_host(const char *url);

/* A date in any common form (ISO 8601, RFC 1123, "November 19, 2019") as
 * ISO 8601 into out; 0, or -1 (out "") when it is not a date. */
int txt_extract_date(const char *s, char *out, size_t cap);

void txt_page_free(txt_page *page);

#endif
