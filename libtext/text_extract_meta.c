/* text_extract_meta.c: a page's title, date, author, site, URL and language
 * (text_extract.h).  Every source of a field has a rank; the best-ranked
 * value the page gives wins. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text_extract_int.h"
#include "text_utf8.h"

enum { M_TITLE, M_AUTHOR, M_DATE, M_SITE, M_URL, M_LANG, NMETA };

#define MAX_VALUE 1000 /* bytes kept of one value */
#define MAX_LD 16      /* JSON-LD scripts read */

struct meta {
	char *v[NMETA];
	int rank[NMETA];
	char *ld[MAX_LD];
	size_t nld;
	int seen_title, seen_h1, seen_time;
};

/* Collapse white space (tabs and line breaks included) and trim. */
static char *clean(const char *s)
{
	size_t n = strlen(s);
	if (n > MAX_VALUE * 4)
		n = MAX_VALUE * 4;
	char *out = txt_xmalloc(n + 1);
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || (c >= '\t' && c <= '\r') ||
		    (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)) {
			space = k > 0;
			i += c == 0xC2;
			continue;
		}
		if (c < 0x20)
			continue;
		if (space)
			out[k++] = ' ';
		space = 0;
		out[k++] = (char)c;
	}
	/* cut at MAX_VALUE bytes, on a character boundary */
	if (k > MAX_VALUE) {
		k = MAX_VALUE;
		while (k > 0 && ((unsigned char)out[k] & 0xC0) == 0x80)
			k--;
	}
	out[k] = '\0';
	if (!txt_utf8_valid(out, k)) { /* a cut inside a sequence can't happen; be sure */
		char *r = txt_utf8_repair(out, k, &k, NULL);
		free(out);
		out = r;
	}
	return out;
}

static void put(struct meta *m, int field, int rank, const char *value)
{
	if (!value || (m->v[field] && m->rank[field] <= rank))
		return;
	char *c = clean(value);
	if (!c[0]) {
		free(c);
		return;
	}
	free(m->v[field]);
	m->v[field] = c;
	m->rank[field] = rank;
}

static void put_date(struct meta *m, int rank, const char *value)
{
	char iso[40];
	if (value && txt_extract_date(value, iso, sizeof iso) == 0)
		put(m, M_DATE, rank, iso);
}

static void put_lang(struct meta *m, int rank, const char *value)
{
	char code[4];
	size_t k = 0;
	if (!value)
		return;
	while (*value == ' ')
		value++;
	for (; k < 3 && ((value[k] | 0x20) >= 'a' && (value[k] | 0x20) <= 'z'); k++)
		code[k] = (char)(value[k] | 0x20);
	code[k] = '\0';
	if (k >= 2 && (value[k] == '\0' || value[k] == '-' || value[k] == '_' || value[k] == ' '))
		put(m, M_LANG, rank, code);
}

/* An author value that is a name (not a URL or a profile path). */
static void put_author(struct meta *m, int rank, const char *value)
{
	if (value && !strstr(value, "://") && value[0] != '/')
		put(m, M_AUTHOR, rank, value);
}

static struct meta *meta_of(ex *x)
{
	if (!x->m)
		x->m = txt_xcalloc(1, sizeof *x->m);
	return x->m;
}

