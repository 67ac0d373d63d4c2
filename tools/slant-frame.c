/* slant-frame: frame scores per source from a lexicon, with bootstrap
 * intervals; or the Jensen-Shannon divergence between sources.
 * docs + lexicon -> report table.  See slant-frame(1). */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text_cli.h"
#include "text_err.h"
#include "text_io.h"
#include "text_lex.h"
#include "text_report.h"
#include "text_stats.h"
#include "text_tok.h"
#include "text_tsv.h"

static const char usage_text[] =
	"Usage: slant-frame -l LEXICON [OPTION]... [DOCS]\n"
	"Score how often each source uses each frame of a lexicon: hits per 1,000\n"
	"tokens and the share of documents using the frame, with 95% bootstrap\n"
	"intervals (documents resampled within each source), and each source\n"
	"minus the rest.  DOCS '-' or none: standard input.\n"
	"\n"
	"  -l, --lexicon=FILE   frames: TSV (frame<TAB>pattern), LIWC .dic or YAML;\n"
	"                       a bare NAME means models/frames/NAME.tsv\n"
	"  -b, --by=COL         group by this docs column (default source)\n"
	"  -B, --boot=N         bootstrap resamples (default 1000; 0: none)\n"
	"  -s, --seed=N         random seed (default 1)\n"
	"      --level=L        interval level in (0,1) (default 0.95)\n"
	"      --overlap=M      longest (default): of the patterns matching at a\n"
	"                       token the longest wins, for its frames only;\n"
	"                       independent: each frame matches on its own\n"
	"                       (quanteda's tokens_lookup)\n"
	"      --per-doc        one row per document and frame instead\n"
	"      --divergence     group x group Jensen-Shannon divergence (bits) of\n"
	"                       the term distributions instead\n"
	"      --digits=N       significant digits (default 6)\n"
	"  -F, --format=F       tsv (default), csv, md\n"
	"  -o, --output=FILE    write to FILE (default stdout)\n"
	"  -f, --force          replace an existing FILE\n"
	"  -z, --gzip           compress the output\n"
	"  -q, --quiet          no progress\n"
	"      --help           show this help\n"
	"      --version        show the version\n";

typedef struct opts {
	const char *lexicon, *by, *out;
	long boot, seed;
	double level;
	int per_doc, divergence, digits, format, wflags, overlap;
} opts;

static const char *const overlap_names[] = {"longest", "independent"};

/* ---- tokens: text_tok (folded, punctuation dropped), copied so that a
 * document's tokens can be matched as a sequence. ---- */

typedef struct toks {
	txt_tok *tk;
	char *buf;
	size_t nbuf, capbuf;
	size_t *off;
	const char **tok;
	unsigned char *brk; /* a sentence or line break before the token */
	size_t n, cap;
} toks;

static void toks_push(toks *t, const txt_token *k)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->off = txt_xreallocarray(t->off, t->cap, sizeof *t->off);
		t->tok = txt_xreallocarray(t->tok, t->cap, sizeof *t->tok);
		t->brk = txt_xreallocarray(t->brk, t->cap, sizeof *t->brk);
	}
	if (t->nbuf + k->len + 1 > t->capbuf) {
		t->capbuf = 2 * (t->nbuf + k->len + 1);
		t->buf = txt_xrealloc(t->buf, t->capbuf);
	}
	t->brk[t->n] = (unsigned char)k->brk;
	t->off[t->n++] = t->nbuf;
	memcpy(t->buf + t->nbuf, k->s, k->len);
	t->nbuf += k->len;
	t->buf[t->nbuf++] = '\0';
}

static void tokenize(toks *t, const char *s, size_t len)
{
	txt_token k;
	t->n = 0;
	t->nbuf = 0;
	txt_tok_start(t->tk, s, len);
	while (txt_tok_next(t->tk, &k))
		toks_push(t, &k);
	for (size_t i = 0; i < t->n; i++)
		t->tok[i] = t->buf + t->off[i];
}

static void toks_free(toks *t)
{
	txt_tok_free(t->tk);
	free(t->buf);
	free(t->off);
	free(t->tok);
	free(t->brk);
}

/* Pattern words are normalised by the same tokenizer. */
static char *norm_word(const char *w, size_t n, void *ctx)
{
	toks *t = ctx;
	tokenize(t, w, n);
	if (t->n == 0) {
		txt_err_set("no word characters");
		return NULL;
	}
	size_t len = 0;
	for (size_t i = 0; i < t->n; i++)
		len += strlen(t->tok[i]) + 1;
	char *s = txt_xmalloc(len), *p = s;
	for (size_t i = 0; i < t->n; i++) {
		size_t l = strlen(t->tok[i]);
		memcpy(p, t->tok[i], l);
		p += l;
		*p++ = i + 1 < t->n ? ' ' : '\0';
	}
	return s;
}

