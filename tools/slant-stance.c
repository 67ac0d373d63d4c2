/* slant-stance: train, apply and evaluate stance classifiers (SVMs over word
 * and character n-grams; see slant-stance(1)). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_feat.h"
#include "text_io.h"
#include "text_report.h"
#include "text_svm.h"
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
	"      --seed=N            random seed (default 1)\n"
	"Evaluation:\n"
	"  -k, --folds=K           cv: number of stratified folds (default 10)\n"
	"      --f-avg=A,B         also report the mean F1 of labels A and B\n"
	"      --format=F          eval and cv report: tsv or md (default tsv)\n"
	"Output:\n"
	"  -o, --output=FILE       write to FILE (train: required)\n"
	"  -z, --gzip              compress the output\n"
	"  -f, --force             replace an existing output file\n"
	"  -q, --quiet             no progress or warnings\n"
	"      --help              show this help and exit\n"
	"      --version           show the version and exit\n";

typedef struct opts {
	const char *text_col, *label_col, *group_col, *fold_col, *pred_col;
	txt_feat_opts fo;
	int nb_mode;            /* -1 auto, 0 off, 1 on */
	txt_svm_opts so;
	double cs[64], gammas[64];
	int nc, ngamma;
	long grid_folds, folds;
	const char *metric, *class_weight, *favg, *format;
	const char *out;
	int wflags, quiet;
} opts;

enum {
	O_TEXT = 256, O_LABEL, O_GROUP, O_FOLD, O_PRED, O_WORD, O_CHAR, O_WEIGHT, O_NOIDF,
	O_NOL2, O_MINDF, O_NB, O_SOLVER, O_KERNEL, O_GAMMA, O_GRIDF, O_METRIC, O_CW, O_PROB,
	O_SEED, O_FAVG, O_FORMAT, O_HELP, O_VERSION,
};

