/* text_colloc: see text_colloc.h. */
#include "text_colloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include "text_counts.h"
#include "text_err.h"
#include "text_keys.h"
#include "text_map.h"
#include "text_pool.h"

#define BATCH_BYTES ((size_t)1 << 20) /* documents handed to a worker at once */

/* txt_colloc_score; with z_only, lambda, se and z only (ordering rows
 * needs no more). */
static int score_m(size_t k, const uint64_t *m, double smoothing, txt_colloc_stat *o, int z_only)
{
	if (k < 2 || k > TXT_COLLOC_MAXK)
		return txt_err_set("collocation size %zu: 2 to %d words", k, TXT_COLLOC_MAXK);
	const unsigned full = (1u << k) - 1;
	int64_t cell[1u << TXT_COLLOC_MAXK];
	double lambda = 0, var = 0;
	for (unsigned c = 0; c <= full; c++) {
		/* n_c by inclusion-exclusion over the supersets S of c */
		int64_t v = 0;
		for (unsigned s = c;; s = (s + 1) | c) {
			int sign = __builtin_popcount(s ^ c) & 1 ? -1 : 1;
			v += sign * (int64_t)m[s];
			if (s == full)
				break;
		}
		if (v < 0)
			return txt_err_set("inconsistent marginal counts (cell %u is %lld)", c,
			                   (long long)v);
		cell[c] = v;
		/* Blaheta & Johnson 2001: the K-way interaction of the saturated
		 * log-linear model, and its asymptotic variance sum 1/n_c */
		double n = (double)v + smoothing;
		lambda += ((k - (size_t)__builtin_popcount(c)) & 1 ? -1.0 : 1.0) * log(n);
		var += 1.0 / n;
	}
	o->count = m[full];
	o->lambda = lambda;
	o->se = sqrt(var);
	o->z = lambda / o->se;
	o->pmi = o->g2 = o->t = o->dice = NAN;
	if (k != 2 || z_only)
		return 0;
	/* the 2x2 table of bigrams, unsmoothed (Evert 2005) */
	double N = (double)m[0], r[2] = {(double)m[1], (double)(m[0] - m[1])},
	       col[2] = {(double)m[2], (double)(m[0] - m[2])};
	double obs[2][2] = {{(double)cell[3], (double)cell[1]}, {(double)cell[2], (double)cell[0]}};
	double e11 = r[0] * col[0] / N, g2 = 0;
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++)
			if (obs[i][j] > 0)
				g2 += obs[i][j] * log(obs[i][j] / (r[i] * col[j] / N));
	o->pmi = log2(obs[0][0] / e11);           /* Church & Hanks 1990 */
	o->g2 = 2 * g2;                           /* Dunning 1993 */
	o->t = (obs[0][0] - e11) / sqrt(obs[0][0]); /* Church et al. 1991 */
	o->dice = 2 * obs[0][0] / (r[0] + col[0]); /* Smadja et al. 1996 */
	return 0;
}

int txt_colloc_score(size_t k, const uint64_t *m, double smoothing, txt_colloc_stat *o)
{
	return score_m(k, m, smoothing, o, 0);
}

/* Documents go to the counting threads in batches of copied texts. */
typedef struct batch {
	txt_buf text;
	size_t *end;    /* document i is text[end[i-1] .. end[i]) */
	uint32_t *group; /* and in this group */
	size_t n, cap;
	char *err;      /* the first failure, or NULL */
	struct batch *next;
} batch;

/* A counting thread: its tokenizer, its table of words (ids of its own,
 * each mapped to the vocabulary's), and the K-grams waiting to be sorted. */
typedef struct worker {
	txt_tok *tok;
	txt_tok_batch b;
	txt_counts *words;
	uint32_t *glob; /* its word id -> the vocabulary's */
	size_t nglob, capglob;
	uint32_t ids[TXT_TOK_BATCH + TXT_COLLOC_MAXK];
	uint32_t *key, *tmp; /* nkey keys of w words, and room to sort them */
	size_t nkey;
} worker;

