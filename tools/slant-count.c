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
#include "text_pool.h"
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
	"      --rows            write bare rows: no header, no metadata (a map-reduce\n"
	"                        mapper; reduce with slant-merge --rows)\n"
	"      --meta-only       write only the header and metadata these options give,\n"
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
	txt_row row;  /* the row being counted */
} counter;

static void counter_init(counter *k, const opts *o, spill *sp, uint64_t max)
{
	memset(k, 0, sizeof *k);
	k->o = o;
	k->c = txt_counts_new();
	k->tok = txt_tok_new(&o->tok);
	if (!k->tok)
		txt_die_err();
	k->sp = sp;
	k->max = max;
}

static void counter_free(counter *k)
{
	txt_counts_free(k->c);
	txt_tok_free(k->tok);
	window_free(&k->w);
	txt_row_free(&k->row);
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

/* ---- input: the main thread reads each docs file's header itself, then
 * its rows as raw chunks of whole lines, read straight into a chunk's
 * buffer.  Whoever counts a chunk (a worker under -j, else the main thread:
 * one txt_pool serves both) splits its lines into fields, unescapes them and
 * counts them into its own table; the tables are added up at the end (sums
 * do not depend on who counted what).  Chunks come back in input order, so
 * the main thread numbers the lines and reports the first bad row, as one
 * thread would. */

#define CHUNK_BYTES ((size_t)1 << 20)

typedef struct layout { /* where a file's fields are */
	size_t ncols;
	long text, by;
	const char *fields; /* --fields LIST, or NULL */
} layout;

typedef struct chunk {
	char *buf;
	size_t len, cap; /* cap > len: a NUL fits after the last line */
	layout lay;
	size_t file;   /* index in input.name */
	int first_row; /* --fields: its first line is the file's first row */
	/* set by count_chunk */
	uint64_t lines, docs;
	uint64_t bad; /* the first bad line, 1-based in the chunk; 0: none */
	char why[160];
	struct chunk *next; /* spare chunks */
} chunk;

typedef struct input {
	counter *k;    /* one per worker (one without threads) */
	txt_pool *pool;
	chunk *spare;
	char *carry;   /* the partial line at a chunk's end, for the next */
	size_t ncarry, ccap;
	char **name;   /* per file: its name in messages */
	uint64_t *line; /* per file: lines counted so far */
	size_t nfile;
	uint64_t docs, bytes;
	double t0;
	int show;
} input;

/* One row: "all" or its --by field, and its text, unescaped, counted. */
static int count_row(counter *k, chunk *c, char *line, size_t n)
{
	const layout *l = &c->lay;
	txt_tsv_split(line, n, &k->row);
	if (k->row.n != l->ncols) {
		snprintf(c->why, sizeof c->why, "expected %zu fields%s, found %zu", l->ncols,
			 l->fields ? " (--fields)" : "", k->row.n);
		return -1;
	}
	txt_field *t = &k->row.f[l->text], *g = l->by >= 0 ? &k->row.f[l->by] : NULL;
	t->len = txt_tsv_unescape(t->s, t->len);
	if (g && g != t)
		g->len = txt_tsv_unescape(g->s, g->len);
	/* --fields: another header would be counted as a document */
	if (l->fields && c->first_row && c->lines == 1 && t->len == 4 &&
	    memcmp(t->s, "text", 4) == 0) {
		snprintf(c->why, sizeof c->why, "a header that differs from --fields %s",
			 l->fields);
		return -1;
	}
	count_doc(k, g ? g->s : "all", g ? g->len : 3, t->s, t->len);
	c->docs++;
	return 0;
}

/* txt_pool_fn: count a chunk's rows into worker who's table. */
static void count_chunk(void *b, void *arg, size_t who)
{
	chunk *c = b;
	counter *k = &((input *)arg)->k[who];
	c->lines = c->docs = c->bad = 0;
	for (char *p = c->buf, *end = c->buf + c->len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
		size_t n = (size_t)(e - p);
		c->lines++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		p[n] = '\0';
		if (count_row(k, c, p, n) < 0) {
			c->bad = c->lines;
			return;
		}
		p = e + 1;
	}
}

static void chunk_room(chunk *c, size_t n)
{
	if (c->cap > n)
		return;
	c->cap = n + 1;
	c->buf = txt_xrealloc(c->buf, c->cap);
}

static void chunk_keep(input *in, chunk *c)
{
	c->next = in->spare;
	in->spare = c;
}

/* A chunk back from the pool: its error (the first in input order), else
 * its lines and documents counted, and the chunk kept for reuse. */
static void chunk_done(input *in, chunk *c)
{
	if (c->bad) {
		txt_pool_free(in->pool); /* no worker is left writing a --max-mem run */
		txt_die("%s:%llu: %s", in->name[c->file],
			(unsigned long long)(in->line[c->file] + c->bad), c->why);
	}
	in->line[c->file] += c->lines;
	in->docs += c->docs;
	chunk_keep(in, c);
}

static void drain(input *in)
{
	chunk *c;
	while ((c = txt_pool_get(in->pool)))
		chunk_done(in, c);
}

/* An input error in file f: the rows before it are counted first, so that
 * a bad row earlier in the input is the one reported, and so that the
 * lines of f are numbered up to the error.  msg NULL: a line too long. */
static noreturn void fail(input *in, size_t f, const char *msg)
{
	char copy[1024];
	snprintf(copy, sizeof copy, "%s", msg ? msg : "");
	drain(in);
	txt_pool_free(in->pool);
	if (!msg)
		txt_die("%s:%llu: line too long (over 1 GiB)", in->name[f],
			(unsigned long long)in->line[f] + 1);
	txt_die("%s", copy);
}

static void chunk_put(input *in, chunk *c)
{
	chunk *back = txt_pool_put(in->pool, c);
	if (back)
		chunk_done(in, back);
}

static chunk *chunk_take(input *in)
{
	chunk *c = in->spare;
	if (c) {
		in->spare = c->next;
		return c;
	}
	return txt_xcalloc(1, sizeof(chunk));
}

/* Keep n bytes (a partial line), and a newline if nl, to start the next
 * chunk with. */
static void carry(input *in, const char *s, size_t n, int nl)
{
	if (n + 1 > in->ccap) {
		in->ccap = n + 1;
		in->carry = txt_xrealloc(in->carry, in->ccap);
	}
	if (n)
		memcpy(in->carry, s, n);
	in->carry[n] = '\n';
	in->ncarry = n + (nl != 0);
}

/* Fill c: the partial line carried over, then bytes read up to about
 * CHUNK_BYTES, cut after the last newline (the rest is carried to the next
 * chunk; a line longer than a chunk grows it).  1: more may follow, 0: end
 * of the file, -1: read error (txt_err set), -2: a line over TXT_MAX_LINE. */
static int chunk_fill(input *in, chunk *c, txt_reader *r)
{
	size_t want = in->ncarry + CHUNK_BYTES, scanned;
	chunk_room(c, want);
	if (in->ncarry)
		memcpy(c->buf, in->carry, in->ncarry);
	c->len = scanned = in->ncarry;
	in->ncarry = 0;
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
			carry(in, c->buf + cut, c->len - cut, 0);
			c->len = cut;
			return 1;
		}
		if (want >= TXT_MAX_LINE)
			return -2;
		scanned = c->len;
		want *= 2;
		chunk_room(c, want);
	}
}

