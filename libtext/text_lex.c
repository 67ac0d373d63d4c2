/* text_lex: see text_lex.h. */
#include "text_lex.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_err.h"
#include "text_io.h"
#include "text_report.h"

typedef struct entry {
	char *key;      /* normalised words joined by ' ' */
	char **tok;     /* the words (pointers into text) */
	char *text;     /* key with '\0' between words */
	size_t ntok, nwild, nlit, order;
	uint32_t *frames;
	size_t nframes;
} entry;

typedef struct ikey {
	const char *s;
	size_t n;
	uint32_t e;
} ikey;

struct txt_lex {
	char **frames;
	size_t nf;
	entry *e;
	size_t ne, ecap;
	ikey *exact, *prefix; /* sorted by string */
	size_t nexact, nprefix;
	uint32_t *other; /* entries whose first word is another glob */
	size_t nother;
	txt_lex_norm norm;
	void *ctx;
	const char *name;
};

int txt_lex_glob(const char *p, const char *s)
{
	const char *star = NULL, *back = NULL;
	while (*s) {
		if (*p == '*') {
			star = p++;
			back = s;
		} else if (*p == *s) {
			p++, s++;
		} else if (star) {
			p = star + 1;
			s = ++back;
		} else {
			return 0;
		}
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

static char *ascii_lower(const char *w, size_t n, void *ctx)
{
	(void)ctx;
	char *s = txt_xstrndup(w, n);
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

/* ---- building ---- */

static uint32_t frame_id(txt_lex *lx, const char *name, size_t n)
{
	for (size_t i = 0; i < lx->nf; i++)
		if (strlen(lx->frames[i]) == n && memcmp(lx->frames[i], name, n) == 0)
			return (uint32_t)i;
	lx->frames = txt_xreallocarray(lx->frames, lx->nf + 1, sizeof *lx->frames);
	lx->frames[lx->nf] = txt_xstrndup(name, n);
	return (uint32_t)lx->nf++;
}

static int norm_word(txt_lex *lx, const char *w, size_t n, txt_buf *out, size_t line)
{
	int wild = memchr(w, '*', n) != NULL;
	size_t i = 0;
	while (i <= n) {
		size_t j = i;
		while (j < n && w[j] != '*')
			j++;
		if (j > i) {
			char *t = lx->norm(w + i, j - i, lx->ctx);
			if (!t)
				return txt_err_set("%s:%zu: pattern word '%.*s': %s", lx->name, line,
				                   (int)n, w, txt_err());
			if (*t == '\0' || (wild && strchr(t, ' '))) {
				free(t);
				return txt_err_set("%s:%zu: pattern word '%.*s' is not one token",
				                   lx->name, line, (int)n, w);
			}
			txt_buf_add(out, t, strlen(t));
			free(t);
		}
		if (j < n)
			txt_buf_add(out, "*", 1);
		i = j + 1;
	}
	return 0;
}

static entry *new_entry(txt_lex *lx, char *key)
{
	if (lx->ne == lx->ecap) {
		lx->ecap = lx->ecap ? 2 * lx->ecap : 64;
		lx->e = txt_xreallocarray(lx->e, lx->ecap, sizeof *lx->e);
	}
	entry *e = &lx->e[lx->ne];
	memset(e, 0, sizeof *e);
	e->key = key;
	e->order = lx->ne++;
	e->text = txt_xstrdup(key);
	for (char *p = e->text;; p++) {
		char *sp = strchr(p, ' ');
		e->tok = txt_xreallocarray(e->tok, e->ntok + 1, sizeof *e->tok);
		e->tok[e->ntok++] = p;
		if (!sp)
			break;
		*sp = '\0';
		p = sp;
	}
	for (size_t i = 0; i < e->ntok; i++) {
		size_t stars = 0, len = strlen(e->tok[i]);
		for (size_t k = 0; k < len; k++)
			stars += e->tok[i][k] == '*';
		e->nwild += stars > 0;
		e->nlit += len - stars;
	}
	return e;
}

/* Add pattern raw[0..n) for frame f (duplicates are merged at the end). */
static int add_pattern(txt_lex *lx, uint32_t f, const char *raw, size_t n, size_t line)
{
	txt_buf key = {0};
	size_t i = 0;
	while (i < n) {
		while (i < n && isspace((unsigned char)raw[i]))
			i++;
		size_t j = i;
		while (j < n && !isspace((unsigned char)raw[j]))
			j++;
		if (j > i) {
			if (key.n)
				txt_buf_add(&key, " ", 1);
			if (norm_word(lx, raw + i, j - i, &key, line) < 0) {
				free(key.s);
				return -1;
			}
		}
		i = j;
	}
	if (key.n == 0 || strspn(key.s, "* ") == key.n) {
		free(key.s);
		return txt_err_set("%s:%zu: empty pattern, or one that matches every token",
		                   lx->name, line);
	}
	entry *e = new_entry(lx, key.s);
	e->frames = txt_xmalloc(sizeof *e->frames);
	e->frames[0] = f;
	e->nframes = 1;
	return 0;
}

/* ---- formats ---- */

typedef struct lines {
	const char *p, *end;
	size_t line;
} lines;

/* Next line into *s / *n without "\r\n"; 0 at the end. */
static int next_line(lines *L, const char **s, size_t *n)
{
	if (L->p >= L->end)
		return 0;
	const char *nl = memchr(L->p, '\n', (size_t)(L->end - L->p));
	const char *e = nl ? nl : L->end;
	*s = L->p;
	*n = (size_t)(e - L->p);
	if (*n && (*s)[*n - 1] == '\r')
		(*n)--;
	L->p = nl ? nl + 1 : L->end;
	L->line++;
	return 1;
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static int parse_tsv(txt_lex *lx, lines *L)
{
	const char *s;
	size_t n;
	int first = 1;
	while (next_line(L, &s, &n)) {
		const char *t = s;
		size_t tn = n;
		trim(&t, &tn);
		if (tn == 0 || *t == '#')
			continue;
		const char *tab = memchr(s, '\t', n);
		if (!tab || memchr(tab + 1, '\t', n - (size_t)(tab + 1 - s)))
			return txt_err_set("%s:%zu: expected frame<TAB>pattern", lx->name, L->line);
		const char *fr = s, *pat = tab + 1;
		size_t fn = (size_t)(tab - s), pn = n - fn - 1;
		trim(&fr, &fn);
		trim(&pat, &pn);
		if (first && fn == 5 && pn == 7 && !memcmp(fr, "frame", 5) && !memcmp(pat, "pattern", 7)) {
			first = 0;
			continue;
		}
		first = 0;
		if (fn == 0 || pn == 0)
			return txt_err_set("%s:%zu: empty frame or pattern", lx->name, L->line);
		if (add_pattern(lx, frame_id(lx, fr, fn), pat, pn, L->line) < 0)
			return -1;
	}
	return 0;
}

typedef struct cat {
	long id;
	uint32_t frame;
	size_t line;
} cat;

/* strtol over s[0..n) only (lines are views, not NUL-terminated); *used gets
 * the digits consumed (0: no number).  A number too long for the buffer is cut,
 * which leaves a digit after it: callers treat that as a bad number. */
static long strtol_n(const char *s, size_t n, size_t *used)
{
	char num[32], *e;
	size_t k = n < sizeof num - 1 ? n : sizeof num - 1;
	memcpy(num, s, k);
	num[k] = '\0';
	long v = strtol(num, &e, 10);
	*used = (size_t)(e - num);
	return v;
}

static int dic_word(txt_lex *lx, const char *s, size_t n, const cat *cats, size_t nc, size_t line)
{
	const char *tab = memchr(s, '\t', n), *p = s;
	size_t pn;
	if (tab) {
		pn = (size_t)(tab - s);
	} else {
		pn = 0;
		while (pn < n && !isspace((unsigned char)s[pn]))
			pn++;
	}
	const char *q = s + pn, *end = s + n;
	trim(&p, &pn);
	int any = 0;
	while (q < end) {
		while (q < end && isspace((unsigned char)*q))
			q++;
		if (q == end)
			break;
		size_t used;
		long id = strtol_n(q, (size_t)(end - q), &used);
		const char *e = q + used;
		if (used == 0 || (e < end && !isspace((unsigned char)*e)))
			return txt_err_set("%s:%zu: bad category number '%.*s'", lx->name, line,
			                   (int)(end - q), q);
		size_t k = 0;
		while (k < nc && cats[k].id != id)
			k++;
		if (k == nc)
			return txt_err_set("%s:%zu: unknown category %ld", lx->name, line, id);
		if (add_pattern(lx, cats[k].frame, p, pn, line) < 0)
			return -1;
		any = 1;
		q = e;
	}
	if (!any)
		return txt_err_set("%s:%zu: word without a category", lx->name, line);
	return 0;
}

static int parse_dic(txt_lex *lx, lines *L)
{
	cat *cats = NULL;
	size_t nc = 0;
	int state = 0, rc = 0;
	const char *s;
	size_t n;
	while (rc == 0 && next_line(L, &s, &n)) {
		trim(&s, &n);
		if (n == 0)
			continue;
		if (n == 1 && *s == '%') {
			state++;
			continue;
		}
		if (state == 0) {
			rc = txt_err_set("%s:%zu: expected '%%' to open the categories", lx->name, L->line);
		} else if (state == 1) {
			size_t used;
			long id = strtol_n(s, n, &used);
			const char *nm = s + used;
			size_t nn = n - used;
			trim(&nm, &nn);
			if (used == 0 || nn == 0 || !isspace((unsigned char)s[used])) {
				rc = txt_err_set("%s:%zu: expected 'NUMBER<TAB>name'", lx->name, L->line);
				break;
			}
			for (size_t k = 0; k < nc && rc == 0; k++)
				if (cats[k].id == id) /* words would go to the first only */
					rc = txt_err_set("%s:%zu: category %ld defined twice (first at "
					                 "line %zu)", lx->name, L->line, id, cats[k].line);
			if (rc < 0)
				break;
			cats = txt_xreallocarray(cats, nc + 1, sizeof *cats);
			cats[nc].id = id;
			cats[nc].line = L->line;
			cats[nc++].frame = frame_id(lx, nm, nn);
		} else if (state == 2) {
			rc = dic_word(lx, s, n, cats, nc, L->line);
		} else {
			rc = txt_err_set("%s:%zu: unexpected third '%%'", lx->name, L->line);
		}
	}
	if (rc == 0 && state < 2)
		rc = txt_err_set("%s: no '%%' ... '%%' category section", lx->name);
	free(cats);
	return rc;
}

/* ---- YAML subset ---- */

typedef struct ykey {
	size_t indent;
	char *name;
} ykey;

/* Unquote s[0..n) in place-ish: returns a malloc'd copy. */
static char *yscalar(const char *s, size_t n)
{
	trim(&s, &n);
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0])
		return txt_xstrndup(s + 1, n - 2);
	return txt_xstrndup(s, n);
}

/* Where the first c outside '...' and "..." quotes is that has white
 * space or the line's start before it (a comment's '#', before = 1), or a
 * space or the line's end after it (a key's ':', before = 0); n if none. */
static size_t unquoted(const char *s, size_t n, char c, int before)
{
	char q = 0;
	for (size_t i = 0; i < n; i++) {
		if (q) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			q = s[i];
		} else if (s[i] == c && (before ? i == 0 || isspace((unsigned char)s[i - 1])
					   : i + 1 == n || s[i + 1] == ' ')) {
			return i;
		}
	}
	return n;
}

/* Cut a '#' comment that is not inside quotes. */
static size_t ystrip(const char *s, size_t n) { return unquoted(s, n, '#', 1); }

static int yfullname(txt_lex *lx, ykey *st, size_t ns, size_t line, uint32_t *f)
{
	if (ns == 0)
		return txt_err_set("%s:%zu: list item outside a key", lx->name, line);
	txt_buf b = {0};
	for (size_t i = 0; i < ns; i++) {
		if (i)
			txt_buf_add(&b, ".", 1);
		txt_buf_add(&b, st[i].name, strlen(st[i].name));
	}
	*f = frame_id(lx, b.s, b.n);
	free(b.s);
	return 0;
}

static int yitem(txt_lex *lx, ykey *st, size_t ns, const char *s, size_t n, size_t line)
{
	uint32_t f = 0;
	if (yfullname(lx, st, ns, line, &f) < 0)
		return -1;
	char *v = yscalar(s, n);
	int rc = add_pattern(lx, f, v, strlen(v), line);
	free(v);
	return rc;
}

/* "[a, b, 'c d']" */
static int yflow(txt_lex *lx, ykey *st, size_t ns, const char *s, size_t n, size_t line)
{
	if (n < 2 || s[n - 1] != ']')
		return txt_err_set("%s:%zu: unterminated '[' list", lx->name, line);
	size_t i = 1;
	while (i < n - 1) {
		size_t j = i;
		char q = 0;
		while (j < n - 1 && (q || s[j] != ',')) {
			if (q && s[j] == q)
				q = 0;
			else if (!q && (s[j] == '"' || s[j] == '\''))
				q = s[j];
			j++;
		}
		const char *it = s + i;
		size_t in = j - i;
		trim(&it, &in);
		if (in && yitem(lx, st, ns, it, in, line) < 0)
			return -1;
		i = j + 1;
	}
	return 0;
}

static int yline(txt_lex *lx, ykey *st, size_t *ns, const char *s, size_t n, size_t line)
{
	size_t ind = 0;
	while (ind < n && s[ind] == ' ')
		ind++;
	if (ind < n && s[ind] == '\t')
		return txt_err_set("%s:%zu: tab in indentation", lx->name, line);
	const char *t = s + ind;
	size_t tn = n - ind;
	trim(&t, &tn);
	if (tn >= 1 && t[0] == '-' && (tn == 1 || t[1] == ' ')) {
		while (*ns && st[*ns - 1].indent > ind)
			free(st[--*ns].name);
		return yitem(lx, st, *ns, t + 1, tn - 1, line);
	}
	size_t at = unquoted(t, tn, ':', 0);
	const char *colon = at < tn ? t + at : NULL;
	if (!colon || colon == t)
		return txt_err_set("%s:%zu: expected 'key:' or '- pattern'", lx->name, line);
	while (*ns && st[*ns - 1].indent >= ind)
		free(st[--*ns].name);
	if (*ns == 16)
		return txt_err_set("%s:%zu: keys nested too deeply", lx->name, line);
	st[*ns].indent = ind;
	st[(*ns)++].name = yscalar(t, (size_t)(colon - t));
	const char *v = colon + 1;
	size_t vn = tn - (size_t)(v - t);
	trim(&v, &vn);
	if (vn == 0)
		return 0;
	if (*v == '[')
		return yflow(lx, st, *ns, v, vn, line);
	return yitem(lx, st, *ns, v, vn, line);
}

static int parse_yaml(txt_lex *lx, lines *L)
{
	ykey st[16];
	size_t ns = 0;
	int rc = 0;
	const char *s;
	size_t n;
	while (rc == 0 && next_line(L, &s, &n)) {
		n = ystrip(s, n);
		const char *t = s;
		size_t tn = n;
		trim(&t, &tn);
		if (tn == 0 || (tn == 3 && !memcmp(t, "---", 3)))
			continue;
		rc = yline(lx, st, &ns, s, n, L->line);
	}
	while (ns)
		free(st[--ns].name);
	return rc;
}

/* ---- index ---- */

static int by_key(const void *x, const void *y)
{
	const entry *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->order < b->order ? -1 : a->order > b->order);
}

