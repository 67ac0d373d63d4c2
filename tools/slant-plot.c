/* slant-plot: draw a report table (TSV) as a standalone SVG 1.1 chart.
 * Chart types: bars (top terms per group, small multiples), keyness (two
 * sided: target vs reference), intervals (scores with 95% whiskers, one
 * panel per frame), stacked (shares per group as 100% stacked bars). */
#include <string.h>

#include "text_chart.h"
#include "text_cli.h"
#include "text_io.h"

static const char usage_text[] =
	"Usage: slant-plot TYPE [OPTION]... [FILE]\n"
	"Draw a report table (TSV, plain or gzip; FILE or - for stdin) as SVG.\n"
	"\n"
	"Types:\n"
	"  bars       top rows per group as horizontal bars, one panel per group\n"
	"             (defaults: --group group --label term --value n)\n"
	"  keyness    two-sided keyness: the target's positive scores to the right,\n"
	"             negative (reference) scores to the left\n"
	"             (defaults: --group group --label term --value chi2)\n"
	"  intervals  scores with interval whiskers: one panel per label, one row\n"
	"             per group (defaults: --group source --label frame\n"
	"             --value score --lo lo --hi hi)\n"
	"  stacked    shares per group as 100% stacked bars, one segment per label\n"
	"             (defaults: --group source --label pred --value share)\n"
	"\n"
	"Columns:\n"
	"      --group COL     panel (bars), row (intervals, stacked) or side column\n"
	"      --label COL     bar label (bars, keyness), panel (intervals),\n"
	"                      segment (stacked)\n"
	"      --value COL     the number drawn\n"
	"      --lo COL, --hi COL  interval bounds (intervals)\n"
	"Chart:\n"
	"  -n, --top N         rows per panel (bars, default 10) or per side\n"
	"                      (keyness, default 15)\n"
	"      --target NAME   keyness: the target group (default: the first)\n"
	"      --reference NAME  keyness: name shown for the reference side\n"
	"      --cols N        panels per row (default: fits the width)\n"
	"      --free-scales   bars: each panel its own value axis\n"
	"      --title TEXT    title at the top\n"
	"      --xlabel TEXT   value axis label (default: the value column)\n"
	"      --ylabel TEXT   row axis label (default: the row column)\n"
	"      --width N       width in pixels (default 800)\n"
	"      --height N      height in pixels (default: from the number of rows)\n"
	"      --digits N      significant digits of the value labels (default 3)\n"
	"Output:\n"
	"\n"
	"Rows whose value is empty or NA are skipped.  Long labels are cut with an\n"
	"ellipsis (the full text is kept as a tooltip).  See slant-plot(1).\n";

enum { O_GROUP = 256, O_LABEL, O_VALUE, O_LO, O_HI, O_TARGET, O_REF, O_COLS, O_FREE,
       O_TITLE, O_XLABEL, O_YLABEL, O_WIDTH, O_HEIGHT };

typedef struct args {
	txt_chart_opts o;
	txt_chart_cols cols;
} args;

#define STR(c, f) TXT_VAL_STR(c, args, f)
static const txt_cli_val VAL[] = {
	STR(O_GROUP, cols.group), STR(O_LABEL, cols.label), STR(O_VALUE, cols.value),
	STR(O_LO, cols.lo), STR(O_HI, cols.hi), TXT_VAL_LONG('n', args, o.top, 1, 10000),
	STR(O_TARGET, o.target), STR(O_REF, o.reference), TXT_VAL_LONG(O_COLS, args, o.cols, 1, 100),
	TXT_VAL_SET(O_FREE, args, o.free_scales, 1), STR(O_TITLE, o.title), STR(O_XLABEL, o.xlabel),
	STR(O_YLABEL, o.ylabel), TXT_VAL_LONG(O_WIDTH, args, o.width, 200, 20000),
	TXT_VAL_LONG(O_HEIGHT, args, o.height, 100, 100000), {0}};

static const struct option LONG[] = {
	{ "group", 1, 0, O_GROUP }, { "label", 1, 0, O_LABEL }, { "value", 1, 0, O_VALUE },
	{ "lo", 1, 0, O_LO }, { "hi", 1, 0, O_HI }, { "top", 1, 0, 'n' },
	{ "target", 1, 0, O_TARGET }, { "reference", 1, 0, O_REF }, { "cols", 1, 0, O_COLS },
	{ "free-scales", 0, 0, O_FREE }, { "title", 1, 0, O_TITLE }, { "xlabel", 1, 0, O_XLABEL },
	{ "ylabel", 1, 0, O_YLABEL }, { "width", 1, 0, O_WIDTH }, { "height", 1, 0, O_HEIGHT },
	{ 0, 0, 0, 0 },
};

int main(int argc, char **argv)
{
	args a = { .o = { .width = 800 } };
	txt_cli_shared sh = { .output = "-" };
	txt_cli_init("slant-plot");
	const txt_cli_spec spec = { usage_text, TXT_CLI_OUTPUT | TXT_CLI_GZIP | TXT_CLI_QUIET |
				    TXT_CLI_DIGITS, "n:", LONG, NULL, &a, 0, VAL };
	int first = txt_cli_parse(&spec, argc, argv, &sh);
	txt_chart_opts o = a.o;
	txt_chart_cols cols = a.cols;
	o.digits = sh.digits;
	if (first >= argc) txt_usage("missing chart type (bars, keyness, intervals, stacked)");
	const char *type = argv[first++];
	int t = txt_chart_type_parse(type);
	if (t < 0) txt_usage("unknown chart type '%s' (bars, keyness, intervals, stacked)", type);
	if (argc - first > 1) txt_usage("one input table at most");
	const char *in = first < argc ? argv[first] : "-";

	/* open the output first: an existing file is refused before any work */
	txt_writer *w = txt_writer_open(sh.output, sh.wflags);
	if (!w) txt_die_err();
	txt_chart *chart = txt_chart_new((txt_chart_type)t);
	size_t skipped;
	if (txt_chart_read(chart, in, &cols, &skipped) < 0) txt_die_err();
	const char *name = strcmp(in, "-") ? in : "(stdin)";
	if (skipped && !sh.quiet)
		txt_warn("%s: skipped %zu row%s with no value", name, skipped, skipped == 1 ? "" : "s");
	if (txt_chart_rows(chart) == 0) txt_die("%s: no rows to plot", name);
	if (txt_chart_draw(chart, &o, w) < 0 || txt_writer_close(w) < 0) txt_die_err();
	txt_chart_free(chart);
	return 0;
}
