/* slant-stance: train, apply and evaluate stance classifiers (SVMs over word
 * and character n-grams; see slant-stance(1)). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_io.h"
#include "text_report.h"
#include "text_stance.h"
#include "text_tok.h"
#include "text_tsv.h"

static const char help[] =
	"Usage: slant-stance train [OPTION]... [DOCS] -o MODEL\n"
	"  or:  slant-stance predict [OPTION]... MODEL [DOCS]\n"
	"  or:  slant-stance eval [OPTION]... [PREDICTIONS]\n"
	"  or:  slant-stance cv [OPTION]... [DOCS]\n"
	"Train an SVM stance (or any label) classifier on labelled documents, apply it,\n"
	"and evaluate it.  DOCS is a TSV stage file (plain or gzip; '-' or none: stdin).\n"
	"\n"
	"Columns:\n"
	"      --text-col=NAME     text column (default text)\n"
	"      --label-col=NAME    gold label column (default label)\n"
	"      --group-col=NAME    one model per value of NAME (train, predict, cv)\n"
	"      --fold-col=NAME     cv: use the folds given in column NAME\n"
	"      --pred-col=NAME     eval: predicted label column (default pred)\n"
	"Features:\n"
	"      --word-ngrams=A-B   word n-gram orders (default 1-3; 0 for none)\n"
	"      --char-ngrams=A-B   character n-gram orders (default 2-5; 0 for none)\n"
	"      --weight=W          binary, tf or log-tf (default log-tf)\n"
	"      --no-idf            do not multiply by idf\n"
	"      --no-l2             do not L2-normalise\n"
	"      --min-df=N          drop terms in fewer than N training documents (default 1)\n"
	"      --nb=MODE           NB log-count ratio scaling: auto (two classes), on, off\n"
	"                          (default auto)\n"
	"Learner:\n"
	"      --solver=S          auto, liblinear or libsvm (default auto: liblinear\n"
	"                          unless --kernel rbf or --probability)\n"
	"      --kernel=K          linear or rbf (default linear)\n"
	"  -C, --cost=LIST         C values, comma-separated (default 1); several are\n"
	"                          chosen among by stratified cross-validation\n"
	"      --gamma=LIST        RBF gamma values (default 1)\n"
	"      --grid-folds=K      folds for choosing C and gamma (default 5)\n"
	"      --metric=M          accuracy, macro-f1 or f-avg:A,B (default accuracy)\n"
	"      --class-weight=W    none, balanced or LABEL=W,... (default none)\n"
	"      --probability       add probability estimates (libsvm)\n"
	"  -s, --seed=N            random seed, 0 to 2^31-1 (default 1)\n"
	"Evaluation:\n"
	"  -k, --folds=K           cv: number of stratified folds (default 10)\n"
	"      --f-avg=A,B         also report the mean F1 of labels A and B\n"
	"      --digits=N          significant digits of the scores (default: 4 decimals)\n"
	"Output:\n"
	"  -o, --output=FILE       write to FILE (train: required)\n";

typedef struct opts {
	const char *text_col, *label_col, *group_col, *fold_col, *pred_col;
	txt_stance_opts s;
	long folds;
	const char *favg;
	txt_cli_shared sh;
} opts;

enum {
	O_TEXT = 256, O_LABEL, O_GROUP, O_FOLD, O_PRED, O_WORD, O_CHAR, O_WEIGHT, O_NOIDF,
	O_NOL2, O_MINDF, O_NB, O_SOLVER, O_KERNEL, O_GAMMA, O_GRIDF, O_METRIC, O_CW, O_PROB,
	O_FAVG,
};

static const struct option longopts[] = {
	{"text-col", 1, 0, O_TEXT}, {"label-col", 1, 0, O_LABEL}, {"group-col", 1, 0, O_GROUP},
	{"fold-col", 1, 0, O_FOLD}, {"pred-col", 1, 0, O_PRED}, {"word-ngrams", 1, 0, O_WORD},
	{"char-ngrams", 1, 0, O_CHAR}, {"weight", 1, 0, O_WEIGHT}, {"no-idf", 0, 0, O_NOIDF},
	{"no-l2", 0, 0, O_NOL2}, {"min-df", 1, 0, O_MINDF}, {"nb", 1, 0, O_NB},
	{"solver", 1, 0, O_SOLVER}, {"kernel", 1, 0, O_KERNEL}, {"cost", 1, 0, 'C'},
	{"gamma", 1, 0, O_GAMMA}, {"grid-folds", 1, 0, O_GRIDF}, {"metric", 1, 0, O_METRIC},
	{"class-weight", 1, 0, O_CW}, {"probability", 0, 0, O_PROB}, {"folds", 1, 0, 'k'},
	{"f-avg", 1, 0, O_FAVG}, {0, 0, 0, 0},
};

static int parse_list(const char *opt, const char *s, double *out, int max)
{
	int n = 0;
	char *copy = txt_xstrdup(s), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (n == max)
			txt_usage("%s: at most %d values", opt, max);
		if (txt_parse_double(opt, t, 1e-12, 1e12, &out[n++]) < 0)
			txt_usage("%s", txt_err());
	}
	free(copy);
	if (n == 0)
		txt_usage("%s: no values", opt);
	return n;
}

static void ngram_opt(const char *name, const char *s, int *lo, int *hi)
{
	long a, b;
	if (strcmp(s, "0") == 0) {
		*lo = *hi = 0;
		return;
	}
	if (txt_parse_range(name, s, 1, 16, &a, &b) < 0)
		txt_usage("%s", txt_err());
	*lo = (int)a;
	*hi = (int)b;
}

static void parse_opt(void *ctx, int c, const char *arg)
{
	static const char *const nb[] = {"auto", "on", "off", NULL};
	static const int nb_mode[] = {-1, 1, 0};
	static const char *const solver[] = {"auto", "liblinear", "libsvm", NULL};
	static const char *const kernel[] = {"linear", "rbf", NULL};
	txt_stance_opts *s = &((opts *)ctx)->s;
	switch (c) {
	case O_WORD: ngram_opt("--word-ngrams", arg, &s->fo.word_lo, &s->fo.word_hi); break;
	case O_CHAR: ngram_opt("--char-ngrams", arg, &s->fo.char_lo, &s->fo.char_hi); break;
	case O_WEIGHT:
		if (txt_feat_weight_parse(arg, &s->fo.weight) < 0)
			txt_usage("--weight: %s", txt_err());
		break;
	case O_NB: s->nb_mode = nb_mode[txt_cli_word("--nb", arg, nb)]; break;
	case O_SOLVER: s->so.solver = (txt_svm_solver)txt_cli_word("--solver", arg, solver); break;
	case O_KERNEL: s->so.kernel = (txt_svm_kernel)txt_cli_word("--kernel", arg, kernel); break;
	case 'C': s->nc = parse_list("--cost", arg, s->cs, 64); break;
	case O_GAMMA: s->ngamma = parse_list("--gamma", arg, s->gammas, 64); break;
	case O_CW:
		if (txt_stance_weights_parse(s, arg) < 0)
			txt_usage("%s", txt_err());
		break;
	}
}

static const txt_cli_val VAL[] = {
	TXT_VAL_STR(O_TEXT, opts, text_col), TXT_VAL_STR(O_LABEL, opts, label_col),
	TXT_VAL_STR(O_GROUP, opts, group_col), TXT_VAL_STR(O_FOLD, opts, fold_col),
	TXT_VAL_STR(O_PRED, opts, pred_col), TXT_VAL_SET(O_NOIDF, opts, s.fo.idf, 0),
	TXT_VAL_SET(O_NOL2, opts, s.fo.l2, 0), TXT_VAL_LONG(O_MINDF, opts, s.fo.min_df, 1, 1L << 40),
	TXT_VAL_INT(O_GRIDF, opts, s.grid_folds, 2, 100), TXT_VAL_LONG('k', opts, folds, 2, 1000),
	TXT_VAL_STR(O_METRIC, opts, s.metric), TXT_VAL_SET(O_PROB, opts, s.so.probability, 1),
	TXT_VAL_STR(O_FAVG, opts, favg), {0}};

/* ---- train ---- */

