/* Unit tests for text_svm: metrics against hand-computed values, folds,
 * training and prediction on a tiny separable problem. */
#include <stdint.h>

#include "harness.h"
#include "text_err.h"
#include "text_svm.h"

/* gold rows, predicted columns:
 *        A  B  C
 *   A    5  2  1
 *   B    1  3  0
 *   C    0  2  4      */
static const uint64_t conf3[9] = {5, 2, 1, 1, 3, 0, 0, 2, 4};

TEST(accuracy_by_hand)
{
	CHECK_NEAR(txt_svm_accuracy(conf3, 3), 12.0 / 18.0, 1e-12);
	uint64_t zero[4] = {0};
	CHECK_NEAR(txt_svm_accuracy(zero, 2), 0.0, 1e-12);
}

TEST(prf_by_hand)
{
	double p, r, f;
	txt_svm_prf(conf3, 3, 0, &p, &r, &f);
	CHECK_NEAR(p, 5.0 / 6.0, 1e-12);
	CHECK_NEAR(r, 5.0 / 8.0, 1e-12);
	CHECK_NEAR(f, 10.0 / 14.0, 1e-12); /* F1 = 2tp / (pred + gold) */
	txt_svm_prf(conf3, 3, 1, &p, &r, &f);
	CHECK_NEAR(p, 3.0 / 7.0, 1e-12);
	CHECK_NEAR(r, 3.0 / 4.0, 1e-12);
	CHECK_NEAR(f, 6.0 / 11.0, 1e-12);
	txt_svm_prf(conf3, 3, 2, &p, &r, &f);
	CHECK_NEAR(p, 4.0 / 5.0, 1e-12);
	CHECK_NEAR(r, 4.0 / 6.0, 1e-12);
	CHECK_NEAR(f, 8.0 / 11.0, 1e-12);
}

TEST(prf_zero_division_is_zero)
{
	/* class 1 never predicted and never gold */
	uint64_t c[4] = {3, 0, 0, 0};
	double p, r, f;
	txt_svm_prf(c, 2, 1, &p, &r, &f);
	CHECK(p == 0 && r == 0 && f == 0);
	/* class 1 gold but never predicted: recall 0, precision 0 */
	uint64_t d[4] = {3, 0, 2, 0};
	txt_svm_prf(d, 2, 1, &p, &r, &f);
	CHECK(p == 0 && r == 0 && f == 0);
	txt_svm_prf(d, 2, 0, &p, &r, &f);
	CHECK_NEAR(p, 3.0 / 5.0, 1e-12);
	CHECK_NEAR(r, 1.0, 1e-12);
}

TEST(macro_and_favg_by_hand)
{
	CHECK_NEAR(txt_svm_macro_f1(conf3, 3), (10.0 / 14 + 6.0 / 11 + 8.0 / 11) / 3, 1e-12);
	int ac[2] = {0, 2};
	CHECK_NEAR(txt_svm_favg(conf3, 3, ac, 2), (10.0 / 14 + 8.0 / 11) / 2, 1e-12);
}

TEST(metric_parse)
{
	char *labels[] = {"AGAINST", "FAVOR", "NONE"};
	txt_svm_metric m;
	CHECK(txt_svm_metric_parse("accuracy", labels, 3, &m) == 0 && m.kind == 0);
	CHECK(txt_svm_metric_parse("macro-f1", labels, 3, &m) == 0 && m.kind == 1);
	CHECK(txt_svm_metric_parse("f-avg:FAVOR,AGAINST", labels, 3, &m) == 0);
	CHECK(m.kind == 2 && m.n == 2 && m.cls[0] == 1 && m.cls[1] == 0);
	CHECK(txt_svm_metric_parse("f-avg:FAVOR,MAYBE", labels, 3, &m) == -1);
	CHECK(strstr(txt_err(), "MAYBE") != NULL);
	CHECK(txt_svm_metric_parse("f-avg:", labels, 3, &m) == -1);
	CHECK(txt_svm_metric_parse("auc", labels, 3, &m) == -1);
	CHECK(txt_svm_metric_parse("f-avg:NONE", labels, 3, &m) == 0);
	CHECK_NEAR(txt_svm_metric_value(&m, conf3, 3), 8.0 / 11.0, 1e-12);
}

