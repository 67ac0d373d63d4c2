/* slant-count: term and n-gram frequencies per group (docs -> counts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "text_chunks.h"
#include "text_cli.h"
#include "text_counts.h"
#include "text_io.h"
#include "text_pool.h"
#include "text_tally.h"
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
	"      --compounds FILE  count each expression of FILE (slant-colloc's output,\n"
	"                        or one a line) as one term, words joined by '_'\n"
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
	"\n"
	"See slant-count(1) for the format and the group total rows.\n";

enum { O_MINC = 256, O_MIND, O_FIELDS, O_COMP,
       O_ROWS, O_METAONLY };

static const struct option LONG[] = {
	{"by", 1, 0, 'b'}, {"ngrams", 1, 0, 'g'}, {"min-count", 1, 0, O_MINC},
	{"min-docs", 1, 0, O_MIND}, {"fields", 1, 0, O_FIELDS}, {"rows", 0, 0, O_ROWS},
	{"meta-only", 0, 0, O_METAONLY}, {"compounds", 1, 0, O_COMP}, {0, 0, 0, 0},
};

typedef struct opts {
	const char *by, *compounds;
	long nlo, nhi;
	txt_counts_prune prune;
	txt_cli_shared sh;
	int rows, meta_only;
	txt_names fields; /* --fields: the columns of header-less input */
	const char *fields_arg;
} opts;

/* ---- input: the main thread reads each docs file's header itself, then
 * its rows go as raw chunks of whole lines (text_chunks) to whoever counts
 * them (a worker under -j, else the main thread): it splits the lines into
 * fields, unescapes them and counts them into its own table (text_tally).
 * Docs files have a header, or with --fields none (an input split of a
 * cluster job: only the first split holds the header line). */

typedef struct layout { /* where a file's fields are */
	size_t ncols;
	long text, by;
	const char *fields; /* --fields LIST, or NULL */
	int first_row;      /* --fields: the file's first line is a row */
	struct layout *next;
} layout;

typedef struct job {
	txt_tally *tally;
	txt_row *row; /* per worker: the row being counted */
	layout *lays;
	double t0;
} job;

/* One row: "all" or its --by field, and its text, unescaped, counted.
 * 0, or -1 with the chunk failed. */
static int count_row(job *j, txt_chunk *c, size_t who, char *line, size_t n)
{
	const layout *l = c->file_arg;
	txt_row *row = &j->row[who];
	txt_tsv_split(line, n, row);
	if (row->n != l->ncols) {
		txt_chunk_fail(c, "expected %zu fields%s, found %zu", l->ncols,
			       l->fields ? " (--fields)" : "", row->n);
		return -1;
	}
	txt_field *t = &row->f[l->text], *g = l->by >= 0 ? &row->f[l->by] : NULL;
	t->len = txt_tsv_unescape(t->s, t->len);
	if (g && g != t)
		g->len = txt_tsv_unescape(g->s, g->len);
	/* --fields: another header would be counted as a document */
	if (l->first_row && c->first && c->lines == 1 && t->len == 4 && memcmp(t->s, "text", 4) == 0) {
		txt_chunk_fail(c, "a header that differs from --fields %s", l->fields);
		return -1;
	}
	if (txt_tally_doc(j->tally, who, g ? g->s : "all", g ? g->len : 3, t->s, t->len) < 0) {
		txt_chunk_error(c);
		return -1;
	}
	return 0;
}

/* txt_chunk_fn: count a chunk's rows into worker who's table. */
static void count_chunk(txt_chunk *c, void *arg, size_t who)
{
	char *line;
	size_t n;
	while (txt_chunk_next(c, &line, &n) && count_row(arg, c, who, line, n) == 0)
		;
}

