/* text_clean_model: the line model of slant-clean (see text_clean_int.h).
 *
 * Stage 1 is a logistic regression over a line's own facts and its place in
 * the document (boilerpipe's shallow text features: words, punctuation,
 * link density, capitals, position; jusText's stopword density, here as
 * the share of short words, which needs no list per language).  Stage 2 is
 * a logistic regression over stage 1's probabilities of the line and of its
 * neighbours: jusText's context-sensitive pass, learned instead of set by
 * hand.  Both are fit by Newton's method (IRLS) with a ridge penalty, in a
 * fixed order, so training is deterministic and the file is printed with
 * fixed precision. */
#include "text_clean_int.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text_err.h"
#include "text_map.h"
#include "text_utf8.h"

static const char *const feat_names[NFEAT] = {
	"bias", "chars", "words", "sentence", "quote", "punct", "shortwords", "stopwords",
	"caps", "upper", "digits", "links", "separators", "verb", "menu", "short", "title",
	"docfreq", "before", "after", "inblock", "distance", "ctx_sentence",
	"ctx_words", "blank_before", "blank_after"};
static const char *const stage2_names[NSTAGE2] = {"bias", "self", "prev", "next", "wide"};

struct txt_clean_model {
	double w1[NFEAT], w2[NSTAGE2];
	double threshold, near; /* near <= threshold */
};

/* ---- features in context ---- */

#define CTX 2       /* neighbours each side for F_CTX_* */
#define BLOCK_GAP 5 /* lines between body-like lines of one run */

/* Non-blank lines' indices; returns their number. */
static size_t nonblank(const clean_fact *f, size_t n, size_t *ix)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!f[i].blank)
			ix[m++] = i;
	return m;
}

/* The main run of body-like lines [*a, *b] (in non-blank positions): the
 * run, with gaps of at most BLOCK_GAP lines, holding the most words.
 * 0 when there is no body-like line. */
static int main_block(const clean_fact *f, const size_t *ix, size_t m, size_t *a, size_t *b)
{
	double best = -1, cur = 0;
	size_t ca = 0, last = 0;
	int any = 0;
	for (size_t k = 0; k < m; k++) {
		const clean_fact *x = &f[ix[k]];
		if (!x->strong || x->fixed)
			continue;
		if (!any || k - last > BLOCK_GAP + 1)
			ca = k, cur = 0;
		any = 1;
		last = k;
		cur += exp(x->v[F_WORDS]) - 1;
		if (cur > best)
			best = cur, *a = ca, *b = k;
	}
	return any;
}

/* The full feature vectors (NFEAT per line, in x[i * NFEAT]). */
static void features(const clean_fact *f, size_t n, double *x)
{
	size_t *ix = txt_xreallocarray(NULL, n ? n : 1, sizeof *ix);
	size_t m = nonblank(f, n, ix), a = 0, b = 0, first = m, lastk = 0;
	int block = main_block(f, ix, m, &a, &b);
	for (size_t k = 0; k < m; k++)
		if (f[ix[k]].strong && !f[ix[k]].fixed) {
			if (first == m)
				first = k;
			lastk = k;
		}
	memset(x, 0, n * NFEAT * sizeof *x);
	for (size_t k = 0; k < m; k++) {
		size_t i = ix[k];
		double *v = x + i * NFEAT;
		memcpy(v, f[i].v, sizeof f[i].v);
		v[F_BEFORE] = first < m && k < first;
		v[F_AFTER] = first < m && k > lastk;
		v[F_INBLOCK] = block && k >= a && k <= b;
		size_t d = !block ? m : k < a ? a - k : k > b ? k - b : 0;
		v[F_DIST] = log1p((double)d);
		double s = 0, w = 0;
		int nn = 0;
		for (size_t j = k > CTX ? k - CTX : 0; j <= k + CTX && j < m; j++) {
			if (j == k)
				continue;
			s += f[ix[j]].v[F_SENT];
			w += f[ix[j]].v[F_WORDS];
			nn++;
		}
		v[F_CTX_SENT] = nn ? s / nn : 0;
		v[F_CTX_LEN] = nn ? w / nn : 0;
		v[F_BLANK_BEFORE] = i > 0 && f[i - 1].blank;
		v[F_BLANK_AFTER] = i + 1 < n && f[i + 1].blank;
	}
	free(ix);
}

