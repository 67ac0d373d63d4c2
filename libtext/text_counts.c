/* text_counts: see text_counts.h.
 *
 * Building: a key of at most 16 bytes (almost every word, and every
 * bigram or trigram of word ids) is counted in the short table: one
 * 32-byte slot holds the key, its group and its n, df and last document,
 * so a token costs one probe.  Other keys (and anything the short table
 * cannot hold) take the general path: terms interned in a txt_map, the
 * first group's counts in dense arrays indexed by term id, other groups in
 * a table keyed by (group id, term id).  Before combining, and before
 * writing a table of several groups, the short table is moved into the
 * general structures (counts add, so where a count sits never changes a
 * sum); a table of one group is written from both as they are.  A df is
 * counted by remembering the last document that touched the cell. */
#include "text_counts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_err.h"
#include "text_map.h"
#include "text_tsv.h"

/* ---- order ---- */

/* A byte's escaped form as one comparable number: first byte, then second. */
static inline unsigned esc_key(unsigned char c)
{
	switch (c) {
	case '\\': return ('\\' << 8) | '\\';
	case '\t': return ('\\' << 8) | 't';
	case '\n': return ('\\' << 8) | 'n';
	case '\r': return ('\\' << 8) | 'r';
	default: return (unsigned)c << 8;
	}
}

/* Raw strings agree up to their first differing byte, so their escaped
 * forms do too; that byte's escaped form decides (a plain byte is never a
 * backslash, so a plain/escaped pair differs in its first byte). */
int txt_counts_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t n = an < bn ? an : bn, i = 0;
	/* 8 bytes at a time: the lowest differing byte of the little-endian
	 * words is the first that differs */
	for (; i + 8 <= n; i += 8) {
		uint64_t x = txt_le64((const unsigned char *)a + i) ^
			     txt_le64((const unsigned char *)b + i);
		if (x) {
			i += (size_t)__builtin_ctzll(x) / 8;
			break;
		}
	}
	for (; i < n; i++) {
		if (a[i] != b[i]) {
			unsigned x = esc_key((unsigned char)a[i]), y = esc_key((unsigned char)b[i]);
			return x < y ? -1 : 1;
		}
	}
	return an < bn ? -1 : an > bn;
}

/* ---- writing ---- */

static char *u64_str(char *end, uint64_t v)
{
	char *p = end;
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return p;
}

/* One metadata row: empty group, "key=value" as the term, n and df 0. */
static int meta_row(txt_writer *w, const char *key, const char *v)
{
	txt_writer_putc(w, '\t');
	txt_tsv_write_field(w, key, strlen(key));
	txt_writer_putc(w, '=');
	txt_tsv_write_field(w, v ? v : "", v ? strlen(v) : 0);
	return txt_writer_puts(w, "\t0\t0\n");
}

int txt_counts_write_header(txt_writer *w, const txt_counts_meta *m)
{
	txt_writer_puts(w, "group\tterm\tn\tdf\n");
	meta_row(w, "slant-counts", TXT_COUNTS_VERSION);
	meta_row(w, "tokenizer", m->tokenizer);
	meta_row(w, "ngrams", m->ngrams);
	int rc = meta_row(w, "by", m->by);
	if (m->pruned)
		rc = meta_row(w, "pruned", m->pruned);
	return rc;
}

int txt_counts_is_meta(const char *group, const char *term, const char *n, const char *df)
{
	return !*group && strchr(term, '=') && strcmp(n, "0") == 0 && strcmp(df, "0") == 0;
}

int txt_counts_write_row(txt_writer *w, const char *g, size_t gn, const char *t, size_t tn,
			 uint64_t n, uint64_t df)
{
	char buf[48], *end = buf + sizeof buf, *p;
	txt_tsv_write_field(w, g, gn);
	txt_writer_putc(w, '\t');
	txt_tsv_write_field(w, t, tn);
	*--end = '\n';
	p = u64_str(end, df);
	*--p = '\t';
	p = u64_str(p, n);
	*--p = '\t';
	return txt_writer_write(w, p, (size_t)(buf + sizeof buf - p));
}

/* ---- building ---- */

typedef struct pair {
	uint64_t key; /* group << 32 | term */
	uint64_t n;
	uint32_t df, last;
} pair;

typedef struct cell {
	uint64_t n;
	uint32_t df, last;
} cell;

typedef struct group {
	uint64_t tokens; /* summed from the cells when writing */
	uint64_t docs;
} group;

/* A short-table slot: gl = group << 5 | key length (1..16); 0 = empty. */
typedef struct sslot {
	uint64_t k0, k1; /* the key's bytes, little-endian, zero-padded */
	uint32_t gl, n, df, last;
} sslot;

/* A word-id slot: the word (len 1..16; 0 = empty) and its id. */
typedef struct wslot {
	uint64_t k0, k1;
	uint32_t len, id;
} wslot;

#define SHORT_KEY 16
#define SHORT_GROUPS ((uint32_t)1 << 27)
/* At most 2^20 slots (32 MiB, about 630,000 keys): the keys seen first,
 * which in text are the frequent ones, are counted fast; past that, a
 * (group, key) costs less memory on the general path, where a term is
 * stored once for all groups. */
#define SHORT_MAX_BITS 20

struct txt_counts {
	txt_map *terms, *groups;
	txt_map *words;    /* n-gram mode: terms are sequences of word ids */
	const char **name; /* at write time: each term's text */
	size_t *nlen;
	char *nbuf;
	group *g;
	size_t gcap;
	/* group 0, dense by term id */
	cell *d0; /* one cache line holds a term's n, df and last */
	size_t cap0;
	/* other groups */
	pair *p;
	size_t np, pcap;
	uint32_t *slot; /* pair index + 1 */
	unsigned bits;
	/* short keys, all groups */
	sslot *s;
	size_t sn;
	unsigned sbits;
	int sfull; /* a key found the table full since it was last emptied */
	/* n-gram mode: word ids of short words, in front of the words map */
	wslot *w;
	size_t wn;
	unsigned wbits;
	/* the current document */
	uint32_t cur, doc;
};

txt_counts *txt_counts_new(void)
{
	txt_counts *c = txt_xcalloc(1, sizeof *c);
	c->terms = txt_map_new(1 << 14);
	c->groups = txt_map_new(16);
	c->bits = 10;
	c->slot = txt_xzalloc((size_t)1 << c->bits, sizeof *c->slot);
	c->sbits = 10;
	c->s = txt_xzalloc((size_t)1 << c->sbits, sizeof *c->s);
	return c;
}

void txt_counts_free(txt_counts *c)
{
	if (!c)
		return;
	txt_map_free(c->terms);
	txt_map_free(c->groups);
	txt_map_free(c->words);
	txt_free_all(c->name, c->nlen, c->nbuf, c->g, c->d0, c->p, c->slot,
		c->s, c->w, c);
}

/* What writing will add, estimated from peak RSS on the benchmark: a short
 * key moved to the general path and sorted costs about 128 bytes, a
 * general pair 8 (its sort key), a term 40 (its name and rank). */
#define WRITE_SHORT 128
#define WRITE_PAIR 8
#define WRITE_TERM 40

