/* text_svm: libsvm / liblinear backends, metrics, cross-validation (see
 * text_svm.h); the model bundle is in text_svm_bundle.c. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <libsvm/svm.h>
#include <linear.h>

#include "text_err.h"
#include "text_io.h"
#include "text_svm.h"

void txt_svm_opts_default(txt_svm_opts *o)
{
	memset(o, 0, sizeof *o);
	o->solver = TXT_SVM_AUTO;
	o->kernel = TXT_SVM_LINEAR;
	o->c = 1.0;
	o->gamma = 1.0;
	o->seed = 1;
}

txt_svm_solver txt_svm_solver_for(const txt_svm_opts *o)
{
	if (o->solver != TXT_SVM_AUTO)
		return o->solver;
	return (o->kernel != TXT_SVM_LINEAR || o->probability) ? TXT_SVM_LIBSVM : TXT_SVM_LIBLINEAR;
}

const char *txt_svm_solver_name(txt_svm_solver s)
{
	return s == TXT_SVM_LIBLINEAR ? "liblinear" : s == TXT_SVM_LIBSVM ? "libsvm" : "auto";
}

const char *txt_svm_kernel_name(txt_svm_kernel k)
{
	return k == TXT_SVM_RBF ? "rbf" : "linear";
}

int txt_svm_opts_check(const txt_svm_opts *o)
{
	if (o->solver == TXT_SVM_LIBLINEAR && o->kernel != TXT_SVM_LINEAR)
		return txt_err_set("--solver liblinear is linear only; use --solver libsvm for --kernel rbf");
	if (o->solver == TXT_SVM_LIBLINEAR && o->probability)
		return txt_err_set("--probability needs --solver libsvm");
	if (!(o->c > 0))
		return txt_err_set("C must be positive");
	if (o->kernel == TXT_SVM_RBF && !(o->gamma > 0))
		return txt_err_set("gamma must be positive");
	return 0;
}

struct txt_svm {
	txt_svm_solver solver;
	int ncls;
	struct model *lin;
	struct svm_model *svm;
	int *cls_of;         /* backend class slot -> our class */
	double *pbuf;
};

static void quiet(const char *s)
{
	(void)s;
}

static void backend_quiet(void)
{
	set_print_string_function(quiet);
	svm_set_print_string_function(quiet);
}

/* Class weights: given, or balanced n / (ncls * n_c), or none. */
static double *class_weights(const txt_svm_opts *o, const int *y, size_t n, int ncls)
{
	if (!o->balanced && !o->weight)
		return NULL;
	double *w = txt_xcalloc((size_t)ncls, sizeof *w);
	if (o->weight) {
		memcpy(w, o->weight, (size_t)ncls * sizeof *w);
		return w;
	}
	size_t *cnt = txt_xcalloc((size_t)ncls, sizeof *cnt);
	for (size_t i = 0; i < n; i++)
		cnt[y[i]]++;
	for (int c = 0; c < ncls; c++)
		w[c] = cnt[c] ? (double)n / ((double)ncls * (double)cnt[c]) : 1.0;
	free(cnt);
	return w;
}

/* One row as liblinear nodes: {index, value} pairs, a bias node (index
 * dim + 1), then index -1. */
static size_t lin_row(const txt_fmat *x, size_t r, struct feature_node *nd, int bias_index)
{
	size_t k = 0;
	for (size_t j = x->off[r]; j < x->off[r + 1]; j++, k++) {
		nd[k].index = (int)x->idx[j];
		nd[k].value = x->val[j];
	}
	nd[k].index = bias_index;
	nd[k++].value = 1.0;
	nd[k].index = -1;
	nd[k++].value = 0;
	return k;
}

/* One row as libsvm nodes, ending with index -1. */
static size_t svm_row(const txt_fmat *x, size_t r, struct svm_node *nd)
{
	size_t k = 0;
	for (size_t j = x->off[r]; j < x->off[r + 1]; j++, k++) {
		nd[k].index = (int)x->idx[j];
		nd[k].value = x->val[j];
	}
	nd[k].index = -1;
	nd[k++].value = 0;
	return k;
}

