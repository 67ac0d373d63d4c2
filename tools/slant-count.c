/* slant-count: term and n-gram frequencies per group (docs -> counts). */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "text_cli.h"
#include "text_counts.h"
#include "text_io.h"
#include "text_map.h"
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
	"      --max-mem SIZE    keep memory within about SIZE bytes (K, M, G;\n"
	"                        at least 16M, and 8M per thread): larger tables go\n"
	"                        to sorted temporary files ($TMPDIR), merged at the\n"
	"                        end; the output is the same\n"
	"      --fields LIST     the input has no header: its columns are LIST\n"
	"                        (id,source,...,text); a first line equal to that\n"
	"                        header is skipped (input splits of Hadoop, Spark)\n"
	"      --rows            write bare rows: no # lines, no header (a map-reduce\n"
	"                        mapper; reduce with slant-merge --rows)\n"
	"      --meta-only       write only the # lines and header these options give,\n"
	"                        reading no input (for slant-merge --meta)\n"
	"  -o, --output FILE     write to FILE (atomically; gzip if it ends in .gz)\n"
	"  -z, --gzip            compress the output\n"
	"  -f, --force           replace an existing output file\n"
	"  -q, --quiet           no progress on the terminal\n"
	"      --help            show this help\n"
	"      --version         show the version\n"
	"\n"
	"See slant-count(1) for the format and the group total rows.\n";

enum { O_STOP = 256, O_STEM, O_HYPH, O_PUNCT, O_NOFOLD, O_MINC, O_MIND, O_MAXMEM, O_FIELDS,
       O_ROWS, O_METAONLY, O_HELP, O_VERSION };

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
	{"max-mem", required_argument, NULL, O_MAXMEM},
	{"fields", required_argument, NULL, O_FIELDS},
	{"rows", no_argument, NULL, O_ROWS},
	{"meta-only", no_argument, NULL, O_METAONLY},
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
#define MIN_MEM ((uint64_t)16 << 20)
#define MIN_TABLE ((uint64_t)8 << 20) /* a table's share of --max-mem, at least */

typedef struct opts {
	const char *by, *out, *stop, *stem;
	long nlo, nhi;
	txt_counts_prune prune;
	txt_tok_opts tok;
	int wflags, quiet;
	long threads;
	uint64_t max_mem;
	int rows, meta_only;
	char **field;     /* --fields: the columns of header-less input */
	size_t nfield;
	char *header;     /* those names joined by tabs */
	const char *fields_arg;
} opts;

/* N-grams: the word ids of a batch, after the current sentence's last
 * ids from the batches before. */
typedef struct window {
	uint32_t id[MAXN + TXT_TOK_BATCH + 4]; /* +4: keys are read 16 bytes at a time */
	txt_tok_batch b;
	uint64_t (*gkey)[2]; /* a batch's n-grams as keys (txt_counts_add_grams) */
	size_t *glen;
	char *gtext; /* those over 16 bytes, GRAM_MAX bytes apart */
} window;

#define GRAM_MAX (MAXN * sizeof(uint32_t))

static void window_free(window *w)
{
	txt_tok_batch_free(&w->b);
	free(w->gkey);
	free(w->glen);
	free(w->gtext);
}

