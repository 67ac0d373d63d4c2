/* text_feat: word and character n-gram features (see text_feat.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text_err.h"
#include "text_feat.h"
#include "text_map.h"

void txt_feat_opts_default(txt_feat_opts *o)
{
	memset(o, 0, sizeof *o);
	o->word_lo = 1;
	o->word_hi = 3;
	o->char_lo = 2;
	o->char_hi = 5;
	o->weight = TXT_FEAT_LOGTF;
	o->idf = 1;
	o->l2 = 1;
	o->min_df = 1;
	o->nb = 0;
	o->nb_alpha = 1.0;
}

static const char *const weight_names[] = {"binary", "tf", "log-tf"};

int txt_feat_weight_parse(const char *s, txt_feat_weight *w)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, weight_names[i]) == 0) {
			*w = (txt_feat_weight)i;
			return 0;
		}
	return txt_err_set("unknown weighting '%s' (binary, tf, log-tf)", s);
}

const char *txt_feat_weight_name(txt_feat_weight w)
{
	return (unsigned)w < 3 ? weight_names[w] : "?";
}

void txt_fmat_free(txt_fmat *m)
{
	if (!m)
		return;
	txt_free_all(m->off, m->idx, m->val, m);
}

/* ---- the raw corpus ---- */

typedef struct rawent {
	uint32_t id; /* raw term id (after freezing: rank) */
	uint32_t tf;
} rawent;

struct txt_feat_corpus {
	txt_feat_opts o;
	txt_tok *tok;
	txt_map *terms;     /* raw term -> raw id */
	size_t ndocs, capdocs;
	size_t *off;        /* ndocs + 1 */
	rawent *ent;
	size_t nent, capent;
	/* scratch */
	uint32_t *ids;
	size_t nids, capids;
	char *key;
	size_t capkey;
	char **prev;        /* last word_hi - 1 tokens */
	size_t *prevlen, *prevcap;
	/* frozen: rank of each raw id in bytewise order, entries by rank */
	uint32_t *rank;
	uint32_t *byrank;   /* raw id of each rank */
	size_t nfrozen;     /* number of raw terms when frozen */
	size_t nsorted;     /* documents whose entries are in rank order */
};

txt_feat_corpus *txt_feat_corpus_new(const txt_feat_opts *o, txt_tok *tok)
{
	txt_feat_corpus *c = txt_xcalloc(1, sizeof *c);
	c->o = *o;
	c->tok = tok;
	c->terms = txt_map_new(1 << 16);
	c->capdocs = 64;
	c->off = txt_xcalloc(c->capdocs + 1, sizeof *c->off);
	int nprev = o->word_hi > 1 ? o->word_hi : 1;
	c->prev = txt_xcalloc((size_t)nprev, sizeof *c->prev);
	c->prevlen = txt_xcalloc((size_t)nprev, sizeof *c->prevlen);
	c->prevcap = txt_xcalloc((size_t)nprev, sizeof *c->prevcap);
	return c;
}

void txt_feat_corpus_free(txt_feat_corpus *c)
{
	if (!c)
		return;
	int nprev = c->o.word_hi > 1 ? c->o.word_hi : 1;
	txt_strs_free(c->prev, (size_t)nprev);
	free(c->prevlen);
	free(c->prevcap);
	txt_map_free(c->terms);
	txt_free_all(c->off, c->ent, c->ids, c->key, c->rank, c->byrank, c);
}

size_t txt_feat_corpus_size(const txt_feat_corpus *c)
{
	return c->ndocs;
}

static void key_reserve(char **key, size_t *cap, size_t n)
{
	if (n > *cap) {
		*cap = n + n / 2 + 64;
		*key = txt_xrealloc(*key, *cap);
	}
}

/* A term sink: the corpus interns terms, a fitted space looks them up. */
typedef struct sink {
	txt_map *map;
	int lookup;         /* 1: only existing terms */
	uint32_t *ids;
	size_t n, cap;
} sink;