TEST(folds_stratified_and_seeded)
{
	int y[23], f1[23], f2[23], f3[23];
	for (int i = 0; i < 23; i++)
		y[i] = i < 15 ? 0 : 1; /* 15 of class 0, 8 of class 1 */
	txt_svm_folds(y, 23, 4, 7, f1);
	txt_svm_folds(y, 23, 4, 7, f2);
	txt_svm_folds(y, 23, 4, 8, f3);
	CHECK(memcmp(f1, f2, sizeof f1) == 0);
	CHECK(memcmp(f1, f3, sizeof f1) != 0);
	int cnt[4][2] = {{0}};
	for (int i = 0; i < 23; i++) {
		CHECK(f1[i] >= 0 && f1[i] < 4);
		cnt[f1[i]][y[i]]++;
	}
	for (int k = 0; k < 4; k++) {
		CHECK(cnt[k][0] >= 3 && cnt[k][0] <= 4); /* 15 over 4 folds */
		CHECK(cnt[k][1] == 2);                   /* 8 over 4 folds */
		int tot = cnt[k][0] + cnt[k][1];
		CHECK(tot == 5 || tot == 6);
	}
}

/* Two classes separated by feature 1 vs feature 2. */
static txt_fmat *toy(int n, int *y)
{
	txt_fmat *m = calloc(1, sizeof *m);
	m->nrows = (size_t)n;
	m->off = calloc((size_t)n + 1, sizeof *m->off);
	m->idx = calloc((size_t)n * 2, sizeof *m->idx);
	m->val = calloc((size_t)n * 2, sizeof *m->val);
	for (int i = 0; i < n; i++) {
		y[i] = i % 2;
		m->idx[2 * i] = (uint32_t)(1 + y[i]);
		m->val[2 * i] = 1.0;
		m->idx[2 * i + 1] = 3;
		m->val[2 * i + 1] = 0.1 * (i % 5);
		m->off[i + 1] = (size_t)(2 * i + 2);
	}
	return m;
}

static void train_and_check(txt_svm_solver s, txt_svm_kernel k, int prob)
{
	int y[40];
	txt_fmat *x = toy(40, y);
	txt_svm_opts o;
	txt_svm_opts_default(&o);
	o.solver = s;
	o.kernel = k;
	o.probability = prob;
	txt_svm *m = txt_svm_train(&o, x, y, 2, 3);
	CHECK(m != NULL);
	if (!m)
		return;
	CHECK(txt_svm_solver_of(m) == s);
	CHECK(txt_svm_has_prob(m) == prob);
	int ok = 0;
	double p[2];
	for (int i = 0; i < 40; i++) {
		int c = txt_svm_predict(m, x, (size_t)i, p);
		ok += c == y[i];
		if (prob)
			CHECK_NEAR(p[0] + p[1], 1.0, 1e-9);
	}
	CHECK(ok == 40);
	/* dump and undump give the same model text */
	char *a, *b;
	size_t na, nb;
	CHECK(txt_svm_dump(m, &a, &na) == 0);
	txt_svm *m2 = txt_svm_undump(s, a, na, 2);
	CHECK(m2 != NULL);
	CHECK(txt_svm_dump(m2, &b, &nb) == 0);
	CHECK(na == nb && memcmp(a, b, na) == 0);
	free(a);
	free(b);
	txt_svm_free(m2);
	txt_svm_free(m);
	txt_fmat_free(x);
}

TEST(liblinear_separable)
{
	train_and_check(TXT_SVM_LIBLINEAR, TXT_SVM_LINEAR, 0);
}

TEST(libsvm_rbf_probability)
{
	train_and_check(TXT_SVM_LIBSVM, TXT_SVM_RBF, 1);
}

TEST(bad_options_refused)
{
	txt_svm_opts o;
	txt_svm_opts_default(&o);
	o.solver = TXT_SVM_LIBLINEAR;
	o.kernel = TXT_SVM_RBF;
	CHECK(txt_svm_opts_check(&o) == -1);
	o.kernel = TXT_SVM_LINEAR;
	o.probability = 1;
	CHECK(txt_svm_opts_check(&o) == -1);
	o.solver = TXT_SVM_AUTO;
	CHECK(txt_svm_opts_check(&o) == 0);
	CHECK(txt_svm_solver_for(&o) == TXT_SVM_LIBSVM);
	o.probability = 0;
	CHECK(txt_svm_solver_for(&o) == TXT_SVM_LIBLINEAR);
}

TEST(undump_garbage_fails)
{
	const char junk[] = "solver_type L2R_L2LOSS_SVC_DUAL\nnr_class 7\n";
	CHECK(txt_svm_undump(TXT_SVM_LIBLINEAR, junk, sizeof junk - 1, 2) == NULL);
}

RUN_TESTS(T(accuracy_by_hand), T(prf_by_hand), T(prf_zero_division_is_zero),
	  T(macro_and_favg_by_hand), T(metric_parse), T(folds_stratified_and_seeded),
	  T(liblinear_separable), T(libsvm_rbf_probability), T(bad_options_refused),
	  T(undump_garbage_fails))