static void count_text(txt_counts *c, txt_tok *tok, window *w, const opts *o, const char *text,
		       size_t len)
{
	txt_tok_start(tok, text, len);
	if (o->nlo == 1 && o->nhi == 1) { /* unigrams: count the text directly */
		while (txt_tok_next_batch(tok, &w->b))
			txt_counts_add_keys(c, w->b.key, w->b.len, w->b.text, w->b.n);
		return;
	}
	/* a batch's n-grams are collected, then counted together */
	const txt_tok_batch *b = &w->b;
	size_t per = (size_t)(o->nhi - o->nlo + 1);
	if (!w->gkey) {
		w->gkey = txt_xreallocarray(NULL, TXT_TOK_BATCH * per, sizeof *w->gkey);
		w->glen = txt_xreallocarray(NULL, TXT_TOK_BATCH * per, sizeof *w->glen);
		w->gtext = txt_xreallocarray(NULL, TXT_TOK_BATCH * per, GRAM_MAX);
	}
	const size_t lo = (size_t)o->nlo, hi = (size_t)o->nhi;
	uint64_t (*gkey)[2] = w->gkey;
	size_t *glen = w->glen;
	size_t run = 0, held = 0; /* ids at the front of w->id */
	while (txt_tok_next_batch(tok, &w->b)) {
		size_t m = 0, nb = b->n, runs[TXT_TOK_BATCH];
		txt_counts_words(c, b->key, b->len, b->text, nb, w->id + held);
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
		txt_counts_add_grams(c, w->gkey, w->glen, w->gtext, m);
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- --max-mem: tables too big for memory become sorted runs in temporary
 * files (the counts format, unpruned), merged like slant-merge at the end.
 * Each run is opened for reading and its name removed as soon as it is
 * written, so only open descriptors hold the data: nothing is left behind
 * however the process ends.  A name exists only between the writer's rename
 * and that removal; exit and signal handlers remove it then. */

#define MERGE_FAN 16 /* runs of one level merged into one of the next */

typedef struct run {
	txt_counts_in *in;
	unsigned level;
} run;

typedef struct spill {
	uint64_t max;      /* bytes per table; 0: no limit */
	txt_counts_meta m; /* of the runs: unpruned */
	pthread_mutex_t mu; /* one spill at a time (writing sorts with statics) */
	run *run;
	size_t n, cap;
	unsigned seq;
	int trace;
} spill;

static char pending[4096]; /* a run's name while it exists */
static volatile sig_atomic_t have_pending;
static const int SIGS[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction old_sa[3];

static void remove_pending(void)
{
	if (have_pending)
		unlink(pending);
}

static void on_signal(int sig)
{
	remove_pending();
	for (size_t i = 0; i < 3; i++)
		if (SIGS[i] == sig)
			sigaction(sig, &old_sa[i], NULL); /* then the writers' cleanup */
	raise(sig);
}

static void spill_init(spill *s, uint64_t max, const txt_counts_meta *m)
{
	s->max = max;
	s->m = *m;
	s->m.pruned = NULL;
	pthread_mutex_init(&s->mu, NULL);
	const char *t = getenv("SLANT_TRACE_SPILL"); /* for tests */
	s->trace = t && *t == '1';
	atexit(remove_pending);
}

/* After text_io has installed its handlers (at its first temporary file):
 * ours run first, then theirs. */
static void hook_signals(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < 3; i++)
		if (sigaction(SIGS[i], NULL, &old_sa[i]) == 0 && old_sa[i].sa_handler != SIG_IGN)
			sigaction(SIGS[i], &sa, NULL);
}

static txt_writer *run_open(spill *s)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	snprintf(pending, sizeof pending, "%s/slant-count-%ld-%u.tsv", dir, (long)getpid(),
		 s->seq++);
	txt_writer *w = txt_writer_open(pending, TXT_W_FORCE);
	if (!w)
		txt_die_err();
	hook_signals();
	return w;
}

/* Close the run being written, reopen it for reading, remove its name. */
static void run_add(spill *s, txt_writer *w, unsigned level)
{
	have_pending = 1;
	txt_counts_in *in = txt_writer_close(w) == 0 ? txt_counts_open(pending) : NULL;
	if (!in)
		txt_die_err();
	unlink(pending);
	have_pending = 0;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->run = txt_xreallocarray(s->run, s->cap, sizeof *s->run);
	}
	s->run[s->n].in = in;
	s->run[s->n++].level = level;
	if (s->trace)
		fprintf(stderr, "slant-count: run %u, level %u\n", s->seq - 1, level);
}

/* Merge the last MERGE_FAN runs while they share a level: the number of
 * open runs stays small and every count is rewritten O(log runs) times. */
