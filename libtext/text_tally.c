/* text_tally: see text_tally.h. */
#include "text_tally.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "text_err.h"
#include "text_map.h"
#include "text_spill.h"

#define MIN_TABLE ((uint64_t)8 << 20) /* a table's share of max_mem, at least */

/* N-grams: the word ids of a batch, after the current sentence's last
 * ids from the batches before. */
typedef struct window {
	uint32_t id[TXT_TALLY_MAXN + TXT_TOK_BATCH + 4]; /* +4: keys are read 16 bytes at a time */
	txt_tok_batch b;
	uint64_t (*gkey)[2]; /* a batch's n-grams as keys (txt_counts_add_grams) */
	size_t *glen;
	char *gtext; /* those over 16 bytes, GRAM_MAX bytes apart */
} window;

#define GRAM_MAX (TXT_TALLY_MAXN * sizeof(uint32_t))

typedef struct counter { /* the state of one counting thread */
	txt_counts *c;
	txt_tok *tok;
	txt_compound_scan *cs; /* NULL without compounds */
	window w;
} counter;

/* The next batch of tokens, compounds joined. */
static size_t next_batch(counter *k)
{
	return k->cs ? txt_compound_next_batch(k->cs, k->tok, &k->w.b)
	             : txt_tok_next_batch(k->tok, &k->w.b);
}

struct txt_tally {
	size_t lo, hi;      /* n-gram sizes */
	size_t n;           /* counters */
	counter *k;
	uint64_t max;       /* a table's share of max_mem; 0: no bound */
	txt_spill *spill;   /* NULL without a bound */
	txt_counts_meta m;  /* the output's */
	char *ms[4];        /* its strings */
};

static char *dup_or_null(const char *s) { return s ? txt_xstrdup(s) : NULL; }

txt_tally *txt_tally_new(const txt_tally_cfg *cfg, const txt_counts_meta *m)
{
	txt_tally *t = txt_xcalloc(1, sizeof *t);
	t->lo = (size_t)cfg->nlo;
	t->hi = (size_t)cfg->nhi;
	t->n = cfg->threads ? cfg->threads : 1;
	t->ms[0] = dup_or_null(m->tokenizer);
	t->ms[1] = dup_or_null(m->ngrams);
	t->ms[2] = dup_or_null(m->by);
	t->ms[3] = dup_or_null(m->pruned);
	t->m = (txt_counts_meta){t->ms[0], t->ms[1], t->ms[2], t->ms[3]};
	t->k = txt_xcalloc(t->n, sizeof *t->k);
	for (size_t i = 0; i < t->n; i++) {
		t->k[i].c = txt_counts_new();
		if (!(t->k[i].tok = txt_tok_new(cfg->tok))) {
			txt_tally_free(t);
			return NULL;
		}
		if (cfg->compounds)
			t->k[i].cs = txt_compound_scan_new(cfg->compounds);
	}
	if (cfg->max_mem) {
		t->max = cfg->max_mem / 2 / t->n;
		if (t->max < MIN_TABLE)
			t->max = MIN_TABLE;
		t->spill = txt_spill_new(cfg->name ? cfg->name : "slant", &t->m);
	}
	return t;
}

static void counter_free(counter *k)
{
	txt_counts_free(k->c);
	txt_tok_free(k->tok);
	txt_compound_scan_free(k->cs);
	txt_tok_batch_free(&k->w.b);
	txt_free_all(k->w.gkey, k->w.glen, k->w.gtext);
	memset(k, 0, sizeof *k);
}

void txt_tally_free(txt_tally *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		counter_free(&t->k[i]);
	free(t->k);
	txt_spill_free(t->spill);
	for (size_t i = 0; i < 4; i++)
		free(t->ms[i]);
	free(t);
}

void txt_tally_on_run(txt_tally *t, void (*fn)(void *, unsigned, unsigned), void *arg)
{
	if (t->spill)
		txt_spill_on_run(t->spill, fn, arg);
}

