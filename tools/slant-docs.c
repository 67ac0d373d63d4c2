/* slant-docs: ingest documents (text files, directories, TSV, CSV, JSON
 * Lines, HTML, WARC) into the docs format `id source ... text`, joining
 * metadata. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_doc.h"
#include "text_io.h"
#include "text_pool.h"
#include "text_tsv.h"

#define MAXTHREADS 256

static const char *help_text =
	"Usage: slant-docs [OPTION]... INPUT...\n"
	"Ingest documents into the docs format (TSV: id, source, ..., text).\n"
	"\n"
	"An INPUT is a text file (one document; id = file name without extension),\n"
	"a directory (one document per file, sorted by name), a table: .tsv,\n"
	".csv (RFC 4180), .jsonl/.ndjson, or web pages: .html/.htm files (or HTML\n"
	"by content), .warc files (their HTML responses), directories of them;\n"
	"any of them may be gzip-compressed.  '-' reads a TSV table from standard\n"
	"input.  Web pages give: id source url date title author lang text.\n"
	"\n"
	"  -F, --format=FMT     read inputs as FMT: text, tsv, csv, jsonl, html, warc\n"
	"      --html-text=WHAT  main: the article (default); all: all visible text\n"
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
	"  -o, --output=FILE    write to FILE (atomically) instead of stdout\n"
	"  -z, --gzip           compress the output (also when -o ends in .gz)\n"
	"  -f, --force          replace an existing output file\n"
	"  -q, --quiet          no warnings or progress\n"
	"  -j, --threads=N      parse JSON Lines and web pages with N threads\n"
	"                       (default 1; 0: one per core); the output is the same\n"
	"      --help           show this help and exit\n"
	"      --version        show the version and exit\n"
	"\n"
	"Duplicate ids and NUL bytes are errors.  See slant-docs(1).\n";

struct out {
	char **cols;
	size_t n;
};

static size_t col_add(struct out *o, const char *name)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->cols[i], name) == 0)
			return i;
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
	for (size_t c = 0; c < o->n; c++) {
		m[c] = -1;
		for (size_t i = 0; i < n; i++)
			if (strcmp(name(obj, i), o->cols[c]) == 0)
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
static void emit(struct run *r, const txt_field *f, const char *where)
{
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

static void ingest(struct run *r, txt_doc_in *in)
{
	const txt_field *f;
	int k;
	while ((k = txt_doc_in_next(in, &f)) > 0)
		emit(r, f, txt_doc_in_where(in));
	if (k < 0)
		txt_die_err();
}

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

static void parse_batch(void *b_, void *arg, size_t who)
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

/* Write a parsed batch in order; die at its error (or earlier, at a
 * duplicate id) as one thread would. */
static void write_batch(struct run *r, par *p, batch *b)
{
	for (size_t i = 0; i < b->nok; i++) {
		const size_t *at = b->at + i * (1 + b->ncols);
		if (at[0] == SIZE_MAX)
			continue;
		for (size_t c = 0; c < b->ncols; c++) {
			/* the next field's offset, or the end of this record's */
			size_t end = c + 1 < b->ncols ? at[2 + c] : rec_end(b, i);
			p->f[c].s = b->out.s + at[1 + c];
			p->f[c].len = end - at[1 + c] - 1;
		}
		emit(r, p->f, b->out.s + at[0]);
	}
	if (b->err)
		txt_die("%s", b->err);
	txt_doc_in_take_bad(p->in, b->parser);
	b->next = p->spare;
	p->spare = b;
}

static void submit(struct run *r, par *p)
{
	batch *b = p->cur;
	p->cur = NULL;
	if (b && b->n) {
		batch *back = txt_pool_put(p->pool, b);
		if (back)
			write_batch(r, p, back);
	} else if (b) {
		b->next = p->spare;
		p->spare = b;
	}
}

static void drain(struct run *r, par *p)
{
	submit(r, p);
	batch *b;
	while ((b = txt_pool_get(p->pool)))
		write_batch(r, p, b);
}

/* Parsers belong to one input: drop them when it is done. */
static void batches_free(par *p)
{
	while (p->spare) {
		batch *b = p->spare;
		p->spare = b->next;
		txt_doc_in_close(b->parser);
		free(b->in.s);
		free(b->out.s);
		free(b->rec);
		free(b->at);
		free(b);
	}
}

static void ingest_split(struct run *r, txt_pool *pool, txt_doc_in *in)
{
	static par p; /* static: reachable when txt_die exits */
	p = (par){.pool = pool, .in = in};
	p.f = txt_xcalloc(txt_doc_in_ncols(in), sizeof *p.f);
	const char *line;
	size_t len;
	uint64_t lineno, recno;
	int k;
	while ((k = txt_doc_in_next_raw(in, &line, &len, &lineno, &recno)) > 0) {
		if (!p.cur)
			p.cur = batch_get(&p);
		batch *b = p.cur;
		b->rec[b->n++] = (raw){b->in.n, len, lineno, recno};
		txt_buf_add(&b->in, line, len);
		if (b->n == BATCH_RECS || b->in.n >= BATCH_BYTES)
			submit(r, &p);
	}
	if (k < 0) { /* the records before the failure first, as one thread would */
		char *msg = txt_xstrdup(txt_err());
		drain(r, &p);
		txt_die("%s", msg);
	}
	drain(r, &p);
	batches_free(&p);
	free(p.f);
}