static const struct option longopts[] = {
	{"text-col", 1, 0, O_TEXT}, {"label-col", 1, 0, O_LABEL}, {"group-col", 1, 0, O_GROUP},
	{"fold-col", 1, 0, O_FOLD}, {"pred-col", 1, 0, O_PRED}, {"word-ngrams", 1, 0, O_WORD},
	{"char-ngrams", 1, 0, O_CHAR}, {"weight", 1, 0, O_WEIGHT}, {"no-idf", 0, 0, O_NOIDF},
	{"no-l2", 0, 0, O_NOL2}, {"min-df", 1, 0, O_MINDF}, {"nb", 1, 0, O_NB},
	{"solver", 1, 0, O_SOLVER}, {"kernel", 1, 0, O_KERNEL}, {"cost", 1, 0, 'C'},
	{"gamma", 1, 0, O_GAMMA}, {"grid-folds", 1, 0, O_GRIDF}, {"metric", 1, 0, O_METRIC},
	{"class-weight", 1, 0, O_CW}, {"probability", 0, 0, O_PROB}, {"seed", 1, 0, O_SEED},
	{"folds", 1, 0, 'k'}, {"f-avg", 1, 0, O_FAVG}, {"format", 1, 0, O_FORMAT},
	{"output", 1, 0, 'o'}, {"gzip", 0, 0, 'z'}, {"force", 0, 0, 'f'}, {"quiet", 0, 0, 'q'},
	{"help", 0, 0, O_HELP}, {"version", 0, 0, O_VERSION}, {0, 0, 0, 0},
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

static void parse_opt(opts *o, int c, const char *arg)
{
	long x;
	switch (c) {
	case O_TEXT: o->text_col = arg; break;
	case O_LABEL: o->label_col = arg; break;
	case O_GROUP: o->group_col = arg; break;
	case O_FOLD: o->fold_col = arg; break;
	case O_PRED: o->pred_col = arg; break;
	case O_WORD: ngram_opt("--word-ngrams", arg, &o->fo.word_lo, &o->fo.word_hi); break;
	case O_CHAR: ngram_opt("--char-ngrams", arg, &o->fo.char_lo, &o->fo.char_hi); break;
	case O_WEIGHT:
		if (txt_feat_weight_parse(arg, &o->fo.weight) < 0)
			txt_usage("--weight: %s", txt_err());
		break;
	case O_NOIDF: o->fo.idf = 0; break;
	case O_NOL2: o->fo.l2 = 0; break;
	case O_MINDF:
		if (txt_parse_long("--min-df", arg, 1, 1L << 40, &o->fo.min_df) < 0)
			txt_usage("%s", txt_err());
		break;
	case O_NB:
		if (!strcmp(arg, "auto")) o->nb_mode = -1;
		else if (!strcmp(arg, "on")) o->nb_mode = 1;
		else if (!strcmp(arg, "off")) o->nb_mode = 0;
		else txt_usage("--nb: '%s' is not auto, on or off", arg);
		break;
	case O_SOLVER:
		if (!strcmp(arg, "auto")) o->so.solver = TXT_SVM_AUTO;
		else if (!strcmp(arg, "liblinear")) o->so.solver = TXT_SVM_LIBLINEAR;
		else if (!strcmp(arg, "libsvm")) o->so.solver = TXT_SVM_LIBSVM;
		else txt_usage("--solver: '%s' is not auto, liblinear or libsvm", arg);
		break;
	case O_KERNEL:
		if (!strcmp(arg, "linear")) o->so.kernel = TXT_SVM_LINEAR;
		else if (!strcmp(arg, "rbf")) o->so.kernel = TXT_SVM_RBF;
		else txt_usage("--kernel: '%s' is not linear or rbf", arg);
		break;
	case 'C': o->nc = parse_list("--cost", arg, o->cs, 64); break;
	case O_GAMMA: o->ngamma = parse_list("--gamma", arg, o->gammas, 64); break;
	case O_GRIDF:
		if (txt_parse_long("--grid-folds", arg, 2, 100, &o->grid_folds) < 0)
			txt_usage("%s", txt_err());
		break;
	case 'k':
		if (txt_parse_long("--folds", arg, 2, 1000, &o->folds) < 0)
			txt_usage("%s", txt_err());
		break;
	case O_METRIC: o->metric = arg; break;
	case O_CW: o->class_weight = arg; break;
	case O_PROB: o->so.probability = 1; break;
	case O_SEED:
		if (txt_parse_long("--seed", arg, 0, 0x7fffffffL, &x) < 0)
			txt_usage("%s", txt_err());
		o->so.seed = (unsigned long)x;
		break;
	case O_FAVG: o->favg = arg; break;
	case O_FORMAT:
		if (strcmp(arg, "tsv") && strcmp(arg, "md"))
			txt_usage("--format: '%s' is not tsv or md", arg);
		o->format = arg;
		break;
	case 'o': o->out = arg; break;
	case 'z': o->wflags |= TXT_W_GZIP; break;
	case 'f': o->wflags |= TXT_W_FORCE; break;
	case 'q': o->quiet = 1; break;
	case O_HELP: txt_cli_help(help);
	case O_VERSION: txt_cli_version();
	default: txt_usage("unknown option");
	}
}

/* ---- reading labelled documents ---- */

typedef struct docs {
	size_t n, cap;
	char **text, **label, **group, **fold;
	size_t *tlen;
} docs;

static char *field_dup(const txt_row *r, long col)
{
	return col < 0 ? NULL : txt_xstrndup(r->f[col].s, r->f[col].len);
}

static void docs_read(docs *d, const char *path, const opts *o, int need_label)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		txt_die_err();
	long ct = txt_table_need(t, o->text_col, "docs");
	long cl = need_label ? txt_table_need(t, o->label_col, "labelled docs") : -1;
	long cg = o->group_col ? txt_table_need(t, o->group_col, "docs") : -1;
	long cf = o->fold_col ? txt_table_need(t, o->fold_col, "docs") : -1;
	if (ct < 0 || (need_label && cl < 0) || (o->group_col && cg < 0) || (o->fold_col && cf < 0))
		txt_die_err();
	txt_row *r;
	int rc;
	size_t skipped = 0;
	while ((rc = txt_table_next(t, &r)) == 1) {
		if (cl >= 0 && r->f[cl].len == 0) {
			skipped++;
			continue;
		}
		if (d->n == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 256;
			d->text = txt_xreallocarray(d->text, d->cap, sizeof *d->text);
			d->tlen = txt_xreallocarray(d->tlen, d->cap, sizeof *d->tlen);
			d->label = txt_xreallocarray(d->label, d->cap, sizeof *d->label);
			d->group = txt_xreallocarray(d->group, d->cap, sizeof *d->group);
			d->fold = txt_xreallocarray(d->fold, d->cap, sizeof *d->fold);
		}
		d->text[d->n] = field_dup(r, ct);
		d->tlen[d->n] = r->f[ct].len;
		d->label[d->n] = field_dup(r, cl);
		d->group[d->n] = cg >= 0 ? field_dup(r, cg) : txt_xstrdup("");
		d->fold[d->n] = field_dup(r, cf);
		d->n++;
	}
	if (rc < 0)
		txt_die_err();
	if (skipped && !o->quiet)
		txt_warn("%s: %zu rows with an empty '%s' left out", txt_table_name(t), skipped,
			 o->label_col);
	txt_table_close(t);
}