static txt_svm *train_linear(const txt_svm_opts *o, const txt_fmat *x, const int *y, int ncls,
			     size_t dim, const double *cw, int *wl)
{
	size_t n = x->nrows, nn = x->off[n] + 2 * n;
	struct feature_node *nodes = txt_xmalloc(nn * sizeof *nodes);
	struct feature_node **rows = txt_xmalloc((n ? n : 1) * sizeof *rows);
	double *yy = txt_xmalloc((n ? n : 1) * sizeof *yy);
	size_t at = 0;
	for (size_t r = 0; r < n; r++) {
		rows[r] = nodes + at;
		at += lin_row(x, r, nodes + at, (int)dim + 1);
		yy[r] = y[r];
	}
	struct problem p = {(int)n, (int)dim + 1, yy, rows, 1.0};
	struct parameter par = {0};
	par.solver_type = L2R_L2LOSS_SVC_DUAL;
	par.eps = 0.1;
	par.C = o->c;
	if (cw) {
		par.nr_weight = ncls;
		par.weight_label = wl;
		par.weight = (double *)cw;
	}
	txt_svm *m = NULL;
	const char *bad = check_parameter(&p, &par);
	if (bad) {
		txt_err_set("liblinear: %s", bad);
	} else {
		m = txt_xcalloc(1, sizeof *m);
		m->solver = TXT_SVM_LIBLINEAR;
		m->ncls = ncls;
		m->lin = train(&p, &par);
		int *lab = txt_xcalloc((size_t)m->lin->nr_class, sizeof *lab);
		get_labels(m->lin, lab);
		m->cls_of = txt_xcalloc((size_t)ncls, sizeof *m->cls_of);
		for (int i = 0; i < m->lin->nr_class; i++)
			m->cls_of[i] = lab[i];
		m->pbuf = txt_xcalloc((size_t)ncls, sizeof *m->pbuf);
		free(lab);
	}
	txt_free_all(nodes, rows, yy);
	return m;
}

static txt_svm *train_kernel(const txt_svm_opts *o, const txt_fmat *x, const int *y, int ncls,
			     const double *cw, int *wl)
{
	size_t n = x->nrows, nn = x->off[n] + n;
	struct svm_node *nodes = txt_xmalloc((nn ? nn : 1) * sizeof *nodes);
	struct svm_node **rows = txt_xmalloc((n ? n : 1) * sizeof *rows);
	double *yy = txt_xmalloc((n ? n : 1) * sizeof *yy);
	size_t at = 0;
	for (size_t r = 0; r < n; r++) {
		rows[r] = nodes + at;
		at += svm_row(x, r, nodes + at);
		yy[r] = y[r];
	}
	struct svm_problem p = {(int)n, yy, rows};
	struct svm_parameter par = {0};
	par.svm_type = C_SVC;
	par.kernel_type = o->kernel == TXT_SVM_RBF ? RBF : LINEAR;
	par.gamma = o->gamma;
	par.cache_size = 100;
	par.eps = 1e-3;
	par.C = o->c;
	par.shrinking = 1;
	par.probability = o->probability;
	if (cw) {
		par.nr_weight = ncls;
		par.weight_label = wl;
		par.weight = (double *)cw;
	}
	txt_svm *m = NULL;
	const char *bad = svm_check_parameter(&p, &par);
	if (bad) {
		txt_err_set("libsvm: %s", bad);
	} else {
		struct svm_model *sm = svm_train(&p, &par);
		/* the trained model points into our nodes: make it self-contained */
		char *buf;
		size_t len;
		txt_svm tmp = {TXT_SVM_LIBSVM, ncls, NULL, sm, NULL, NULL};
		if (txt_svm_dump(&tmp, &buf, &len) == 0) {
			m = txt_svm_undump(TXT_SVM_LIBSVM, buf, len, ncls);
			free(buf);
		}
		svm_free_and_destroy_model(&sm);
	}
	txt_free_all(nodes, rows, yy);
	return m;
}

