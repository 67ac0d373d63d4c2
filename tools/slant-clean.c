/* slant-clean: strip web boilerplate from docs; adds a `title` column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_clean.h"
#include "text_cli.h"
#include "text_pool.h"
#include "text_tsv.h"

static const char help[] =
	"Usage: slant-clean [OPTION]... [DOCS]\n"
	"Remove web boilerplate (menus, share/subscribe/comment prompts, bylines,\n"
	"footers, other-language chrome) from the text of a docs file, line by line,\n"
	"and put each document's title in a `title` column.  DOCS is plain or gzip;\n"
	"none or - reads standard input.\n"
	"\n"
	"  -j, --threads N       clean with N threads (default 1; 0: one per core);\n"
	"                        the output is the same\n"
	"      --explain FILE    write removed lines as TSV: doc, line, rule, text\n"
	"      --disable RULES   switch rules off (comma-separated names)\n"
	"      --no-RULE         switch one rule off (e.g. --no-lang)\n"
	"      --repeat-min N    documents of one source a line must be in to be\n"
	"                        removed as repeated (default 3; 0: off)\n"
	"      --model FILE      the line model (default: the shipped clean.model)\n"
	"      --train TRUTH     train a line model on DOCS, whose true article texts\n"
	"                        TRUTH holds (a docs file), and write it to -o\n"
	"\n"
	"Rules: title dup repeat byline cta footer link menu lang symbols short model.\n"
	"The repeat rule reads all documents before writing any.  See slant-clean(1).\n";

typedef struct doc {
	char **f;
} doc;

typedef struct opts {
	const char *explain, *model, *train;
	txt_cli_shared sh;
	txt_clean *c;
} opts;

enum { OPT_EXPLAIN = 256, OPT_DISABLE, OPT_REPEAT, OPT_MODEL, OPT_TRAIN, OPT_NO };

static void disable_list(txt_clean *c, const char *list)
{
	char *copy = txt_xstrdup(list), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int r = txt_clean_rule_lookup(t);
		if (r < 0)
			txt_usage("--disable: unknown rule '%s'", t);
		txt_clean_enable(c, r, 0);
	}
	free(copy);
}

static void option(void *ctx, int ch, const char *arg)
{
	txt_clean *c = ((opts *)ctx)->c;
	if (ch == OPT_DISABLE)
		disable_list(c, arg);
	else if (ch == OPT_REPEAT)
		txt_clean_set_repeat_min(c, (unsigned)txt_cli_long("--repeat-min", arg, 0, 1000000));
	else
		txt_clean_enable(c, ch - OPT_NO, 0); /* --no-RULE */
}

/* Options: the shared ones, --explain, --disable, --repeat-min, --model,
 * --train, --no-RULE. */
static int parse(int argc, char **argv, opts *o)
{
	static const struct option base[] = {
		{"explain", required_argument, 0, OPT_EXPLAIN},
		{"disable", required_argument, 0, OPT_DISABLE},
		{"repeat-min", required_argument, 0, OPT_REPEAT},
		{"model", required_argument, 0, OPT_MODEL}, {"train", required_argument, 0, OPT_TRAIN}};
	enum { NBASE = sizeof base / sizeof base[0] };
	struct option lo[NBASE + TXT_CLEAN_NRULES + 1];
	char names[TXT_CLEAN_NRULES][24];
	memcpy(lo, base, sizeof base);
	size_t n = NBASE;
	for (int r = 1; r < TXT_CLEAN_NRULES; r++) {
		snprintf(names[r], sizeof names[r], "no-%s", txt_clean_rule_name(r));
		lo[n++] = (struct option){names[r], no_argument, 0, OPT_NO + r};
	}
	lo[n] = (struct option){0, 0, 0, 0};
	static const txt_cli_val val[] = {
		TXT_VAL_STR(OPT_EXPLAIN, opts, explain), TXT_VAL_STR(OPT_MODEL, opts, model),
		TXT_VAL_STR(OPT_TRAIN, opts, train), {0}};
	const txt_cli_spec spec = {help, TXT_CLI_OUTPUT | TXT_CLI_GZIP | TXT_CLI_QUIET |
				   TXT_CLI_THREADS, "", lo, option, o, 0, val};
	int first = txt_cli_parse(&spec, argc, argv, &o->sh);
	if (argc - first > 1)
		txt_usage("one input at most");
	return first;
}

/* Lines are text: a NUL byte would silently cut a document short.  Returns
 * -1 with the message set. */
