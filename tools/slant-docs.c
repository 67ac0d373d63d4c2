/* slant-docs: ingest documents (text files, directories, TSV, CSV, JSON
 * Lines, HTML, WARC) into the docs format `id source ... text`, joining
 * metadata. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_doc.h"
#include "text_io.h"
#include "text_map.h"
#include "text_pool.h"
#include "text_tsv.h"

static const char *help_text =
	"Usage: slant-docs [OPTION]... INPUT...\n"
	"Ingest documents into the docs format (TSV: id, source, ..., text).\n"
	"\n"
	"An INPUT is a text file (one document; id = file name without extension),\n"
	"a directory (its .txt, .html, .warc, .tsv, .csv and .jsonl files, not\n"
	"README/LICENSE or hidden ones; see slant-docs(1)), a table: .tsv,\n"
	".csv (RFC 4180), .jsonl/.ndjson, or web pages: .html/.htm files (or HTML\n"
	"by content), .warc files (their HTML responses), directories of them;\n"
	"any of them may be gzip-compressed.  '-' reads a TSV table from standard\n"
	"input.  Web pages give: id source url date title author lang text.\n"
	"\n"
	"  -F, --format=FMT     read inputs as FMT: text, tsv, csv, jsonl, html, warc\n"
	"      --html-text=WHAT  main: the article (default); all: all visible text\n"
	"      --glob=PATTERN   take a directory's files whose names match PATTERN\n"
	"                       (repeatable) instead of the rule above\n"
	"      --html-col=NAME  a table column of raw HTML: extract it into text\n"
	"                       (and add the page's url, date, title, ... columns)\n"
	"      --id-col=NAME    column holding the id (default id; without one,\n"
	"                       ids are FILE:N)\n"
	"      --text-col=NAME  column holding the text (default text)\n"
	"      --source-col=NAME  column holding the source (default source,\n"
	"                       else outlet); written as 'source'\n"
	"  -m, --meta=FILE      join a metadata TSV with an id column by id\n"
	"      --strict         invalid UTF-8 and unreadable pages are errors\n"
	"                       (default: U+FFFD, and pages skipped; one warning)\n"
	"  -j, --threads=N      parse JSON Lines and web pages with N threads\n"
	"                       (default 1; 0: one per core); the output is the same\n"
	"\n"
	"Duplicate ids and NUL bytes are errors.  See slant-docs(1).\n";

struct out {
	char **cols;
	size_t n;
	txt_map *ix; /* the names hashed, id = index: wide headers in linear time */
};

static size_t col_add(struct out *o, const char *name)
{
	int isnew;
	if (!o->ix)
		o->ix = txt_map_new(64);
	uint32_t id = txt_map_put(o->ix, name, strlen(name), &isnew);
	if (!isnew)
		return id;
	o->cols = txt_xreallocarray(o->cols, o->n + 1, sizeof *o->cols);
	o->cols[o->n] = txt_xstrdup(name);
	return o->n++;
}

/* Output columns: id, source (if anyone has it), the rest in order of first
 * appearance (inputs, then metadata), text. */
static void plan(struct out *o, txt_doc_in **in, size_t nin, txt_doc_meta *meta)
{
	int src = 0;
	for (size_t k = 0; k < nin; k++)
		src |= strcmp(txt_doc_in_colname(in[k], 1), "source") == 0;
	if (meta && txt_doc_meta_ncols(meta))
		src |= strcmp(txt_doc_meta_colname(meta, 0), "source") == 0;
	col_add(o, "id");
	if (src)
		col_add(o, "source");
	for (size_t k = 0; k < nin; k++)
		for (size_t i = 1; i + 1 < txt_doc_in_ncols(in[k]); i++)
			col_add(o, txt_doc_in_colname(in[k], i));
	for (size_t i = 0; meta && i < txt_doc_meta_ncols(meta); i++)
		if (strcmp(txt_doc_meta_colname(meta, i), "text") != 0)
			col_add(o, txt_doc_meta_colname(meta, i));
	col_add(o, "text");
}

static long *map_of(const struct out *o, size_t n, const char *(*name)(const void *, size_t),
		    const void *obj)
{
	long *m = txt_xcalloc(o->n, sizeof *m);
	for (size_t c = 0; c < o->n; c++)
		m[c] = -1;
	for (size_t i = 0; i < n; i++) {
		const char *s = name(obj, i);
		int64_t c = txt_map_get(o->ix, s, strlen(s));
		if (c >= 0)
			m[c] = (long)i;
	}
	return m;
}

