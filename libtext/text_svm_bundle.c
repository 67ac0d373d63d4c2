/* text_svm: the model bundle file (format in text_svm.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "text_cli.h"
#include "text_err.h"
#include "text_io.h"
#include "text_svm.h"
#include "text_tsv.h"

#define MAGIC "slant-stance-model"

/* ---- writing into a txt_buf ---- */

/* A field with the TSV escapes (\\ \t \n \r). */
static void b_field(txt_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		const char *e = c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : NULL;
		if (e)
			txt_buf_add(b, e, 2);
		else
			txt_buf_add(b, &c, 1);
	}
}

static void b_opt(txt_buf *b, const char *key, const char *val)
{
	txt_buf_printf(b, "option\t%s\t", key);
	b_field(b, val ? val : "", val ? strlen(val) : 0);
	txt_buf_add(b, "\n", 1);
}

static void write_options(txt_buf *b, const txt_svm_bundle *m)
{
	char v[128];
	const txt_feat_opts *f = &m->fo;
	snprintf(v, sizeof v, "%d-%d", f->word_lo, f->word_hi);
	b_opt(b, "word-ngrams", v);
	snprintf(v, sizeof v, "%d-%d", f->char_lo, f->char_hi);
	b_opt(b, "char-ngrams", v);
	b_opt(b, "weight", txt_feat_weight_name(f->weight));
	b_opt(b, "idf", f->idf ? "1" : "0");
	b_opt(b, "l2", f->l2 ? "1" : "0");
	snprintf(v, sizeof v, "%ld", f->min_df);
	b_opt(b, "min-df", v);
	b_opt(b, "nb", f->nb ? "1" : "0");
	snprintf(v, sizeof v, "%.17g", f->nb_alpha);
	b_opt(b, "nb-alpha", v);
	const txt_svm_opts *s = &m->so;
	b_opt(b, "solver", txt_svm_solver_name(txt_svm_solver_for(s)));
	b_opt(b, "kernel", txt_svm_kernel_name(s->kernel));
	b_opt(b, "probability", s->probability ? "1" : "0");
	b_opt(b, "balanced", s->balanced ? "1" : "0");
	snprintf(v, sizeof v, "%lu", s->seed);
	b_opt(b, "seed", v);
	b_opt(b, "tokenizer", m->tok);
	b_opt(b, "text-col", m->text_col);
	b_opt(b, "label-col", m->label_col);
	b_opt(b, "group-col", m->group_col);
}

static int write_group(txt_buf *b, const txt_svm_group *g)
{
	txt_buf_add(b, "group\t", 6);
	b_field(b, g->name, strlen(g->name));
	txt_buf_printf(b, "\t%d\t%.17g\t%.17g\n", g->ncls, g->c, g->gamma);
	for (int i = 0; i < g->ncls; i++) {
		txt_buf_add(b, "label\t", 6);
		b_field(b, g->labels[i], strlen(g->labels[i]));
		txt_buf_add(b, "\n", 1);
	}
	size_t v = txt_feat_size(g->feat);
	txt_buf_printf(b, "vocab\t%zu\t%d\n", v, txt_feat_options(g->feat)->nb);
	for (uint32_t id = 1; id <= v; id++) {
		size_t len;
		const char *t = txt_feat_term(g->feat, id, &len);
		b_field(b, t, len);
		txt_buf_printf(b, "\t%.17g\t%.17g\n", txt_feat_idf(g->feat, id), txt_feat_ratio(g->feat, id));
	}
	char *mtext;
	size_t mlen;
	if (txt_svm_dump(g->svm, &mtext, &mlen) < 0)
		return -1;
	txt_buf_printf(b, "model\t%s\t%zu\n", txt_svm_solver_name(txt_svm_solver_of(g->svm)), mlen);
	txt_buf_add(b, mtext, mlen);
	txt_buf_add(b, "\n", 1);
	free(mtext);
	return 0;
}

int txt_svm_bundle_write(const txt_svm_bundle *m, const char *path, int flags)
{
	txt_buf b = {0};
	txt_buf_printf(&b, "%s\t%d\n", MAGIC, TXT_SVM_BUNDLE_VERSION);
	write_options(&b, m);
	txt_buf_printf(&b, "groups\t%zu\n", m->ngroups);
	for (size_t i = 0; i < m->ngroups; i++)
		if (write_group(&b, &m->g[i]) < 0) {
			free(b.s);
			return -1;
		}
	unsigned long crc = crc32(0L, (const Bytef *)b.s, (uInt)b.n);
	txt_buf_printf(&b, "end\t%zu\t%08lx\n", b.n, crc);
	txt_writer *w = txt_writer_open(path, flags);
	if (!w) {
		free(b.s);
		return -1;
	}
	txt_writer_write(w, b.s, b.n);
	free(b.s);
	return txt_writer_close(w);
}

