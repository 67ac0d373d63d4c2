/* slant-docstats: lexical diversity and readability per document or group.
 * docs -> report table.  The statistics are text_docstats'; see
 * slant-docstats(1). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_docstats.h"
#include "text_io.h"
#include "text_map.h"
#include "text_report.h"
#include "text_tsv.h"

static const char usage_text[] =
	"Usage: slant-docstats [OPTION]... [DOCS]\n"
	"Lexical diversity and readability of each document, or of each group of\n"
	"documents: tokens, types, TTR, MATTR, MTLD, sentences, mean sentence\n"
	"length, and for English Flesch reading ease, Flesch-Kincaid grade and\n"
	"Gunning fog.  DOCS '-' or none: standard input.\n"
	"\n"
	"  -b, --by=COL         one row per value of this docs column (default id:\n"
	"                       one row per document); a group's documents are\n"
	"                       read as one text, in input order\n"
	"      --window=N       MATTR window in tokens (default 50)\n"
	"      --threshold=X    MTLD factor threshold (default 0.72)\n"
	"      --lang-col=COL   readability only for documents whose COL is 'en'\n"
	"                       or 'en-...' (default: the column 'lang' if the docs\n"
	"                       have one; otherwise every document is English)\n"
	"      --no-readability leave flesch, fk_grade and fog empty (NA)\n"
	"      --digits=N       significant digits (default 6)\n"
	"\n"
	"Tokens are words as slant-count sees them (folded, punctuation dropped);\n"
	"numbers, URLs, e-mail addresses, mentions and hashtags are not counted.\n"
	"Rows come in the order their group first appears.  See slant-docstats(1)\n"
	"for the formulas and how syllables are counted.\n";

typedef struct opts {
	const char *by, *lang_col;
	long window;
	double threshold;
	int no_read, digits;
	txt_cli_shared sh;
} opts;

enum { O_WINDOW = 256, O_THRESH, O_LANG, O_NOREAD };

static int parse_opts(int argc, char **argv, opts *o)
{
	static const struct option lo[] = {
		{"by", required_argument, 0, 'b'}, {"window", required_argument, 0, O_WINDOW},
		{"threshold", required_argument, 0, O_THRESH},
		{"lang-col", required_argument, 0, O_LANG},
		{"no-readability", no_argument, 0, O_NOREAD}, {0, 0, 0, 0}};
	static const txt_cli_val val[] = {
		TXT_VAL_STR('b', opts, by), TXT_VAL_LONG(O_WINDOW, opts, window, 1, 1L << 30),
		TXT_VAL_DOUBLE(O_THRESH, opts, threshold, 1e-9, 1 - 1e-9),
		TXT_VAL_STR(O_LANG, opts, lang_col), TXT_VAL_SET(O_NOREAD, opts, no_read, 1), {0}};
	const txt_cli_spec spec = {usage_text, TXT_CLI_REPORT, "b:", lo, NULL, o, 0, val};
	int first = txt_cli_parse(&spec, argc, argv, &o->sh);
	o->digits = o->sh.digits ? o->sh.digits : 6;
	if (argc - first > 1)
		txt_usage("one DOCS file at most");
	return first;
}

static const char *const COLS[] = {"group", "tokens", "types", "ttr", "mattr", "mtld",
				   "sentences", "mean_sentence_length", "flesch", "fk_grade",
				   "fog"};

static void emit(txt_report *rep, txt_writer *w, const char *name, const txt_dstat *s,
		 int digits)
{
	char b[10][32];
	double v[] = {(double)s->tokens, (double)s->types, s->ttr, s->mattr, s->mtld,
		      (double)s->sentences, s->mean_sentence_length, s->flesch, s->fk_grade,
		      s->fog};
	const char *cells[11] = {name};
	for (int i = 0; i < 10; i++)
		cells[i + 1] = txt_report_num(b[i], v[i], i == 0 || i == 1 || i == 5 ? 17 : digits);
	if (txt_report_row(rep, cells) < 0)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
}

static int is_english(const char *s)
{
	return (s[0] == 'e' || s[0] == 'E') && (s[1] == 'n' || s[1] == 'N') &&
	       (s[2] == '\0' || s[2] == '-' || s[2] == '_');
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-docstats");
	opts o = {.by = "id", .window = 50, .threshold = 0.72, .sh = {.output = "-"}};
	int first = parse_opts(argc, argv, &o);
	txt_table *t = txt_table_open(first < argc ? argv[first] : "-");
	if (!t)
		txt_die_err();
	long ctext = txt_table_need(t, "text", "docs"), cby = txt_table_need(t, o.by, "docs");
	long clang = o.lang_col ? txt_table_need(t, o.lang_col, "docs") : txt_table_col(t, "lang");
	if (ctext < 0 || cby < 0 || (o.lang_col && clang < 0))
		txt_die_err();
	txt_docstats *ds = txt_docstats_new(NULL, (size_t)o.window, o.threshold);
	if (!ds)
		txt_die_err();
	txt_writer *w = txt_writer_open(o.sh.output, o.sh.wflags);
	if (!w)
		txt_die_err();
	txt_report *rep = txt_report_new(w, o.sh.format, COLS, 11, "lrrrrrrrrrr");
	if (!rep)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
	/* one row per document streams out; groups wait for the end */
	int per_doc = strcmp(o.by, "id") == 0;
	txt_map *groups = txt_map_new(256);
	txt_dstat st;
	txt_row *row;
	int rc, isnew;
	while ((rc = txt_table_next(t, &row)) == 1) {
		const txt_field *g = &row->f[cby];
		if (memchr(g->s, '\0', g->len)) /* a report cell would end at it */
			txt_die("%s:%llu: NUL byte in the %s column", txt_table_name(t),
				(unsigned long long)txt_table_lineno(t), o.by);
		uint32_t u = txt_map_put(groups, g->s, g->len, &isnew);
		if (per_doc && !isnew)
			txt_die("%s:%llu: id '%s' appears twice", txt_table_name(t),
				(unsigned long long)txt_table_lineno(t), g->s);
		int en = !o.no_read && (clang < 0 || is_english(row->f[clang].s));
		txt_docstats_add(ds, u, row->f[ctext].s, row->f[ctext].len, en);
		txt_progress("%llu documents", (unsigned long long)txt_table_lineno(t) - 1);
		if (per_doc) {
			txt_docstats_get(ds, u, &st);
			emit(rep, w, g->s, &st, o.digits);
			txt_docstats_clear(ds, u);
		}
	}
	if (rc < 0)
		txt_die_err();
	txt_progress_done();
	for (uint32_t u = 0; !per_doc && u < txt_map_size(groups); u++) {
		txt_docstats_get(ds, u, &st);
		emit(rep, w, txt_map_key(groups, u, NULL), &st, o.digits);
	}
	txt_report_free(rep);
	if (txt_writer_close(w) < 0)
		txt_die_err();
	txt_table_close(t);
	txt_map_free(groups);
	txt_docstats_free(ds);
	return 0;
}