txt_svm *txt_svm_train(const txt_svm_opts *o, const txt_fmat *x, const int *y, int ncls, size_t dim)
{
	if (txt_svm_opts_check(o) < 0)
		return NULL;
	if (x->nrows == 0) {
		txt_err_set("no training documents");
		return NULL;
	}
	backend_quiet();
	double *cw = class_weights(o, y, x->nrows, ncls);
	int *wl = NULL; /* the labels cw weighs: the classes 0..ncls-1 */
	if (cw) {
		wl = txt_xmalloc((size_t)ncls * sizeof *wl);
		for (int c = 0; c < ncls; c++)
			wl[c] = c;
	}
	srand((unsigned)o->seed); /* both libraries draw from rand() */
	txt_svm *m = txt_svm_solver_for(o) == TXT_SVM_LIBLINEAR ? train_linear(o, x, y, ncls, dim, cw, wl)
								 : train_kernel(o, x, y, ncls, cw, wl);
	free(wl);
	free(cw);
	return m;
}

void txt_svm_free(txt_svm *m)
{
	if (!m)
		return;
	if (m->lin)
		free_and_destroy_model(&m->lin);
	if (m->svm)
		svm_free_and_destroy_model(&m->svm);
	txt_free_all(m->cls_of, m->pbuf, m);
}

int txt_svm_has_prob(const txt_svm *m)
{
	return m->svm && svm_check_probability_model(m->svm);
}

txt_svm_solver txt_svm_solver_of(const txt_svm *m)
{
	return m->solver;
}

int txt_svm_predict(const txt_svm *m, const txt_fmat *x, size_t r, double *prob)
{
	size_t n = x->off[r + 1] - x->off[r] + 2;
	double out;
	if (m->lin) {
		struct feature_node *nd = txt_xmalloc(n * sizeof *nd);
		lin_row(x, r, nd, get_nr_feature(m->lin) + 1);
		out = predict(m->lin, nd);
		free(nd);
	} else {
		struct svm_node *nd = txt_xmalloc(n * sizeof *nd);
		svm_row(x, r, nd);
		if (prob && txt_svm_has_prob(m)) {
			out = svm_predict_probability(m->svm, nd, m->pbuf);
			for (int i = 0; i < m->ncls; i++)
				prob[i] = 0;
			for (int i = 0; i < svm_get_nr_class(m->svm); i++)
				prob[m->cls_of[i]] = m->pbuf[i];
		} else {
			out = svm_predict(m->svm, nd);
		}
		free(nd);
	}
	return (int)out;
}

/* ---- model text through a temporary file (the backends only save to and
 * load from named files) ---- */

static int tmp_file(char *path, size_t n)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, n, "%s/slant-svm-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return txt_err_set("%s: cannot create a temporary file: %s", path, strerror(errno));
	if (txt_io_remove_later(path) < 0) { /* removed however the process ends */
		close(fd);
		unlink(path);
		return -1;
	}
	return fd;
}

static void tmp_remove(const char *path)
{
	unlink(path);
	txt_io_keep(path);
}