/* Open a docs file and read up to its rows; *first: a row read already. */
static txt_reader *source_open(job *j, const opts *o, const char *path, layout **lay,
			       txt_table **t, char **first, size_t *nfirst)
{
	layout *l = txt_xcalloc(1, sizeof *l);
	l->next = j->lays;
	j->lays = *lay = l;
	l->by = -1;
	*first = NULL;
	*nfirst = 0;
	if (!o->fields.n) {
		if (!(*t = txt_table_open(path)))
			txt_die_err();
		l->ncols = txt_table_ncols(*t);
		if ((l->text = txt_table_need(*t, "text", "docs")) < 0 ||
		    (o->by && (l->by = txt_table_need(*t, o->by, "docs")) < 0))
			txt_die_err();
		return txt_table_reader(*t);
	}
	txt_reader *r = txt_reader_open(path);
	if (!r)
		txt_die_err();
	*l = (layout){o->fields.n, txt_names_index(&o->fields, "text"), o->by ? txt_names_index(&o->fields, o->by) : -1,
		      o->fields_arg, 0, l->next};
	char *line;
	size_t len;
	int k;
	while ((k = txt_reader_next(r, &line, &len)) == 1) {
		if (strlen(o->fields.header) != len || memcmp(line, o->fields.header, len) != 0) {
			l->first_row = 1; /* the first row: it goes first */
			*first = line;
			*nfirst = len;
		}
		break;
	}
	if (k < 0)
		txt_die_err();
	return r;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(void *arg, uint64_t b, uint64_t docs)
{
	double dt = now() - ((job *)arg)->t0;
	if (dt > 0)
		txt_progress("%.1f MB, %.1f MB/s, %llu docs, %.0f docs/s", (double)b / 1e6,
			     (double)b / 1e6 / dt, (unsigned long long)docs, (double)docs / dt);
}

static void trace_run(void *arg, unsigned seq, unsigned level)
{
	(void)arg;
	fprintf(stderr, "slant-count: run %u, level %u\n", seq, level);
}

/* Count one docs file: its rows go to the workers chunk by chunk. */
static void count_file(job *j, txt_chunks *cs, const opts *o, const char *path)
{
	layout *l;
	txt_table *t = NULL;
	char *first;
	size_t nfirst;
	txt_reader *r = source_open(j, o, path, &l, &t, &first, &nfirst);
	if (txt_chunks_file(cs, r, first, nfirst, l) < 0) {
		txt_chunks_free(cs); /* no worker is left writing a --max-mem run */
		txt_die_err();
	}
	if (t)
		txt_table_close(t);
	else
		txt_reader_close(r);
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
	if (o->fields.n && txt_names_index(&o->fields, "text") < 0)
		txt_usage("--fields: no 'text' column in '%s'", o->fields_arg);
	if (o->fields.n && o->by && txt_names_index(&o->fields, o->by) < 0)
		txt_usage("--by %s: not among --fields", o->by);
}

static void option(void *ctx, int c, const char *arg)
{
	opts *o = ctx;
	if (c == 'g') {
		if (txt_parse_range("--ngrams", arg, 1, TXT_TALLY_MAXN, &o->nlo, &o->nhi) < 0)
			txt_usage("%s", txt_err());
	} else if (c == O_FIELDS) {
		if (txt_names_parse(&o->fields, "--fields", arg) < 0)
			txt_usage("%s", txt_err());
		o->fields_arg = arg;
	} else if (txt_cli_prune_parse(&o->prune, c == O_MINC ? "--min-count" : "--min-docs", arg) < 0) {
		txt_usage("%s", txt_err());
	}
}

static const txt_cli_val VAL[] = {
	TXT_VAL_STR('b', opts, by), TXT_VAL_STR(O_COMP, opts, compounds),
	TXT_VAL_SET(O_ROWS, opts, rows, 1), TXT_VAL_SET(O_METAONLY, opts, meta_only, 1), {0}};

static void counts_meta(const opts *o, const char *tokdesc, txt_counts_meta *m, char *ngrams,
			char *pruned)
{
	if (o->nlo == o->nhi)
		snprintf(ngrams, 32, "%ld", o->nlo);
	else
		snprintf(ngrams, 32, "%ld-%ld", o->nlo, o->nhi);
	*m = (txt_counts_meta){tokdesc, ngrams, o->by ? o->by : "", NULL};
	if (o->prune.min_count > 1 || o->prune.min_docs > 1) {
		snprintf(pruned, 96, "min-count=%llu min-docs=%llu",
			 (unsigned long long)o->prune.min_count, (unsigned long long)o->prune.min_docs);
		m->pruned = pruned;
	}
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-count");
	opts o = {.nlo = 1, .nhi = 1, .sh = {.output = "-", .threads = 1}};
	const txt_cli_spec spec = {HELP, TXT_CLI_OUTPUT | TXT_CLI_GZIP | TXT_CLI_QUIET |
				   TXT_CLI_THREADS | TXT_CLI_TOKENS | TXT_CLI_MAXMEM, "b:g:",
				   LONG, option, &o, 0, VAL};
	int first = txt_cli_parse(&spec, argc, argv, &o.sh);
	check_args(&o, argc - first);
	txt_stop *stop = NULL;
	if (o.sh.stopwords && !(stop = txt_stop_load(o.sh.stopwords)))
		txt_die_err();
	o.sh.tok.stop = stop;
	/* unigrams never look at sentence ends, unless to match compounds */
	o.sh.tok.no_breaks = o.nhi == 1 && !o.compounds;
	txt_tok *tok = txt_tok_new(&o.sh.tok);
	if (!tok)
		txt_usage("%s", txt_err());
	txt_compounds *comp = o.compounds ? txt_compounds_load(o.compounds, &o.sh.tok) : NULL;
	if (o.compounds && !comp)
		txt_die_err();
	char tokdesc[256];
	snprintf(tokdesc, sizeof tokdesc, "%s%s%s", txt_tok_describe(tok), comp ? " compounds=" : "",
		 comp ? txt_compounds_describe(comp) : "");
	/* open the output first: a refused output should cost no counting */
	txt_writer *w = txt_writer_open(o.sh.output, o.sh.wflags);
	if (!w)
		txt_die_err();
	char ngrams[32], pruned[96];
	txt_counts_meta m;
	counts_meta(&o, tokdesc, &m, ngrams, pruned);
	if (o.meta_only) { /* the header of the counts file these options give */
		if (txt_counts_write_header(w, &m) < 0 || txt_writer_close(w) < 0)
			txt_die_err();
		txt_tok_free(tok);
		txt_compounds_free(comp);
		txt_stop_free(stop);
		txt_names_free(&o.fields);
		return 0;
	}

	size_t nth = o.sh.threads == 0 ? txt_pool_cores(TXT_CLI_MAXTHREADS) : (size_t)o.sh.threads;
	txt_tally_cfg tc = {&o.sh.tok, o.nlo, o.nhi, nth, o.sh.max_mem, "slant-count", comp};
	job j = {.tally = txt_tally_new(&tc, &m), .row = txt_xcalloc(nth, sizeof(txt_row)),
		 .t0 = now()};
	if (!j.tally)
		txt_die_err();
	const char *trace = getenv("SLANT_TRACE_SPILL"); /* for tests */
	if (trace && *trace == '1')
		txt_tally_on_run(j.tally, trace_run, NULL);
	txt_chunks *cs = txt_chunks_new(&(txt_chunks_cfg){nth, count_chunk, &j});
	if (!cs)
		txt_die_err();
	if (!o.sh.quiet && isatty(STDERR_FILENO))
		txt_chunks_on_read(cs, progress, &j);
	if (first == argc)
		count_file(&j, cs, &o, "-");
	for (int i = first; i < argc; i++)
		count_file(&j, cs, &o, argv[i]);
	int rc = txt_chunks_finish(cs);
	txt_chunks_free(cs);
	txt_progress_done();
	if (rc < 0 || txt_tally_write(j.tally, w, &o.prune, o.rows) < 0 || txt_writer_close(w) < 0)
		txt_die_err();
	txt_tally_free(j.tally);
	for (size_t i = 0; i < nth; i++)
		txt_row_free(&j.row[i]);
	free(j.row);
	while (j.lays) {
		layout *l = j.lays;
		j.lays = l->next;
		free(l);
	}
	txt_tok_free(tok);
	txt_compounds_free(comp);
	txt_stop_free(stop);
	txt_names_free(&o.fields);
	return 0;
}