struct txt_colloc {
	txt_colloc_cfg cfg;
	size_t w;          /* words in a key: K, after the group's id when grouped */
	size_t keycap;     /* a worker's keys before they are sorted */
	txt_keys *keys;
	worker *wk;
	pthread_mutex_t mu; /* the vocabulary */
	txt_map *vocab;     /* word -> id */
	txt_map *groups;    /* group -> id, in the order they appear */
	batch *spare;
	/* after txt_colloc_finish */
	uint32_t *ckey;     /* candidate i's key: ckey[i * w ..] */
	uint64_t *count;
	size_t nrow, cap;
	uint64_t *single;   /* m_S of the one-word projections S, by group, position
			     * and word: single[(g * K + i) * nvocab + word] */
	size_t nvocab, nsingle;
	int slot[1u << TXT_COLLOC_MAXK]; /* projection S's place in a row's pids, or -1 */
	size_t nslot;
	uint32_t *pid;      /* row i's other projections' ids: pid[i * nslot + slot[S]] */
	uint32_t *order;    /* the rows in the output's order */
	uint64_t *gtotal, total; /* K-grams per group, in all */
	uint64_t *sum;      /* per projection */
	txt_colloc_row cur; /* the row last asked for */
	txt_buf text;
};

txt_colloc *txt_colloc_new(const txt_colloc_cfg *cfg)
{
	if (cfg->size < 2 || cfg->size > TXT_COLLOC_MAXK) {
		txt_err_set("collocation size %zu: 2 to %d words", cfg->size, TXT_COLLOC_MAXK);
		return NULL;
	}
	txt_colloc *c = txt_xcalloc(1, sizeof *c);
	c->cfg = *cfg;
	if (!c->cfg.threads)
		c->cfg.threads = 1;
	if (!c->cfg.name)
		c->cfg.name = "slant-colloc";
	c->w = cfg->size + (cfg->grouped != 0);
	/* a bound: half for the sorted runs, an eighth for the threads' keys
	 * and as much again to sort them, an eighth for the one-word counts,
	 * the rest for the words and the candidates */
	size_t per = cfg->max_mem ? (size_t)(cfg->max_mem / 8 / c->cfg.threads) : (size_t)16 << 20;
	c->keycap = per / (c->w * sizeof(uint32_t));
	if (c->keycap > ((size_t)2 << 20))
		c->keycap = (size_t)2 << 20;
	if (c->keycap < 4 * TXT_TOK_BATCH)
		c->keycap = 4 * TXT_TOK_BATCH;
	c->keys = txt_keys_new(c->w, cfg->max_mem / 2, c->cfg.name);
	c->vocab = txt_map_new(1 << 14);
	c->groups = txt_map_new(64);
	pthread_mutex_init(&c->mu, NULL);
	c->wk = txt_xcalloc(c->cfg.threads, sizeof *c->wk);
	for (size_t i = 0; i < c->cfg.threads; i++)
		if (!(c->wk[i].tok = txt_tok_new(cfg->tok))) {
			txt_colloc_free(c);
			return NULL;
		}
	return c;
}

static void batch_free(batch *b)
{
	while (b) {
		batch *next = b->next;
		txt_free_all(b->text.s, b->end, b->group, b->err, b);
		b = next;
	}
}

static void worker_free(worker *k)
{
	txt_tok_free(k->tok);
	txt_tok_batch_free(&k->b);
	txt_counts_free(k->words);
	txt_free_all(k->glob, k->key, k->tmp);
	memset(k, 0, sizeof *k);
}

void txt_colloc_free(txt_colloc *c)
{
	if (!c)
		return;
	for (size_t i = 0; c->wk && i < c->cfg.threads; i++)
		worker_free(&c->wk[i]);
	free(c->wk);
	txt_keys_free(c->keys);
	txt_map_free(c->vocab);
	txt_map_free(c->groups);
	pthread_mutex_destroy(&c->mu);
	batch_free(c->spare);
	txt_free_all(c->ckey, c->count, c->pid, c->single, c->order, c->gtotal,
		c->sum, c->text.s, c);
}

