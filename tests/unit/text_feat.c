/* Unit tests for text_feat: n-gram vocabularies, weights, idf, L2, min-df,
 * NB ratios, transform of new text, loading. */
#include <stdint.h>

#include "harness.h"
#include "text_err.h"
#include "text_feat.h"

static txt_tok *tok_new(void)
{
	txt_tok_opts o = {0};
	return txt_tok_new(&o);
}

static txt_feat_opts words(int lo, int hi)
{
	txt_feat_opts o;
	txt_feat_opts_default(&o);
	o.word_lo = lo;
	o.word_hi = hi;
	o.char_lo = o.char_hi = 0;
	return o;
}

static txt_feat_opts chars(int lo, int hi)
{
	txt_feat_opts o = words(0, 0);
	o.char_lo = lo;
	o.char_hi = hi;
	return o;
}

static const char *term(const txt_feat *f, uint32_t id)
{
	static char buf[256];
	size_t n;
	const char *t = txt_feat_term(f, id, &n);
	memcpy(buf, t, n);
	buf[n] = 0;
	return buf;
}

static txt_feat *fit_all(const txt_feat_opts *o, txt_feat_corpus *c, const int *y, int ncls)
{
	size_t n = txt_feat_corpus_size(c), rows[16];
	for (size_t i = 0; i < n; i++)
		rows[i] = i;
	return txt_feat_fit(o, c, rows, n, y, ncls);
}

TEST(word_ngrams_sorted_and_not_across_breaks)
{
	txt_feat_opts o = words(1, 2);
	o.weight = TXT_FEAT_TF;
	o.idf = 0;
	o.l2 = 0;
	txt_tok *t = tok_new();
	txt_feat_corpus *c = txt_feat_corpus_new(&o, t);
	txt_feat_corpus_add(c, "b a\nc", 5);
	txt_feat_corpus_add(c, "a a", 3);
	txt_feat *f = fit_all(&o, c, NULL, 0);
	CHECK(f != NULL);
	/* w:a, w:a a, w:b, w:b a, w:c; no "w:a c" across the line break */
	CHECK(txt_feat_size(f) == 5);
	CHECK_STR(term(f, 1), "w:a");
	CHECK_STR(term(f, 2), "w:a a");
	CHECK_STR(term(f, 3), "w:b");
	CHECK_STR(term(f, 4), "w:b a");
	CHECK_STR(term(f, 5), "w:c");
	size_t rows[2] = {0, 1};
	txt_fmat *m = txt_feat_rows(f, c, rows, 2);
	/* row 1 "a a": w:a tf 2, w:a a tf 1 */
	CHECK(m->off[1] == 4 && m->off[2] == 6);
	CHECK(m->idx[4] == 1 && m->val[4] == 2.0);
	CHECK(m->idx[5] == 2 && m->val[5] == 1.0);
	for (size_t k = 1; k < m->off[1]; k++)
		CHECK(m->idx[k - 1] < m->idx[k]);
	txt_fmat_free(m);
	txt_feat_free(f);
	txt_feat_corpus_free(c);
	txt_tok_free(t);
}

TEST(idf_logtf_and_l2)
{
	txt_feat_opts o = words(1, 1);
	txt_tok *t = tok_new();
	txt_feat_corpus *c = txt_feat_corpus_new(&o, t);
	txt_feat_corpus_add(c, "x x y", 5);
	txt_feat_corpus_add(c, "x", 1);
	txt_feat *f = fit_all(&o, c, NULL, 0);
	CHECK(txt_feat_size(f) == 2);
	/* smoothed idf ln((1+N)/(1+df)) + 1 with N = 2 */
	CHECK_NEAR(txt_feat_idf(f, 1), 1.0, 1e-12);
	CHECK_NEAR(txt_feat_idf(f, 2), log(3.0 / 2.0) + 1, 1e-12);
	size_t r0 = 0;
	txt_fmat *m = txt_feat_rows(f, c, &r0, 1);
	double x = (1 + log(2.0)) * 1.0, y = 1.0 * (log(1.5) + 1);
	double nrm = sqrt(x * x + y * y);
	CHECK(m->off[1] == 2);
	CHECK_NEAR(m->val[0], x / nrm, 1e-12);
	CHECK_NEAR(m->val[1], y / nrm, 1e-12);
	txt_fmat_free(m);
	txt_feat_free(f);
	txt_feat_corpus_free(c);
	txt_tok_free(t);
}

TEST(char_ngrams_fold_and_collapse_space)
{
	txt_feat_opts o = chars(2, 2);
	txt_tok *t = tok_new();
	txt_feat_corpus *c = txt_feat_corpus_new(&o, t);
	txt_feat_corpus_add(c, " AB \t c ", 8);
	txt_feat *f = fit_all(&o, c, NULL, 0);
	CHECK(f && txt_feat_size(f) == 3);
	CHECK_STR(term(f, 1), "c: c");
	CHECK_STR(term(f, 2), "c:ab");
	CHECK_STR(term(f, 3), "c:b ");
	txt_feat_free(f);
	txt_feat_corpus_free(c);
	txt_tok_free(t);
}

TEST(char_ngrams_count_code_points)
{
	txt_feat_opts o = chars(2, 2);
	txt_tok *t = tok_new();
	txt_feat_corpus *c = txt_feat_corpus_new(&o, t);
	txt_feat_corpus_add(c, "\xC3\x89t\xC3\xA9", 5); /* "Été" */
	txt_feat *f = fit_all(&o, c, NULL, 0);
	CHECK(f && txt_feat_size(f) == 2);
	CHECK_STR(term(f, 1), "c:t\xC3\xA9");
	CHECK_STR(term(f, 2), "c:\xC3\xA9t");
	txt_feat_free(f);
	txt_feat_corpus_free(c);
	txt_tok_free(t);
}

