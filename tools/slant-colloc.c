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
	"      --min-count N     score expressions seen at least N times (default 2)\n"
	"      --smoothing X     added to every cell of the 2^N table (default 0.5)\n"
	"      --text-col NAME   the column holding the text (default text)\n"
	"      --digits N        significant digits (default 6)\n"
	"\n"
	"Columns: collocation count lambda z pmi g2 t dice, in decreasing z; pmi,\n"
	"g2, t and dice are NA for expressions longer than two words.  See\n"
	"slant-colloc(1) for the formulas.\n";

enum { O_MINC = 256, O_SMOOTH, O_TEXTCOL };

static const struct option LONG[] = {
	{"size", 1, 0, 's'}, {"min-count", 1, 0, O_MINC}, {"smoothing", 1, 0, O_SMOOTH},
	{"text-col", 1, 0, O_TEXTCOL}, {0, 0, 0, 0},
};

typedef struct opts {
	const char *text_col;
	long size, min_count;
	double smoothing;
	txt_cli_shared sh;
} opts;

static const txt_cli_val VAL[] = {
	TXT_VAL_LONG('s', opts, size, 2, TXT_COLLOC_MAXK),
	TXT_VAL_LONG(O_MINC, opts, min_count, 1, 1L << 62),
	TXT_VAL_DOUBLE(O_SMOOTH, opts, smoothing, 1e-9, 1e9), TXT_VAL_STR(O_TEXTCOL, opts, text_col), {0}};

static void trace_run(void *arg, unsigned seq, unsigned level)
{
	(void)arg;
	fprintf(stderr, "slant-colloc: run %u, level %u\n", seq, level);
}

/* Count one input's documents. */
static void read_input(txt_colloc *c, const opts *o, const char *path)
{
	txt_doc_opts dopt = {.text_col = o->text_col};
	txt_doc_in *in = txt_doc_in_open(path, &dopt);
	if (!in || txt_colloc_read(c, in) < 0)
		txt_die_err();
	if (txt_doc_in_nbad(in))
		txt_warn("%s: %llu invalid UTF-8 sequences replaced (the first at %s)", path,
		         (unsigned long long)txt_doc_in_nbad(in), txt_doc_in_first_bad(in));
	txt_doc_in_close(in);
}

static const char *const COLS[] = {"collocation", "count", "lambda", "z",
                                   "pmi",         "g2",    "t",      "dice"};

static void write_rows(txt_colloc *c, const opts *o, txt_writer *w)
{
	txt_report *rep = txt_report_new(w, o->sh.format, COLS, 8, "lrrrrrrr");
	if (!rep)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
	char b[7][32];
	for (size_t i = 0; i < txt_colloc_nrows(c); i++) {
		const txt_colloc_row *r = txt_colloc_get(c, i);
		double v[6] = {r->s.lambda, r->s.z, r->s.pmi, r->s.g2, r->s.t, r->s.dice};
		const char *cells[8] = {r->text, b[6]};
		snprintf(b[6], sizeof b[6], "%llu", (unsigned long long)r->s.count);
		for (int j = 0; j < 6; j++)
			cells[j + 2] = txt_report_num(b[j], v[j], o->sh.digits ? o->sh.digits : 6);
		if (txt_report_row(rep, cells) < 0)
			txt_die("%s: %s", txt_writer_name(w), txt_err());
	}
	txt_report_free(rep);
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-colloc");
	opts o = {.size = 2, .min_count = 2, .smoothing = 0.5, .sh = {.output = "-", .threads = 1}};
	const txt_cli_spec spec = {usage_text, TXT_CLI_REPORT | TXT_CLI_THREADS | TXT_CLI_TOKENS |
				   TXT_CLI_MAXMEM, "s:", LONG, NULL, &o, 0, VAL};
	int first = txt_cli_parse(&spec, argc, argv, &o.sh);
	txt_stop *stop = NULL;
	if (o.sh.stopwords && !(stop = txt_stop_load(o.sh.stopwords)))
		txt_die_err();
	o.sh.tok.stop = stop;
	size_t nth = o.sh.threads == 0 ? txt_pool_cores(TXT_CLI_MAXTHREADS) : (size_t)o.sh.threads;
	txt_colloc_cfg cfg = {&o.sh.tok, (size_t)o.size, (uint64_t)o.min_count, o.smoothing, nth,
	                      o.sh.max_mem, "slant-colloc"};
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
	write_rows(c, &o, w);
	if (txt_writer_close(w) < 0)
		txt_die_err();
	txt_colloc_free(c);
	txt_stop_free(stop);
	return 0;
}
