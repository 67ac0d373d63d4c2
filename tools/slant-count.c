/* slant-count: term and n-gram frequencies per group (docs -> counts). */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "text_cli.h"
#include "text_counts.h"
#include "text_io.h"
#include "text_tok.h"
#include "text_tsv.h"

static const char HELP[] =
	"Usage: slant-count [OPTION]... [DOCS]...\n"
	"Count terms or n-grams per group in docs files (default: standard input)\n"
	"and write a counts file: group, term, n, df, sorted by group then term.\n"
	"\n"
	"  -b, --by COL          one group per value of docs column COL (id, source,\n"
	"                        label, ...); default: one group, 'all'\n"
	"  -g, --ngrams N|A-B    n-gram sizes, 1 to 9 (default 1); n-grams never\n"
	"                        cross a sentence end or a line break\n"
	"      --stopwords LIST  drop stopwords before forming n-grams: en, es or FILE\n"
	"      --stem LANG       Snowball stemming (english, spanish, ...)\n"
	"      --split-hyphens   count \"drone-strike\" as \"drone\", \"strike\"\n"
	"      --punct           keep punctuation tokens\n"
	"      --no-fold         keep case and Unicode form\n"
	"      --min-count N     drop terms seen fewer than N times in a group\n"
	"      --min-docs N      drop terms found in fewer than N documents of a group\n"
	"                        (group total rows are never dropped)\n"
	"  -j, --threads N       count with N threads (default 1; 0: one per core);\n"
	"                        the output is the same\n"
	"  -o, --output FILE     write to FILE (atomically; gzip if it ends in .gz)\n"
	"  -z, --gzip            compress the output\n"
	"  -f, --force           replace an existing output file\n"
	"  -q, --quiet           no progress on the terminal\n"
	"      --help            show this help\n"
	"      --version         show the version\n"
	"\n"
	"See slant-count(1) for the format and the group total rows.\n";

enum { O_STOP = 256, O_STEM, O_HYPH, O_PUNCT, O_NOFOLD, O_MINC, O_MIND, O_HELP, O_VERSION };

static const struct option LONG[] = {
	{"by", required_argument, NULL, 'b'},
	{"ngrams", required_argument, NULL, 'g'},
	{"stopwords", required_argument, NULL, O_STOP},
	{"stem", required_argument, NULL, O_STEM},
	{"split-hyphens", no_argument, NULL, O_HYPH},
	{"punct", no_argument, NULL, O_PUNCT},
	{"no-fold", no_argument, NULL, O_NOFOLD},
	{"min-count", required_argument, NULL, O_MINC},
	{"min-docs", required_argument, NULL, O_MIND},
	{"threads", required_argument, NULL, 'j'},
	{"output", required_argument, NULL, 'o'},
	{"gzip", no_argument, NULL, 'z'},
	{"force", no_argument, NULL, 'f'},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, O_HELP},
	{"version", no_argument, NULL, O_VERSION},
	{NULL, 0, NULL, 0},
};

#define MAXN 9
#define MAXTHREADS 256

typedef struct opts {
	const char *by, *out, *stop, *stem;
	long nlo, nhi;
	txt_counts_prune prune;
	txt_tok_opts tok;
	int wflags, quiet;
	long threads;
} opts;

/* Word ids of the current sentence's last tokens, for n-grams. */
typedef struct window {
	uint32_t id[MAXN];
	size_t n; /* ids held, newest last */
} window;