void txt_colloc_on_run(txt_colloc *c, void (*fn)(void *, unsigned, unsigned), void *arg)
{
	txt_keys_on_run(c->keys, fn, arg);
}

/* ---- counting ---- */

/* The vocabulary's ids of the worker's new words, local ids from nglob to
 * top (its table numbers words densely as it meets them). */
static void learn(txt_colloc *c, worker *k, uint32_t top)
{
	if (top >= k->capglob) {
		k->capglob = 2 * (size_t)top + 1024;
		k->glob = txt_xreallocarray(k->glob, k->capglob, sizeof *k->glob);
	}
	pthread_mutex_lock(&c->mu);
	for (; k->nglob <= top; k->nglob++) {
		size_t n;
		const char *s = txt_counts_word_text(k->words, (uint32_t)k->nglob, &n);
		k->glob[k->nglob] = txt_map_put(c->vocab, s, n, NULL);
	}
	pthread_mutex_unlock(&c->mu);
}

/* Sort and count the worker's keys. */
static int flush(txt_colloc *c, worker *k)
{
	int rc = txt_keys_add(c->keys, k->key, k->tmp, k->nkey);
	k->nkey = 0;
	return rc;
}

/* Worker k's K-grams of one document, as keys: [group,] K word ids. */
static int count_doc(txt_colloc *c, worker *k, uint32_t g, const char *text, size_t n)
{
	const size_t K = c->cfg.size, w = c->w;
	if (!k->words) {
		k->words = txt_counts_new();
		k->key = txt_xreallocarray(NULL, c->keycap, w * sizeof *k->key);
		k->tmp = txt_xreallocarray(NULL, c->keycap, w * sizeof *k->tmp);
	}
	txt_tok_start(k->tok, text, n);
	size_t run = 0, held = 0; /* words of the sentence so far; ids kept in front */
	while (txt_tok_next_batch(k->tok, &k->b)) {
		const txt_tok_batch *b = &k->b;
		uint32_t *ids = k->ids + held;
		txt_counts_words(k->words, b->key, b->len, b->text, b->n, ids);
		for (size_t i = 0; i < b->n; i++) {
			if (ids[i] >= k->nglob)
				learn(c, k, ids[i]);
			ids[i] = k->glob[ids[i]];
		}
		if (k->nkey + b->n > c->keycap && flush(c, k) < 0)
			return -1;
		uint32_t *out = k->key + k->nkey * w;
		for (size_t i = 0; i < b->n; i++) {
			run = b->brk[i] ? 1 : run + 1;
			if (run < K)
				continue;
			if (w > K)
				*out++ = g;
			const uint32_t *gram = ids + i + 1 - K;
			for (size_t j = 0; j < K; j++)
				out[j] = gram[j];
			out += K;
			k->nkey++;
		}
		size_t keep = run < K - 1 ? run : K - 1, total = held + b->n;
		memmove(k->ids, k->ids + total - keep, keep * sizeof *k->ids);
		held = keep;
	}
	return 0;
}

static uint32_t group_id(txt_colloc *c, const char *g, size_t gn)
{
	return c->cfg.grouped ? txt_map_put(c->groups, g, gn, NULL) : 0;
}

int txt_colloc_doc(txt_colloc *c, const char *g, size_t gn, const char *text, size_t n)
{
	return count_doc(c, &c->wk[0], group_id(c, g, gn), text, n);
}

int txt_colloc_text(txt_colloc *c, const char *text, size_t n)
{
	return txt_colloc_doc(c, "", 0, text, n);
}