static void docs_free(docs *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->text[i]);
		free(d->label[i]);
		free(d->group[i]);
		free(d->fold[i]);
	}
	free(d->text);
	free(d->tlen);
	free(d->label);
	free(d->group);
	free(d->fold);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Distinct values of v[rows[i]], sorted bytewise; idx[i] gets the index of
 * v[rows[i]].  Returns the number of values; *out is malloc'd (borrowed
 * strings). */
static int distinct(char **v, const size_t *rows, size_t n, char ***out, int *idx)
{
	char **u = txt_xmalloc((n ? n : 1) * sizeof *u);
	for (size_t i = 0; i < n; i++)
		u[i] = v[rows[i]];
	qsort(u, n, sizeof *u, cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || strcmp(u[k - 1], u[i]) != 0)
			u[k++] = u[i];
	for (size_t i = 0; idx && i < n; i++) {
		char **hit = bsearch(&v[rows[i]], u, k, sizeof *u, cmp_str);
		idx[i] = (int)(hit - u);
	}
	*out = u;
	return (int)k;
}

/* ---- training setup ---- */

static txt_tok *new_tok(void)
{
	txt_tok_opts to = {0};
	txt_tok *t = txt_tok_new(&to);
	if (!t)
		txt_die_err();
	return t;
}

/* Per-class weights from "LABEL=W,...", others 1. */
static double *given_weights(const char *spec, char **labels, int k)
{
	double *w = txt_xmalloc((size_t)k * sizeof *w);
	for (int i = 0; i < k; i++)
		w[i] = 1.0;
	char *copy = txt_xstrdup(spec), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char *eq = strrchr(t, '=');
		if (!eq)
			txt_usage("--class-weight: '%s' is not LABEL=WEIGHT", t);
		*eq = 0;
		int c = -1;
		for (int i = 0; i < k; i++)
			if (!strcmp(labels[i], t))
				c = i;
		if (c < 0)
			txt_die("--class-weight: '%s' is not a label of the training data", t);
		if (txt_parse_double("--class-weight", eq + 1, 1e-9, 1e9, &w[c]) < 0)
			txt_usage("%s", txt_err());
	}
	free(copy);
	return w;
}

/* Options as they apply to one labelled set with k classes. */
static void setup_for(const opts *o, char **labels, int k, txt_feat_opts *fo, txt_svm_opts *so,
		      double **wbuf)
{
	*fo = o->fo;
	fo->nb = o->nb_mode < 0 ? k == 2 : o->nb_mode;
	if (fo->nb && k != 2)
		txt_die("--nb on needs exactly two labels, found %d", k);
	*so = o->so;
	*wbuf = NULL;
	if (o->class_weight && !strcmp(o->class_weight, "balanced"))
		so->balanced = 1;
	else if (o->class_weight && strcmp(o->class_weight, "none"))
		so->weight = *wbuf = given_weights(o->class_weight, labels, k);
}

static void report_progress(const char *what, const char *group)
{
	txt_progress("%s%s%s", what, *group ? " " : "", group);
}

/* Choose C (and gamma) by stratified cross-validation on the grid. */
static void choose_grid(const opts *o, const txt_feat_opts *fo, const txt_svm_opts *so,
			const txt_feat_corpus *c, const int *y, int k, char **labels, double *bc,
			double *bg)
{
	int ng = o->ngamma ? o->ngamma : 1;
	*bc = o->cs[0];
	*bg = o->ngamma ? o->gammas[0] : so->gamma;
	if (o->nc * ng == 1)
		return;
	size_t n = txt_feat_corpus_size(c);
	int *fold = txt_xmalloc(n * sizeof *fold);
	txt_svm_folds(y, n, (int)o->grid_folds, so->seed, fold);
	uint64_t *conf = txt_xcalloc((size_t)(o->nc * ng * k * k), sizeof *conf);
	if (txt_svm_cv(fo, so, c, y, k, fold, (int)o->grid_folds, o->cs, o->nc,
		       o->ngamma ? o->gammas : NULL, ng, conf, NULL) < 0)
		txt_die_err();
	txt_svm_metric m;
	if (txt_svm_metric_parse(o->metric, labels, k, &m) < 0)
		txt_die("--metric: %s", txt_err());
	double best = -1;
	for (int g = 0; g < o->nc * ng; g++) {
		double v = txt_svm_metric_value(&m, conf + (size_t)g * (size_t)(k * k), k);
		if (v > best) { /* ties keep the first grid point */
			best = v;
			*bc = o->cs[g % o->nc];
			*bg = o->ngamma ? o->gammas[g / o->nc] : so->gamma;
		}
	}
	free(conf);
	free(fold);
}

