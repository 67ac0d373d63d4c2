/* text_frame: see text_frame.h. */
#include "text_frame.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text_err.h"
#include "text_io.h"
#include "text_stats.h"
#include "text_tsv.h"

/* ---- the lexicon ---- */

typedef struct norm_ctx {
	txt_tok *tok;
	txt_tokseq q;
} norm_ctx;

/* Pattern words are normalised by the same tokenizer. */
static char *norm_word(const char *w, size_t n, void *ctx)
{
	norm_ctx *c = ctx;
	txt_tokseq_fill(&c->q, c->tok, w, n);
	if (c->q.n == 0) {
		txt_err_set("no word characters");
		return NULL;
	}
	size_t len = 0;
	for (size_t i = 0; i < c->q.n; i++)
		len += strlen(c->q.tok[i]) + 1;
	char *s = txt_xmalloc(len), *p = s;
	for (size_t i = 0; i < c->q.n; i++) {
		size_t l = strlen(c->q.tok[i]);
		memcpy(p, c->q.tok[i], l);
		p += l;
		*p++ = i + 1 < c->q.n ? ' ' : '\0';
	}
	return s;
}

static const char lex_none[] = "none\tnone\n";

static txt_lex *load(const char *name, norm_ctx *c)
{
	if (!name)
		return txt_lex_parse("(none)", lex_none, strlen(lex_none), TXT_LEX_TSV, norm_word, c);
	if (strchr(name, '/') || access(name, F_OK) == 0)
		return txt_lex_load(name, TXT_LEX_AUTO, norm_word, c);
	size_t n = strlen(name) + 20;
	char *rel = txt_xmalloc(n);
	snprintf(rel, n, "frames/%s.tsv", name);
	char *path = txt_models_path(rel);
	free(rel);
	txt_lex *lx = NULL;
	if (access(path, F_OK) == 0)
		lx = txt_lex_load(path, TXT_LEX_AUTO, norm_word, c);
	else
		txt_err_set("%s: no such file, nor a shipped lexicon %s", name, path);
	free(path);
	return lx;
}

txt_lex *txt_frame_lexicon(const char *name, txt_tok *tok)
{
	norm_ctx c = {tok, {0}};
	txt_lex *lx = load(name, &c);
	txt_tokseq_free(&c.q);
	return lx;
}

/* ---- the documents ---- */

static void add_terms(txt_frame_docs *d, uint32_t g, const txt_tokseq *q)
{
	for (size_t i = 0; i < q->n; i++) {
		uint32_t id = txt_map_put(d->terms, q->tok[i], strlen(q->tok[i]), NULL);
		if (id >= d->tfcap[g]) {
			size_t cap = (id + 1) * 2;
			d->tf[g] = txt_xreallocarray(d->tf[g], cap, sizeof **d->tf);
			memset(d->tf[g] + d->tfcap[g], 0, (cap - d->tfcap[g]) * sizeof **d->tf);
			d->tfcap[g] = cap;
		}
		d->tf[g][id] += 1;
	}
}

static void grow(txt_frame_docs *d)
{
	if (d->ndocs < d->cap)
		return;
	d->cap = d->cap ? 2 * d->cap : 256;
	d->group = txt_xreallocarray(d->group, d->cap, sizeof *d->group);
	d->id = txt_xreallocarray(d->id, d->cap, sizeof *d->id);
	d->x = txt_xreallocarray(d->x, d->cap * d->k, sizeof *d->x);
}

/* One document: its group, tokens, hits and frames used. */
static void add_doc(txt_frame_docs *d, const char *id, const char *group, const txt_tokseq *q,
		    const double *hits, int terms)
{
	grow(d);
	size_t before = txt_map_size(d->groups);
	uint32_t g = txt_map_put(d->groups, group, strlen(group), NULL);
	double *x = d->x + d->ndocs * d->k;
	x[0] = (double)q->n;
	for (size_t f = 0; f < d->nf; f++) {
		x[1 + f] = hits[f];
		x[1 + d->nf + f] = hits[f] > 0;
	}
	d->group[d->ndocs] = g;
	d->id[d->ndocs++] = txt_xstrdup(id);
	if (!terms)
		return;
	if (txt_map_size(d->groups) > before) {
		d->tf = txt_xreallocarray(d->tf, g + 1, sizeof *d->tf);
		d->tfcap = txt_xreallocarray(d->tfcap, g + 1, sizeof *d->tfcap);
		d->tf[g] = NULL;
		d->tfcap[g] = 0;
	}
	add_terms(d, g, q);
}

