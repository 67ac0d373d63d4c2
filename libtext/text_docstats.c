/* text_docstats: see text_docstats.h. */
#include "text_docstats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text_err.h"
#include "text_map.h"
#include "text_sent.h"

typedef struct unit {
	uint32_t *ids;
	size_t n, cap;
	uint64_t sentences, words_en, sentences_en, syllables_en, complex_en;
} unit;

struct txt_docstats {
	txt_tok *tok;
	txt_map *words;
	size_t window;
	double threshold;
	unit *u;
	size_t nu;
	size_t *starts; /* word token starts of the current document */
	size_t nstarts, capstarts;
};

/* ---- the measures ---- */

/* Dense ids 0..m-1 for ids[0..n) into out; returns m. */
static size_t dense_ids(const uint32_t *ids, size_t n, uint32_t *out)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	uint64_t *slot = txt_xcalloc(cap, sizeof *slot); /* (id + 1) << 32 | local */
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		size_t h = (size_t)(((uint64_t)ids[i] * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1);
		while (slot[h] && (slot[h] >> 32) != (uint64_t)ids[i] + 1)
			h = (h + 1) & (cap - 1);
		if (!slot[h])
			slot[h] = ((uint64_t)ids[i] + 1) << 32 | m++;
		out[i] = (uint32_t)slot[h];
	}
	free(slot);
	return m;
}

double txt_docstats_mattr(const uint32_t *ids, size_t n, size_t window)
{
	if (n == 0 || window == 0)
		return NAN;
	uint32_t *d = txt_xreallocarray(NULL, n, sizeof *d);
	size_t m = dense_ids(ids, n, d);
	uint32_t *cnt = txt_xcalloc(m, sizeof *cnt);
	size_t w = window < n ? window : n, types = 0;
	for (size_t i = 0; i < w; i++)
		types += cnt[d[i]]++ == 0;
	double sum = (double)types;
	for (size_t i = w; i < n; i++) {
		types -= --cnt[d[i - w]] == 0;
		types += cnt[d[i]]++ == 0;
		sum += (double)types;
	}
	free(cnt);
	free(d);
	return sum / ((double)w * (double)(n - w + 1));
}

/* Factors of one direction (McCarthy & Jarvis 2010, p. 384): step is +1
 * (forwards) or -1 (backwards).  cnt is zero on entry and on return. */
static double mtld_factors(const uint32_t *d, size_t n, int step, double thr, uint32_t *cnt)
{
	double factors = 0;
	size_t len = 0, types = 0, seg = 0; /* seg: first position of the segment */
	for (size_t k = 0; k < n; k++) {
		size_t i = step > 0 ? k : n - 1 - k;
		types += cnt[d[i]]++ == 0;
		len++;
		if ((double)types / (double)len <= thr) {
			factors += 1;
			for (size_t j = seg; j <= k; j++)
				cnt[d[step > 0 ? j : n - 1 - j]] = 0;
			seg = k + 1;
			len = types = 0;
		}
	}
	if (len > 0) {
		factors += (1 - (double)types / (double)len) / (1 - thr);
		for (size_t j = seg; j < n; j++)
			cnt[d[step > 0 ? j : n - 1 - j]] = 0;
	}
	return factors;
}

double txt_docstats_mtld(const uint32_t *ids, size_t n, double threshold)
{
	if (n == 0)
		return NAN;
	uint32_t *d = txt_xreallocarray(NULL, n, sizeof *d);
	size_t m = dense_ids(ids, n, d);
	uint32_t *cnt = txt_xcalloc(m, sizeof *cnt);
	double fw = mtld_factors(d, n, 1, threshold, cnt);
	double bw = mtld_factors(d, n, -1, threshold, cnt);
	free(cnt);
	free(d);
	if (fw <= 0 || bw <= 0)
		return NAN;
	return ((double)n / fw + (double)n / bw) / 2;
}

static int vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* A consonant letter (anything but a vowel; y counts as a vowel here). */
static int cons(char c)
{
	return !vowel(c);
}

unsigned txt_docstats_syllables(const char *w, size_t n)
{
	unsigned runs = 0;
	for (size_t i = 0; i < n; i++) {
		int v = vowel(w[i]) && !(w[i] == 'y' && i == 0);
		int pv = i > 0 && vowel(w[i - 1]) && !(w[i - 1] == 'y' && i - 1 == 0);
		runs += v && !pv;
	}
	if (n >= 3 && w[n - 1] == 'e' && cons(w[n - 2]) && runs > 1 &&
	    !(w[n - 2] == 'l' && cons(w[n - 3])))
		runs--;
	else if (n >= 4 && w[n - 1] == 's' && w[n - 2] == 'e' && cons(w[n - 3]) &&
		 !strchr("cgsxz", w[n - 3]) && !(w[n - 3] == 'h' && strchr("cs", w[n - 4])) &&
		 runs > 1)
		runs--;
	else if (n >= 4 && w[n - 1] == 'd' && w[n - 2] == 'e' && cons(w[n - 3]) &&
		 w[n - 3] != 'd' && w[n - 3] != 't' && runs > 1)
		runs--;
	return runs ? runs : 1;
}

/* ---- units ---- */

