/* text_html: see text_html.h. */
#include "text_html.h"

#include <errno.h>
#include <iconv.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <pthread.h>
#include <string.h>

#include "text_utf8.h"

/* ---- what a file holds ---- */

static int starts_ci(const unsigned char *s, size_t n, const char *p)
{
	size_t m = strlen(p);
	if (n < m)
		return 0;
	for (size_t i = 0; i < m; i++)
		if (txt_utf8_lower[s[i]] != (unsigned char)p[i])
			return 0;
	return 1;
}

/* p (lower case) anywhere in s[0..n), ignoring case. */
static int has_ci(const unsigned char *s, size_t n, const char *p)
{
	size_t m = strlen(p);
	for (size_t i = 0; i + m <= n; i++)
		if (txt_utf8_lower[s[i]] == (unsigned char)p[0] && starts_ci(s + i, n - i, p))
			return 1;
	return 0;
}

static int binary_magic(const unsigned char *s, size_t n)
{
	static const struct { const char *m; size_t n; } magic[] = {
		{"%PDF-", 5}, {"\x89PNG", 4}, {"GIF87a", 6}, {"GIF89a", 6},
		{"\xFF\xD8\xFF", 3}, {"PK\x03\x04", 4}, {"\x1F\x8B", 2},
		{"\x7F" "ELF", 4}, {"RIFF", 4}, {"OggS", 4}, {"ID3", 3},
		{"wOFF", 4}, {"wOF2", 4}, {"\x28\xB5\x2F\xFD", 4}, {"BZh", 3},
		{"\xFD" "7zXZ", 5}, {"\x00\x00\x01\x00", 4}, {"\xD0\xCF\x11\xE0", 4},
	};
	for (size_t i = 0; i < sizeof magic / sizeof magic[0]; i++)
		if (n >= magic[i].n && memcmp(s, magic[i].m, magic[i].n) == 0)
			return 1;
	return 0;
}

/* The ASCII bytes of UTF-16 text (every other byte NUL), or 0 if not so. */
static size_t utf16_ascii(const unsigned char *s, size_t n, unsigned char *out, size_t cap)
{
	size_t zeven = 0, zodd = 0, pairs = n / 2;
	for (size_t i = 0; i + 1 < n; i += 2) {
		zeven += s[i] == 0;
		zodd += s[i + 1] == 0;
	}
	if (pairs < 2 || (zeven * 10 < pairs * 7 && zodd * 10 < pairs * 7))
		return 0;
	size_t k = 0, hi = zeven > zodd ? 1 : 0;
	for (size_t i = hi; i < n && k < cap; i += 2)
		out[k++] = s[i];
	return k;
}