static void train_group(const opts *o, const docs *d, const size_t *rows, size_t n,
			const char *gname, txt_tok *tok, txt_svm_group *g, txt_svm_bundle *b)
{
	int *y = txt_xmalloc((n ? n : 1) * sizeof *y);
	char **labels;
	int k = distinct(d->label, rows, n, &labels, y);
	if (k < 2)
		txt_die("%s%s%s: need at least two labels to train, found %d", *gname ? "group '" : "",
			gname, *gname ? "'" : "", k);
	txt_feat_opts fo;
	txt_svm_opts so;
	double *wbuf;
	setup_for(o, labels, k, &fo, &so, &wbuf);
	report_progress("features", gname);
	txt_feat_corpus *c = txt_feat_corpus_new(&fo, tok);
	for (size_t i = 0; i < n; i++)
		txt_feat_corpus_add(c, d->text[rows[i]], d->tlen[rows[i]]);
	report_progress("grid", gname);
	choose_grid(o, &fo, &so, c, y, k, labels, &g->c, &g->gamma);
	so.c = g->c;
	so.gamma = g->gamma;
	size_t *all = txt_xmalloc((n ? n : 1) * sizeof *all);
	for (size_t i = 0; i < n; i++)
		all[i] = i;
	g->feat = txt_feat_fit(&fo, c, all, n, y, k);
	if (!g->feat)
		txt_die("%s", txt_err());
	txt_fmat *x = txt_feat_rows(g->feat, c, all, n);
	report_progress("training", gname);
	g->svm = txt_svm_train(&so, x, y, k, txt_feat_size(g->feat));
	if (!g->svm)
		txt_die_err();
	g->name = txt_xstrdup(gname);
	g->ncls = k;
	g->labels = txt_xmalloc((size_t)k * sizeof *g->labels);
	for (int i = 0; i < k; i++)
		g->labels[i] = txt_xstrdup(labels[i]);
	b->fo = fo; /* nb may differ per group; each group's vocab records it */
	b->so = so;
	txt_fmat_free(x);
	txt_feat_corpus_free(c);
	free(all);
	free(labels);
	free(y);
	free(wbuf);
}

static int cmd_train(opts *o, int argc, char **argv)
{
	if (!o->out)
		txt_usage("train: name the model file with -o MODEL");
	if (argc > 1)
		txt_usage("train: one input file at most");
	docs d = {0};
	docs_read(&d, argc ? argv[0] : "-", o, 1);
	if (d.n == 0)
		txt_die("%s: no labelled documents", argc ? argv[0] : "(stdin)");
	txt_tok *tok = new_tok();
	size_t *all = txt_xmalloc(d.n * sizeof *all);
	for (size_t i = 0; i < d.n; i++)
		all[i] = i;
	char **groups;
	int *gi = txt_xmalloc(d.n * sizeof *gi);
	int ng = distinct(d.group, all, d.n, &groups, gi);
	txt_svm_bundle b = {0};
	b.tok = (char *)txt_tok_describe(tok);
	b.text_col = (char *)o->text_col;
	b.label_col = (char *)o->label_col;
	b.group_col = (char *)o->group_col;
	b.ngroups = (size_t)ng;
	b.g = txt_xcalloc((size_t)ng, sizeof *b.g);
	size_t *rows = txt_xmalloc(d.n * sizeof *rows);
	for (int g = 0; g < ng; g++) {
		size_t n = 0;
		for (size_t i = 0; i < d.n; i++)
			if (gi[i] == g)
				rows[n++] = i;
		train_group(o, &d, rows, n, groups[g], tok, &b.g[g], &b);
	}
	txt_progress_done();
	if (txt_svm_bundle_write(&b, o->out, o->wflags) < 0)
		txt_die_err();
	for (int g = 0; g < ng; g++) {
		free(b.g[g].name);
		for (int i = 0; i < b.g[g].ncls; i++)
			free(b.g[g].labels[i]);
		free(b.g[g].labels);
		txt_feat_free(b.g[g].feat);
		txt_svm_free(b.g[g].svm);
	}
	free(b.g);
	free(rows);
	free(gi);
	free(groups);
	free(all);
	txt_tok_free(tok);
	docs_free(&d);
	return 0;
}

/* ---- predict ---- */

static txt_writer *open_out(const opts *o)
{
	txt_writer *w = txt_writer_open(o->out ? o->out : "-", o->wflags);
	if (!w)
		txt_die_err();
	return w;
}

static void close_out(txt_writer *w)
{
	if (txt_writer_close(w) < 0)
		txt_die_err();
}