txt_docstats *txt_docstats_new(const txt_tok_opts *tok, size_t window, double threshold)
{
	if (window < 1)
		return txt_err_set("window: must be at least 1"), NULL;
	if (!(threshold > 0 && threshold < 1))
		return txt_err_set("threshold: must lie between 0 and 1"), NULL;
	txt_tok *t = txt_tok_new(tok);
	if (!t)
		return NULL;
	txt_docstats *d = txt_xcalloc(1, sizeof *d);
	d->tok = t;
	d->words = txt_map_new(1024);
	d->window = window;
	d->threshold = threshold;
	return d;
}

void txt_docstats_free(txt_docstats *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nu; i++)
		free(d->u[i].ids);
	free(d->u);
	free(d->starts);
	txt_map_free(d->words);
	txt_tok_free(d->tok);
	free(d);
}

static unit *get_unit(txt_docstats *d, size_t u)
{
	if (u >= d->nu) {
		d->u = txt_xreallocarray(d->u, u + 1, sizeof *d->u);
		memset(d->u + d->nu, 0, (u + 1 - d->nu) * sizeof *d->u);
		d->nu = u + 1;
	}
	return &d->u[u];
}

static void push_id(unit *un, uint32_t id)
{
	if (un->n == un->cap) {
		un->cap = un->cap ? 2 * un->cap : 256;
		un->ids = txt_xreallocarray(un->ids, un->cap, sizeof *un->ids);
	}
	un->ids[un->n++] = id;
}

/* Sentences of the text holding at least one of the word starts (sorted). */
static uint64_t count_sentences(const char *text, size_t len, const size_t *starts, size_t ns)
{
	txt_span *sp = NULL;
	size_t nsp = txt_sent_split(text, len, &sp), k = 0;
	uint64_t count = 0;
	for (size_t i = 0; i < nsp && k < ns; i++) {
		while (k < ns && starts[k] < sp[i].start)
			k++;
		if (k < ns && starts[k] < sp[i].start + sp[i].len)
			count++;
	}
	free(sp);
	return count;
}

void txt_docstats_add(txt_docstats *d, size_t u, const char *text, size_t len, int english)
{
	unit *un = get_unit(d, u);
	txt_token k;
	d->nstarts = 0;
	uint64_t syl = 0, complex = 0;
	txt_tok_start(d->tok, text, len);
	while (txt_tok_next(d->tok, &k)) {
		if (k.type != TXT_TOK_WORD)
			continue;
		push_id(un, txt_map_put(d->words, k.s, k.len, NULL));
		if (d->nstarts == d->capstarts) {
			d->capstarts = d->capstarts ? 2 * d->capstarts : 256;
			d->starts = txt_xreallocarray(d->starts, d->capstarts, sizeof *d->starts);
		}
		d->starts[d->nstarts++] = k.start;
		if (english) {
			unsigned s = 0;
			/* parts of a hyphenated word are counted separately */
			for (size_t a = 0, b; a < k.len; a = b + 1) {
				for (b = a; b < k.len && k.s[b] != '-'; b++)
					;
				if (b > a)
					s += txt_docstats_syllables(k.s + a, b - a);
			}
			syl += s;
			complex += s >= 3;
		}
	}
	uint64_t sent = count_sentences(text, len, d->starts, d->nstarts);
	un->sentences += sent;
	if (english) {
		un->words_en += d->nstarts;
		un->sentences_en += sent;
		un->syllables_en += syl;
		un->complex_en += complex;
	}
}

static uint64_t count_types(const unit *un)
{
	if (un->n == 0)
		return 0;
	uint32_t *d = txt_xreallocarray(NULL, un->n, sizeof *d);
	size_t m = dense_ids(un->ids, un->n, d);
	free(d);
	return m;
}

void txt_docstats_get(txt_docstats *d, size_t u, txt_dstat *o)
{
	unit *un = get_unit(d, u);
	memset(o, 0, sizeof *o);
	o->tokens = un->n;
	o->types = count_types(un);
	o->sentences = un->sentences;
	o->ttr = un->n ? (double)o->types / (double)un->n : NAN;
	o->mattr = txt_docstats_mattr(un->ids, un->n, d->window);
	o->mtld = txt_docstats_mtld(un->ids, un->n, d->threshold);
	o->mean_sentence_length = un->sentences ? (double)un->n / (double)un->sentences : NAN;
	o->words_en = un->words_en;
	o->sentences_en = un->sentences_en;
	o->syllables_en = un->syllables_en;
	o->complex_en = un->complex_en;
	o->flesch = o->fk_grade = o->fog = NAN;
	if (un->words_en && un->sentences_en) {
		double wps = (double)un->words_en / (double)un->sentences_en;
		double spw = (double)un->syllables_en / (double)un->words_en;
		o->flesch = 206.835 - 1.015 * wps - 84.6 * spw;
		o->fk_grade = 0.39 * wps + 11.8 * spw - 15.59;
		o->fog = 0.4 * (wps + 100.0 * (double)un->complex_en / (double)un->words_en);
	}
}

void txt_docstats_clear(txt_docstats *d, size_t u)
{
	unit *un = get_unit(d, u);
	free(un->ids);
	memset(un, 0, sizeof *un);
}
