/* Unit tests for text_map. */
#include <stdint.h>

#include "harness.h"
#include "text_map.h"

/* "k" + decimal i (snprintf would dominate the run time) */
static size_t keyof(char *buf, uint32_t i)
{
	char tmp[16];
	size_t n = 0, k = 0;
	do
		tmp[n++] = (char)('0' + i % 10);
	while ((i /= 10) != 0);
	buf[k++] = 'k';
	while (n)
		buf[k++] = tmp[--n];
	return k;
}

TEST(ten_million_keys)
{
	const uint32_t N = 10000000;
	txt_map *m = txt_map_new(0);
	char buf[32];
	int isnew, ok = 1;
	for (uint32_t i = 0; i < N && ok; i++) {
		size_t n = keyof(buf, i);
		ok = txt_map_put(m, buf, n, &isnew) == i && isnew;
	}
	CHECK(ok);
	CHECK(txt_map_size(m) == N);
	for (uint32_t i = 0; i < N && ok; i++) {
		size_t n = keyof(buf, i), kn;
		ok = txt_map_get(m, buf, n) == (int64_t)i;
		const char *k = txt_map_key(m, i, &kn);
		ok = ok && kn == n && memcmp(k, buf, n) == 0 && k[n] == '\0';
	}
	CHECK(ok);
	/* putting again finds, never inserts */
	for (uint32_t i = 0; i < N && ok; i += 97) {
		size_t n = keyof(buf, i);
		ok = txt_map_put(m, buf, n, &isnew) == i && !isnew;
	}
	CHECK(ok);
	CHECK(txt_map_size(m) == N);
	CHECK(txt_map_get(m, "k10000000", 9) == -1);
	CHECK(txt_map_get(m, "x", 1) == -1);
	txt_map_free(m);
}

TEST(growth_keeps_key_pointers)
{
	txt_map *m = txt_map_new(1);
	const char *first = NULL;
	char buf[32];
	txt_map_put(m, "first", 5, NULL);
	first = txt_map_key(m, 0, NULL);
	for (uint32_t i = 0; i < 200000; i++)
		txt_map_put(m, buf, keyof(buf, i), NULL);
	CHECK(txt_map_key(m, 0, NULL) == first);
	CHECK_STR(first, "first");
	CHECK(txt_map_get(m, "first", 5) == 0);
	CHECK(txt_map_size(m) == 200001);
	CHECK(txt_map_key(m, 200001, NULL) == NULL);
	txt_map_free(m);
}

TEST(nul_bytes_and_prefixes)
{
	txt_map *m = txt_map_new(4);
	int isnew;
	uint32_t a = txt_map_put(m, "a\0b", 3, &isnew);
	CHECK(isnew);
	uint32_t b = txt_map_put(m, "a\0c", 3, &isnew);
	CHECK(isnew && a != b);
	uint32_t c = txt_map_put(m, "a", 1, &isnew);
	CHECK(isnew && c != a);
	uint32_t e = txt_map_put(m, "", 0, &isnew);
	CHECK(isnew);
	CHECK(txt_map_put(m, "", 0, &isnew) == e && !isnew);
	uint32_t z = txt_map_put(m, "\0", 1, &isnew);
	CHECK(isnew && z != e);
	CHECK(txt_map_get(m, "a\0b", 3) == a);
	CHECK(txt_map_get(m, "a\0c", 3) == b);
	CHECK(txt_map_get(m, "a\0", 2) == -1);
	size_t n;
	const char *k = txt_map_key(m, a, &n);
	CHECK(n == 3 && memcmp(k, "a\0b", 3) == 0);
	/* long keys, longer than a hash block and an arena chunk */
	size_t big = (size_t)3 << 20;
	char *s = malloc(big);
	memset(s, 'x', big);
	uint32_t l = txt_map_put(m, s, big, &isnew);
	CHECK(isnew);
	s[big - 1] = 'y';
	CHECK(txt_map_get(m, s, big) == -1);
	s[big - 1] = 'x';
	CHECK(txt_map_get(m, s, big) == l);
	free(s);
	txt_map_free(m);
}