static int slurp(const char *path, char **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return txt_err_set("%s: %s", path, strerror(errno));
	size_t cap = 1 << 16, n = 0;
	char *b = txt_xmalloc(cap);
	size_t got;
	while ((got = fread(b + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			b = txt_xrealloc(b, cap *= 2);
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(b);
		return txt_err_set("%s: read error", path);
	}
	*buf = b;
	*len = n;
	return 0;
}

int txt_svm_dump(const txt_svm *m, char **buf, size_t *len)
{
	char path[4096];
	int fd = tmp_file(path, sizeof path);
	if (fd < 0)
		return -1;
	close(fd);
	int rc = m->lin ? save_model(path, m->lin) : svm_save_model(path, m->svm);
	if (rc != 0) {
		tmp_remove(path);
		return txt_err_set("%s: cannot save the model", path);
	}
	rc = slurp(path, buf, len);
	tmp_remove(path);
	return rc;
}

/* liblinear's load_model leaks its weight array when the weights are short or
 * malformed, and trusts nr_class / nr_feature for its allocations; so check the
 * text first: sane header numbers and exactly enough well-formed weights
 * (nr_w x w_size as load_model reads them). */
static int linear_text_ok(const char *buf, size_t len)
{
	char *s = txt_xmalloc(len + 1), *save = NULL, *end;
	memcpy(s, buf, len);
	s[len] = '\0';
	long ncls = -1, nfeat = -1, need = -1;
	double bias = -1;
	int mcsvm = 0, ok = 0;
	for (char *t = strtok_r(s, " \t\n\r", &save); t; t = strtok_r(NULL, " \t\n\r", &save)) {
		if (need >= 0) {
			if (need == 0)
				break; /* trailing text: load_model ignores it */
			strtod(t, &end);
			if (*end)
				break;
			need--;
			continue;
		}
		char *v = NULL;
		if (!strcmp(t, "solver_type") || !strcmp(t, "nr_class") || !strcmp(t, "nr_feature") ||
		    !strcmp(t, "bias"))
			v = strtok_r(NULL, " \t\n\r", &save);
		if (!strcmp(t, "solver_type"))
			mcsvm = v && !strcmp(v, "MCSVM_CS");
		else if (!strcmp(t, "nr_class"))
			ncls = v ? strtol(v, &end, 10) : -1;
		else if (!strcmp(t, "nr_feature"))
			nfeat = v ? strtol(v, &end, 10) : -1;
		else if (!strcmp(t, "bias"))
			bias = v ? strtod(v, &end) : -1;
		else if (!strcmp(t, "w")) {
			if (ncls < 1 || ncls > 65536 || nfeat < 0 || (size_t)nfeat > len)
				break;
			long nw = ncls == 2 && !mcsvm ? 1 : ncls;
			need = (nfeat + (bias >= 0)) * nw;
			if ((size_t)need > len)
				break;
		}
	}
	ok = need == 0;
	free(s);
	return ok;
}

/* Whole-token numbers (the checks below refuse what load_model would misread). */
static int tok_double(const char *t)
{
	char *e;
	if (!t || !*t)
		return 0;
	strtod(t, &e);
	return *e == '\0';
}

static int tok_long(const char *t, long lo, long hi, long *v)
{
	char *e;
	if (!t || !*t)
		return 0;
	errno = 0;
	long x = strtol(t, &e, 10);
	if (*e || errno || x < lo || x > hi)
		return 0;
	if (v)
		*v = x;
	return 1;
}

/* The rest of a header line: exactly n numbers (ints in lo..hi, or doubles). */
static int svm_list(char **save, long n, int ints, long lo, long hi, long *sum)
{
	long x;
	for (long i = 0; i < n; i++) {
		char *t = strtok_r(NULL, " \t", save);
		if (ints ? !tok_long(t, lo, hi, &x) : !tok_double(t))
			return 0;
		if (sum)
			*sum += x;
	}
	return strtok_r(NULL, " \t", save) == NULL;
}

/* One support vector line: k-1 coefficients, then "index:value" pairs. */
static int svm_sv_line(char *line, long k)
{
	char *save = NULL, *t = strtok_r(line, " \t", &save);
	for (long i = 0; i < k - 1; i++, t = strtok_r(NULL, " \t", &save))
		if (!tok_double(t))
			return 0;
	for (; t; t = strtok_r(NULL, " \t", &save)) {
		char *colon = strchr(t, ':');
		if (!colon)
			return 0;
		*colon = '\0';
		if (!tok_long(t, 0, INT_MAX, NULL) || !tok_double(colon + 1))
			return 0;
	}
	return 1;
}

/* libsvm's svm_load_model leaks on a bad or repeated header key and trusts
 * nr_class, total_sv and nr_sv; so accept only the models slant writes
 * (C-SVC, linear or RBF) with a consistent header and exactly total_sv
 * well-formed support vector lines. */
static int svm_text_ok(const char *buf, size_t len)
{
	static const char *keys[] = {"svm_type", "kernel_type", "degree", "gamma", "coef0",
				     "nr_class", "total_sv", "rho", "label", "probA", "probB",
				     "nr_sv", NULL};
	char *s = txt_xmalloc(len + 1), *p = s, *end = s + len;
	memcpy(s, buf, len);
	s[len] = '\0';
	long k = 0, l = -1, sum = 0, nsv = -1;
	unsigned seen = 0;
	int ok = 1, header = 1;
	while (ok && p < end && (header || nsv < l)) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *line = p;
		if (nl)
			*nl = '\0';
		p = nl ? nl + 1 : end;
		if (!header) {
			ok = svm_sv_line(line, k);
			nsv++;
			continue;
		}
		char *save = NULL, *key = strtok_r(line, " \t", &save), *v;
		if (key && !strcmp(key, "SV")) {
			header = 0;
			nsv = 0;
			ok = k > 0 && l >= 0 && (seen & 0x980) == 0x980 && sum == l;
			continue;
		}
		int i = 0;
		while (keys[i] && (!key || strcmp(key, keys[i])))
			i++;
		if (!keys[i] || (seen & (1u << i)))
			break; /* unknown or repeated */
		seen |= 1u << i;
		long pairs = k * (k - 1) / 2;
		switch (i) {
		case 0: ok = (v = strtok_r(NULL, " \t", &save)) && !strcmp(v, "c_svc"); break;
		case 1: ok = (v = strtok_r(NULL, " \t", &save)) && (!strcmp(v, "linear") || !strcmp(v, "rbf")); break;
		case 2: ok = svm_list(&save, 1, 1, 0, 100, NULL); break;
		case 3: case 4: ok = svm_list(&save, 1, 0, 0, 0, NULL); break;
		case 5: ok = tok_long(strtok_r(NULL, " \t", &save), 1, 65536, &k); break;
		case 6: ok = tok_long(strtok_r(NULL, " \t", &save), 0, (long)(len < LONG_MAX ? len : LONG_MAX), &l); break;
		case 8: ok = k > 0 && svm_list(&save, k, 1, INT_MIN, INT_MAX, NULL); break;
		case 11: ok = k > 0 && l >= 0 && svm_list(&save, k, 1, 0, l, &sum); break;
		default: ok = k > 0 && svm_list(&save, pairs, 0, 0, 0, NULL); break; /* rho, probA/B */
		}
	}
	ok = ok && !header && nsv == l;
	free(s);
	return ok;
}

/* The backend labels are our class numbers; check they are in range. */
static int labels_ok(const int *lab, int nlab, int ncls)
{
	if (nlab < 1 || nlab > ncls)
		return 0;
	for (int i = 0; i < nlab; i++)
		if (lab[i] < 0 || lab[i] >= ncls)
			return 0;
	return 1;
}

txt_svm *txt_svm_undump(txt_svm_solver s, const char *buf, size_t len, int ncls)
{
	char path[4096];
	int fd = tmp_file(path, sizeof path);
	if (fd < 0)
		return NULL;
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, buf + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			txt_err_set("%s: cannot write a temporary file: %s", path,
				    strerror(w < 0 ? errno : EIO));
			close(fd);
			tmp_remove(path);
			return NULL;
		}
		done += (size_t)w;
	}
	close(fd);
	backend_quiet();
	/* the backends' loaders print to stderr on bad input: libtext must not */
	fflush(stderr);
	int saved = dup(2), null = open("/dev/null", O_WRONLY);
	if (null >= 0) {
		dup2(null, 2);
		close(null);
	}
	txt_svm *m = txt_xcalloc(1, sizeof *m);
	m->solver = s;
	m->ncls = ncls;
	int nlab = 0, *lab = NULL;
	if (s == TXT_SVM_LIBLINEAR) {
		m->lin = linear_text_ok(buf, len) ? load_model(path) : NULL;
		if (m->lin) {
			nlab = get_nr_class(m->lin);
			lab = txt_xcalloc((size_t)(nlab > 0 ? nlab : 1), sizeof *lab);
			get_labels(m->lin, lab);
		}
	} else {
		m->svm = svm_text_ok(buf, len) ? svm_load_model(path) : NULL;
		if (m->svm) {
			nlab = svm_get_nr_class(m->svm);
			lab = txt_xcalloc((size_t)(nlab > 0 ? nlab : 1), sizeof *lab);
			svm_get_labels(m->svm, lab);
		}
	}
	tmp_remove(path);
	if (saved >= 0) {
		dup2(saved, 2);
		close(saved);
	}
	if ((!m->lin && !m->svm) || !labels_ok(lab, nlab, ncls)) {
		free(lab);
		txt_svm_free(m);
		txt_err_set("the embedded %s model does not load", txt_svm_solver_name(s));
		return NULL;
	}
	m->cls_of = txt_xcalloc((size_t)ncls, sizeof *m->cls_of);
	for (int i = 0; i < nlab; i++)
		m->cls_of[i] = lab[i];
	m->pbuf = txt_xcalloc((size_t)ncls, sizeof *m->pbuf);
	free(lab);
	return m;
}