size_t txt_counts_mem(const txt_counts *c)
{
	size_t now = sizeof *c + txt_map_mem(c->terms) + txt_map_mem(c->groups) +
		     (c->words ? txt_map_mem(c->words) : 0) + c->gcap * sizeof *c->g +
		     c->cap0 * sizeof *c->d0 + c->pcap * sizeof *c->p +
		     ((size_t)sizeof *c->slot << c->bits) + ((size_t)sizeof *c->s << c->sbits);
	return now + c->sn * WRITE_SHORT + c->np * WRITE_PAIR +
	       txt_map_size(c->terms) * WRITE_TERM;
}

/* Document numbers tag "last seen"; on wrap-around forget them all. */
static void next_doc(txt_counts *c)
{
	if (++c->doc != 0)
		return;
	for (size_t i = 0; i < c->cap0; i++)
		c->d0[i].last = 0;
	for (size_t i = 0; i < c->np; i++)
		c->p[i].last = 0;
	for (size_t i = 0; i < (size_t)1 << c->sbits; i++)
		c->s[i].last = 0;
	c->doc = 1;
}

void txt_counts_doc(txt_counts *c, const char *name, size_t n)
{
	int isnew;
	uint32_t id = txt_map_put(c->groups, name, n, &isnew);
	if (isnew) {
		if (id == c->gcap) {
			c->gcap = c->gcap ? c->gcap * 2 : 16;
			c->g = txt_xreallocarray(c->g, c->gcap, sizeof *c->g);
		}
		c->g[id].tokens = c->g[id].docs = 0;
		/* A full short table holds older groups' keys, which a new group
		 * (--by id: each document) will not count again: empty it into
		 * the general path, so this group's keys are counted fast. */
		if (c->sfull)
			txt_counts_settle(c);
	}
	c->cur = id;
	c->g[id].docs++;
	next_doc(c);
}

static inline uint32_t pair_home(uint64_t key, unsigned bits)
{
	return (uint32_t)((key * 0x9e3779b97f4a7c15ULL) >> (64 - bits));
}

static void pairs_grow(txt_counts *c)
{
	unsigned bits = c->bits + 1;
	uint32_t mask = (uint32_t)(((size_t)1 << bits) - 1);
	uint32_t *slot = txt_xzalloc((size_t)1 << bits, sizeof *slot);
	for (size_t i = 0; i < c->np; i++) {
		uint32_t j = pair_home(c->p[i].key, bits);
		while (slot[j])
			j = (j + 1) & mask;
		slot[j] = (uint32_t)i + 1;
	}
	free(c->slot);
	c->slot = slot;
	c->bits = bits;
}

static pair *pair_get(txt_counts *c, uint64_t key)
{
	uint32_t mask = (uint32_t)(((size_t)1 << c->bits) - 1), i = pair_home(key, c->bits);
	for (;;) {
		uint32_t s = c->slot[i];
		if (!s)
			break;
		if (c->p[s - 1].key == key)
			return &c->p[s - 1];
		i = (i + 1) & mask;
	}
	if ((c->np + 1) * 10 > ((size_t)7 << c->bits)) {
		pairs_grow(c);
		return pair_get(c, key);
	}
	if (c->np == c->pcap) {
		c->pcap = c->pcap ? c->pcap * 2 : 1024;
		c->p = txt_xreallocarray(c->p, c->pcap, sizeof *c->p);
	}
	pair *p = &c->p[c->np];
	p->key = key;
	p->n = 0;
	p->df = p->last = 0;
	c->slot[i] = (uint32_t)++c->np;
	return p;
}

static void dense_grow(txt_counts *c, size_t need)
{
	size_t cap = c->cap0 ? c->cap0 : 1 << 14;
	while (cap < need)
		cap *= 2;
	c->d0 = txt_xreallocarray(c->d0, cap, sizeof *c->d0);
	size_t old = c->cap0;
	memset(c->d0 + old, 0, (cap - old) * sizeof *c->d0);
	c->cap0 = cap;
}

static void cell_add(txt_counts *c, uint32_t g, uint32_t t, uint64_t n, uint32_t df);

/* One occurrence of a key on the general path. */
static __attribute__((noinline)) void general_add(txt_counts *c, const char *term, size_t n)
{
	uint32_t t = txt_map_put(c->terms, term, n, NULL);
	if (c->cur == 0) {
		if (t >= c->cap0)
			dense_grow(c, (size_t)t + 1);
		cell *d = &c->d0[t];
		d->n++;
		d->df += d->last != c->doc;
		d->last = c->doc;
		return;
	}
	pair *p = pair_get(c, (uint64_t)c->cur << 32 | t);
	p->n++;
	p->df += p->last != c->doc;
	p->last = c->doc;
}

/* ---- the short table ---- */

uint32_t txt_counts_short_max = UINT32_MAX;
unsigned txt_counts_short_bits = SHORT_MAX_BITS;

static inline uint64_t short_hash(uint64_t k0, uint64_t k1, uint32_t gl)
{
	return txt_fold(k0 ^ 0xe7037ed1a0b428dbULL, k1 ^ 0x8ebc6af09c88c6e3ULL ^ (uint64_t)gl << 29);
}

static inline size_t short_home(uint64_t h, unsigned bits)
{
	return (size_t)(h >> (64 - bits));
}

static void short_grow(txt_counts *c)
{
	unsigned bits = c->sbits + 1;
	size_t mask = ((size_t)1 << bits) - 1;
	sslot *s = txt_xzalloc(mask + 1, sizeof *s);
	for (size_t i = 0; i < (size_t)1 << c->sbits; i++) {
		const sslot *o = &c->s[i];
		if (!o->gl)
			continue;
		size_t j = short_home(short_hash(o->k0, o->k1, o->gl), bits);
		while (s[j].gl)
			j = (j + 1) & mask;
		s[j] = *o;
	}
	free(c->s);
	c->s = s;
	c->sbits = bits;
}

/* Move a slot's counts to the general path (they add there), keeping its
 * key and last document. */
static void short_move(txt_counts *c, sslot *sl)
{
	char key[SHORT_KEY];
	size_t n = sl->gl & 31;
	txt_key_bytes((const uint64_t[2]){sl->k0, sl->k1}, n, key);
	if (sl->n || sl->df)
		cell_add(c, sl->gl >> 5, txt_map_put(c->terms, key, n, NULL), sl->n, sl->df);
	sl->n = sl->df = 0;
}

/* Everything in the short table moved to the general path (between
 * documents: the slots' last documents are forgotten). */
void txt_counts_settle(txt_counts *c)
{
	if (!c->sn)
		return;
	txt_map_reserve(c->terms, txt_map_size(c->terms) + c->sn); /* one rehash at most */
	for (size_t i = 0; i < (size_t)1 << c->sbits; i++)
		if (c->s[i].gl)
			short_move(c, &c->s[i]);
	memset(c->s, 0, ((size_t)sizeof *c->s << c->sbits));
	c->sn = 0;
	c->sfull = 0;
}

/* The slot holding (gl, k0, k1), or the empty slot where it would go, in a
 * table of mask + 1 slots; shift = 64 - its bits (see short_home). */
static inline sslot *probe(sslot *tab, unsigned shift, size_t mask, uint64_t k0, uint64_t k1,
			   uint32_t gl, uint64_t h)
{
	for (size_t i = (size_t)(h >> shift);; i = (i + 1) & mask) {
		sslot *sl = &tab[i];
		if ((sl->gl == gl && sl->k0 == k0 && sl->k1 == k1) || !sl->gl)
			return sl;
	}
}