int txt_frame_read(txt_frame_docs *d, const char *path, const char *by, const txt_lex *lx,
		   txt_tok *tok, int overlap, int terms, txt_lex_matches *m)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		return -1;
	long cid = txt_table_need(t, "id", "docs"), ctext = txt_table_need(t, "text", "docs");
	long cby = txt_table_need(t, by, "docs");
	int rc = cid < 0 || ctext < 0 || cby < 0 ? -1 : 1;
	d->groups = txt_map_new(16);
	d->terms = txt_map_new(terms ? 1024 : 1);
	d->nf = txt_lex_nframes(lx);
	d->k = 1 + 2 * d->nf;
	double *hits = txt_xcalloc(d->nf ? d->nf : 1, sizeof *hits);
	txt_tokseq q = {0};
	txt_row *row;
	while (rc == 1 && (rc = txt_table_next(t, &row)) == 1) {
		txt_tokseq_fill(&q, tok, row->f[ctext].s, row->f[ctext].len);
		memset(hits, 0, d->nf * sizeof *hits);
		txt_lex_count(lx, q.tok, q.brk, q.n, overlap, hits);
		if (m && txt_lex_matches_doc(m, row->f[cid].s, txt_table_lineno(t), row->f[ctext].s,
		                             q.tok, q.brk, q.start, q.end, q.n) < 0)
			rc = -1;
		add_doc(d, row->f[cid].s, row->f[cby].s, &q, hits, terms);
	}
	if (rc == 0 && d->ndocs == 0)
		rc = txt_err_set("%s: no documents", txt_table_name(t));
	txt_table_close(t);
	txt_tokseq_free(&q);
	free(hits);
	return rc < 0 ? -1 : 0;
}

void txt_frame_docs_free(txt_frame_docs *d)
{
	for (size_t i = 0; i < d->ndocs; i++)
		free(d->id[i]);
	for (size_t g = 0; d->tf && g < txt_map_size(d->groups); g++)
		free(d->tf[g]);
	txt_free_all(d->tf, d->tfcap, d->id, d->group, d->x);
	txt_map_free(d->groups);
	txt_map_free(d->terms);
}

const char *txt_frame_group(const txt_frame_docs *d, uint32_t g)
{
	return txt_map_key(d->groups, g, NULL);
}

size_t txt_frame_ngroups(const txt_frame_docs *d) { return txt_map_size(d->groups); }

static const txt_frame_docs *sort_docs;

static int group_cmp(const void *a, const void *b)
{
	return strcmp(txt_frame_group(sort_docs, *(const uint32_t *)a),
		      txt_frame_group(sort_docs, *(const uint32_t *)b));
}

uint32_t *txt_frame_order(const txt_frame_docs *d)
{
	size_t ng = txt_frame_ngroups(d);
	uint32_t *ord = txt_xreallocarray(NULL, ng ? ng : 1, sizeof *ord);
	for (size_t g = 0; g < ng; g++)
		ord[g] = (uint32_t)g;
	sort_docs = d;
	qsort(ord, ng, sizeof *ord, group_cmp);
	return ord;
}

double txt_frame_jsd(const txt_frame_docs *d, uint32_t a, uint32_t b)
{
	size_t nv = txt_map_size(d->terms) ? txt_map_size(d->terms) : 1;
	double *p = txt_xcalloc(nv, sizeof *p), *q = txt_xcalloc(nv, sizeof *q);
	for (size_t t = 0; t < d->tfcap[a] && t < nv; t++)
		p[t] = d->tf[a][t];
	for (size_t t = 0; t < d->tfcap[b] && t < nv; t++)
		q[t] = d->tf[b][t];
	double v = txt_stats_jsd(p, q, nv);
	free(p);
	free(q);
	return v;
}

/* ---- the bootstrap ---- */

/* Statistics of one sample of group sums s[g*k ..]: rate and share of
 * frame f for group g, and g's rate minus the rest's. */
static void stats_of(const txt_frame_docs *d, const double *s, const double *all,
		     const size_t *size, size_t g, size_t f, double out[3])
{
	const double *sg = s + g * d->k;
	double tok_rest = all[0] - sg[0], hit_rest = all[1 + f] - sg[1 + f];
	out[0] = sg[0] > 0 ? 1000 * sg[1 + f] / sg[0] : NAN;
	out[1] = size[g] ? sg[1 + d->nf + f] / (double)size[g] : NAN;
	out[2] = tok_rest > 0 && sg[0] > 0 ? out[0] - 1000 * hit_rest / tok_rest : NAN;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Percentile interval of the non-NaN values v[0..n) (sorted in place). */
static void interval(double *v, size_t n, double level, double *lo, double *hi)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[m++] = v[i];
	qsort(v, m, sizeof *v, cmp_double);
	*lo = txt_stats_quantile(v, m, (1 - level) / 2);
	*hi = txt_stats_quantile(v, m, 1 - (1 - level) / 2);
}