/* ---- a small string -> id map for --divergence ---- */

typedef struct smap {
	char **key;
	uint32_t *slot; /* id + 1, 0 empty */
	size_t n, cap;
} smap;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static uint32_t smap_put(smap *m, const char *s)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 1024;
		uint32_t *slot = txt_xcalloc(cap, sizeof *slot);
		for (size_t i = 0; i < m->cap; i++)
			if (m->slot[i]) {
				size_t h = hash_str(m->key[m->slot[i] - 1]) & (cap - 1);
				while (slot[h])
					h = (h + 1) & (cap - 1);
				slot[h] = m->slot[i];
			}
		free(m->slot);
		m->slot = slot;
		m->cap = cap;
		m->key = txt_xreallocarray(m->key, cap / 2, sizeof *m->key);
	}
	size_t h = hash_str(s) & (m->cap - 1);
	while (m->slot[h]) {
		if (strcmp(m->key[m->slot[h] - 1], s) == 0)
			return m->slot[h] - 1;
		h = (h + 1) & (m->cap - 1);
	}
	m->key[m->n] = txt_xstrdup(s);
	m->slot[h] = (uint32_t)++m->n;
	return (uint32_t)(m->n - 1);
}

static void smap_free(smap *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->key[i]);
	free(m->key);
	free(m->slot);
}

/* ---- the documents ---- */

typedef struct data {
	smap groups;      /* group names -> ids in order of appearance */
	size_t ndocs, cap, nf, k;
	uint32_t *group;  /* per doc */
	char **id;        /* per doc */
	double *x;        /* per doc: tokens, hits[nf], used[nf] (k = 1 + 2 nf) */
	smap terms;       /* --divergence */
	double **tf;      /* per group, per term */
	size_t *tfcap;
} data;

static void add_terms(data *d, uint32_t g, const toks *t)
{
	for (size_t i = 0; i < t->n; i++) {
		uint32_t id = smap_put(&d->terms, t->tok[i]);
		if (id >= d->tfcap[g]) {
			size_t cap = (id + 1) * 2;
			d->tf[g] = txt_xreallocarray(d->tf[g], cap, sizeof **d->tf);
			memset(d->tf[g] + d->tfcap[g], 0, (cap - d->tfcap[g]) * sizeof **d->tf);
			d->tfcap[g] = cap;
		}
		d->tf[g][id] += 1;
	}
}

static void read_docs(data *d, const char *path, const opts *o, const txt_lex *lx, toks *tk)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		txt_die_err();
	long cid = txt_table_need(t, "id", "docs"), ctext = txt_table_need(t, "text", "docs");
	long cby = txt_table_need(t, o->by, "docs");
	if (cid < 0 || ctext < 0 || cby < 0)
		txt_die_err();
	d->nf = txt_lex_nframes(lx);
	d->k = 1 + 2 * d->nf;
	double *hits = txt_xcalloc(d->nf, sizeof *hits);
	txt_row *row;
	int rc;
	while ((rc = txt_table_next(t, &row)) == 1) {
		if (d->ndocs == d->cap) {
			d->cap = d->cap ? 2 * d->cap : 256;
			d->group = txt_xreallocarray(d->group, d->cap, sizeof *d->group);
			d->id = txt_xreallocarray(d->id, d->cap, sizeof *d->id);
			d->x = txt_xreallocarray(d->x, d->cap * d->k, sizeof *d->x);
		}
		size_t before = d->groups.n;
		uint32_t g = smap_put(&d->groups, row->f[cby].s);
		tokenize(tk, row->f[ctext].s, row->f[ctext].len);
		memset(hits, 0, d->nf * sizeof *hits);
		txt_lex_count(lx, tk->tok, tk->brk, tk->n, o->overlap, hits);
		double *x = d->x + d->ndocs * d->k;
		x[0] = (double)tk->n;
		for (size_t f = 0; f < d->nf; f++) {
			x[1 + f] = hits[f];
			x[1 + d->nf + f] = hits[f] > 0;
		}
		d->group[d->ndocs] = g;
		d->id[d->ndocs] = txt_xstrdup(row->f[cid].s);
		d->ndocs++;
		if (o->divergence) {
			if (d->groups.n > before) {
				d->tf = txt_xreallocarray(d->tf, d->groups.n, sizeof *d->tf);
				d->tfcap = txt_xreallocarray(d->tfcap, d->groups.n, sizeof *d->tfcap);
				d->tf[g] = NULL;
				d->tfcap[g] = 0;
			}
			add_terms(d, g, tk);
		}
	}
	if (rc < 0)
		txt_die_err();
	if (d->ndocs == 0)
		txt_die("%s: no documents", txt_table_name(t));
	txt_table_close(t);
	free(hits);
}

