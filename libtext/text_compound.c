/* text_compound: see text_compound.h. */
#include "text_compound.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_err.h"
#include "text_io.h"
#include "text_map.h"
#include "text_tsv.h"

_Static_assert(TXT_COMPOUND_MAX == 9, "the message below says 9");

struct txt_compounds {
	txt_map *full;   /* expressions: tokens joined by ' ' */
	txt_map *prefix; /* their proper prefixes, from one token on */
	size_t max;      /* tokens in the longest */
	char describe[48];
};

/* Tokenize one expression into key (tokens joined by ' '); its number of
 * tokens, or -1 with the reason in why. */
static long expr_key(txt_tok *tok, char *s, size_t n, txt_buf *key, const char **why)
{
	txt_token tk;
	long k = 0;
	key->n = 0;
	txt_tok_start(tok, s, n);
	while (txt_tok_next(tok, &tk)) {
		if (k > 0 && tk.brk) {
			*why = "a sentence end, punctuation or a stopword inside: it could never match";
			return -1;
		}
		if (++k > TXT_COMPOUND_MAX) {
			*why = "too many tokens (at most 9)";
			return -1;
		}
		if (k > 1)
			txt_buf_add(key, " ", 1);
		txt_buf_add(key, tk.s, tk.len);
	}
	if (k < 2)
		*why = "fewer than two tokens";
	return k < 2 ? -1 : k;
}

/* Register an expression and its prefixes. */
static void add_expr(txt_compounds *c, const txt_buf *key, long k)
{
	txt_map_put(c->full, key->s, key->n, NULL);
	for (size_t i = 0; i < key->n; i++)
		if (key->s[i] == ' ')
			txt_map_put(c->prefix, key->s, i, NULL);
	if ((size_t)k > c->max)
		c->max = (size_t)k;
}

static txt_compounds *load_fail(txt_compounds *c, txt_reader *r, txt_tok *tok, txt_buf *key)
{
	txt_compounds_free(c);
	txt_reader_close(r);
	txt_tok_free(tok);
	free(key->s);
	return NULL;
}

txt_compounds *txt_compounds_load(const char *path, const txt_tok_opts *opts)
{
	txt_tok_opts o = *opts;
	o.no_breaks = 0; /* a break inside an expression must be seen */
	txt_tok *tok = txt_tok_new(&o);
	txt_reader *r = tok ? txt_reader_open(path) : NULL;
	txt_compounds *c = txt_xcalloc(1, sizeof *c);
	txt_buf key = {0};
	if (!r)
		return load_fail(c, r, tok, &key);
	c->full = txt_map_new(256);
	c->prefix = txt_map_new(256);
	uint64_t h = 0;
	char *line;
	size_t len;
	int rc;
	while ((rc = txt_reader_next(r, &line, &len)) == 1) {
		len = strcspn(line, "\t");
		line[len] = '\0';
		len = txt_tsv_unescape(line, len);
		if (len == 0 || line[0] == '#' ||
		    (txt_reader_lineno(r) == 1 && strcmp(line, "collocation") == 0))
			continue;
		const char *why;
		long k = expr_key(tok, line, len, &key, &why);
		if (k < 0) {
			txt_err_set("%s:%llu: '%s': %s", txt_reader_name(r),
			            (unsigned long long)txt_reader_lineno(r), line, why);
			return load_fail(c, r, tok, &key);
		}
		add_expr(c, &key, k);
		h = txt_fold(h ^ txt_hash(key.s, key.n), 0x9e3779b97f4a7c15u);
	}
	if (rc == 0 && txt_map_size(c->full) == 0)
		txt_err_set("%s: no expression", txt_reader_name(r));
	if (rc < 0 || txt_map_size(c->full) == 0)
		return load_fail(c, r, tok, &key);
	snprintf(c->describe, sizeof c->describe, "%zu:%016llx", txt_map_size(c->full),
	         (unsigned long long)h);
	txt_reader_close(r);
	txt_tok_free(tok);
	free(key.s);
	return c;
}

void txt_compounds_free(txt_compounds *c)
{
	if (!c)
		return;
	txt_map_free(c->full);
	txt_map_free(c->prefix);
	free(c);
}

size_t txt_compounds_size(const txt_compounds *c) { return txt_map_size(c->full); }

const char *txt_compounds_describe(const txt_compounds *c) { return c->describe; }

/* ---- scanning ---- */

typedef struct qtok { /* a token waiting to be matched: its own copy */
	char *s;
	size_t len, cap;
	unsigned char brk;
} qtok;