/* Keys whose hashes share the tag still resolve: the map compares bytes. */
TEST(collisions)
{
	/* Distinct keys with equal hashes cannot be made on demand, so check
	 * the hash on many near-identical keys instead, and the map on a
	 * table kept tiny relative to its size (long probe runs). */
	txt_map *m = txt_map_new(0);
	char buf[40];
	uint64_t seen = 0;
	int dup = 0, ok = 1;
	for (uint32_t i = 0; i < 5000; i++) {
		size_t n = (size_t)snprintf(buf, sizeof buf, "same-prefix-long-key-%06u", i);
		uint64_t h = txt_hash(buf, n);
		dup += h == seen;
		seen = h;
		ok = ok && txt_map_put(m, buf, n, NULL) == i;
	}
	CHECK(ok && !dup);
	for (uint32_t i = 0; i < 5000 && ok; i++) {
		size_t n = (size_t)snprintf(buf, sizeof buf, "same-prefix-long-key-%06u", i);
		ok = txt_map_get(m, buf, n) == (int64_t)i;
	}
	CHECK(ok);
	/* the hash depends on every byte and on the length */
	CHECK(txt_hash("abc", 3) != txt_hash("abd", 3));
	CHECK(txt_hash("abc", 3) != txt_hash("abc\0", 4));
	CHECK(txt_hash("", 0) != txt_hash("\0", 1));
	CHECK(txt_hash("0123456789abcdefX", 17) != txt_hash("0123456789abcdefY", 17));
	CHECK(txt_hash("abc", 3) == txt_hash("abc", 3));
	/* every length: the first and the last byte both matter */
	char x[41], y[41];
	memset(x, 'q', sizeof x);
	int diff = 1;
	for (size_t n = 1; n <= 40; n++) {
		memcpy(y, x, n);
		y[n - 1] = 'r';
		diff = diff && txt_hash(x, n) != txt_hash(y, n);
		y[n - 1] = 'q';
		y[0] = 'r';
		diff = diff && txt_hash(x, n) != txt_hash(y, n);
		diff = diff && txt_hash(x, n) != txt_hash(x, n - 1);
	}
	CHECK(diff);
	/* putting the newest key again is not an insertion */
	int isnew;
	uint32_t last = txt_map_put(m, "newest", 6, &isnew);
	CHECK(isnew);
	CHECK(txt_map_put(m, "newest", 6, &isnew) == last && !isnew);
	CHECK(txt_map_put(m, "newest-and-longer", 17, &isnew) == last + 1 && isnew);
	CHECK(txt_map_put(m, "newest-and-longer", 17, &isnew) == last + 1 && !isnew);
	/* one hash for every key forces them all into one probe run (the
	 * map is sized so that it does not grow: growing rehashes keys with
	 * txt_hash, as the _h variants require) */
	txt_map *c = txt_map_new(4000);
	for (uint32_t i = 0; i < 3000; i++) {
		size_t n = (size_t)snprintf(buf, sizeof buf, "%u", i);
		ok = ok && txt_map_put_h(c, buf, n, 42, NULL) == i;
	}
	for (uint32_t i = 0; i < 3000; i++) {
		size_t n = (size_t)snprintf(buf, sizeof buf, "%u", i);
		ok = ok && txt_map_get_h(c, buf, n, 42) == (int64_t)i;
	}
	CHECK(ok);
	CHECK(txt_map_get_h(c, "3000", 4, 42) == -1);
	txt_map_free(c);
	txt_map_free(m);
}

TEST(clear_and_reuse)
{
	txt_map *m = txt_map_new(0);
	char buf[32];
	for (uint32_t i = 0; i < 50000; i++)
		txt_map_put(m, buf, keyof(buf, i), NULL);
	txt_map_clear(m);
	CHECK(txt_map_size(m) == 0);
	CHECK(txt_map_get(m, "k1", 2) == -1);
	int isnew;
	CHECK(txt_map_put(m, "k7", 2, &isnew) == 0 && isnew);
	CHECK(txt_map_put(m, "k1", 2, &isnew) == 1 && isnew);
	CHECK(txt_map_get(m, "k7", 2) == 0);
	CHECK_STR(txt_map_key(m, 1, NULL), "k1");
	txt_map_free(m);
	txt_map_free(NULL);
}

/* Reserving room rehashes once; keys before and after keep their ids. */
TEST(reserve_keeps_ids)
{
	txt_map *m = txt_map_new(0);
	char buf[32];
	for (uint32_t i = 0; i < 1000; i++)
		CHECK(txt_map_put(m, buf, keyof(buf, i), NULL) == i);
	size_t before = txt_map_mem(m);
	txt_map_reserve(m, 100000);
	CHECK(txt_map_mem(m) > before);
	for (uint32_t i = 0; i < 100000; i++)
		CHECK(txt_map_put(m, buf, keyof(buf, i), NULL) == i);
	CHECK(txt_map_size(m) == 100000);
	for (uint32_t i = 0; i < 100000; i += 997)
		CHECK(txt_map_get(m, buf, keyof(buf, i)) == (int64_t)i);
	txt_map_reserve(m, 10); /* never shrinks */
	CHECK(txt_map_get(m, buf, keyof(buf, 5)) == 5);
	txt_map_free(m);
}

RUN_TESTS(T(ten_million_keys), T(growth_keeps_key_pointers), T(nul_bytes_and_prefixes),
	  T(collisions), T(clear_and_reuse), T(reserve_keeps_ids))