static inline sslot *short_probe(sslot *tab, unsigned bits, uint64_t k0, uint64_t k1, uint32_t gl,
				 uint64_t h)
{
	return probe(tab, 64 - bits, ((size_t)1 << bits) - 1, k0, k1, gl, h);
}

static sslot *short_insert(txt_counts *c, uint64_t k0, uint64_t k1, uint32_t gl, uint64_t h,
			   sslot *sl);

/* The slot of (gl, key), added if absent, or NULL when the table is full;
 * h = short_hash(). */
static inline sslot *short_slot(txt_counts *c, uint64_t k0, uint64_t k1, uint32_t gl, uint64_t h)
{
	sslot *sl = short_probe(c->s, c->sbits, k0, k1, gl, h);
	return sl->gl ? sl : short_insert(c, k0, k1, gl, h, sl);
}

/* A new slot at sl (the empty slot ending the key's probe), or after
 * growing the table. */
static __attribute__((noinline)) sslot *short_insert(txt_counts *c, uint64_t k0, uint64_t k1,
						   uint32_t gl, uint64_t h, sslot *sl)
{
	if ((c->sn + 1) * 10 > ((size_t)6 << c->sbits)) {
		if (c->sbits >= txt_counts_short_bits) {
			c->sfull = 1;
			return NULL; /* full: new keys take the general path */
		}
		short_grow(c);
		return short_slot(c, k0, k1, gl, h);
	}
	sl->k0 = k0;
	sl->k1 = k1;
	sl->gl = gl;
	c->sn++;
	return sl;
}

/* The n <= 16 key bytes as two little-endian words, zero-padded. */
static inline void key_words(const char *key, size_t n, uint64_t *k0, uint64_t *k1)
{
	const unsigned char *p = (const unsigned char *)key;
	*k0 = n <= 8 ? txt_key8(key, n) : txt_le64(p);
	*k1 = n <= 8 ? 0 : txt_le64(p + n - 8) >> (8 * (SHORT_KEY - n));
}

/* One more occurrence in a short-table slot, in document doc; max is
 * txt_counts_short_max (passed in: the stores below could alias it). */
static inline void short_count(txt_counts *c, sslot *sl, uint32_t doc, uint32_t max)
{
	if (sl->n == max) /* df <= n */
		short_move(c, sl);
	sl->n++;
	sl->df += sl->last != doc; /* first time in this document */
	sl->last = doc;
}

static inline void count_key(txt_counts *c, const char *key, size_t n)
{
	if (n > SHORT_KEY || c->cur >= SHORT_GROUPS) {
		general_add(c, key, n);
		return;
	}
	uint64_t k0, k1;
	key_words(key, n, &k0, &k1);
	uint32_t gl = c->cur << 5 | (uint32_t)n;
	sslot *sl = short_slot(c, k0, k1, gl, short_hash(k0, k1, gl));
	if (sl)
		short_count(c, sl, c->doc, txt_counts_short_max);
	else
		general_add(c, key, n);
}

void txt_counts_add(txt_counts *c, const char *term, size_t n)
{
	if (n == 0 || c->gcap == 0 || c->words)
		return;
	count_key(c, term, n);
}

uint32_t txt_counts_word(txt_counts *c, const char *w, size_t n)
{
	if (!c->words)
		c->words = txt_map_new(1 << 14);
	return txt_map_put(c->words, w, n, NULL);
}

const char *txt_counts_word_text(const txt_counts *c, uint32_t id, size_t *n)
{
	return txt_map_key(c->words, id, n);
}

static void words_grow(txt_counts *c)
{
	unsigned bits = c->w ? c->wbits + 1 : 10;
	size_t mask = ((size_t)1 << bits) - 1;
	wslot *w = txt_xzalloc(mask + 1, sizeof *w);
	for (size_t i = 0; c->w && i < (size_t)1 << c->wbits; i++) {
		const wslot *o = &c->w[i];
		if (!o->len)
			continue;
		size_t j = short_home(short_hash(o->k0, o->k1, o->len), bits);
		while (w[j].len)
			j = (j + 1) & mask;
		w[j] = *o;
	}
	free(c->w);
	c->w = w;
	c->wbits = bits;
}

/* The id of a word not in the word table: from the words map, then kept
 * in the table at slot i (the end of its probe) unless the table is at
 * its largest. */
static uint32_t word_miss(txt_counts *c, const char *key, size_t n, uint64_t k0, uint64_t k1,
			  uint64_t h, size_t i)
{
	uint32_t id = txt_map_put(c->words, key, n, NULL);
	if ((c->wn + 1) * 10 > ((size_t)6 << c->wbits)) {
		if (c->wbits >= txt_counts_short_bits)
			return id;
		words_grow(c);
		size_t mask = ((size_t)1 << c->wbits) - 1;
		for (i = short_home(h, c->wbits); c->w[i].len; i = (i + 1) & mask)
			;
	}
	c->w[i] = (wslot){k0, k1, (uint32_t)n, id};
	c->wn++;
	return id;
}

/* Key i's bytes: in the batch's text when long, else written to tmp. */
static inline const char *key_text(const uint64_t key[2], size_t n, const char *text, char *tmp)
{
	if (n > SHORT_KEY)
		return text + key[0];
	txt_key_bytes(key, n, tmp);
	return tmp;
}

/* txt_counts_word for a batch of keys: ids[i] for word i; short words
 * through the word table, hashed ahead with their slots prefetched.  The
 * table is kept in locals (the ids' stores could alias it), reloaded after
 * a miss, which may grow it. */
void txt_counts_words(txt_counts *c, const uint64_t (*key)[2], const size_t *len, const char *text,
		      size_t n, uint32_t *ids)
{
	enum { AHEAD = 16 };
	char tmp[SHORT_KEY];
	if (!c->words)
		c->words = txt_map_new(1 << 14);
	if (!c->w)
		words_grow(c);
	const wslot *tab = c->w;
	unsigned bits = c->wbits;
	for (size_t i0 = 0; i0 < n; i0 += AHEAD) {
		size_t m = n - i0 < AHEAD ? n - i0 : AHEAD;
		uint64_t h[AHEAD];
		for (size_t j = 0; j < m; j++) {
			const uint64_t *kj = key[i0 + j];
			h[j] = short_hash(kj[0], kj[1], (uint32_t)len[i0 + j]);
			__builtin_prefetch(&tab[short_home(h[j], bits)]);
		}
		for (size_t j = 0; j < m; j++) {
			size_t i = i0 + j, k = len[i];
			if (k - 1 >= SHORT_KEY) {
				ids[i] = txt_map_put(c->words, key_text(key[i], k, text, tmp), k, NULL);
				continue;
			}
			size_t mask = ((size_t)1 << bits) - 1, s = short_home(h[j], bits);
			const wslot *ws;
			for (;; s = (s + 1) & mask) {
				ws = &tab[s];
				if ((ws->len == k && ws->k0 == key[i][0] && ws->k1 == key[i][1]) || !ws->len)
					break;
			}
			if (ws->len) {
				ids[i] = ws->id;
				continue;
			}
			ids[i] = word_miss(c, key_text(key[i], k, text, tmp), k, key[i][0], key[i][1],
					   h[j], s);
			tab = c->w;
			bits = c->wbits;
		}
	}
}