/* ---- metrics ---- */

double txt_svm_accuracy(const uint64_t *conf, int k)
{
	uint64_t ok = 0, all = 0;
	for (int g = 0; g < k; g++)
		for (int p = 0; p < k; p++) {
			all += conf[g * k + p];
			if (g == p)
				ok += conf[g * k + p];
		}
	return all ? (double)ok / (double)all : 0.0;
}

void txt_svm_prf(const uint64_t *conf, int k, int c, double *p, double *r, double *f1)
{
	uint64_t tp = conf[c * k + c], predc = 0, goldc = 0;
	for (int i = 0; i < k; i++) {
		predc += conf[i * k + c];
		goldc += conf[c * k + i];
	}
	double pp = predc ? (double)tp / (double)predc : 0.0;
	double rr = goldc ? (double)tp / (double)goldc : 0.0;
	*p = pp;
	*r = rr;
	*f1 = pp + rr > 0 ? 2 * pp * rr / (pp + rr) : 0.0;
}

double txt_svm_favg(const uint64_t *conf, int k, const int *cls, int n)
{
	double s = 0, p, r, f;
	for (int i = 0; i < n; i++) {
		txt_svm_prf(conf, k, cls[i], &p, &r, &f);
		s += f;
	}
	return n ? s / n : 0.0;
}

