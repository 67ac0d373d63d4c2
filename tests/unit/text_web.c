/* Unit tests for text_web: what a file is, pages from files and a WARC
 * (skipped records counted, unreadable pages with a reason), packing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "text_html.h"
#include "text_web.h"

static char dir[] = "/tmp/slant-web-XXXXXX";

static char *put(const char *name, const char *data, size_t n)
{
	static char path[4][512];
	static int k;
	char *p = path[k++ % 4];
	snprintf(p, 512, "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0)
		abort();
	return p;
}
#define PUT(name, lit) put(name, lit, sizeof lit - 1)

static void cleanup(void)
{
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

TEST(kinds)
{
	if (!mkdtemp(dir))
		abort();
	atexit(cleanup);
	CHECK(txt_web_kind(PUT("a.HTML", "plain words")) == TXT_KIND_HTML); /* by name */
	CHECK(txt_web_kind(PUT("b.warc", "")) == TXT_KIND_WARC);
	CHECK(txt_web_kind(PUT("c.txt", "<html>")) == TXT_KIND_TEXT);
	CHECK(txt_web_kind(PUT("d", "<!doctype html><p>x")) == TXT_KIND_HTML); /* by content */
	CHECK(txt_web_kind(PUT("e.php", "WARC/1.0\r\n")) == TXT_KIND_WARC);
	CHECK(txt_web_kind(PUT("f", "just text")) == TXT_KIND_TEXT);
	CHECK(txt_web_kind(PUT("g", "")) == TXT_KIND_EMPTY);
	CHECK(txt_web_kind("/no/such/file") == TXT_KIND_TEXT); /* read later, and reported */
}

/* A WARC record with its Content-Length counted. */
static void record(txt_buf *b, const char *head, const char *block)
{
	char h[512];
	snprintf(h, sizeof h, "WARC/1.0\r\n%sContent-Length: %zu\r\n\r\n", head, strlen(block));
	txt_buf_add(b, h, strlen(h));
	txt_buf_add(b, block, strlen(block));
	txt_buf_add(b, "\r\n\r\n", 4);
}

#define RESPONSE "WARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"

static txt_buf warc(void)
{
	txt_buf b = {0};
	record(&b, "WARC-Type: request\r\n", "GET ");
	record(&b, RESPONSE "WARC-Target-URI: http://x.example/a\r\nWARC-Date: 2024-02-03T04:05:06Z\r\n",
	       "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>\xE9</p>");
	record(&b, RESPONSE, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG");
	record(&b, RESPONSE, "HTTP/1.1 404 Not Found\r\n\r\n<p>missing</p>");
	record(&b, RESPONSE, "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n<p>");
	return b;
}

TEST(pages)
{
	char *files[4];
	files[0] = txt_xstrdup(PUT("1.html", "<p>one</p>"));
	files[1] = txt_xstrdup(PUT("2.html", ""));
	txt_buf wb = warc();
	files[2] = txt_xstrdup(put("3.warc", wb.s, wb.n));
	free(wb.s);
	files[3] = txt_xstrdup(PUT("4.txt", "text"));
	txt_web *w = txt_web_open(files, 4, 0);
	txt_web_page p;
	CHECK(txt_web_next(w, &p) == 1);
	CHECK_STR(p.id, "1");
	CHECK(p.why == NULL && p.len == 10 && !p.text);
	CHECK(strstr(p.where, "1.html:1") != NULL);
	CHECK(txt_web_next(w, &p) == 1);
	CHECK_STR(p.why, "empty file");
	CHECK(txt_web_next(w, &p) == 1); /* the request is skipped */
	CHECK_STR(p.id, "3:2");
	CHECK_STR(p.url, "http://x.example/a");
	CHECK_STR(p.date, "2024-02-03T04:05:06Z");
	CHECK_STR(p.charset, "iso-8859-1");
	CHECK(p.len == 8 && memcmp(p.data, "<p>\xE9</p>", 8) == 0);
	CHECK(strstr(p.where, "3.warc@") != NULL);
	/* a copy through pack and unpack is the same page */
	txt_buf b = {0};
	txt_web_pack(&p, &b);
	txt_web_page q;
	txt_web_unpack(b.s, b.n, &q);
	CHECK_STR(q.id, p.id);
	CHECK_STR(q.where, p.where);
	CHECK_STR(q.url, p.url);
	CHECK_STR(q.date, p.date);
	CHECK_STR(q.charset, p.charset);
	CHECK(q.why == NULL && !q.text && q.len == p.len && memcmp(q.data, p.data, p.len) == 0);
	free(b.s);
	CHECK(txt_web_next(w, &p) == 1); /* the PNG and the 404 are skipped */
	CHECK_STR(p.id, "3:5");
	CHECK(p.why && strstr(p.why, "'br' is not supported"));
	b = (txt_buf){0};
	txt_web_pack(&p, &b);
	txt_web_unpack(b.s, b.n, &q);
	CHECK(q.why && strstr(q.why, "'br'"));
	free(b.s);
	CHECK(txt_web_next(w, &p) == 1);
	CHECK_STR(p.id, "4");
	CHECK(p.text == 1 && p.len == 4);
	CHECK(txt_web_next(w, &p) == 0);
	CHECK(txt_web_nskipped(w) == 3);
	CHECK_STR(txt_web_skipped(w), "1 request, 1 not HTML, 1 with an HTTP status other than 2xx");
	txt_web_close(w);
	for (int i = 0; i < 4; i++)
		free(files[i]);
}

TEST(broken_warc)
{
	txt_buf wb = warc();
	char *f = txt_xstrdup(put("cut.warc", wb.s, 150));
	free(wb.s);
	txt_web *w = txt_web_open(&f, 1, TXT_KIND_WARC);
	txt_web_page p;
	CHECK(txt_web_next(w, &p) == -1);
	CHECK(strstr(txt_err(), "cut.warc: record at offset 59: truncated") != NULL);
	txt_web_close(w);
	free(f);
}

RUN_TESTS(T(kinds), T(pages), T(broken_warc))