static void meta_tag(struct meta *m, const xmlChar **n)
{
	const char *content = txt_extract_attr(n, "content");
	const char *key = txt_extract_attr(n, "property");
	if (!key)
		key = txt_extract_attr(n, "name");
	if (!key)
		key = txt_extract_attr(n, "itemprop");
	const char *equiv = txt_extract_attr(n, "http-equiv");
	if (equiv && !strcasecmp(equiv, "content-language"))
		put_lang(m, 2, content);
	if (!key || !content)
		return;
	static const struct {
		const char *key;
		int field, rank;
	} keys[] = {
		{"og:title", M_TITLE, 1}, {"twitter:title", M_TITLE, 3}, {"parsely-title", M_TITLE, 3},
		{"headline", M_TITLE, 3}, {"dc.title", M_TITLE, 4},
		{"article:published_time", M_DATE, 2}, {"og:article:published_time", M_DATE, 2},
		{"datepublished", M_DATE, 3}, {"pubdate", M_DATE, 3}, {"publishdate", M_DATE, 3},
		{"publish-date", M_DATE, 3}, {"publish_date", M_DATE, 3}, {"date", M_DATE, 3},
		{"dc.date", M_DATE, 3}, {"dc.date.issued", M_DATE, 3}, {"dcterms.date", M_DATE, 3},
		{"dcterms.created", M_DATE, 4}, {"sailthru.date", M_DATE, 3},
		{"parsely-pub-date", M_DATE, 3}, {"article.published", M_DATE, 3},
		{"citation_publication_date", M_DATE, 3}, {"datecreated", M_DATE, 4},
		{"og:updated_time", M_DATE, 6}, {"article:modified_time", M_DATE, 6},
		{"author", M_AUTHOR, 2}, {"article:author", M_AUTHOR, 3},
		{"parsely-author", M_AUTHOR, 3}, {"sailthru.author", M_AUTHOR, 3},
		{"dc.creator", M_AUTHOR, 3}, {"byl", M_AUTHOR, 4}, {"citation_author", M_AUTHOR, 3},
		{"og:site_name", M_SITE, 1}, {"application-name", M_SITE, 3},
		{"og:url", M_URL, 2}, {"og:locale", M_LANG, 3}, {"inlanguage", M_LANG, 4},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcasecmp(key, keys[i].key) != 0)
			continue;
		if (keys[i].field == M_DATE)
			put_date(m, keys[i].rank, content);
		else if (keys[i].field == M_LANG)
			put_lang(m, keys[i].rank, content);
		else if (keys[i].field == M_AUTHOR)
			put_author(m, keys[i].rank, content);
		else
			put(m, keys[i].field, keys[i].rank, content);
		return;
	}
}

int txt_extract_meta_elem(ex *x, const xmlChar **n, int tag)
{
	struct meta *m = meta_of(x);
	switch (tag) {
	case T_META:
		meta_tag(m, n);
		return 0;
	case T_LINK: {
		const char *rel = txt_extract_attr(n, "rel"), *href = txt_extract_attr(n, "href");
		if (rel && href && !strcasecmp(rel, "canonical"))
			put(m, M_URL, 1, href);
		return 0;
	}
	case T_HTML:
		put_lang(m, 1, txt_extract_attr(n, "lang"));
		put_lang(m, 1, txt_extract_attr(n, "xml:lang"));
		return 0;
	case T_TITLE:
		return !m->seen_title++;
	case T_H1:
		return !m->seen_h1++;
	case T_TIME: {
		const char *dt = txt_extract_attr(n, "datetime");
		const char *ip = txt_extract_attr(n, "itemprop");
		if (ip && !strcasecmp(ip, "datePublished"))
			put_date(m, 3, dt);
		else if (!m->seen_time++)
			put_date(m, 5, dt);
		return 0;
	}
	case T_SCRIPT: {
		const char *type = txt_extract_attr(n, "type");
		return type && strstr(type, "ld+json") && m->nld < MAX_LD;
	}
	default: {
		const char *ip = txt_extract_attr(n, "itemprop");
		if (ip && !strcasecmp(ip, "datePublished"))
			put_date(m, 3, txt_extract_attr(n, "content"));
		return 0;
	}
	}
}

void txt_extract_meta_text(ex *x, int tag, const char *text)
{
	struct meta *m = meta_of(x);
	if (tag == T_TITLE)
		put(m, M_TITLE, 5, text);
	else if (tag == T_H1)
		put(m, M_TITLE, 4, text);
	else if (tag == T_SCRIPT && m->nld < MAX_LD)
		m->ld[m->nld++] = txt_xstrdup(text);
}

/* ---- JSON-LD ---- */

static const char *str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int is_article(json_t *o)
{
	json_t *t = json_object_get(o, "@type");
	size_t i;
	json_t *v;
	if (json_is_string(t))
		return strstr(json_string_value(t), "Article") != NULL ||
		       strcmp(json_string_value(t), "BlogPosting") == 0 ||
		       strcmp(json_string_value(t), "Report") == 0;
	json_array_foreach(t, i, v) if (json_is_string(v) && strstr(json_string_value(v), "Article"))
		return 1;
	return 0;
}

