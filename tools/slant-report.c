/* slant-report: the whole pipeline on one docs file, grouped by a column,
 * as a self-contained web page and its Markdown twin.  Stages are the
 * sibling tools (their output files stay beside the page); the page is
 * text_page's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text_chart.h"
#include "text_cli.h"
#include "text_frame.h"
#include "text_io.h"
#include "text_page.h"
#include "text_run.h"
#include "text_stance.h"
#include "text_tok.h"
#include "text_tsv.h"

static const char *help =
	"Usage: slant-report --by COL [OPTION]... DOCS\n"
	"Write a report on a docs file, its documents grouped by the column COL, as\n"
	"one self-contained web page (DIR/index.html) and Markdown (DIR/report.md).\n"
	"\n"
	"It runs: sentences (slant-split), the corpus per group (slant-count,\n"
	"slant-docstats), top terms (slant-table), distinctive terms\n"
	"(slant-keyness, weighted log-odds), frames (slant-frame) and stance\n"
	"(slant-stance), keeping each stage's file in DIR.\n"
	"\n"
	"  -b, --by=COL          the column whose values are the groups (required)\n"
	"  -l, --lexicon=LEX     the frame lexicon: a file or a shipped name\n"
	"                        (default intervention)\n"
	"  -m, --model=FILE      predict the stance of each sentence with this model\n"
	"      --label-col=COL   the docs carry labels in COL: cross-validate a\n"
	"                        stance classifier on them (5 folds)\n"
	"  -n, --top=N           top and distinctive terms per group (default 10)\n"
	"      --stopwords=LIST  for the term counts (default en; none: keep all)\n"
	"      --boot=N          bootstrap resamples for frame intervals (default 1000)\n"
	"      --title=TEXT      the page's title\n"
	"  -o, --output=DIR      write into DIR (default report), made if missing\n"
	"  -f, --force           replace the files of an earlier report in DIR\n"
	"  -s, --seed=N          seed for the bootstrap and the folds (default 1)\n"
	"  -q, --quiet           no progress\n"
	"      --help            show this help and exit\n"
	"      --version         show the version and exit\n"
	"\n"
	"The tools are run from the directory that holds slant-report.  See\n"
	"slant-report(1).\n";

typedef struct opts {
	const char *by, *lexicon, *model, *label_col, *stop, *title;
	long top, boot;
	txt_cli_shared sh;
	char *bin, *dir, *docs;
	txt_page *page;
} opts;

enum { O_LABEL = 256, O_STOP, O_BOOT, O_TITLE };


static char *path_in(const opts *o, const char *file)
{
	size_t n = strlen(o->dir) + strlen(file) + 2;
	char *p = txt_xmalloc(n);
	snprintf(p, n, "%s/%s", o->dir, file);
	return p;
}

/* Run a sibling tool; show its command under the section. */
static void stage(opts *o, const char *const *argv)
{
	char *line = txt_run_quote(argv);
	txt_progress("%s", argv[0]);
	if (txt_run(o->bin, argv) < 0)
		txt_die("%s (the command: %s)", txt_err(), line);
	if (txt_page_code(o->page, line) < 0)
		txt_die_err();
	free(line);
}

static void text(opts *o, const char *s)
{
	if (txt_page_text(o->page, s) < 0)
		txt_die_err();
}

static void table(opts *o, const char *file, const char *const *cols, size_t n, size_t max,
		  const char *wcol, const char *wval)
{
	char *p = path_in(o, file);
	if (txt_page_table(o->page, p, cols, n, max, wcol, wval) < 0)
		txt_die_err();
	free(p);
}

/* A chart of a report table in DIR. */
static void chart(opts *o, txt_chart_type type, const char *file, txt_chart_cols cols,
		  txt_chart_opts co, const char *svg)
{
	txt_chart *c = txt_chart_new(type);
	char *p = path_in(o, file);
	size_t skipped;
	if (txt_chart_read(c, p, &cols, &skipped) < 0)
		txt_die_err();
	co.width = co.width ? co.width : 420;
	if (txt_chart_rows(c) && txt_page_chart(o->page, c, &co, svg) < 0)
		txt_die_err();
	txt_chart_free(c);
	free(p);
}

