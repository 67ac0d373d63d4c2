/* slant-merge: sum counts files in one streaming k-way merge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_counts.h"
#include "text_err.h"
#include "text_io.h"

static const char HELP[] =
	"Usage: slant-merge [OPTION]... COUNTS...\n"
	"  or:  slant-merge --rows [--meta COUNTS] [OPTION]... [ROWS]...\n"
	"Sum counts files (shards of one corpus, counted the same way) into one,\n"
	"in a single streaming pass: memory does not grow with the input.\n"
	"Files counted with a different tokenisation, n-gram range or --by are refused.\n"
	"'-' reads standard input (once).\n"
	"\n"
	"      --rows          reduce bare rows (slant-count --rows output sorted by\n"
	"                      group, term, as a Hadoop or Spark shuffle delivers\n"
	"                      them; default: standard input): sum equal keys and\n"
	"                      write bare rows (a Hadoop reducer or combiner), or\n"
	"                      with --meta a counts file\n"
	"      --meta COUNTS   with --rows: write a counts file, its tokenizer=,\n"
	"                      ngrams= and by= taken from COUNTS (any counts file\n"
	"                      made the same way, e.g. by slant-count --meta-only)\n"
	"      --min-count N   drop terms whose summed n is below N\n"
	"      --min-docs N    drop terms whose summed df is below N\n"
	"                      (group total rows are never dropped)\n";

enum { O_MINC = 256, O_MIND, O_ROWS, O_META };

static const struct option LONG[] = {
	{"min-count", 1, 0, O_MINC}, {"min-docs", 1, 0, O_MIND}, {"rows", 0, 0, O_ROWS},
	{"meta", 1, 0, O_META}, {0, 0, 0, 0},
};

typedef struct opts {
	const char *meta;
	int rows;
	txt_counts_prune prune;
} opts;

static void option(void *ctx, int c, const char *arg)
{
	opts *o = ctx; /* --min-count, --min-docs */
	if (txt_cli_prune_parse(&o->prune, c == O_MINC ? "--min-count" : "--min-docs", arg) < 0)
		txt_usage("%s", txt_err());
}

static const txt_cli_val VAL[] = {TXT_VAL_SET(O_ROWS, opts, rows, 1), TXT_VAL_STR(O_META, opts, meta), {0}};

/* --rows: the header from the --meta file, #pruned from our own options
 * (the rows are unpruned: slant-count --rows refuses to prune); no --meta:
 * bare rows. */
static int reduce(txt_counts_in *mi, txt_counts_in **in, size_t k, txt_writer *w,
		  const txt_counts_prune *pr)
{
	if (!mi)
		return txt_counts_reduce(in, k, w, NULL, NULL);
	char pruned[96];
	txt_counts_meta m = {txt_counts_meta_get(mi, "tokenizer"), txt_counts_meta_get(mi, "ngrams"),
			     txt_counts_meta_get(mi, "by"), NULL};
	if (!m.tokenizer || !m.ngrams || !m.by)
		return txt_err_set("%s: no tokenizer=, ngrams= or by= metadata row", txt_counts_name(mi));
	if (pr->min_count > 1 || pr->min_docs > 1) {
		snprintf(pruned, sizeof pruned, "min-count=%llu min-docs=%llu",
			 (unsigned long long)pr->min_count, (unsigned long long)pr->min_docs);
		m.pruned = pruned;
	}
	return txt_counts_reduce(in, k, w, &m, pr);
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-merge");
	opts o = {NULL, 0, {0, 0}};
	txt_cli_shared sh = {.output = "-"};
	const txt_cli_spec spec = {HELP, TXT_CLI_OUTPUT | TXT_CLI_GZIP | TXT_CLI_QUIET, "", LONG,
				   option, &o, 0, VAL};
	int first = txt_cli_parse(&spec, argc, argv, &sh), stdin_seen = 0, rows = o.rows;
	const char *meta = o.meta;
	txt_counts_prune prune = o.prune;
	if (rows && !meta && (prune.min_count > 1 || prune.min_docs > 1))
		txt_usage("--rows without --meta writes bare rows: prune where --meta is given");
	if (meta && !rows)
		txt_usage("--meta applies to --rows only (counts files carry their own)");
	if (first == argc && !rows)
		txt_usage("no counts files given");
	static char *std_in[] = {"-"};
	char **name = first == argc ? std_in : argv + first;
	size_t k = first == argc ? 1 : (size_t)(argc - first);
	txt_counts_in *mi = NULL;
	if (meta && !(mi = txt_counts_open(meta)))
		txt_die_err();
	txt_counts_in **in = txt_xcalloc(k, sizeof *in);
	for (size_t i = 0; i < k; i++) {
		if (strcmp(name[i], "-") == 0 && stdin_seen++)
			txt_usage("standard input ('-') given twice");
		if (!(in[i] = rows ? txt_counts_open_rows(name[i]) : txt_counts_open(name[i])))
			txt_die_err();
	}
	txt_writer *w = txt_writer_open(sh.output, sh.wflags);
	if (!w)
		txt_die_err();
	if ((rows ? reduce(mi, in, k, w, &prune) : txt_counts_merge(in, k, w, &prune)) < 0)
		txt_die_err();
	if (txt_writer_close(w) < 0)
		txt_die_err();
	for (size_t i = 0; i < k; i++)
		txt_counts_close(in[i]);
	txt_counts_close(mi);
	free(in);
	return 0;
}
