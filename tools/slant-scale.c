/* slant-scale: positions of documents or groups on one dimension. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_dtm.h"
#include "text_report.h"
#include "text_scale.h"

static const char HELP[] =
	"Usage: slant-scale wordscores --ref-col COL --refs FILE [OPTION]... [COUNTS]\n"
	"  or:  slant-scale wordfish [--dir A,B] [OPTION]... [COUNTS]\n"
	"Place the groups of a counts file (slant-count --by id: documents) on one\n"
	"dimension: group theta se, and for wordscores theta_lbg theta_mv.\n"
	"\n"
	"Wordscores (Laver, Benoit & Garry 2003):\n"
	"      --ref-col COL    reference scores: column COL of FILE (empty or NA: a\n"
	"                       virgin text)\n"
	"      --refs FILE      a table (the docs file, ...) with COL and a column\n"
	"                       named as the counts' grouping (id, source, ...)\n"
	"      --lbg-all        LBG rescaling's mean and sd over every group, not\n"
	"                       the virgin texts only (quanteda's predict())\n"
	"Wordfish (Slapin & Proksch 2008; quanteda's priors):\n"
	"      --dir A,B        orient theta so that group A < group B (default:\n"
	"                       the first two groups)\n"
	"      --beta-sd X      the sd of beta's normal prior (default 3)\n"
	"      --tol X          stop when the objective changes by less than X of\n"
	"                       itself (default 1e-10)\n"
	"      --max-iter N     at most N sweeps (default 500)\n"
	"      --words FILE     write the terms' parameters: term psi beta\n"
	"  -v, --verbose        print iterations, convergence, log-likelihood and\n"
	"                       log posterior on standard error (a run that did not\n"
	"                       converge is always reported)\n"
	"\n"
	"  -b, --by COL         check that the counts were grouped by COL\n"
	"  -F, --format FMT     tsv (default), csv (RFC 4180) or md (Markdown)\n"
	"      --digits N       significant digits of the numbers (default 6)\n"
	"  -o, --output FILE    write to FILE instead of standard output\n"
	"  -f, --force          replace an existing output file\n"
	"  -z, --gzip           compress the output\n"
	"  -q, --quiet          not even a warning when wordfish did not converge\n"
	"  -h, --help           show this help\n"
	"      --version        show the version\n";

enum { O_REFCOL = 256, O_REFS, O_LBGALL, O_DIR, O_BETASD, O_TOL, O_MAXITER, O_WORDS, O_VERBOSE };

static const struct option LONG[] = {
	{"by", required_argument, NULL, 'b'},
	{"ref-col", required_argument, NULL, O_REFCOL},
	{"refs", required_argument, NULL, O_REFS},
	{"lbg-all", no_argument, NULL, O_LBGALL},
	{"dir", required_argument, NULL, O_DIR},
	{"beta-sd", required_argument, NULL, O_BETASD},
	{"tol", required_argument, NULL, O_TOL},
	{"max-iter", required_argument, NULL, O_MAXITER},
	{"words", required_argument, NULL, O_WORDS},
	{"verbose", no_argument, NULL, 'v'},
	{NULL, 0, NULL, 0},
};

typedef struct opts {
	const char *by, *refcol, *refs, *dir, *words;
	int lbg_all, wf_only, ws_only, verbose;
	double beta_sd, tol;
	long max_iter;
	txt_cli_shared sh;
} opts;

static void option(void *ctx, int c, const char *arg)
{
	opts *o = ctx;
	switch (c) { /* the options of one method say which */
	case 'v': o->verbose = 1, o->wf_only = 1; break;
	case O_REFCOL: o->refcol = arg, o->ws_only = 1; break;
	case O_REFS: o->refs = arg, o->ws_only = 1; break;
	case O_LBGALL: o->lbg_all = 1, o->ws_only = 1; break;
	case O_DIR: o->dir = arg, o->wf_only = 1; break;
	case O_WORDS: o->words = arg, o->wf_only = 1; break;
	case O_BETASD: o->beta_sd = txt_cli_double("--beta-sd", arg, 1e-6, 1e6), o->wf_only = 1; break;
	case O_TOL: o->tol = txt_cli_double("--tol", arg, 0, 1), o->wf_only = 1; break;
	case O_MAXITER: o->max_iter = txt_cli_long("--max-iter", arg, 1, 1000000), o->wf_only = 1; break;
	}
}

static const txt_cli_val VAL[] = {TXT_VAL_STR('b', opts, by), {0}};

static const char *num(char *buf, double x, const opts *o)
{
	return txt_report_num(buf, x, o->sh.digits ? o->sh.digits : 6);
}

static txt_writer *open_out(const char *path, const opts *o)
{
	txt_writer *w = txt_writer_open(path, o->sh.wflags);
	if (!w)
		txt_die_err();
	return w;
}

/* A report of rows of cells from fill(i, cells, buf), i < n, into w (closed). */
static void report(txt_writer *w, const opts *o, const char *const *head, size_t ncol,
		   size_t n, void (*fill)(size_t, const char **, char (*)[32], const void *),
		   const void *ctx)
{
	char align[8] = "lrrrrrr";
	align[ncol] = '\0';
	txt_report *r = txt_report_new(w, o->sh.format, head, ncol, align);
	if (!r)
		txt_die_err();
	for (size_t i = 0; i < n; i++) {
		const char *cells[7];
		char buf[7][32];
		fill(i, cells, buf, ctx);
		if (txt_report_row(r, cells) < 0)
			txt_die_err();
	}
	txt_report_free(r);
	if (txt_writer_close(w) < 0)
		txt_die_err();
}

