/* Unit tests for text_html: sniffing, charset order, decoding, NUL bytes,
 * parsing deep and broken markup. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "text_html.h"

/* Decode a literal; returns the UTF-8 (static) and the charset used. */
static const char *dec(const char *s, size_t n, const char *http, txt_html_dec *d)
{
	static txt_buf b;
	b.n = 0;
	txt_html_decode(s, n, http, &b, d);
	return b.s;
}
#define DEC(lit, http, d) dec(lit, sizeof lit - 1, http, d)

TEST(sniff_kinds)
{
	CHECK(txt_html_sniff("", 0) == TXT_KIND_EMPTY);
	CHECK(txt_html_sniff(" \n\t ", 4) == TXT_KIND_EMPTY);
	CHECK(txt_html_sniff("<!DOCTYPE html><p>x", 19) == TXT_KIND_HTML);
	CHECK(txt_html_sniff("\xEF\xBB\xBF  <HTML>", 11) == TXT_KIND_HTML);
	CHECK(txt_html_sniff("junk before <html lang=en>", 26) == TXT_KIND_HTML);
	CHECK(txt_html_sniff("<p>a fragment</p>", 17) == TXT_KIND_HTML);
	CHECK(txt_html_sniff("a < b and c > d", 15) == TXT_KIND_TEXT);
	CHECK(txt_html_sniff("Just words.\n", 12) == TXT_KIND_TEXT);
	CHECK(txt_html_sniff("WARC/1.1\r\nWARC-Type: warcinfo\r\n", 30) == TXT_KIND_WARC);
	CHECK(txt_html_sniff("%PDF-1.7\n", 9) == TXT_KIND_BINARY);
	CHECK(txt_html_sniff("\x89PNG\r\n\x1a\n", 8) == TXT_KIND_BINARY);
	char bin[512];
	for (size_t i = 0; i < sizeof bin; i++)
		bin[i] = (char)(i * 7 % 32);
	CHECK(txt_html_sniff(bin, sizeof bin) == TXT_KIND_BINARY);
	/* UTF-16 without a BOM is not binary */
	const char u16[] = "<\0h\0t\0m\0l\0>\0<\0p\0>\0h\0i\0";
	CHECK(txt_html_sniff(u16, sizeof u16 - 1) == TXT_KIND_HTML);
}