/* The key is the ids' bytes: fixed-size, so most bigrams fit the map's
 * inline slots and no n-gram text is built while counting. */
void txt_counts_add_gram(txt_counts *c, const uint32_t *ids, size_t k)
{
	if (k == 0 || c->gcap == 0 || !c->words)
		return;
	count_key(c, (const char *)ids, k * sizeof *ids);
}

/* The short table as add_keys keeps it in locals (the counts' stores could
 * alias c's fields): reloaded when an insert grows it. */
typedef struct stab {
	sslot *tab;
	unsigned shift; /* 64 - bits */
	size_t mask;
} stab;

static inline void stab_load(stab *t, const txt_counts *c)
{
	t->tab = c->s;
	t->shift = 64 - c->sbits;
	t->mask = ((size_t)1 << c->sbits) - 1;
}

/* Key i of a batch counted, h its short_hash(). */
static inline void add_key(txt_counts *c, stab *t, const uint64_t key[2], size_t k, uint32_t gl,
			   uint64_t h, const char *text, uint32_t doc, uint32_t max)
{
	char tmp[SHORT_KEY];
	sslot *sl = NULL;
	if (k - 1 < SHORT_KEY) { /* not empty, not long */
		sl = probe(t->tab, t->shift, t->mask, key[0], key[1], gl, h);
		if (!sl->gl) {
			sl = short_insert(c, key[0], key[1], gl, h, sl);
			stab_load(t, c);
		}
	}
	if (sl)
		short_count(c, sl, doc, max);
	else if (k)
		general_add(c, key_text(key, k, text, tmp), k);
}

/* A table of up to 2^15 slots (1 MiB) stays in cache: keys are counted as
 * they come.  A bigger one is missed often: keys are hashed a few terms
 * ahead of their count, and their slots prefetched, so the misses overlap.
 * The document and limit are kept in locals too. */
unsigned txt_counts_cached_bits = 15;

static void add_keys(txt_counts *c, const uint64_t (*key)[2], const size_t *len, const char *text,
		     size_t n)
{
	enum { AHEAD = 16 };
	if (c->cur >= SHORT_GROUPS) {
		char tmp[SHORT_KEY];
		for (size_t i = 0; i < n; i++)
			if (len[i])
				general_add(c, key_text(key[i], len[i], text, tmp), len[i]);
		return;
	}
	const uint32_t cur = c->cur << 5, doc = c->doc, max = txt_counts_short_max;
	const unsigned cached_shift = 64 - txt_counts_cached_bits;
	stab t;
	stab_load(&t, c);
	size_t i0 = 0;
	for (; i0 < n && t.shift >= cached_shift; i0++) {
		uint32_t gl = cur | (uint32_t)len[i0];
		add_key(c, &t, key[i0], len[i0], gl, short_hash(key[i0][0], key[i0][1], gl), text,
			doc, max);
	}
	for (; i0 < n; i0 += AHEAD) {
		size_t m = n - i0 < AHEAD ? n - i0 : AHEAD;
		uint64_t h[AHEAD];
		for (size_t j = 0; j < m; j++) {
			const uint64_t *kj = key[i0 + j];
			h[j] = short_hash(kj[0], kj[1], cur | (uint32_t)len[i0 + j]);
			__builtin_prefetch(&t.tab[h[j] >> t.shift]);
		}
		for (size_t j = 0; j < m; j++) {
			size_t i = i0 + j;
			add_key(c, &t, key[i], len[i], cur | (uint32_t)len[i], h[j], text, doc, max);
		}
	}
}

void txt_counts_add_keys(txt_counts *c, const uint64_t (*key)[2], const size_t *len,
			 const char *text, size_t n)
{
	if (c->gcap && !c->words)
		add_keys(c, key, len, text, n);
}

void txt_counts_add_grams(txt_counts *c, const uint64_t (*key)[2], const size_t *len,
			  const char *text, size_t n)
{
	if (c->gcap && c->words)
		add_keys(c, key, len, text, n);
}

/* ---- combining tables ---- */

static void cell_add(txt_counts *c, uint32_t g, uint32_t t, uint64_t n, uint32_t df)
{
	if (g == 0) {
		if (t >= c->cap0)
			dense_grow(c, (size_t)t + 1);
		cell *d = &c->d0[t];
		d->n += n;
		d->df += df;
		return;
	}
	pair *p = pair_get(c, (uint64_t)g << 32 | t);
	p->n += n;
	p->df += df;
}

/* gmap[src group] = dst group, adding the totals. */
static uint32_t *absorb_groups(txt_counts *dst, const txt_counts *src)
{
	size_t ng = txt_map_size(src->groups);
	uint32_t *gmap = txt_xreallocarray(NULL, ng ? ng : 1, sizeof *gmap);
	for (size_t i = 0; i < ng; i++) {
		size_t n;
		const char *name = txt_map_key(src->groups, (uint32_t)i, &n);
		txt_counts_doc(dst, name, n);
		uint32_t g = dst->cur;
		dst->g[g].docs += src->g[i].docs - 1; /* txt_counts_doc counted one */
		gmap[i] = g;
	}
	return gmap;
}

/* tmap[src term] = dst term; n-gram keys get their word ids translated. */
static uint32_t *absorb_terms(txt_counts *dst, const txt_counts *src)
{
	size_t nt = txt_map_size(src->terms), nw = src->words ? txt_map_size(src->words) : 0;
	uint32_t *tmap = txt_xreallocarray(NULL, nt ? nt : 1, sizeof *tmap);
	uint32_t *wmap = txt_xreallocarray(NULL, nw ? nw : 1, sizeof *wmap);
	for (size_t i = 0; i < nw; i++) {
		size_t n;
		const char *w = txt_map_key(src->words, (uint32_t)i, &n);
		wmap[i] = txt_counts_word(dst, w, n);
	}
	uint32_t ids[64];
	for (size_t t = 0; t < nt; t++) {
		size_t n;
		const char *key = txt_map_key(src->terms, (uint32_t)t, &n);
		if (src->words && n <= sizeof ids) {
			memcpy(ids, key, n);
			for (size_t i = 0; i < n / sizeof *ids; i++)
				ids[i] = wmap[ids[i]];
			key = (const char *)ids;
		}
		tmap[t] = txt_map_put(dst->terms, key, n, NULL);
	}
	free(wmap);
	return tmap;
}

void txt_counts_absorb(txt_counts *dst, txt_counts *src)
{
	txt_counts_settle(src);
	uint32_t *gmap = absorb_groups(dst, src), *tmap = absorb_terms(dst, src);
	for (size_t t = 0; t < src->cap0; t++)
		if (src->d0[t].n)
			cell_add(dst, gmap[0], tmap[t], src->d0[t].n, src->d0[t].df);
	for (size_t i = 0; i < src->np; i++) {
		const pair *p = &src->p[i];
		cell_add(dst, gmap[p->key >> 32], tmap[(uint32_t)p->key], p->n, p->df);
	}
	free(gmap);
	free(tmap);
}

/* ---- sorting for output ---- */

/* Each term's text: the map's key, or in n-gram mode its words joined by
 * single spaces. */