static const char *in_name(const void *p, size_t i) { return txt_doc_in_colname(p, i); }
static const char *meta_name(const void *p, size_t i) { return txt_doc_meta_colname(p, i); }

struct run {
	struct out o;
	txt_field *row;
	txt_writer *w;
	txt_doc_meta *meta;
	long *mmap;
	txt_doc_ids *ids;
	long *m; /* output column -> column of the current input */
	unsigned long long ndocs, nomatch;
};

/* One document out: refuse a duplicate id, join metadata, write the row. */
static void emit(void *ctx, const txt_field *f, const char *where)
{
	struct run *r = ctx;
	const long *m = r->m;
	const char *first;
	if (txt_doc_ids_add(r->ids, f[0].s, where, &first))
		txt_die("%s: duplicate id '%s' (first at %s)", where, f[0].s, first);
	const txt_field *mf = r->meta ? txt_doc_meta_get(r->meta, f[0].s) : NULL;
	if (r->meta && !mf)
		r->nomatch++;
	for (size_t c = 0; c < r->o.n; c++) {
		txt_field v = {(char *)"", 0};
		if (m[c] >= 0)
			v = f[m[c]];
		if (v.len == 0 && mf && r->mmap[c] >= 0)
			v = mf[r->mmap[c]];
		r->row[c] = v;
	}
	if (txt_tsv_write_row(r->w, r->row, r->o.n) < 0)
		txt_die_err();
	if ((++r->ndocs & 1023) == 0) /* isatty and clock cost a syscall each */
		txt_progress("%llu documents", r->ndocs);
}

enum { O_ID = 256, O_TEXT, O_SOURCE, O_STRICT, O_HTEXT, O_HCOL, O_GLOB };

/* -F names the input's format here: the shared -F is a report's. */
static const struct option LONG[] = {
	{"format", required_argument, 0, 'F'}, {"id-col", required_argument, 0, O_ID},
	{"text-col", required_argument, 0, O_TEXT}, {"source-col", required_argument, 0, O_SOURCE},
	{"meta", required_argument, 0, 'm'}, {"strict", no_argument, 0, O_STRICT},
	{"html-text", required_argument, 0, O_HTEXT}, {"html-col", required_argument, 0, O_HCOL},
	{"glob", required_argument, 0, O_GLOB}, {0, 0, 0, 0},
};

typedef struct args {
	txt_doc_opts d;
	const char *meta;
	const char **globs;
} args;

static void option(void *ctx, int c, const char *arg)
{
	args *o = ctx;
	if (c == 'F') {
		if ((o->d.format = txt_doc_format_parse(arg)) < 0)
			txt_usage("--format: '%s' is not one of text, tsv, csv, jsonl, html, warc", arg);
	} else { /* --glob */
		o->globs = txt_xreallocarray(o->globs, o->d.nglobs + 1, sizeof *o->globs);
		o->globs[o->d.nglobs++] = arg;
		o->d.globs = o->globs;
	}
}

static const char *const html_text[] = {"main", "all", NULL};
static const txt_cli_val VAL[] = {
	TXT_VAL_STR(O_ID, args, d.id_col), TXT_VAL_STR(O_TEXT, args, d.text_col),
	TXT_VAL_STR(O_SOURCE, args, d.source_col), TXT_VAL_STR('m', args, meta),
	TXT_VAL_SET(O_STRICT, args, d.strict, 1), TXT_VAL_STR(O_HCOL, args, d.html_col),
	TXT_VAL_WORD(O_HTEXT, args, d.html_all, html_text), {0}};