/* txt_pool_fn: count a batch's documents in worker `who`. */
static void count_batch(void *arg, void *ctx, size_t who)
{
	batch *b = arg;
	txt_colloc *c = ctx;
	for (size_t i = 0, at = 0; i < b->n && !b->err; at = b->end[i++])
		if (count_doc(c, &c->wk[who], b->group[i], b->text.s + at, b->end[i] - at) < 0)
			b->err = txt_xstrdup(txt_err());
}

static batch *batch_get(txt_colloc *c)
{
	batch *b = c->spare;
	if (b)
		c->spare = b->next;
	else
		b = txt_xcalloc(1, sizeof *b);
	b->text.n = b->n = 0;
	b->next = NULL;
	return b;
}

/* A batch back from the pool: keep its first failure, then reuse it. */
static void batch_back(txt_colloc *c, batch *b, char **err)
{
	if (b->err && !*err)
		*err = b->err;
	else
		free(b->err);
	b->err = NULL;
	b->next = c->spare;
	c->spare = b;
}

static void batch_doc(txt_colloc *c, batch *b, const txt_field *f, size_t text, size_t gcol)
{
	txt_buf_add(&b->text, f[text].s, f[text].len);
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->end = txt_xreallocarray(b->end, b->cap, sizeof *b->end);
		b->group = txt_xreallocarray(b->group, b->cap, sizeof *b->group);
	}
	b->group[b->n] = c->cfg.grouped ? group_id(c, f[gcol].s, f[gcol].len) : 0;
	b->end[b->n++] = b->text.n;
}

int txt_colloc_read(txt_colloc *c, txt_doc_in *in, size_t gcol)
{
	txt_pool *p = txt_pool_new(c->cfg.threads, 0, count_batch, c);
	if (!p)
		return -1;
	size_t text = txt_doc_in_ncols(in) - 1; /* the text column is last */
	const txt_field *f;
	char *err = NULL;
	batch *b = batch_get(c), *done;
	int rc;
	while ((rc = txt_doc_in_next(in, &f)) == 1) {
		batch_doc(c, b, f, text, gcol);
		if (b->text.n >= BATCH_BYTES) {
			if ((done = txt_pool_put(p, b)))
				batch_back(c, done, &err);
			b = batch_get(c);
		}
	}
	char *readerr = rc < 0 ? txt_xstrdup(txt_err()) : NULL;
	if (b->n && (done = txt_pool_put(p, b)))
		batch_back(c, done, &err);
	else if (!b->n)
		batch_back(c, b, &err);
	while ((done = txt_pool_get(p)))
		batch_back(c, done, &err);
	txt_pool_free(p);
	if (readerr || err)
		txt_err_set("%s", readerr ? readerr : err);
	free(readerr);
	free(err);
	return rc < 0 || err ? -1 : 0;
}

/* ---- scoring ---- */

/* The key of projection S (a subset of the positions, as bits) of key x:
 * S, then x with the words outside S zeroed (the group's id kept). */
static size_t proj_key(uint32_t *pk, unsigned s, const uint32_t *x, size_t w, size_t k)
{
	const size_t off = w - k;
	pk[0] = s;
	for (size_t i = 0; i < off; i++)
		pk[1 + i] = x[i];
	for (size_t i = 0; i < k; i++)
		pk[1 + off + i] = s >> i & 1 ? x[off + i] : 0;
	return (1 + w) * sizeof *pk;
}

static uint32_t key_group(const txt_colloc *c, const uint32_t *x)
{
	return c->cfg.grouped ? x[0] : 0;
}

/* The projections a row keeps ids for: all but the whole and the empty
 * one, and the one-word ones when single[] holds those (when they fit in
 * an eighth of the memory bound, or 256 MiB without one). */
/* Bytes the one-word counts may take: an eighth of the bound, or 256 MiB
 * without one. */
static uint64_t single_cap(const txt_colloc *c)
{
	return c->cfg.max_mem ? c->cfg.max_mem / 8 : (uint64_t)256 << 20;
}