TEST(charset_order)
{
	txt_html_dec d;
	/* BOM beats everything */
	CHECK_STR(DEC("\xEF\xBB\xBF<meta charset=latin1>\xC3\xA9", "windows-1251", &d),
		  "<meta charset=latin1>\xC3\xA9");
	CHECK_STR(d.how, "bom");
	/* HTTP beats meta */
	CHECK_STR(DEC("<meta charset=utf-8>\xE9", "iso-8859-1", &d), "<meta charset=utf-8>\xC3\xA9");
	CHECK_STR(d.how, "http");
	CHECK_STR(d.charset, "CP1252");
	/* meta charset, http-equiv, XML declaration */
	CHECK_STR(DEC("<meta charset=\"windows-1251\">\xC4\xE0", NULL, &d),
		  "<meta charset=\"windows-1251\">\xD0\x94\xD0\xB0");
	CHECK_STR(d.how, "meta");
	CHECK_STR(DEC("<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>\xF0", NULL, &d),
		  "<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>\xD0\x9F");
	CHECK_STR(d.charset, "KOI8-R");
	CHECK_STR(DEC("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><p>\xA4", NULL, &d),
		  "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><p>\xE2\x82\xAC");
	/* a meta tag inside a comment does not count */
	DEC("<!-- <meta charset=koi8-r> --><p>\xC3\xA9", NULL, &d);
	CHECK_STR(d.how, "utf-8");
	/* no label: UTF-8 when valid, else windows-1252 */
	CHECK_STR(DEC("caf\xC3\xA9", NULL, &d), "caf\xC3\xA9");
	CHECK_STR(d.how, "utf-8");
	CHECK_STR(DEC("caf\xE9 \x93quoted\x94", NULL, &d),
		  "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
	CHECK_STR(d.how, "default");
}

TEST(charset_wrong_or_unknown)
{
	txt_html_dec d;
	/* a single-byte label on clear UTF-8 is a mislabel */
	CHECK_STR(DEC("<meta charset=iso-8859-1>caf\xC3\xA9", NULL, &d),
		  "<meta charset=iso-8859-1>caf\xC3\xA9");
	CHECK_STR(d.charset, "UTF-8");
	/* an unknown label is no label */
	CHECK_STR(DEC("<meta charset=x-klingon>caf\xE9", NULL, &d), "<meta charset=x-klingon>caf\xC3\xA9");
	CHECK_STR(d.how, "default");
	/* a label with junk in it is no label either */
	DEC("<meta charset=\"utf-8; <script>\">x", NULL, &d);
	CHECK_STR(d.charset, "UTF-8");
	/* a page may not claim UTF-16 in its own bytes */
	DEC("<meta charset=utf-16>x", NULL, &d);
	CHECK_STR(d.charset, "UTF-8");
	/* UTF-16 by BOM */
	CHECK_STR(dec("\xFF\xFE<\0p\0>\0\xE9\0", 10, NULL, &d), "<p>\xC3\xA9");
	CHECK_STR(dec("\xFE\xFF\0<\0p\0>\0\xE9", 10, NULL, &d), "<p>\xC3\xA9");
	/* GBK labels decode as GB18030 */
	CHECK_STR(DEC("<meta charset=gb2312>\xD6\xD0", NULL, &d), "<meta charset=gb2312>\xE4\xB8\xAD");
}

TEST(nul_and_invalid_bytes)
{
	txt_html_dec d;
	/* mostly UTF-8: a stray byte is one U+FFFD; so is a NUL */
	const char *s = dec("a\0\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xFF" "c", 14, NULL, &d);
	CHECK_STR(s, "a\xEF\xBF\xBD\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xEF\xBF\xBD" "c");
	CHECK(d.nbad == 2);
	/* mostly not UTF-8: windows-1252, where 0xFF is a letter */
	CHECK_STR(dec("a\0b\xFF" "c", 5, NULL, &d), "a\xEF\xBF\xBD" "b\xC3\xBF" "c");
	/* through iconv too: NUL in windows-1252 */
	s = dec("<meta charset=windows-1252>a\0\xE9", 30, NULL, &d);
	CHECK_STR(s, "<meta charset=windows-1252>a\xEF\xBF\xBD\xC3\xA9");
	/* a sequence cut at the end */
	s = DEC("<meta charset=shift_jis>\x82", NULL, &d);
	CHECK_STR(s, "<meta charset=shift_jis>\xEF\xBF\xBD");
	char ct[64];
	txt_html_ctype_charset("text/html; Charset=\"UTF-8\"", ct, sizeof ct);
	CHECK_STR(ct, "utf-8");
	txt_html_ctype_charset("text/html", ct, sizeof ct);
	CHECK_STR(ct, "");
}

/* Events counted: depth now and at most, starts and ends, text seen. */
typedef struct counts {
	long depth, max, starts, ends;
	char text[256];
	size_t n;
} counts;

static void c_start(void *ctx, const unsigned char *name, const unsigned char **atts)
{
	counts *c = ctx;
	(void)name;
	(void)atts;
	c->starts++;
	if (++c->depth > c->max)
		c->max = c->depth;
}

static void c_end(void *ctx, const unsigned char *name)
{
	counts *c = ctx;
	(void)name;
	c->ends++;
	c->depth--;
}

static void c_text(void *ctx, const unsigned char *s, int n)
{
	counts *c = ctx;
	for (int i = 0; i < n && c->n + 1 < sizeof c->text; i++)
		if (s[i] != '\n')
			c->text[c->n++] = (char)s[i];
	c->text[c->n] = '\0';
}

static counts parse(const char *s, size_t n)
{
	counts c;
	memset(&c, 0, sizeof c);
	txt_html_events ev = {c_start, c_end, c_text};
	txt_html_parse(s, n, &ev, &c);
	return c;
}

TEST(parse_deep_and_broken)
{
	size_t k = 100000;
	char *s = malloc(k * 5 + 64);
	size_t n = 0;
	for (size_t i = 0; i < k; i++)
		memcpy(s + n, "<div>", 5), n += 5;
	memcpy(s + n, "deep text", 9), n += 9;
	counts c = parse(s, n); /* no depth limit; everything closed */
	CHECK(c.max >= (long)k);
	CHECK(c.starts == c.ends && c.depth == 0);
	CHECK_STR(c.text, "deep text");
	free(s);
	c = parse("<p>unclosed <b>bold <i>both</p><td>cell", 39);
	CHECK(c.starts == c.ends && c.depth == 0);
	CHECK_STR(c.text, "unclosed bold bothcell");
	c = parse("<meta charset=koi8-r><p>caf\xC3\xA9", 29); /* UTF-8 whatever the page says */
	CHECK_STR(c.text, "caf\xC3\xA9");
	c = parse("", 0);
	CHECK(c.starts == c.ends);
}

RUN_TESTS(T(sniff_kinds), T(charset_order), T(charset_wrong_or_unknown), T(nul_and_invalid_bytes),
	  T(parse_deep_and_broken))