static void data_free(data *d)
{
	for (size_t i = 0; i < d->ndocs; i++)
		free(d->id[i]);
	if (d->tf)
		for (size_t g = 0; g < d->groups.n; g++)
			free(d->tf[g]);
	free(d->tf);
	free(d->tfcap);
	free(d->id);
	free(d->group);
	free(d->x);
	smap_free(&d->groups);
	smap_free(&d->terms);
}

/* ---- output ---- */

static char nbuf[24][32];

static void emit(txt_report *rep, txt_writer *w, const char *const *cells)
{
	if (txt_report_row(rep, cells) < 0)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
}

/* align: a letter per column, 'r' for numbers (Markdown aligns them). */
static txt_report *start(txt_writer *w, const opts *o, const char *const *cols, size_t n,
			 const char *align)
{
	txt_report *rep = txt_report_new(w, o->format, cols, n, align);
	if (!rep)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
	return rep;
}

static void per_doc(const data *d, const txt_lex *lx, const opts *o, txt_writer *w)
{
	const char *cols[] = {"id", "group", "frame", "tokens", "hits", "per_1k", "overlap"};
	txt_report *rep = start(w, o, cols, 7, "lllrrrl");
	for (size_t i = 0; i < d->ndocs; i++) {
		const double *x = d->x + i * d->k;
		for (size_t f = 0; f < d->nf; f++) {
			const char *c[] = {d->id[i], d->groups.key[d->group[i]], txt_lex_frame(lx, f),
			                   txt_report_num(nbuf[0], x[0], 17),
			                   txt_report_num(nbuf[1], x[1 + f], 17),
			                   txt_report_num(nbuf[2], x[0] > 0 ? 1000 * x[1 + f] / x[0] : NAN,
			                                  o->digits),
			                   overlap_names[o->overlap]};
			emit(rep, w, c);
		}
	}
	txt_report_free(rep);
}

static const data *sort_data;

static int group_cmp(const void *a, const void *b)
{
	return strcmp(sort_data->groups.key[*(const uint32_t *)a],
	              sort_data->groups.key[*(const uint32_t *)b]);
}

/* Group ids in name order. */
static uint32_t *group_order(const data *d)
{
	uint32_t *ord = txt_xreallocarray(NULL, d->groups.n, sizeof *ord);
	for (size_t g = 0; g < d->groups.n; g++)
		ord[g] = (uint32_t)g;
	sort_data = d;
	qsort(ord, d->groups.n, sizeof *ord, group_cmp);
	return ord;
}

static void divergence(const data *d, const opts *o, txt_writer *w)
{
	const char *cols[] = {"group_a", "group_b", "jsd"};
	txt_report *rep = start(w, o, cols, 3, "llr");
	size_t nv = d->terms.n ? d->terms.n : 1;
	double *p = txt_xcalloc(nv, sizeof *p), *q = txt_xcalloc(nv, sizeof *q);
	uint32_t *ord = group_order(d);
	for (size_t i = 0; i < d->groups.n; i++)
		for (size_t j = 0; j < d->groups.n; j++) {
			uint32_t a = ord[i], b = ord[j];
			memset(p, 0, nv * sizeof *p);
			memset(q, 0, nv * sizeof *q);
			for (size_t t = 0; t < d->tfcap[a] && t < nv; t++)
				p[t] = d->tf[a][t];
			for (size_t t = 0; t < d->tfcap[b] && t < nv; t++)
				q[t] = d->tf[b][t];
			const char *c[] = {d->groups.key[a], d->groups.key[b],
			                   txt_report_num(nbuf[0], txt_stats_jsd(p, q, nv), o->digits)};
			emit(rep, w, c);
		}
	free(ord);
	free(p);
	free(q);
	txt_report_free(rep);
}

/* Statistics of one sample of group sums s[g*k ..]: rate and share of
 * frame f for group g, and g's rate minus the rest's. */
static void stats_of(const data *d, const double *s, const double *all, const size_t *size,
                     size_t g, size_t f, double out[3])
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
static void totals(const data *d, const double *s, double *all)
{
	memset(all, 0, d->k * sizeof *all);
	for (size_t g = 0; g < d->groups.n; g++)
		for (size_t j = 0; j < d->k; j++)
			all[j] += s[g * d->k + j];
}