static void plan_projections(txt_colloc *c, size_t ngroups)
{
	const size_t k = c->cfg.size;
	const unsigned full = (1u << k) - 1;
	c->nvocab = txt_map_size(c->vocab);
	if ((uint64_t)ngroups * k <= single_cap(c) / sizeof *c->single / (c->nvocab + 1))
		c->nsingle = ngroups * k * c->nvocab + 1; /* the test above cannot overflow */
	c->single = c->nsingle ? txt_xcalloc(c->nsingle, sizeof *c->single) : NULL;
	c->nslot = 0;
	for (unsigned s = 1; s < full; s++)
		c->slot[s] = c->single && __builtin_popcount(s) == 1 ? -1 : (int)c->nslot++;
}

static size_t single_at(const txt_colloc *c, const uint32_t *x, size_t i)
{
	const size_t k = c->cfg.size;
	return ((size_t)key_group(c, x) * k + i) * c->nvocab + x[c->w - k + i];
}

/* A part of the first pass: the keys from lo to hi (NULL: the ends), read
 * by one thread into counts of its own. */
typedef struct part {
	const txt_colloc *c;
	const uint32_t *lo, *hi;
	uint64_t *gtotal, *single, total;
	uint32_t *ckey; /* its candidates */
	uint64_t *count;
	size_t n, cap;
	char *err;
} part;

/* txt_pool_fn: the totals and one-word counts of a part; its candidates. */
static void scan_part(void *job, void *arg, size_t who)
{
	(void)arg;
	(void)who;
	part *p = job;
	const txt_colloc *c = p->c;
	const size_t k = c->cfg.size, w = c->w;
	txt_keys_iter *it = txt_keys_iter_range(c->keys, p->lo, p->hi);
	const uint32_t *x;
	uint64_t n;
	int rc = it ? 0 : -1;
	while (it && (rc = txt_keys_next(it, &x, &n)) == 1) {
		p->gtotal[key_group(c, x)] += n;
		p->total += n;
		for (size_t i = 0; p->single && i < k; i++)
			p->single[single_at(c, x, i)] += n;
		if (n < c->cfg.min_count)
			continue;
		if (p->n == p->cap) { /* by half: less slack, at the peak too */
			p->cap = p->cap ? p->cap + p->cap / 2 : 1024;
			p->ckey = txt_xreallocarray(p->ckey, p->cap, w * sizeof *p->ckey);
			p->count = txt_xreallocarray(p->count, p->cap, sizeof *p->count);
		}
		memcpy(p->ckey + p->n * w, x, w * sizeof *x);
		p->count[p->n++] = n;
	}
	if (rc < 0)
		p->err = txt_xstrdup(txt_err());
	txt_keys_iter_free(it);
}

/* Part p's counts and candidates added to c's (in key order); 0, or -1. */
static int take_part(txt_colloc *c, part *p, size_t ng)
{
	int rc = 0;
	if (p->err)
		rc = txt_err_set("%s", p->err);
	else if (c->nrow + p->n > UINT32_MAX)
		rc = txt_err_set("more than %u expressions", (unsigned)UINT32_MAX);
	for (size_t g = 0; g < ng; g++)
		c->gtotal[g] += p->gtotal[g];
	c->total += p->total;
	for (size_t i = 0; p->single != c->single && i < c->nsingle; i++)
		c->single[i] += p->single[i];
	if (rc == 0 && p->n) {
		c->ckey = txt_xreallocarray(c->ckey, c->nrow + p->n, c->w * sizeof *c->ckey);
		c->count = txt_xreallocarray(c->count, c->nrow + p->n, sizeof *c->count);
		memcpy(c->ckey + c->nrow * c->w, p->ckey, p->n * c->w * sizeof *p->ckey);
		memcpy(c->count + c->nrow, p->count, p->n * sizeof *p->count);
		c->nrow += p->n;
	}
	if (p->single != c->single)
		free(p->single);
	txt_free_all(p->gtotal, p->ckey, p->count, p->err);
	return rc;
}

/* First pass, in parts read by the threads: the totals and the one-word
 * projections, the candidates; then their other projections registered. */