static void sink_put(sink *s, const char *k, size_t n)
{
	uint32_t id;
	if (s->lookup) {
		int64_t g = txt_map_get(s->map, k, n);
		if (g < 0)
			return;
		id = (uint32_t)g;
	} else {
		id = txt_map_put(s->map, k, n, NULL);
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->ids = txt_xreallocarray(s->ids, s->cap, sizeof *s->ids);
	}
	s->ids[s->n++] = id;
}

/* Scratch for building n-gram keys. */
typedef struct gen {
	const txt_feat_opts *o;
	char *key;
	size_t capkey;
	char **prev;
	size_t *prevlen, *prevcap;
} gen;

/* Word n-grams: keep the last word_hi tokens since the last break. */
static void gen_words(gen *g, txt_tok *tok, const char *text, size_t len, sink *s)
{
	const txt_feat_opts *o = g->o;
	if (o->word_lo <= 0 || o->word_hi <= 0)
		return;
	int h = o->word_hi, have = 0;
	txt_token t;
	txt_tok_start(tok, text, len);
	while (txt_tok_next(tok, &t)) {
		if (t.brk) /* a sentence end or a removed token */
			have = 0;
		/* shift the window: prev[0] is the newest token */
		char *last = g->prev[h - 1];
		size_t lastcap = g->prevcap[h - 1];
		memmove(g->prev + 1, g->prev, (size_t)(h - 1) * sizeof *g->prev);
		memmove(g->prevlen + 1, g->prevlen, (size_t)(h - 1) * sizeof *g->prevlen);
		memmove(g->prevcap + 1, g->prevcap, (size_t)(h - 1) * sizeof *g->prevcap);
		g->prev[0] = last;
		g->prevcap[0] = lastcap;
		key_reserve(&g->prev[0], &g->prevcap[0], t.len + 1);
		memcpy(g->prev[0], t.s, t.len);
		g->prevlen[0] = t.len;
		if (have < h)
			have++;
		size_t klen = 2;
		for (int n = 1; n <= have; n++) {
			/* the n-gram prev[n-1] ... prev[0] */
			size_t need = 2;
			for (int j = 0; j < n; j++)
				need += g->prevlen[j] + 1;
			key_reserve(&g->key, &g->capkey, need);
			memcpy(g->key, "w:", 2);
			klen = 2;
			for (int j = n - 1; j >= 0; j--) {
				memcpy(g->key + klen, g->prev[j], g->prevlen[j]);
				klen += g->prevlen[j];
				if (j)
					g->key[klen++] = ' ';
			}
			if (n >= o->word_lo)
				sink_put(s, g->key, klen);
		}
	}
}

static int is_space(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* NFKC + case folding; on invalid UTF-8, the bytes with ASCII lower-cased. */
static char *fold_text(const char *text, size_t len, size_t *outlen)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &dst,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
						  UTF8PROC_CASEFOLD);
	if (n >= 0) {
		*outlen = (size_t)n;
		return (char *)dst;
	}
	char *b = txt_xmalloc(len + 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];
		b[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	b[len] = 0;
	*outlen = len;
	return b;
}

