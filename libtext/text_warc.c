/* text_warc: see text_warc.h. */
#include "text_warc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "text_html.h"
#include "text_io.h"

#define CHUNK ((size_t)1 << 16)
#define MAX_HEADER ((size_t)1 << 20)

typedef unsigned long long ull;

struct txt_warc {
	txt_reader *r;
	char *buf;
	size_t beg, end, cap;
	uint64_t pos; /* stream offset of buf[beg] */
	int eof;
	uint64_t number, left, start, length;
	int in_record;
	char *hdr; /* the current header, fields NUL-terminated in place */
	txt_buf block;
};

static int fail(txt_warc *w, const char *what)
{
	return txt_err_set("%s: record at offset %llu: %s", txt_reader_name(w->r),
			   (ull)w->start, what);
}

/* Read more: 1 if bytes came, 0 at the end, -1 on error. */
static int fill(txt_warc *w)
{
	if (w->eof)
		return 0;
	if (w->beg > 0) {
		memmove(w->buf, w->buf + w->beg, w->end - w->beg);
		w->end -= w->beg;
		w->beg = 0;
	}
	if (w->end == w->cap) {
		w->cap *= 2;
		w->buf = txt_xrealloc(w->buf, w->cap + 1);
	}
	long k = txt_reader_read(w->r, w->buf + w->end, w->cap - w->end);
	if (k < 0)
		return fail(w, txt_err());
	if (k == 0)
		w->eof = 1;
	w->end += (size_t)k;
	return k > 0;
}

static void consume(txt_warc *w, size_t n)
{
	w->beg += n;
	w->pos += n;
}

txt_warc *txt_warc_open(const char *path)
{
	txt_reader *r = txt_reader_open(path);
	if (!r)
		return NULL;
	txt_warc *w = txt_xcalloc(1, sizeof *w);
	w->r = r;
	w->cap = CHUNK;
	w->buf = txt_xmalloc(w->cap + 1);
	return w;
}

const char *txt_warc_name(const txt_warc *w) { return txt_reader_name(w->r); }

void txt_warc_close(txt_warc *w)
{
	if (!w)
		return;
	txt_reader_close(w->r);
	txt_free_all(w->buf, w->hdr, w->block.s, w);
}

/* Read what is left of the current block, appended to keep (NULL: skipped). */
static int take_block(txt_warc *w, txt_buf *keep)
{
	while (w->left) {
		if (w->beg == w->end) {
			int k = fill(w);
			if (k < 0)
				return -1;
			if (k == 0) {
				char msg[128];
				snprintf(msg, sizeof msg,
					 "truncated: the input ends %llu bytes before the block's end (Content-Length %llu)",
					 (ull)w->left, (ull)w->length);
				return fail(w, msg);
			}
		}
		size_t k = w->end - w->beg;
		if (k > w->left)
			k = (size_t)w->left;
		if (keep)
			txt_buf_add(keep, w->buf + w->beg, k);
		consume(w, k);
		w->left -= k;
	}
	return 0;
}

/* Skip what is left of the current block and its CRLF CRLF. */
static int finish_record(txt_warc *w)
{
	if (take_block(w, NULL) < 0)
		return -1;
	/* the record ends with CRLF CRLF ("\n\n" is accepted) */
	size_t ends = 0;
	for (;;) {
		if (w->beg == w->end) {
			int k = fill(w);
			if (k < 0)
				return -1;
			if (k == 0)
				break;
		}
		char c = w->buf[w->beg];
		if (c != '\r' && c != '\n')
			break;
		ends += c == '\n';
		consume(w, 1);
	}
	if (ends < 2)
		return fail(w, "no blank line after the block (Content-Length too small, or the record is truncated)");
	w->in_record = 0;
	return 0;
}

