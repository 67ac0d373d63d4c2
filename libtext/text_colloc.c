/* text_colloc: see text_colloc.h. */
#include "text_colloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text_counts.h"
#include "text_err.h"
#include "text_io.h"
#include "text_map.h"
#include "text_pool.h"
#include "text_tally.h"

#define BATCH_BYTES ((size_t)1 << 20) /* documents handed to a worker at once */

int txt_colloc_score(size_t k, const uint64_t *m, double smoothing, txt_colloc_stat *o)
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
	if (k != 2)
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

/* Documents go to the counting threads in batches of copied texts. */
typedef struct batch {
	txt_buf text;
	size_t *end; /* document i is text[end[i-1] .. end[i]) */
	size_t n, cap;
	char *err;   /* the first failure, or NULL */
	struct batch *next;
} batch;

/* A candidate expression, as small as it can be: the scores are computed
 * again from the sub-patterns' counts when a row is asked for. */
typedef struct cand {
	uint64_t count;
	size_t off; /* its text at words.s + off */
} cand;

struct txt_colloc {
	txt_colloc_cfg cfg;
	txt_tally *tally;
	batch *spare;
	char path[4096];   /* the K-grams' counts file while it has a name */
	cand *row;
	size_t nrow, cap;
	uint32_t *pid;   /* row i's projections' ids: pid[i * (2^K - 2) + S - 1] */
	uint32_t *order; /* the rows in the output's order */
	txt_colloc_row cur; /* the row last asked for */
	char *key;          /* a projection's key */
	size_t keycap;
	txt_buf words;
	txt_map *proj;     /* a projection's key -> id */
	uint64_t *sum, total;
	size_t nsum;
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
	char k[8];
	snprintf(k, sizeof k, "%zu", cfg->size);
	txt_counts_meta m = {"colloc", k, "", NULL};
	txt_tally_cfg tc = {cfg->tok, (long)cfg->size, (long)cfg->size, c->cfg.threads,
	                    cfg->max_mem, c->cfg.name, NULL};
	if (!(c->tally = txt_tally_new(&tc, &m))) {
		free(c);
		return NULL;
	}
	return c;
}

static void batch_free(batch *b)
{
	while (b) {
		batch *next = b->next;
		free(b->text.s);
		free(b->end);
		free(b->err);
		free(b);
		b = next;
	}
}

void txt_colloc_free(txt_colloc *c)
{
	if (!c)
		return;
	txt_tally_free(c->tally);
	batch_free(c->spare);
	free(c->row);
	free(c->pid);
	free(c->order);
	free(c->key);
	free(c->words.s);
	txt_map_free(c->proj);
	free(c->sum);
	free(c);
}

void txt_colloc_on_run(txt_colloc *c, void (*fn)(void *, unsigned, unsigned), void *arg)
{
	txt_tally_on_run(c->tally, fn, arg);
}

int txt_colloc_text(txt_colloc *c, const char *text, size_t n)
{
	return txt_tally_doc(c->tally, 0, "all", 3, text, n);
}

