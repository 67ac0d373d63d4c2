/* text_doc_pool: the documents of an input in order, parsed by a pool of
 * threads when the input splits into raw records (JSON Lines, web pages):
 * the reading thread takes raw records in order, workers parse batches of
 * them, and the batches come back in order.  See text_doc.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text_doc.h"
#include "text_err.h"
#include "text_io.h"
#include "text_pool.h"

/* ---- -j: JSON Lines read raw in order, parsed by the pool's threads,
 * written in order by this thread ---- */

#define BATCH_RECS 256
#define BATCH_BYTES ((size_t)1 << 20)

typedef struct raw {
	size_t off, len;
	uint64_t line, recno;
} raw;

typedef struct batch {
	txt_doc_in *parser; /* for the input being read */
	txt_buf in;         /* raw lines */
	raw *rec;
	size_t n;
	txt_buf out;        /* parsed: per record `where`, then its fields, NUL-ended */
	size_t *at;         /* n * (1 + ncols) offsets into out */
	size_t ncols, nok;
	char *err;          /* the first error, after nok good records */
	struct batch *next; /* free list */
} batch;

void txt_doc_pool_fn(void *b_, void *arg, size_t who)
{
	batch *b = b_;
	(void)arg;
	(void)who;
	b->out.n = 0;
	for (b->nok = 0; b->nok < b->n; b->nok++) {
		const raw *x = &b->rec[b->nok];
		const txt_field *f;
		size_t *at = b->at + b->nok * (1 + b->ncols);
		int k = txt_doc_in_parse(b->parser, b->in.s + x->off, x->len, x->line, x->recno, &f);
		if (k < 0) {
			b->err = txt_xstrdup(txt_err());
			return;
		}
		if (k > 0) { /* no document: an unreadable page */
			at[0] = SIZE_MAX;
			continue;
		}
		const char *w = txt_doc_in_where(b->parser);
		at[0] = b->out.n;
		txt_buf_add(&b->out, w, strlen(w) + 1);
		for (size_t c = 0; c < b->ncols; c++) {
			at[1 + c] = b->out.n;
			txt_buf_add(&b->out, f[c].s, f[c].len + 1);
		}
	}
}

typedef struct par {
	txt_pool *pool;
	batch *cur, *spare;
	txt_doc_in *in;
	txt_field *f;
	txt_doc_each_fn fn;
	void *ctx;
	char *err; /* the first bad record's message */
} par;

static batch *batch_get(par *p)
{
	batch *b = p->spare;
	if (b)
		p->spare = b->next;
	else
		b = txt_xcalloc(1, sizeof *b);
	if (!b->parser) {
		b->parser = txt_doc_in_parser(p->in);
		b->ncols = txt_doc_in_ncols(p->in);
		b->rec = txt_xreallocarray(b->rec, BATCH_RECS, sizeof *b->rec);
		b->at = txt_xreallocarray(b->at, BATCH_RECS * (1 + b->ncols), sizeof *b->at);
	}
	b->n = b->in.n = b->nok = 0;
	b->err = NULL;
	return b;
}

/* Where record i's fields end: the next record's start, or the end. */
static size_t rec_end(const batch *b, size_t i)
{
	for (size_t j = i + 1; j < b->nok; j++)
		if (b->at[j * (1 + b->ncols)] != SIZE_MAX)
			return b->at[j * (1 + b->ncols)];
	return b->out.n;
}

/* Hand a parsed batch's documents over in order, up to its error (kept
 * as the first when none came before). */
static void write_batch(par *p, batch *b)
{
	for (size_t i = 0; !p->err && i < b->nok; i++) {
		const size_t *at = b->at + i * (1 + b->ncols);
		if (at[0] == SIZE_MAX)
			continue;
		for (size_t c = 0; c < b->ncols; c++) {
			/* the next field's offset, or the end of this record's */
			size_t end = c + 1 < b->ncols ? at[2 + c] : rec_end(b, i);
			p->f[c].s = b->out.s + at[1 + c];
			p->f[c].len = end - at[1 + c] - 1;
		}
		p->fn(p->ctx, p->f, b->out.s + at[0]);
	}
	if (b->err && !p->err)
		p->err = b->err;
	else
		free(b->err);
	txt_doc_in_take_bad(p->in, b->parser);
	b->next = p->spare;
	p->spare = b;
}

static void submit(par *p)
{
	batch *b = p->cur;
	p->cur = NULL;
	if (b && b->n) {
		batch *back = txt_pool_put(p->pool, b);
		if (back)
			write_batch(p, back);
	} else if (b) {
		b->next = p->spare;
		p->spare = b;
	}
}

static void drain(par *p)
{
	submit(p);
	batch *b;
	while ((b = txt_pool_get(p->pool)))
		write_batch(p, b);
}

/* Parsers belong to one input: drop them when it is done. */
static void batches_free(par *p)
{
	while (p->spare) {
		batch *b = p->spare;
		p->spare = b->next;
		txt_doc_in_close(b->parser);
		txt_free_all(b->in.s, b->out.s, b->rec, b->at, b);
	}
}

static int each_split(txt_doc_in *in, txt_pool *pool, txt_doc_each_fn fn, void *ctx)
{
	par p = {.pool = pool, .in = in, .fn = fn, .ctx = ctx};
	p.f = txt_xcalloc(txt_doc_in_ncols(in), sizeof *p.f);
	const char *line;
	size_t len;
	uint64_t lineno, recno;
	int k;
	while (!p.err && (k = txt_doc_in_next_raw(in, &line, &len, &lineno, &recno)) > 0) {
		if (!p.cur)
			p.cur = batch_get(&p);
		batch *b = p.cur;
		b->rec[b->n++] = (raw){b->in.n, len, lineno, recno};
		txt_buf_add(&b->in, line, len);
		if (b->n == BATCH_RECS || b->in.n >= BATCH_BYTES)
			submit(&p);
	}
	/* the records before a failure first, as one thread would */
	char *msg = !p.err && k < 0 ? txt_xstrdup(txt_err()) : NULL;
	drain(&p);
	batches_free(&p);
	free(p.f);
	if (p.err || msg) {
		txt_err_set("%s", p.err ? p.err : msg);
		free(p.err);
		free(msg);
		return -1;
	}
	return 0;
}

int txt_doc_in_each(txt_doc_in *in, txt_pool *pool, txt_doc_each_fn fn, void *ctx)
{
	if (pool && txt_doc_in_splits(in))
		return each_split(in, pool, fn, ctx);
	const txt_field *f;
	int k;
	while ((k = txt_doc_in_next(in, &f)) > 0)
		fn(ctx, f, txt_doc_in_where(in));
	return k < 0 ? -1 : 0;
}
