/* slant-keyness: which terms distinguish a group from the rest (or from a
 * reference group or file)?  counts -> report table.  See slant-keyness(1). */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_io.h"
#include "text_report.h"
#include "text_keyness.h"
#include "text_stats.h"

static const char usage_text[] =
	"Usage: slant-keyness [OPTION]... [COUNTS]\n"
	"Score how distinctive each term is for a group of a counts file: each\n"
	"group against the rest, or --target G against --reference G2 or a\n"
	"reference counts file.  COUNTS '-' or none: standard input.\n"
	"\n"
	"  -t, --target=G         only this group as the target\n"
	"  -r, --reference=G      compare with this group instead of the rest\n"
	"  -R, --ref-file=COUNTS  compare with all of this counts file\n"
	"  -m, --measure=M        chi2 (default), g2, lr (log ratio), pdiff, pmi,\n"
	"                         logodds (weighted log-odds z)\n"
	"  -c, --correction=C     chi2: yates (default) or none; g2: williams or\n"
	"                         none (default); with --compat quanteda:\n"
	"                         default, yates, williams, none\n"
	"      --prior=P          logodds prior: pooled (default), uninformative\n"
	"                         (alpha = 1), or a counts FILE\n"
	"      --alpha0=A         scale an informative prior to total A\n"
	"      --variance=V       logodds: monroe (default; Monroe et al. eq. 20)\n"
	"                         or woolf (all four cells)\n"
	"      --ci[=LEVEL]       log ratio's confidence interval (default 0.95)\n"
	"      --fisher           p from Fisher's exact test\n"
	"  -a, --adjust=A         none (default), bonferroni, bh\n"
	"      --min-count=N      only terms with target + reference count >= N\n"
	"  -n, --top=N            the N highest-scoring terms per group (0: all)\n"
	"      --both             with -n, also the N lowest-scoring terms\n"
	"      --all              every measure as a column\n"
	"      --digits=N         significant digits (default 6)\n"
	"      --compat=C         quanteda: reproduce quanteda.textstats\n"
	"                         textstat_keyness; tidylo: tidylo's bind_log_odds\n"
	"                         (each group against all groups)\n";

typedef struct opts {
	txt_kn_opts k;
	const char *target, *reference, *ref_file, *corr;
	int both, digits;
	long top;
	txt_cli_shared sh;
} opts;

/* ---- output ---- */

static txt_report *write_header(const opts *o, txt_writer *tw)
{
	const char *cols[20];
	size_t n = 0;
	const txt_kn_opts *k = &o->k;
	cols[n++] = "group";
	if (k->compat == TXT_KN_TIDYLO) {
		const char *c[] = {"term", "n", "log_odds_weighted", "log_odds"};
		for (size_t i = 0; i < 4; i++)
			cols[n++] = c[i];
	} else if (k->compat) {
		const char *c[] = {"feature", k->measure == TXT_KN_G2 ? "G2" : txt_kn_cols[k->measure],
				   "p", "n_target", "n_reference"};
		for (size_t i = 0; i < 5; i++)
			cols[n++] = c[i];
	} else {
		const char *base[] = {"term", "n_target", "n_reference", "pm_target", "pm_reference"};
		for (size_t i = 0; i < 5; i++)
			cols[n++] = base[i];
		for (size_t i = 0; k->all && i < TXT_KN_NM; i++)
			cols[n++] = txt_kn_cols[i];
		cols[n++] = k->all ? "logodds_delta" : txt_kn_cols[k->measure];
		if (k->ci > 0) {
			cols[n++] = "log_ratio_lo";
			cols[n++] = "log_ratio_hi";
		}
		cols[n++] = "p";
		if (k->adjust)
			cols[n++] = "p_adj";
	}
	txt_report *rep = txt_report_new(tw, o->sh.format, cols, n, "llrrrrrrrrrrrrrrrrrr");
	if (!rep)
		txt_die_err();
	return rep;
}

