/* text_colloc: the scores from marginal counts worked by hand; a small
 * corpus counted end to end (candidates, totals, order, boundaries).
 * Threads, --by and a memory bound that spills are checked, on larger
 * corpora and against a Python implementation of the definition, in
 * tests/cli/colloc.sh; the sorted runs themselves in tests/unit/text_keys.c. */
#include <math.h>

#include "harness.h"
#include "text_colloc.h"
#include "text_err.h"

TEST(score_bigram_by_hand)
{
	/* N 10 bigrams; 4 start with x1, 3 end with x2, 2 are x: cells
	 * n11 2, n10 2 (x1 then not x2), n01 1, n00 5 */
	uint64_t m[4] = {10, 4, 3, 2};
	txt_colloc_stat s;
	CHECK(txt_colloc_score(2, m, 0.5, &s) == 0);
	CHECK(s.count == 2);
	CHECK_NEAR(s.lambda, log(2.5) - log(2.5) - log(1.5) + log(5.5), 1e-14);
	CHECK_NEAR(s.se, sqrt(1 / 2.5 + 1 / 2.5 + 1 / 1.5 + 1 / 5.5), 1e-14);
	CHECK_NEAR(s.z, s.lambda / s.se, 1e-14);
	double e11 = 4.0 * 3 / 10;
	CHECK_NEAR(s.pmi, log2(2 / e11), 1e-14);
	CHECK_NEAR(s.t, (2 - e11) / sqrt(2), 1e-14);
	CHECK_NEAR(s.dice, 4.0 / 7, 1e-14);
	/* E: 1.2 2.8 / 1.8 4.2 */
	double g2 = 2 * (2 * log(2 / 1.2) + 2 * log(2 / 2.8) + 1 * log(1 / 1.8) + 5 * log(5 / 4.2));
	CHECK_NEAR(s.g2, g2, 1e-13);
}

TEST(score_trigram_by_hand)
{
	/* K 3, smoothing 0: lambda = sum over the 8 cells of (-1)^(3-b) log n.
	 * Marginals of cells chosen as 1..8 for patterns 0..7. */
	uint64_t cell[8] = {1, 2, 3, 4, 5, 6, 7, 8}, m[8] = {0};
	for (unsigned s = 0; s < 8; s++)
		for (unsigned c = 0; c < 8; c++)
			if ((c & s) == s)
				m[s] += cell[c];
	txt_colloc_stat st;
	CHECK(txt_colloc_score(3, m, 0, &st) == 0);
	double lam = 0, var = 0;
	for (unsigned c = 0; c < 8; c++) {
		int b = __builtin_popcount(c);
		lam += ((3 - b) % 2 ? -1 : 1) * log((double)cell[c]);
		var += 1.0 / (double)cell[c];
	}
	CHECK_NEAR(st.lambda, lam, 1e-13);
	CHECK_NEAR(st.z, lam / sqrt(var), 1e-13);
	CHECK(st.count == 8);
	CHECK(isnan(st.pmi) && isnan(st.g2) && isnan(st.t) && isnan(st.dice));
}

TEST(score_refuses)
{
	uint64_t bad[4] = {3, 4, 1, 1}; /* more bigrams start with x1 than exist */
	txt_colloc_stat s;
	CHECK(txt_colloc_score(2, bad, 0.5, &s) == -1);
	CHECK(strstr(txt_err(), "inconsistent") != NULL);
	CHECK(txt_colloc_score(1, bad, 0.5, &s) == -1);
	CHECK(txt_colloc_score(6, bad, 0.5, &s) == -1);
	txt_tok_opts tok = {0};
	txt_colloc_cfg cfg = {&tok, 6, 1, 0.5, 1, 0, "slant-test", 0};
	CHECK(txt_colloc_new(&cfg) == NULL);
}

static txt_colloc *run(const char *const *docs, size_t n, size_t k, uint64_t minc)
{
	txt_tok_opts tok = {0};
	txt_colloc_cfg cfg = {&tok, k, minc, 0.5, 1, 0, "slant-test", 0};
	txt_colloc *c = txt_colloc_new(&cfg);
	CHECK(c != NULL);
	for (size_t i = 0; i < n; i++)
		CHECK(txt_colloc_text(c, docs[i], strlen(docs[i])) == 0);
	CHECK(txt_colloc_finish(c) == 0);
	return c;
}

TEST(corpus_by_hand)
{
	/* bigrams: new york, york city | new york | new jersey, (gap) city
	 * life: N = 5 (the comma and the sentence end are not crossed) */
	static const char *const docs[] = {"New York city. New York", "new jersey, city life"};
	txt_colloc *c = run(docs, 2, 2, 1);
	CHECK(txt_colloc_total(c) == 5);
	CHECK(txt_colloc_nrows(c) == 4);
	/* new york: n11 2, new then not york 1, york not after new 0, rest 2 */
	txt_colloc_row r = {NULL, NULL, {0}};
	for (size_t i = 0; i < txt_colloc_nrows(c); i++)
		if (strcmp(txt_colloc_get(c, i)->text, "new york") == 0)
			r = *txt_colloc_get(c, i);
	CHECK(r.text != NULL);
	CHECK(r.s.count == 2);
	CHECK_NEAR(r.s.lambda, log(2.5) - log(1.5) - log(0.5) + log(2.5), 1e-14);
	/* city life: n11 1, n00 4, the rest 0: the higher z, first */
	CHECK_STR(txt_colloc_get(c, 0)->text, "city life");
	CHECK_NEAR(txt_colloc_get(c, 0)->s.lambda, log(1.5 * 4.5 / 0.25), 1e-14);
	for (size_t i = 1; i < txt_colloc_nrows(c); i++) {
		double z = txt_colloc_get(c, i - 1)->s.z;
		CHECK(z >= txt_colloc_get(c, i)->s.z);
	}
	txt_colloc_free(c);
	/* min-count 2 keeps only new york */
	c = run(docs, 2, 2, 2);
	CHECK(txt_colloc_nrows(c) == 1);
	txt_colloc_free(c);
}

TEST(nothing_counted)
{
	static const char *const docs[] = {"one", "", "two. three"};
	txt_colloc *c = run(docs, 3, 3, 1);
	CHECK(txt_colloc_nrows(c) == 0);
	CHECK(txt_colloc_total(c) == 0);
	txt_colloc_free(c);
}

RUN_TESTS(T(score_bigram_by_hand), T(score_trigram_by_hand), T(score_refuses),
          T(corpus_by_hand), T(nothing_counted))