/* ---- reading ---- */

typedef struct cur {
	const char *name;
	char *s;
	size_t n, at;
	size_t line;
} cur;

static int bad(cur *c, const char *what)
{
	return txt_err_set("%s: not a valid model file (%s near line %zu)", c->name, what, c->line);
}

/* Next line as tab-split, unescaped fields (in place). */
static int next_line(cur *c, txt_row *row)
{
	if (c->at >= c->n)
		return 0;
	char *s = c->s + c->at;
	char *e = memchr(s, '\n', c->n - c->at);
	if (!e)
		return 0;
	*e = 0;
	c->at = (size_t)(e - c->s) + 1;
	c->line++;
	txt_tsv_split(s, (size_t)(e - s), row);
	for (size_t i = 0; i < row->n; i++) {
		row->f[i].len = txt_tsv_unescape(row->f[i].s, row->f[i].len);
		row->f[i].s[row->f[i].len] = 0;
	}
	return 1;
}

static int want(cur *c, txt_row *row, const char *key, size_t nf)
{
	if (!next_line(c, row) || row->n != nf || strcmp(row->f[0].s, key) != 0)
		return bad(c, key);
	return 0;
}

static int num_long(cur *c, const char *s, long lo, long hi, long *out)
{
	if (txt_parse_long("model", s, lo, hi, out) < 0)
		return bad(c, "bad number");
	return 0;
}

static int num_double(cur *c, const char *s, double *out)
{
	char *e;
	*out = strtod(s, &e);
	if (!*s || *e)
		return bad(c, "bad number");
	return 0;
}

/* ---- the option lines: one table says how each is read, and every key in
 * it is required (the reader and predict use them all: a model without one,
 * however made, is refused, never read with a default or a NULL). */

typedef int (*opt_fn)(cur *c, txt_svm_bundle *m, const char *k, const char *v);

static int opt_range(cur *c, txt_svm_bundle *m, const char *k, const char *v)
{
	long lo, hi;
	if (txt_parse_range(k, v, 0, 32, &lo, &hi) < 0)
		return bad(c, k);
	int *dlo = k[0] == 'w' ? &m->fo.word_lo : &m->fo.char_lo;
	int *dhi = k[0] == 'w' ? &m->fo.word_hi : &m->fo.char_hi;
	*dlo = (int)lo;
	*dhi = (int)hi;
	return 0;
}

static int opt_weight(cur *c, txt_svm_bundle *m, const char *k, const char *v)
{
	return txt_feat_weight_parse(v, &m->fo.weight) < 0 ? bad(c, k) : 0;
}

static int opt_flag(cur *c, txt_svm_bundle *m, const char *k, const char *v)
{
	long x;
	if (num_long(c, v, 0, 1, &x) < 0)
		return -1;
	int *dst = !strcmp(k, "idf") ? &m->fo.idf : !strcmp(k, "l2") ? &m->fo.l2
		   : !strcmp(k, "nb") ? &m->fo.nb : !strcmp(k, "probability") ? &m->so.probability
		   : &m->so.balanced;
	*dst = (int)x;
	return 0;
}

static int opt_min_df(cur *c, txt_svm_bundle *m, const char *k, const char *v)
{
	(void)k;
	return num_long(c, v, 1, 1L << 40, &m->fo.min_df);
}

static int opt_nb_alpha(cur *c, txt_svm_bundle *m, const char *k, const char *v)
{
	(void)k;
	return num_double(c, v, &m->fo.nb_alpha);
}

static int opt_solver(cur *c, txt_svm_bundle *m, const char *k, const char *v)
{
	if (strcmp(v, "libsvm") && strcmp(v, "liblinear"))
		return bad(c, k);
	m->so.solver = !strcmp(v, "libsvm") ? TXT_SVM_LIBSVM : TXT_SVM_LIBLINEAR;
	return 0;
}

static int opt_kernel(cur *c, txt_svm_bundle *m, const char *k, const char *v)
{
	if (strcmp(v, "rbf") && strcmp(v, "linear"))
		return bad(c, k);
	m->so.kernel = !strcmp(v, "rbf") ? TXT_SVM_RBF : TXT_SVM_LINEAR;
	return 0;
}

static int opt_seed(cur *c, txt_svm_bundle *m, const char *k, const char *v)
{
	long x;
	(void)k;
	if (num_long(c, v, 0, 0x7fffffffL, &x) < 0)
		return -1;
	m->so.seed = (unsigned long)x;
	return 0;
}