static int by_order(const void *x, const void *y)
{
	const entry *a = x, *b = y;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void free_entry(entry *e)
{
	txt_free_all(e->key, e->text, e->tok, e->frames);
}

/* Merge entries with the same key: one entry counting for each frame. */
static void merge_dups(txt_lex *lx)
{
	qsort(lx->e, lx->ne, sizeof *lx->e, by_key);
	size_t k = 0;
	for (size_t i = 0; i < lx->ne; i++) {
		entry *e = &lx->e[i];
		if (k > 0 && strcmp(lx->e[k - 1].key, e->key) == 0) {
			entry *d = &lx->e[k - 1];
			size_t j = 0;
			while (j < d->nframes && d->frames[j] != e->frames[0])
				j++;
			if (j == d->nframes) {
				d->frames = txt_xreallocarray(d->frames, d->nframes + 1, sizeof *d->frames);
				d->frames[d->nframes++] = e->frames[0];
			}
			free_entry(e);
		} else {
			lx->e[k++] = *e;
		}
	}
	lx->ne = k;
	qsort(lx->e, lx->ne, sizeof *lx->e, by_order);
	for (size_t i = 0; i < lx->ne; i++)
		lx->e[i].order = i;
}

static int by_ikey(const void *x, const void *y)
{
	const ikey *a = x, *b = y;
	size_t n = a->n < b->n ? a->n : b->n;
	int c = memcmp(a->s, b->s, n);
	if (c)
		return c;
	return a->n < b->n ? -1 : a->n > b->n;
}

static void build_index(txt_lex *lx)
{
	size_t ne = lx->ne ? lx->ne : 1;
	lx->exact = txt_xreallocarray(NULL, ne, sizeof *lx->exact);
	lx->prefix = txt_xreallocarray(NULL, ne, sizeof *lx->prefix);
	lx->other = txt_xreallocarray(NULL, ne, sizeof *lx->other);
	for (size_t i = 0; i < lx->ne; i++) {
		const char *w = lx->e[i].tok[0];
		const char *star = strchr(w, '*');
		size_t n = strlen(w);
		ikey k = {w, n, (uint32_t)i};
		if (!star) {
			lx->exact[lx->nexact++] = k;
		} else if (star == w + n - 1 && n > 1) {
			k.n = n - 1;
			lx->prefix[lx->nprefix++] = k;
		} else {
			lx->other[lx->nother++] = (uint32_t)i;
		}
	}
	qsort(lx->exact, lx->nexact, sizeof *lx->exact, by_ikey);
	qsort(lx->prefix, lx->nprefix, sizeof *lx->prefix, by_ikey);
}

txt_lex *txt_lex_parse(const char *name, const char *text, size_t len, int format,
                       txt_lex_norm norm, void *ctx)
{
	txt_lex *lx = txt_xcalloc(1, sizeof *lx);
	lx->norm = norm ? norm : ascii_lower;
	lx->ctx = ctx;
	lx->name = name;
	if (txt_text_check(name, text, len, 1) < 0) { /* a NUL would cut a pattern short */
		txt_lex_free(lx);
		return NULL;
	}
	if (format == TXT_LEX_AUTO) {
		const char *dot = strrchr(name, '.');
		format = dot && !strcmp(dot, ".dic") ? TXT_LEX_DIC
		         : dot && (!strcmp(dot, ".yml") || !strcmp(dot, ".yaml")) ? TXT_LEX_YAML
		                                                                  : TXT_LEX_TSV;
	}
	lines L = {text, text + len, 0};
	int rc = format == TXT_LEX_DIC ? parse_dic(lx, &L)
	         : format == TXT_LEX_YAML ? parse_yaml(lx, &L) : parse_tsv(lx, &L);
	if (rc == 0 && lx->ne == 0)
		rc = txt_err_set("%s: no patterns", name);
	lx->name = NULL;
	if (rc < 0) {
		txt_lex_free(lx);
		return NULL;
	}
	merge_dups(lx);
	build_index(lx);
	return lx;
}

txt_lex *txt_lex_load(const char *path, int format, txt_lex_norm norm, void *ctx)
{
	char *data;
	size_t len;
	if (txt_read_file(path, &data, &len) < 0)
		return NULL;
	txt_lex *lx = txt_lex_parse(path, data, len, format, norm, ctx);
	free(data);
	return lx;
}

void txt_lex_free(txt_lex *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->nf; i++)
		free(lx->frames[i]);
	for (size_t i = 0; i < lx->ne; i++)
		free_entry(&lx->e[i]);
	txt_free_all(lx->frames, lx->e, lx->exact, lx->prefix, lx->other, lx);
}

