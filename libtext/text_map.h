/* text_map: string-interning hash map (open addressing, linear probing,
 * grows by doubling) mapping byte strings to dense ids 0, 1, 2, ...
 *
 * The map owns copies of its keys (in an arena: pointers returned by
 * txt_map_key stay valid until txt_map_free).  Callers keep per-key values
 * in their own arrays indexed by id.  txt_map_free(NULL) is safe. */
#ifndef TEXT_MAP_H
#define TEXT_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct txt_map txt_map;

txt_map *txt_map_new(size_t expected);
void txt_map_free(txt_map *m);

/* The hash the map uses; callers that hash while scanning may pass it to
 * the _h variants to avoid hashing twice.  h must be txt_hash(s, n): the
 * map rehashes its keys with txt_hash when it grows. */
uint64_t txt_hash(const void *s, size_t n);

/* Building blocks for tables that keep short keys inline (here and in
 * text_counts).  txt_le32/64: bytes as a little-endian number (one load
 * on little-endian machines).  txt_key8: the n <= 8 bytes at s,
 * little-endian and zero-padded, from overlapping loads that stay inside
 * s[0..n) (a variable-length memcpy stalls the pipeline). */
static inline uint64_t txt_le32(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
}

static inline uint64_t txt_le64(const unsigned char *p)
{
	return txt_le32(p) | txt_le32(p + 4) << 32;
}

static inline uint64_t txt_key8(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n >= 4)
		return txt_le32(s) | txt_le32(s + n - 4) << (8 * (n - 4));
	if (n == 0)
		return 0;
	return (uint64_t)s[0] | (uint64_t)s[n >> 1] << (8 * (n >> 1)) |
	       (uint64_t)s[n - 1] << (8 * (n - 1));
}

/* Short keys (n <= 16 bytes) as two little-endian words, zero-padded:
 * the form text_tok's batches hand out and text_counts' tables hold.
 * txt_key_mask[n] keeps a key's bytes of the two words read at its start;
 * txt_key16 needs 16 readable bytes at p. */
extern const uint64_t txt_key_mask[17][2];

static inline void txt_key16(const void *p, size_t n, uint64_t k[2])
{
	const unsigned char *s = (const unsigned char *)p;
	k[0] = txt_le64(s) & txt_key_mask[n][0];
	k[1] = txt_le64(s + 8) & txt_key_mask[n][1];
}

/* The n <= 16 bytes of a short key, written to out. */
static inline void txt_key_bytes(const uint64_t k[2], size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (char)(k[i >> 3] >> (8 * (i & 7)));
}

/* A 64x64->128-bit multiply folded to 64 bits: the mixing step of txt_hash. */
static inline uint64_t txt_fold(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;
	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* Id of key s[0..n), inserting a copy if absent (*isnew = 1 then; isnew may
 * be NULL).  Keys may contain any bytes, NUL included. */
uint32_t txt_map_put(txt_map *m, const char *s, size_t n, int *isnew);
uint32_t txt_map_put_h(txt_map *m, const char *s, size_t n, uint64_t h, int *isnew);
/* Id of key, or -1 when absent. */
int64_t txt_map_get(const txt_map *m, const char *s, size_t n);
int64_t txt_map_get_h(const txt_map *m, const char *s, size_t n, uint64_t h);
/* The key with this id (NUL-terminated copy); *n gets its length if n != NULL. */
const char *txt_map_key(const txt_map *m, uint32_t id, size_t *n);
size_t txt_map_size(const txt_map *m);
/* Bytes the map uses: table, key index and the keys' bytes (not the unused
 * end of the key arena's current chunk). */
size_t txt_map_mem(const txt_map *m);
/* Drop every key (keeps the allocated table for reuse). */
void txt_map_clear(txt_map *m);
/* Room for n keys in all, so that adding up to n does not rehash. */
void txt_map_reserve(txt_map *m, size_t n);

#endif