/* A string option; a repeated key replaces the earlier value.  Only the
 * group column may be empty (no groups). */
static int opt_str(cur *c, txt_svm_bundle *m, const char *k, const char *v)
{
	char **dst = !strcmp(k, "tokenizer") ? &m->tok : !strcmp(k, "text-col") ? &m->text_col
		     : !strcmp(k, "label-col") ? &m->label_col : &m->group_col;
	if (!*v && dst != &m->group_col)
		return bad(c, k);
	free(*dst);
	*dst = *v ? txt_xstrdup(v) : NULL;
	return 0;
}

static const struct {
	const char *key;
	opt_fn set;
} options[] = {
	{"word-ngrams", opt_range}, {"char-ngrams", opt_range}, {"weight", opt_weight},
	{"idf", opt_flag},          {"l2", opt_flag},           {"min-df", opt_min_df},
	{"nb", opt_flag},           {"nb-alpha", opt_nb_alpha}, {"solver", opt_solver},
	{"kernel", opt_kernel},     {"probability", opt_flag},  {"balanced", opt_flag},
	{"seed", opt_seed},         {"tokenizer", opt_str},     {"text-col", opt_str},
	{"label-col", opt_str},     {"group-col", opt_str},
};
#define NOPTIONS (sizeof options / sizeof options[0])

/* Unknown keys are ignored: the version number guards the format. */
static int set_option(cur *c, txt_svm_bundle *m, const char *k, const char *v,
		      unsigned char *seen)
{
	for (size_t i = 0; i < NOPTIONS; i++)
		if (!strcmp(k, options[i].key)) {
			seen[i] = 1;
			return options[i].set(c, m, k, v);
		}
	return 0;
}

static int options_complete(cur *c, const unsigned char *seen)
{
	for (size_t i = 0; i < NOPTIONS; i++)
		if (!seen[i])
			return txt_err_set("%s: not a valid model file (no 'option %s' line)",
					   c->name, options[i].key);
	return 0;
}

static int read_vocab(cur *c, txt_row *row, txt_svm_bundle *m, txt_svm_group *g)
{
	long v, nb;
	if (want(c, row, "vocab", 3) < 0 || num_long(c, row->f[1].s, 1, 1L << 31, &v) < 0 ||
	    num_long(c, row->f[2].s, 0, 1, &nb) < 0)
		return -1;
	if ((size_t)v > (c->n - c->at) / 6) /* a term line is at least "w:x\t1\t1\n" */
		return bad(c, "vocabulary size");
	char **terms = txt_xcalloc((size_t)v, sizeof *terms);
	size_t *lens = txt_xcalloc((size_t)v, sizeof *lens);
	double *idf = txt_xcalloc((size_t)v, sizeof *idf);
	double *ratio = txt_xcalloc((size_t)v, sizeof *ratio);
	int rc = 0;
	for (long i = 0; i < v && rc == 0; i++) {
		if (!next_line(c, row) || row->n != 3) {
			rc = bad(c, "vocabulary");
			break;
		}
		terms[i] = row->f[0].s; /* points into the file buffer */
		lens[i] = row->f[0].len;
		if (num_double(c, row->f[1].s, &idf[i]) < 0 || num_double(c, row->f[2].s, &ratio[i]) < 0)
			rc = -1;
	}
	if (rc == 0) {
		g->feat = txt_feat_load(&m->fo, (size_t)v, terms, lens, idf, nb ? ratio : NULL);
		if (!g->feat)
			rc = txt_err_set("%s: %s", c->name, txt_err());
	}
	txt_free_all(terms, lens, idf, ratio);
	return rc;
}

static int read_group(cur *c, txt_row *row, txt_svm_bundle *m, txt_svm_group *g)
{
	long ncls, mlen;
	if (want(c, row, "group", 5) < 0)
		return -1;
	g->name = txt_xstrdup(row->f[1].s);
	if (num_long(c, row->f[2].s, 1, 1 << 20, &ncls) < 0 || num_double(c, row->f[3].s, &g->c) < 0 ||
	    num_double(c, row->f[4].s, &g->gamma) < 0)
		return -1;
	if ((size_t)ncls > (c->n - c->at) / 7)
		return bad(c, "label count");
	g->ncls = (int)ncls;
	g->labels = txt_xcalloc((size_t)ncls, sizeof *g->labels);
	for (long i = 0; i < ncls; i++) {
		if (want(c, row, "label", 2) < 0)
			return -1;
		g->labels[i] = txt_xstrdup(row->f[1].s);
		if (i > 0 && strcmp(g->labels[i - 1], g->labels[i]) >= 0)
			return bad(c, "labels out of order");
	}
	if (read_vocab(c, row, m, g) < 0)
		return -1;
	if (want(c, row, "model", 3) < 0 || num_long(c, row->f[2].s, 1, 1L << 40, &mlen) < 0)
		return -1;
	if (c->at + (size_t)mlen + 1 > c->n || c->s[c->at + (size_t)mlen] != '\n')
		return bad(c, "model size");
	txt_svm_solver s = !strcmp(row->f[1].s, "libsvm") ? TXT_SVM_LIBSVM : TXT_SVM_LIBLINEAR;
	g->svm = txt_svm_undump(s, c->s + c->at, (size_t)mlen, g->ncls);
	if (!g->svm)
		return txt_err_set("%s: %s", c->name, txt_err());
	for (const char *p = c->s + c->at; p < c->s + c->at + mlen; p++)
		if (*p == '\n')
			c->line++;
	c->at += (size_t)mlen + 1;
	return 0;
}