/* all[j] = sum over groups of s[g*k + j]. */
static void totals(const txt_frame_docs *d, size_t ng, const double *s, double *all)
{
	memset(all, 0, d->k * sizeof *all);
	for (size_t g = 0; g < ng; g++)
		for (size_t j = 0; j < d->k; j++)
			all[j] += s[g * d->k + j];
}

/* Each group's documents: mem[g][0 .. size[g]). */
static size_t **members(const txt_frame_docs *d, size_t ng, size_t *size)
{
	size_t **mem = txt_xcalloc(ng ? ng : 1, sizeof *mem);
	for (size_t i = 0; i < d->ndocs; i++)
		size[d->group[i]]++;
	for (size_t g = 0; g < ng; g++)
		mem[g] = txt_xreallocarray(NULL, size[g] ? size[g] : 1, sizeof **mem), size[g] = 0;
	for (size_t i = 0; i < d->ndocs; i++)
		mem[d->group[i]][size[d->group[i]]++] = i;
	return mem;
}

/* rep[((g*nf + f)*3 + stat)*B + b]: the statistics of B resamples. */
static double *replicates(const txt_frame_docs *d, size_t **mem, const size_t *size, size_t B,
			  unsigned long seed)
{
	size_t ng = txt_frame_ngroups(d), nf = d->nf, k = d->k;
	double *rep = txt_xcalloc(ng * nf * 3 * (B ? B : 1), sizeof *rep);
	double *all = txt_xcalloc(k, sizeof *all), *s = txt_xcalloc(ng * k, sizeof *s);
	gsl_rng *r = txt_stats_rng_new(seed);
	for (size_t b = 0; b < B; b++) {
		txt_stats_boot_sums(r, (const size_t *const *)mem, size, ng, d->x, k, s);
		totals(d, ng, s, all);
		for (size_t g = 0; g < ng; g++)
			for (size_t f = 0; f < nf; f++) {
				double v[3];
				stats_of(d, s, all, size, g, f, v);
				for (int t = 0; t < 3; t++)
					rep[((g * nf + f) * 3 + (size_t)t) * B + b] = v[t];
			}
	}
	gsl_rng_free(r);
	free(all);
	free(s);
	return rep;
}

int txt_frame_boot(const txt_frame_docs *d, size_t B, unsigned long seed, double level,
		   txt_frame_table *t)
{
	size_t ng = txt_frame_ngroups(d), nf = d->nf, k = d->k, n = ng * nf * 3;
	if ((double)ng * (double)nf * 3 * (double)B * sizeof(double) > 2e9)
		return txt_err_set("%zu groups x %zu frames x %zu resamples need more than 2 GB: "
				   "use fewer groups or a smaller --boot", ng, nf, B);
	*t = (txt_frame_table){ng, nf, txt_xcalloc(ng ? ng : 1, sizeof *t->size),
			       txt_xcalloc(ng * k + 1, sizeof *t->obs), txt_xcalloc(n + 1, sizeof *t->v),
			       txt_xcalloc(n + 1, sizeof *t->lo), txt_xcalloc(n + 1, sizeof *t->hi)};
	size_t **mem = members(d, ng, t->size);
	for (size_t i = 0; i < d->ndocs; i++)
		for (size_t j = 0; j < k; j++)
			t->obs[d->group[i] * k + j] += d->x[i * k + j];
	double *rep = replicates(d, mem, t->size, B, seed);
	double *all = txt_xcalloc(k, sizeof *all);
	totals(d, ng, t->obs, all);
	for (size_t g = 0; g < ng; g++)
		for (size_t f = 0; f < nf; f++) {
			size_t at = (g * nf + f) * 3;
			stats_of(d, t->obs, all, t->size, g, f, t->v + at);
			for (size_t s = 0; s < 3; s++) {
				t->lo[at + s] = t->hi[at + s] = NAN;
				if (B)
					interval(rep + (at + s) * B, B, level, &t->lo[at + s],
						 &t->hi[at + s]);
			}
		}
	for (size_t g = 0; g < ng; g++)
		free(mem[g]);
	txt_free_all(mem, rep, all);
	return 0;
}

void txt_frame_table_free(txt_frame_table *t)
{
	txt_free_all(t->size, t->obs, t->v, t->lo, t->hi);
}
