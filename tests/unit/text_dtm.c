/* text_dtm: Gries (2008)'s worked example and hand-computed similarities;
 * larger inputs are checked against numpy in tests/cli/parts.sh. */
#include "harness.h"
#include "text_dtm.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

/* Write a counts file and read it. */
static txt_dtm *load(const char *rows)
{
	char path[] = "/tmp/slant-dtm-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fprintf(f, "group\tterm\tn\tdf\n\tslant-counts=2\t0\t0\n\ttokenizer=t\t0\t0\n"
		   "\tngrams=1\t0\t0\n\tby=id\t0\t0\n%s", rows);
	fclose(f);
	txt_dtm *m = txt_dtm_read(path);
	unlink(path);
	return m;
}

static size_t id(const txt_dtm *m, const char *t)
{
	return (size_t)txt_map_get(m->terms, t, strlen(t));
}

TEST(gries_example)
{
	/* five parts of 9, 10, 10, 10, 11 words; 'a' 1..5 times, 'b' twice each */
	txt_dtm *m = load("p1\t\t9\t1\np1\ta\t1\t1\np1\tb\t2\t1\n"
			  "p2\t\t10\t1\np2\ta\t2\t1\np2\tb\t2\t1\n"
			  "p3\t\t10\t1\np3\ta\t3\t1\np3\tb\t2\t1\n"
			  "p4\t\t10\t1\np4\ta\t4\t1\np4\tb\t2\t1\n"
			  "p5\t\t11\t1\np5\ta\t5\t1\np5\tb\t2\t1\n");
	CHECK(m && m->nparts == 5 && m->nterms == 2);
	txt_disp *d = txt_dtm_dispersion(m);
	txt_disp a = d[id(m, "a")], b = d[id(m, "b")];
	CHECK_NEAR(a.dp, 0.18, 1e-12); /* Gries 2008 */
	CHECK_NEAR(b.dp, 0.02, 1e-12);
	CHECK_NEAR(a.dp_norm, 0.18 / (1 - 9.0 / 50), 1e-12);
	/* rates 1/9, .2, .3, .4, 5/11 */
	double r[] = {1.0 / 9, 0.2, 0.3, 0.4, 5.0 / 11}, mean = 0, var = 0;
	for (int i = 0; i < 5; i++)
		mean += r[i] / 5;
	for (int i = 0; i < 5; i++)
		var += (r[i] - mean) * (r[i] - mean) / 5;
	CHECK_NEAR(a.d, 1 - sqrt(var) / mean / 2, 1e-12);
	CHECK(a.parts == 5 && a.n == 15);
	free(d);
	txt_dtm_free(m);
}

TEST(similarity_by_hand)
{
	/* x = (2, 1, 0), y = (0, 1, 3) over terms a b c */
	txt_dtm *m = load("x\t\t3\t1\nx\ta\t2\t1\nx\tb\t1\t1\ny\t\t4\t1\ny\tb\t1\t1\ny\tc\t3\t1\n");
	CHECK_NEAR(txt_dtm_similarity(m, 0, 1, TXT_SIM_COSINE), 1 / sqrt(50), 1e-12);
	CHECK_NEAR(txt_dtm_similarity(m, 0, 1, TXT_SIM_JACCARD), 1.0 / 3, 1e-12);
	CHECK_NEAR(txt_dtm_similarity(m, 0, 1, TXT_SIM_EUCLIDEAN), sqrt(4 + 0 + 9), 1e-12);
	/* means 1, 4/3: cov sum (1)(-4/3) + 0 + (-1)(5/3) = -3; ss 2, 14/3 */
	CHECK_NEAR(txt_dtm_similarity(m, 0, 1, TXT_SIM_CORRELATION), -3 / sqrt(2 * 14.0 / 3), 1e-12);
	double js = 0.5 * (2.0 / 3 * log2((2.0 / 3) / (1.0 / 3)) + 1.0 / 3 * log2((1.0 / 3) / (7.0 / 24))) +
		    0.5 * (0.25 * log2(0.25 / (7.0 / 24)) + 0.75 * log2(0.75 / 0.375));
	CHECK_NEAR(txt_dtm_similarity(m, 0, 1, TXT_SIM_JSD), js, 1e-12);
	CHECK(txt_dtm_measure("manhattan") < 0);
	txt_dtm_free(m);
}

RUN_TESTS(T(gries_example), T(similarity_by_hand))
