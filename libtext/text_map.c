/* text_map: see text_map.h.
 *
 * Slots are 64-bit words: the high half holds a 32-bit tag taken from the
 * hash, the low half id + 1 (0 marks an empty slot).  The home position is
 * derived from the tag alone, so growing never rehashes a key, and a probe
 * touches a key's bytes only when the tags match.  Keys live in an arena of
 * chunks that never move, so pointers handed out stay valid. */
#include "text_map.h"

#include <stdlib.h>
#include <string.h>

#include "text_err.h"

#define MIN_BITS 4
#define CHUNK ((size_t)1 << 20)

typedef struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
} chunk;

typedef struct key {
	const char *s;
	size_t n;
} key;

struct txt_map {
	uint64_t *slot;
	unsigned bits;
	size_t size;
	key *keys;
	size_t keycap;
	chunk *arena; /* newest first */
};

/* ---- hashing: 8-byte words folded through 64x64->128 multiplies ---- */

#define K0 0xa0761d6478bd642fULL
#define K1 0xe7037ed1a0b428dbULL
#define K2 0x8ebc6af09c88c6e3ULL

static inline uint64_t fold(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;
	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t load8(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t load4(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

uint64_t txt_hash(const void *s, size_t n)
{
	const unsigned char *p = s;
	uint64_t h = K0 ^ (uint64_t)n * K2, a, b;
	while (n > 16) {
		h = fold(load8(p) ^ K1, load8(p + 8) ^ h);
		p += 16;
		n -= 16;
	}
	if (n >= 8) { /* 8..16 bytes: two overlapping words */
		a = load8(p);
		b = load8(p + n - 8);
	} else if (n >= 4) {
		a = load4(p);
		b = load4(p + n - 4);
	} else if (n > 0) {
		a = ((uint64_t)p[0] << 16) | ((uint64_t)p[n >> 1] << 8) | p[n - 1];
		b = 0;
	} else {
		a = b = 0;
	}
	return fold(fold(a ^ K1, b ^ h) ^ K2, (uint64_t)n ^ K0);
}

/* ---- arena ---- */

static char *arena_copy(txt_map *m, const char *s, size_t n)
{
	chunk *c = m->arena;
	if (!c || c->cap - c->used < n + 1) {
		size_t cap = n + 1 > CHUNK ? n + 1 : CHUNK;
		chunk *nc = txt_xmalloc(sizeof *nc + cap);
		nc->next = c;
		nc->used = 0;
		nc->cap = cap;
		m->arena = c = nc;
	}
	char *d = c->data + c->used;
	if (n)
		memcpy(d, s, n);
	d[n] = '\0';
	c->used += n + 1;
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

static inline size_t home(uint32_t tag, unsigned bits)
{
	return (size_t)((tag * 0x9e3779b1u) >> (32 - bits));
}

static unsigned bits_for(size_t n)
{
	unsigned b = MIN_BITS;
	while (b < 32 && ((size_t)1 << b) * 7 / 10 < n)
		b++;
	return b;
}

txt_map *txt_map_new(size_t expected)
{
	txt_map *m = txt_xcalloc(1, sizeof *m);
	m->bits = bits_for(expected);
	m->slot = txt_xcalloc((size_t)1 << m->bits, sizeof *m->slot);
	m->keycap = expected > 16 ? expected : 16;
	m->keys = txt_xreallocarray(NULL, m->keycap, sizeof *m->keys);
	return m;
}

void txt_map_free(txt_map *m)
{
	if (!m)
		return;
	arena_free(m->arena);
	free(m->slot);
	free(m->keys);
	free(m);
}

static void grow(txt_map *m)
{
	unsigned bits = m->bits + 1;
	size_t cap = (size_t)1 << bits, mask = cap - 1;
	uint64_t *slot = txt_xcalloc(cap, sizeof *slot);
	size_t old = (size_t)1 << m->bits;
	for (size_t i = 0; i < old; i++) {
		uint64_t v = m->slot[i];
		if (!v)
			continue;
		size_t j = home((uint32_t)(v >> 32), bits);
		while (slot[j])
			j = (j + 1) & mask;
		slot[j] = v;
	}
	free(m->slot);
	m->slot = slot;
	m->bits = bits;
}

static inline int64_t find(const txt_map *m, const char *s, size_t n, uint32_t tag, size_t *pos)
{
	size_t mask = ((size_t)1 << m->bits) - 1, i = home(tag, m->bits);
	for (;;) {
		uint64_t v = m->slot[i];
		if (!v) {
			*pos = i;
			return -1;
		}
		if ((uint32_t)(v >> 32) == tag) {
			const key *k = &m->keys[(uint32_t)v - 1];
			if (k->n == n && memcmp(k->s, s, n) == 0)
				return (uint32_t)v - 1;
		}
		i = (i + 1) & mask;
	}
}

uint32_t txt_map_put_h(txt_map *m, const char *s, size_t n, uint64_t h, int *isnew)
{
	uint32_t tag = (uint32_t)(h >> 32);
	size_t pos;
	int64_t id = find(m, s, n, tag, &pos);
	if (id >= 0) {
		if (isnew)
			*isnew = 0;
		return (uint32_t)id;
	}
	if (m->size == UINT32_MAX - 1)
		abort(); /* ids are 32-bit; a vocabulary this big cannot be counted */
	if ((m->size + 1) * 10 > ((size_t)7 << m->bits)) {
		grow(m);
		find(m, s, n, tag, &pos);
	}
	if (m->size == m->keycap) {
		m->keycap *= 2;
		m->keys = txt_xreallocarray(m->keys, m->keycap, sizeof *m->keys);
	}
	uint32_t nid = (uint32_t)m->size++;
	m->keys[nid].s = arena_copy(m, s, n);
	m->keys[nid].n = n;
	m->slot[pos] = ((uint64_t)tag << 32) | ((uint64_t)nid + 1);
	if (isnew)
		*isnew = 1;
	return nid;
}

uint32_t txt_map_put(txt_map *m, const char *s, size_t n, int *isnew)
{
	return txt_map_put_h(m, s, n, txt_hash(s, n), isnew);
}

int64_t txt_map_get_h(const txt_map *m, const char *s, size_t n, uint64_t h)
{
	size_t pos;
	return find(m, s, n, (uint32_t)(h >> 32), &pos);
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
		*n = m->keys[id].n;
	return m->keys[id].s;
}

size_t txt_map_size(const txt_map *m) { return m->size; }

void txt_map_clear(txt_map *m)
{
	memset(m->slot, 0, ((size_t)1 << m->bits) * sizeof *m->slot);
	m->size = 0;
	/* keep one chunk of the arena for reuse */
	chunk *c = m->arena;
	if (c) {
		arena_free(c->next);
		c->next = NULL;
		c->used = 0;
	}
}