/* The header's end: offset of the blank line's end in buf[beg..], or 0. */
static size_t header_end(const txt_warc *w)
{
	const char *s = w->buf + w->beg;
	size_t n = w->end - w->beg;
	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] != '\n')
			continue;
		if (s[i + 1] == '\n')
			return i + 2;
		if (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* Value of a header field in the NUL-split header, or "". */
static const char *field(const char *h, size_t n, const char *name)
{
	size_t m = strlen(name);
	for (const char *p = h; p < h + n; p += strlen(p) + 1)
		if (strncasecmp(p, name, m) == 0 && p[m] == ':') {
			const char *v = p + m + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			return v;
		}
	return "";
}

/* Split the header into NUL-terminated lines (continuations joined). */
static size_t split_header(char *h, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = h[i];
		if (c == '\r')
			continue;
		if (c == '\n') {
			if (i + 1 < n && (h[i + 1] == ' ' || h[i + 1] == '\t'))
				continue; /* a continuation line */
			c = '\0';
		}
		h[k++] = c;
	}
	return k;
}

static int parse_length(const char *s, uint64_t *v)
{
	*v = 0;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (*v > (UINT64_MAX - 9) / 10)
			return -1;
		*v = *v * 10 + (uint64_t)(*s - '0');
	}
	while (*s == ' ' || *s == '\t')
		s++;
	return *s ? -1 : 0;
}

int txt_warc_next(txt_warc *w, txt_warc_rec *rec)
{
	if (w->in_record && finish_record(w) < 0)
		return -1;
	w->start = w->pos;
	size_t end;
	while (!(end = header_end(w))) {
		if (w->end - w->beg > MAX_HEADER)
			return fail(w, "header over 1 MiB: not a WARC record");
		int k = fill(w);
		if (k < 0)
			return -1;
		if (k == 0) {
			if (w->end == w->beg)
				return 0;
			return fail(w, "truncated record header");
		}
	}
	const char *s = w->buf + w->beg;
	if (strncmp(s, "WARC/1.0", 8) != 0 && strncmp(s, "WARC/1.1", 8) != 0)
		return fail(w, "not a WARC record (expected 'WARC/1.0' or 'WARC/1.1')");
	free(w->hdr);
	w->hdr = txt_xmalloc(end + 1);
	memcpy(w->hdr, s, end);
	size_t n = split_header(w->hdr, end);
	consume(w, end);
	w->number++;
	const char *len = field(w->hdr, n, "Content-Length");
	const char *type = field(w->hdr, n, "WARC-Type");
	if (!*type)
		return fail(w, "no WARC-Type field");
	if (parse_length(len, &w->left) < 0)
		return fail(w, *len ? "invalid Content-Length" : "no Content-Length field");
	w->in_record = 1;
	w->length = w->left;
	rec->type = type;
	rec->uri = field(w->hdr, n, "WARC-Target-URI");
	if (rec->uri[0] == '<') { /* WARC 1.0 drafts wrote <uri> */
		char *u = (char *)rec->uri + 1;
		u[strcspn(u, ">")] = '\0';
		rec->uri = u;
	}
	rec->date = field(w->hdr, n, "WARC-Date");
	rec->ctype = field(w->hdr, n, "Content-Type");
	rec->offset = w->start;
	rec->length = w->left;
	rec->number = w->number;
	return 1;
}

int txt_warc_block(txt_warc *w, size_t max, const char **data, size_t *len)
{
	if (!w->in_record)
		return txt_err_set("%s: no record to read", txt_reader_name(w->r));
	if (w->left > max) {
		char msg[96];
		snprintf(msg, sizeof msg, "block too large (%llu bytes)", (ull)w->left);
		return fail(w, msg);
	}
	w->block.n = 0;
	txt_buf_add(&w->block, "", 0);
	if (take_block(w, &w->block) < 0)
		return -1;
	*data = w->block.s;
	*len = w->block.n;
	return 0;
}

/* ---- HTTP responses ---- */