/* The union of the groups' labels, sorted (for p_LABEL columns). */
static int all_labels(const txt_svm_bundle *b, char ***out)
{
	size_t n = 0;
	for (size_t g = 0; g < b->ngroups; g++)
		n += (size_t)b->g[g].ncls;
	char **v = txt_xmalloc(n * sizeof *v);
	size_t *rows = txt_xmalloc(n * sizeof *rows);
	n = 0;
	for (size_t g = 0; g < b->ngroups; g++)
		for (int i = 0; i < b->g[g].ncls; i++) {
			rows[n] = n;
			v[n++] = b->g[g].labels[i];
		}
	int k = distinct(v, rows, n, out, NULL);
	free(v);
	free(rows);
	return k;
}

static txt_svm_group *find_group(const txt_svm_bundle *b, const char *name)
{
	for (size_t g = 0; g < b->ngroups; g++)
		if (!strcmp(b->g[g].name, name))
			return &b->g[g];
	return NULL;
}

static void write_header(txt_writer *w, txt_table *t, int prob, char **labs, int nl)
{
	for (size_t i = 0; i < txt_table_ncols(t); i++) {
		const char *c = txt_table_colname(t, i);
		txt_tsv_write_field(w, c, strlen(c));
		txt_writer_putc(w, '\t');
	}
	txt_writer_puts(w, "pred");
	for (int i = 0; prob && i < nl; i++) {
		txt_writer_puts(w, "\tp_");
		txt_tsv_write_field(w, labs[i], strlen(labs[i]));
	}
	txt_writer_putc(w, '\n');
}

static int cmd_predict(opts *o, int argc, char **argv)
{
	if (argc < 1)
		txt_usage("predict: name the model file");
	if (argc > 2)
		txt_usage("predict: one input file at most");
	txt_svm_bundle *b = txt_svm_bundle_read(argv[0]);
	if (!b)
		txt_die_err();
	txt_tok *tok = new_tok();
	if (strcmp(b->tok, txt_tok_describe(tok)) != 0)
		txt_die("%s: the model was trained with tokenizer '%s', this slant has '%s'; retrain it",
			argv[0], b->tok, txt_tok_describe(tok));
	txt_table *t = txt_table_open(argc > 1 ? argv[1] : "-");
	if (!t)
		txt_die_err();
	const char *tc = o->text_col ? o->text_col : b->text_col;
	long ct = txt_table_need(t, tc, "docs");
	long cg = b->group_col ? txt_table_need(t, b->group_col, "docs") : -1;
	if (ct < 0 || (b->group_col && cg < 0))
		txt_die_err();
	if (txt_table_col(t, "pred") >= 0)
		txt_die("%s: already has a 'pred' column", txt_table_name(t));
	int prob = b->so.probability && txt_svm_has_prob(b->g[0].svm);
	char **labs;
	int nl = all_labels(b, &labs);
	txt_writer *w = open_out(o);
	write_header(w, t, prob, labs, nl);
	double *p = txt_xcalloc((size_t)nl, sizeof *p);
	txt_row *r;
	int rc;
	while ((rc = txt_table_next(t, &r)) == 1) {
		txt_svm_group *g = cg >= 0 ? find_group(b, r->f[cg].s) : &b->g[0];
		if (!g)
			txt_die("%s:%lu: group '%s' is not in the model", txt_table_name(t),
				(unsigned long)txt_table_lineno(t), r->f[cg].s);
		txt_fmat *x = txt_feat_text(g->feat, tok, r->f[ct].s, r->f[ct].len);
		int c = txt_svm_predict(g->svm, x, 0, p);
		txt_fmat_free(x);
		for (size_t i = 0; i < r->n; i++) {
			txt_tsv_write_field(w, r->f[i].s, r->f[i].len);
			txt_writer_putc(w, '\t');
		}
		txt_tsv_write_field(w, g->labels[c], strlen(g->labels[c]));
		for (int i = 0; prob && i < nl; i++) {
			double v = 0;
			for (int j = 0; j < g->ncls; j++)
				if (!strcmp(g->labels[j], labs[i]))
					v = p[j];
			txt_writer_printf(w, "\t%.17g", v);
		}
		txt_writer_putc(w, '\n');
	}
	if (rc < 0)
		txt_die_err();
	close_out(w);
	free(p);
	free(labs);
	txt_table_close(t);
	txt_tok_free(tok);
	txt_svm_bundle_free(b);
	return 0;
}

/* ---- eval and cv reports (text_report: tsv or md) ---- */

