/* text_map: see text_map.h.
 *
 * A slot (16 bytes) holds a 24-bit tag from the hash with the key length
 * (255: longer), id + 1 (0 marks an empty slot), and the key itself when it
 * has at most 8 bytes, else a pointer to its copy in the arena, where the
 * length precedes the bytes.  So a lookup of a short key (most tokens)
 * touches one slot and nothing else.  Home positions come from the high bits
 * of the hash; growing rehashes the keys.  Keys live in an arena of chunks
 * that never move, so pointers handed out stay valid. */
#include "text_map.h"

#include <stdlib.h>
#include <string.h>

#include "text_err.h"

#define MIN_BITS 4
#define CHUNK ((size_t)1 << 20)
#define CACHE 512

typedef struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[]; /* records are size_t-aligned: this header is 3 size_t */
} chunk;

typedef struct slot {
	uint32_t meta; /* tag << 8 | min(length, 255) */
	uint32_t id1;  /* id + 1; 0: empty */
	union {
		uint64_t w;    /* a key of at most 8 bytes, zero-padded */
		const char *p; /* a longer key, in the arena */
	} k;
} slot;

struct txt_map {
	slot *slot;
	unsigned bits;
	size_t size;
	const char **keys;
	size_t keycap;
	chunk *arena; /* newest first */
	size_t arena_bytes;
	/* recently found short keys: the frequent tokens stay in a few KiB
	 * that fit the L1 cache, whatever the size of the table */
	slot cache[CACHE];
};

/* ---- hashing: 8-byte words folded through 64x64->128 multiplies ---- */

#define K0 0xa0761d6478bd642fULL
#define K1 0xe7037ed1a0b428dbULL
#define K2 0x8ebc6af09c88c6e3ULL

/* Masks keeping the first b bytes of a little-endian word (b <= 8).  The
 * shift is taken mod 64 so that no constant shift reaches the word's width,
 * even in the branch not taken (clang rejects that). */
#define KEEP(b) ((b) >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << ((8 * (b)) & 63)) - 1)
#define KEEP2(n) {KEEP((n) < 8 ? (n) : 8), KEEP((n) > 8 ? (n) - 8 : 0)}
const uint64_t txt_key_mask[17][2] = {
	KEEP2(0), KEEP2(1), KEEP2(2), KEEP2(3), KEEP2(4), KEEP2(5), KEEP2(6),
	KEEP2(7), KEEP2(8), KEEP2(9), KEEP2(10), KEEP2(11), KEEP2(12), KEEP2(13),
	KEEP2(14), KEEP2(15), KEEP2(16),
};
#undef KEEP2
#undef KEEP