int main(int argc, char **argv)
{
	enum { O_ID = 256, O_TEXT, O_SOURCE, O_STRICT, O_HTEXT, O_HCOL, O_HELP, O_VERSION };
	static const struct option longopts[] = {
		{"format", required_argument, 0, 'F'},
		{"id-col", required_argument, 0, O_ID},
		{"text-col", required_argument, 0, O_TEXT},
		{"source-col", required_argument, 0, O_SOURCE},
		{"meta", required_argument, 0, 'm'},
		{"strict", no_argument, 0, O_STRICT},
		{"html-text", required_argument, 0, O_HTEXT},
		{"html-col", required_argument, 0, O_HCOL},
		{"output", required_argument, 0, 'o'},
		{"gzip", no_argument, 0, 'z'},
		{"force", no_argument, 0, 'f'},
		{"quiet", no_argument, 0, 'q'},
		{"threads", required_argument, 0, 'j'},
		{"help", no_argument, 0, O_HELP},
		{"version", no_argument, 0, O_VERSION},
		{0, 0, 0, 0},
	};
	txt_doc_opts opts = {0};
	const char *out = NULL, *meta = NULL;
	int wflags = 0, quiet = 0, c;
	long threads = 1;

	txt_cli_init("slant-docs");
	while ((c = getopt_long(argc, argv, "F:m:o:zfqj:", longopts, NULL)) != -1) {
		switch (c) {
		case 'F':
			opts.format = txt_doc_format_parse(optarg);
			if (opts.format < 0)
				txt_usage("--format: '%s' is not one of text, tsv, csv, jsonl, html, warc", optarg);
			break;
		case O_ID: opts.id_col = optarg; break;
		case O_TEXT: opts.text_col = optarg; break;
		case O_SOURCE: opts.source_col = optarg; break;
		case 'm': meta = optarg; break;
		case O_STRICT: opts.strict = 1; break;
		case O_HCOL: opts.html_col = optarg; break;
		case O_HTEXT:
			if (strcmp(optarg, "main") && strcmp(optarg, "all"))
				txt_usage("--html-text: '%s' is not main or all", optarg);
			opts.html_all = strcmp(optarg, "all") == 0;
			break;
		case 'o': out = optarg; break;
		case 'z': wflags |= TXT_W_GZIP; break;
		case 'f': wflags |= TXT_W_FORCE; break;
		case 'q': quiet = 1; break;
		case 'j':
			if (txt_parse_long("--threads", optarg, 0, MAXTHREADS, &threads) < 0)
				txt_usage("%s", txt_err());
			break;
		case O_HELP: txt_cli_help(help_text);
		case O_VERSION: txt_cli_version();
		default: txt_usage("unknown or incomplete option");
		}
	}
	if (optind == argc)
		txt_usage("no input given (use '-' for standard input)");
	txt_progress_quiet(quiet);

	static struct run r; /* static: still reachable when txt_die exits */
	size_t nin = (size_t)(argc - optind);
	static txt_doc_in **in;
	in = txt_xcalloc(nin, sizeof *in);
	if (meta && !(r.meta = txt_doc_meta_load(meta, opts.source_col)))
		txt_die_err();
	for (size_t k = 0; k < nin; k++)
		if (!(in[k] = txt_doc_in_open(argv[optind + (int)k], &opts)))
			txt_die_err();
	plan(&r.o, in, nin, r.meta);
	if (r.meta)
		r.mmap = map_of(&r.o, txt_doc_meta_ncols(r.meta), meta_name, r.meta);
	r.row = txt_xcalloc(r.o.n, sizeof *r.row);
	r.ids = txt_doc_ids_new();
	if (!(r.w = txt_writer_open(out, wflags)))
		txt_die_err();
	for (size_t i = 0; i < r.o.n; i++)
		r.row[i] = (txt_field){r.o.cols[i], strlen(r.o.cols[i])};
	if (txt_tsv_write_row(r.w, r.row, r.o.n) < 0)
		txt_die_err();

	unsigned long long nbad = 0, nunread = 0;
	static char *first_bad; /* reachable at txt_die */
	static txt_buf unread, skipped;
	size_t nth = threads == 0 ? txt_pool_cores(MAXTHREADS) : (size_t)threads;
	static txt_pool *pool;
	if (nth > 1 && !(pool = txt_pool_new(nth, 0, parse_batch, NULL)))
		txt_die_err();
	for (size_t k = 0; k < nin; k++) {
		r.m = map_of(&r.o, txt_doc_in_ncols(in[k]), in_name, in[k]);
		if (pool && txt_doc_in_splits(in[k]))
			ingest_split(&r, pool, in[k]);
		else
			ingest(&r, in[k]);
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
	for (size_t i = 0; i < r.o.n; i++)
		free(r.o.cols[i]);
	free(r.o.cols);
	free(r.row);
	free(r.mmap);
	free(first_bad);
	free(unread.s);
	free(skipped.s);
	txt_doc_ids_free(r.ids);
	txt_doc_meta_free(r.meta);
	return 0;
}