/* A report row being built: up to cap cells, numbers formatted in place. */
typedef struct rowb {
	const char **cell;
	char (*num)[32];
	size_t n, cap;
	char *pre; /* a copy of the prefix cells, split at their tabs */
} rowb;

static void rb_init(rowb *b, int k)
{
	b->cap = 8 + (size_t)k; /* 2 prefix cells, 5 columns, k counts */
	b->cell = txt_xreallocarray(NULL, b->cap, sizeof *b->cell);
	b->num = txt_xreallocarray(NULL, b->cap, sizeof *b->num);
	b->n = 0;
	b->pre = NULL;
}

static void rb_free(rowb *b)
{
	free(b->cell);
	free(b->num);
	free(b->pre);
}

static void rb_add(rowb *b, const char *s)
{
	if (b->n < b->cap)
		b->cell[b->n++] = s;
}

static void rb_num(rowb *b, const char *fmt, double v)
{
	if (b->n < b->cap) {
		snprintf(b->num[b->n], sizeof *b->num, fmt, v);
		rb_add(b, b->num[b->n]);
	}
}

static void rb_count(rowb *b, uint64_t v)
{
	if (b->n < b->cap) {
		snprintf(b->num[b->n], sizeof *b->num, "%llu", (unsigned long long)v);
		rb_add(b, b->num[b->n]);
	}
}

/* Start a row with the prefix cells (cv grid columns, tab-separated). */
static void rb_start(rowb *b, const char *pre)
{
	b->n = 0;
	free(b->pre);
	b->pre = txt_xstrdup(pre);
	char *save = NULL;
	for (char *t = strtok_r(b->pre, "\t", &save); t; t = strtok_r(NULL, "\t", &save))
		rb_add(b, t);
}

static void rb_put(rowb *b, txt_report *r, txt_writer *w)
{
	if (txt_report_row(r, b->cell) < 0)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
}

static txt_report *report_header(txt_writer *w, const opts *o, const char *pre, char **labels,
				 int k)
{
	rowb b;
	rb_init(&b, k);
	rb_start(&b, pre);
	size_t np = b.n;
	const char *cols[] = {"class", "precision", "recall", "f1", "support"};
	for (int i = 0; i < 5; i++)
		rb_add(&b, cols[i]);
	char **pred = txt_xreallocarray(NULL, (size_t)k + 1, sizeof *pred);
	for (int i = 0; i < k; i++) {
		size_t n = strlen(labels[i]) + 6;
		pred[i] = txt_xmalloc(n);
		snprintf(pred[i], n, "pred_%s", labels[i]);
		rb_add(&b, pred[i]);
	}
	char *align = txt_xmalloc(b.n + 1); /* numbers right, the class left */
	for (size_t i = 0; i < b.n; i++)
		align[i] = i == np ? 'l' : 'r';
	align[b.n] = '\0';
	txt_report *r = txt_report_new(w, txt_report_format(o->format), b.cell, b.n, align);
	if (!r)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
	for (int i = 0; i < k; i++)
		free(pred[i]);
	free(pred);
	free(align);
	rb_free(&b);
	return r;
}

/* One report: per-class rows with confusion counts, then summary rows. */
static void report(txt_report *rep, txt_writer *w, const char *pre, const uint64_t *conf,
		   char **labels, int k, const txt_svm_metric *favg)
{
	rowb b;
	rb_init(&b, k);
	uint64_t total = 0;
	for (int i = 0; i < k * k; i++)
		total += conf[i];
	for (int c = 0; c < k; c++) {
		double p, r, f;
		uint64_t sup = 0;
		for (int j = 0; j < k; j++)
			sup += conf[c * k + j];
		txt_svm_prf(conf, k, c, &p, &r, &f);
		rb_start(&b, pre);
		rb_add(&b, labels[c]);
		rb_num(&b, "%.4f", p);
		rb_num(&b, "%.4f", r);
		rb_num(&b, "%.4f", f);
		rb_count(&b, sup);
		for (int j = 0; j < k; j++)
			rb_count(&b, conf[c * k + j]);
		rb_put(&b, rep, w);
	}
	double mp = 0, mr = 0, p, r, f;
	for (int c = 0; c < k; c++) {
		txt_svm_prf(conf, k, c, &p, &r, &f);
		mp += p / k;
		mr += r / k;
	}
	const char *names[] = {"macro", "accuracy", "f-avg"};
	for (int s = 0; s < 3; s++) {
		if (s == 2 && !favg)
			break;
		rb_start(&b, pre);
		rb_add(&b, names[s]);
		if (s == 0) {
			rb_num(&b, "%.4f", mp);
			rb_num(&b, "%.4f", mr);
			rb_num(&b, "%.4f", txt_svm_macro_f1(conf, k));
		} else {
			rb_add(&b, "");
			rb_add(&b, "");
			rb_num(&b, "%.4f",
			       s == 1 ? txt_svm_accuracy(conf, k) : txt_svm_metric_value(favg, conf, k));
		}
		rb_count(&b, total);
		for (int j = 0; j < k; j++)
			rb_add(&b, "");
		rb_put(&b, rep, w);
	}
	rb_free(&b);
}

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