static void corpus(opts *o)
{
	txt_page_section(o->page, "corpus", "The corpus");
	char *s = path_in(o, "sentences.tsv.gz"), *c = path_in(o, "corpus.tsv");
	stage(o, (const char *[]){"slant-split", "-q", "-f", "-o", s, o->docs, NULL});
	stage(o, (const char *[]){"slant-docstats", "-q", "-f", "--by", o->by, "-o", c, o->docs, NULL});
	text(o, "One row per group. tokens: the words, numbers and other tokens of its documents "
		"(stopwords included); types: distinct tokens; mattr: the mean share of distinct "
		"tokens in every window of 50 (lexical diversity that does not fall with length); "
		"sentences: as slant-split cuts them; mean_sentence_length: tokens per sentence.");
	static const char *const cols[] = {"group", "tokens", "types", "mattr", "sentences",
					   "mean_sentence_length"};
	table(o, "corpus.tsv", cols, 6, 0, NULL, NULL);
	free(s);
	free(c);
}

static void terms(opts *o)
{
	char top[32], min2[] = "2";
	snprintf(top, sizeof top, "%ld", o->top);
	char *counts = path_in(o, "counts.tsv.gz"), *tt = path_in(o, "top-terms.tsv"),
	     *kn = path_in(o, "keyness.tsv");
	txt_page_section(o->page, "top-terms", "Top terms per group");
	const char *sw = strcmp(o->stop, "none") ? "--stopwords" : NULL;
	stage(o, (const char *[]){"slant-count", "-q", "-f", "--by", o->by, "--ngrams", "1-2",
				  "-o", counts, o->docs, sw, o->stop, NULL});
	stage(o, (const char *[]){"slant-table", "-f", "-n", top, "--by", o->by, "-o", tt, counts, NULL});
	text(o, "Words and two-word phrases (stopwords left out). n: how often the term occurs in "
		"the group; share: n over all the group's terms; per_million: the same per million "
		"terms; docfreq: how many of the group's documents contain it; tfidf: n times the "
		"log inverse share of groups that use the term, so terms every group uses score 0.");
	chart(o, TXT_CHART_BARS, "top-terms.tsv", (txt_chart_cols){"group", "term", "n", 0, 0},
	      (txt_chart_opts){.title = "Top terms per group", .xlabel = "count", .top = o->top},
	      "top-terms.svg");
	table(o, "top-terms.tsv", NULL, 0, 0, NULL, NULL);

	txt_page_section(o->page, "keyness", "Distinctive terms per group");
	stage(o, (const char *[]){"slant-keyness", "-q", "-f", "-m", "logodds", "--min-count", min2,
				  "-n", top, "--both", "-o", kn, counts, NULL});
	text(o, "Each group against all the others, by the weighted log-odds ratio with the whole "
		"corpus as an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 22). "
		"logodds_z is that log-odds difference over its standard error: positive when the "
		"group uses the term more than the others, negative when less. A z beyond about 2 "
		"(either sign) would be rare if the group used the term like the others, but "
		"with thousands of terms some reach it by chance: read the strongest, not a "
		"cut-off. n_target and n_reference count the term in the group and in the rest; "
		"pm_ are the same per million terms. Terms seen fewer than 2 times are left out.");
	txt_table *t = txt_table_open(kn);
	txt_row *r;
	char **seen = NULL;
	size_t ns = 0;
	long cg = t ? txt_table_need(t, "group", "keyness") : -1;
	while (cg >= 0 && txt_table_next(t, &r) > 0)
		if (!ns || strcmp(seen[ns - 1], r->f[cg].s)) {
			seen = txt_xreallocarray(seen, ns + 1, sizeof *seen);
			seen[ns++] = txt_xstrdup(r->f[cg].s);
		}
	txt_table_close(t);
	for (size_t g = 0; g < ns; g++) {
		char file[48], title[512];
		snprintf(file, sizeof file, "keyness-%zu.svg", g + 1);
		snprintf(title, sizeof title, "Distinctive terms: %s", seen[g][0] ? seen[g] : "(empty)");
		txt_chart *c = txt_chart_new(TXT_CHART_KEYNESS);
		t = txt_table_open(kn);
		long ct = txt_table_need(t, "term", "keyness"), cz = txt_table_need(t, "logodds_z", "keyness");
		while (txt_table_next(t, &r) > 0)
			if (!strcmp(r->f[cg].s, seen[g]))
				txt_chart_add(c, seen[g], r->f[ct].s, strtod(r->f[cz].s, NULL), 0, 0);
		txt_table_close(t);
		txt_chart_names(c, "group", "term", "logodds_z", NULL, NULL);
		txt_chart_opts co = {.title = title, .target = seen[g], .reference = "the other groups",
				     .xlabel = "weighted log-odds z", .width = 420, .top = o->top};
		if (txt_chart_rows(c) && txt_page_chart(o->page, c, &co, file) < 0)
			txt_die_err();
		txt_chart_free(c);
		free(seen[g]);
	}
	free(seen);
	static const char *const kc[] = {"group", "term", "n_target", "n_reference", "logodds_z"};
	table(o, "keyness.tsv", kc, 5, 0, NULL, NULL);
	txt_free_all(counts, tt, kn);
}