int main(int argc, char **argv)
{
	txt_cli_init("slant-docs");
	static args op; /* static: reachable when txt_die exits */
	txt_cli_shared sh = {.threads = 1};
	const txt_cli_spec spec = {help_text, TXT_CLI_OUTPUT | TXT_CLI_GZIP | TXT_CLI_QUIET |
				   TXT_CLI_THREADS, "F:m:", LONG, option, &op, 0, VAL};
	int first = txt_cli_parse(&spec, argc, argv, &sh);
	if (first == argc)
		txt_usage("no input given (use '-' for standard input)");
	txt_doc_opts opts = op.d;
	const char *out = sh.output, *meta = op.meta;
	int quiet = sh.quiet;

	static struct run r; /* static: still reachable when txt_die exits */
	size_t nin;
	static char **paths;
	if (txt_doc_expand(argv + first, (size_t)(argc - first), &opts, &paths, &nin) < 0)
		txt_die_err();
	static txt_doc_in **in;
	in = txt_xcalloc(nin, sizeof *in);
	if (meta && !(r.meta = txt_doc_meta_load(meta, opts.source_col)))
		txt_die_err();
	for (size_t k = 0; k < nin; k++)
		if (!(in[k] = txt_doc_in_open(paths[k], &opts)))
			txt_die_err();
	plan(&r.o, in, nin, r.meta);
	if (r.meta)
		r.mmap = map_of(&r.o, txt_doc_meta_ncols(r.meta), meta_name, r.meta);
	r.row = txt_xcalloc(r.o.n, sizeof *r.row);
	r.ids = txt_doc_ids_new();
	if (!(r.w = txt_writer_open(out, sh.wflags)))
		txt_die_err();
	for (size_t i = 0; i < r.o.n; i++)
		r.row[i] = (txt_field){r.o.cols[i], strlen(r.o.cols[i])};
	if (txt_tsv_write_row(r.w, r.row, r.o.n) < 0)
		txt_die_err();

	unsigned long long nbad = 0, nunread = 0;
	static char *first_bad; /* reachable at txt_die */
	static txt_buf unread, skipped;
	size_t nth = sh.threads == 0 ? txt_pool_cores(TXT_CLI_MAXTHREADS) : (size_t)sh.threads;
	static txt_pool *pool;
	if (nth > 1 && !(pool = txt_pool_new(nth, 0, txt_doc_pool_fn, NULL)))
		txt_die_err();
	for (size_t k = 0; k < nin; k++) {
		r.m = map_of(&r.o, txt_doc_in_ncols(in[k]), in_name, in[k]);
		if (txt_doc_in_each(in[k], pool, emit, &r) < 0)
			txt_die_err();
		free(r.m);
		r.m = NULL;
		if (txt_doc_in_nbad(in[k]) && !first_bad)
			first_bad = txt_xstrdup(txt_doc_in_first_bad(in[k]));
		nbad += txt_doc_in_nbad(in[k]);
		nunread += txt_doc_in_nunread(in[k]);
		if (txt_doc_in_nunread(in[k]))
			txt_buf_add(&unread, unread.n ? "; " : "", unread.n ? 2 : 0),
			txt_buf_add(&unread, txt_doc_in_unread(in[k]), strlen(txt_doc_in_unread(in[k])));
		if (txt_doc_in_nskipped(in[k]))
			txt_buf_add(&skipped, skipped.n ? "; " : "", skipped.n ? 2 : 0),
			txt_buf_add(&skipped, txt_doc_in_skipped(in[k]), strlen(txt_doc_in_skipped(in[k])));
	}
	txt_pool_free(pool);
	txt_progress_done();
	if (r.ndocs == 0)
		txt_die("no documents in the input");
	if (txt_writer_close(r.w) < 0)
		txt_die_err();
	if (!quiet && nbad)
		txt_warn("warning: %llu invalid UTF-8 sequence%s replaced by U+FFFD (first at %s; --strict makes this an error)",
			 nbad, nbad == 1 ? "" : "s", first_bad);
	if (!quiet && nunread)
		txt_warn("warning: %llu page%s could not be read and %s skipped (--strict makes this an error): %s",
			 nunread, nunread == 1 ? "" : "s", nunread == 1 ? "was" : "were", unread.s);
	if (!quiet && skipped.n)
		txt_warn("warning: WARC records that are not HTML pages were skipped: %s", skipped.s);
	if (!quiet && r.nomatch)
		txt_warn("warning: %llu of %llu documents have no row in %s (their metadata fields are empty)",
			 r.nomatch, r.ndocs, meta);

	for (size_t k = 0; k < nin; k++)
		txt_doc_in_close(in[k]);
	free(in);
	txt_doc_expand_free(paths, nin);
	free(op.globs);
	txt_strs_free(r.o.cols, r.o.n);
	txt_map_free(r.o.ix);
	txt_free_all(r.row, r.mmap, first_bad, unread.s, skipped.s);
	txt_doc_ids_free(r.ids);
	txt_doc_meta_free(r.meta);
	return 0;
}