static int cmd_eval(opts *o, int argc, char **argv)
{
	if (argc > 1)
		txt_usage("eval: one input file at most");
	txt_table *t = txt_table_open(argc ? argv[0] : "-");
	if (!t)
		txt_die_err();
	long cl = txt_table_need(t, o->label_col, "predictions");
	long cp = cl >= 0 ? txt_table_need(t, o->pred_col, "predictions") : -1;
	if (cl < 0 || cp < 0)
		txt_die_err();
	/* keep gold and predicted labels, then index them over the union */
	docs d = {0};
	char **v = NULL;
	size_t n = 0, cap = 0;
	txt_row *r;
	int rc;
	while ((rc = txt_table_next(t, &r)) == 1) {
		if (r->f[cl].len == 0)
			continue;
		if (r->f[cp].len == 0)
			txt_die("%s:%lu: empty '%s'", txt_table_name(t),
				(unsigned long)txt_table_lineno(t), o->pred_col);
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 256;
			v = txt_xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = field_dup(r, cl);
		v[n++] = field_dup(r, cp);
	}
	if (rc < 0)
		txt_die_err();
	if (n == 0)
		txt_die("%s: no rows with a gold label", txt_table_name(t));
	size_t *rows = txt_xmalloc(n * sizeof *rows);
	for (size_t i = 0; i < n; i++)
		rows[i] = i;
	int *idx = txt_xmalloc(n * sizeof *idx);
	char **labels;
	int k = distinct(v, rows, n, &labels, idx);
	uint64_t *conf = txt_xcalloc((size_t)(k * k), sizeof *conf);
	for (size_t i = 0; i < n; i += 2)
		conf[idx[i] * k + idx[i + 1]]++;
	txt_svm_metric fm;
	int hasf = favg_metric(o, labels, k, &fm);
	txt_writer *w = open_out(o);
	txt_report *rep = report_header(w, o, "", labels, k);
	report(rep, w, "", conf, labels, k, hasf ? &fm : NULL);
	txt_report_free(rep);
	close_out(w);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	free(rows);
	free(idx);
	free(labels);
	free(conf);
	txt_table_close(t);
	docs_free(&d);
	return 0;
}

/* Folds from --fold-col (distinct values in bytewise order), else stratified. */
static int make_folds(const opts *o, const docs *d, const int *y, int *fold)
{
	if (!o->fold_col) {
		txt_svm_folds(y, d->n, (int)o->folds, o->so.seed, fold);
		return (int)o->folds;
	}
	size_t *all = txt_xmalloc(d->n * sizeof *all);
	for (size_t i = 0; i < d->n; i++)
		all[i] = i;
	char **u;
	int k = distinct(d->fold, all, d->n, &u, fold);
	free(u);
	free(all);
	if (k < 2)
		txt_die("--fold-col %s: need at least two folds, found %d", o->fold_col, k);
	return k;
}