double txt_svm_macro_f1(const uint64_t *conf, int k)
{
	double s = 0, p, r, f;
	for (int c = 0; c < k; c++) {
		txt_svm_prf(conf, k, c, &p, &r, &f);
		s += f;
	}
	return k ? s / k : 0.0;
}

int txt_svm_metric_parse(const char *s, char *const *labels, int k, txt_svm_metric *m)
{
	memset(m, 0, sizeof *m);
	if (strcmp(s, "accuracy") == 0)
		return 0;
	if (strcmp(s, "macro-f1") == 0) {
		m->kind = 1;
		return 0;
	}
	if (strncmp(s, "f-avg:", 6) != 0)
		return txt_err_set("unknown metric '%s' (accuracy, macro-f1, f-avg:A,B)", s);
	m->kind = 2;
	const char *p = s + 6;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		int found = -1;
		for (int c = 0; c < k; c++)
			if (strlen(labels[c]) == n && memcmp(labels[c], p, n) == 0)
				found = c;
		if (found < 0)
			return txt_err_set("f-avg: '%.*s' is not a label", (int)n, p);
		if (m->n == 16)
			return txt_err_set("f-avg: too many labels");
		m->cls[m->n++] = found;
		p = e ? e + 1 : p + n;
	}
	if (m->n == 0)
		return txt_err_set("f-avg: name the labels, as in f-avg:FAVOR,AGAINST");
	return 0;
}