static double dot(const double *w, const double *x, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += w[i] * x[i];
	return s;
}

static double sigmoid(double z)
{
	return 1 / (1 + exp(-z));
}

/* Stage 2's inputs for each line from stage 1's probabilities p1. */
static void stage2_features(const clean_fact *f, size_t n, const double *p1, double *x)
{
	size_t *ix = txt_xreallocarray(NULL, n ? n : 1, sizeof *ix);
	size_t m = nonblank(f, n, ix);
	memset(x, 0, n * NSTAGE2 * sizeof *x);
	for (size_t k = 0; k < m; k++) {
		double *v = x + ix[k] * NSTAGE2;
		double p = fmin(fmax(p1[ix[k]], 1e-6), 1 - 1e-6);
		v[S_BIAS] = 1;
		v[S_SELF] = log(p / (1 - p));
		double wide = 0;
		int nw = 0;
		for (size_t j = k > 4 ? k - 4 : 0; j <= k + 4 && j < m; j++)
			if (j + 1 < k || j > k + 1)
				wide += p1[ix[j]], nw++;
		v[S_PREV] = k > 0 ? p1[ix[k - 1]] : 0;
		v[S_NEXT] = k + 1 < m ? p1[ix[k + 1]] : 0;
		v[S_WIDE] = nw ? wide / nw : 0;
	}
	free(ix);
}

static void stage1(const txt_clean_model *m, const clean_fact *f, size_t n, double *x, double *p)
{
	features(f, n, x);
	for (size_t i = 0; i < n; i++)
		p[i] = f[i].blank || f[i].fixed ? 0 : sigmoid(dot(m->w1, x + i * NFEAT, NFEAT));
}

void clean_model_predict(const txt_clean_model *m, const clean_fact *f, size_t n, double *p)
{
	double *x = txt_xreallocarray(NULL, n ? n * NFEAT : 1, sizeof *x);
	double *p1 = txt_xreallocarray(NULL, n ? n : 1, sizeof *p1);
	stage1(m, f, n, x, p1);
	stage2_features(f, n, p1, x);
	for (size_t i = 0; i < n; i++)
		p[i] = f[i].blank || f[i].fixed ? 0 : sigmoid(dot(m->w2, x + i * NSTAGE2, NSTAGE2));
	free(x);
	free(p1);
}

int clean_model_keep(const txt_clean_model *m, double p)
{
	return p >= m->threshold;
}

int clean_model_near(const txt_clean_model *m, double p)
{
	return p >= m->near;
}

void clean_model_free(txt_clean_model *m)
{
	free(m);
}

/* ---- the model file ----
 *   slant-clean-model 1
 *   # comments
 *   stage1 NAME WEIGHT      (every name of feat_names, once)
 *   stage2 NAME WEIGHT      (every name of stage2_names, once)
 *   threshold P             (0 < P < 1): a line of probability P or more is body
 *   near Q                  (0 < Q <= P): such a line next to body is body
 */

#define MODEL_MAGIC "slant-clean-model 1"

static int lookup(const char *const *names, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
			return (int)i;
	return -1;
}

/* A finite number filling s[0..len). */
static int parse_num(const char *s, size_t len, double *v)
{
	char buf[64];
	if (!len || len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	errno = 0;
	*v = strtod(buf, &end);
	return *end || errno || !isfinite(*v) ? -1 : 0;
}

/* Split a line into at most 4 space-separated fields; returns their number. */
static size_t fields(const char *s, size_t n, const char **f, size_t *fl)
{
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		if (k == 4)
			return 5;
		f[k] = s + i;
		while (i < n && s[i] != ' ')
			i++;
		fl[k] = (size_t)(s + i - f[k]);
		k++;
	}
	return k;
}

