/* text_extract: see text_extract.h.  The walk and the choice of the
 * article; metadata is in text_extract_meta.c. */
#include "text_extract.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "text_extract_int.h"
#include "text_html.h"
#include "text_lang.h"
#include "text_utf8.h"

/* ---- tags ---- */

enum { K_INLINE, K_BLOCK, K_SKIP, K_BR };

static const struct tagdef {
	const char *name;
	unsigned char id, kind;
} tags[] = { /* sorted by name for bsearch */
	{"a", T_A, K_INLINE}, {"address", T_ADDRESS, K_BLOCK}, {"applet", T_OTHER, K_SKIP},
	{"area", T_OTHER, K_SKIP}, {"article", T_ARTICLE, K_BLOCK}, {"aside", T_ASIDE, K_BLOCK},
	{"audio", T_OTHER, K_SKIP}, {"blockquote", T_BLOCKQUOTE, K_BLOCK},
	{"body", T_BODY, K_BLOCK}, {"br", T_BR, K_BR}, {"button", T_OTHER, K_SKIP},
	{"canvas", T_OTHER, K_SKIP}, {"caption", T_CAPTION, K_BLOCK},
	{"center", T_DIV, K_BLOCK}, {"datalist", T_OTHER, K_SKIP}, {"dd", T_DD, K_BLOCK},
	{"details", T_DIV, K_BLOCK}, {"dialog", T_DIALOG, K_BLOCK}, {"dir", T_UL, K_BLOCK},
	{"div", T_DIV, K_BLOCK}, {"dl", T_DL, K_BLOCK}, {"dt", T_DT, K_BLOCK},
	{"embed", T_OTHER, K_SKIP}, {"fieldset", T_FORM, K_BLOCK},
	{"figcaption", T_FIGCAPTION, K_BLOCK}, {"figure", T_FIGURE, K_BLOCK},
	{"footer", T_FOOTER, K_BLOCK}, {"form", T_FORM, K_BLOCK}, {"frameset", T_OTHER, K_SKIP},
	{"h1", T_H1, K_BLOCK}, {"h2", T_H2, K_BLOCK}, {"h3", T_H3, K_BLOCK},
	{"h4", T_H4, K_BLOCK}, {"h5", T_H5, K_BLOCK}, {"h6", T_H6, K_BLOCK},
	{"head", T_HEAD, K_BLOCK}, {"header", T_HEADER, K_BLOCK}, {"hgroup", T_DIV, K_BLOCK},
	{"hr", T_HR, K_BLOCK}, {"html", T_HTML, K_BLOCK}, {"iframe", T_OTHER, K_SKIP},
	{"img", T_OTHER, K_SKIP}, {"input", T_OTHER, K_SKIP}, {"legend", T_LEGEND, K_BLOCK},
	{"li", T_LI, K_BLOCK}, {"link", T_LINK, K_SKIP}, {"main", T_MAIN, K_BLOCK},
	{"map", T_OTHER, K_SKIP}, {"math", T_OTHER, K_SKIP}, {"menu", T_NAV, K_BLOCK},
	{"meta", T_META, K_SKIP}, {"nav", T_NAV, K_BLOCK}, {"noembed", T_OTHER, K_SKIP},
	{"noframes", T_OTHER, K_SKIP}, {"noscript", T_OTHER, K_SKIP},
	{"object", T_OTHER, K_SKIP}, {"ol", T_OL, K_BLOCK}, {"optgroup", T_OTHER, K_SKIP},
	{"option", T_OTHER, K_SKIP}, {"p", T_P, K_BLOCK}, {"param", T_OTHER, K_SKIP},
	{"picture", T_OTHER, K_SKIP}, {"pre", T_PRE, K_BLOCK}, {"script", T_SCRIPT, K_SKIP},
	{"section", T_SECTION, K_BLOCK}, {"select", T_OTHER, K_SKIP},
	{"source", T_OTHER, K_SKIP}, {"style", T_OTHER, K_SKIP}, {"summary", T_DIV, K_BLOCK},
	{"svg", T_OTHER, K_SKIP}, {"table", T_TABLE, K_BLOCK}, {"tbody", T_TBODY, K_BLOCK},
	{"td", T_TD, K_BLOCK}, {"template", T_OTHER, K_SKIP}, {"textarea", T_OTHER, K_SKIP},
	{"tfoot", T_TBODY, K_BLOCK}, {"th", T_TH, K_BLOCK}, {"thead", T_TBODY, K_BLOCK},
	{"time", T_TIME, K_INLINE}, {"title", T_TITLE, K_SKIP}, {"tr", T_TR, K_BLOCK},
	{"track", T_OTHER, K_SKIP}, {"ul", T_UL, K_BLOCK}, {"video", T_OTHER, K_SKIP},
};