/* txt_pool_fn: count a batch's documents into worker who's table. */
static void count_batch(void *arg, void *ctx, size_t who)
{
	batch *b = arg;
	txt_colloc *c = ctx;
	for (size_t i = 0, at = 0; i < b->n && !b->err; at = b->end[i++])
		if (txt_tally_doc(c->tally, who, "all", 3, b->text.s + at, b->end[i] - at) < 0)
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

int txt_colloc_read(txt_colloc *c, txt_doc_in *in)
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
		txt_buf_add(&b->text, f[text].s, f[text].len);
		if (b->n == b->cap) {
			b->cap = b->cap ? 2 * b->cap : 256;
			b->end = txt_xreallocarray(b->end, b->cap, sizeof *b->end);
		}
		b->end[b->n++] = b->text.n;
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

/* Split a K-gram's text into its words; 0, or -1 unless exactly k. */
static int split_words(const char *s, size_t n, size_t k, const char **w, size_t *len)
{
	size_t i = 0;
	for (const char *p = s, *e = s + n; p <= e; i++) {
		const char *sp = memchr(p, ' ', (size_t)(e - p));
		if (!sp)
			sp = e;
		if (i == k || sp == p)
			return -1;
		w[i] = p;
		len[i] = (size_t)(sp - p);
		p = sp + 1;
	}
	return i == k ? 0 : -1;
}

/* The key of projection S (a subset of the positions, as bits): S's byte,
 * then the words at S, each ended by a space. */
static size_t proj_key(char *key, unsigned s, size_t k, const char **w, const size_t *len)
{
	size_t n = 0;
	key[n++] = (char)s;
	for (size_t i = 0; i < k; i++)
		if (s >> i & 1) {
			memcpy(key + n, w[i], len[i]);
			n += len[i];
			key[n++] = ' ';
		}
	return n;
}

/* Rows of the K-grams' file: 1 with a term row, 0 at the end, -1. */
static int next_gram(txt_counts_in *in, txt_counts_row *r)
{
	int rc;
	while ((rc = txt_counts_read(in, r)) == 1 && r->tlen == 0)
		; /* the total row */
	return rc;
}

static int gram_error(txt_counts_in *in, const txt_counts_row *r)
{
	return txt_err_set("%s:%llu: '%s' is not a %s", txt_counts_name(in),
	                   (unsigned long long)txt_counts_lineno(in), r->term, "K-gram");
}

/* First pass: keep the candidates; register their projections. */
static int candidates(txt_colloc *c, txt_counts_in *in)
{
	const size_t k = c->cfg.size;
	const unsigned full = (1u << k) - 1;
	txt_counts_row r;
	const char *w[TXT_COLLOC_MAXK];
	size_t len[TXT_COLLOC_MAXK];
	int rc;
	c->proj = txt_map_new(1 << 16);
	while ((rc = next_gram(in, &r)) == 1) {
		if (r.n < c->cfg.min_count)
			continue;
		if (split_words(r.term, r.tlen, k, w, len) < 0)
			return gram_error(in, &r);
		if (c->nrow == UINT32_MAX)
			return txt_err_set("%s: more than %u expressions", txt_counts_name(in),
			                   (unsigned)UINT32_MAX);
		if (c->nrow == c->cap) { /* by half: less slack, at the peak too */
			c->cap = c->cap ? c->cap + c->cap / 2 : 1024;
			c->row = txt_xreallocarray(c->row, c->cap, sizeof *c->row);
			c->pid = txt_xreallocarray(c->pid, c->cap, (full - 1) * sizeof *c->pid);
		}
		uint32_t *pid = c->pid + c->nrow * (full - 1);
		c->row[c->nrow++] = (cand){r.n, c->words.n};
		txt_buf_add(&c->words, r.term, r.tlen + 1); /* with its NUL */
		if (r.tlen + k + 2 > c->keycap)
			c->key = txt_xrealloc(c->key, c->keycap = 2 * (r.tlen + k + 2));
		for (unsigned s = 1; s < full; s++)
			pid[s - 1] = txt_map_put(c->proj, c->key, proj_key(c->key, s, k, w, len), NULL);
	}
	c->nsum = txt_map_size(c->proj);
	c->sum = txt_xcalloc(c->nsum ? c->nsum : 1, sizeof *c->sum);
	return rc;
}

/* Second pass: every K-gram adds its count to the projections it has. */
static int marginals(txt_colloc *c, txt_counts_in *in)
{
	const size_t k = c->cfg.size;
	const unsigned full = (1u << k) - 1;
	txt_counts_row r;
	const char *w[TXT_COLLOC_MAXK];
	size_t len[TXT_COLLOC_MAXK], cap = 0;
	char *key = NULL;
	int rc;
	while ((rc = next_gram(in, &r)) == 1) {
		if (split_words(r.term, r.tlen, k, w, len) < 0) {
			free(key);
			return gram_error(in, &r);
		}
		c->total += r.n;
		if (r.tlen + k + 2 > cap)
			key = txt_xrealloc(key, cap = 2 * (r.tlen + k + 2));
		for (unsigned s = 1; s < full; s++) {
			int64_t id = txt_map_get(c->proj, key, proj_key(key, s, k, w, len));
			if (id >= 0)
				c->sum[id] += r.n;
		}
	}
	free(key);
	return rc;
}

/* The scores of row i, from its sub-patterns' counts. */
static int score(const txt_colloc *c, size_t i, txt_colloc_stat *st)
{
	const size_t k = c->cfg.size;
	const unsigned full = (1u << k) - 1;
	const uint32_t *pid = c->pid + i * (full - 1);
	uint64_t m[1u << TXT_COLLOC_MAXK];
	m[0] = c->total;
	m[full] = c->row[i].count;
	for (unsigned s = 1; s < full; s++)
		m[s] = c->sum[pid[s - 1]];
	if (txt_colloc_score(k, m, c->cfg.smoothing, st) < 0)
		return txt_err_set("'%s': %s", c->words.s + c->row[i].off, txt_err());
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

static const char *sort_words; /* for text_cmp (qsort has no argument) */
static const cand *sort_rows;

static int text_cmp(const void *pa, const void *pb)
{
	const zrow *a = pa, *b = pb;
	return strcmp(sort_words + sort_rows[a->row].off, sort_words + sort_rows[b->row].off);
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

static int score_rows(txt_colloc *c)
{
	txt_colloc_stat st;
	zrow *z = txt_xreallocarray(NULL, c->nrow ? c->nrow : 1, sizeof *z);
	for (size_t i = 0; i < c->nrow; i++) {
		if (score(c, i, &st) < 0) {
			free(z);
			return -1;
		}
		z[i] = (zrow){z_key(st.z), (uint32_t)i};
	}
	radix_sort(z, c->nrow);
	sort_words = c->words.s;
	sort_rows = c->row;
	for (size_t i = 0, j; i < c->nrow; i = j) { /* equal z: by text */
		for (j = i + 1; j < c->nrow && z[j].key == z[i].key; j++)
			;
		if (j - i > 1)
			qsort(z + i, j - i, sizeof *z, text_cmp);
	}
	c->order = txt_xreallocarray(NULL, c->nrow ? c->nrow : 1, sizeof *c->order);
	for (size_t i = 0; i < c->nrow; i++)
		c->order[i] = z[i].row;
	free(z);
	return 0;
}

int txt_colloc_finish(txt_colloc *c)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	snprintf(c->path, sizeof c->path, "%s/%s-%ld-grams.tsv", dir, c->cfg.name, (long)getpid());
	txt_writer *w = txt_writer_open(c->path, TXT_W_FORCE);
	if (!w)
		return -1;
	if (txt_io_remove_later(c->path) < 0) {
		txt_writer_abort(w);
		return -1;
	}
	int rc = txt_tally_write(c->tally, w, NULL, 0);
	txt_tally_free(c->tally); /* its tables are no longer needed */
	c->tally = NULL;
	if (rc < 0) {
		txt_writer_abort(w);
		txt_io_keep(c->path);
		return -1;
	}
	/* two readers, then no name: nothing is left behind */
	txt_counts_in *in[2] = {NULL, NULL};
	if (txt_writer_close(w) == 0 && (in[0] = txt_counts_open(c->path)))
		in[1] = txt_counts_open(c->path);
	unlink(c->path);
	txt_io_keep(c->path);
	rc = in[1] && candidates(c, in[0]) == 0 && marginals(c, in[1]) == 0 ? 0 : -1;
	txt_counts_close(in[0]);
	txt_counts_close(in[1]);
	txt_map_free(c->proj); /* the rows have their projections' ids */
	c->proj = NULL;
	return rc < 0 ? -1 : score_rows(c);
}

size_t txt_colloc_nrows(const txt_colloc *c) { return c->nrow; }

const txt_colloc_row *txt_colloc_get(txt_colloc *c, size_t i)
{
	size_t r = c->order[i];
	c->cur.text = c->words.s + c->row[r].off;
	score(c, r, &c->cur.s); /* it succeeded in txt_colloc_finish */
	return &c->cur;
}

uint64_t txt_colloc_total(const txt_colloc *c) { return c->total; }