/* The author's name(s): a string, {name}, or an array of them. */
static void ld_author(struct meta *m, json_t *a)
{
	txt_buf names = {0};
	json_t *list = json_is_array(a) ? a : NULL, *v;
	size_t i, n = list ? json_array_size(list) : 1;
	for (i = 0; i < n && i < 10; i++) {
		v = list ? json_array_get(list, i) : a;
		const char *s = json_is_string(v) ? json_string_value(v) : str(v, "name");
		if (!s || !*s || strstr(s, "://"))
			continue;
		if (names.n)
			txt_buf_add(&names, "; ", 2);
		txt_buf_add(&names, s, strlen(s));
	}
	if (names.n)
		put_author(m, 1, names.s);
	free(names.s);
}

static void ld_article(struct meta *m, json_t *o)
{
	put(m, M_TITLE, 2, str(o, "headline"));
	put_date(m, 1, str(o, "datePublished"));
	put_date(m, 4, str(o, "dateCreated"));
	ld_author(m, json_object_get(o, "author"));
	json_t *pub = json_object_get(o, "publisher");
	if (json_is_object(pub))
		put(m, M_SITE, 2, str(pub, "name"));
	put_lang(m, 4, str(o, "inLanguage"));
	put(m, M_URL, 3, str(o, "url"));
	json_t *me = json_object_get(o, "mainEntityOfPage");
	if (json_is_string(me))
		put(m, M_URL, 3, json_string_value(me));
	else if (json_is_object(me))
		put(m, M_URL, 3, str(me, "@id"));
}

/* Articles anywhere in a JSON-LD value (arrays, @graph), breadth first. */
static void ld_walk(struct meta *m, json_t *root)
{
	json_t *queue[64];
	size_t head = 0, tail = 0;
	queue[tail++] = root;
	while (head < tail) {
		json_t *v = queue[head++], *c;
		size_t i;
		if (json_is_array(v)) {
			json_array_foreach(v, i, c) if (tail < 64) queue[tail++] = c;
		} else if (json_is_object(v)) {
			if (is_article(v))
				ld_article(m, v);
			json_t *g = json_object_get(v, "@graph");
			if (g && tail < 64)
				queue[tail++] = g;
			json_t *me = json_object_get(v, "mainEntity");
			if (me && tail < 64)
				queue[tail++] = me;
		}
	}
}

static void ld_read(struct meta *m)
{
	for (size_t i = 0; i < m->nld; i++) {
		json_error_t e;
		json_t *j = json_loads(m->ld[i], JSON_DECODE_ANY, &e);
		if (j) { /* malformed JSON-LD (common) says nothing */
			ld_walk(m, j);
			json_decref(j);
		}
	}
}

void txt_extract_meta_finish(ex *x, txt_page *p)
{
	struct meta *m = meta_of(x);
	ld_read(m);
	char **out[NMETA] = {&p->title, &p->author, &p->date, &p->site, &p->url, &p->lang};
	for (int f = 0; f < NMETA; f++) {
		*out[f] = m->v[f] ? m->v[f] : txt_xstrdup("");
		m->v[f] = NULL;
	}
}

void txt_extract_meta_free(ex *x)
{
	struct meta *m = x->m;
	if (!m)
		return;
	for (int f = 0; f < NMETA; f++)
		free(m->v[f]);
	for (size_t i = 0; i < m->nld; i++)
		free(m->ld[i]);
	free(m);
	x->m = NULL;
}

/* ---- dates ---- */

static int num(const char **p, int digits)
{
	int v = 0;
	for (int i = 0; i < digits; i++, (*p)++) {
		if (**p < '0' || **p > '9')
			return -1;
		v = v * 10 + (**p - '0');
	}
	return v;
}

static int month_of(const char *s)
{
	static const char *names[] = {"jan", "feb", "mar", "apr", "may", "jun",
				      "jul", "aug", "sep", "oct", "nov", "dec"};
	for (int i = 0; i < 12; i++)
		if (strncasecmp(s, names[i], 3) == 0)
			return i + 1;
	return 0;
}