static txt_tok *new_tok(void)
{
	txt_tok_opts to = {0};
	txt_tok *t = txt_tok_new(&to);
	if (!t)
		txt_die_err();
	return t;
}

static void show_progress(const char *what, const char *group)
{
	txt_progress("%s%s%s", what, *group ? " " : "", group);
}

static void read_docs(txt_stance_docs *d, const opts *o, const char *cmd, int argc, char **argv)
{
	if (argc > 1)
		txt_usage("%s: one input file at most", cmd);
	const char *path = argc ? argv[0] : "-";
	txt_stance_cols cols = {o->text_col, o->label_col, o->group_col, o->fold_col};
	size_t skipped;
	if (txt_stance_read(d, path, &cols, &skipped) < 0)
		txt_die_err();
	if (skipped && !o->sh.quiet)
		txt_warn("%s: %zu rows with an empty '%s' left out",
			 strcmp(path, "-") ? path : "(stdin)", skipped, o->label_col);
	if (d->n == 0)
		txt_die("%s: no labelled documents", argc ? argv[0] : "(stdin)");
}

static int cmd_train(opts *o, int argc, char **argv)
{
	if (!o->sh.output)
		txt_usage("train: name the model file with -o MODEL");
	txt_stance_docs d = {0};
	read_docs(&d, o, "train", argc, argv);
	txt_tok *tok = new_tok();
	txt_svm_bundle b = {0};
	b.tok = (char *)txt_tok_describe(tok);
	b.text_col = (char *)o->text_col;
	b.label_col = (char *)o->label_col;
	b.group_col = (char *)o->group_col;
	o->s.progress = show_progress;
	if (txt_stance_train(&o->s, &d, tok, &b) < 0)
		txt_die_err();
	txt_progress_done();
	if (txt_svm_bundle_write(&b, o->sh.output, o->sh.wflags) < 0)
		txt_die_err();
	txt_stance_untrain(&b);
	txt_tok_free(tok);
	txt_stance_docs_free(&d);
	return 0;
}