static int candidates(txt_colloc *c, txt_map *proj)
{
	const size_t k = c->cfg.size, w = c->w;
	const unsigned full = (1u << k) - 1;
	size_t ng = c->cfg.grouped ? txt_map_size(c->groups) : 1;
	ng = ng ? ng : 1;
	c->gtotal = txt_xcalloc(ng, sizeof *c->gtotal);
	plan_projections(c, ng);
	size_t nparts = c->cfg.threads;
	if (c->single && c->nsingle * sizeof *c->single > single_cap(c) / nparts)
		nparts = 1; /* no room for a copy of the one-word counts each */
	uint32_t *cuts = txt_xcalloc(nparts * w, sizeof *cuts);
	nparts = nparts > 1 ? txt_keys_cuts(c->keys, nparts, cuts) + 1 : 1;
	part *pt = txt_xcalloc(nparts, sizeof *pt);
	txt_pool *pool = txt_pool_new(nparts > 1 ? nparts : 0, nparts + 1, scan_part, NULL);
	if (!pool) {
		free(pt);
		free(cuts);
		return -1;
	}
	int rc = 0;
	part *done;
	for (size_t i = 0; i <= nparts; i++) { /* then the parts still in the pool */
		if (i < nparts) {
			pt[i] = (part){.c = c,
				       .lo = i ? cuts + (i - 1) * w : NULL,
				       .hi = i + 1 < nparts ? cuts + i * w : NULL,
				       .gtotal = txt_xcalloc(ng, sizeof *pt[i].gtotal)};
			pt[i].single = nparts == 1 ? c->single
				       : c->single ? txt_xcalloc(c->nsingle, sizeof *c->single) : NULL;
		}
		while ((done = i < nparts ? txt_pool_put(pool, &pt[i]) : txt_pool_get(pool))) {
			if (take_part(c, done, ng) < 0)
				rc = -1;
			if (i < nparts)
				break; /* put returns one part at most */
		}
	}
	txt_pool_free(pool);
	free(pt);
	free(cuts);
	if (rc == 0 && c->nslot) {
		c->pid = txt_xreallocarray(NULL, c->nrow ? c->nrow : 1, c->nslot * sizeof *c->pid);
		uint32_t pk[1 + TXT_KEYS_MAXW];
		for (size_t i = 0; i < c->nrow; i++)
			for (unsigned s = 1; s < full; s++)
				if (c->slot[s] >= 0)
					c->pid[i * c->nslot + (size_t)c->slot[s]] = txt_map_put(
						proj, (const char *)pk, proj_key(pk, s, c->ckey + i * w, w, k), NULL);
	}
	c->sum = txt_xcalloc(txt_map_size(proj) ? txt_map_size(proj) : 1, sizeof *c->sum);
	return rc;
}

/* Second pass (when rows keep projections): every K-gram adds its count
 * to the projections it has. */
static int marginals(txt_colloc *c, const txt_map *proj)
{
	const size_t k = c->cfg.size, w = c->w;
	const unsigned full = (1u << k) - 1;
	if (c->nslot == 0 || txt_map_size(proj) == 0)
		return 0;
	txt_keys_iter *it = txt_keys_iter_new(c->keys);
	if (!it)
		return -1;
	const uint32_t *x;
	uint64_t n;
	uint32_t pk[1 + TXT_KEYS_MAXW];
	int rc;
	while ((rc = txt_keys_next(it, &x, &n)) == 1)
		for (unsigned s = 1; s < full; s++) {
			if (c->slot[s] < 0)
				continue;
			int64_t id = txt_map_get(proj, (const char *)pk, proj_key(pk, s, x, w, k));
			if (id >= 0)
				c->sum[id] += n;
		}
	txt_keys_iter_free(it);
	return rc;
}

