/* Unit tests for text_stance: distinct values, class weight lists, the
 * confusion matrix and report rows against counts done by hand, training
 * and cross-validation on a corpus a linear model separates. */
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "text_err.h"
#include "text_report.h"
#include "text_stance.h"

static char tmp[64];

/* Write text to a new temporary file (its path in tmp). */
static const char *put(const char *text)
{
	snprintf(tmp, sizeof tmp, "/tmp/slant-stance-XXXXXX");
	int fd = mkstemp(tmp);
	size_t n = strlen(text);
	CHECK(write(fd, text, n) == (ssize_t)n);
	close(fd);
	return tmp;
}

TEST(distinct_sorted_with_index)
{
	char *v[] = {"b", "a", "c", "a", "b"};
	size_t rows[] = {4, 3, 0};
	char **u;
	int idx[5];
	CHECK(txt_stance_distinct(v, NULL, 5, &u, idx) == 3);
	CHECK_STR(u[0], "a");
	CHECK_STR(u[2], "c");
	CHECK(idx[0] == 1 && idx[1] == 0 && idx[2] == 2 && idx[3] == 0);
	free(u);
	CHECK(txt_stance_distinct(v, rows, 3, &u, idx) == 2); /* b, a, b */
	CHECK(idx[0] == 1 && idx[1] == 0 && idx[2] == 1);
	free(u);
}

TEST(class_weights)
{
	txt_stance_opts o;
	txt_stance_opts_default(&o);
	CHECK(txt_stance_weights_parse(&o, "balanced") == 0 && o.balanced && o.nweight == 0);
	CHECK(txt_stance_weights_parse(&o, "a=b=2,FAVOR=0.5") == 0 && !o.balanced);
	CHECK(o.nweight == 2 && o.weight[0].len == 3 && o.weight[0].w == 2);
	CHECK(o.weight[1].len == 5 && o.weight[1].w == 0.5);
	CHECK(txt_stance_weights_parse(&o, "FAVOR") < 0);
	CHECK(strstr(txt_err(), "is not LABEL=WEIGHT") != NULL);
	CHECK(txt_stance_weights_parse(&o, "FAVOR=x") < 0);
	free(o.weight);
}

/* Gold/pred by hand: a a, a b, b b, b b, c a (and a row without gold). */
TEST(confusion_and_report)
{
	put("label\tpred\na\ta\na\tb\nb\tb\nb\tb\nc\ta\n\tc\n");
	txt_table *t = txt_table_open(tmp);
	uint64_t *conf;
	char **labels;
	int k;
	CHECK(txt_stance_confusion(t, "label", "pred", &conf, &labels, &k) == 0);
	txt_table_close(t);
	unlink(tmp);
	CHECK(k == 3);
	uint64_t want[9] = {1, 1, 0, 0, 2, 0, 1, 0, 0};
	CHECK(memcmp(conf, want, sizeof want) == 0);
	txt_writer *w = txt_writer_mem();
	txt_report *r = txt_stance_report_new(w, TXT_FMT_TSV, "", labels, k);
	CHECK(r && txt_stance_report(r, "", conf, labels, k, NULL, 0) == 0);
	txt_report_free(r);
	char *s = txt_writer_mem_take(w, NULL);
	/* a: P 1/2 R 1/2; b: P 2/3 R 1 F 0.8; accuracy 3/5 */
	CHECK(strstr(s, "class\tprecision\trecall\tf1\tsupport\tpred_a\tpred_b\tpred_c\n") != NULL);
	CHECK(strstr(s, "a\t0.5000\t0.5000\t0.5000\t2\t1\t1\t0\n") != NULL);
	CHECK(strstr(s, "b\t0.6667\t1.0000\t0.8000\t2\t0\t2\t0\n") != NULL);
	CHECK(strstr(s, "accuracy\t\t\t0.6000\t5\t\t\t\n") != NULL);
	free(s);
	for (int i = 0; i < k; i++) free(labels[i]);
	free(labels);
	free(conf);
}

/* Two topics a word apart: training predicts its own documents, and every
 * document is predicted once in cross-validation. */
TEST(train_predict_cv)
{
	char text[8192] = "id\ttext\tlabel\n";
	for (int i = 0; i < 40; i++)
		snprintf(text + strlen(text), sizeof text - strlen(text), "d%d\t%s report %d\t%s\n", i,
		         i % 2 ? "cartel violence" : "sovereignty respect", i, i % 2 ? "sec" : "sov");
	txt_stance_docs d = {0};
	txt_stance_cols cols = {"text", "label", NULL, NULL};
	size_t skipped;
	CHECK(txt_stance_read(&d, put(text), &cols, &skipped) == 0 && d.n == 40 && skipped == 0);
	txt_stance_opts o;
	txt_stance_opts_default(&o);
	txt_tok *tok = txt_tok_new(NULL);
	txt_svm_bundle b = {0};
	b.tok = (char *)txt_tok_describe(tok);
	b.text_col = "text";
	b.label_col = "label";
	CHECK(txt_stance_train(&o, &d, tok, &b) == 0 && b.ngroups == 1 && b.g[0].ncls == 2);
	char out[80];
	snprintf(out, sizeof out, "%s.pred", tmp);
	txt_table *t = txt_table_open(tmp);
	CHECK(txt_stance_predict(&b, tok, t, "text", out, TXT_W_FORCE) == 0);
	txt_table_close(t);
	t = txt_table_open(out);
	uint64_t *conf;
	char **labels;
	int k;
	CHECK(txt_stance_confusion(t, "label", "pred", &conf, &labels, &k) == 0);
	CHECK(k == 2 && conf[0] == 20 && conf[3] == 20);
	txt_table_close(t);
	for (int i = 0; i < k; i++) free(labels[i]);
	free(labels);
	free(conf);
	txt_stance_cvres cv;
	CHECK(txt_stance_cv(&o, &d, 5, tok, &cv) == 0);
	CHECK(cv.k == 2 && cv.nfold == 5 && cv.npoint == 1 && !strcmp(cv.folds[4], "5"));
	uint64_t all[4] = {0};
	for (int f = 0; f < cv.nfold; f++) { /* stratified: 4 of each label per fold */
		const uint64_t *c = cv.conf + 4 * f;
		CHECK(c[0] + c[1] == 4 && c[2] + c[3] == 4);
		for (int i = 0; i < 4; i++)
			all[i] += c[i];
	}
	CHECK(all[0] + all[3] >= 36);
	txt_stance_cvres_free(&cv);
	txt_stance_untrain(&b);
	txt_tok_free(tok);
	txt_stance_docs_free(&d);
	unlink(out);
	unlink(tmp);
}

RUN_TESTS(T(distinct_sorted_with_index), T(class_weights), T(confusion_and_report),
          T(train_predict_cv))