size_t txt_lex_nframes(const txt_lex *lx)
{
	return lx->nf;
}

const char *txt_lex_frame(const txt_lex *lx, size_t i)
{
	return i < lx->nf ? lx->frames[i] : NULL;
}

size_t txt_lex_npatterns(const txt_lex *lx)
{
	return lx->ne;
}

size_t txt_lex_pattern_frames(const txt_lex *lx, size_t p, const uint32_t **frames)
{
	if (p >= lx->ne)
		return 0;
	*frames = lx->e[p].frames;
	return lx->e[p].nframes;
}

/* ---- matching ---- */

static int word_match(const char *p, const char *s)
{
	return strchr(p, '*') ? txt_lex_glob(p, s) : strcmp(p, s) == 0;
}

/* Does entry e match tok[i..]? */
static int entry_match(const entry *e, const char *const *tok, const unsigned char *brk,
                       size_t ntok, size_t i)
{
	if (i + e->ntok > ntok)
		return 0;
	for (size_t k = 0; k < e->ntok; k++)
		if ((k > 0 && brk && brk[i + k]) || !word_match(e->tok[k], tok[i + k]))
			return 0;
	return 1;
}

/* Is a better than b by the rule in the header? */
static int better(const entry *a, const entry *b)
{
	if (!b)
		return 1;
	if (a->ntok != b->ntok)
		return a->ntok > b->ntok;
	if (a->nwild != b->nwild)
		return a->nwild < b->nwild;
	if (a->nlit != b->nlit)
		return a->nlit > b->nlit;
	return a->order < b->order;
}

