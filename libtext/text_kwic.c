/* text_kwic: see text_kwic.h. */
#include "text_kwic.h"

#include <stdlib.h>
#include <string.h>

#include "text_err.h"
#include "text_lex.h"

/* One pattern element: a folded literal, or a glob with '*'. */
typedef struct elem {
	char *s;
	int glob;
} elem;

struct txt_kwic {
	elem *pat;
	size_t npat, window;
	txt_tok *tok;
	txt_tokseq q; /* the current document's tokens */
};

static void add_elem(txt_kwic *k, char *s, int glob)
{
	k->pat = txt_xreallocarray(k->pat, k->npat + 1, sizeof *k->pat);
	k->pat[k->npat].s = s;
	k->pat[k->npat++].glob = glob;
}

/* Fold a piece of a pattern word through the tokenizer, appending its
 * tokens to *out; returns how many there were. */
static size_t fold_piece(txt_kwic *k, const char *s, size_t n, char **out, size_t *olen)
{
	txt_token t;
	size_t count = 0;
	txt_tok_start(k->tok, s, n);
	while (txt_tok_next(k->tok, &t)) {
		*out = txt_xrealloc(*out, *olen + t.len + 1);
		memcpy(*out + *olen, t.s, t.len);
		*olen += t.len;
		(*out)[*olen] = '\0';
		count++;
	}
	return count;
}

/* A word with '*': each piece between stars must be (part of) one token. */
static int add_glob(txt_kwic *k, const char *p, const char *e)
{
	char *g = txt_xstrdup("");
	size_t glen = 0;
	for (const char *q = p; q < e;) {
		const char *r = q;
		while (r < e && *r != '*')
			r++;
		if (r > q && fold_piece(k, q, (size_t)(r - q), &g, &glen) != 1) {
			free(g);
			return txt_err_set("pattern '%.*s': a wildcard word must be one token",
					   (int)(e - p), p);
		}
		if (r < e) {
			g = txt_xrealloc(g, glen + 2);
			g[glen++] = '*';
			g[glen] = '\0';
		}
		q = r < e ? r + 1 : r;
	}
	add_elem(k, g, 1);
	return 0;
}

static int parse_pattern(txt_kwic *k, const char *pattern)
{
	const char *p = pattern;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		const char *e = p;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n')
			e++;
		if (e == p)
			break;
		if (memchr(p, '*', (size_t)(e - p))) {
			if (add_glob(k, p, e) < 0)
				return -1;
		} else { /* a plain word may tokenize into several tokens ("drone-strike") */
			txt_token t;
			txt_tok_start(k->tok, p, (size_t)(e - p));
			while (txt_tok_next(k->tok, &t))
				add_elem(k, txt_xstrndup(t.s, t.len), 0);
		}
		p = e;
	}
	if (k->npat == 0)
		return txt_err_set("pattern '%s' has no words to match", pattern);
	return 0;
}

txt_kwic *txt_kwic_new(txt_tok *tok, const char *pattern, size_t window)
{
	txt_kwic *k = txt_xcalloc(1, sizeof *k);
	k->tok = tok;
	k->window = window;
	if (!*pattern ? txt_err_set("empty pattern") : parse_pattern(k, pattern)) {
		txt_kwic_free(k);
		return NULL;
	}
	return k;
}

void txt_kwic_free(txt_kwic *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->npat; i++)
		free(k->pat[i].s);
	free(k->pat);
	txt_tokseq_free(&k->q);
	free(k);
}

size_t txt_kwic_doc(txt_kwic *k, const char *text, size_t len)
{
	txt_tokseq_fill(&k->q, k->tok, text, len);
	return k->q.n;
}

int txt_kwic_match(const txt_kwic *k, size_t i)
{
	if (i + k->npat > k->q.n)
		return 0;
	for (size_t j = 0; j < k->npat; j++) {
		const char *s = k->q.tok[i + j];
		if (k->pat[j].glob ? !txt_lex_glob(k->pat[j].s, s) : strcmp(k->pat[j].s, s) != 0)
			return 0;
	}
	return 1;
}

/* Copy text[a..b) with every run of whitespace (line breaks, tabs, spaces)
 * shown as one space, trimmed at both ends. */
static char *flat(const char *text, size_t a, size_t b)
{
	char *out = txt_xmalloc(b - a + 1);
	size_t n = 0;
	int space = 0;
	for (size_t i = a; i < b; i++) {
		char c = text[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
			space = 1;
			continue;
		}
		if (space && n > 0)
			out[n++] = ' ';
		space = 0;
		out[n++] = c;
	}
	out[n] = '\0';
	return out;
}

txt_kwic_hit txt_kwic_cut(const txt_kwic *k, const char *text, size_t len, size_t i)
{
	const size_t *start = k->q.start, *end = k->q.end;
	size_t last = i + k->npat - 1;
	size_t lt = i > k->window ? i - k->window : 0;
	size_t rt = last + k->window < k->q.n ? last + k->window : k->q.n - 1;
	txt_kwic_hit h = {0};
	h.left = flat(text, start[lt], start[i]);
	h.match = flat(text, start[i], end[last]);
	h.right = flat(text, end[last], k->window ? end[rt] : end[last]);
	h.token = i + 1;
	h.byte = start[i];
	h.sp_before = h.byte > 0 && strchr(" \t\n\r\v\f", text[h.byte - 1]);
	h.sp_after = end[last] < len && strchr(" \t\n\r\v\f", text[end[last]]);
	return h;
}

void txt_kwic_hit_free(txt_kwic_hit *h)
{
	txt_free_all(h->left, h->match, h->right);
}
