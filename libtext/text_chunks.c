/* text_chunks: see text_chunks.h.  Nothing is copied between the file and
 * the worker except by read(2) itself and the one partial line at each
 * chunk's end. */
#include "text_chunks.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "text_err.h"
#include "text_pool.h"

#define CHUNK_BYTES ((size_t)1 << 20)

struct txt_chunks {
	txt_chunk_fn work;
	void *arg;
	txt_pool *pool;
	txt_chunk *spare;      /* chunks back from the pool, for reuse */
	txt_chunk **all;       /* every chunk made, to free them */
	size_t nall;
	char *carry;           /* the partial line at a chunk's end, for the next */
	size_t ncarry, ccap;
	char **name;           /* per file: its name in messages */
	uint64_t *line;        /* per file: lines before those still out */
	size_t nfile;
	uint64_t bytes, lines; /* of finished files; of chunks back */
	const txt_reader *cur; /* the file being read */
	void (*on_read)(void *, uint64_t, uint64_t);
	void *on_read_arg;
};

void txt_chunk_fail(txt_chunk *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->why, sizeof c->why, fmt, ap);
	va_end(ap);
	c->bad = c->lines ? c->lines : 1;
}

void txt_chunk_error(txt_chunk *c)
{
	snprintf(c->why, sizeof c->why, "%s", txt_err());
	c->whole = 1;
	c->bad = c->lines ? c->lines : 1;
}

/* txt_pool_fn: a chunk in a worker. */
static void run_chunk(void *b, void *arg, size_t who)
{
	txt_chunks *cs = arg;
	txt_chunk *c = b;
	c->pos = 0;
	c->lines = c->bad = 0;
	c->whole = 0;
	cs->work(c, cs->arg, who);
}

txt_chunks *txt_chunks_new(const txt_chunks_cfg *cfg)
{
	txt_chunks *cs = txt_xcalloc(1, sizeof *cs);
	cs->work = cfg->work;
	cs->arg = cfg->arg;
	if (!(cs->pool = txt_pool_new(cfg->threads, 0, run_chunk, cs))) {
		free(cs);
		return NULL;
	}
	return cs;
}

void txt_chunks_on_read(txt_chunks *cs, void (*fn)(void *, uint64_t, uint64_t), void *arg)
{
	cs->on_read = fn;
	cs->on_read_arg = arg;
}

uint64_t txt_chunks_bytes(const txt_chunks *cs)
{
	return cs->bytes + (cs->cur ? txt_reader_bytes(cs->cur) : 0);
}

uint64_t txt_chunks_lines(const txt_chunks *cs) { return cs->lines; }

static void chunk_keep(txt_chunks *cs, txt_chunk *c)
{
	c->next = cs->spare;
	cs->spare = c;
}

static txt_chunk *chunk_take(txt_chunks *cs)
{
	txt_chunk *c = cs->spare;
	if (c) {
		cs->spare = c->next;
		return c;
	}
	c = txt_xcalloc(1, sizeof *c);
	cs->all = txt_xreallocarray(cs->all, cs->nall + 1, sizeof *cs->all);
	cs->all[cs->nall++] = c;
	return c;
}

/* A chunk back from the pool: its failure (the first in input order), else
 * its lines numbered and the chunk kept for reuse. */
static int chunk_done(txt_chunks *cs, txt_chunk *c)
{
	if (c->bad && c->whole)
		return txt_err_set("%s", c->why);
	if (c->bad)
		return txt_err_set("%s:%llu: %s", cs->name[c->file],
		                   (unsigned long long)(cs->line[c->file] + c->bad), c->why);
	cs->line[c->file] += c->lines;
	cs->lines += c->lines;
	chunk_keep(cs, c);
	return 0;
}

int txt_chunks_finish(txt_chunks *cs)
{
	txt_chunk *c;
	while ((c = txt_pool_get(cs->pool)))
		if (chunk_done(cs, c) < 0)
			return -1;
	return 0;
}

/* An input error in file f: the chunks before it come back first, so that
 * a bad line earlier in the input is the one reported, and so that the
 * lines of f are numbered up to the error.  msg NULL: a line too long. */
static int fail(txt_chunks *cs, size_t f, const char *msg)
{
	char copy[1024];
	snprintf(copy, sizeof copy, "%s", msg ? msg : "");
	if (txt_chunks_finish(cs) < 0)
		return -1;
	if (!msg)
		return txt_err_set("%s:%llu: line too long (over 1 GiB)", cs->name[f],
		                   (unsigned long long)cs->line[f] + 1);
	return txt_err_set("%s", copy);
}