/* Check the magic line, the version and the final "end BYTES CRC" line. */
static int check_frame(cur *c)
{
	size_t ml = strlen(MAGIC);
	if (c->n < ml + 1 || memcmp(c->s, MAGIC "\t", ml + 1) != 0)
		return txt_err_set("%s: not a slant-stance model", c->name);
	long ver = strtol(c->s + ml + 1, NULL, 10);
	if (ver != TXT_SVM_BUNDLE_VERSION)
		return txt_err_set("%s: model format version %ld; this slant-stance reads version %d "
				   "(retrain the model)", c->name, ver, TXT_SVM_BUNDLE_VERSION);
	if (c->n < 2 || c->s[c->n - 1] != '\n')
		return txt_err_set("%s: model file is truncated", c->name);
	size_t e = c->n - 1;
	while (e > 0 && c->s[e - 1] != '\n')
		e--;
	size_t bytes;
	unsigned long crc;
	char tail[64];
	size_t tl = c->n - e < sizeof tail ? c->n - e : sizeof tail - 1;
	memcpy(tail, c->s + e, tl);
	tail[tl] = 0;
	if (sscanf(tail, "end\t%zu\t%lx\n", &bytes, &crc) != 2 || bytes != e)
		return txt_err_set("%s: model file is truncated", c->name);
	if (crc32(0L, (const Bytef *)c->s, (uInt)e) != crc)
		return txt_err_set("%s: model file is corrupt (checksum mismatch)", c->name);
	c->n = e;
	return 0;
}

static txt_svm_bundle *parse(cur *c)
{
	txt_svm_bundle *m = txt_xcalloc(1, sizeof *m);
	txt_feat_opts_default(&m->fo);
	txt_svm_opts_default(&m->so);
	txt_row row = {0};
	long ng;
	unsigned char seen[NOPTIONS] = {0};
	int rc = next_line(c, &row) ? 0 : -1;
	while (rc == 0 && next_line(c, &row) && !strcmp(row.f[0].s, "option")) {
		if (row.n != 3)
			rc = bad(c, "option");
		else
			rc = set_option(c, m, row.f[1].s, row.f[2].s, seen);
	}
	if (rc == 0)
		rc = options_complete(c, seen);
	if (rc == 0 && (row.n != 2 || strcmp(row.f[0].s, "groups") != 0))
		rc = bad(c, "groups");
	if (rc == 0)
		rc = num_long(c, row.f[1].s, 1, 1 << 20, &ng);
	if (rc == 0 && (size_t)ng > (c->n - c->at) / 8)
		rc = bad(c, "group count");
	if (rc == 0) {
		m->g = txt_xcalloc((size_t)ng, sizeof *m->g);
		for (long i = 0; i < ng && rc == 0; i++, m->ngroups++)
			rc = read_group(c, &row, m, &m->g[i]);
	}
	txt_row_free(&row);
	if (rc < 0) {
		txt_svm_bundle_free(m);
		return NULL;
	}
	return m;
}

txt_svm_bundle *txt_svm_bundle_read(const char *path)
{
	cur c = {path, NULL, 0, 0, 0};
	if (txt_read_file(path, &c.s, &c.n) < 0)
		return NULL;
	txt_svm_bundle *m = check_frame(&c) < 0 ? NULL : parse(&c);
	free(c.s);
	return m;
}

void txt_svm_bundle_free(txt_svm_bundle *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ngroups; i++) {
		txt_svm_group *g = &m->g[i];
		free(g->name);
		txt_strs_free(g->labels, (size_t)g->ncls);
		txt_feat_free(g->feat);
		txt_svm_free(g->svm);
	}
	txt_free_all(m->g, m->tok, m->text_col, m->label_col, m->group_col, m);
}