static void collapse(spill *s)
{
	while (s->n >= MERGE_FAN) {
		unsigned lv = s->run[s->n - 1].level;
		txt_counts_in *in[MERGE_FAN];
		for (size_t i = 0; i < MERGE_FAN; i++) {
			run *r = &s->run[s->n - MERGE_FAN + i];
			if (r->level != lv)
				return;
			in[i] = r->in;
		}
		txt_writer *w = run_open(s);
		if (txt_counts_merge(in, MERGE_FAN, w, NULL) < 0)
			txt_die_err();
		for (size_t i = 0; i < MERGE_FAN; i++)
			txt_counts_close(in[i]);
		s->n -= MERGE_FAN;
		run_add(s, w, lv + 1);
	}
}

static void spill_table(spill *s, txt_counts *c)
{
	pthread_mutex_lock(&s->mu);
	txt_writer *w = run_open(s);
	if (txt_counts_write(c, w, &s->m, NULL) < 0)
		txt_die_err();
	run_add(s, w, 0);
	collapse(s);
	pthread_mutex_unlock(&s->mu);
}

/* The output: all runs merged, pruning applied to the sums (--rows: bare
 * rows, never pruned). */
static void spill_finish(spill *s, txt_writer *w, const txt_counts_prune *pr, int rows)
{
	txt_counts_in **in = txt_xreallocarray(NULL, s->n, sizeof *in);
	for (size_t i = 0; i < s->n; i++)
		in[i] = s->run[i].in;
	if ((rows ? txt_counts_reduce(in, s->n, w, NULL, NULL) : txt_counts_merge(in, s->n, w, pr)) <
	    0)
		txt_die_err();
	for (size_t i = 0; i < s->n; i++)
		txt_counts_close(in[i]);
	free(in);
	free(s->run);
	pthread_mutex_destroy(&s->mu);
}

/* ---- counting one document: the state of one thread ---- */

typedef struct counter {
	const opts *o;
	txt_counts *c;
	txt_tok *tok;
	window w;
	spill *sp;
	uint64_t max; /* this table's share of --max-mem */
} counter;

static void counter_init(counter *k, const opts *o, spill *sp, uint64_t max)
{
	k->o = o;
	memset(&k->w, 0, sizeof k->w);
	k->c = txt_counts_new();
	k->tok = txt_tok_new(&o->tok);
	if (!k->tok)
		txt_die_err();
	k->sp = sp;
	k->max = max;
}

static void count_doc(counter *k, const char *g, size_t gn, const char *text, size_t tn)
{
	txt_counts_doc(k->c, g, gn);
	count_text(k->c, k->tok, &k->w, k->o, text, tn);
	if (k->max && txt_counts_mem(k->c) > k->max) {
		spill_table(k->sp, k->c);
		txt_counts_free(k->c);
		k->c = txt_counts_new();
	}
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
	counter k;
} worker;