static void count_text(txt_counts *c, txt_tok *tok, window *w, const opts *o, const char *text,
		       size_t len)
{
	txt_token t;
	size_t keep = (size_t)o->nhi;
	txt_tok_start(tok, text, len);
	w->n = 0;
	if (o->nlo == 1 && o->nhi == 1) { /* unigrams: count the text directly */
		while (txt_tok_next(tok, &t))
			txt_counts_add(c, t.s, t.len);
		return;
	}
	while (txt_tok_next(tok, &t)) {
		if (t.brk)
			w->n = 0;
		if (w->n == keep) {
			memmove(w->id, w->id + 1, (keep - 1) * sizeof *w->id);
			w->n--;
		}
		w->id[w->n++] = txt_counts_word(c, t.s, t.len);
		for (long n = o->nlo; n <= o->nhi && (size_t)n <= w->n; n++)
			txt_counts_add_gram(c, w->id + w->n - n, (size_t)n);
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- threads: the main thread reads and parses, copying each document's
 * group and text into batches; workers count batches into their own
 * tables, combined at the end (sums do not depend on who counted what). */

#define BATCH_BYTES ((size_t)1 << 20)
#define BATCH_DOCS 256 /* short documents: still several batches per worker */

typedef struct doc_ref {
	size_t g, gn, t, tn; /* offsets and lengths in the batch buffer */
} doc_ref;

typedef struct batch {
	char *buf;
	size_t len, cap;
	doc_ref *d;
	size_t nd, dcap;
	struct batch *next;
} batch;

typedef struct pool {
	pthread_mutex_t mu;
	pthread_cond_t ready, freed;
	batch *head, *tail; /* full batches, oldest first */
	batch *spare;       /* empty batches */
	batch *cur;         /* being filled by the main thread */
	int done;
} pool;

typedef struct worker {
	pthread_t th;
	pool *p;
	const opts *o;
	txt_counts *c;
	txt_tok *tok;
	window w;
} worker;

static void count_batch(worker *wk, const batch *b)
{
	for (size_t i = 0; i < b->nd; i++) {
		const doc_ref *d = &b->d[i];
		txt_counts_doc(wk->c, b->buf + d->g, d->gn);
		count_text(wk->c, wk->tok, &wk->w, wk->o, b->buf + d->t, d->tn);
	}
}

static void *work(void *arg)
{
	worker *wk = arg;
	pool *p = wk->p;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->head && !p->done)
			pthread_cond_wait(&p->ready, &p->mu);
		batch *b = p->head;
		if (!b)
			break;
		p->head = b->next;
		if (!p->head)
			p->tail = NULL;
		pthread_mutex_unlock(&p->mu);
		count_batch(wk, b);
		b->len = b->nd = 0;
		pthread_mutex_lock(&p->mu);
		b->next = p->spare;
		p->spare = b;
		pthread_cond_signal(&p->freed);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void pool_push(pool *p)
{
	batch *b = p->cur;
	pthread_mutex_lock(&p->mu);
	b->next = NULL;
	if (p->tail)
		p->tail->next = b;
	else
		p->head = b;
	p->tail = b;
	pthread_cond_signal(&p->ready);
	while (!p->spare)
		pthread_cond_wait(&p->freed, &p->mu);
	p->cur = p->spare;
	p->spare = p->cur->next;
	pthread_mutex_unlock(&p->mu);
}

static size_t batch_put(batch *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap *= 2;
		b->buf = txt_xrealloc(b->buf, b->cap);
	}
	size_t at = b->len;
	memcpy(b->buf + at, s, n);
	b->buf[at + n] = '\0';
	b->len += n + 1;
	return at;
}

static void pool_add(pool *p, const char *g, size_t gn, const char *t, size_t tn)
{
	batch *b = p->cur;
	if (b->nd == b->dcap) {
		b->dcap *= 2;
		b->d = txt_xreallocarray(b->d, b->dcap, sizeof *b->d);
	}
	doc_ref *d = &b->d[b->nd++];
	d->g = batch_put(b, g, gn);
	d->gn = gn;
	d->t = batch_put(b, t, tn);
	d->tn = tn;
	if (b->len >= BATCH_BYTES || b->nd >= BATCH_DOCS)
		pool_push(p);
}

static batch *batch_new(void)
{
	batch *b = txt_xcalloc(1, sizeof *b);
	b->cap = BATCH_BYTES + BATCH_BYTES / 4;
	b->buf = txt_xmalloc(b->cap);
	b->dcap = 256;
	b->d = txt_xreallocarray(NULL, b->dcap, sizeof *b->d);
	return b;
}

static void batch_free(batch *b)
{
	free(b->buf);
	free(b->d);
	free(b);
}

/* Start n workers, each with its own tokenizer and table. */
static worker *pool_start(pool *p, size_t n, const opts *o)
{
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->freed, NULL);
	p->cur = batch_new();
	for (size_t i = 0; i < 2 * n; i++) { /* enough to keep every worker busy */
		batch *b = batch_new();
		b->next = p->spare;
		p->spare = b;
	}
	worker *wk = txt_xcalloc(n, sizeof *wk);
	for (size_t i = 0; i < n; i++) {
		wk[i].p = p;
		wk[i].o = o;
		wk[i].c = txt_counts_new();
		wk[i].tok = txt_tok_new(&o->tok);
		if (!wk[i].tok)
			txt_die_err();
		if (pthread_create(&wk[i].th, NULL, work, &wk[i]) != 0)
			txt_die("cannot start a thread");
	}
	return wk;
}