static int parse_line(txt_clean_model *m, const char *s, size_t n, const char *name,
                      size_t ln, unsigned char *seen1, unsigned char *seen2, int *have_thr)
{
	const char *f[4];
	size_t fl[4], k = fields(s, n, f, fl);
	double v;
	int thr = k == 2 && fl[0] == 9 && memcmp(f[0], "threshold", 9) == 0;
	if (thr || (k == 2 && fl[0] == 4 && memcmp(f[0], "near", 4) == 0)) {
		const char *what = thr ? "threshold" : "near";
		if (*have_thr & (thr ? 1 : 2))
			return txt_err_set("%s:%zu: %s given twice", name, ln, what);
		if (parse_num(f[1], fl[1], &v) < 0 || !(v > 0 && v < 1))
			return txt_err_set("%s:%zu: %s must be a number between 0 and 1", name, ln, what);
		*(thr ? &m->threshold : &m->near) = v;
		*have_thr |= thr ? 1 : 2;
		return 0;
	}
	int st = k == 3 && fl[0] == 6 && memcmp(f[0], "stage", 5) == 0 ? f[0][5] - '0' : 0;
	if (st != 1 && st != 2)
		return txt_err_set("%s:%zu: expected 'stage1 NAME WEIGHT', 'stage2 NAME WEIGHT', "
		                   "'threshold P' or 'near P'", name, ln);
	int i = st == 1 ? lookup(feat_names, NFEAT, f[1], fl[1])
	                : lookup(stage2_names, NSTAGE2, f[1], fl[1]);
	if (i < 0)
		return txt_err_set("%s:%zu: unknown stage%d feature '%.*s'", name, ln, st,
		                   (int)(fl[1] > 40 ? 40 : fl[1]), f[1]);
	unsigned char *seen = st == 1 ? seen1 : seen2;
	if (seen[i]++)
		return txt_err_set("%s:%zu: stage%d feature '%.*s' given twice", name, ln, st,
		                   (int)fl[1], f[1]);
	if (parse_num(f[2], fl[2], &v) < 0)
		return txt_err_set("%s:%zu: weight of '%.*s' is not a finite number", name, ln,
		                   (int)fl[1], f[1]);
	(st == 1 ? m->w1 : m->w2)[i] = v;
	return 0;
}

txt_clean_model *clean_model_parse(const char *buf, size_t len, const char *name)
{
	txt_clean_model *m = txt_xcalloc(1, sizeof *m);
	unsigned char seen1[NFEAT] = {0}, seen2[NSTAGE2] = {0};
	int have_thr = 0;
	size_t ln = 0;
	if (memchr(buf, '\0', len)) {
		txt_err_set("%s: not a slant-clean model (NUL byte)", name);
		goto fail;
	}
	for (size_t i = 0; i < len;) {
		const char *e = memchr(buf + i, '\n', len - i);
		size_t end = e ? (size_t)(e - buf) : len, n = end - i;
		const char *s = buf + i;
		i = end + 1;
		ln++;
		if (n && s[n - 1] == '\r')
			n--;
		if (ln == 1) {
			if (n != strlen(MODEL_MAGIC) || memcmp(s, MODEL_MAGIC, n) != 0) {
				txt_err_set("%s:1: not a slant-clean model (expected '%s')", name, MODEL_MAGIC);
				goto fail;
			}
			continue;
		}
		if (!n || s[0] == '#')
			continue;
		if (parse_line(m, s, n, name, ln, seen1, seen2, &have_thr) < 0)
			goto fail;
	}
	if (!ln) {
		txt_err_set("%s: empty model file", name);
		goto fail;
	}
	for (int i = 0; i < NFEAT; i++)
		if (!seen1[i]) {
			txt_err_set("%s: stage1 feature '%s' missing", name, feat_names[i]);
			goto fail;
		}
	for (int i = 0; i < NSTAGE2; i++)
		if (!seen2[i]) {
			txt_err_set("%s: stage2 feature '%s' missing", name, stage2_names[i]);
			goto fail;
		}
	if (have_thr != 3) {
		txt_err_set("%s: %s missing", name, have_thr & 1 ? "near" : "threshold");
		goto fail;
	}
	if (m->near > m->threshold) {
		txt_err_set("%s: near (%g) above threshold (%g)", name, m->near, m->threshold);
		goto fail;
	}
	return m;
fail:
	free(m);
	return NULL;
}