static int check_nul(txt_table *t, const txt_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (memchr(row->f[i].s, '\0', row->f[i].len))
			return txt_err_set("%s:%llu: NUL byte in column '%s'", txt_table_name(t),
			                   (unsigned long long)txt_table_lineno(t),
			                   txt_table_colname(t, i));
	return 0;
}

static char **copy_row(const txt_row *row, size_t nc)
{
	char **f = txt_xreallocarray(NULL, nc, sizeof *f);
	for (size_t i = 0; i < nc; i++)
		f[i] = txt_xstrndup(row->f[i].s, row->f[i].len);
	return f;
}

static void put_field(txt_writer *w, const char *s, int last)
{
	txt_tsv_write_field(w, s, strlen(s));
	txt_writer_putc(w, last ? '\n' : '\t');
}

static void write_header(txt_writer *w, txt_table *t, long tcol, long title)
{
	size_t nc = txt_table_ncols(t);
	for (size_t i = 0; i < nc; i++) {
		if ((long)i == tcol && title < 0)
			put_field(w, "title", 0);
		put_field(w, txt_table_colname(t, i), i + 1 == nc);
	}
}

typedef struct cols {
	long id, text, source, title;
	size_t n;
} cols;

/* ---- documents go through the pool in batches: the main thread reads
 * (and checks) them, workers clean them, the main thread writes them in
 * input order.  With -j 1 the pool runs the cleaning in place. ---- */

#define BATCH_DOCS 256
#define BATCH_BYTES ((size_t)1 << 20)

typedef struct batch {
	doc *d;
	txt_clean_result *r;
	size_t n, bytes; /* documents (their fields are the batch's), text bytes */
} batch;

typedef struct job {
	const opts *o;
	const cols *c;
	txt_writer *w, *x;
	txt_pool *pool;
	batch *cur;
	size_t nwritten, ntotal; /* ntotal: 0 when streaming */
} job;

static void clean_batch(void *b_, void *arg, size_t who)
{
	(void)who;
	batch *b = b_;
	const job *j = arg;
	const cols *c = j->c;
	for (size_t i = 0; i < b->n; i++) {
		char **f = b->d[i].f;
		txt_clean_doc(j->o->c, c->source >= 0 ? f[c->source] : "", f[c->text],
		              strlen(f[c->text]), &b->r[i]);
	}
}

static void write_doc(job *j, char **f, const txt_clean_result *r)
{
	const cols *c = j->c;
	for (size_t k = 0; k < c->n; k++) {
		if ((long)k == c->text && c->title < 0)
			put_field(j->w, r->title, 0);
		const char *v = (long)k == c->text                 ? r->text
		                : (long)k == c->title && !*f[k] ? r->title
		                                                  : f[k];
		put_field(j->w, v, k + 1 == c->n);
	}
	if (j->x)
		txt_clean_explain(j->x, f[c->id], f[c->text], r);
}

static batch *batch_new(void)
{
	batch *b = txt_xcalloc(1, sizeof *b);
	b->d = txt_xreallocarray(NULL, BATCH_DOCS, sizeof *b->d);
	b->r = txt_xreallocarray(NULL, BATCH_DOCS, sizeof *b->r);
	return b;
}

/* Write a cleaned batch, free its documents, keep it for reuse. */
static void write_batch(job *j, batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		write_doc(j, b->d[i].f, &b->r[i]);
		txt_clean_result_free(&b->r[i]);
		txt_strs_free(b->d[i].f, j->c->n);
		b->d[i].f = NULL;
		if (j->ntotal)
			txt_progress("%zu/%zu documents", ++j->nwritten, j->ntotal);
		else
			txt_progress("%zu documents", ++j->nwritten);
	}
	b->n = b->bytes = 0;
}

/* Hand the current batch to the pool; write whatever comes back. */
static void submit(job *j)
{
	if (!j->cur || !j->cur->n)
		return;
	batch *back = txt_pool_put(j->pool, j->cur);
	j->cur = NULL;
	if (back) {
		write_batch(j, back);
		j->cur = back;
	}
}

/* Everything read so far is written (as -j 1 would have before an error). */
static void drain(job *j)
{
	submit(j);
	batch *b;
	while ((b = txt_pool_get(j->pool))) {
		write_batch(j, b);
		txt_free_all(b->d, b->r, b);
	}
	if (j->cur) {
		txt_free_all(j->cur->d, j->cur->r, j->cur);
		j->cur = NULL;
	}
}