/* Rates for people: two decimals, unless --digits asks for more. */
static const char *per_million(char *buf, double x, double total, int digits)
{
	if (total <= 0)
		return "NA";
	if (digits)
		return txt_report_num(buf, 1e6 * x / total, digits);
	snprintf(buf, 32, "%.2f", 1e6 * x / total);
	return buf;
}

static void write_row(const opts *o, txt_report *rep, txt_writer *tw, const char *gname,
		      const char *term, const txt_kn_result *r, double nt, double nr)
{
	char buf[16][32];
	const char *cells[20];
	size_t n = 0, k = 0;
	int dg = o->digits;
	cells[n++] = gname;
	cells[n++] = term;
	if (o->k.compat == TXT_KN_TIDYLO) {
		cells[n++] = txt_report_num(buf[k++], r->a, 17);
		cells[n++] = txt_report_num(buf[k++], r->score, dg);
		cells[n++] = txt_report_num(buf[k++], r->delta, dg);
	} else if (o->k.compat) {
		cells[n++] = txt_report_num(buf[k++], r->score, dg);
		cells[n++] = txt_report_num(buf[k++], r->p, dg);
		cells[n++] = txt_report_num(buf[k++], r->a, 17);
		cells[n++] = txt_report_num(buf[k++], r->b, 17);
	} else {
		cells[n++] = txt_report_num(buf[k++], r->a, 17);
		cells[n++] = txt_report_num(buf[k++], r->b, 17);
		cells[n++] = per_million(buf[k++], r->a, nt, o->sh.digits);
		cells[n++] = per_million(buf[k++], r->b, nr, o->sh.digits);
		for (size_t i = 0; o->k.all && i < TXT_KN_NM; i++)
			cells[n++] = txt_report_num(buf[k++], r->m[i], dg);
		cells[n++] = txt_report_num(buf[k++], o->k.all ? r->delta : r->score, dg);
		if (o->k.ci > 0) {
			cells[n++] = txt_report_num(buf[k++], r->lo, dg);
			cells[n++] = txt_report_num(buf[k++], r->hi, dg);
		}
		cells[n++] = txt_report_num(buf[k++], r->p, dg);
		if (o->k.adjust)
			cells[n++] = txt_report_num(buf[k++], r->padj, dg);
	}
	if (txt_report_row(rep, cells) < 0)
		txt_die("%s: %s", txt_writer_name(tw), txt_err());
}

/* A comparison's rows, sorted: the top N (and with --both the bottom N). */
static void write_sorted(const opts *o, const txt_kn_corpus *cp, const char *gname,
			 const txt_kn_result *res, size_t nres, double nt, double nr,
			 txt_report *rep, txt_writer *tw)
{
	size_t lim = o->top > 0 && (size_t)o->top < nres ? (size_t)o->top : nres;
	size_t from = o->both && nres - lim > lim ? nres - lim : lim;
	for (size_t i = 0; i < lim; i++)
		write_row(o, rep, tw, gname, cp->vocab[res[i].id], &res[i], nt, nr);
	for (size_t i = from; o->both && i < nres; i++) /* the other end, in order */
		write_row(o, rep, tw, gname, cp->vocab[res[i].id], &res[i], nt, nr);
}

/* --compat tidylo: every group's rows against all groups, each group's
 * rows as one comparison. */
static void run_tidylo(const opts *o, const txt_kn_corpus *cp, int uninformative,
		       txt_report *rep, txt_writer *tw)
{
	size_t *first;
	txt_kn_result *res = txt_kn_tidylo(cp, uninformative, &first);
	for (size_t g = 0; g < cp->ngroups[TXT_KN_MAIN]; g++)
		if (!o->target || strcmp(cp->g[g].name, o->target) == 0)
			write_sorted(o, cp, cp->g[g].name, res + first[g], first[g + 1] - first[g],
				     0, 0, rep, tw);
	free(res);
	free(first);
}