static void frames_table(const data *d, const txt_lex *lx, const opts *o, txt_writer *w)
{
	size_t ng = d->groups.n, nf = d->nf, k = d->k, B = (size_t)o->boot;
	size_t *size = txt_xcalloc(ng, sizeof *size);
	size_t **mem = txt_xcalloc(ng, sizeof *mem);
	for (size_t i = 0; i < d->ndocs; i++)
		size[d->group[i]]++;
	for (size_t g = 0; g < ng; g++)
		mem[g] = txt_xreallocarray(NULL, size[g] ? size[g] : 1, sizeof **mem), size[g] = 0;
	for (size_t i = 0; i < d->ndocs; i++)
		mem[d->group[i]][size[d->group[i]]++] = i;
	/* observed sums */
	double *obs = txt_xcalloc(ng * k, sizeof *obs), *s = txt_xcalloc(ng * k, sizeof *s);
	for (size_t i = 0; i < d->ndocs; i++)
		for (size_t j = 0; j < k; j++)
			obs[d->group[i] * k + j] += d->x[i * k + j];
	/* replicates: rep[((g*nf + f)*3 + stat)*B + b] */
	if ((double)ng * (double)nf * 3 * (double)B * sizeof(double) > 2e9)
		txt_die("%zu groups x %zu frames x %zu resamples need more than 2 GB: "
		        "use fewer groups or a smaller --boot", ng, nf, B);
	double *rep = txt_xcalloc(ng * nf * 3 * (B ? B : 1), sizeof *rep);
	double *all = txt_xcalloc(k, sizeof *all);
	gsl_rng *r = txt_stats_rng_new((unsigned long)o->seed);
	for (size_t b = 0; b < B; b++) {
		txt_stats_boot_sums(r, (const size_t *const *)mem, size, ng, d->x, k, s);
		totals(d, s, all);
		for (size_t g = 0; g < ng; g++)
			for (size_t f = 0; f < nf; f++) {
				double v[3];
				stats_of(d, s, all, size, g, f, v);
				for (int t = 0; t < 3; t++)
					rep[((g * nf + f) * 3 + (size_t)t) * B + b] = v[t];
			}
	}
	gsl_rng_free(r);
	const char *cols[] = {"group", "frame", "docs", "tokens", "hits",
	                      "per_1k", "per_1k_low", "per_1k_high",
	                      "share", "share_low", "share_high",
	                      "diff", "diff_low", "diff_high", "overlap"};
	txt_report *rp = start(w, o, cols, 15, "llrrrrrrrrrrrrl");
	totals(d, obs, all);
	uint32_t *ord = group_order(d);
	for (size_t gi = 0; gi < ng; gi++) {
		size_t g = ord[gi];
		for (size_t f = 0; f < nf; f++) {
			double v[3], lo[3], hi[3];
			stats_of(d, obs, all, size, g, f, v);
			for (int t = 0; t < 3; t++) {
				lo[t] = hi[t] = NAN;
				if (B)
					interval(rep + ((g * nf + f) * 3 + (size_t)t) * B, B, o->level,
					         &lo[t], &hi[t]);
			}
			const char *c[15] = {d->groups.key[g], txt_lex_frame(lx, f),
			                     txt_report_num(nbuf[0], (double)size[g], 17),
			                     txt_report_num(nbuf[1], obs[g * k], 17),
			                     txt_report_num(nbuf[2], obs[g * k + 1 + f], 17)};
			for (int t = 0; t < 3; t++) {
				c[5 + 3 * t] = txt_report_num(nbuf[3 + 3 * t], v[t], o->digits);
				c[6 + 3 * t] = txt_report_num(nbuf[4 + 3 * t], lo[t], o->digits);
				c[7 + 3 * t] = txt_report_num(nbuf[5 + 3 * t], hi[t], o->digits);
			}
			c[14] = overlap_names[o->overlap]; /* which rule made the hits */
			emit(rp, w, c);
		}
	}
	txt_report_free(rp);
	free(ord);
	for (size_t g = 0; g < ng; g++)
		free(mem[g]);
	free(mem);
	free(size);
	free(obs);
	free(s);
	free(rep);
	free(all);
}

/* ---- options ---- */