/* Row i's words joined by spaces, in t. */
static const char *row_text(const txt_colloc *c, size_t i, txt_buf *t)
{
	const size_t k = c->cfg.size, w = c->w;
	const uint32_t *x = c->ckey + i * w + (w - k);
	t->n = 0;
	for (size_t j = 0; j < k; j++) {
		size_t n;
		const char *s = txt_map_key(c->vocab, x[j], &n);
		if (j)
			txt_buf_add(t, " ", 1);
		txt_buf_add(t, s, n);
	}
	txt_buf_add(t, "", 1);
	return t->s;
}

/* The scores of row i, from its sub-patterns' counts. */
static int score(const txt_colloc *c, size_t i, txt_colloc_stat *st, int z_only)
{
	const size_t k = c->cfg.size;
	const unsigned full = (1u << k) - 1;
	const uint32_t *pid = c->pid + i * c->nslot, *x = c->ckey + i * c->w;
	uint64_t m[1u << TXT_COLLOC_MAXK];
	m[0] = c->gtotal[key_group(c, x)];
	m[full] = c->count[i];
	for (unsigned s = 1; s < full; s++)
		m[s] = c->slot[s] >= 0 ? c->sum[pid[c->slot[s]]]
				       : c->single[single_at(c, x, (size_t)__builtin_ctz(s))];
	if (score_m(k, m, c->cfg.smoothing, st, z_only) < 0) {
		txt_buf t = {0};
		txt_err_set("'%s': %s", row_text(c, i, &t), txt_err()); /* it copies first */
		free(t.s);
		return -1;
	}
	return 0;
}

/* A row's place in the output: decreasing z as an unsigned key (0 first),
 * then its text. */
typedef struct zrow {
	uint64_t key;
	uint32_t row;
} zrow;

static uint64_t z_key(double z)
{
	uint64_t u;
	z += 0.0; /* -0 sorts as 0 */
	memcpy(&u, &z, sizeof u);
	u = u >> 63 ? ~u : u | (uint64_t)1 << 63; /* increasing with z */
	return ~u;
}

static const txt_colloc *sort_c; /* for text_cmp (qsort has no argument) */
static txt_buf sort_a, sort_b;

static int text_cmp(const void *pa, const void *pb)
{
	const zrow *a = pa, *b = pb;
	return strcmp(row_text(sort_c, a->row, &sort_a), row_text(sort_c, b->row, &sort_b));
}

/* LSD radix sort on the keys, a byte a pass (passes where all keys share
 * the byte skipped); stable. */
static void radix_sort(zrow *a, size_t n)
{
	zrow *tmp = txt_xreallocarray(NULL, n ? n : 1, sizeof *tmp), *from = a, *to = tmp;
	for (unsigned shift = 0; shift < 64; shift += 8) {
		size_t count[257] = {0};
		for (size_t i = 0; i < n; i++)
			count[(from[i].key >> shift & 0xff) + 1]++;
		int same = 0;
		for (size_t d = 1; d <= 256 && !same; d++)
			same = count[d] == n;
		if (same)
			continue;
		for (size_t d = 1; d <= 256; d++)
			count[d] += count[d - 1];
		for (size_t i = 0; i < n; i++)
			to[count[from[i].key >> shift & 0xff]++] = from[i];
		zrow *t = from;
		from = to;
		to = t;
	}
	if (from != a)
		memcpy(a, from, n * sizeof *a);
	free(tmp);
}

/* Rows lo .. hi (one group's: the candidates come by group), by z, then
 * text. */
static void sort_group(const txt_colloc *c, zrow *z, size_t lo, size_t hi)
{
	radix_sort(z + lo, hi - lo);
	sort_c = c;
	for (size_t i = lo, j; i < hi; i = j) { /* equal z: by text */
		for (j = i + 1; j < hi && z[j].key == z[i].key; j++)
			;
		if (j - i > 1)
			qsort(z + i, j - i, sizeof *z, text_cmp);
	}
}

/* Rows scored by the threads, a range at a time. */
typedef struct zjob {
	const txt_colloc *c;
	zrow *z;
	size_t lo, hi;
	char *err;
} zjob;