static void name_terms(txt_counts *c)
{
	size_t nt = txt_map_size(c->terms), total = 0, k;
	c->name = txt_xreallocarray(NULL, nt ? nt : 1, sizeof *c->name);
	c->nlen = txt_xreallocarray(NULL, nt ? nt : 1, sizeof *c->nlen);
	for (size_t t = 0; t < nt; t++)
		c->name[t] = txt_map_key(c->terms, (uint32_t)t, &c->nlen[t]);
	if (!c->words)
		return;
	for (size_t t = 0; t < nt; t++) {
		const char *key = c->name[t];
		k = c->nlen[t] / sizeof(uint32_t);
		for (size_t i = 0; i < k; i++) {
			uint32_t id;
			size_t wn;
			memcpy(&id, key + i * sizeof id, sizeof id);
			txt_map_key(c->words, id, &wn);
			total += wn + 1;
		}
	}
	char *p = c->nbuf = txt_xmalloc(total ? total : 1);
	for (size_t t = 0; t < nt; t++) {
		const char *key = c->name[t];
		k = c->nlen[t] / sizeof(uint32_t);
		c->name[t] = p;
		for (size_t i = 0; i < k; i++) {
			uint32_t id;
			size_t wn;
			memcpy(&id, key + i * sizeof id, sizeof id);
			const char *w = txt_map_key(c->words, id, &wn);
			if (i)
				*p++ = ' ';
			memcpy(p, w, wn);
			p += wn;
		}
		c->nlen[t] = (size_t)(p - c->name[t]);
		*p++ = '\0';
	}
}

static const char *const *sort_s; /* qsort has no context argument */
static const size_t *sort_n;

/* A string's first 8 bytes as written (escaped), big-endian, zero-padded:
 * comparing these agrees with txt_counts_cmp whenever they differ, so the
 * sort reads the strings themselves only to break ties. */
static uint64_t esc_prefix(const char *s, size_t n)
{
	uint64_t v = 0;
	unsigned k = 0;
	for (size_t i = 0; i < n && k < 8; i++) {
		unsigned e = esc_key((unsigned char)s[i]);
		v = v << 8 | (e >> 8);
		k++;
		if ((e & 0xff) && k < 8) {
			v = v << 8 | (e & 0xff);
			k++;
		}
	}
	return k ? v << (8 * (8 - k)) : 0;
}

typedef struct rkey {
	uint64_t pre;
	uint32_t id;
} rkey;

static int by_key(const void *a, const void *b)
{
	const rkey *x = a, *y = b;
	if (x->pre != y->pre)
		return x->pre < y->pre ? -1 : 1;
	return txt_counts_cmp(sort_s[x->id], sort_n[x->id], sort_s[y->id], sort_n[y->id]);
}

/* Sort by prefix: LSD radix, one byte per pass, passes where every key has
 * the same byte skipped (stable, so ties keep their id order). */
static void radix_sort(rkey *k, size_t n)
{
	rkey *tmp = txt_xreallocarray(NULL, n ? n : 1, sizeof *tmp), *a = k, *b = tmp;
	for (unsigned shift = 0; shift < 64; shift += 8) {
		size_t count[257] = {0};
		for (size_t i = 0; i < n; i++)
			count[((a[i].pre >> shift) & 0xff) + 1]++;
		int trivial = 0;
		for (size_t d = 1; d <= 256 && !trivial; d++)
			trivial = count[d] == n;
		if (trivial)
			continue;
		for (size_t d = 1; d <= 256; d++)
			count[d] += count[d - 1];
		for (size_t i = 0; i < n; i++)
			b[count[(a[i].pre >> shift) & 0xff]++] = a[i];
		rkey *t = a;
		a = b;
		b = t;
	}
	if (a != k)
		memcpy(k, a, n * sizeof *k);
	free(tmp);
}

/* rank[id] = position of string id in the format's order. */
static uint32_t *rank_strs(const char *const *s, const size_t *len, size_t n)
{
	rkey *keys = txt_xreallocarray(NULL, n ? n : 1, sizeof *keys);
	uint32_t *rank = txt_xreallocarray(NULL, n ? n : 1, sizeof *rank);
	for (size_t i = 0; i < n; i++) {
		keys[i].pre = esc_prefix(s[i], len[i]);
		keys[i].id = (uint32_t)i;
	}
	sort_s = s;
	sort_n = len;
	radix_sort(keys, n);
	for (size_t i = 0, j; i < n; i = j) { /* equal prefixes: compare in full */
		for (j = i + 1; j < n && keys[j].pre == keys[i].pre; j++)
			;
		if (j - i > 1)
			qsort(keys + i, j - i, sizeof *keys, by_key);
	}
	for (size_t i = 0; i < n; i++)
		rank[keys[i].id] = (uint32_t)i;
	free(keys);
	return rank;
}

static const uint32_t *sort_grank, *sort_trank;

static int by_pair(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	uint32_t gx = sort_grank[x >> 32], gy = sort_grank[y >> 32];
	if (gx != gy)
		return gx < gy ? -1 : 1;
	uint32_t tx = sort_trank[(uint32_t)x], ty = sort_trank[(uint32_t)y];
	return (tx > ty) - (tx < ty);
}

static int keep(const txt_counts_prune *pr, uint64_t n, uint64_t df)
{
	return !pr || (n >= pr->min_count && df >= pr->min_docs);
}

static int write_term(txt_counts *c, txt_writer *w, uint32_t g, uint32_t t, uint64_t n,
		      uint64_t df, const txt_counts_prune *pr)
{
	if (!keep(pr, n, df))
		return 0;
	size_t gn;
	const char *gs = txt_map_key(c->groups, g, &gn);
	return txt_counts_write_row(w, gs, gn, c->name[t], c->nlen[t], n, df);
}

/* Group 0's rows, in term order, from the dense arrays. */
static int write_group0(txt_counts *c, txt_writer *w, const uint32_t *trank,
			const txt_counts_prune *pr)
{
	size_t nt = txt_map_size(c->terms);
	uint32_t *order = txt_xreallocarray(NULL, nt ? nt : 1, sizeof *order);
	for (size_t i = 0; i < nt; i++)
		order[trank[i]] = (uint32_t)i;
	int rc = 0;
	for (size_t i = 0; i < nt && rc == 0; i++) {
		uint32_t t = order[i];
		if (t < c->cap0 && c->d0[t].n)
			rc = write_term(c, w, 0, t, c->d0[t].n, c->d0[t].df, pr);
	}
	free(order);
	return rc;
}

/* Each group's total: the sum of its cells' n (before pruning). */
static void sum_tokens(txt_counts *c)
{
	size_t ng = txt_map_size(c->groups);
	for (size_t g = 0; g < ng; g++)
		c->g[g].tokens = 0;
	for (size_t t = 0; t < c->cap0; t++)
		c->g[0].tokens += c->d0[t].n;
	for (size_t i = 0; i < c->np; i++)
		c->g[c->p[i].key >> 32].tokens += c->p[i].n;
}

/* An n-gram key's text (its words joined by single spaces) written to out
 * (NULL: only measured); its length. */
static size_t gram_name(const txt_counts *c, const char *key, size_t n, char *out)
{
	size_t k = n / sizeof(uint32_t), at = 0;
	for (size_t i = 0; i < k; i++) {
		uint32_t id;
		size_t wn;
		memcpy(&id, key + i * sizeof id, sizeof id);
		const char *w = txt_map_key(c->words, id, &wn);
		if (i && out)
			out[at] = ' ';
		at += i > 0;
		if (out)
			memcpy(out + at, w, wn);
		at += wn;
	}
	return at;
}