/* ---- docs files with a header, or header-less docs rows with --fields (an
 * input split of a cluster job: only the first split holds the header line,
 * and with it any "#" lines before it). */

typedef struct source {
	txt_table *t; /* with a header */
	txt_reader *r;
	layout lay;
	uint64_t line; /* lines before the rows */
	int first_row; /* --fields: the carried line is the first row */
} source;

static void source_open(source *s, input *in, const opts *o, const char *path)
{
	memset(s, 0, sizeof *s);
	s->lay.by = -1;
	if (!o->nfield) {
		if (!(s->t = txt_table_open(path)))
			txt_die_err();
		s->r = txt_table_reader(s->t);
		s->lay.ncols = txt_table_ncols(s->t);
		if ((s->lay.text = txt_table_need(s->t, "text", "docs")) < 0 ||
		    (o->by && (s->lay.by = txt_table_need(s->t, o->by, "docs")) < 0))
			txt_die_err();
		s->line = txt_reader_lineno(s->r);
		return;
	}
	if (!(s->r = txt_reader_open(path)))
		txt_die_err();
	s->lay = (layout){o->nfield, field_index(o, "text"), o->by ? field_index(o, o->by) : -1,
			  o->fields_arg};
	char *line;
	size_t len;
	int k;
	while ((k = txt_reader_next(s->r, &line, &len)) == 1) {
		if (strlen(o->header) == len && memcmp(line, o->header, len) == 0)
			break;
		/* the first row: carried into the first chunk */
		s->first_row = 1;
		carry(in, line, len, 1);
		break;
	}
	if (k < 0)
		txt_die_err();
	s->line = txt_reader_lineno(s->r) - (uint64_t)s->first_row;
}

static void progress(input *in, uint64_t b)
{
	double dt = now() - in->t0;
	if (dt > 0)
		txt_progress("%.1f MB, %.1f MB/s, %llu docs, %.0f docs/s", (double)b / 1e6,
			     (double)b / 1e6 / dt, (unsigned long long)in->docs,
			     (double)in->docs / dt);
}