int txt_html_sniff(const char *s_, size_t n)
{
	const unsigned char *s = (const unsigned char *)s_;
	unsigned char narrow[2048];
	if (n > 8192)
		n = 8192;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3, n -= 3;
	else if (n >= 2 && (memcmp(s, "\xFE\xFF", 2) == 0 || memcmp(s, "\xFF\xFE", 2) == 0)) {
		n = utf16_ascii(s + 2, n - 2, narrow, sizeof narrow);
		s = narrow;
	}
	size_t i = 0;
	while (i < n && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
		i++;
	if (i == n)
		return TXT_KIND_EMPTY;
	s += i, n -= i;
	if (starts_ci(s, n, "warc/1."))
		return TXT_KIND_WARC;
	if (binary_magic(s, n))
		return TXT_KIND_BINARY;
	size_t ctl = 0, m = n < 1024 ? n : 1024;
	for (i = 0; i < m; i++)
		ctl += s[i] < 0x20 && !(s[i] >= '\t' && s[i] <= '\r') && s[i] != 0x1B;
	if (ctl * 20 > m) { /* over 5%: no text page looks like that */
		size_t k = utf16_ascii(s, n, narrow, sizeof narrow);
		if (!k)
			return TXT_KIND_BINARY;
		return txt_html_sniff((const char *)narrow, k) == TXT_KIND_HTML ? TXT_KIND_HTML
										: TXT_KIND_TEXT;
	}
	/* a page with a doctype or html/head/body tag anywhere near the top, or
	 * markup from its first byte (a fragment, such as a column of HTML) */
	static const char *page[] = {"<!doctype html", "<html", "<head", "<body"};
	for (i = 0; i < sizeof page / sizeof page[0]; i++)
		if (has_ci(s, n, page[i]))
			return TXT_KIND_HTML;
	static const char *frag[] = {"<p>", "<p ", "<div", "<span", "<a ", "<br", "<table",
				     "<ul", "<li", "<h1", "<h2", "<h3", "<meta", "<title",
				     "<article", "<section", "<script", "<!--", "<img"};
	if (s[0] == '<')
		for (i = 0; i < sizeof frag / sizeof frag[0]; i++)
			if (has_ci(s, n, frag[i]))
				return TXT_KIND_HTML;
	return TXT_KIND_TEXT;
}

const char *txt_html_kind_name(int kind)
{
	switch (kind) {
	case TXT_KIND_EMPTY: return "empty file";
	case TXT_KIND_TEXT: return "text";
	case TXT_KIND_HTML: return "HTML";
	case TXT_KIND_WARC: return "WARC";
	default: return "binary data";
	}
}

/* ---- charset labels (WHATWG Encoding standard, the common ones) ---- */

static const struct {
	const char *label, *name;
} labels[] = {
	{"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
	{"x-unicode20utf8", "UTF-8"}, {"unicode20utf8", "UTF-8"},
	{"utf-16", "UTF-16LE"}, {"utf-16le", "UTF-16LE"}, {"unicode", "UTF-16LE"},
	{"ucs-2", "UTF-16LE"}, {"csunicode", "UTF-16LE"}, {"utf-16be", "UTF-16BE"},
	{"us-ascii", "CP1252"}, {"ascii", "CP1252"}, {"iso-8859-1", "CP1252"},
	{"iso8859-1", "CP1252"}, {"iso_8859-1", "CP1252"}, {"latin1", "CP1252"},
	{"l1", "CP1252"}, {"cp1252", "CP1252"}, {"windows-1252", "CP1252"},
	{"x-cp1252", "CP1252"}, {"cp819", "CP1252"}, {"ibm819", "CP1252"},
	{"ansi_x3.4-1968", "CP1252"}, {"iso-ir-100", "CP1252"}, {"csisolatin1", "CP1252"},
	{"iso-8859-9", "CP1254"}, {"iso8859-9", "CP1254"}, {"latin5", "CP1254"},
	{"windows-1254", "CP1254"}, {"tis-620", "CP874"}, {"iso-8859-11", "CP874"},
	{"windows-874", "CP874"}, {"dos-874", "CP874"},
	{"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"x-gbk", "GB18030"},
	{"gb18030", "GB18030"}, {"chinese", "GB18030"}, {"csgb2312", "GB18030"},
	{"gb_2312-80", "GB18030"}, {"big5", "BIG5-HKSCS"}, {"big5-hkscs", "BIG5-HKSCS"},
	{"cn-big5", "BIG5-HKSCS"}, {"x-x-big5", "BIG5-HKSCS"},
	{"shift_jis", "CP932"}, {"shift-jis", "CP932"}, {"sjis", "CP932"},
	{"x-sjis", "CP932"}, {"ms_kanji", "CP932"}, {"windows-31j", "CP932"},
	{"ms932", "CP932"}, {"csshiftjis", "CP932"}, {"euc-kr", "CP949"},
	{"ks_c_5601-1987", "CP949"}, {"windows-949", "CP949"}, {"korean", "CP949"},
	{"cseuckr", "CP949"}, {"macintosh", "MACINTOSH"}, {"x-mac-roman", "MACINTOSH"},
	{"mac", "MACINTOSH"},
};

/* A label (trimmed, any case) to an iconv name, or "" if unusable. */
static void charset_name(const char *s, size_t n, char *out, size_t cap, int from_meta)
{
	char low[32];
	size_t k = 0;
	out[0] = '\0';
	while (n && strchr(" \t\r\n\f\"'", *s))
		s++, n--;
	while (n && strchr(" \t\r\n\f\"'", s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof low)
		return;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(c == '-' || c == '_' || c == '.' || c == ':' || (c >= '0' && c <= '9') ||
		      ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
			return; /* not a label */
		low[k++] = (char)txt_utf8_lower[c];
	}
	low[k] = '\0';
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(low, labels[i].label) == 0) {
			/* a page that names UTF-16 in its own bytes is not UTF-16 */
			const char *name = labels[i].name;
			if (from_meta && strncmp(name, "UTF-16", 6) == 0)
				name = "UTF-8";
			snprintf(out, cap, "%s", name);
			return;
		}
	for (size_t i = 0; i < k; i++)
		low[i] = (char)(low[i] >= 'a' && low[i] <= 'z' ? low[i] - 32 : low[i]);
	iconv_t cd = iconv_open("UTF-8", low); /* a label iconv knows as it is */
	if (cd == (iconv_t)-1)
		return;
	iconv_close(cd);
	memcpy(out, low, k < cap ? k + 1 : cap);
	out[cap - 1] = '\0';
}

/* "charset=VALUE" inside s (a Content-Type or meta content): the value. */
static int charset_param(const char *s, size_t n, const char **v, size_t *vn)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i + 7 <= n; i++) {
		if (!starts_ci(u + i, n - i, "charset"))
			continue;
		size_t j = i + 7;
		while (j < n && (u[j] == ' ' || u[j] == '\t'))
			j++;
		if (j >= n || u[j] != '=')
			continue;
		j++;
		while (j < n && (u[j] == ' ' || u[j] == '\t'))
			j++;
		char q = j < n && (u[j] == '"' || u[j] == '\'') ? (char)u[j++] : 0;
		size_t b = j;
		while (j < n && (q ? u[j] != (unsigned char)q : !strchr(" \t;,\"'", u[j])))
			j++;
		*v = s + b;
		*vn = j - b;
		return *vn > 0;
	}
	return 0;
}

void txt_html_ctype_charset(const char *ctype, char *out, size_t cap)
{
	const char *v;
	size_t vn;
	out[0] = '\0';
	if (ctype && charset_param(ctype, strlen(ctype), &v, &vn) && vn < cap) {
		for (size_t i = 0; i < vn; i++)
			out[i] = (char)txt_utf8_lower[(unsigned char)v[i]];
		out[vn] = '\0';
	}
}

/* One attribute of a tag at s[*i]: name and value spans; 0 at the tag's end. */
static int next_attr(const char *s, size_t n, size_t *i, const char **an, size_t *al,
		     const char **av, size_t *vl)
{
	size_t j = *i;
	while (j < n && strchr(" \t\r\n\f/", s[j]))
		j++;
	if (j >= n || s[j] == '>')
		return 0;
	*an = s + j;
	while (j < n && !strchr(" \t\r\n\f/=>", s[j]))
		j++;
	*al = (size_t)(s + j - *an);
	*av = s + j;
	*vl = 0;
	while (j < n && strchr(" \t\r\n\f", s[j]))
		j++;
	if (j < n && s[j] == '=') {
		j++;
		while (j < n && strchr(" \t\r\n\f", s[j]))
			j++;
		char q = j < n && (s[j] == '"' || s[j] == '\'') ? s[j++] : 0;
		*av = s + j;
		while (j < n && (q ? s[j] != q : !strchr(" \t\r\n\f>", s[j])))
			j++;
		*vl = (size_t)(s + j - *av);
		if (q && j < n)
			j++;
	}
	*i = j;
	return 1;
}

static int attr_is(const char *a, size_t n, const char *name)
{
	return n == strlen(name) && starts_ci((const unsigned char *)a, n, name);
}

/* The charset a <meta> tag at s[i] (after "<meta") declares, into out. */
static void meta_charset(const char *s, size_t n, size_t i, char *out, size_t cap)
{
	const char *an, *av, *cs = NULL, *content = NULL;
	size_t al, vl, csn = 0, cn = 0;
	int equiv = 0;
	while (next_attr(s, n, &i, &an, &al, &av, &vl)) {
		if (attr_is(an, al, "charset"))
			cs = av, csn = vl;
		else if (attr_is(an, al, "http-equiv"))
			equiv = attr_is(av, vl, "content-type");
		else if (attr_is(an, al, "content"))
			content = av, cn = vl;
	}
	if (cs)
		charset_name(cs, csn, out, cap, 1);
	else if (equiv && content && charset_param(content, cn, &cs, &csn))
		charset_name(cs, csn, out, cap, 1);
}

/* The WHATWG prescan, over the first 8 KiB (pages often put their meta tag
 * past the standard's 1024 bytes), plus an XML declaration's encoding. */
static void prescan(const char *s, size_t n, char *out, size_t cap)
{
	const unsigned char *u = (const unsigned char *)s;
	out[0] = '\0';
	if (n > 8192)
		n = 8192;
	for (size_t i = 0; i < n && !out[0]; i++) {
		if (s[i] != '<')
			continue;
		if (starts_ci(u + i, n - i, "<!--")) {
			size_t j = i + 4;
			while (j + 3 <= n && memcmp(s + j, "-->", 3) != 0)
				j++;
			if (j + 3 > n)
				return;
			i = j + 2;
		} else if (starts_ci(u + i, n - i, "<meta") && i + 5 < n &&
			   strchr(" \t\r\n\f/", s[i + 5])) {
			meta_charset(s, n, i + 5, out, cap);
		} else if (i == 0 && starts_ci(u, n, "<?xml")) {
			size_t j = 5;
			const char *an, *av;
			size_t al, vl;
			while (next_attr(s, n, &j, &an, &al, &av, &vl) && *an != '?')
				if (attr_is(an, al, "encoding"))
					charset_name(av, vl, out, cap, 1);
		}
	}
}

/* ---- decoding ---- */

static const char fffd[3] = {'\xEF', '\xBF', '\xBD'};

/* Append UTF-8 s[0..n), invalid sequences and NULs as U+FFFD. */
static void put_utf8(txt_buf *out, const char *s, size_t n, size_t *nbad)
{
	size_t i = txt_utf8_check(s, n), run = 0;
	const char *nul = memchr(s, 0, i);
	if (nul) /* the valid prefix is checked again below, from the NUL on */
		i = (size_t)(nul - s);
	if (i == n) { /* the common case: all valid, no NUL */
		txt_buf_add(out, s, n);
		return;
	}
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c && c < 0x80) {
			i++;
			continue;
		}
		int32_t cp = 0;
		size_t k = c ? txt_utf8_decode(s + i, n - i, &cp) : 1;
		if (c && cp >= 0) {
			i += k;
			continue;
		}
		txt_buf_add(out, s + run, i - run);
		txt_buf_add(out, fffd, 3);
		(*nbad)++;
		i += k ? k : 1;
		run = i;
	}
	txt_buf_add(out, s + run, n - run);
}

