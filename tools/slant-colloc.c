/* slant-colloc: multi-word expressions and their association scores
 * (docs -> report table).  The statistics are text_colloc's; see
 * slant-colloc(1). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_colloc.h"
#include "text_doc.h"
#include "text_io.h"
#include "text_pool.h"
#include "text_report.h"
#include "text_tally.h"

static const char usage_text[] =
	"Usage: slant-colloc [OPTION]... [DOCS]...\n"
	"Multi-word expressions of 2 to 5 words that never cross a sentence end or\n"
	"a removed token, scored: count, lambda and z (Blaheta & Johnson 2001, as\n"
	"quanteda's textstat_collocations), and for two words PMI, G2, t and Dice.\n"
	"DOCS: docs TSV (default: standard input), CSV, JSON Lines, text files or\n"
	"directories, by extension.\n"
	"\n"
	"  -s, --size N          words in an expression, 2 to 5 (default 2)\n"
	"  -b, --by COL          score each group of documents (their values of docs\n"
	"                        column COL) apart, as a corpus of its own\n"
	"      --min-count N     score expressions seen at least N times (default 2)\n"
	"      --smoothing X     added to every cell of the 2^N table (default 0.5)\n"
	"      --text-col NAME   the column holding the text (default text)\n"
	"      --digits N        significant digits (default 6)\n"
	"\n"
	"Columns: [group] collocation count lambda z pmi g2 t dice, in decreasing z\n"
	"(by group first, in the order groups appear); pmi, g2, t and dice are NA\n"
	"for expressions longer than two words.  See slant-colloc(1) for the\n"
	"formulas.\n";

enum { O_MINC = 256, O_SMOOTH, O_TEXTCOL };

static const struct option LONG[] = {
	{"size", 1, 0, 's'}, {"by", 1, 0, 'b'}, {"min-count", 1, 0, O_MINC}, {"smoothing", 1, 0, O_SMOOTH},
	{"text-col", 1, 0, O_TEXTCOL}, {0, 0, 0, 0},
};

typedef struct opts {
	const char *text_col, *by;
	long size, min_count;
	double smoothing;
	txt_cli_shared sh;
} opts;

static const txt_cli_val VAL[] = {
	TXT_VAL_LONG('s', opts, size, 2, TXT_COLLOC_MAXK),
	TXT_VAL_LONG(O_MINC, opts, min_count, 1, 1L << 62),
	TXT_VAL_DOUBLE(O_SMOOTH, opts, smoothing, 1e-9, 1e9), TXT_VAL_STR(O_TEXTCOL, opts, text_col),
	TXT_VAL_STR('b', opts, by), {0}};

static void trace_run(void *arg, unsigned seq, unsigned level)
{
	(void)arg;
	fprintf(stderr, "slant-colloc: run %u, level %u\n", seq, level);
}

/* The index of column `name` of in; dies when it has none. */
static size_t need_col(txt_doc_in *in, const char *path, const char *name)
{
	txt_buf list = {0};
	for (size_t i = 0; i < txt_doc_in_ncols(in); i++) {
		const char *col = txt_doc_in_colname(in, i);
		if (strcmp(col, name) == 0) {
			free(list.s);
			return i;
		}
		if (i)
			txt_buf_add(&list, ", ", 2);
		txt_buf_add(&list, col, strlen(col));
	}
	txt_buf_add(&list, "", 1);
	txt_die("%s: no '%s' column for --by (columns: %s)", path, name, list.s);
}

/* Count one input's documents. */
static void read_input(txt_colloc *c, const opts *o, const char *path)
{
	txt_doc_opts dopt = {.text_col = o->text_col};
	txt_doc_in *in = txt_doc_in_open(path, &dopt);
	if (!in)
		txt_die_err();
	size_t gcol = o->by ? need_col(in, path, o->by) : 0;
	if (txt_colloc_read(c, in, gcol) < 0)
		txt_die_err();
	if (txt_doc_in_nbad(in))
		txt_warn("%s: %llu invalid UTF-8 sequences replaced (the first at %s)", path,
		         (unsigned long long)txt_doc_in_nbad(in), txt_doc_in_first_bad(in));
	txt_doc_in_close(in);
}

static const char *const COLS[] = {"group", "collocation", "count", "lambda", "z",
                                   "pmi",   "g2",          "t",     "dice"};

typedef struct fill_arg {
	const txt_colloc *c;
	int digits, group; /* group: 1 with the group column */
} fill_arg;

/* txt_report_fill: row i's cells. */
static void fill(void *arg, size_t i, const char **cells, char (*num)[32], txt_buf *text)
{
	const fill_arg *a = arg;
	txt_colloc_row r;
	txt_colloc_row_at(a->c, i, &r, text);
	double v[6] = {r.s.lambda, r.s.z, r.s.pmi, r.s.g2, r.s.t, r.s.dice};
	if (a->group)
		*cells++ = r.group;
	cells[0] = r.text;
	snprintf(num[0], sizeof num[0], "%llu", (unsigned long long)r.s.count);
	cells[1] = num[0];
	for (int j = 0; j < 6; j++)
		cells[j + 2] = txt_report_num(num[j + 1], v[j], a->digits);
}

static void write_rows(const txt_colloc *c, const opts *o, size_t threads, txt_writer *w)
{
	const int g = o->by != NULL; /* the group column first */
	txt_report *rep = txt_report_new(w, o->sh.format, COLS + 1 - g, 8 + (size_t)g,
					 &"llrrrrrrr"[1 - g]);
	fill_arg a = {c, o->sh.digits ? o->sh.digits : 6, g};
	if (!rep || txt_report_rows(rep, txt_colloc_nrows(c), threads, fill, &a) < 0)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
	txt_report_free(rep);
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-colloc");
	opts o = {.size = 2, .min_count = 2, .smoothing = 0.5, .sh = {.output = "-", .threads = 1}};
	const txt_cli_spec spec = {usage_text, TXT_CLI_REPORT | TXT_CLI_THREADS | TXT_CLI_TOKENS |
				   TXT_CLI_MAXMEM, "s:b:", LONG, NULL, &o, 0, VAL};
	int first = txt_cli_parse(&spec, argc, argv, &o.sh);
	txt_stop *stop = NULL;
	if (o.sh.stopwords && !(stop = txt_stop_load(o.sh.stopwords)))
		txt_die_err();
	o.sh.tok.stop = stop;
	size_t nth = o.sh.threads == 0 ? txt_pool_cores(TXT_CLI_MAXTHREADS) : (size_t)o.sh.threads;
	txt_colloc_cfg cfg = {&o.sh.tok, (size_t)o.size, (uint64_t)o.min_count, o.smoothing, nth,
	                      o.sh.max_mem, "slant-colloc", o.by != NULL};
	txt_colloc *c = txt_colloc_new(&cfg);
	if (!c)
		txt_usage("%s", txt_err());
	const char *trace = getenv("SLANT_TRACE_SPILL"); /* for tests */
	if (trace && *trace == '1')
		txt_colloc_on_run(c, trace_run, NULL);
	/* open the output first: a refused output should cost no counting */
	txt_writer *w = txt_writer_open(o.sh.output, o.sh.wflags);
	if (!w)
		txt_die_err();
	if (first == argc)
		read_input(c, &o, "-");
	for (int i = first; i < argc; i++)
		read_input(c, &o, argv[i]);
	if (txt_colloc_finish(c) < 0)
		txt_die_err();
	write_rows(c, &o, nth, w);
	if (txt_writer_close(w) < 0)
		txt_die_err();
	txt_colloc_free(c);
	txt_stop_free(stop);
	return 0;
}