struct txt_compound_scan {
	const txt_compounds *c;
	txt_tok_batch in;  /* the tokenizer's batch being taken from */
	size_t at;         /* its next token */
	int ended;         /* the tokenizer is at the text's end */
	qtok q[TXT_COMPOUND_MAX];
	size_t head, n;    /* a ring of n tokens from q[head] */
	txt_buf key, out;  /* a candidate key; the text of a joined token */
};

txt_compound_scan *txt_compound_scan_new(const txt_compounds *c)
{
	txt_compound_scan *s = txt_xcalloc(1, sizeof *s);
	s->c = c;
	return s;
}

void txt_compound_scan_free(txt_compound_scan *s)
{
	if (!s)
		return;
	txt_tok_batch_free(&s->in);
	for (size_t i = 0; i < TXT_COMPOUND_MAX; i++)
		free(s->q[i].s);
	txt_free_all(s->key.s, s->out.s, s);
}

static qtok *q_at(txt_compound_scan *s, size_t i) { return &s->q[(s->head + i) % s->c->max]; }

/* Fill the ring to the longest expression's length, or the text's end. */
static void fill(txt_compound_scan *s, txt_tok *tok)
{
	while (s->n < s->c->max && !s->ended) {
		if (s->at == s->in.n) {
			s->at = 0;
			if (!txt_tok_next_batch(tok, &s->in)) {
				s->ended = 1;
				break;
			}
		}
		qtok *t = q_at(s, s->n++);
		size_t len = s->in.len[s->at];
		if (len + 1 + TXT_TOK_PAD > t->cap) {
			t->cap = 2 * (len + 1 + TXT_TOK_PAD);
			t->s = txt_xrealloc(t->s, t->cap);
		}
		char shortbuf[TXT_TOK_SHORT + 1];
		memcpy(t->s, txt_tok_batch_text(&s->in, s->at, shortbuf), len + 1);
		t->len = len;
		t->brk = s->in.brk[s->at++];
	}
}

/* Tokens the longest expression at the ring's front has (1: none). */
static size_t longest(txt_compound_scan *s)
{
	const qtok *t0 = q_at(s, 0);
	if (s->n < 2 || txt_map_get(s->c->prefix, t0->s, t0->len) < 0)
		return 1;
	size_t best = 1;
	s->key.n = 0;
	txt_buf_add(&s->key, t0->s, t0->len);
	for (size_t j = 1; j < s->n; j++) {
		const qtok *t = q_at(s, j);
		if (t->brk)
			break;
		txt_buf_add(&s->key, " ", 1);
		txt_buf_add(&s->key, t->s, t->len);
		if (txt_map_get(s->c->full, s->key.s, s->key.n) >= 0)
			best = j + 1;
		if (txt_map_get(s->c->prefix, s->key.s, s->key.n) < 0)
			break;
	}
	return best;
}

/* Append token text s[0..n) (TXT_TOK_PAD readable bytes past it) to b. */
static void put(txt_tok_batch *b, const char *s, size_t n, unsigned char brk)
{
	size_t i = b->n++;
	b->len[i] = n;
	b->brk[i] = brk;
	if (n <= TXT_TOK_SHORT) {
		txt_key16(s, n, b->key[i]);
		return;
	}
	if (b->used + n + 1 + TXT_TOK_PAD > b->cap) {
		b->cap = 2 * (b->used + n + 1 + TXT_TOK_PAD);
		b->text = txt_xrealloc(b->text, b->cap);
	}
	memcpy(b->text + b->used, s, n);
	b->text[b->used + n] = '\0';
	b->key[i][0] = b->used;
	b->key[i][1] = 0;
	b->used += n + 1;
}

size_t txt_compound_next_batch(txt_compound_scan *s, txt_tok *tok, txt_tok_batch *b)
{
	b->n = b->used = 0;
	while (b->n < TXT_TOK_BATCH) {
		fill(s, tok);
		if (s->n == 0)
			break;
		size_t k = longest(s);
		const qtok *t0 = q_at(s, 0);
		if (k == 1) {
			put(b, t0->s, t0->len, t0->brk);
		} else {
			s->out.n = 0;
			for (size_t j = 0; j < k; j++) {
				if (j)
					txt_buf_add(&s->out, "_", 1);
				txt_buf_add(&s->out, q_at(s, j)->s, q_at(s, j)->len);
			}
			size_t n = s->out.n;
			char pad[TXT_TOK_PAD] = {0};
			txt_buf_add(&s->out, pad, sizeof pad); /* readable past the end */
			put(b, s->out.s, n, t0->brk);
		}
		s->head = (s->head + k) % s->c->max;
		s->n -= k;
	}
	if (b->n == 0) { /* the text's end: ready for the next */
		s->ended = 0;
		s->at = s->in.n = 0;
		s->head = 0;
	}
	return b->n;
}
