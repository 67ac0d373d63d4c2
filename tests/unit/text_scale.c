/* text_scale: Wordscores on LBG (2003)'s Table 1 example, and Wordfish's
 * identification and direction on it; both are checked against Python
 * implementations in tests/cli/scale.sh. */
#include "harness.h"
#include "text_scale.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

static const int V[17] = {2, 3, 10, 22, 45, 78, 115, 146, 158, 146, 115, 78, 45, 22, 10, 3, 2};

/* R1..R5 start at word 0, 5, 10, 15, 20; V1 at 7 (37 words). */
static txt_dtm *lbg(void)
{
	char path[] = "/tmp/slant-scale-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fprintf(f, "group\tterm\tn\tdf\n\tslant-counts=2\t0\t0\n\ttokenizer=t\t0\t0\n"
		   "\tngrams=1\t0\t0\n\tby=id\t0\t0\n");
	const char *name[] = {"R1", "R2", "R3", "R4", "R5", "V1"};
	int start[] = {0, 5, 10, 15, 20, 7};
	for (int d = 0; d < 6; d++) {
		fprintf(f, "%s\t\t1000\t1\n", name[d]);
		for (int k = 0; k < 17; k++) /* w10..w46: sorted bytewise */
			fprintf(f, "%s\tw%d\t%d\t1\n", name[d], 10 + start[d] + k, V[k]);
	}
	fclose(f);
	txt_dtm *m = txt_dtm_read(path);
	unlink(path);
	return m;
}

TEST(wordscores_lbg_example)
{
	txt_dtm *m = lbg();
	CHECK(m && m->nparts == 6 && m->nterms == 37);
	double ref[6] = {-1.5, -0.75, 0, 0.75, 1.5, NAN}, raw[6], se[6], l[6], mv[6];
	CHECK(txt_scale_wordscores(m, ref, 1, raw, se, l, mv) == 0);
	CHECK(fabs(raw[5] - -0.45) < 0.005); /* LBG 2003 */
	CHECK(fabs(se[5] - 0.012) < 0.0005);
	CHECK(fabs(l[5] - -0.53) < 0.005); /* quanteda's documented values */
	CHECK(fabs(mv[5] - -0.51) < 0.005);
	CHECK_NEAR(mv[0], -1.5, 1e-12);
	CHECK_NEAR(mv[4], 1.5, 1e-12);
	CHECK_NEAR(raw[2], 0, 1e-12); /* the symmetric middle text */
	CHECK(txt_scale_wordscores(m, ref, 0, raw, se, l, mv) == 0);
	CHECK(isnan(l[5])); /* one virgin text: no sd */
	double one[6] = {1, NAN, NAN, NAN, NAN, NAN};
	CHECK(txt_scale_wordscores(m, one, 0, raw, se, l, mv) < 0);
	txt_dtm_free(m);
}

TEST(wordfish_identified)
{
	txt_dtm *m = lbg();
	txt_wf_opts o = {3, 1e-10, 500, 4, 0}; /* R5 below R1 */
	txt_wf *w = txt_scale_wordfish(m, &o);
	CHECK(w && w->converged);
	double mean = 0, ss = 0;
	for (int i = 0; i < 6; i++)
		mean += w->theta[i] / 6;
	for (int i = 0; i < 6; i++)
		ss += (w->theta[i] - mean) * (w->theta[i] - mean);
	CHECK(fabs(mean) < 1e-12);
	CHECK_NEAR(sqrt(ss / 5), 1, 1e-12);
	CHECK(w->theta[4] < w->theta[3] && w->theta[3] < w->theta[2] && w->theta[2] < w->theta[5] &&
	      w->theta[5] < w->theta[1] && w->theta[1] < w->theta[0]);
	CHECK(w->logpost < w->loglik);
	txt_wf_free(w);
	txt_dtm_free(m);
}

RUN_TESTS(T(wordscores_lbg_example), T(wordfish_identified))