static int tag_cmp(const void *k, const void *t)
{
	return strcmp(k, ((const struct tagdef *)t)->name);
}

static const struct tagdef *tag_of(const xmlChar *name)
{
	static const struct tagdef other = {"", T_OTHER, K_INLINE};
	const struct tagdef *t =
		bsearch(name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tag_cmp);
	return t ? t : &other;
}

/* ---- class, id and role hints ---- */

/* Word stems in class and id names (a name's words: split at anything not
 * a letter or digit and at lower-to-upper case changes), with weights.
 * Negative: navigation and chrome; positive: the article's container.
 * A stem matches a word it begins (comment: comments, commentlist). */
static const struct hint {
	const char *stem;
	signed char w;
	unsigned char flags; /* H_* */
} hints[] = { /* sorted by stem, for hint_index */
	{"ad", -2, H_EXACT}, {"ads", -2, H_EXACT}, {"adslot", -3, 0}, {"advert", -3, 0},
	{"article", 2, 0}, {"aside", -2, 0}, {"author", -2, 0}, {"banner", -2, 0},
	{"bio", -1, H_EXACT}, {"blog", 1, H_EXACT}, {"body", 2, H_EXACT}, {"bottom", -1, H_EXACT},
	{"breadcrumb", -3, 0}, {"button", -2, 0}, {"byline", -3, 0}, {"caption", -3, 0},
	{"carousel", -2, 0}, {"cmp", -2, H_EXACT}, {"comment", -3, 0}, {"community", -2, 0},
	{"consent", -3, 0}, {"content", 2, 0}, {"contributor", -2, 0}, {"cookie", -3, 0},
	{"copyright", -3, 0}, {"credit", -3, 0}, {"date", -2, H_EXACT}, {"dateline", -1, 0},
	{"disclaimer", -1, 0}, {"disqus", -3, 0}, {"email", -1, 0}, {"embed", -1, 0},
	{"entry", 2, 0}, {"extra", -1, H_EXACT}, {"follow", -2, 0}, {"foot", -3, H_EXACT},
	{"footer", -3, 0}, {"footnote", -1, 0}, {"gallery", -1, 0}, {"gdpr", -3, 0},
	{"header", -2, 0}, {"hentry", 2, 0}, {"hero", -1, H_EXACT}, {"infobox", -1, 0},
	{"keyword", -2, 0}, {"legal", -1, H_EXACT}, {"login", -3, 0}, {"main", 2, H_EXACT},
	{"masthead", -3, 0}, {"media", -1, H_EXACT}, {"menu", -3, 0}, {"meta", -2, H_EXACT},
	{"modal", -3, 0}, {"more", -1, H_EXACT}, {"nav", -3, 0}, {"newsletter", -3, 0},
	{"notice", -1, 0}, {"outbrain", -3, 0}, {"overlay", -2, 0}, {"page", 1, H_EXACT},
	{"pager", -3, 0}, {"pagination", -3, 0}, {"paywall", -2, 0}, {"popular", -2, 0},
	{"popup", -3, 0}, {"post", 1, H_EXACT}, {"print", -1, H_EXACT}, {"promo", -3, 0},
	{"prose", 2, 0}, {"published", -2, 0}, {"rail", -2, H_EXACT}, {"recirc", -3, 0},
	{"recommend", -3, 0}, {"related", -3, 0}, {"reply", -2, 0}, {"rss", -2, H_EXACT},
	{"share", -3, 0}, {"sharing", -3, 0}, {"shop", -1, H_EXACT}, {"sidebar", -3, 0},
	{"signup", -3, 0}, {"skip", -2, H_EXACT}, {"slider", -2, 0}, {"social", -3, 0},
	{"sponsor", -3, 0}, {"story", 2, 0}, {"subnav", -3, 0}, {"subscri", -3, 0},
	{"taboola", -3, 0}, {"tag", -2, H_EXACT}, {"tags", -2, H_EXACT}, {"teaser", -2, 0},
	{"text", 2, H_EXACT}, {"timestamp", -2, 0}, {"toc", -1, H_EXACT}, {"toolbar", -3, 0},
	{"tools", -2, H_EXACT}, {"topbar", -3, 0}, {"trending", -3, 0}, {"tweet", -1, 0},
	{"utility", -2, 0}, {"widget", -1, 0},
};

