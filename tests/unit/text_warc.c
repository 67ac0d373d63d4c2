/* Unit tests for text_warc: records from plain and per-record gzip WARC,
 * truncated and malformed records named by offset, HTTP responses
 * (chunked, gzip). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "harness.h"
#include "text_warc.h"

static char dir[] = "/tmp/slant-warc-XXXXXX";

/* One record as WARC text. */
static void record(txt_buf *b, const char *type, const char *uri, const char *ctype,
		   const char *block)
{
	char h[512];
	snprintf(h, sizeof h,
		 "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-01-02T03:04:05Z\r\n"
		 "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
		 type, uri, ctype, strlen(block));
	txt_buf_add(b, h, strlen(h));
	txt_buf_add(b, block, strlen(block));
	txt_buf_add(b, "\r\n\r\n", 4);
}

static const char *put(const char *name, const char *data, size_t n, int gz)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (gz) {
		gzFile f = gzopen(path, "wb");
		if (!f || gzwrite(f, data, (unsigned)n) != (int)n || gzclose(f) != Z_OK)
			abort();
	} else {
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0)
			abort();
	}
	return path;
}

static const char resp[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>";

static void three(txt_buf *b)
{
	record(b, "warcinfo", "", "application/warc-fields", "software: test\r\n");
	record(b, "response", "http://a.example/", "application/http; msgtype=response", resp);
	record(b, "resource", "<http://b.example/>", "text/html", "<p>b</p>");
}

TEST(records_plain)
{
	txt_buf b = {0};
	three(&b);
	txt_warc *w = txt_warc_open(put("a.warc", b.s, b.n, 0));
	txt_warc_rec r;
	const char *data;
	size_t len;
	CHECK(txt_warc_next(w, &r) == 1);
	CHECK_STR(r.type, "warcinfo");
	CHECK(r.offset == 0 && r.number == 1);
	CHECK(txt_warc_next(w, &r) == 1); /* the unread block is skipped */
	CHECK_STR(r.type, "response");
	CHECK_STR(r.uri, "http://a.example/");
	CHECK_STR(r.date, "2024-01-02T03:04:05Z");
	CHECK(r.length == strlen(resp));
	CHECK(txt_warc_block(w, 1 << 20, &data, &len) == 0);
	CHECK(len == strlen(resp) && memcmp(data, resp, len) == 0);
	CHECK(txt_warc_next(w, &r) == 1);
	CHECK_STR(r.uri, "http://b.example/"); /* <uri> of WARC 1.0 drafts */
	CHECK(r.number == 3);
	CHECK(txt_warc_block(w, 3, &data, &len) < 0); /* too large for the limit */
	CHECK(strstr(txt_err(), "too large") != NULL);
	CHECK(txt_warc_next(w, &r) == 0);
	txt_warc_close(w);
	free(b.s);
}

TEST(records_gzip_members)
{
	/* one gzip member per record, as Common Crawl writes */
	txt_buf b = {0}, all = {0};
	three(&b);
	size_t cut[4] = {0}, k = 1;
	for (size_t i = 0; i + 5 <= b.n && k < 3; i++)
		if (i > 0 && memcmp(b.s + i, "WARC/", 5) == 0)
			cut[k++] = i;
	cut[3] = b.n;
	const char *path = NULL;
	for (int i = 0; i < 3; i++) {
		char name[32];
		snprintf(name, sizeof name, "m%d.gz", i);
		path = put(name, b.s + cut[i], cut[i + 1] - cut[i], 1);
		char *d;
		size_t n;
		FILE *f = fopen(path, "rb");
		fseek(f, 0, SEEK_END);
		n = (size_t)ftell(f);
		rewind(f);
		d = malloc(n);
		CHECK(fread(d, 1, n, f) == n);
		fclose(f);
		txt_buf_add(&all, d, n);
		free(d);
	}
	txt_warc *w = txt_warc_open(put("c.warc.gz", all.s, all.n, 0));
	txt_warc_rec r;
	int n = 0;
	while (txt_warc_next(w, &r) == 1)
		n++;
	CHECK(n == 3);
	CHECK_STR(r.type, "resource");
	CHECK(r.offset == cut[2]);
	txt_warc_close(w);
	free(b.s);
	free(all.s);
}

/* The error after reading every record of data. */
static const char *error_of(const char *data, size_t n, int read_blocks)
{
	static char msg[512];
	txt_warc *w = txt_warc_open(put("bad.warc", data, n, 0));
	txt_warc_rec r;
	const char *d;
	size_t len;
	int k;
	msg[0] = '\0';
	while ((k = txt_warc_next(w, &r)) == 1)
		if (read_blocks && txt_warc_block(w, 1 << 20, &d, &len) < 0)
			break;
	if (k != 0)
		snprintf(msg, sizeof msg, "%s", txt_err());
	txt_warc_close(w);
	return msg;
}

TEST(truncated_and_malformed)
{
	txt_buf b = {0};
	three(&b);
	size_t second = 0;
	for (size_t i = 1; i + 5 <= b.n; i++)
		if (memcmp(b.s + i, "WARC/", 5) == 0) {
			second = i;
			break;
		}
	char want[128];
	snprintf(want, sizeof want, "record at offset %zu: truncated", second);
	/* cut inside the response's block: when skipping, and when reading */
	CHECK(strstr(error_of(b.s, second + 150, 0), want) != NULL);
	CHECK(strstr(error_of(b.s, second + 150, 1), want) != NULL);
	/* cut inside a header */
	CHECK(strstr(error_of(b.s, second + 20, 0), "truncated record header") != NULL);
	/* the final CRLF CRLF missing */
	CHECK(strstr(error_of(b.s, b.n - 4, 0), "no blank line") != NULL);
	/* Content-Length running past the end */
	static const char past[] = "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 9999\r\n\r\nshort\r\n\r\n";
	CHECK(strstr(error_of(past, sizeof past - 1, 1), "record at offset 0: truncated") != NULL);
	static const char nolen[] = "WARC/1.0\r\nWARC-Type: resource\r\n\r\n";
	CHECK(strstr(error_of(nolen, sizeof nolen - 1, 0), "no Content-Length") != NULL);
	static const char badlen[] = "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 12x\r\n\r\n";
	CHECK(strstr(error_of(badlen, sizeof badlen - 1, 0), "invalid Content-Length") != NULL);
	static const char huge[] = "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 99999999999999999999999\r\n\r\n";
	CHECK(strstr(error_of(huge, sizeof huge - 1, 0), "invalid Content-Length") != NULL);
	static const char notwarc[] = "<html>\r\n\r\n";
	CHECK(strstr(error_of(notwarc, sizeof notwarc - 1, 0), "not a WARC record") != NULL);
	CHECK_STR(error_of("", 0, 0), ""); /* empty: no records, no error */
	free(b.s);
}

TEST(http_messages)
{
	txt_buf body = {0};
	char ct[128];
	int st;
	CHECK(txt_warc_http(resp, sizeof resp - 1, &st, ct, sizeof ct, &body) == 0);
	CHECK(st == 200);
	CHECK_STR(ct, "text/html; charset=utf-8");
	CHECK_STR(body.s, "<p>hi</p>");
	static const char chunked[] = "HTTP/1.1 404 Not Found\nTransfer-Encoding: chunked\n\n"
				      "4;ext=1\r\n<p>h\r\n6\r\nello</\r\n2\r\np>\r\n0\r\n\r\n";
	body.n = 0;
	CHECK(txt_warc_http(chunked, sizeof chunked - 1, &st, ct, sizeof ct, &body) == 0);
	CHECK(st == 404);
	CHECK_STR(body.s, "<p>hello</p>");
	/* gzip body */
	unsigned char z[256];
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
	zs.next_in = (unsigned char *)"<p>zipped</p>";
	zs.avail_in = 13;
	zs.next_out = z;
	zs.avail_out = sizeof z;
	deflate(&zs, Z_FINISH);
	size_t zn = sizeof z - zs.avail_out;
	deflateEnd(&zs);
	txt_buf msg = {0};
	const char *h = "HTTP/1.0 200 OK\r\nContent-Encoding: gzip\r\n\r\n";
	txt_buf_add(&msg, h, strlen(h));
	txt_buf_add(&msg, (const char *)z, zn);
	body.n = 0;
	CHECK(txt_warc_http(msg.s, msg.n, &st, ct, sizeof ct, &body) == 0);
	CHECK_STR(body.s, "<p>zipped</p>");
	body.n = 0;
	CHECK(txt_warc_http(msg.s, msg.n - 5, &st, ct, sizeof ct, &body) == 0); /* cut: what there is */
	body.n = 0;
	msg.s[msg.n - zn] ^= 0x55; /* not gzip any more */
	CHECK(txt_warc_http(msg.s, msg.n, &st, ct, sizeof ct, &body) < 0);
	static const char br[] = "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx";
	CHECK(txt_warc_http(br, sizeof br - 1, &st, ct, sizeof ct, &body) < 0);
	CHECK(strstr(txt_err(), "'br' is not supported") != NULL);
	CHECK(txt_warc_http("GET / HTTP/1.1\r\n\r\n", 18, &st, ct, sizeof ct, &body) < 0);
	CHECK(txt_warc_http("HTTP/1.1 200 OK\r\nX: y", 21, &st, ct, sizeof ct, &body) < 0);
	free(body.s);
	free(msg.s);
}

static void cleanup(void)
{
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

static void setup(void)
{
	if (!mkdtemp(dir))
		abort();
	atexit(cleanup);
}

TEST(start) { setup(); }

RUN_TESTS(T(start), T(records_plain), T(records_gzip_members), T(truncated_and_malformed),
	  T(http_messages))