/* Does e count for frame f (any frame when f < 0)? */
static int in_frame(const entry *e, long f)
{
	for (size_t k = 0; f >= 0 && k < e->nframes; k++)
		if (e->frames[k] == (uint32_t)f)
			return 1;
	return f < 0;
}

static void try_range(const txt_lex *lx, const ikey *arr, size_t n, const char *s, size_t sn,
                      const char *const *tok, const unsigned char *brk, size_t ntok, size_t i,
                      long frame, const entry **best)
{
	ikey k = {s, sn, 0};
	size_t lo = 0, hi = n;
	while (lo < hi) { /* first key >= s */
		size_t mid = lo + (hi - lo) / 2;
		if (by_ikey(&arr[mid], &k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && by_ikey(&arr[lo], &k) == 0; lo++) {
		const entry *e = &lx->e[arr[lo].e];
		if (better(e, *best) && in_frame(e, frame) && entry_match(e, tok, brk, ntok, i))
			*best = e;
	}
}

/* The best pattern (of frame, or of any when frame < 0) matching at
 * tok[i], or NULL. */
static const entry *best_at(const txt_lex *lx, const char *const *tok, const unsigned char *brk,
                            size_t ntok, size_t i, long frame)
{
	const entry *best = NULL;
	const char *t = tok[i];
	size_t tn = strlen(t);
	try_range(lx, lx->exact, lx->nexact, t, tn, tok, brk, ntok, i, frame, &best);
	for (size_t l = 1; l <= tn && lx->nprefix; l++)
		try_range(lx, lx->prefix, lx->nprefix, t, l, tok, brk, ntok, i, frame, &best);
	for (size_t k = 0; k < lx->nother; k++) {
		const entry *e = &lx->e[lx->other[k]];
		if (better(e, best) && in_frame(e, frame) && entry_match(e, tok, brk, ntok, i))
			best = e;
	}
	return best;
}

size_t txt_lex_match_frame(const txt_lex *lx, const char *const *tok, const unsigned char *brk,
                           size_t ntok, size_t i, size_t frame)
{
	const entry *best = best_at(lx, tok, brk, ntok, i, (long)frame);
	return best ? best->ntok : 0;
}

size_t txt_lex_match(const txt_lex *lx, const char *const *tok, const unsigned char *brk,
                     size_t ntok, size_t i, const uint32_t **frames, size_t *nframes)
{
	const entry *best = best_at(lx, tok, brk, ntok, i, -1);
	if (!best)
		return 0;
	*frames = best->frames;
	*nframes = best->nframes;
	return best->ntok;
}

const char *txt_lex_pattern(const txt_lex *lx, size_t p)
{
	return p < lx->ne ? lx->e[p].key : NULL;
}

static void hit(const txt_lex *lx, const entry *e, size_t frame, size_t i, txt_lex_hit_fn fn,
                void *ctx)
{
	txt_lex_hit h = {frame, (size_t)(e - lx->e), i, e->ntok};
	fn(&h, ctx);
}

/* Each frame on its own, as if scanned alone: frame f looks for a match at
 * i only once its previous match (or miss) is behind it. */
static void scan_each(const txt_lex *lx, const char *const *tok, const unsigned char *brk,
                      size_t ntok, txt_lex_hit_fn fn, void *ctx)
{
	size_t *next = txt_xcalloc(lx->nf ? lx->nf : 1, sizeof *next);
	for (size_t i = 0; i < ntok; i++)
		for (size_t f = 0; f < lx->nf; f++) {
			if (next[f] > i)
				continue;
			const entry *e = best_at(lx, tok, brk, ntok, i, (long)f);
			if (e)
				hit(lx, e, f, i, fn, ctx);
			next[f] = i + (e ? e->ntok : 1);
		}
	free(next);
}

void txt_lex_scan(const txt_lex *lx, const char *const *tok, const unsigned char *brk,
                  size_t ntok, int overlap, txt_lex_hit_fn fn, void *ctx)
{
	if (overlap == TXT_LEX_INDEPENDENT) {
		scan_each(lx, tok, brk, ntok, fn, ctx);
		return;
	}
	for (size_t i = 0; i < ntok;) {
		const entry *e = best_at(lx, tok, brk, ntok, i, -1);
		if (!e) {
			i++;
			continue;
		}
		for (size_t k = 0; k < e->nframes; k++)
			hit(lx, e, e->frames[k], i, fn, ctx);
		i += e->ntok;
	}
}

static void add_hit(const txt_lex_hit *h, void *ctx)
{
	((double *)ctx)[h->frame] += 1;
}

void txt_lex_count(const txt_lex *lx, const char *const *tok, const unsigned char *brk,
                   size_t ntok, int overlap, double *hits)
{
	txt_lex_scan(lx, tok, brk, ntok, overlap, add_hit, hits);
}

/* ---- a report of the matches ---- */

struct txt_lex_matches {
	txt_writer *w;
	txt_report *rep;
	const txt_lex *lx;
	const char *id, *text, *overlap;
	const size_t *start, *end;
	uint64_t line;
	char *buf;
	size_t cap;
	int rc, ov;
};

txt_lex_matches *txt_lex_matches_new(txt_writer *w, int format, const txt_lex *lx, int overlap)
{
	static const char *const cols[] = {"id",    "frame", "pattern", "match",
	                                   "line",  "start", "end",     "overlap"};
	txt_lex_matches *m = txt_xcalloc(1, sizeof *m);
	m->w = w;
	m->lx = lx;
	m->ov = overlap;
	m->overlap = overlap == TXT_LEX_INDEPENDENT ? "independent" : "longest";
	if (!(m->rep = txt_report_new(w, format, cols, 8, "llllrrrl"))) {
		free(m);
		return NULL;
	}
	return m;
}

static void match_row(const txt_lex_hit *h, void *ctx)
{
	txt_lex_matches *m = ctx;
	size_t a = m->start[h->first], b = m->end[h->first + h->ntok - 1];
	if (m->rc < 0)
		return;
	if (b - a + 1 > m->cap)
		m->buf = txt_xrealloc(m->buf, m->cap = b - a + 1);
	memcpy(m->buf, m->text + a, b - a);
	m->buf[b - a] = '\0';
	char n[3][32];
	snprintf(n[0], sizeof n[0], "%llu", (unsigned long long)m->line);
	snprintf(n[1], sizeof n[1], "%zu", a);
	snprintf(n[2], sizeof n[2], "%zu", b);
	const char *c[] = {m->id, txt_lex_frame(m->lx, h->frame), txt_lex_pattern(m->lx, h->pattern),
	                   m->buf, n[0], n[1], n[2], m->overlap};
	m->rc = txt_report_row(m->rep, c);
}

int txt_lex_matches_doc(txt_lex_matches *m, const char *id, uint64_t line, const char *text,
                        const char *const *tok, const unsigned char *brk, const size_t *start,
                        const size_t *end, size_t ntok)
{
	m->id = id;
	m->line = line;
	m->text = text;
	m->start = start;
	m->end = end;
	txt_lex_scan(m->lx, tok, brk, ntok, m->ov, match_row, m);
	return m->rc;
}

void txt_lex_matches_free(txt_lex_matches *m)
{
	if (!m)
		return;
	txt_report_free(m->rep);
	free(m->buf);
	free(m);
}