/* Room for n bytes in c; its bytes kept only if keep (a realloc copies a
 * whole chunk: 1 MiB for each chunk whose carried line is longer than the
 * last). */
static void chunk_room(txt_chunk *c, size_t n, int keep)
{
	if (c->cap > n)
		return;
	c->cap = n + 1;
	if (keep) {
		c->buf = txt_xrealloc(c->buf, c->cap);
	} else {
		free(c->buf);
		c->buf = txt_xmalloc(c->cap);
	}
}

/* Keep n bytes (a partial line), and a newline if nl, to start the next
 * chunk with. */
static void carry(txt_chunks *cs, const char *s, size_t n, int nl)
{
	if (n + 1 > cs->ccap) {
		cs->ccap = n + 1;
		cs->carry = txt_xrealloc(cs->carry, cs->ccap);
	}
	if (n)
		memcpy(cs->carry, s, n);
	cs->carry[n] = '\n';
	cs->ncarry = n + (nl != 0);
}

/* Fill c: the partial line carried over, then bytes read up to about
 * CHUNK_BYTES, cut after the last newline (the rest is carried to the next
 * chunk; a line longer than a chunk grows it).  1: more may follow, 0: end
 * of the file, -1: read error (txt_err set), -2: a line over TXT_MAX_LINE. */
static int chunk_fill(txt_chunks *cs, txt_chunk *c, txt_reader *r)
{
	size_t want = cs->ncarry + CHUNK_BYTES, scanned;
	chunk_room(c, want, 0);
	if (cs->ncarry)
		memcpy(c->buf, cs->carry, cs->ncarry);
	c->len = scanned = cs->ncarry;
	cs->ncarry = 0;
	for (;;) {
		long k = 1;
		while (c->len < want && (k = txt_reader_read(r, c->buf + c->len, want - c->len)) > 0)
			c->len += (size_t)k;
		if (k <= 0)
			return (int)k; /* the end: every line is whole (the last may lack '\n') */
		size_t cut = c->len;
		while (cut > scanned && c->buf[cut - 1] != '\n')
			cut--;
		if (cut > scanned) {
			carry(cs, c->buf + cut, c->len - cut, 0);
			c->len = cut;
			return 1;
		}
		if (want >= TXT_MAX_LINE)
			return -2;
		scanned = c->len;
		want *= 2;
		chunk_room(c, want, 1);
	}
}

int txt_chunks_file(txt_chunks *cs, txt_reader *r, const char *first, size_t nfirst,
                    void *file_arg)
{
	size_t f = cs->nfile++;
	cs->name = txt_xreallocarray(cs->name, cs->nfile, sizeof *cs->name);
	cs->line = txt_xreallocarray(cs->line, cs->nfile, sizeof *cs->line);
	cs->name[f] = txt_xstrdup(txt_reader_name(r));
	cs->line[f] = txt_reader_lineno(r) - (first ? 1 : 0);
	cs->ncarry = 0;
	if (first)
		carry(cs, first, nfirst, 1);
	cs->cur = r;
	for (int more = 1, head = 1; more; head = 0) {
		txt_chunk *c = chunk_take(cs);
		c->file_arg = file_arg;
		c->file = f;
		c->first = head;
		if ((more = chunk_fill(cs, c, r)) < 0) {
			chunk_keep(cs, c);
			return fail(cs, f, more == -2 ? NULL : txt_err());
		}
		txt_chunk *back = NULL;
		if (c->len)
			back = txt_pool_put(cs->pool, c);
		else
			chunk_keep(cs, c);
		if (back && chunk_done(cs, back) < 0)
			return -1;
		if (cs->on_read)
			cs->on_read(cs->on_read_arg, txt_chunks_bytes(cs), cs->lines);
	}
	cs->bytes += txt_reader_bytes(r);
	cs->cur = NULL;
	return 0;
}

void txt_chunks_free(txt_chunks *cs)
{
	if (!cs)
		return;
	txt_pool_free(cs->pool);
	for (size_t i = 0; i < cs->nall; i++) {
		free(cs->all[i]->buf);
		free(cs->all[i]);
	}
	for (size_t i = 0; i < cs->nfile; i++)
		free(cs->name[i]);
	txt_free_all(cs->all, cs->name, cs->line, cs->carry, cs);
}