static int dechunk(const char *s, size_t n, txt_buf *out)
{
	size_t i = 0;
	for (;;) {
		size_t size = 0, digits = 0;
		for (; i < n; i++, digits++) {
			char c = s[i];
			int v = c >= '0' && c <= '9' ? c - '0'
				: (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
									 : -1;
			if (v < 0)
				break;
			if (size > (TXT_HTML_MAX >> 4))
				return txt_err_set("chunk size too large");
			size = size * 16 + (size_t)v;
		}
		if (!digits)
			return txt_err_set("malformed chunked body");
		while (i < n && s[i] != '\n') /* chunk extensions */
			i++;
		if (i++ >= n)
			return txt_err_set("malformed chunked body");
		if (size == 0)
			return 0;
		if (size > n - i)
			size = n - i; /* cut short: keep what there is */
		txt_buf_add(out, s + i, size);
		i += size;
		if (i < n && s[i] == '\r')
			i++;
		if (i < n && s[i] == '\n')
			i++;
		if (i >= n)
			return 0;
	}
}

static int inflate_body(const char *s, size_t n, txt_buf *out)
{
	for (int raw = 0; raw < 2; raw++) {
		z_stream z;
		memset(&z, 0, sizeof z);
		if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK)
			abort();
		z.next_in = (unsigned char *)s;
		z.avail_in = (uInt)n;
		size_t start = out->n;
		int rc;
		do {
			char tmp[CHUNK];
			z.next_out = (unsigned char *)tmp;
			z.avail_out = sizeof tmp;
			rc = inflate(&z, Z_NO_FLUSH);
			txt_buf_add(out, tmp, sizeof tmp - z.avail_out);
			if (out->n > TXT_HTML_MAX) {
				inflateEnd(&z);
				return txt_err_set("inflated body over %zu MiB", TXT_HTML_MAX >> 20);
			}
		} while (rc == Z_OK && (z.avail_in || z.avail_out == 0));
		inflateEnd(&z);
		if (rc == Z_STREAM_END || ((rc == Z_OK || rc == Z_BUF_ERROR) && out->n > start))
			return 0;
		out->n = start;
	}
	return txt_err_set("corrupt compressed body");
}

int txt_warc_http(const char *msg, size_t n, int *status, char *ctype, size_t cap,
		  txt_buf *body)
{
	ctype[0] = '\0';
	if (n < 12 || strncmp(msg, "HTTP/", 5) != 0)
		return txt_err_set("not an HTTP response");
	const char *sp = memchr(msg, ' ', n < 16 ? n : 16);
	if (!sp || sp + 4 > msg + n || sp[1] < '1' || sp[1] > '9')
		return txt_err_set("no HTTP status code");
	*status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
	/* headers end at the first blank line */
	size_t i = (size_t)(sp - msg), hend = 0, bstart = 0;
	for (; i + 1 < n; i++)
		if (msg[i] == '\n' && (msg[i + 1] == '\n' || (msg[i + 1] == '\r' && i + 2 < n && msg[i + 2] == '\n'))) {
			hend = i + 1;
			bstart = i + (msg[i + 1] == '\n' ? 2 : 3);
			break;
		}
	if (!hend)
		return txt_err_set("HTTP header without an end");
	char *h = txt_xstrndup(msg, hend);
	size_t hn = split_header(h, hend);
	snprintf(ctype, cap, "%s", field(h, hn, "Content-Type"));
	const char *te = field(h, hn, "Transfer-Encoding");
	const char *ce = field(h, hn, "Content-Encoding");
	int chunked = strstr(te, "chunked") != NULL;
	int rc = 0;
	txt_buf tmp = {0};
	const char *b = msg + bstart;
	size_t bn = n - bstart;
	if (chunked && dechunk(b, bn, &tmp) == 0) {
		b = tmp.s ? tmp.s : "";
		bn = tmp.n;
	} /* a body that is not chunked after all is read as it is */
	if (!*ce || !strcasecmp(ce, "identity"))
		txt_buf_add(body, b, bn);
	else if (!strcasecmp(ce, "gzip") || !strcasecmp(ce, "x-gzip") || !strcasecmp(ce, "deflate"))
		rc = inflate_body(b, bn, body);
	else
		rc = txt_err_set("Content-Encoding '%.40s' is not supported", ce);
	if (!body->s)
		txt_buf_add(body, "", 0);
	free(tmp.s);
	free(h);
	return rc;
}