/* Character n-grams over code points of the folded, space-collapsed text. */
static void gen_chars(gen *g, const char *text, size_t len, sink *s)
{
	const txt_feat_opts *o = g->o;
	if (o->char_lo <= 0 || o->char_hi <= 0)
		return;
	size_t flen;
	char *f = fold_text(text, len, &flen);
	/* collapse white space in place, trim the ends */
	size_t w = 0;
	int sp = 1;
	for (size_t i = 0; i < flen; i++) {
		unsigned char ch = (unsigned char)f[i];
		if (is_space(ch)) {
			if (!sp)
				f[w++] = ' ';
			sp = 1;
		} else {
			f[w++] = (char)ch;
			sp = 0;
		}
	}
	if (w && f[w - 1] == ' ')
		w--;
	/* start offsets of code points (continuation bytes are 10xxxxxx) */
	size_t *st = txt_xmalloc((w + 1) * sizeof *st);
	size_t ncp = 0;
	for (size_t i = 0; i < w; i++)
		if (((unsigned char)f[i] & 0xC0) != 0x80)
			st[ncp++] = i;
	st[ncp] = w;
	for (size_t i = 0; i < ncp; i++)
		for (int n = o->char_lo; n <= o->char_hi && i + (size_t)n <= ncp; n++) {
			size_t b = st[i], e = st[i + (size_t)n];
			key_reserve(&g->key, &g->capkey, e - b + 2);
			memcpy(g->key, "c:", 2);
			memcpy(g->key + 2, f + b, e - b);
			sink_put(s, g->key, e - b + 2);
		}
	free(st);
	free(f);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static void gen_all(gen *g, txt_tok *tok, const char *text, size_t len, sink *s)
{
	gen_words(g, tok, text, len, s);
	gen_chars(g, text, len, s);
	if (s->n > 1)
		qsort(s->ids, s->n, sizeof *s->ids, cmp_u32);
}

size_t txt_feat_corpus_add(txt_feat_corpus *c, const char *text, size_t len)
{
	gen g = {&c->o, c->key, c->capkey, c->prev, c->prevlen, c->prevcap};
	sink s = {c->terms, 0, c->ids, 0, c->capids};
	gen_all(&g, c->tok, text, len, &s);
	c->key = g.key;
	c->capkey = g.capkey;
	c->ids = s.ids;
	c->capids = s.cap;
	if (c->ndocs == c->capdocs) {
		c->capdocs *= 2;
		c->off = txt_xreallocarray(c->off, c->capdocs + 1, sizeof *c->off);
	}
	for (size_t i = 0; i < s.n;) {
		size_t j = i;
		while (j < s.n && s.ids[j] == s.ids[i])
			j++;
		if (c->nent == c->capent) {
			c->capent = c->capent ? c->capent * 2 : 4096;
			c->ent = txt_xreallocarray(c->ent, c->capent, sizeof *c->ent);
		}
		c->ent[c->nent].id = s.ids[i];
		c->ent[c->nent].tf = (uint32_t)(j - i);
		c->nent++;
		i = j;
	}
	c->off[++c->ndocs] = c->nent;
	return c->ndocs - 1;
}

static const txt_map *sort_map;

static int cmp_term(const void *a, const void *b)
{
	size_t la, lb;
	const char *x = txt_map_key(sort_map, *(const uint32_t *)a, &la);
	const char *y = txt_map_key(sort_map, *(const uint32_t *)b, &lb);
	int r = memcmp(x, y, la < lb ? la : lb);
	return r ? r : (la > lb) - (la < lb);
}

static const uint32_t *sort_rank;

static int cmp_ent(const void *a, const void *b)
{
	return cmp_u32(&sort_rank[((const rawent *)a)->id], &sort_rank[((const rawent *)b)->id]);
}

/* Rank raw terms bytewise once and order each document's entries by rank, so
 * every fitted space (ids increase with rank) yields rows in id order.
 * Documents added later are ranked again on the next fit. */
static void corpus_freeze(txt_feat_corpus *c)
{
	size_t nt = txt_map_size(c->terms), from = c->nsorted;
	if (!c->rank || c->nfrozen != nt) {
		free(c->rank);
		free(c->byrank);
		c->byrank = txt_xmalloc((nt ? nt : 1) * sizeof *c->byrank);
		c->rank = txt_xmalloc((nt ? nt : 1) * sizeof *c->rank);
		for (size_t i = 0; i < nt; i++)
			c->byrank[i] = (uint32_t)i;
		sort_map = c->terms;
		qsort(c->byrank, nt, sizeof *c->byrank, cmp_term);
		for (size_t i = 0; i < nt; i++)
			c->rank[c->byrank[i]] = (uint32_t)i;
		c->nfrozen = nt;
		from = 0;
	}
	sort_rank = c->rank;
	for (size_t d = from; d < c->ndocs; d++)
		if (c->off[d + 1] - c->off[d] > 1)
			qsort(c->ent + c->off[d], c->off[d + 1] - c->off[d], sizeof *c->ent, cmp_ent);
	c->nsorted = c->ndocs;
}

/* ---- fitted feature space ---- */

struct txt_feat {
	txt_feat_opts o;
	size_t v;
	char *arena;         /* terms back to back */
	size_t *toff;        /* v + 1 offsets into arena */
	double *idf, *ratio; /* v each, by id - 1 */
	unsigned char *fam;  /* 'w' or 'c' */
	uint32_t *rank2id;   /* corpus rank -> id (0: absent); NULL when loaded */
	size_t nrank;
	txt_map *lookup;     /* term -> id - 1, built on first use */
};

void txt_feat_free(txt_feat *f)
{
	if (!f)
		return;
	txt_free_all(f->arena, f->toff, f->idf, f->ratio, f->fam, f->rank2id);
	txt_map_free(f->lookup);
	free(f);
}

const txt_feat_opts *txt_feat_options(const txt_feat *f)
{
	return &f->o;
}

size_t txt_feat_size(const txt_feat *f)
{
	return f->v;
}

const char *txt_feat_term(const txt_feat *f, uint32_t id, size_t *len)
{
	if (len)
		*len = f->toff[id] - f->toff[id - 1];
	return f->arena + f->toff[id - 1];
}

double txt_feat_idf(const txt_feat *f, uint32_t id)
{
	return f->idf[id - 1];
}

double txt_feat_ratio(const txt_feat *f, uint32_t id)
{
	return f->ratio ? f->ratio[id - 1] : 1.0;
}

static txt_feat *feat_alloc(const txt_feat_opts *o, size_t v, size_t bytes)
{
	txt_feat *f = txt_xcalloc(1, sizeof *f);
	f->o = *o;
	f->v = v;
	f->arena = txt_xmalloc(bytes + 1);
	f->toff = txt_xcalloc(v + 1, sizeof *f->toff);
	f->idf = txt_xcalloc(v ? v : 1, sizeof *f->idf);
	f->fam = txt_xcalloc(v ? v : 1, 1);
	if (o->nb)
		f->ratio = txt_xcalloc(v ? v : 1, sizeof *f->ratio);
	return f;
}

/* Per-term document frequency over the chosen rows, overall and per class. */
static void count_df(const txt_feat_corpus *c, const size_t *rows, size_t n, const int *y,
		     uint32_t *df, uint32_t *df0, uint32_t *df1)
{
	for (size_t i = 0; i < n; i++) {
		size_t r = rows[i];
		for (size_t k = c->off[r]; k < c->off[r + 1]; k++) {
			uint32_t rk = c->rank[c->ent[k].id];
			df[rk]++;
			if (df0 && y[i] == 0)
				df0[rk]++;
			else if (df1 && y[i] == 1)
				df1[rk]++;
		}
	}
}

/* NB log-count ratio, Wang & Manning (2012) eq. 2:
 *   r = ln((p / |p|_1) / (q / |q|_1)),  p = alpha + f1,  q = alpha + f0
 * where f1 (f0) counts the documents of class 1 (0) that contain the term. */
static void nb_ratios(txt_feat *f, const uint32_t *p1, const uint32_t *p0)
{
	double a = f->o.nb_alpha, s1 = 0, s0 = 0;
	for (size_t i = 0; i < f->v; i++) {
		s1 += a + p1[i];
		s0 += a + p0[i];
	}
	for (size_t i = 0; i < f->v; i++)
		f->ratio[i] = log((a + p1[i]) / s1) - log((a + p0[i]) / s0);
}

txt_feat *txt_feat_fit(const txt_feat_opts *o, const txt_feat_corpus *cc, const size_t *rows,
		       size_t n, const int *y, int ncls)
{
	txt_feat_corpus *c = (txt_feat_corpus *)cc; /* freezing is a cache */
	if (o->nb && ncls != 2) {
		txt_err_set("NB scaling needs exactly two classes, found %d", ncls);
		return NULL;
	}
	corpus_freeze(c);
	size_t nt = c->nfrozen;
	uint32_t *df = txt_xcalloc(nt ? nt : 1, sizeof *df);
	uint32_t *df0 = o->nb ? txt_xcalloc(nt ? nt : 1, sizeof *df0) : NULL;
	uint32_t *df1 = o->nb ? txt_xcalloc(nt ? nt : 1, sizeof *df1) : NULL;
	count_df(c, rows, n, y, df, df0, df1);
	size_t v = 0, bytes = 0;
	for (size_t r = 0; r < nt; r++)
		if (df[r] > 0 && (long)df[r] >= o->min_df) {
			size_t kl;
			txt_map_key(c->terms, c->byrank[r], &kl);
			v++;
			bytes += kl;
		}
	if (v == 0) {
		txt_free_all(df, df0, df1);
		txt_err_set("no features: no term occurs in at least %ld training documents", o->min_df);
		return NULL;
	}
	txt_feat *f = feat_alloc(o, v, bytes);
	f->rank2id = txt_xcalloc(nt, sizeof *f->rank2id);
	f->nrank = nt;
	uint32_t *p0 = o->nb ? txt_xmalloc(v * sizeof *p0) : NULL;
	uint32_t *p1 = o->nb ? txt_xmalloc(v * sizeof *p1) : NULL;
	size_t id = 0, at = 0;
	for (size_t r = 0; r < nt; r++) {
		if (!(df[r] > 0 && (long)df[r] >= o->min_df))
			continue;
		size_t kl;
		const char *k = txt_map_key(c->terms, c->byrank[r], &kl);
		memcpy(f->arena + at, k, kl);
		at += kl;
		f->toff[id + 1] = at;
		f->fam[id] = (unsigned char)k[0];
		/* smoothed idf: ln((1 + N) / (1 + df)) + 1 */
		f->idf[id] = log((1.0 + (double)n) / (1.0 + df[r])) + 1.0;
		if (o->nb) {
			p0[id] = df0[r];
			p1[id] = df1[r];
		}
		f->rank2id[r] = (uint32_t)++id;
	}
	if (o->nb)
		nb_ratios(f, p1, p0);
	txt_free_all(p0, p1, df, df0, df1);
	return f;
}

txt_feat *txt_feat_load(const txt_feat_opts *o, size_t v, char *const *terms, const size_t *lens,
			const double *idf, const double *ratio)
{
	size_t bytes = 0;
	for (size_t i = 0; i < v; i++) {
		bytes += lens[i];
		if (i) {
			size_t a = lens[i - 1], b = lens[i];
			int r = memcmp(terms[i - 1], terms[i], a < b ? a : b);
			if (r > 0 || (r == 0 && a >= b)) {
				txt_err_set("vocabulary out of order at term %zu", i + 1);
				return NULL;
			}
		}
		if (lens[i] < 2 || (terms[i][0] != 'w' && terms[i][0] != 'c') || terms[i][1] != ':') {
			txt_err_set("vocabulary term %zu is not w:... or c:...", i + 1);
			return NULL;
		}
	}
	txt_feat_opts oo = *o;
	oo.nb = ratio != NULL;
	txt_feat *f = feat_alloc(&oo, v, bytes);
	size_t at = 0;
	for (size_t i = 0; i < v; i++) {
		memcpy(f->arena + at, terms[i], lens[i]);
		at += lens[i];
		f->toff[i + 1] = at;
		f->fam[i] = (unsigned char)terms[i][0];
		f->idf[i] = idf[i];
		if (ratio)
			f->ratio[i] = ratio[i];
	}
	return f;
}

/* ---- vectors ---- */

static double tf_weight(txt_feat_weight w, uint32_t tf)
{
	switch (w) {
	case TXT_FEAT_BINARY:
		return 1.0;
	case TXT_FEAT_TF:
		return (double)tf;
	default:
		return 1.0 + log((double)tf);
	}
}

typedef struct mat_build {
	txt_fmat *m;
	size_t cap;
	size_t n; /* entries so far; off[nrows] is the current row's start */
} mat_build;

static void mb_push(mat_build *b, uint32_t id, double val)
{
	txt_fmat *m = b->m;
	size_t at = b->n;
	if (at == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 1024;
		m->idx = txt_xreallocarray(m->idx, b->cap, sizeof *m->idx);
		m->val = txt_xreallocarray(m->val, b->cap, sizeof *m->val);
	}
	m->idx[at] = id;
	m->val[at] = val;
	b->n++;
}

/* Close the current row: L2-normalise each family separately, so the many
 * character n-grams do not swamp the word n-grams. */
static void mb_end_row(const txt_feat *f, mat_build *b, size_t start)
{
	txt_fmat *m = b->m;
	size_t end = b->n;
	if (f->o.l2) {
		double sw = 0, sc = 0;
		for (size_t k = start; k < end; k++) {
			double x = m->val[k] * m->val[k];
			if (f->fam[m->idx[k] - 1] == 'w')
				sw += x;
			else
				sc += x;
		}
		sw = sw > 0 ? 1 / sqrt(sw) : 0;
		sc = sc > 0 ? 1 / sqrt(sc) : 0;
		for (size_t k = start; k < end; k++)
			m->val[k] *= f->fam[m->idx[k] - 1] == 'w' ? sw : sc;
	}
	m->nrows++;
	m->off[m->nrows] = end;
}

static double term_value(const txt_feat *f, uint32_t id, uint32_t tf)
{
	double x = tf_weight(f->o.weight, tf);
	if (f->o.idf)
		x *= f->idf[id - 1];
	if (f->ratio)
		x *= f->ratio[id - 1];
	return x;
}

static txt_fmat *mat_new(size_t nrows)
{
	txt_fmat *m = txt_xcalloc(1, sizeof *m);
	m->off = txt_xcalloc(nrows + 1, sizeof *m->off);
	return m;
}

txt_fmat *txt_feat_rows(const txt_feat *f, const txt_feat_corpus *c, const size_t *rows, size_t n)
{
	txt_fmat *m = mat_new(n);
	mat_build b = {m, 0, 0};
	for (size_t i = 0; i < n; i++) {
		size_t r = rows[i], start = b.n;
		/* entries are in rank order (frozen), so ids come out increasing */
		for (size_t k = c->off[r]; k < c->off[r + 1]; k++) {
			uint32_t raw = c->ent[k].id;
			if (raw >= f->nrank)
				continue; /* term first seen after fitting */
			uint32_t id = f->rank2id[c->rank[raw]];
			if (id)
				mb_push(&b, id, term_value(f, id, c->ent[k].tf));
		}
		mb_end_row(f, &b, start);
	}
	return m;
}

static void build_lookup(txt_feat *f)
{
	f->lookup = txt_map_new(f->v);
	for (uint32_t id = 1; id <= f->v; id++) {
		size_t len;
		const char *t = txt_feat_term(f, id, &len);
		txt_map_put(f->lookup, t, len, NULL);
	}
}

txt_fmat *txt_feat_text(const txt_feat *cf, txt_tok *tok, const char *text, size_t len)
{
	txt_feat *f = (txt_feat *)cf; /* the lookup map is a cache */
	if (!f->lookup)
		build_lookup(f);
	int nprev = f->o.word_hi > 1 ? f->o.word_hi : 1;
	gen g = {&f->o, NULL, 0, txt_xcalloc((size_t)nprev, sizeof(char *)),
		 txt_xcalloc((size_t)nprev, sizeof(size_t)), txt_xcalloc((size_t)nprev, sizeof(size_t))};
	sink s = {f->lookup, 1, NULL, 0, 0};
	gen_all(&g, tok, text, len, &s);
	txt_fmat *m = mat_new(1);
	mat_build b = {m, 0, 0};
	for (size_t i = 0; i < s.n;) {
		size_t j = i;
		while (j < s.n && s.ids[j] == s.ids[i])
			j++;
		mb_push(&b, s.ids[i] + 1, term_value(f, s.ids[i] + 1, (uint32_t)(j - i)));
		i = j;
	}
	mb_end_row(f, &b, 0);
	txt_strs_free(g.prev, (size_t)nprev);
	txt_free_all(g.prevlen, g.prevcap, g.key, s.ids);
	return m;
}