/* ---- predict ---- */

static int cmd_predict(opts *o, int argc, char **argv)
{
	if (argc < 1)
		txt_usage("predict: name the model file");
	if (argc > 2)
		txt_usage("predict: one input file at most");
	txt_svm_bundle *b = txt_svm_bundle_read(argv[0]);
	if (!b)
		txt_die_err();
	if (o->s.so.probability && !(b->so.probability && txt_svm_has_prob(b->g[0].svm)))
		txt_usage("--probability: %s was trained without probabilities (train with --probability)",
			  argv[0]);
	txt_tok *tok = new_tok();
	if (strcmp(b->tok, txt_tok_describe(tok)) != 0)
		txt_die("%s: the model was trained with tokenizer '%s', this slant has '%s'; retrain it",
			argv[0], b->tok, txt_tok_describe(tok));
	txt_table *t = txt_table_open(argc > 1 ? argv[1] : "-");
	if (!t ||
	    txt_stance_predict(b, tok, t, o->text_col ? o->text_col : b->text_col,
			       o->sh.output ? o->sh.output : "-", o->sh.wflags) < 0)
		txt_die_err();
	txt_table_close(t);
	txt_tok_free(tok);
	txt_svm_bundle_free(b);
	return 0;
}

/* ---- eval and cv reports (tsv or md) ---- */

static int favg_metric(const opts *o, char **labels, int k, txt_svm_metric *m)
{
	if (!o->favg)
		return 0;
	size_t n = strlen(o->favg) + 7;
	char *s = txt_xmalloc(n);
	snprintf(s, n, "f-avg:%s", o->favg);
	if (txt_svm_metric_parse(s, labels, k, m) < 0)
		txt_die("--f-avg: %s", txt_err());
	free(s);
	return 1;
}

static txt_writer *open_out(const opts *o)
{
	txt_writer *w = txt_writer_open(o->sh.output ? o->sh.output : "-", o->sh.wflags);
	if (!w)
		txt_die_err();
	return w;
}

static void close_out(txt_writer *w, int rc)
{
	if (rc < 0)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
	if (txt_writer_close(w) < 0)
		txt_die_err();
}