static void parse_opts(int argc, char **argv, opts *o)
{
	static const struct option lo[] = {
		{"lexicon", required_argument, 0, 'l'}, {"by", required_argument, 0, 'b'},
		{"boot", required_argument, 0, 'B'}, {"seed", required_argument, 0, 's'},
		{"level", required_argument, 0, 'L'}, {"per-doc", no_argument, 0, 'P'},
		{"divergence", no_argument, 0, 'J'}, {"digits", required_argument, 0, 'D'},
		{"format", required_argument, 0, 'F'}, {"output", required_argument, 0, 'o'},
		{"force", no_argument, 0, 'f'}, {"gzip", no_argument, 0, 'z'},
		{"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'},
		{"overlap", required_argument, 0, 'O'},
		{"version", no_argument, 0, 'V'}, {0, 0, 0, 0}};
	int c;
	while ((c = getopt_long(argc, argv, "l:b:B:s:F:o:fzq", lo, NULL)) != -1) {
		switch (c) {
		case 'l': o->lexicon = optarg; break;
		case 'b': o->by = optarg; break;
		case 'B':
			if (txt_parse_long("--boot", optarg, 0, 1000000, &o->boot) < 0)
				txt_usage("%s", txt_err());
			break;
		case 's':
			if (txt_parse_long("--seed", optarg, 0, LONG_MAX, &o->seed) < 0)
				txt_usage("%s", txt_err());
			break;
		case 'L':
			if (txt_parse_double("--level", optarg, 1e-6, 1 - 1e-6, &o->level) < 0)
				txt_usage("%s", txt_err());
			break;
		case 'P': o->per_doc = 1; break;
		case 'O':
			for (o->overlap = 0; o->overlap < 2; o->overlap++)
				if (strcmp(optarg, overlap_names[o->overlap]) == 0)
					break;
			if (o->overlap == 2)
				txt_usage("--overlap: '%s' is not longest or independent", optarg);
			break;
		case 'J': o->divergence = 1; break;
		case 'D': o->digits = txt_cli_digits(optarg); break;
		case 'F':
			if ((o->format = txt_report_format(optarg)) < 0)
				txt_usage("%s", txt_err());
			break;
		case 'o': o->out = optarg; break;
		case 'f': o->wflags |= TXT_W_FORCE; break;
		case 'z': o->wflags |= TXT_W_GZIP; break;
		case 'q': txt_progress_quiet(1); break;
		case 'h': txt_cli_help(usage_text);
		case 'V': txt_cli_version();
		default: txt_usage("unknown option");
		}
	}
	if (!o->lexicon && !o->divergence)
		txt_usage("no --lexicon given");
	if (o->per_doc && o->divergence)
		txt_usage("--per-doc and --divergence exclude each other");
	if (argc - optind > 1)
		txt_usage("one DOCS file at most");
}

/* A bare name (no '/', no such file) is a shipped lexicon. */
static txt_lex *load_lexicon(const char *name, toks *tk)
{
	if (!strchr(name, '/') && access(name, F_OK) != 0) {
		size_t n = strlen(name) + 20;
		char *rel = txt_xmalloc(n);
		snprintf(rel, n, "frames/%s.tsv", name);
		char *path = txt_models_path(rel);
		free(rel);
		txt_lex *lx = access(path, F_OK) == 0 ? txt_lex_load(path, TXT_LEX_AUTO, norm_word, tk)
		                                      : NULL;
		if (!lx && access(path, F_OK) != 0)
			txt_err_set("%s: no such file, nor a shipped lexicon %s", name, path);
		free(path);
		return lx;
	}
	return txt_lex_load(name, TXT_LEX_AUTO, norm_word, tk);
}

static const char lex_none[] = "none\tnone\n";

int main(int argc, char **argv)
{
	txt_cli_init("slant-frame");
	opts o = {0};
	o.by = "source";
	o.boot = 1000;
	o.seed = 1;
	o.level = 0.95;
	o.digits = 6;
	parse_opts(argc, argv, &o);
	const char *in = optind < argc ? argv[optind] : "-";

	toks tk = {0};
	tk.tk = txt_tok_new(NULL);
	if (!tk.tk)
		txt_die_err();
	txt_lex *lx = o.lexicon ? load_lexicon(o.lexicon, &tk)
	                        : txt_lex_parse("(none)", lex_none, strlen(lex_none), TXT_LEX_TSV,
	                                        norm_word, &tk);
	if (!lx)
		txt_die_err();
	data d = {0};
	read_docs(&d, in, &o, lx, &tk);
	txt_writer *w = txt_writer_open(o.out, o.wflags);
	if (!w)
		txt_die_err();
	if (o.per_doc)
		per_doc(&d, lx, &o, w);
	else if (o.divergence)
		divergence(&d, &o, w);
	else
		frames_table(&d, lx, &o, w);
	if (txt_writer_close(w) < 0)
		txt_die_err();
	data_free(&d);
	txt_lex_free(lx);
	toks_free(&tk);
	return 0;
}