/* ---- options ---- */

static int pick(const char *opt, const char *s, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	txt_usage("%s: unknown value '%s'", opt, s);
}

static const struct option LONG[] = {
	{"target", required_argument, 0, 't'}, {"reference", required_argument, 0, 'r'},
	{"ref-file", required_argument, 0, 'R'}, {"measure", required_argument, 0, 'm'},
	{"correction", required_argument, 0, 'c'}, {"prior", required_argument, 0, 'P'},
	{"fisher", no_argument, 0, 'E'}, {"alpha0", required_argument, 0, 'L'},
	{"adjust", required_argument, 0, 'a'}, {"min-count", required_argument, 0, 'M'},
	{"top", required_argument, 0, 'n'}, {"all", no_argument, 0, 'A'},
	{"both", no_argument, 0, 'H'}, {"compat", required_argument, 0, 'C'},
	{"variance", required_argument, 0, 'W'}, {"ci", optional_argument, 0, 'I'}, {0, 0, 0, 0}};

static void option(void *ctx, int c, const char *arg)
{
	static const char *const adj[] = {"none", "bonferroni", "bh"};
	static const char *const var[] = {"monroe", "woolf"};
	static const char *const compat[] = {"none", "quanteda", "tidylo"};
	txt_kn_opts *k = &((opts *)ctx)->k;
	switch (c) {
	case 'm':
		k->measure = strcmp(arg, "log-ratio") == 0 ? TXT_KN_LR
			     : pick("--measure", arg, txt_kn_measures, TXT_KN_NM);
		k->measure_set = 1;
		break;
	case 'W': k->variance = pick("--variance", arg, var, 2); break;
	case 'I': k->ci = arg ? txt_cli_double("--ci", arg, 1e-6, 1 - 1e-12) : 0.95; break;
	case 'a': k->adjust = pick("--adjust", arg, adj, 3); break;
	case 'C': k->compat = pick("--compat", arg, compat, 3); break;
	}
}

static const txt_cli_val VAL[] = {
	TXT_VAL_STR('t', opts, target), TXT_VAL_STR('r', opts, reference),
	TXT_VAL_STR('R', opts, ref_file), TXT_VAL_STR('c', opts, corr), TXT_VAL_STR('P', opts, k.prior),
	TXT_VAL_SET('E', opts, k.fisher, 1), TXT_VAL_DOUBLE('L', opts, k.alpha0, 1e-9, 1e300),
	TXT_VAL_LONG('M', opts, k.min_count, 0, LONG_MAX), TXT_VAL_LONG('n', opts, top, 0, LONG_MAX),
	TXT_VAL_SET('A', opts, k.all, 1), TXT_VAL_SET('H', opts, both, 1), {0}};

static void parse_opts(int argc, char **argv, opts *o, int *first)
{
	const txt_cli_spec spec = {usage_text, TXT_CLI_REPORT, "t:r:R:m:c:a:n:", LONG, option, o, 0, VAL};
	*first = txt_cli_parse(&spec, argc, argv, &o->sh);
	o->digits = o->sh.digits ? o->sh.digits : 6;
	o->k.has_reference = o->reference != NULL;
	o->k.has_ref_file = o->ref_file != NULL;
	if (o->reference && !o->target && !o->ref_file)
		txt_usage("--reference needs --target");
	if (txt_kn_check(&o->k, o->corr) < 0)
		txt_usage("%s", txt_err());
	if (argc - *first > 1)
		txt_usage("one COUNTS file at most");
}