static int cmd_eval(opts *o, int argc, char **argv)
{
	if (argc > 1)
		txt_usage("eval: one input file at most");
	txt_table *t = txt_table_open(argc ? argv[0] : "-");
	uint64_t *conf;
	char **labels;
	int k;
	if (!t || txt_stance_confusion(t, o->label_col, o->pred_col, &conf, &labels, &k) < 0)
		txt_die_err();
	txt_svm_metric fm;
	int hasf = favg_metric(o, labels, k, &fm);
	txt_writer *w = open_out(o);
	txt_report *rep = txt_stance_report_new(w, o->sh.format, "", labels, k);
	int rc = rep ? txt_stance_report(rep, "", conf, labels, k, hasf ? &fm : NULL, o->sh.digits) : -1;
	txt_report_free(rep);
	close_out(w, rc);
	txt_strs_free(labels, (size_t)k);
	free(conf);
	txt_table_close(t);
	return 0;
}

static int cmd_cv(opts *o, int argc, char **argv)
{
	txt_stance_docs d = {0};
	read_docs(&d, o, "cv", argc, argv);
	txt_tok *tok = new_tok();
	txt_stance_cvres r;
	o->s.progress = show_progress;
	if (txt_stance_cv(&o->s, &d, (int)o->folds, tok, &r) < 0)
		txt_die_err();
	txt_progress_done();
	txt_svm_metric fm;
	int hasf = favg_metric(o, r.labels, r.k, &fm);
	txt_writer *w = open_out(o);
	close_out(w, txt_stance_cv_report(w, o->sh.format, &o->s, &r,
	                                  hasf ? &fm : NULL, o->sh.digits));
	txt_stance_cvres_free(&r);
	txt_tok_free(tok);
	txt_stance_docs_free(&d);
	return 0;
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-stance");
	opts o = {0};
	o.label_col = "label";
	o.pred_col = "pred";
	o.folds = 10;
	txt_stance_opts_default(&o.s);
	o.sh.seed = o.s.so.seed;
	txt_cli_spec spec = {help, TXT_CLI_REPORT | TXT_CLI_SEED, "C:k:", longopts, parse_opt, &o, 1, VAL};
	int first = txt_cli_parse(&spec, argc, argv, &o.sh);
	if (first >= argc)
		txt_usage("name a command: train, predict, eval or cv");
	const char *cmd = argv[first];
	/* options may follow the command too */
	spec.in_order = 0;
	char **rest = argv + first;
	int nrest = argc - first;
	first = txt_cli_parse(&spec, nrest, rest, &o.sh);
	int nargs = nrest - first;
	char **args = rest + first;
	o.s.so.seed = o.sh.seed;
	if (strcmp(cmd, "predict") != 0 && !o.text_col)
		o.text_col = "text";
	if (o.s.fo.word_hi == 0 && o.s.fo.char_hi == 0)
		txt_usage("--word-ngrams 0 and --char-ngrams 0 leave no features");
	if (strcmp(o.s.metric, "accuracy") && strcmp(o.s.metric, "macro-f1") &&
	    strncmp(o.s.metric, "f-avg:", 6))
		txt_usage("--metric: '%s' is not accuracy, macro-f1 or f-avg:A,B", o.s.metric);
	txt_svm_opts chk = o.s.so;
	for (int i = 0; i < o.s.ngamma; i++)
		chk.gamma = o.s.gammas[i];
	if (txt_svm_opts_check(&chk) < 0)
		txt_usage("%s", txt_err());
	int rc = 2;
	if (!strcmp(cmd, "train"))
		rc = cmd_train(&o, nargs, args);
	else if (!strcmp(cmd, "predict"))
		rc = cmd_predict(&o, nargs, args);
	else if (!strcmp(cmd, "eval"))
		rc = cmd_eval(&o, nargs, args);
	else if (!strcmp(cmd, "cv"))
		rc = cmd_cv(&o, nargs, args);
	else
		txt_usage("unknown command '%s' (train, predict, eval, cv)", cmd);
	free(o.s.weight);
	return rc;
}