/* ---- training ---- */

typedef struct tdoc {
	clean_fact *f;
	signed char *y;
	size_t n;
} tdoc;

struct clean_trainer {
	tdoc *d;
	size_t n, cap;
};

clean_trainer *clean_trainer_new(void)
{
	return txt_xcalloc(1, sizeof(clean_trainer));
}

void clean_trainer_free(clean_trainer *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->d[i].f);
		free(t->d[i].y);
	}
	free(t->d);
	free(t);
}

void clean_trainer_add(clean_trainer *t, const clean_fact *f, const signed char *y, size_t n)
{
	if (t->n == t->cap)
		t->d = txt_xreallocarray(t->d, t->cap = t->cap ? 2 * t->cap : 64, sizeof *t->d);
	tdoc *d = &t->d[t->n++];
	d->f = txt_xreallocarray(NULL, n ? n : 1, sizeof *d->f);
	d->y = txt_xreallocarray(NULL, n ? n : 1, sizeof *d->y);
	memcpy(d->f, f, n * sizeof *f);
	memcpy(d->y, y, n);
	d->n = n;
}

/* Solve A x = b (A symmetric positive definite, k x k) by Cholesky, in place. */
static int cholesky_solve(double *A, double *b, size_t k)
{
	for (size_t j = 0; j < k; j++) {
		double s = A[j * k + j];
		for (size_t l = 0; l < j; l++)
			s -= A[j * k + l] * A[j * k + l];
		if (!(s > 0))
			return -1;
		A[j * k + j] = sqrt(s);
		for (size_t i = j + 1; i < k; i++) {
			double t = A[i * k + j];
			for (size_t l = 0; l < j; l++)
				t -= A[i * k + l] * A[j * k + l];
			A[i * k + j] = t / A[j * k + j];
		}
	}
	for (size_t i = 0; i < k; i++) {
		for (size_t l = 0; l < i; l++)
			b[i] -= A[i * k + l] * b[l];
		b[i] /= A[i * k + i];
	}
	for (size_t i = k; i-- > 0;) {
		for (size_t l = i + 1; l < k; l++)
			b[i] -= A[l * k + i] * b[l];
		b[i] /= A[i * k + i];
	}
	return 0;
}

#define RIDGE 0.01
#define NEAR 0.4 /* nearly body: kept next to body */
#define NEWTON_STEPS 50

/* Weighted logistic regression with a ridge penalty on all but the bias:
 * rows x (k each), labels y, weights wt.  Newton's method from w = 0. */