/* Decode with iconv; 0, or -1 when iconv does not know cs. */
static int put_iconv(txt_buf *out, const char *s, size_t n, const char *cs, size_t *nbad)
{
	iconv_t cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1)
		return -1;
	char *in = (char *)s;
	size_t left = n;
	txt_buf tmp = {0};
	size_t cap = n * 2 + 64;
	tmp.s = txt_xmalloc(cap);
	tmp.cap = cap;
	while (left) {
		char *o = tmp.s + tmp.n;
		size_t room = tmp.cap - tmp.n - 1;
		size_t rc = iconv(cd, &in, &left, &o, &room);
		tmp.n = (size_t)(o - tmp.s);
		if (rc != (size_t)-1)
			break;
		if (errno == E2BIG) {
			tmp.cap *= 2;
			tmp.s = txt_xrealloc(tmp.s, tmp.cap);
		} else { /* EILSEQ, or EINVAL: a sequence cut short at the end */
			txt_buf_add(&tmp, fffd, 3);
			(*nbad)++;
			in++;
			left--;
		}
	}
	iconv_close(cd);
	put_utf8(out, tmp.s, tmp.n, nbad); /* turns U+0000 into U+FFFD */
	free(tmp.s);
	return 0;
}

/* Invalid sequences and multi-byte characters in s. */
static void utf8_stats(const char *s, size_t n, size_t *bad, size_t *multi)
{
	*bad = *multi = 0;
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		size_t k = txt_utf8_decode(s + i, n - i, &cp);
		if (cp < 0)
			(*bad)++;
		else
			(*multi)++;
		i += k ? k : 1;
	}
}