static int cmd_cv(opts *o, int argc, char **argv)
{
	if (argc > 1)
		txt_usage("cv: one input file at most");
	docs d = {0};
	docs_read(&d, argc ? argv[0] : "-", o, 1);
	if (d.n == 0)
		txt_die("%s: no labelled documents", argc ? argv[0] : "(stdin)");
	size_t *all = txt_xmalloc(d.n * sizeof *all);
	for (size_t i = 0; i < d.n; i++)
		all[i] = i;
	int *y = txt_xmalloc(d.n * sizeof *y);
	char **labels;
	int k = distinct(d.label, all, d.n, &labels, y);
	if (k < 2)
		txt_die("need at least two labels, found %d", k);
	txt_feat_opts fo;
	txt_svm_opts so;
	double *wbuf;
	setup_for(o, labels, k, &fo, &so, &wbuf);
	/* per group (one group without --group-col): its own feature space and
	 * model in each fold; out-of-fold predictions are pooled */
	int *gi = txt_xmalloc(d.n * sizeof *gi);
	char **groups;
	int ngr = distinct(d.group, all, d.n, &groups, gi);
	int *strat = txt_xmalloc(d.n * sizeof *strat);
	for (size_t i = 0; i < d.n; i++)
		strat[i] = gi[i] * k + y[i]; /* stratify by group and label */
	int *fold = txt_xmalloc(d.n * sizeof *fold);
	int nf = make_folds(o, &d, strat, fold);
	int ng = o->ngamma ? o->ngamma : 1, np = o->nc * ng;
	uint64_t *conf = txt_xcalloc((size_t)(np * k * k), sizeof *conf);
	txt_tok *tok = new_tok();
	int *yg = txt_xmalloc(d.n * sizeof *yg), *fg = txt_xmalloc(d.n * sizeof *fg);
	for (int g = 0; g < ngr; g++) {
		txt_feat_corpus *c = txt_feat_corpus_new(&fo, tok);
		size_t n = 0;
		for (size_t i = 0; i < d.n; i++)
			if (gi[i] == g) {
				txt_feat_corpus_add(c, d.text[i], d.tlen[i]);
				yg[n] = y[i];
				fg[n++] = fold[i];
			}
		if (txt_svm_cv(&fo, &so, c, yg, k, fg, nf, o->cs, o->nc,
			       o->ngamma ? o->gammas : NULL, ng, conf, NULL) < 0)
			txt_die_err();
		txt_feat_corpus_free(c);
	}
	free(yg);
	free(fg);
	free(strat);
	free(gi);
	free(groups);
	txt_svm_metric fm;
	int hasf = favg_metric(o, labels, k, &fm);
	txt_writer *w = open_out(o);
	txt_report *rep = report_header(w, o, np > 1 ? "c\tgamma" : "", labels, k);
	for (int g = 0; g < np; g++) {
		char pre[128] = "";
		if (np > 1)
			snprintf(pre, sizeof pre, "%g\t%g", o->cs[g % o->nc],
				 o->ngamma ? o->gammas[g / o->nc] : so.gamma);
		report(rep, w, pre, conf + (size_t)g * (size_t)(k * k), labels, k, hasf ? &fm : NULL);
	}
	txt_report_free(rep);
	close_out(w);
	free(conf);
	free(fold);
	txt_tok_free(tok);
	free(wbuf);
	free(labels);
	free(y);
	free(all);
	docs_free(&d);
	return 0;
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-stance");
	opts o = {0};
	o.label_col = "label";
	o.pred_col = "pred";
	o.metric = "accuracy";
	o.format = "tsv";
	o.grid_folds = 5;
	o.folds = 10;
	o.nb_mode = -1;
	txt_feat_opts_default(&o.fo);
	txt_svm_opts_default(&o.so);
	o.cs[0] = 1.0;
	o.nc = 1;
	int c;
	while ((c = getopt_long(argc, argv, "+C:k:o:zfq", longopts, NULL)) != -1) {
		if (c == '?')
			txt_usage("invalid option");
		parse_opt(&o, c, optarg);
	}
	if (optind >= argc)
		txt_usage("name a command: train, predict, eval or cv");
	const char *cmd = argv[optind];
	optind++;
	/* options may follow the command too */
	int first = optind;
	char **rest = argv + first - 1;
	int nrest = argc - first + 1;
	optind = 0; /* glibc: 0 starts a fresh scan */
	while ((c = getopt_long(nrest, rest, "C:k:o:zfq", longopts, NULL)) != -1) {
		if (c == '?')
			txt_usage("invalid option");
		parse_opt(&o, c, optarg);
	}
	int nargs = nrest - optind;
	char **args = rest + optind;
	txt_progress_quiet(o.quiet);
	if (strcmp(cmd, "predict") != 0 && !o.text_col)
		o.text_col = "text";
	if (o.fo.word_hi == 0 && o.fo.char_hi == 0)
		txt_usage("--word-ngrams 0 and --char-ngrams 0 leave no features");
	if (strcmp(o.metric, "accuracy") && strcmp(o.metric, "macro-f1") &&
	    strncmp(o.metric, "f-avg:", 6))
		txt_usage("--metric: '%s' is not accuracy, macro-f1 or f-avg:A,B", o.metric);
	txt_svm_opts chk = o.so;
	for (int i = 0; i < o.ngamma; i++)
		chk.gamma = o.gammas[i];
	if (txt_svm_opts_check(&chk) < 0)
		txt_usage("%s", txt_err());
	if (!strcmp(cmd, "train"))
		return cmd_train(&o, nargs, args);
	if (!strcmp(cmd, "predict"))
		return cmd_predict(&o, nargs, args);
	if (!strcmp(cmd, "eval"))
		return cmd_eval(&o, nargs, args);
	if (!strcmp(cmd, "cv"))
		return cmd_cv(&o, nargs, args);
	txt_usage("unknown command '%s' (train, predict, eval, cv)", cmd);
}