static int fit_logistic(const double *x, const double *y, const double *wt, size_t rows,
                        size_t k, double *w)
{
	double *H = txt_xmalloc(k * k * sizeof *H), *g = txt_xmalloc(k * sizeof *g);
	memset(w, 0, k * sizeof *w);
	int rc = 0;
	for (int step = 0; step < NEWTON_STEPS; step++) {
		memset(H, 0, k * k * sizeof *H);
		for (size_t j = 0; j < k; j++)
			g[j] = j ? -RIDGE * w[j] : 0;
		for (size_t j = 1; j < k; j++)
			H[j * k + j] = RIDGE;
		H[0] += 1e-9;
		for (size_t r = 0; r < rows; r++) {
			const double *v = x + r * k;
			double p = sigmoid(dot(w, v, k)), s = wt[r] * p * (1 - p), e = wt[r] * (y[r] - p);
			for (size_t i = 0; i < k; i++) {
				g[i] += e * v[i];
				for (size_t j = 0; j <= i; j++)
					H[i * k + j] += s * v[i] * v[j];
			}
		}
		for (size_t i = 0; i < k; i++)
			for (size_t j = i + 1; j < k; j++)
				H[i * k + j] = H[j * k + i];
		if (cholesky_solve(H, g, k) < 0) {
			rc = txt_err_set("training: the features are degenerate (no usable lines?)");
			break;
		}
		double change = 0;
		for (size_t j = 0; j < k; j++) {
			w[j] += g[j];
			change = fmax(change, fabs(g[j]));
		}
		if (change < 1e-10)
			break;
	}
	free(H);
	free(g);
	return rc;
}

/* Rows of stage 1 (stage 2 when p1 is given): labelled, model-scored lines,
 * each weighted by its words over its document's, so that every document
 * weighs the same and a long paragraph more than a menu item, as in the
 * benchmark's per-page shingle score. */
static size_t collect(const clean_trainer *t, double **p1, size_t k, double **X, double **Y,
                      double **W)
{
	size_t rows = 0;
	for (size_t d = 0; d < t->n; d++)
		rows += t->d[d].n;
	*X = txt_xreallocarray(NULL, rows ? rows * k : 1, sizeof **X);
	*Y = txt_xreallocarray(NULL, rows ? rows : 1, sizeof **Y);
	*W = txt_xreallocarray(NULL, rows ? rows : 1, sizeof **W);
	size_t r = 0;
	for (size_t d = 0; d < t->n; d++) {
		const tdoc *D = &t->d[d];
		double *x = txt_xreallocarray(NULL, D->n ? D->n * NFEAT : 1, sizeof *x);
		if (p1)
			stage2_features(D->f, D->n, p1[d], x);
		else
			features(D->f, D->n, x);
		double total = 0;
		size_t r0 = r;
		for (size_t i = 0; i < D->n; i++) {
			if (D->f[i].blank || D->f[i].fixed || D->y[i] < 0)
				continue;
			memcpy(*X + r * k, x + i * k, k * sizeof *x);
			(*Y)[r] = D->y[i];
			(*W)[r] = exp(D->f[i].v[F_WORDS]);
			total += (*W)[r];
			r++;
		}
		for (size_t j = r0; j < r; j++)
			(*W)[j] /= total;
		free(x);
	}
	return r;
}

static void write_model(txt_writer *w, const txt_clean_model *m, size_t ndocs, size_t rows)
{
	txt_writer_printf(w, "%s\n# logistic line model of slant-clean (slant-clean(1)): "
	                     "trained on %zu documents, %zu lines\n", MODEL_MAGIC, ndocs, rows);
	for (int i = 0; i < NFEAT; i++)
		txt_writer_printf(w, "stage1 %s %.6f\n", feat_names[i], m->w1[i] + 0.0);
	for (int i = 0; i < NSTAGE2; i++)
		txt_writer_printf(w, "stage2 %s %.6f\n", stage2_names[i], m->w2[i] + 0.0);
	txt_writer_printf(w, "threshold %.6f\nnear %.6f\n", m->threshold, m->near);
}