/* One entry of a one-group table: a general term or a short slot. */
typedef struct entry {
	uint64_t n, df;
} entry;

/* A table of one group, written without moving the short table into the
 * general path (the map puts were most of a spill's time): the general
 * terms and the short slots are named and sorted together; a key in both
 * (a short cell that reached txt_counts_short_max) is summed. */
static int write_one_group(txt_counts *c, txt_writer *w, const txt_counts_meta *m,
			   const txt_counts_prune *pr)
{
	size_t nt = txt_map_size(c->terms), ne = 0, total = 0, slots = (size_t)1 << c->sbits;
	size_t cap = nt + c->sn;
	const char **name = txt_xreallocarray(NULL, cap ? cap : 1, sizeof *name);
	size_t *len = txt_xreallocarray(NULL, cap ? cap : 1, sizeof *len);
	entry *e = txt_xreallocarray(NULL, cap ? cap : 1, sizeof *e);
	char key[SHORT_KEY];
	for (size_t t = 0; t < nt && t < c->cap0; t++) /* measure the names */
		if (c->d0[t].n) {
			const char *k = txt_map_key(c->terms, (uint32_t)t, &len[0]);
			total += (c->words ? gram_name(c, k, len[0], NULL) : len[0]) + 1;
		}
	for (size_t i = 0; i < slots; i++)
		if (c->s[i].gl && c->s[i].n) {
			size_t n = c->s[i].gl & 31;
			txt_key_bytes((const uint64_t[2]){c->s[i].k0, c->s[i].k1}, n, key);
			total += (c->words ? gram_name(c, key, n, NULL) : n) + 1;
		}
	char *buf = txt_xmalloc(total ? total : 1), *p = buf;
	uint64_t tokens = 0;
	for (size_t t = 0; t < nt && t < c->cap0; t++)
		if (c->d0[t].n) {
			size_t n;
			const char *k = txt_map_key(c->terms, (uint32_t)t, &n);
			name[ne] = p;
			len[ne] = c->words ? gram_name(c, k, n, p) : (memcpy(p, k, n), n);
			p += len[ne] + 1;
			e[ne++] = (entry){c->d0[t].n, c->d0[t].df};
			tokens += c->d0[t].n;
		}
	for (size_t i = 0; i < slots; i++)
		if (c->s[i].gl && c->s[i].n) {
			size_t n = c->s[i].gl & 31;
			txt_key_bytes((const uint64_t[2]){c->s[i].k0, c->s[i].k1}, n, key);
			name[ne] = p;
			len[ne] = c->words ? gram_name(c, key, n, p) : (memcpy(p, key, n), n);
			p += len[ne] + 1;
			e[ne++] = (entry){c->s[i].n, c->s[i].df};
			tokens += c->s[i].n;
		}
	c->g[0].tokens = tokens;
	uint32_t *rank = rank_strs(name, len, ne);
	uint32_t *order = txt_xreallocarray(NULL, ne ? ne : 1, sizeof *order);
	for (size_t i = 0; i < ne; i++)
		order[rank[i]] = (uint32_t)i;
	free(rank);
	size_t gn;
	const char *gs = txt_map_key(c->groups, 0, &gn);
	int rc = m ? txt_counts_write_header(w, m) : 0;
	if (rc == 0)
		rc = txt_counts_write_row(w, gs, gn, "", 0, tokens, c->g[0].docs);
	for (size_t i = 0, j; i < ne && rc == 0; i = j) {
		uint32_t a = order[i];
		uint64_t n = e[a].n, df = e[a].df;
		for (j = i + 1; j < ne && len[order[j]] == len[a] &&
				memcmp(name[order[j]], name[a], len[a]) == 0; j++) {
			n += e[order[j]].n;
			df += e[order[j]].df;
		}
		if (keep(pr, n, df))
			rc = txt_counts_write_row(w, gs, gn, name[a], len[a], n, df);
	}
	txt_free_all(order, buf, e, len, name);
	return rc;
}

int txt_counts_write(txt_counts *c, txt_writer *w, const txt_counts_meta *m,
		     const txt_counts_prune *pr)
{
	if (txt_map_size(c->groups) == 1)
		return write_one_group(c, w, m, pr);
	txt_counts_settle(c);
	sum_tokens(c);
	size_t ng = txt_map_size(c->groups);
	const char **gname = txt_xreallocarray(NULL, ng ? ng : 1, sizeof *gname);
	size_t *glen = txt_xreallocarray(NULL, ng ? ng : 1, sizeof *glen);
	for (size_t i = 0; i < ng; i++)
		gname[i] = txt_map_key(c->groups, (uint32_t)i, &glen[i]);
	uint32_t *grank = rank_strs(gname, glen, ng);
	txt_free_all(gname, glen, c->name, c->nlen, c->nbuf);
	c->nbuf = NULL;
	name_terms(c);
	uint32_t *trank = rank_strs(c->name, c->nlen, txt_map_size(c->terms));
	uint32_t *gorder = txt_xreallocarray(NULL, ng ? ng : 1, sizeof *gorder);
	for (size_t i = 0; i < ng; i++)
		gorder[grank[i]] = (uint32_t)i;
	/* the other groups' pairs, sorted by (group rank, term rank) */
	uint64_t *keys = txt_xreallocarray(NULL, c->np ? c->np : 1, sizeof *keys);
	for (size_t i = 0; i < c->np; i++)
		keys[i] = c->p[i].key;
	sort_grank = grank;
	sort_trank = trank;
	qsort(keys, c->np, sizeof *keys, by_pair);

	int rc = m ? txt_counts_write_header(w, m) : 0;
	size_t k = 0;
	for (size_t gi = 0; gi < ng && rc == 0; gi++) {
		uint32_t g = gorder[gi];
		size_t gn;
		const char *gs = txt_map_key(c->groups, g, &gn);
		rc = txt_counts_write_row(w, gs, gn, "", 0, c->g[g].tokens, c->g[g].docs);
		if (g == 0) {
			if (rc == 0)
				rc = write_group0(c, w, trank, pr);
			continue;
		}
		for (; k < c->np && (uint32_t)(keys[k] >> 32) == g && rc == 0; k++) {
			pair *p = pair_get(c, keys[k]);
			rc = write_term(c, w, g, (uint32_t)keys[k], p->n, p->df, pr);
		}
	}
	txt_free_all(keys, gorder, grank, trank);
	return rc;
}

/* ---- reading ---- */

struct txt_counts_in {
	txt_table *t;
	txt_reader *r; /* bare rows: no header, read line by line */
	txt_row row;
	char *pg, *pt; /* previous key, for the order check */
	size_t pgn, ptn, pgcap, ptcap;
	int have_prev;
	uint64_t gn, gdf;  /* the current group's total row */
	int gpart;         /* ... is 0 0 (a shuffle's part): terms not checked against it */
	txt_row *pending; /* the first row after the metadata rows, unread */
	char **meta; /* "key=value" of the metadata rows */
	size_t nmeta;
};