/* Hidden by a class name (screen-reader text, utility classes). */
static const char *hidden_names[] = {
	"hidden", "hide", "d-none", "sr-only", "visually-hidden", "visuallyhidden",
	"screen-reader-text", "screen-reader-only", "is-hidden", "u-hidden", "element-invisible",
	"offscreen", "a11y-hidden",
};

/* hints[first[c - 'a'] .. first[c - 'a' + 1]) start with letter c. */
static unsigned char first[27];
static unsigned char stem_len[sizeof hints / sizeof hints[0]];
static pthread_once_t hints_once = PTHREAD_ONCE_INIT;

static void hint_index(void)
{
	size_t n = sizeof hints / sizeof hints[0];
	for (int c = 0, i = 0; c <= 26; c++) {
		while ((size_t)i < n && hints[i].stem[0] - 'a' < c)
			i++;
		first[c] = (unsigned char)i;
	}
	for (size_t i = 0; i < n; i++)
		stem_len[i] = (unsigned char)strlen(hints[i].stem);
}

static int hint_of_word(const char *w, size_t n)
{
	if (w[0] < 'a' || w[0] > 'z')
		return 0;
	for (int i = first[w[0] - 'a']; i < first[w[0] - 'a' + 1]; i++) {
		size_t m = stem_len[i];
		if (m > n || memcmp(w, hints[i].stem, m) != 0)
			continue;
		if ((hints[i].flags & H_EXACT) && m != n)
			continue;
		return hints[i].w;
	}
	return 0;
}