int clean_trainer_write(clean_trainer *t, txt_writer *w)
{
	txt_clean_model m = {.threshold = 0.5, .near = NEAR};
	double *X, *Y, *W;
	size_t rows = collect(t, NULL, NFEAT, &X, &Y, &W);
	int rc = rows ? fit_logistic(X, Y, W, rows, NFEAT, m.w1)
	              : txt_err_set("training: no labelled lines");
	free(X), free(Y), free(W);
	if (rc < 0)
		return -1;
	/* stage 1 as it will be read back from the file */
	for (int i = 0; i < NFEAT; i++)
		m.w1[i] = round(m.w1[i] * 1e6) / 1e6;
	double **p1 = txt_xreallocarray(NULL, t->n ? t->n : 1, sizeof *p1);
	for (size_t d = 0; d < t->n; d++) {
		double *x = txt_xreallocarray(NULL, t->d[d].n ? t->d[d].n * NFEAT : 1, sizeof *x);
		p1[d] = txt_xreallocarray(NULL, t->d[d].n ? t->d[d].n : 1, sizeof **p1);
		stage1(&m, t->d[d].f, t->d[d].n, x, p1[d]);
		free(x);
	}
	collect(t, p1, NSTAGE2, &X, &Y, &W);
	rc = fit_logistic(X, Y, W, rows, NSTAGE2, m.w2);
	free(X), free(Y), free(W);
	for (size_t d = 0; d < t->n; d++)
		free(p1[d]);
	free(p1);
	if (rc < 0)
		return -1;
	write_model(w, &m, t->n, rows);
	return 0;
}

/* ---- labels from the true text ---- */

static int word_cp(int32_t c)
{
	if (c == '_')
		return 1;
	if (c < 0)
		return 0;
	utf8proc_category_t k = utf8proc_category(c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	       (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

/* Hashes of the words of s[0..n). */
static size_t word_hashes(const char *s, size_t n, uint64_t **out)
{
	size_t cap = 16, k = 0;
	uint64_t *h = txt_xreallocarray(NULL, cap, sizeof *h);
	for (size_t i = 0; i < n;) {
		int32_t c;
		size_t w = txt_utf8_decode(s + i, n - i, &c);
		if (!w)
			w = 1;
		if (!word_cp(c)) {
			i += w;
			continue;
		}
		size_t a = i;
		while (i < n) {
			w = txt_utf8_decode(s + i, n - i, &c);
			if (!w || !word_cp(c))
				break;
			i += w;
		}
		if (k == cap)
			h = txt_xreallocarray(h, cap *= 2, sizeof *h);
		h[k++] = txt_hash(s + a, i - a);
	}
	*out = h;
	return k;
}

static uint64_t gram(const uint64_t *w, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL * (n + 1);
	for (size_t i = 0; i < n; i++)
		h = txt_fold(h, w[i]);
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static int has(const uint64_t *set, size_t n, uint64_t h)
{
	return bsearch(&h, set, n, sizeof h, cmp_u64) != NULL;
}

signed char *clean_label(const char *text, size_t len, const char *truth, size_t tlen,
                         size_t *nlines)
{
	uint64_t *tw;
	size_t ntw = word_hashes(truth, tlen, &tw), ns = 0;
	uint64_t *set = txt_xreallocarray(NULL, 4 * ntw + 1, sizeof *set);
	for (size_t g = 1; g <= 4; g++)
		for (size_t i = 0; i + g <= ntw; i++)
			set[ns++] = gram(tw + i, g);
	qsort(set, ns, sizeof *set, cmp_u64);
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	signed char *y = txt_xmalloc(n);
	size_t ln = 0;
	for (size_t i = 0; i <= len && ln < n; ln++) {
		const char *e = i < len ? memchr(text + i, '\n', len - i) : NULL;
		size_t end = e ? (size_t)(e - text) : len;
		uint64_t *w;
		size_t nw = word_hashes(text + i, end - i, &w), hit = 0, tot = 0;
		if (nw < 4) {
			tot = nw > 0;
			hit = nw && has(set, ns, gram(w, nw));
		}
		for (size_t j = 0; j + 4 <= nw; j++, tot++)
			hit += has(set, ns, gram(w + j, 4));
		y[ln] = !tot ? -1 : 2 * hit >= tot;
		free(w);
		i = end + 1;
	}
	*nlines = ln;
	free(tw);
	free(set);
	return y;
}