static void keep_copy(char **buf, size_t *cap, size_t *len, const char *s, size_t n)
{
	if (n + 1 > *cap) {
		*cap = n + 1 > 2 * *cap ? n + 1 : 2 * *cap;
		*buf = txt_xrealloc(*buf, *cap);
	}
	memcpy(*buf, s, n);
	(*buf)[n] = '\0';
	*len = n;
}

/* The metadata rows right after the header; the first other row is kept
 * for txt_counts_read (pending). */
static int read_meta(txt_counts_in *r)
{
	txt_row *f;
	int k;
	while ((k = txt_table_next(r->t, &f)) == 1) {
		if (!txt_counts_is_meta(f->f[0].s, f->f[1].s, f->f[2].s, f->f[3].s)) {
			r->pending = f;
			break;
		}
		r->meta = txt_xreallocarray(r->meta, r->nmeta + 1, sizeof *r->meta);
		r->meta[r->nmeta++] = txt_xstrdup(f->f[1].s);
	}
	if (k < 0)
		return -1;
	const char *v = txt_counts_meta_get(r, "slant-counts");
	if (!v)
		return txt_err_set("%s: not a counts file: no slant-counts=%s row after the "
				   "header",
				   txt_table_name(r->t), TXT_COUNTS_VERSION);
	if (strcmp(v, TXT_COUNTS_VERSION) != 0)
		return txt_err_set("%s: counts format version %s, expected " TXT_COUNTS_VERSION,
				   txt_table_name(r->t), v);
	return 0;
}

txt_counts_in *txt_counts_open(const char *path)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		return NULL;
	static const char *cols[] = {"group", "term", "n", "df"};
	int ok = txt_table_ncols(t) == 4;
	for (size_t i = 0; ok && i < 4; i++)
		ok = strcmp(txt_table_colname(t, i), cols[i]) == 0;
	if (!ok && strncmp(txt_table_colname(t, 0), "#slant-counts=", 14) == 0) {
		txt_err_set("%s: a counts file of the old layout ('#' lines before the header): "
			    "count it again with this slant",
			    txt_table_name(t));
		txt_table_close(t);
		return NULL;
	}
	if (!ok) {
		long miss = -1;
		for (size_t i = 0; i < 4 && miss < 0; i++)
			if (txt_table_col(t, cols[i]) < 0)
				miss = (long)i;
		if (miss >= 0)
			txt_table_need(t, cols[miss], "counts");
		else
			txt_err_set("%s: not a counts file: expected the columns group, term, n, df",
				    txt_table_name(t));
		txt_table_close(t);
		return NULL;
	}
	txt_counts_in *r = txt_xcalloc(1, sizeof *r);
	r->t = t;
	if (read_meta(r) < 0) {
		txt_counts_close(r);
		return NULL;
	}
	return r;
}

txt_counts_in *txt_counts_open_rows(const char *path)
{
	txt_reader *rd = txt_reader_open(path);
	if (!rd)
		return NULL;
	txt_counts_in *r = txt_xcalloc(1, sizeof *r);
	r->r = rd;
	return r;
}

const char *txt_counts_name(const txt_counts_in *r)
{
	return r->t ? txt_table_name(r->t) : txt_reader_name(r->r);
}

static unsigned long in_line(const txt_counts_in *r)
{
	return (unsigned long)(r->t ? txt_table_lineno(r->t) : txt_reader_lineno(r->r));
}

/* The next line's four fields, unescaped and NUL-terminated. */
static int next_fields(txt_counts_in *r, txt_row **f)
{
	if (r->pending) {
		*f = r->pending;
		r->pending = NULL;
		return 1;
	}
	if (r->t)
		return txt_table_next(r->t, f);
	char *line;
	size_t len;
	int k = txt_reader_next(r->r, &line, &len);
	if (k <= 0)
		return k;
	if (in_line(r) == 1 && len == 15 && memcmp(line, "group\tterm\tn\tdf", 15) == 0)
		return txt_err_set("%s:1: a header line: expected bare rows (slant-count --rows), "
				   "not a counts file",
				   txt_counts_name(r));
	txt_tsv_split(line, len, &r->row);
	if (r->row.n != 4)
		return txt_err_set("%s:%lu: expected 4 fields (group, term, n, df), found %zu",
				   txt_counts_name(r), in_line(r), r->row.n);
	for (size_t i = 0; i < 4; i++) {
		txt_field *x = &r->row.f[i];
		x->len = txt_tsv_unescape(x->s, x->len);
		x->s[x->len] = '\0';
	}
	*f = &r->row;
	return 1;
}

/* Decimal digits only (no sign, space, 0x or exponent), up to UINT64_MAX. */
static int parse_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned char)s[i] - '0';
		if (d > 9 || v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* What a row must satisfy against its group's total row (counts files, not
 * bare rows, whose totals may be elsewhere). */
static int check_total(txt_counts_in *r, const txt_counts_row *row, const char *name,
		       unsigned long line)
{
	if (row->tlen == 0) {
		r->gn = row->n;
		r->gdf = row->df;
		r->gpart = row->n == 0 && row->df == 0;
		return 0;
	}
	if (r->gpart)
		return 0;
	if (row->n > r->gn)
		return txt_err_set("%s:%lu: impossible counts: n %llu of '%s' is over its group's "
				   "total %llu", name, line, (unsigned long long)row->n, row->term,
				   (unsigned long long)r->gn);
	if (row->df > r->gdf)
		return txt_err_set("%s:%lu: impossible counts: df %llu of '%s' is over its group's "
				   "%llu documents", name, line, (unsigned long long)row->df,
				   row->term, (unsigned long long)r->gdf);
	return 0;
}

int txt_counts_read(txt_counts_in *r, txt_counts_row *row)
{
	txt_row *f;
	int rc = next_fields(r, &f);
	if (rc <= 0)
		return rc;
	const char *name = txt_counts_name(r);
	unsigned long line = in_line(r);
	row->group = f->f[0].s;
	row->glen = f->f[0].len;
	row->term = f->f[1].s;
	row->tlen = f->f[1].len;
	if (parse_u64(f->f[2].s, f->f[2].len, &row->n) < 0)
		return txt_err_set("%s:%lu: n '%s' is not a count", name, line, f->f[2].s);
	if (parse_u64(f->f[3].s, f->f[3].len, &row->df) < 0)
		return txt_err_set("%s:%lu: df '%s' is not a count", name, line, f->f[3].s);
	if (row->tlen && (row->df > row->n || row->n == 0))
		return txt_err_set("%s:%lu: impossible counts: n %s, df %s", name, line,
				   f->f[2].s, f->f[3].s);
	int gc = r->have_prev ? txt_counts_cmp(r->pg, r->pgn, row->group, row->glen) : -1;
	if (r->r) { /* bare rows: keys may repeat, totals may be elsewhere */
		if (gc > 0 || (gc == 0 && txt_counts_cmp(r->pt, r->ptn, row->term, row->tlen) > 0))
			return txt_err_set("%s:%lu: rows are not sorted by group, term", name, line);
	} else if (gc > 0 ||
		   (gc == 0 && txt_counts_cmp(r->pt, r->ptn, row->term, row->tlen) >= 0)) {
		return txt_err_set("%s:%lu: rows not sorted by group and term (or repeated)", name,
				   line);
	} else if (gc < 0 && row->tlen) {
		return txt_err_set("%s:%lu: group '%s' has no total row (empty term) first", name,
				   line, row->group);
	}
	if (r->t && check_total(r, row, name, line) < 0)
		return -1;
	if (gc < 0)
		keep_copy(&r->pg, &r->pgcap, &r->pgn, row->group, row->glen);
	keep_copy(&r->pt, &r->ptcap, &r->ptn, row->term, row->tlen);
	r->have_prev = 1;
	return 1;
}