/* Hand over the last batch, wait for the workers, add their tables to c. */
static void pool_finish(pool *p, worker *wk, size_t n, txt_counts *c)
{
	if (p->cur->nd)
		pool_push(p);
	pthread_mutex_lock(&p->mu);
	p->done = 1;
	pthread_cond_broadcast(&p->ready);
	pthread_mutex_unlock(&p->mu);
	for (size_t i = 0; i < n; i++) {
		pthread_join(wk[i].th, NULL);
		txt_counts_absorb(c, wk[i].c);
		txt_counts_free(wk[i].c);
		txt_tok_free(wk[i].tok);
	}
	free(wk);
	batch_free(p->cur);
	while (p->spare) {
		batch *b = p->spare;
		p->spare = b->next;
		batch_free(b);
	}
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->freed);
	pthread_mutex_destroy(&p->mu);
}

/* Count one docs file, directly (p NULL) or through the workers. */
static void count_file(txt_counts *c, txt_tok *tok, window *w, pool *p, const opts *o,
		       const char *path, uint64_t *docs, uint64_t *bytes, double t0)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		txt_die_err();
	long text = txt_table_need(t, "text", "docs"), by = -1;
	if (text < 0)
		txt_die_err();
	if (o->by && (by = txt_table_need(t, o->by, "docs")) < 0)
		txt_die_err();
	int show = !o->quiet && isatty(STDERR_FILENO);
	txt_row *row;
	int rc;
	uint64_t base = *bytes;
	while ((rc = txt_table_next(t, &row)) == 1) {
		const char *g = by >= 0 ? row->f[by].s : "all";
		size_t gn = by >= 0 ? row->f[by].len : 3;
		if (p) {
			pool_add(p, g, gn, row->f[text].s, row->f[text].len);
		} else {
			txt_counts_doc(c, g, gn);
			count_text(c, tok, w, o, row->f[text].s, row->f[text].len);
		}
		++*docs;
		if (show && (*docs & 63) == 0) {
			uint64_t b = base + txt_reader_bytes(txt_table_reader(t));
			double dt = now() - t0;
			if (dt > 0)
				txt_progress("%.1f MB, %.1f MB/s, %llu docs, %.0f docs/s",
					     (double)b / 1e6, (double)b / 1e6 / dt,
					     (unsigned long long)*docs, (double)*docs / dt);
		}
	}
	if (rc < 0)
		txt_die_err();
	*bytes = base + txt_reader_bytes(txt_table_reader(t));
	txt_table_close(t);
}

static size_t cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAXTHREADS ? MAXTHREADS : (size_t)n;
}