TEST(min_df_and_training_rows_only)
{
	txt_feat_opts o = words(1, 1);
	o.min_df = 2;
	txt_tok *t = tok_new();
	txt_feat_corpus *c = txt_feat_corpus_new(&o, t);
	txt_feat_corpus_add(c, "p q", 3);
	txt_feat_corpus_add(c, "p r", 3);
	txt_feat_corpus_add(c, "q r s", 5); /* not a training row */
	size_t tr[2] = {0, 1};
	txt_feat *f = txt_feat_fit(&o, c, tr, 2, NULL, 0);
	CHECK(f && txt_feat_size(f) == 1);
	CHECK_STR(term(f, 1), "w:p");
	size_t te = 2;
	txt_fmat *m = txt_feat_rows(f, c, &te, 1);
	CHECK(m->off[1] == 0); /* nothing of the test row is in the space */
	txt_fmat_free(m);
	txt_feat_free(f);
	o.min_df = 3;
	CHECK(txt_feat_fit(&o, c, tr, 2, NULL, 0) == NULL);
	CHECK(strstr(txt_err(), "no features") != NULL);
	txt_feat_corpus_free(c);
	txt_tok_free(t);
}

TEST(nb_ratio_by_hand)
{
	txt_feat_opts o = words(1, 1);
	o.nb = 1;
	o.nb_alpha = 1;
	txt_tok *t = tok_new();
	txt_feat_corpus *c = txt_feat_corpus_new(&o, t);
	txt_feat_corpus_add(c, "x", 1);
	txt_feat_corpus_add(c, "y", 1);
	int y[2] = {1, 0};
	txt_feat *f = fit_all(&o, c, y, 2);
	/* p = (2, 1), q = (1, 2): r = ln((2/3)/(1/3)) = ln 2 and -ln 2 */
	CHECK(f != NULL);
	CHECK_NEAR(txt_feat_ratio(f, 1), log(2.0), 1e-12);
	CHECK_NEAR(txt_feat_ratio(f, 2), -log(2.0), 1e-12);
	txt_feat_free(f);
	CHECK(fit_all(&o, c, y, 3) == NULL);
	txt_feat_corpus_free(c);
	txt_tok_free(t);
}

TEST(text_matches_rows_and_load)
{
	txt_feat_opts o;
	txt_feat_opts_default(&o);
	txt_tok *t = tok_new();
	txt_feat_corpus *c = txt_feat_corpus_new(&o, t);
	const char *d[3] = {"the film was good", "the plot was bad", "a good plot"};
	for (int i = 0; i < 3; i++)
		txt_feat_corpus_add(c, d[i], strlen(d[i]));
	txt_feat *f = fit_all(&o, c, NULL, 0);
	size_t r = 2;
	txt_fmat *a = txt_feat_rows(f, c, &r, 1);
	txt_fmat *b = txt_feat_text(f, t, d[2], strlen(d[2]));
	CHECK(a->off[1] == b->off[1]);
	for (size_t k = 0; k < a->off[1] && k < b->off[1]; k++) {
		CHECK(a->idx[k] == b->idx[k]);
		CHECK_NEAR(a->val[k], b->val[k], 1e-15);
	}
	/* rebuild from stored terms */
	size_t v = txt_feat_size(f);
	char **terms = calloc(v, sizeof *terms);
	size_t *lens = calloc(v, sizeof *lens);
	double *idf = calloc(v, sizeof *idf);
	for (uint32_t id = 1; id <= v; id++) {
		terms[id - 1] = (char *)txt_feat_term(f, id, &lens[id - 1]);
		idf[id - 1] = txt_feat_idf(f, id);
	}
	txt_feat *g = txt_feat_load(&o, v, terms, lens, idf, NULL);
	CHECK(g != NULL);
	txt_fmat *e = txt_feat_text(g, t, d[2], strlen(d[2]));
	CHECK(e->off[1] == b->off[1]);
	for (size_t k = 0; k < e->off[1] && k < b->off[1]; k++)
		CHECK(e->idx[k] == b->idx[k] && e->val[k] == b->val[k]);
	/* out of order is refused */
	char *tmp = terms[0];
	terms[0] = terms[1];
	terms[1] = tmp;
	size_t tl = lens[0];
	lens[0] = lens[1];
	lens[1] = tl;
	CHECK(txt_feat_load(&o, v, terms, lens, idf, NULL) == NULL);
	txt_fmat_free(e);
	txt_feat_free(g);
	free(terms);
	free(lens);
	free(idf);
	txt_fmat_free(a);
	txt_fmat_free(b);
	txt_feat_free(f);
	txt_feat_corpus_free(c);
	txt_tok_free(t);
}

TEST(weight_names)
{
	txt_feat_weight w;
	CHECK(txt_feat_weight_parse("binary", &w) == 0 && w == TXT_FEAT_BINARY);
	CHECK(txt_feat_weight_parse("log-tf", &w) == 0 && w == TXT_FEAT_LOGTF);
	CHECK(txt_feat_weight_parse("tfidf", &w) == -1);
	CHECK_STR(txt_feat_weight_name(TXT_FEAT_TF), "tf");
}

RUN_TESTS(T(word_ngrams_sorted_and_not_across_breaks), T(idf_logtf_and_l2),
	  T(char_ngrams_fold_and_collapse_space), T(char_ngrams_count_code_points),
	  T(min_df_and_training_rows_only), T(nb_ratio_by_hand), T(text_matches_rows_and_load),
	  T(weight_names))