/* The lexicon's patterns per frame, as the frames section shows them. */
static void lexicon_words(opts *o)
{
	txt_tok_opts to = {0};
	txt_tok *tok = txt_tok_new(&to);
	txt_lex *lx = tok ? txt_frame_lexicon(o->lexicon, tok) : NULL;
	if (!lx)
		txt_die_err();
	size_t nf = txt_lex_nframes(lx);
	txt_buf *words = txt_xcalloc(nf ? nf : 1, sizeof *words);
	const char *pat;
	const uint32_t *fr;
	for (size_t i = 0; (pat = txt_lex_pattern(lx, i)); i++)
		for (size_t j = 0, k = txt_lex_pattern_frames(lx, i, &fr); j < k; j++) {
			txt_buf *b = &words[fr[j]];
			txt_buf_add(b, ", ", b->n ? 2 : 0);
			txt_buf_add(b, pat, strlen(pat));
		}
	const char **cells = txt_xcalloc(2 * nf + 1, sizeof *cells);
	for (size_t f = 0; f < nf; f++) {
		txt_buf_add(&words[f], "", 1);
		cells[2 * f] = txt_lex_frame(lx, f);
		cells[2 * f + 1] = words[f].s;
	}
	static const char *const cols[] = {"frame", "its words and phrases ('*': any ending)"};
	if (txt_page_rows(o->page, cols, 2, cells, nf) < 0)
		txt_die_err();
	for (size_t f = 0; f < nf; f++)
		free(words[f].s);
	free(words);
	free(cells);
	txt_lex_free(lx);
	txt_tok_free(tok);
}

static void frames(opts *o)
{
	char boot[32], seed[32];
	snprintf(boot, sizeof boot, "%ld", o->boot);
	snprintf(seed, sizeof seed, "%lu", o->sh.seed);
	char *s = path_in(o, "sentences.tsv.gz"), *f = path_in(o, "frames.tsv");
	txt_page_section(o->page, "frames", "Frames");
	stage(o, (const char *[]){"slant-frame", "-q", "-f", "-l", o->lexicon, "--by", o->by,
				  "--boot", boot, "--seed", seed, "-o", f, s, NULL});
	text(o, "How often each group's sentences use the words of each frame of the lexicon "
		"below. docs: the group's sentences (the units resampled); per_1k: frame hits per "
		"1,000 tokens; share: the share of sentences with at least one hit; diff: the "
		"group's per_1k minus that of all other groups. _low and _high bound the 95% "
		"bootstrap interval (sentences resampled within each group): a diff whose "
		"interval holds 0 is not clearly different from the rest.");
	chart(o, TXT_CHART_INTERVALS, "frames.tsv",
	      (txt_chart_cols){"group", "frame", "per_1k", "per_1k_low", "per_1k_high"},
	      (txt_chart_opts){.title = "Frame use per group, 95% intervals",
			       .xlabel = "hits per 1,000 tokens"}, "frames.svg");
	static const char *const fc[] = {"group", "frame", "docs", "per_1k", "per_1k_low",
					 "per_1k_high", "share", "diff", "diff_low", "diff_high"};
	table(o, "frames.tsv", fc, 10, 0, NULL, NULL);
	lexicon_words(o);
	free(s);
	free(f);
}

/* Shares of a label column per group: DIR/file and a stacked chart. */
static void shares(opts *o, const char *path, const char *col, const char *file,
		   const char *svg, const char *title)
{
	char *out = path_in(o, file);
	txt_writer *w = txt_writer_open(out, TXT_W_FORCE);
	if (!w || txt_stance_shares(path, o->by, col, w) < 0 || txt_writer_close(w) < 0)
		txt_die_err();
	chart(o, TXT_CHART_STACKED, file, (txt_chart_cols){"group", "label", "share", 0, 0},
	      (txt_chart_opts){.title = title, .xlabel = "share"}, svg);
	table(o, file, NULL, 0, 0, NULL, NULL);
	free(out);
}