static inline uint64_t load8(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* Keys of at most 8 bytes (most tokens): one multiply. */
static inline uint64_t short_hash(uint64_t w, size_t n)
{
	return txt_fold(w ^ K1, K2 ^ ((uint64_t)n << 56));
}

uint64_t txt_hash(const void *s, size_t n)
{
	const unsigned char *p = s, *end = p + n;
	if (n <= 8)
		return short_hash(txt_key8(s, n), n);
	uint64_t h = K0 ^ (uint64_t)n * K2, len = n;
	while (n > 16) {
		h = txt_fold(load8(p) ^ K1, load8(p + 8) ^ h);
		p += 16;
		n -= 16;
	}
	/* the last 16 bytes (overlapping what came before when n < 16) */
	uint64_t a = load8(end - 16 < (const unsigned char *)s ? (const unsigned char *)s : end - 16);
	uint64_t b = load8(end - 8);
	return txt_fold(txt_fold(a ^ K1, b ^ h) ^ K2, len ^ K0);
}

/* ---- arena ---- */

static inline size_t keylen(const char *p)
{
	size_t n;
	memcpy(&n, p - sizeof n, sizeof n);
	return n;
}

/* Copies s as [length][bytes][NUL], the length size_t-aligned. */
static char *arena_copy(txt_map *m, const char *s, size_t n)
{
	chunk *c = m->arena;
	size_t need = (sizeof(size_t) + n + 1 + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1);
	if (!c || c->cap - c->used < need) {
		size_t cap = need > CHUNK ? need : CHUNK;
		chunk *nc = txt_xmalloc(sizeof *nc + cap);
		nc->next = c;
		nc->used = 0;
		nc->cap = cap;
		m->arena = c = nc;

	}
	char *d = c->data + c->used + sizeof(size_t);
	memcpy(d - sizeof(size_t), &n, sizeof n);
	if (n)
		memcpy(d, s, n);
	d[n] = '\0';
	c->used += need;
	m->arena_bytes += need;
	return d;
}

static void arena_free(chunk *c)
{
	while (c) {
		chunk *next = c->next;
		free(c);
		c = next;
	}
}

/* ---- table ---- */

static inline size_t home(uint64_t h, unsigned bits)
{
	return (size_t)(h >> (64 - bits));
}

static inline uint32_t meta_of(uint64_t h, size_t n)
{
	return (uint32_t)(h << 8) | (uint32_t)(n < 255 ? n : 255);
}

static unsigned bits_for(size_t n)
{
	unsigned b = MIN_BITS;
	while (b < 40 && ((size_t)1 << b) * 7 / 10 < n)
		b++;
	return b;
}

txt_map *txt_map_new(size_t expected)
{
	txt_map *m = txt_xcalloc(1, sizeof *m);
	m->bits = bits_for(expected);
	m->slot = txt_xzalloc((size_t)1 << m->bits, sizeof *m->slot);
	m->keycap = expected > 16 ? expected : 16;
	m->keys = txt_xreallocarray(NULL, m->keycap, sizeof *m->keys);
	return m;
}

void txt_map_free(txt_map *m)
{
	if (!m)
		return;
	arena_free(m->arena);
	txt_free_all(m->slot, m->keys, m);
}

/* Rehash into 2^bits slots (more than now). */
static void grow_to(txt_map *m, unsigned bits)
{
	size_t cap = (size_t)1 << bits, mask = cap - 1;
	slot *sl = txt_xzalloc(cap, sizeof *sl);
	size_t old = (size_t)1 << m->bits;
	for (size_t i = 0; i < old; i++) {
		if (!m->slot[i].id1)
			continue;
		const char *k = m->keys[m->slot[i].id1 - 1];
		size_t j = home(txt_hash(k, keylen(k)), bits);
		while (sl[j].id1)
			j = (j + 1) & mask;
		sl[j] = m->slot[i];
	}
	free(m->slot);
	m->slot = sl;
	m->bits = bits;
}

static void grow(txt_map *m) { grow_to(m, m->bits + 1); }

void txt_map_reserve(txt_map *m, size_t n)
{
	unsigned bits = bits_for(n);
	if (bits > m->bits)
		grow_to(m, bits);
	if (n > m->keycap) {
		m->keycap = n;
		m->keys = txt_xreallocarray(m->keys, m->keycap, sizeof *m->keys);
	}
}

/* Equal bytes, for keys longer than 8 (no libc call up to 16). */
static inline int same(const char *a, const char *b, size_t n)
{
	if (n > 16)
		return memcmp(a, b, n) == 0;
	uint64_t x, y, u, v;
	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	memcpy(&u, a + n - 8, 8);
	memcpy(&v, b + n - 8, 8);
	return ((x ^ y) | (u ^ v)) == 0;
}

/* Probe for the key (w: its word when n <= 8); *pos gets its slot, or the
 * empty slot ending the run. */
static inline int64_t find(const txt_map *m, const char *s, size_t n, uint64_t h, uint64_t w,
			   size_t *pos)
{
	size_t mask = ((size_t)1 << m->bits) - 1, i = home(h, m->bits);
	uint32_t meta = meta_of(h, n);
	for (;;) {
		const slot *sl = &m->slot[i];
		if (!sl->id1)
			break;
		if (sl->meta == meta &&
		    (n <= 8 ? sl->k.w == w : keylen(sl->k.p) == n && same(sl->k.p, s, n)))
			break;
		i = (i + 1) & mask;
	}
	*pos = i;
	return (int64_t)m->slot[i].id1 - 1;
}

static inline const slot *cached(const txt_map *m, uint64_t h, size_t n, uint64_t w)
{
	const slot *c = &m->cache[(h >> 24) & (CACHE - 1)];
	return c->id1 && c->meta == meta_of(h, n) && c->k.w == w ? c : NULL;
}

/* The key is not in the cache: probe, insert if absent, cache it. */
static __attribute__((noinline)) uint32_t put_slow(txt_map *m, const char *s, size_t n,
						     uint64_t h, uint64_t w, int *isnew)
{
	size_t pos;
	int64_t id = find(m, s, n, h, w, &pos);
	int added = id < 0;
	if (added) {
		if (m->size == UINT32_MAX - 1)
			abort(); /* ids are 32-bit; a vocabulary this big cannot be counted */
		if ((m->size + 1) * 10 > ((size_t)7 << m->bits)) {
			grow(m);
			find(m, s, n, h, w, &pos);
		}
		if (m->size == m->keycap) {
			m->keycap *= 2;
			m->keys = txt_xreallocarray(m->keys, m->keycap, sizeof *m->keys);
		}
		uint32_t nid = (uint32_t)m->size++;
		m->keys[nid] = arena_copy(m, s, n);
		slot *sl = &m->slot[pos];
		sl->meta = meta_of(h, n);
		sl->id1 = nid + 1;
		if (n <= 8)
			sl->k.w = w;
		else
			sl->k.p = m->keys[nid];
		id = nid;
	}
	if (isnew)
		*isnew = added;
	if (n <= 8)
		m->cache[(h >> 24) & (CACHE - 1)] = m->slot[pos];
	return (uint32_t)id;
}

uint32_t txt_map_put_h(txt_map *m, const char *s, size_t n, uint64_t h, int *isnew)
{
	uint64_t w = n <= 8 ? txt_key8(s, n) : 0;
	const slot *c = n <= 8 ? cached(m, h, n, w) : NULL;
	if (c) {
		if (isnew)
			*isnew = 0;
		return c->id1 - 1;
	}
	return put_slow(m, s, n, h, w, isnew);
}

/* The common case, a short key found in the cache, in few instructions and
 * without a call: hashing is inlined here. */
uint32_t txt_map_put(txt_map *m, const char *s, size_t n, int *isnew)
{
	if (n > 8)
		return put_slow(m, s, n, txt_hash(s, n), 0, isnew);
	uint64_t w = txt_key8(s, n), h = short_hash(w, n);
	const slot *c = cached(m, h, n, w);
	if (!c)
		return put_slow(m, s, n, h, w, isnew);
	if (isnew)
		*isnew = 0;
	return c->id1 - 1;
}

int64_t txt_map_get_h(const txt_map *m, const char *s, size_t n, uint64_t h)
{
	uint64_t w = n <= 8 ? txt_key8(s, n) : 0;
	const slot *c = n <= 8 ? cached(m, h, n, w) : NULL;
	size_t pos;
	return c ? c->id1 - 1 : find(m, s, n, h, w, &pos);
}

int64_t txt_map_get(const txt_map *m, const char *s, size_t n)
{
	return txt_map_get_h(m, s, n, txt_hash(s, n));
}

const char *txt_map_key(const txt_map *m, uint32_t id, size_t *n)
{
	if (id >= m->size)
		return NULL;
	if (n)
		*n = keylen(m->keys[id]);
	return m->keys[id];
}

size_t txt_map_size(const txt_map *m) { return m->size; }

size_t txt_map_mem(const txt_map *m)
{
	return sizeof *m + ((size_t)sizeof(slot) << m->bits) + m->keycap * sizeof *m->keys +
	       m->arena_bytes;
}

void txt_map_clear(txt_map *m)
{
	memset(m->slot, 0, ((size_t)1 << m->bits) * sizeof *m->slot);
	memset(m->cache, 0, sizeof m->cache);
	m->size = 0;
	/* keep one chunk of the arena for reuse */
	chunk *c = m->arena;
	if (c) {
		arena_free(c->next);
		c->next = NULL;
		c->used = 0;
		m->arena_bytes = 0;
	}
}