static void run_all(const opts *o, txt_kn_corpus *cp, const txt_kn_prior *pr, txt_writer *tw)
{
	size_t nv = cp->nv ? cp->nv : 1, nres;
	double *A = txt_xcalloc(nv, sizeof *A), *B = txt_xcalloc(nv, sizeof *B);
	double *T = txt_xcalloc(nv, sizeof *T), *R = NULL;
	double tot = txt_kn_add_source(cp, TXT_KN_MAIN, T), rtot = 0;
	if (o->ref_file) {
		R = txt_xcalloc(nv, sizeof *R);
		rtot = txt_kn_add_source(cp, TXT_KN_REF, R);
	}
	txt_report *rep = write_header(o, tw);
	if (o->k.compat == TXT_KN_TIDYLO)
		run_tidylo(o, cp, pr->kind == TXT_KN_UNINFORMATIVE, rep, tw);
	for (size_t gi = 0; o->k.compat != TXT_KN_TIDYLO && gi < cp->ngroups[TXT_KN_MAIN]; gi++) {
		const char *gname = cp->g[gi].name;
		if (o->target && strcmp(gname, o->target) != 0)
			continue;
		memset(A, 0, nv * sizeof *A);
		memset(B, 0, nv * sizeof *B);
		double nt = txt_kn_add_group(cp, gi, A), nr;
		if (o->ref_file) {
			memcpy(B, R, nv * sizeof *B);
			nr = rtot;
		} else if (o->reference) {
			nr = txt_kn_add_group(cp, (size_t)txt_kn_find(cp, TXT_KN_MAIN, o->reference), B);
		} else {
			for (size_t i = 0; i < cp->nv; i++)
				B[i] = T[i] - A[i];
			nr = tot - nt;
		}
		txt_kn_result *res = txt_kn_compare(&o->k, cp, pr, A, nt, B, nr, &nres);
		write_sorted(o, cp, gname, res, nres, nt, nr, rep, tw);
		free(res);
	}
	txt_report_free(rep);
	free(A), free(B), free(T), free(R);
}

static void read_counts(txt_kn_corpus *cp, const char *path, int src)
{
	if (txt_kn_read(cp, path, src) < 0)
		txt_die_err();
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-keyness");
	opts o = {.k.min_count = 1, .sh.output = "-"};
	int first;
	parse_opts(argc, argv, &o, &first);
	const char *in = first < argc ? argv[first] : "-";

	txt_kn_corpus cp = {0};
	read_counts(&cp, in, TXT_KN_MAIN);
	if (o.ref_file)
		read_counts(&cp, o.ref_file, TXT_KN_REF);
	txt_kn_prior pr = {NULL, 0, 0, TXT_KN_POOLED};
	double *pw = NULL;
	if (o.k.prior && strcmp(o.k.prior, "uninformative") == 0)
		pr.kind = TXT_KN_UNINFORMATIVE;
	else if (o.k.prior && strcmp(o.k.prior, "pooled") != 0)
		pr.kind = TXT_KN_FILE, read_counts(&cp, o.k.prior, TXT_KN_PRIOR);
	txt_kn_vocab(&cp);
	if (pr.kind == TXT_KN_FILE) {
		pw = txt_xcalloc(cp.nv ? cp.nv : 1, sizeof *pw);
		pr.total = txt_kn_add_source(&cp, TXT_KN_PRIOR, pw);
		pr.w = pw, pr.nv = (double)cp.nv;
	}

	if (o.target && txt_kn_find(&cp, TXT_KN_MAIN, o.target) < 0)
		txt_die("%s: no group '%s'", in, o.target);
	if (o.reference && txt_kn_find(&cp, TXT_KN_MAIN, o.reference) < 0)
		txt_die("%s: no group '%s'", in, o.reference);
	if (!o.ref_file && !o.reference && cp.ngroups[TXT_KN_MAIN] < 2)
		txt_die("%s: one group only: give --ref-file to compare it with", in);

	txt_writer *tw = txt_writer_open(o.sh.output, o.sh.wflags);
	if (!tw)
		txt_die_err();
	run_all(&o, &cp, &pr, tw);
	if (txt_writer_close(tw) < 0)
		txt_die_err();
	free(pw);
	txt_kn_free(&cp);
	return 0;
}