typedef struct ws_ctx {
	const txt_dtm *m;
	const double *v[4];
	const opts *o;
} ws_ctx;

static void ws_row(size_t i, const char **cells, char (*buf)[32], const void *p)
{
	const ws_ctx *c = p;
	cells[0] = c->m->name[i];
	for (int k = 0; k < 4; k++)
		cells[k + 1] = num(buf[k], c->v[k][i], c->o);
}

static void wordscores(const txt_dtm *m, const opts *o, const char *path)
{
	txt_writer *w = open_out(o->sh.output, o);
	double *ref = txt_scale_refs(m, o->refs, o->refcol);
	if (!ref)
		txt_die_err();
	size_t n = m->nparts ? m->nparts : 1;
	double *raw = txt_xmalloc(4 * n * sizeof *raw);
	if (txt_scale_wordscores(m, ref, o->lbg_all, raw, raw + n, raw + 2 * n, raw + 3 * n) < 0)
		txt_die("%s: %s", path, txt_err());
	static const char *const head[] = {"group", "theta", "se", "theta_lbg", "theta_mv"};
	ws_ctx c = {m, {raw, raw + n, raw + 2 * n, raw + 3 * n}, o};
	report(w, o, head, 5, m->nparts, ws_row, &c);
	free(raw);
	free(ref);
}

typedef struct wf_ctx {
	const txt_dtm *m;
	const txt_wf *w;
	const opts *o;
} wf_ctx;

static void wf_row(size_t i, const char **cells, char (*buf)[32], const void *p)
{
	const wf_ctx *c = p;
	cells[0] = c->m->name[i];
	cells[1] = num(buf[0], c->w->theta[i], c->o);
	cells[2] = num(buf[1], c->w->se[i], c->o);
	cells[3] = num(buf[2], c->w->alpha[i], c->o);
}

static void word_row(size_t j, const char **cells, char (*buf)[32], const void *p)
{
	const wf_ctx *c = p;
	cells[0] = txt_map_key(c->m->terms, (uint32_t)j, NULL);
	cells[1] = num(buf[0], c->w->psi[j], c->o);
	cells[2] = num(buf[1], c->w->beta[j], c->o);
}

static size_t part(const txt_dtm *m, const char *name, size_t n)
{
	for (size_t p = 0; p < m->nparts; p++)
		if (strlen(m->name[p]) == n && memcmp(m->name[p], name, n) == 0)
			return p;
	txt_usage("--dir: no group '%.*s' in the counts", (int)n, name);
}

static void wordfish(const txt_dtm *m, const opts *o, const char *path)
{
	txt_writer *out = open_out(o->sh.output, o), *words = o->words ? open_out(o->words, o) : NULL;
	txt_wf_opts wo = {o->beta_sd, o->tol, (int)o->max_iter, 0, 1};
	if (o->dir) {
		const char *comma = strchr(o->dir, ',');
		if (!comma)
			txt_usage("--dir: '%s' is not A,B (two group names)", o->dir);
		wo.dir_a = part(m, o->dir, (size_t)(comma - o->dir));
		wo.dir_b = part(m, comma + 1, strlen(comma + 1));
	}
	txt_wf *w = txt_scale_wordfish(m, &wo);
	if (!w)
		txt_die("%s: %s", path, txt_err());
	wf_ctx c = {m, w, o};
	static const char *const head[] = {"group", "theta", "se", "alpha"};
	report(out, o, head, 4, m->nparts, wf_row, &c);
	static const char *const whead[] = {"term", "psi", "beta"};
	if (words)
		report(words, o, whead, 3, m->nterms, word_row, &c);
	if (o->verbose || (!w->converged && !o->sh.quiet))
		txt_warn("wordfish: %s after %d iterations; log-likelihood %.17g; log posterior %.17g",
			 w->converged ? "converged" : "not converged", w->iter, w->loglik, w->logpost);
	txt_wf_free(w);
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-scale");
	opts o = {.beta_sd = 3, .tol = 1e-10, .max_iter = 500, .sh = {.output = "-"}};
	const txt_cli_spec spec = {HELP, TXT_CLI_REPORT, "b:v", LONG, option, &o, 0, VAL};
	int arg = txt_cli_parse(&spec, argc, argv, &o.sh);
	if (arg == argc)
		txt_usage("no method: wordscores or wordfish");
	const char *method = argv[arg++];
	int ws = strcmp(method, "wordscores") == 0;
	if (!ws && strcmp(method, "wordfish") != 0)
		txt_usage("'%s' is not wordscores or wordfish", method);
	if (argc - arg > 1)
		txt_usage("one counts file at a time (merge shards with slant-merge)");
	if (ws ? o.wf_only : o.ws_only)
		txt_usage("an option of %s given to %s", ws ? "wordfish" : "wordscores", method);
	if (ws && (!o.refcol || !o.refs))
		txt_usage("wordscores needs --ref-col COL and --refs FILE");
	const char *path = arg < argc ? argv[arg] : "-";
	txt_dtm *m = txt_dtm_read(path);
	if (!m)
		txt_die_err();
	if (o.by && strcmp(m->by, o.by) != 0)
		txt_die("%s: counted %s%s, not by '%s' (see slant-count --by)", path,
			*m->by ? "by " : "as one group", m->by, o.by);
	if (ws)
		wordscores(m, &o, path);
	else
		wordfish(m, &o, path);
	txt_dtm_free(m);
	return 0;
}