/* Count one docs file: its rows go to the pool chunk by chunk. */
static void count_file(input *in, const opts *o, const char *path)
{
	source s;
	in->ncarry = 0;
	source_open(&s, in, o, path);
	size_t f = in->nfile++;
	in->name = txt_xreallocarray(in->name, in->nfile, sizeof *in->name);
	in->line = txt_xreallocarray(in->line, in->nfile, sizeof *in->line);
	in->name[f] = txt_xstrdup(txt_reader_name(s.r));
	in->line[f] = s.line;
	for (int more = 1, first = s.first_row; more;) {
		chunk *c = chunk_take(in);
		c->lay = s.lay;
		c->file = f;
		c->first_row = first;
		first = 0;
		if ((more = chunk_fill(in, c, s.r)) < 0)
			fail(in, f, more == -2 ? NULL : txt_err());
		if (c->len)
			chunk_put(in, c);
		else
			chunk_keep(in, c);
		if (in->show)
			progress(in, in->bytes + txt_reader_bytes(s.r));
	}
	in->bytes += txt_reader_bytes(s.r);
	if (s.t)
		txt_table_close(s.t);
	else
		txt_reader_close(s.r);
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

/* Settle each table (in parallel: its own thread each), then add them into
 * ks[0], or, once runs were spilled, write each as a run. */
static void *settle(void *k)
{
	txt_counts_settle(((counter *)k)->c);
	return NULL;
}

static void combine(counter *ks, size_t n, spill *sp)
{
	pthread_t th[MAXTHREADS];
	size_t started = 1;
	for (; started < n; started++)
		if (pthread_create(&th[started], NULL, settle, &ks[started]) != 0)
			break;
	settle(&ks[0]);
	for (size_t i = 1; i < n; i++) {
		if (i < started)
			pthread_join(th[i], NULL);
		if (sp->n)
			spill_table(sp, ks[i].c);
		else
			txt_counts_absorb(ks[0].c, ks[i].c);
		counter_free(&ks[i]);
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
	txt_tok *tok = txt_tok_new(&o.tok);
	if (!tok)
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
	txt_counts_meta m = {txt_tok_describe(tok), ngrams, o.by ? o.by : "", NULL};
	if (o.prune.min_count > 1 || o.prune.min_docs > 1) {
		snprintf(pruned, sizeof pruned, "min-count=%llu min-docs=%llu",
			 (unsigned long long)o.prune.min_count, (unsigned long long)o.prune.min_docs);
		m.pruned = pruned;
	}

	if (o.meta_only) { /* the header of the counts file these options give */
		if (txt_counts_write_header(w, &m) < 0 || txt_writer_close(w) < 0)
			txt_die_err();
		txt_tok_free(tok);
		txt_stop_free(stop);
		free_fields(&o);
		return 0;
	}

	size_t nth = o.threads == 0 ? txt_pool_cores(MAXTHREADS) : (size_t)o.threads;
	spill sp = {0};
	if (o.max_mem)
		spill_init(&sp, o.max_mem, &m);
	/* the tables get half of --max-mem; the rest is for reading, the
	 * readers of the runs being merged and the output */
	uint64_t share = o.max_mem / 2 / nth;
	if (o.max_mem && share < MIN_TABLE)
		share = MIN_TABLE;
	input in = {.k = txt_xcalloc(nth, sizeof(counter)), .t0 = now(),
		    .show = !o.quiet && isatty(STDERR_FILENO)};
	for (size_t i = 0; i < nth; i++)
		counter_init(&in.k[i], &o, &sp, share);
	if (!(in.pool = txt_pool_new(nth, 0, count_chunk, &in)))
		txt_die_err();
	if (optind == argc)
		count_file(&in, &o, "-");
	for (int i = optind; i < argc; i++)
		count_file(&in, &o, argv[i]);
	drain(&in);
	txt_pool_free(in.pool);
	txt_progress_done();
	combine(in.k, nth, &sp);

	txt_counts *c = in.k[0].c;
	if (sp.n) { /* spilled: the last table is a run too, then merge them all */
		spill_table(&sp, c);
		spill_finish(&sp, w, &o.prune, o.rows);
	} else if (txt_counts_write(c, w, o.rows ? NULL : &m, &o.prune) < 0) {
		txt_die_err();
	}
	if (txt_writer_close(w) < 0)
		txt_die_err();
	counter_free(&in.k[0]);
	free(in.k);
	while (in.spare) {
		chunk *ch = in.spare;
		in.spare = ch->next;
		free(ch->buf);
		free(ch);
	}
	for (size_t i = 0; i < in.nfile; i++)
		free(in.name[i]);
	free(in.name);
	free(in.line);
	free(in.carry);
	txt_tok_free(tok);
	txt_stop_free(stop);
	free_fields(&o);
	return 0;
}