static int valid_ymd(int y, int mo, int d)
{
	return y >= 1900 && y <= 2199 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

/* ISO 8601: YYYY-MM-DD[(T| )HH:MM[:SS[.fff]][Z|±HH[:]MM]] */
static int iso_date(const char *s, char *out, size_t cap)
{
	const char *p = s;
	int y = num(&p, 4), mo, d, h, mi, sec = 0;
	char sep = *p;
	if (y < 0 || (sep != '-' && sep != '/'))
		return -1;
	p++;
	if ((mo = num(&p, 2)) < 0 || *p++ != sep || (d = num(&p, 2)) < 0 || !valid_ymd(y, mo, d))
		return -1;
	if (*p != 'T' && *p != ' ') {
		snprintf(out, cap, "%04d-%02d-%02d", y, mo, d);
		return 0;
	}
	p++;
	if ((h = num(&p, 2)) < 0 || *p++ != ':' || (mi = num(&p, 2)) < 0 || h > 23 || mi > 59) {
		snprintf(out, cap, "%04d-%02d-%02d", y, mo, d);
		return 0;
	}
	if (*p == ':') {
		p++;
		if ((sec = num(&p, 2)) < 0 || sec > 60)
			sec = 0;
		if (*p == '.' || *p == ',')
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
	}
	char zone[8] = "";
	if (*p == 'Z' || *p == 'z')
		snprintf(zone, sizeof zone, "Z");
	else if (*p == '+' || *p == '-') {
		char sign = *p++;
		int zh = num(&p, 2), zm = 0;
		if (*p == ':')
			p++;
		if (*p >= '0' && *p <= '9')
			zm = num(&p, 2);
		if (zh >= 0 && zh <= 14 && zm >= 0 && zm < 60)
			snprintf(zone, sizeof zone, "%c%02d:%02d", sign, zh, zm);
	}
	snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, mo, d, h, mi, sec, zone);
	return 0;
}

/* "Tue, 19 Nov 2019 08:00:00 GMT", "19 November 2019", "November 19, 2019",
 * "Nov. 19, 2019 10:30" (the time of the last two is not kept). */
static int text_date(const char *s, char *out, size_t cap)
{
	const char *p = s;
	int d = -1, mo = 0, y = -1;
	while (*p && (*p < '0' || *p > '9') && !month_of(p)) /* weekday, commas */
		p++;
	if (*p >= '0' && *p <= '9') { /* day month year */
		d = (int)strtol(p, (char **)&p, 10);
		while (*p == ' ' || *p == '.' || *p == '-')
			p++;
		mo = month_of(p);
		while (*p && *p != ' ' && *p != '-')
			p++;
		while (*p == ' ' || *p == '-' || *p == ',')
			p++;
		y = (int)strtol(p, (char **)&p, 10);
		if (mo && valid_ymd(y, mo, d) && *p == ' ' && p[3] == ':') { /* RFC 1123 time */
			const char *q = p + 1;
			int h = num(&q, 2), mi, sec = 0;
			if (h >= 0 && *q++ == ':' && (mi = num(&q, 2)) >= 0) {
				if (*q == ':')
					q++, sec = num(&q, 2);
				while (*q == ' ')
					q++;
				if (sec >= 0 && h < 24 && mi < 60 &&
				    (!strncmp(q, "GMT", 3) || !strncmp(q, "UTC", 3) || *q == 'Z' ||
				     !strncmp(q, "+0000", 5))) {
					snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d,
						 h, mi, sec);
					return 0;
				}
			}
		}
	} else if ((mo = month_of(p))) { /* month day, year */
		while (*p && (*p < '0' || *p > '9'))
			p++;
		d = (int)strtol(p, (char **)&p, 10);
		while (*p == ',' || *p == ' ' || (*p >= 'a' && *p <= 'z'))
			p++;
		y = (int)strtol(p, (char **)&p, 10);
	}
	if (!mo || !valid_ymd(y, mo, d))
		return -1;
	snprintf(out, cap, "%04d-%02d-%02d", y, mo, d);
	return 0;
}

int txt_extract_date(const char *s, char *out, size_t cap)
{
	out[0] = '\0';
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (iso_date(s, out, cap) == 0 || text_date(s, out, cap) == 0)
		return 0;
	out[0] = '\0';
	return -1;
}

char *txt_extract_host(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : (url[0] == '/' && url[1] == '/' ? url + 2 : NULL);
	if (!p)
		return txt_xstrdup("");
	const char *at = p + strcspn(p, "/?#");
	const char *cred = memchr(p, '@', (size_t)(at - p));
	if (cred)
		p = cred + 1;
	size_t n = strcspn(p, "/?#:");
	if (n >= 4 && strncasecmp(p, "www.", 4) == 0)
		p += 4, n -= 4;
	char *h = txt_xstrndup(p, n);
	for (char *q = h; *q; q++)
		*q = (char)txt_utf8_lower[(unsigned char)*q];
	return h;
}