/* Sum of the hints of a class or id value's words (lower-cased copy). */
static int hint_of(const char *v, int *hidden)
{
	char w[64];
	size_t n = 0;
	int sum = 0, neg = 0, pos = 0;
	const unsigned char *u = (const unsigned char *)v;
	for (size_t i = 0;; i++) {
		unsigned char c = u[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		int split = !alnum || (n && c >= 'A' && c <= 'Z' && u[i - 1] >= 'a' && u[i - 1] <= 'z');
		if (split && n) {
			int h = n < sizeof w ? hint_of_word(w, n) : 0;
			if (h < neg)
				neg = h;
			if (h > pos)
				pos = h;
			n = 0;
		}
		if (!c)
			break;
		if (alnum && n < sizeof w)
			w[n++] = (char)txt_utf8_lower[c];
	}
	sum = neg + pos;
	/* the whole name, for names with dashes ("sr-only") */
	if (hidden) {
		const char *p = v;
		while (*p) {
			while (*p == ' ' || *p == '\t' || *p == '\n')
				p++;
			size_t len = strcspn(p, " \t\n");
			for (size_t i = 0; len && i < sizeof hidden_names / sizeof hidden_names[0]; i++)
				if (strlen(hidden_names[i]) == len && strncasecmp(p, hidden_names[i], len) == 0)
					*hidden = 1;
			p += len;
		}
	}
	return sum;
}

/* ---- the walk ---- */

const char *txt_extract_attr(const xmlChar **atts, const char *name)
{
	for (size_t i = 0; atts && atts[i]; i += 2)
		if (strcmp((const char *)atts[i], name) == 0)
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

#define attr txt_extract_attr

static int hidden_style(const char *s)
{
	/* display:none or visibility:hidden, spaces allowed around ':' */
	for (const char *p = s; (p = strpbrk(p, "dDvV")); p++) {
		const char *want = (*p | 0x20) == 'd' ? "none" : "hidden";
		size_t k = (*p | 0x20) == 'd' ? 7 : 10;
		if (strncasecmp(p, (*p | 0x20) == 'd' ? "display" : "visibility", k) != 0)
			continue;
		const char *q = p + k;
		while (*q == ' ')
			q++;
		if (*q != ':')
			continue;
		q++;
		while (*q == ' ')
			q++;
		if (strncasecmp(q, want, strlen(want)) == 0)
			return 1;
	}
	return 0;
}

static void elem_grow(ex *x)
{
	if (x->ne == x->cape) {
		x->cape = x->cape ? x->cape * 2 : 256;
		x->e = txt_xreallocarray(x->e, x->cape, sizeof *x->e);
	}
}

/* Chars of s[0..n) counted as code points. */
static int cps(const char *s, size_t n)
{
	int c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Close the block being built, owned by the innermost open element. */
static void flush(ex *x)
{
	txt_buf *c = &x->cur;
	while (c->n && c->s[c->n - 1] == ' ')
		c->n--;
	if (c->n == 0 || x->skip_text) {
		c->n = 0;
		x->cur_link = 0;
		x->space = 0;
		return;
	}
	if (x->nb == x->capb) {
		x->capb = x->capb ? x->capb * 2 : 256;
		x->b = txt_xreallocarray(x->b, x->capb, sizeof *x->b);
	}
	block *b = &x->b[x->nb++];
	memset(b, 0, sizeof *b);
	b->off = x->text.n;
	b->len = c->n;
	b->elem = x->open;
	b->chars = cps(c->s, c->n);
	b->link_chars = x->cur_link > b->chars ? b->chars : x->cur_link;
	txt_buf_add(&x->text, c->s, c->n);
	txt_extract_features(x, b);
	c->n = 0;
	x->cur_link = 0;
	x->space = 0;
	/* totals for the owner; passed up when it closes */
	x->e[x->open].chars += b->chars;
	x->e[x->open].link_chars += b->link_chars;
}

/* Append text, white space collapsed (kept in <pre>, where each line is a
 * block). */
static void add_text(ex *x, const char *s, size_t n)
{
	txt_buf *c = &x->cur;
	int linked = x->links > 0;
	const char *run = s, *end = s + n;
	for (const char *p = s;; p++) {
		unsigned char ch = p < end ? (unsigned char)*p : 0;
		int ws = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
			 (ch == 0xC2 && p + 1 < end && (unsigned char)p[1] == 0xA0);
		if (!ws && p < end)
			continue;
		if (p > run) {
			if (x->space && c->n)
				txt_buf_add(c, " ", 1);
			x->space = 0;
			txt_buf_add(c, run, (size_t)(p - run));
			if (linked)
				x->cur_link += cps(run, (size_t)(p - run));
		}
		if (p >= end)
			break;
		if (ch == '\n' && x->pre)
			flush(x);
		else
			x->space = 1;
		if (ch == 0xC2)
			p++;
		run = p + 1;
	}
}

/* Open an element record for a block-level element. */
static void elem_open(ex *x, int tag, int hint, unsigned flags)
{
	flush(x);
	elem_grow(x);
	elem *e = &x->e[x->ne];
	memset(e, 0, sizeof *e);
	e->parent = x->open;
	e->tag = (unsigned char)tag;
	e->hint = (signed char)hint;
	e->first = (int)x->nb;
	e->first_child = e->last_child = e->next_sib = -1;
	if (x->open >= 0) {
		elem *p = &x->e[x->open];
		memcpy(e->cum, p->cum, sizeof e->cum);
		e->depth = p->depth + 1;
		if (p->last_child >= 0)
			x->e[p->last_child].next_sib = (int)x->ne;
		else
			p->first_child = (int)x->ne;
		p->last_child = (int)x->ne;
	}
	for (int k = 0; k < C_NEG; k++)
		if (flags & (1u << k))
			e->cum[k]++;
	if (hint <= -3)
		e->cum[C_NEG]++;
	else if (hint < 0)
		e->cum[C_WEAK] += hint;
	else
		e->cum[C_POS] += hint;
	x->open = (int)x->ne++;
}

static void elem_close(ex *x)
{
	flush(x);
	elem *e = &x->e[x->open];
	e->end = (int)x->nb;
	if (e->parent >= 0) {
		x->e[e->parent].chars += e->chars;
		x->e[e->parent].link_chars += e->link_chars;
	}
	x->open = e->parent;
}

/* Flags a block-level element adds to its subtree (C_* bits). */
static unsigned elem_flags(int tag, const char *role, const char *itemprop)
{
	unsigned f = 0;
	switch (tag) {
	case T_NAV: f |= 1u << C_NAV; break;
	case T_ASIDE: f |= 1u << C_ASIDE; break;
	case T_FOOTER: f |= 1u << C_FOOTER; break;
	case T_HEADER: f |= 1u << C_HEADER; break;
	case T_FIGURE: case T_FIGCAPTION: case T_CAPTION: f |= 1u << C_FIGURE; break;
	case T_FORM: f |= 1u << C_FORM; break;
	case T_DIALOG: f |= 1u << C_ASIDE; break;
	case T_LI: case T_DT: case T_DD: f |= 1u << C_LIST; break;
	case T_TD: case T_TH: f |= 1u << C_TABLE; break;
	case T_BLOCKQUOTE: f |= 1u << C_QUOTE; break;
	case T_ARTICLE: case T_MAIN: f |= 1u << C_ARTICLE; break;
	default: break;
	}
	if (role) {
		if (!strcmp(role, "navigation") || !strcmp(role, "menu") || !strcmp(role, "menubar"))
			f |= 1u << C_NAV;
		else if (!strcmp(role, "complementary"))
			f |= 1u << C_ASIDE;
		else if (!strcmp(role, "contentinfo"))
			f |= 1u << C_FOOTER;
		else if (!strcmp(role, "banner"))
			f |= 1u << C_HEADER;
		else if (!strcmp(role, "dialog") || !strcmp(role, "alertdialog") || !strcmp(role, "alert"))
			f |= 1u << C_ASIDE;
		else if (!strcmp(role, "main") || !strcmp(role, "article"))
			f |= 1u << C_ARTICLE;
	}
	if (itemprop && (!strcmp(itemprop, "articleBody") || !strcmp(itemprop, "text")))
		f |= 1u << C_ARTICLE;
	return f;
}

/* ---- the parser's events (SAX): one pass, no tree ----
 * Elements come balanced (the parser closes what the page leaves open), so
 * a stack of frames pairs each end with its start.  A skipped element
 * (script, style, hidden, ...) only counts the depth of what is inside it. */

static frame *push(ex *x)
{
	if (x->depth == x->capst) {
		x->capst = x->capst ? x->capst * 2 : 64;
		x->st = txt_xreallocarray(x->st, x->capst, sizeof *x->st);
	}
	frame *fr = &x->st[x->depth++];
	memset(fr, 0, sizeof *fr);
	return fr;
}

/* Start capturing an element's text for the metadata (title, JSON-LD). */
static void capture(ex *x, int tag)
{
	x->capture = tag;
	x->cap_depth = x->depth;
	x->captured.n = 0;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	ex *x = ctx;
	if (x->skip) {
		x->skip++;
		return;
	}
	const struct tagdef *t = tag_of(name);
	if (txt_extract_meta_elem(x, atts, t->id) && !x->capture)
		capture(x, t->id);
	if (t->kind == K_SKIP) {
		x->skip = 1;
		return;
	}
	if (t->kind == K_BR) {
		flush(x);
		x->skip = 1; /* its end comes next */
		return;
	}
	const char *cls = attr(atts, "class"), *id = attr(atts, "id"), *style = attr(atts, "style");
	int hidden = attr(atts, "hidden") != NULL;
	const char *aria = attr(atts, "aria-hidden");
	if (aria && strcmp(aria, "true") == 0)
		hidden = 1;
	if (style && hidden_style(style))
		hidden = 1;
	int hint = 0;
	if (cls)
		hint += hint_of(cls, &hidden);
	if (id)
		hint += hint_of(id, NULL);
	if (hidden) {
		x->skip = 1;
		return;
	}
	if (t->id == T_BODY || t->id == T_HTML) /* site-wide class lists */
		hint = 0;
	if (hint > 3)
		hint = 3;
	if (hint < -4)
		hint = -4;
	frame *fr = push(x);
	fr->tag = t->id;
	if (t->id == T_A && attr(atts, "href")) {
		fr->link = 1;
		x->links++;
	}
	if (t->id == T_PRE) {
		fr->pre = 1;
		x->pre++;
	}
	if (t->id == T_HEAD) {
		fr->head = 1;
		x->skip_text++;
	}
	if (t->kind == K_BLOCK) {
		fr->block = 1;
		elem_open(x, t->id, hint, elem_flags(t->id, attr(atts, "role"), attr(atts, "itemprop")));
	}
}

static void end_capture(ex *x)
{
	txt_buf_add(&x->captured, "", 0);
	txt_extract_meta_text(x, x->capture, x->captured.s);
	x->capture = 0;
}

static void on_end(void *ctx, const xmlChar *name)
{
	ex *x = ctx;
	(void)name;
	if (x->skip) {
		if (--x->skip == 0 && x->capture && x->cap_depth == x->depth)
			end_capture(x);
		return;
	}
	if (x->depth == 0)
		return;
	frame *fr = &x->st[--x->depth];
	if (fr->link)
		x->links--;
	if (fr->pre)
		x->pre--;
	if (fr->block)
		elem_close(x);
	if (fr->head)
		x->skip_text--;
	if (x->capture && x->cap_depth == x->depth)
		end_capture(x);
}

static void on_text(void *ctx, const xmlChar *s, int n)
{
	ex *x = ctx;
	if (x->capture && x->captured.n < MAX_CAPTURE)
		txt_buf_add(&x->captured, (const char *)s, (size_t)n);
	if (!x->skip && !x->skip_text)
		add_text(x, (const char *)s, (size_t)n);
}

/* ---- the result ---- */

static void page_clear(txt_page *p)
{
	txt_free_all(p->title, p->author, p->date, p->site, p->url, p->lang,
		p->text);
	memset(p, 0, sizeof *p);
}

void txt_page_free(txt_page *p)
{
	if (p)
		page_clear(p);
}

/* The kept blocks, one per line. */
static void join(ex *x, txt_page *p)
{
	txt_buf out = {0};
	for (size_t i = 0; i < x->nb; i++) {
		if (!x->b[i].keep)
			continue;
		if (out.n)
			txt_buf_add(&out, "\n", 1);
		txt_buf_add(&out, x->text.s + x->b[i].off, x->b[i].len);
	}
	if (!out.s)
		txt_buf_add(&out, "", 0);
	p->text = out.s;
	p->text_len = out.n;
}

/* The language of the text (CLD2), the page's own markup tipping close
 * calls; the markup's when the text says too little. */
static void set_lang(txt_page *p)
{
	txt_lang_guess g = txt_lang_detect(p->text, p->text_len, p->lang[0] ? p->lang : NULL);
	if (!g.code || (!g.reliable && p->lang[0]))
		return;
	free(p->lang);
	p->lang = txt_xstrdup(g.code);
}

int txt_extract_html(const char *s, size_t n, const char *http_charset, int mode,
		     txt_page *page)
{
	if (n > TXT_HTML_MAX)
		return txt_err_set("page too large (%zu MiB; at most %zu MiB)", n >> 20,
				   TXT_HTML_MAX >> 20);
	pthread_once(&hints_once, hint_index);
	txt_buf u = {0};
	txt_html_dec d;
	txt_html_decode(s, n, http_charset, &u, &d);
	ex x;
	memset(&x, 0, sizeof x);
	x.mode = mode;
	page_clear(page);
	/* a root record, so every block has an owner */
	elem_grow(&x);
	memset(&x.e[0], 0, sizeof x.e[0]);
	x.e[0].parent = x.e[0].first_child = x.e[0].last_child = x.e[0].next_sib = -1;
	x.e[0].tag = T_OTHER;
	x.ne = 1;
	txt_html_events ev = {on_start, on_end, on_text};
	txt_html_parse(u.s, u.n, &ev, &x);
	free(u.s);
	while (x.open > 0)
		elem_close(&x);
	elem_close(&x);
	txt_extract_meta_finish(&x, page);
	if (mode == TXT_EXTRACT_MAIN)
		txt_extract_choose(&x, page->title);
	else
		for (size_t i = 0; i < x.nb; i++)
			x.b[i].keep = 1;
#ifdef EXTRACT_DEBUG
	if (getenv("EXTRACT_DEBUG")) {
		void txt_extract_debug(const ex *);
		txt_extract_debug(&x);
	}
#endif
	join(&x, page);
	set_lang(page);
	page->nbad = d.nbad;
	txt_extract_meta_free(&x);
	txt_free_all(x.b, x.e, x.st, x.text.s, x.cur.s, x.captured.s);
	return 0;
}