static void stance(opts *o)
{
	txt_page_section(o->page, "stance", "Stance");
	if (!o->model && !o->label_col) {
		text(o, "Not measured: give a model (--model) or the column of the labels the "
			"documents carry (--label-col).");
		return;
	}
	if (o->label_col) {
		char *cv = path_in(o, "stance-cv.tsv"), seed[32];
		snprintf(seed, sizeof seed, "%lu", o->sh.seed);
		stage(o, (const char *[]){"slant-stance", "cv", "-q", "-f", "-k", "5", "--seed", seed,
					  "--label-col", o->label_col, "-o", cv, o->docs, NULL});
		text(o, "How well a classifier trained on these labels predicts documents it has not "
			"seen: 5-fold cross-validation, each document predicted by a model trained on "
			"the other four fifths. precision: of the documents predicted as the class, the "
			"share that are; recall: of the documents of the class, the share found; f1: "
			"their harmonic mean; support: documents of the class; pred_: how they were "
			"predicted. The fold rows of the file show how much these vary.");
		table(o, "stance-cv.tsv", NULL, 0, 0, "fold", "all");
		text(o, "The labels the documents carry, per group (the annotation, not predictions):");
		shares(o, o->docs, o->label_col, "label-shares.tsv", "label-shares.svg",
		       "Labels per group");
		free(cv);
	}
	if (o->model) {
		char *s = path_in(o, "sentences.tsv.gz"), *p = path_in(o, "stance.tsv.gz");
		stage(o, (const char *[]){"slant-stance", "predict", "-q", "-f", "-o", p, o->model, s,
					  NULL});
		text(o, "The stance the model predicts for each sentence, per group. This page does "
			"not measure how accurate it is on these sentences: trust these shares only as "
			"far as the model's cross-validated or held-out quality allows, and not at all "
			"if it was trained on these same sentences.");
		shares(o, p, "pred", "stance-shares.tsv", "stance.svg", "Predicted stance per group");
		free(s);
		free(p);
	}
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{"by", required_argument, 0, 'b'}, {"lexicon", required_argument, 0, 'l'},
		{"model", required_argument, 0, 'm'}, {"label-col", required_argument, 0, O_LABEL},
		{"top", required_argument, 0, 'n'}, {"stopwords", required_argument, 0, O_STOP},
		{"boot", required_argument, 0, O_BOOT}, {"title", required_argument, 0, O_TITLE},
		{0, 0, 0, 0}};
	static const txt_cli_val val[] = {
		TXT_VAL_STR('b', opts, by), TXT_VAL_STR('l', opts, lexicon), TXT_VAL_STR('m', opts, model),
		TXT_VAL_STR(O_LABEL, opts, label_col), TXT_VAL_STR(O_STOP, opts, stop),
		TXT_VAL_STR(O_TITLE, opts, title), TXT_VAL_LONG('n', opts, top, 1, 1000000),
		TXT_VAL_LONG(O_BOOT, opts, boot, 0, 1000000), {0}};
	static opts o = {.lexicon = "intervention", .stop = "en", .top = 10, .boot = 1000};
	txt_cli_init("slant-report");
	o.sh.seed = 1;
	txt_cli_spec spec = {help, TXT_CLI_OUTPUT | TXT_CLI_QUIET | TXT_CLI_SEED, "b:l:m:n:", lo,
			     NULL, &o, 0, val};
	int first = txt_cli_parse(&spec, argc, argv, &o.sh);
	if (!o.by)
		txt_usage("name the grouping column with --by COL");
	if (argc - first != 1)
		txt_usage("give one docs file");
	o.docs = argv[first];
	txt_table *t = txt_table_open(o.docs); /* the columns first: nothing made for bad input */
	if (!t || txt_table_need(t, "text", "docs") < 0 || txt_table_need(t, o.by, "docs") < 0 ||
	    (o.label_col && txt_table_need(t, o.label_col, "docs") < 0))
		txt_die_err();
	txt_table_close(t);
	o.dir = txt_xstrdup(o.sh.output ? o.sh.output : "report");
	if (!(o.bin = txt_run_self_dir()))
		txt_die("cannot find the directory of slant-report");
	if (mkdir(o.dir, 0777) < 0 && errno != EEXIST)
		txt_die("%s: %s", o.dir, strerror(errno));
	char title[1024];
	snprintf(title, sizeof title, "%s", o.title ? o.title : "");
	if (!o.title)
		snprintf(title, sizeof title, "slant report: %s by %s", o.docs, o.by);
	if (!(o.page = txt_page_open(o.dir, title, o.sh.wflags)))
		txt_die_err();
	char intro[2048];
	snprintf(intro, sizeof intro, "The documents of %s grouped by their column %s, measured "
		 "by slant %s. Each section shows the commands that made it; their files are in "
		 "the directory of this page.", o.docs, o.by, SLANT_VERSION);
	text(&o, intro);
	corpus(&o);
	terms(&o);
	frames(&o);
	stance(&o);
	txt_progress_done();
	if (txt_page_close(o.page) < 0)
		txt_die_err();
	free(o.dir);
	free(o.bin);
	return 0;
}