static void count_batch(counter *k, const batch *b)
{
	for (size_t i = 0; i < b->nd; i++) {
		const doc_ref *d = &b->d[i];
		count_doc(k, b->buf + d->g, d->gn, b->buf + d->t, d->tn);
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
		count_batch(&wk->k, b);
		b->len = b->nd = 0;
		pthread_mutex_lock(&p->mu);
		b->next = p->spare;
		p->spare = b;
		pthread_cond_signal(&p->freed);
	}
	pthread_mutex_unlock(&p->mu);
	txt_counts_settle(wk->k.c); /* in parallel, before the serial absorb */
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

/* Start n workers, each with its own tokenizer and table.  Signals are
 * left to the main thread. */
static worker *pool_start(pool *p, size_t n, const opts *o, spill *sp, uint64_t max)
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
	sigset_t set, old;
	sigemptyset(&set);
	for (size_t i = 0; i < 3; i++)
		sigaddset(&set, SIGS[i]);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	worker *wk = txt_xcalloc(n, sizeof *wk);
	for (size_t i = 0; i < n; i++) {
		wk[i].p = p;
		counter_init(&wk[i].k, o, sp, max);
		if (pthread_create(&wk[i].th, NULL, work, &wk[i]) != 0)
			txt_die("cannot start a thread");
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return wk;
}

/* Hand over the last batch, wait for the workers, add their tables to c
 * (or, once runs were spilled, write them as runs too). */
static void pool_finish(pool *p, worker *wk, size_t n, counter *main)
{
	if (p->cur->nd)
		pool_push(p);
	pthread_mutex_lock(&p->mu);
	p->done = 1;
	pthread_cond_broadcast(&p->ready);
	pthread_mutex_unlock(&p->mu);
	for (size_t i = 0; i < n; i++)
		pthread_join(wk[i].th, NULL);
	for (size_t i = 0; i < n; i++) {
		counter *k = &wk[i].k;
		if (main->sp && main->sp->n) {
			spill_table(main->sp, k->c);
		} else if (i == 0) { /* the main table is empty: take the first */
			txt_counts_free(main->c);
			main->c = k->c;
			k->c = NULL;
		} else {
			txt_counts_absorb(main->c, k->c);
		}
		txt_counts_free(k->c);
		txt_tok_free(k->tok);
		window_free(&k->w);
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

static void free_fields(opts *o)
{
	for (size_t i = 0; i < o->nfield; i++)
		free(o->field[i]);
	free(o->field);
	free(o->header);
	o->field = NULL;
	o->header = NULL;
	o->nfield = 0;
}

static long field_index(const opts *o, const char *name)
{
	for (size_t i = 0; i < o->nfield; i++)
		if (strcmp(o->field[i], name) == 0)
			return (long)i;
	return -1;
}

/* --fields id,source,text: names must be distinct and non-empty. */
static void parse_fields(opts *o, const char *list)
{
	free_fields(o);
	o->header = txt_xstrdup(list);
	for (const char *p = list;; p++) {
		size_t n = strcspn(p, ",");
		if (n == 0)
			txt_usage("--fields: empty name in '%s'", list);
		char *name = txt_xstrndup(p, n);
		for (size_t i = 0; i < o->nfield; i++)
			if (strcmp(o->field[i], name) == 0)
				txt_usage("--fields: '%s' given twice", name);
		o->field = txt_xreallocarray(o->field, o->nfield + 1, sizeof *o->field);
		o->field[o->nfield++] = name;
		p += n;
		if (!*p)
			break;
	}
	for (char *h = o->header; *h; h++)
		if (*h == ',')
			*h = '\t';
}

/* ---- input: docs files with a header, or header-less docs rows with
 * --fields (an input split of a cluster job: only the first split holds the
 * header line, and with it any "#" lines before it). */

typedef struct docs_in {
	txt_table *t;  /* with a header */
	txt_reader *r; /* --fields */
	txt_row row;
	const opts *o;
	int started; /* past the place where the header may be */
	int first;   /* the row being read is the first one */
	long text;
} docs_in;

static void docs_open(docs_in *d, const opts *o, const char *path, long *text, long *by)
{
	memset(d, 0, sizeof *d);
	d->o = o;
	*by = -1;
	if (o->nfield) {
		if (!(d->r = txt_reader_open(path)))
			txt_die_err();
		*text = d->text = field_index(o, "text");
		if (o->by)
			*by = field_index(o, o->by);
		return;
	}
	if (!(d->t = txt_table_open(path)))
		txt_die_err();
	if ((*text = txt_table_need(d->t, "text", "docs")) < 0)
		txt_die_err();
	if (o->by && (*by = txt_table_need(d->t, o->by, "docs")) < 0)
		txt_die_err();
}

static int docs_next(docs_in *d, txt_row **row)
{
	if (d->t)
		return txt_table_next(d->t, row);
	char *line;
	size_t len;
	int k;
	d->first = 0;
	while ((k = txt_reader_next(d->r, &line, &len)) == 1 && !d->started) {
		/* a row has at least two fields, so a line without a tab is not one */
		if (d->o->nfield > 1 && line[0] == '#' && !memchr(line, '\t', len))
			continue;
		d->started = 1;
		if (strlen(d->o->header) != len || memcmp(line, d->o->header, len) != 0) {
			d->first = 1;
			break;
		}
	}
	if (k <= 0)
		return k;
	txt_tsv_split(line, len, &d->row);
	if (d->row.n != d->o->nfield)
		return txt_err_set("%s:%llu: expected %zu fields (--fields), found %zu",
				   txt_reader_name(d->r), (unsigned long long)txt_reader_lineno(d->r),
				   d->o->nfield, d->row.n);
	for (size_t i = 0; i < d->row.n; i++) {
		txt_field *f = &d->row.f[i];
		f->len = txt_tsv_unescape(f->s, f->len);
		f->s[f->len] = '\0';
	}
	/* another header would be counted as a document: refuse it */
	if (d->first && strcmp(d->row.f[d->text].s, "text") == 0)
		return txt_err_set("%s:%llu: a header that differs from --fields %s",
				   txt_reader_name(d->r), (unsigned long long)txt_reader_lineno(d->r),
				   d->o->fields_arg);
	*row = &d->row;
	return 1;
}

static txt_reader *docs_reader(docs_in *d) { return d->t ? txt_table_reader(d->t) : d->r; }

static void docs_close(docs_in *d)
{
	txt_table_close(d->t);
	txt_reader_close(d->r);
	txt_row_free(&d->row);
}

/* Count one docs file, directly into k (p NULL) or through the workers. */
static void count_file(counter *k, pool *p, const opts *o, const char *path, uint64_t *docs,
		       uint64_t *bytes, double t0)
{
	docs_in d;
	long text, by;
	docs_open(&d, o, path, &text, &by);
	int show = !o->quiet && isatty(STDERR_FILENO);
	txt_row *row;
	int rc;
	uint64_t base = *bytes;
	while ((rc = docs_next(&d, &row)) == 1) {
		const char *g = by >= 0 ? row->f[by].s : "all";
		size_t gn = by >= 0 ? row->f[by].len : 3;
		if (p)
			pool_add(p, g, gn, row->f[text].s, row->f[text].len);
		else
			count_doc(k, g, gn, row->f[text].s, row->f[text].len);
		++*docs;
		if (show && (*docs & 63) == 0) {
			uint64_t b = base + txt_reader_bytes(docs_reader(&d));
			double dt = now() - t0;
			if (dt > 0)
				txt_progress("%.1f MB, %.1f MB/s, %llu docs, %.0f docs/s",
					     (double)b / 1e6, (double)b / 1e6 / dt,
					     (unsigned long long)*docs, (double)*docs / dt);
		}
	}
	if (rc < 0)
		txt_die_err();
	*bytes = base + txt_reader_bytes(docs_reader(&d));
	docs_close(&d);
}

static size_t cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAXTHREADS ? MAXTHREADS : (size_t)n;
}

/* Options that only make sense together (or apart). */
static void check_args(const opts *o, int nfiles)
{
	if (o->rows && o->meta_only)
		txt_usage("--rows and --meta-only exclude each other");
	if ((o->rows || o->meta_only) && (o->prune.min_count > 1 || o->prune.min_docs > 1))
		txt_usage("%s: no --min-count or --min-docs: a mapper sees partial counts; prune "
			  "in slant-merge (the reducer or the final merge)",
			  o->rows ? "--rows" : "--meta-only");
	if (o->meta_only && nfiles)
		txt_usage("--meta-only reads no input: give no DOCS files");
	if (o->nfield && field_index(o, "text") < 0)
		txt_usage("--fields: no 'text' column in '%s'", o->fields_arg);
	if (o->nfield && o->by && field_index(o, o->by) < 0)
		txt_usage("--by %s: not among --fields", o->by);
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
		case O_MAXMEM:
			if (txt_parse_size("--max-mem", optarg, &o->max_mem) < 0)
				txt_usage("%s", txt_err());
			if (o->max_mem < MIN_MEM)
				txt_usage("--max-mem: at least 16M, not '%s'", optarg);
			break;
		case O_FIELDS:
			parse_fields(o, optarg);
			o->fields_arg = optarg;
			break;
		case O_ROWS: o->rows = 1; break;
		case O_METAONLY: o->meta_only = 1; break;
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
	check_args(&o, argc - optind);
	txt_progress_quiet(o.quiet);
	txt_stop *stop = NULL;
	if (o.stop && !(stop = txt_stop_load(o.stop)))
		txt_die_err();
	o.tok.stop = stop;
	o.tok.stem = o.stem;
	o.tok.no_breaks = o.nhi == 1; /* unigrams never look at sentence ends */
	counter k = {0};
	k.tok = txt_tok_new(&o.tok);
	if (!k.tok)
		txt_usage("%s", txt_err());
	/* open the output first: a refused output should cost no counting */
	txt_writer *w = txt_writer_open(o.out, o.wflags);
	if (!w)
		txt_die_err();

	char ngrams[32], pruned[96];
	if (o.nlo == o.nhi)
		snprintf(ngrams, sizeof ngrams, "%ld", o.nlo);
	else
		snprintf(ngrams, sizeof ngrams, "%ld-%ld", o.nlo, o.nhi);
	txt_counts_meta m = {txt_tok_describe(k.tok), ngrams, o.by ? o.by : "", NULL};
	if (o.prune.min_count > 1 || o.prune.min_docs > 1) {
		snprintf(pruned, sizeof pruned, "min-count=%llu min-docs=%llu",
			 (unsigned long long)o.prune.min_count, (unsigned long long)o.prune.min_docs);
		m.pruned = pruned;
	}

	if (o.meta_only) { /* the header of the counts file these options give */
		if (txt_counts_write_header(w, &m) < 0 || txt_writer_close(w) < 0)
			txt_die_err();
		txt_tok_free(k.tok);
		window_free(&k.w);
		txt_stop_free(stop);
		free_fields(&o);
		return 0;
	}

	size_t nthreads = o.threads == 0 ? cores() : (size_t)o.threads;
	spill sp = {0};
	if (o.max_mem)
		spill_init(&sp, o.max_mem, &m);
	k.o = &o;
	k.c = txt_counts_new();
	k.sp = &sp;
	/* the tables get half of --max-mem; the rest is for reading, the
	 * readers of the runs being merged and the output */
	uint64_t share = o.max_mem / 2 / nthreads;
	if (o.max_mem && share < MIN_TABLE)
		share = MIN_TABLE;
	k.max = nthreads > 1 ? 0 : share;
	uint64_t docs = 0, bytes = 0;
	double t0 = now();
	pool p = {0}, *pp = nthreads > 1 ? &p : NULL;
	worker *wk = pp ? pool_start(pp, nthreads, &o, &sp, share) : NULL;
	if (optind == argc)
		count_file(&k, pp, &o, "-", &docs, &bytes, t0);
	for (int i = optind; i < argc; i++)
		count_file(&k, pp, &o, argv[i], &docs, &bytes, t0);
	if (pp)
		pool_finish(pp, wk, nthreads, &k);
	txt_progress_done();

	if (sp.n) { /* spilled: the last table is a run too, then merge them all */
		spill_table(&sp, k.c);
		spill_finish(&sp, w, &o.prune, o.rows);
	} else if (txt_counts_write(k.c, w, o.rows ? NULL : &m, &o.prune) < 0) {
		txt_die_err();
	}
	if (txt_writer_close(w) < 0)
		txt_die_err();
	txt_counts_free(k.c);
	txt_tok_free(k.tok);
	window_free(&k.w);
	txt_stop_free(stop);
	free_fields(&o);
	return 0;
}
