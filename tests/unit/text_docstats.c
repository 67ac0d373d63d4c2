/* text_docstats: MATTR, MTLD and syllables on hand-worked cases; the
 * readability formulas and larger texts are checked against an independent
 * Python implementation in tests/cli/docstats.sh. */
#include "harness.h"
#include "text_docstats.h"

#include <math.h>

TEST(mattr_by_hand)
{
	/* windows of 2: {1,2} {2,1} {1,3} -> 2 2 2 types */
	uint32_t a[] = {1, 2, 1, 3};
	CHECK_NEAR(txt_docstats_mattr(a, 4, 2), 1.0, 1e-15);
	/* {1,1} {1,2} {2,2} -> 1 2 1 */
	uint32_t b[] = {1, 1, 2, 2};
	CHECK_NEAR(txt_docstats_mattr(b, 4, 2), 4.0 / 6.0, 1e-15);
	/* fewer tokens than the window: the TTR of all */
	uint32_t c[] = {7, 7, 9};
	CHECK_NEAR(txt_docstats_mattr(c, 3, 50), 2.0 / 3.0, 1e-15);
	CHECK(isnan(txt_docstats_mattr(c, 0, 50)));
	/* large, sparse ids */
	uint32_t d[] = {4000000000u, 5, 4000000000u, 5};
	CHECK_NEAR(txt_docstats_mattr(d, 4, 3), 2.0 / 3.0, 1e-15);
}

TEST(mtld_by_hand)
{
	/* a a b b a: forwards a|a -> factor, b|b -> factor, a: TTR 1, partial 0:
	 * 5 / 2; backwards a b b -> factor (2/3), a a -> factor: 5 / 2 */
	uint32_t a[] = {0, 0, 1, 1, 0};
	CHECK_NEAR(txt_docstats_mtld(a, 5, 0.72), 2.5, 1e-15);
	/* a a b c d: forwards one factor, then b c d (partial 0): 5;
	 * backwards d c b a a: TTR 4/5 never reaches 0.72, partial
	 * (1 - 0.8) / 0.28: 5 / (0.2 / 0.28) = 7; mean 6 */
	uint32_t b[] = {0, 0, 1, 2, 3};
	CHECK_NEAR(txt_docstats_mtld(b, 5, 0.72), 6.0, 1e-12);
	/* every token distinct: no factor either way */
	uint32_t c[] = {0, 1, 2};
	CHECK(isnan(txt_docstats_mtld(c, 3, 0.72)));
	/* TTR exactly at the threshold (18 types in 25 tokens) ends a factor:
	 * ids 0..17, then 0..6 again, then a new id 100.  Forwards: 18/25 at
	 * token 25 is a factor, [100] a partial of 0: 26 / 1.  Backwards (100,
	 * 6..0, 17..0): 19 types in 26 tokens never reach 0.72: partial
	 * (7/26) / 0.28, 26 / that = 27.04.  With "below" instead of "reaches"
	 * both directions would give 27.04. */
	uint32_t d[26];
	for (int i = 0; i < 25; i++)
		d[i] = i < 18 ? (uint32_t)i : (uint32_t)(i - 18);
	d[25] = 100;
	CHECK_NEAR(txt_docstats_mtld(d, 26, 0.72), (26.0 + 26.0 * 0.28 * 26.0 / 7.0) / 2, 1e-12);
}

TEST(syllables_by_rule)
{
	struct { const char *w; unsigned n; } t[] = {
		{"the", 1},    {"cat", 1},      {"table", 2},    {"make", 1},
		{"people", 2}, {"there", 1},    {"beautiful", 3}, {"makes", 1},
		{"boxes", 2},  {"places", 2},   {"churches", 2}, {"loved", 1},
		{"wanted", 2}, {"needed", 2},   {"yes", 1},      {"rhythm", 1},
		{"whole", 1},  {"free", 1},     {"goes", 1},     {"hmm", 1},
		{"be", 1},     {"government", 3}, {"american", 4}, {"don't", 1},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		unsigned n = txt_docstats_syllables(t[i].w, strlen(t[i].w));
		if (n != t[i].n) {
			printf("FAIL %s: %s: %u syllables, expected %u\n", h_current, t[i].w, n, t[i].n);
			h_failed_checks++;
		}
	}
}

TEST(units_and_readability)
{
	txt_docstats *d = txt_docstats_new(NULL, 50, 0.72);
	CHECK(d != NULL);
	/* 2 sentences, 8 words; syllables: the1 cat1 sat1 the1 table2 dogs1
	 * were1 beautiful3 = 11; one complex word.  "42" is not a word. */
	const char *s = "The cat sat at 42 the table. Dogs were beautiful.";
	txt_docstats_add(d, 1, s, strlen(s), 1);
	txt_dstat o;
	txt_docstats_get(d, 1, &o);
	CHECK(o.tokens == 9 && o.sentences == 2);
	CHECK(o.types == 8);
	CHECK(o.syllables_en == 12 && o.complex_en == 1);
	double wps = 9.0 / 2, spw = 12.0 / 9;
	CHECK_NEAR(o.flesch, 206.835 - 1.015 * wps - 84.6 * spw, 1e-12);
	CHECK_NEAR(o.fk_grade, 0.39 * wps + 11.8 * spw - 15.59, 1e-12);
	CHECK_NEAR(o.fog, 0.4 * (wps + 100.0 / 9), 1e-12);
	/* unit 0 was never added to */
	txt_docstats_get(d, 0, &o);
	CHECK(o.tokens == 0 && isnan(o.ttr) && isnan(o.flesch));
	/* not English: no readability; a text without words has no sentence */
	txt_docstats_add(d, 2, "Hola amigos.  ...  42.", 22, 0);
	txt_docstats_get(d, 2, &o);
	CHECK(o.tokens == 2 && o.sentences == 1 && isnan(o.flesch));
	txt_docstats_clear(d, 1);
	txt_docstats_get(d, 1, &o);
	CHECK(o.tokens == 0 && o.sentences == 0);
	txt_docstats_free(d);
	CHECK(txt_docstats_new(NULL, 0, 0.72) == NULL);
	CHECK(txt_docstats_new(NULL, 5, 1.0) == NULL);
	txt_docstats_free(NULL);
}

RUN_TESTS(T(mattr_by_hand), T(mtld_by_hand), T(syllables_by_rule), T(units_and_readability))