/* A batch's n-grams are collected, then counted together. */
static void count_grams(const txt_tally *t, counter *k)
{
	window *w = &k->w;
	const txt_tok_batch *b = &w->b;
	size_t per = t->hi - t->lo + 1;
	if (!w->gkey) {
		w->gkey = txt_xreallocarray(NULL, TXT_TOK_BATCH * per, sizeof *w->gkey);
		w->glen = txt_xreallocarray(NULL, TXT_TOK_BATCH * per, sizeof *w->glen);
		w->gtext = txt_xreallocarray(NULL, TXT_TOK_BATCH * per, GRAM_MAX);
	}
	const size_t lo = t->lo, hi = t->hi;
	uint64_t (*gkey)[2] = w->gkey;
	size_t *glen = w->glen;
	size_t run = 0, held = 0; /* ids at the front of w->id */
	while (next_batch(k)) {
		size_t m = 0, nb = b->n, runs[TXT_TOK_BATCH];
		txt_counts_words(k->c, b->key, b->len, b->text, nb, w->id + held);
		for (size_t i = 0; i < nb; i++)
			runs[i] = run = b->brk[i] ? 1 : run + 1; /* words of the sentence so far */
		for (size_t n = lo; n <= hi; n++) { /* the n-grams ending at each word */
			const size_t bytes = n * sizeof *w->id;
			const uint32_t *g = w->id + held + 1 - n;
			for (size_t i = 0; i < nb; i++, g++) {
				if (runs[i] < n)
					continue;
				glen[m] = bytes;
				if (bytes <= TXT_TOK_SHORT) {
					txt_key16(g, bytes, gkey[m]);
				} else {
					memcpy(w->gtext + m * GRAM_MAX, g, bytes);
					gkey[m][0] = m * GRAM_MAX;
					gkey[m][1] = 0;
				}
				m++;
			}
		}
		/* the sentence's last hi - 1 ids go in front of the next batch's */
		size_t keep = run < hi - 1 ? run : hi - 1, total = held + nb;
		memmove(w->id, w->id + total - keep, keep * sizeof *w->id);
		held = keep;
		txt_counts_add_grams(k->c, w->gkey, w->glen, w->gtext, m);
	}
}

int txt_tally_doc(txt_tally *t, size_t who, const char *g, size_t gn, const char *text,
                  size_t tn)
{
	counter *k = &t->k[who];
	txt_counts_doc(k->c, g, gn);
	txt_tok_start(k->tok, text, tn);
	if (t->lo == 1 && t->hi == 1) { /* unigrams: count the text directly */
		while (next_batch(k))
			txt_counts_add_keys(k->c, k->w.b.key, k->w.b.len, k->w.b.text, k->w.b.n);
	} else {
		count_grams(t, k);
	}
	if (t->max && txt_counts_mem(k->c) > t->max) {
		if (txt_spill_table(t->spill, k->c) < 0)
			return -1;
		txt_counts_free(k->c);
		k->c = txt_counts_new();
	}
	return 0;
}

static void *settle(void *c)
{
	txt_counts_settle(c);
	return NULL;
}

/* Settle each table (in parallel: its own thread each), then add them into
 * the first, or, once runs were spilled, write each as a run. */
static int combine(txt_tally *t)
{
	pthread_t *th = txt_xcalloc(t->n, sizeof *th);
	size_t started = 1;
	int rc = 0;
	for (; started < t->n; started++)
		if (pthread_create(&th[started], NULL, settle, t->k[started].c) != 0)
			break;
	settle(t->k[0].c);
	for (size_t i = 1; i < t->n; i++) {
		if (i < started)
			pthread_join(th[i], NULL);
		if (rc == 0 && t->spill && txt_spill_runs(t->spill))
			rc = txt_spill_table(t->spill, t->k[i].c);
		else if (rc == 0)
			txt_counts_absorb(t->k[0].c, t->k[i].c);
		counter_free(&t->k[i]);
	}
	free(th);
	return rc;
}

int txt_tally_write(txt_tally *t, txt_writer *w, const txt_counts_prune *prune, int rows)
{
	if (combine(t) < 0)
		return -1;
	txt_counts *c = t->k[0].c;
	if (t->spill && txt_spill_runs(t->spill)) /* the last table is a run too */
		return txt_spill_table(t->spill, c) < 0 ? -1
		       : txt_spill_finish(t->spill, w, prune, rows);
	return txt_counts_write(c, w, rows ? NULL : &t->m, prune);
}