static void add_doc(job *j, char **f)
{
	if (!j->cur)
		j->cur = batch_new();
	batch *b = j->cur;
	b->d[b->n++].f = f;
	b->bytes += strlen(f[j->c->text]);
	if (b->n == BATCH_DOCS || b->bytes >= BATCH_BYTES)
		submit(j);
}

/* The first error in input order: write the documents before it, then die
 * with the message it set. */
static noreturn void fail(job *j)
{
	char *msg = txt_xstrdup(txt_err());
	drain(j);
	txt_die("%s", msg);
}

/* Without the repeat rule, documents stream through. */
static void stream(job *j, txt_table *t)
{
	txt_row *row;
	int rc;
	while ((rc = txt_table_next(t, &row)) == 1) {
		if (check_nul(t, row) < 0)
			fail(j);
		add_doc(j, copy_row(row, j->c->n));
	}
	if (rc < 0)
		fail(j);
	drain(j);
}

/* The repeat rule counts lines over all documents before cleaning any. */
static void buffered(job *j, txt_table *t)
{
	size_t cap = 64, n = 0, nc = j->c->n;
	doc *d = txt_xreallocarray(NULL, cap, sizeof *d);
	txt_row *row;
	int rc;
	while ((rc = txt_table_next(t, &row)) == 1) {
		if (check_nul(t, row) < 0)
			txt_die_err();
		if (n == cap)
			d = txt_xreallocarray(d, cap *= 2, sizeof *d);
		d[n++].f = copy_row(row, nc);
		txt_progress("%zu documents read", n);
	}
	if (rc < 0)
		txt_die_err();
	const cols *c = j->c;
	for (size_t i = 0; i < n; i++)
		txt_clean_observe(j->o->c, c->source >= 0 ? d[i].f[c->source] : "", d[i].f[c->text],
		                  strlen(d[i].f[c->text]));
	j->ntotal = n;
	for (size_t i = 0; i < n; i++)
		add_doc(j, d[i].f);
	drain(j);
	free(d);
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-clean");
	opts o = {.sh = {.threads = 1}};
	o.c = txt_clean_new();
	int first = parse(argc, argv, &o);
	const char *in = first < argc ? argv[first] : "-";
	if (o.train || txt_clean_rule_on(o.c, TXT_CLEAN_MODEL)) {
		txt_writer *mw = o.train ? txt_writer_open(o.sh.output, o.sh.wflags) : NULL;
		if ((o.train && (!mw || txt_clean_train(o.c, in, o.train, mw) < 0 ||
		                 txt_writer_close(mw) < 0)) ||
		    (!o.train && txt_clean_load_model(o.c, o.model) < 0))
			txt_die_err();
		if (o.train) {
			txt_clean_free(o.c);
			return 0;
		}
	}
	txt_table *t = txt_table_open(in);
	if (!t)
		txt_die_err();
	cols c;
	c.text = txt_table_need(t, "text", "docs");
	c.id = c.text < 0 ? -1 : txt_table_need(t, "id", "docs");
	if (c.text < 0 || c.id < 0)
		txt_die_err();
	c.source = txt_table_col(t, "source");
	c.title = txt_table_col(t, "title");
	c.n = txt_table_ncols(t);
	txt_writer *w = txt_writer_open(o.sh.output, o.sh.wflags);
	if (!w)
		txt_die_err();
	txt_writer *x = NULL;
	if (o.explain) {
		x = txt_writer_open(o.explain, o.sh.wflags & TXT_W_FORCE);
		if (!x)
			txt_die_err();
		txt_writer_puts(x, "doc\tline\trule\ttext\n");
	}
	write_header(w, t, c.text, c.title);
	size_t nth = o.sh.threads == 0 ? txt_pool_cores(TXT_CLI_MAXTHREADS) : (size_t)o.sh.threads;
	static job j; /* static: reachable when txt_die exits */
	j = (job){.o = &o, .c = &c, .w = w, .x = x};
	if (!(j.pool = txt_pool_new(nth, 0, clean_batch, &j)))
		txt_die_err();
	if (txt_clean_needs_corpus(o.c))
		buffered(&j, t);
	else
		stream(&j, t);
	txt_pool_free(j.pool);
	txt_progress_done();
	if (x && txt_writer_close(x) < 0)
		txt_die_err();
	if (txt_writer_close(w) < 0)
		txt_die_err();
	txt_table_close(t);
	txt_clean_free(o.c);
	return 0;
}