uint64_t txt_counts_lineno(const txt_counts_in *r) { return in_line(r); }

const char *txt_counts_meta_get(const txt_counts_in *r, const char *key)
{
	size_t k = strlen(key);
	for (size_t i = 0; i < r->nmeta; i++)
		if (strncmp(r->meta[i], key, k) == 0 && r->meta[i][k] == '=')
			return r->meta[i] + k + 1;
	return NULL;
}

uint64_t txt_counts_bytes(txt_counts_in *r)
{
	return txt_reader_bytes(r->t ? txt_table_reader(r->t) : r->r);
}

void txt_counts_close(txt_counts_in *r)
{
	if (!r)
		return;
	txt_table_close(r->t);
	txt_reader_close(r->r);
	txt_row_free(&r->row);
	free(r->pg);
	free(r->pt);
	txt_strs_free(r->meta, r->nmeta);
	free(r);
}

int txt_counts_compatible(const txt_counts_in *a, const txt_counts_in *b)
{
	static const char *keys[] = {"tokenizer", "ngrams", "by"};
	for (size_t i = 0; i < 3; i++) {
		const char *x = txt_counts_meta_get(a, keys[i]), *y = txt_counts_meta_get(b, keys[i]);
		if (!x || !y || strcmp(x, y) != 0)
			return txt_err_set("%s and %s were counted differently: %s '%s' vs '%s'",
					   txt_counts_name(a), txt_counts_name(b), keys[i],
					   x ? x : "(none)", y ? y : "(none)");
	}
	return 0;
}

int txt_counts_sum(uint64_t *sum, uint64_t add, const txt_counts_in *r, const char *what)
{
	if (add > UINT64_MAX - *sum)
		return txt_err_set("%s:%llu: %s overflows when added to the same row's counts "
				   "before it (over %llu)", txt_counts_name(r),
				   (unsigned long long)txt_counts_lineno(r), what,
				   (unsigned long long)UINT64_MAX);
	*sum += add;
	return 0;
}

/* ---- merging: a binary heap of inputs ordered by their current row ---- */

typedef struct src {
	txt_counts_in *in;
	txt_counts_row row;
} src;

static int src_less(const src *a, const src *b)
{
	int c = txt_counts_cmp(a->row.group, a->row.glen, b->row.group, b->row.glen);
	if (c == 0)
		c = txt_counts_cmp(a->row.term, a->row.tlen, b->row.term, b->row.tlen);
	return c < 0;
}

static void sift_down(src **h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < n && src_less(h[l], h[m]))
			m = l;
		if (l + 1 < n && src_less(h[l + 1], h[m]))
			m = l + 1;
		if (m == i)
			return;
		src *t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* Write a summed row; with totals, a group whose first row is a term gets
 * a total row of 0 0 before it (see txt_counts_reduce).  *have: a group was
 * written, its name in last. */
static int put_row(txt_writer *w, const char *g, size_t gn, const char *t, size_t tn,
		   uint64_t n, uint64_t df, char **last, size_t *lastn, size_t *lastcap, int *have,
		   int totals)
{
	if (totals && (!*have || txt_counts_cmp(*last, *lastn, g, gn) != 0)) {
		if (tn && txt_counts_write_row(w, g, gn, "", 0, 0, 0) < 0)
			return -1;
		keep_copy(last, lastcap, lastn, g, gn);
		*have = 1;
	}
	return txt_counts_write_row(w, g, gn, t, tn, n, df);
}

static int merge_rows(src **h, size_t n, txt_writer *w, const txt_counts_prune *pr, int totals)
{
	char *g = NULL, *t = NULL, *last = NULL;
	size_t gn = 0, tn = 0, gcap = 0, tcap = 0, lastn = 0, lastcap = 0;
	int rc = 0, have = 0;
	for (size_t i = n; i-- > 0;)
		sift_down(h, n, i);
	while (n > 0 && rc == 0) {
		keep_copy(&g, &gcap, &gn, h[0]->row.group, h[0]->row.glen);
		keep_copy(&t, &tcap, &tn, h[0]->row.term, h[0]->row.tlen);
		uint64_t sn = 0, sdf = 0;
		while (n > 0 && txt_counts_cmp(h[0]->row.group, h[0]->row.glen, g, gn) == 0 &&
		       txt_counts_cmp(h[0]->row.term, h[0]->row.tlen, t, tn) == 0) {
			if (txt_counts_sum(&sn, h[0]->row.n, h[0]->in, "n") < 0 ||
			    txt_counts_sum(&sdf, h[0]->row.df, h[0]->in, "df") < 0) {
				rc = -1;
				break;
			}
			int r = txt_counts_read(h[0]->in, &h[0]->row);
			if (r < 0) {
				rc = -1;
				break;
			}
			if (r == 0)
				h[0] = h[--n];
			sift_down(h, n, 0);
		}
		if (rc == 0 && (tn == 0 || keep(pr, sn, sdf)))
			rc = put_row(w, g, gn, t, tn, sn, sdf, &last, &lastn, &lastcap, &have,
				     totals);
	}
	txt_free_all(g, t, last);
	return rc;
}

int txt_counts_merge(txt_counts_in **in, size_t k, txt_writer *w, const txt_counts_prune *pr)
{
	for (size_t i = 1; i < k; i++)
		if (txt_counts_compatible(in[0], in[i]) < 0)
			return -1;
	char pruned[96];
	txt_counts_meta m = {
		.tokenizer = k ? txt_counts_meta_get(in[0], "tokenizer") : "",
		.ngrams = k ? txt_counts_meta_get(in[0], "ngrams") : "",
		.by = k ? txt_counts_meta_get(in[0], "by") : "",
	};
	for (size_t i = 0; i < k; i++)
		if (txt_counts_meta_get(in[i], "pruned"))
			m.pruned = "inputs were pruned";
	if (pr && (pr->min_count > 1 || pr->min_docs > 1)) {
		snprintf(pruned, sizeof pruned, "min-count=%llu min-docs=%llu",
			 (unsigned long long)pr->min_count, (unsigned long long)pr->min_docs);
		m.pruned = pruned;
	}
	return txt_counts_reduce(in, k, w, &m, pr);
}

int txt_counts_reduce(txt_counts_in **in, size_t k, txt_writer *w, const txt_counts_meta *m,
		      const txt_counts_prune *pr)
{
	if (m && txt_counts_write_header(w, m) < 0)
		return -1;
	src *s = txt_xcalloc(k ? k : 1, sizeof *s);
	src **h = txt_xcalloc(k ? k : 1, sizeof *h);
	size_t n = 0;
	int rc = 0;
	for (size_t i = 0; i < k && rc == 0; i++) {
		s[i].in = in[i];
		int r = txt_counts_read(in[i], &s[i].row);
		if (r < 0)
			rc = -1;
		else if (r > 0)
			h[n++] = &s[i];
	}
	if (rc == 0)
		rc = merge_rows(h, n, w, pr, m != NULL);
	free(h);
	free(s);
	return rc;
}