static void parse_args(int argc, char **argv, opts *o)
{
	int c;
	long v;
	while ((c = getopt_long(argc, argv, "b:g:j:o:zfq", LONG, NULL)) != -1) {
		switch (c) {
		case 'b': o->by = optarg; break;
		case 'g':
			if (txt_parse_range("--ngrams", optarg, 1, MAXN, &o->nlo, &o->nhi) < 0)
				txt_usage("%s", txt_err());
			break;
		case O_STOP: o->stop = optarg; break;
		case O_STEM: o->stem = optarg; break;
		case O_HYPH: o->tok.split_hyphens = 1; break;
		case O_PUNCT: o->tok.keep_punct = 1; break;
		case O_NOFOLD: o->tok.no_fold = 1; break;
		case O_MINC:
		case O_MIND:
			if (txt_parse_long(c == O_MINC ? "--min-count" : "--min-docs", optarg, 0,
					   1L << 62, &v) < 0)
				txt_usage("%s", txt_err());
			if (c == O_MINC)
				o->prune.min_count = (uint64_t)v;
			else
				o->prune.min_docs = (uint64_t)v;
			break;
		case 'j':
			if (txt_parse_long("--threads", optarg, 0, MAXTHREADS, &o->threads) < 0)
				txt_usage("%s", txt_err());
			break;
		case 'o': o->out = optarg; break;
		case 'z': o->wflags |= TXT_W_GZIP; break;
		case 'f': o->wflags |= TXT_W_FORCE; break;
		case 'q': o->quiet = 1; break;
		case O_HELP: txt_cli_help(HELP);
		case O_VERSION: txt_cli_version();
		default: txt_usage("unknown or incomplete option");
		}
	}
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-count");
	opts o = {.nlo = 1, .nhi = 1, .out = "-", .threads = 1};
	parse_args(argc, argv, &o);
	txt_progress_quiet(o.quiet);
	txt_stop *stop = NULL;
	if (o.stop && !(stop = txt_stop_load(o.stop)))
		txt_die_err();
	o.tok.stop = stop;
	o.tok.stem = o.stem;
	txt_tok *tok = txt_tok_new(&o.tok);
	if (!tok)
		txt_usage("%s", txt_err());
	/* open the output first: a refused output should cost no counting */
	txt_writer *w = txt_writer_open(o.out, o.wflags);
	if (!w)
		txt_die_err();

	txt_counts *c = txt_counts_new();
	window win = {0};
	uint64_t docs = 0, bytes = 0;
	double t0 = now();
	size_t nthreads = o.threads == 0 ? cores() : (size_t)o.threads;
	pool p = {0}, *pp = nthreads > 1 ? &p : NULL;
	worker *wk = pp ? pool_start(pp, nthreads, &o) : NULL;
	if (optind == argc)
		count_file(c, tok, &win, pp, &o, "-", &docs, &bytes, t0);
	for (int i = optind; i < argc; i++)
		count_file(c, tok, &win, pp, &o, argv[i], &docs, &bytes, t0);
	if (pp)
		pool_finish(pp, wk, nthreads, c);
	txt_progress_done();

	char ngrams[32], pruned[96];
	if (o.nlo == o.nhi)
		snprintf(ngrams, sizeof ngrams, "%ld", o.nlo);
	else
		snprintf(ngrams, sizeof ngrams, "%ld-%ld", o.nlo, o.nhi);
	txt_counts_meta m = {txt_tok_describe(tok), ngrams, o.by ? o.by : "", NULL};
	if (o.prune.min_count > 1 || o.prune.min_docs > 1) {
		snprintf(pruned, sizeof pruned, "min-count=%llu min-docs=%llu",
			 (unsigned long long)o.prune.min_count, (unsigned long long)o.prune.min_docs);
		m.pruned = pruned;
	}
	if (txt_counts_write(c, w, &m, &o.prune) < 0 || txt_writer_close(w) < 0)
		txt_die_err();
	txt_counts_free(c);
	txt_tok_free(tok);
	txt_stop_free(stop);
	return 0;
}