static int high_byte(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

static int single_byte(const char *cs)
{
	return strncmp(cs, "CP12", 4) == 0 || strncmp(cs, "ISO-8859", 8) == 0 ||
	       strncmp(cs, "ISO8859", 7) == 0 || strncmp(cs, "KOI8", 4) == 0 ||
	       strcmp(cs, "CP874") == 0 || strcmp(cs, "MACINTOSH") == 0;
}

void txt_html_decode(const char *s, size_t n, const char *http_charset, txt_buf *out,
		     txt_html_dec *info)
{
	txt_html_dec d = {"", "default", 0};
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		snprintf(d.charset, sizeof d.charset, "UTF-8");
		s += 3, n -= 3;
		d.how = "bom";
	} else if (n >= 2 && memcmp(s, "\xFE\xFF", 2) == 0) {
		snprintf(d.charset, sizeof d.charset, "UTF-16BE");
		s += 2, n -= 2;
		d.how = "bom";
	} else if (n >= 2 && memcmp(s, "\xFF\xFE", 2) == 0) {
		snprintf(d.charset, sizeof d.charset, "UTF-16LE");
		s += 2, n -= 2;
		d.how = "bom";
	}
	if (!d.charset[0] && http_charset && *http_charset) {
		charset_name(http_charset, strlen(http_charset), d.charset, sizeof d.charset, 0);
		d.how = "http";
	}
	if (!d.charset[0]) {
		prescan(s, n, d.charset, sizeof d.charset);
		d.how = "meta";
	}
	size_t bad = 0, multi = 1;
	if (!d.charset[0] || (single_byte(d.charset) && strcmp(d.how, "bom") != 0)) {
		if (txt_utf8_check(s, n) == n) /* valid: is there any multi-byte character? */
			multi = d.charset[0] && !high_byte(s, n) ? 0 : 1;
		else
			utf8_stats(s, n, &bad, &multi);
		/* no label, or a single-byte label on what is clearly UTF-8 */
		if (d.charset[0] ? bad == 0 && multi > 0 : bad == 0 || multi > 4 * bad) {
			snprintf(d.charset, sizeof d.charset, "UTF-8");
			d.how = "utf-8";
		} else if (!d.charset[0]) {
			snprintf(d.charset, sizeof d.charset, "CP1252");
			d.how = "default";
		}
	}
	if (strcmp(d.charset, "UTF-8") == 0)
		put_utf8(out, s, n, &d.nbad);
	else if (put_iconv(out, s, n, d.charset, &d.nbad) < 0) {
		snprintf(d.charset, sizeof d.charset, "UTF-8");
		d.how = "default";
		put_utf8(out, s, n, &d.nbad);
	}
	if (!out->s)
		txt_buf_add(out, "", 0);
	if (info)
		*info = d;
}

/* ---- parsing ---- */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_parser(void) { xmlInitParser(); }

void txt_html_init(void) { pthread_once(&init_once, init_parser); }

void txt_html_parse(const char *s, size_t n, const txt_html_events *ev, void *ctx)
{
	txt_html_init();
	htmlParserCtxtPtr p = htmlCreateMemoryParserCtxt(n ? s : " ", n ? (int)n : 1);
	if (!p)
		abort(); /* only allocation fails here */
	htmlSAXHandler sax;
	memset(&sax, 0, sizeof sax);
	sax.startElement = ev->start;
	sax.endElement = ev->end;
	sax.characters = ev->text;
	sax.cdataBlock = ev->text;
	sax.ignorableWhitespace = ev->text;
	*p->sax = sax;
	p->userData = ctx;
	xmlSwitchEncoding(p, XML_CHAR_ENCODING_UTF8); /* else it guesses Latin-1 */
	htmlCtxtUseOptions(p, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				      HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
	htmlParseDocument(p);
	if (p->myDoc)
		xmlFreeDoc(p->myDoc);
	htmlFreeParserCtxt(p);
}