double txt_svm_metric_value(const txt_svm_metric *m, const uint64_t *conf, int k)
{
	if (m->kind == 1)
		return txt_svm_macro_f1(conf, k);
	if (m->kind == 2)
		return txt_svm_favg(conf, k, m->cls, m->n);
	return txt_svm_accuracy(conf, k);
}

/* ---- folds and cross-validation ---- */

void txt_svm_folds(const int *y, size_t n, int k, unsigned long seed, int *fold)
{
	int ncls = 0;
	for (size_t i = 0; i < n; i++)
		if (y[i] + 1 > ncls)
			ncls = y[i] + 1;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, seed);
	size_t *idx = txt_xmalloc((n ? n : 1) * sizeof *idx);
	size_t deal = 0;
	for (int c = 0; c < ncls; c++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (y[i] == c)
				idx[m++] = i;
		if (m > 1)
			gsl_ran_shuffle(rng, idx, m, sizeof *idx);
		for (size_t i = 0; i < m; i++)
			fold[idx[i]] = (int)(deal++ % (size_t)k);
	}
	free(idx);
	gsl_rng_free(rng);
}

static int cv_fold(const txt_feat_opts *fo, const txt_svm_opts *so, const txt_feat_corpus *c,
		   const int *y, int ncls, const size_t *tr, size_t ntr, const size_t *te,
		   size_t nte, const double *cs, int nc, const double *gammas, int ngamma,
		   uint64_t *conf, int *pred)
{
	int *ytr = txt_xmalloc((ntr ? ntr : 1) * sizeof *ytr);
	for (size_t i = 0; i < ntr; i++)
		ytr[i] = y[tr[i]];
	txt_feat *f = txt_feat_fit(fo, c, tr, ntr, ytr, ncls);
	if (!f) {
		free(ytr);
		return -1;
	}
	txt_fmat *xtr = txt_feat_rows(f, c, tr, ntr);
	txt_fmat *xte = txt_feat_rows(f, c, te, nte);
	int rc = 0;
	for (int g = 0; g < nc * ngamma && rc == 0; g++) {
		txt_svm_opts o = *so;
		o.c = cs[g % nc];
		if (gammas)
			o.gamma = gammas[g / nc];
		txt_svm *m = txt_svm_train(&o, xtr, ytr, ncls, txt_feat_size(f));
		if (!m) {
			rc = -1;
			break;
		}
		uint64_t *cf = conf + (size_t)g * (size_t)ncls * (size_t)ncls;
		for (size_t i = 0; i < nte; i++) {
			int p = txt_svm_predict(m, xte, i, NULL);
			cf[y[te[i]] * ncls + p]++;
			if (g == 0 && pred)
				pred[te[i]] = p;
		}
		txt_svm_free(m);
	}
	txt_fmat_free(xtr);
	txt_fmat_free(xte);
	txt_feat_free(f);
	free(ytr);
	return rc;
}

int txt_svm_cv(const txt_feat_opts *fo, const txt_svm_opts *so, const txt_feat_corpus *c,
	       const int *y, int ncls, const int *fold, int k, const double *cs, int nc,
	       const double *gammas, int ngamma, uint64_t *conf, int *pred)
{
	size_t n = txt_feat_corpus_size(c);
	size_t *tr = txt_xmalloc((n ? n : 1) * sizeof *tr);
	size_t *te = txt_xmalloc((n ? n : 1) * sizeof *te);
	int rc = 0;
	for (int f = 0; f < k && rc == 0; f++) {
		size_t ntr = 0, nte = 0;
		for (size_t i = 0; i < n; i++) {
			if (fold[i] < 0)
				continue;
			if (fold[i] == f)
				te[nte++] = i;
			else
				tr[ntr++] = i;
		}
		if (nte == 0 || ntr == 0)
			continue;
		if (so->progress)
			so->progress(so->progress_arg, f + 1, k);
		rc = cv_fold(fo, so, c, y, ncls, tr, ntr, te, nte, cs, nc, gammas,
			     ngamma > 0 ? ngamma : 1, conf, pred);
	}
	free(tr);
	free(te);
	return rc;
}