static void score_range(void *job, void *arg, size_t who)
{
	(void)arg;
	(void)who;
	zjob *j = job;
	txt_colloc_stat st;
	for (size_t i = j->lo; i < j->hi && !j->err; i++) {
		if (score(j->c, i, &st, 1) < 0)
			j->err = txt_xstrdup(txt_err());
		j->z[i] = (zrow){z_key(st.z), (uint32_t)i};
	}
}

/* Every row's z, in parallel; 0, or -1 with the first failure. */
static int score_all(txt_colloc *c, zrow *z)
{
	enum { AT_ONCE = 1 << 14 };
	txt_pool *p = txt_pool_new(c->cfg.threads, 0, score_range, NULL);
	if (!p)
		return -1;
	char *err = NULL;
	zjob *done;
	for (size_t lo = 0;; lo += AT_ONCE) {
		zjob *j = NULL;
		if (lo < c->nrow) {
			j = txt_xcalloc(1, sizeof *j);
			*j = (zjob){c, z, lo, c->nrow - lo < AT_ONCE ? c->nrow : lo + AT_ONCE, NULL};
		}
		done = j ? txt_pool_put(p, j) : txt_pool_get(p);
		if (done) {
			if (done->err && !err)
				err = done->err;
			else
				free(done->err);
			free(done);
		} else if (!j) {
			break;
		}
	}
	txt_pool_free(p);
	if (err)
		txt_err_set("%s", err);
	free(err);
	return err ? -1 : 0;
}

static int score_rows(txt_colloc *c)
{
	zrow *z = txt_xreallocarray(NULL, c->nrow ? c->nrow : 1, sizeof *z);
	if (score_all(c, z) < 0) {
		free(z);
		return -1;
	}
	for (size_t lo = 0, hi; lo < c->nrow; lo = hi) {
		uint32_t g = key_group(c, c->ckey + lo * c->w);
		for (hi = lo + 1; hi < c->nrow && key_group(c, c->ckey + hi * c->w) == g; hi++)
			;
		sort_group(c, z, lo, hi);
	}
	c->order = txt_xreallocarray(NULL, c->nrow ? c->nrow : 1, sizeof *c->order);
	for (size_t i = 0; i < c->nrow; i++)
		c->order[i] = z[i].row;
	txt_free_all(z, sort_a.s, sort_b.s);
	sort_a = sort_b = (txt_buf){0};
	return 0;
}

int txt_colloc_finish(txt_colloc *c)
{
	int rc = 0;
	for (size_t i = 0; i < c->cfg.threads; i++) {
		if (rc == 0 && c->wk[i].nkey)
			rc = flush(c, &c->wk[i]);
		worker_free(&c->wk[i]); /* the words are in the vocabulary */
	}
	txt_map *proj = txt_map_new(1 << 16);
	if (rc == 0)
		rc = candidates(c, proj) == 0 && marginals(c, proj) == 0 ? 0 : -1;
	txt_map_free(proj); /* the rows have their projections' ids */
	txt_keys_free(c->keys);
	c->keys = NULL;
	return rc < 0 ? -1 : score_rows(c);
}

size_t txt_colloc_nrows(const txt_colloc *c) { return c->nrow; }

void txt_colloc_row_at(const txt_colloc *c, size_t i, txt_colloc_row *row, txt_buf *text)
{
	size_t r = c->order[i];
	row->group = c->cfg.grouped ? txt_map_key(c->groups, key_group(c, c->ckey + r * c->w), NULL)
				    : NULL;
	score(c, r, &row->s, 0); /* it succeeded in txt_colloc_finish */
	row->text = row_text(c, r, text);
}

const txt_colloc_row *txt_colloc_get(txt_colloc *c, size_t i)
{
	txt_colloc_row_at(c, i, &c->cur, &c->text);
	return &c->cur;
}

uint64_t txt_colloc_total(const txt_colloc *c) { return c->total; }
