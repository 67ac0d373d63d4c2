/* text_keys: random keys of every width counted by sorting, in memory and
 * through temporary files (one run per batch, levels merged), from several
 * threads at once, against a plain qsort-and-count; a merge read twice
 * gives the same; a TMPDIR that cannot be written is an error. */
#include <pthread.h>
#include <stdint.h>

#include "harness.h"
#include "text_err.h"
#include "text_keys.h"

static size_t cmp_w;

static int cmp_key(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;
	for (size_t i = 0; i < cmp_w; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

static uint64_t rng = 88172645463325252ULL;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* n random keys of width w; words from a small range (repeats) or, in
 * the last word, the full 32 bits (radix digits of every byte). */
static uint32_t *random_keys(size_t n, size_t w, uint32_t range)
{
	uint32_t *k = malloc(n * w * sizeof *k);
	for (size_t i = 0; i < n * w; i++)
		k[i] = i % w == w - 1 && next_rand() % 8 == 0 ? next_rand() * 2654435761u
							     : next_rand() % range;
	return k;
}

/* The merge of k equals the keys sorted and counted plainly. */
static int same_as_plain(txt_keys *k, const uint32_t *keys, size_t n, size_t w)
{
	uint32_t *s = malloc((n ? n : 1) * w * sizeof *s);
	if (n)
		memcpy(s, keys, n * w * sizeof *s);
	cmp_w = w;
	qsort(s, n, w * sizeof *s, cmp_key);
	txt_keys_iter *it = txt_keys_iter_new(k);
	const uint32_t *key;
	uint64_t cnt;
	int ok = it != NULL;
	size_t i = 0;
	while (ok && i < n) {
		size_t j = i;
		while (j < n && memcmp(s + j * w, s + i * w, w * sizeof *s) == 0)
			j++;
		ok = txt_keys_next(it, &key, &cnt) == 1 && cnt == j - i &&
		     memcmp(key, s + i * w, w * sizeof *s) == 0;
		i = j;
	}
	ok = ok && txt_keys_next(it, &key, &cnt) == 0;
	txt_keys_iter_free(it);
	free(s);
	return ok;
}

/* Add keys[0..n) in batches of `batch`. */
static int add_all(txt_keys *k, const uint32_t *keys, size_t n, size_t w, size_t batch)
{
	uint32_t *b = malloc(batch * w * sizeof *b), *tmp = malloc(batch * w * sizeof *tmp);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i += batch) {
		size_t m = n - i < batch ? n - i : batch;
		memcpy(b, keys + i * w, m * w * sizeof *b);
		rc = txt_keys_add(k, b, tmp, m);
	}
	free(b);
	free(tmp);
	return rc;
}

/* Every width, with words of a few bits (packed into 32 or 64 bits and
 * sorted as numbers) and with some of 32 bits (packed up to 64 bits in
 * all, else sorted by bytes). */
TEST(sort_matches_qsort)
{
	for (size_t v = 0; v < 2 * TXT_KEYS_MAXW; v++) {
		size_t n = 5000, w = v % TXT_KEYS_MAXW + 1;
		uint32_t *k = random_keys(n, w, w == 1 ? 100000 : 300), *copy = malloc(n * w * 4),
			 *tmp = malloc(n * w * 4);
		for (size_t i = 0; v < TXT_KEYS_MAXW && i < n * w; i++)
			k[i] %= 300;
		memcpy(copy, k, n * w * 4);
		txt_keys_sort(k, tmp, n, w);
		cmp_w = w;
		qsort(copy, n, w * 4, cmp_key);
		CHECK(memcmp(k, copy, n * w * 4) == 0);
		free(k);
		free(copy);
		free(tmp);
	}
}

static unsigned file_runs;

static void count_run(void *arg, unsigned seq, unsigned level)
{
	(void)arg;
	(void)seq;
	(void)level;
	file_runs++;
}

TEST(counts_in_memory_and_files)
{
	for (size_t w = 1; w <= 5; w++) {
		size_t n = 40000;
		uint32_t *keys = random_keys(n, w, 12);
		/* no bound: memory runs only (levels merged past 16) */
		txt_keys *k = txt_keys_new(w, 0, "slant-test");
		CHECK(add_all(k, keys, n, w, 1000) == 0);
		CHECK(txt_keys_file_runs(k) == 0);
		CHECK(same_as_plain(k, keys, n, w));
		CHECK(same_as_plain(k, keys, n, w)); /* read twice */
		txt_keys_free(k);
		/* a bound of 1 byte: every batch goes to a file, 16 files make
		 * one of the next level */
		k = txt_keys_new(w, 1, "slant-test");
		file_runs = 0;
		txt_keys_on_run(k, count_run, NULL);
		CHECK(add_all(k, keys, n, w, 1000) == 0);
		CHECK(file_runs >= 40 + 2);
		CHECK(txt_keys_file_runs(k) < 16);
		CHECK(txt_keys_mem(k) == 0);
		CHECK(same_as_plain(k, keys, n, w));
		CHECK(same_as_plain(k, keys, n, w));
		txt_keys_free(k);
		free(keys);
	}
}

/* Keys too wide to pack into 64 bits (sorted and collapsed by their
 * words), with repeats. */
TEST(counts_of_wide_keys)
{
	const size_t w = 3, n = 20000;
	uint32_t *keys = random_keys(n, w, 12);
	for (size_t i = 0; i < n; i++)
		keys[i * w] = keys[i * w] * 2654435761u | 0x80000000u; /* 32 bits, 12 values */
	for (int bound = 0; bound < 2; bound++) {
		txt_keys *k = txt_keys_new(w, bound, "slant-test");
		CHECK(add_all(k, keys, n, w, 3000) == 0);
		CHECK(same_as_plain(k, keys, n, w));
		txt_keys_free(k);
	}
	free(keys);
}

typedef struct share {
	txt_keys *k;
	const uint32_t *keys;
	size_t n, w;
	int rc;
} share;

static void *add_share(void *arg)
{
	share *s = arg;
	s->rc = add_all(s->k, s->keys, s->n, s->w, 777);
	return NULL;
}

TEST(threads_add_at_once)
{
	const size_t n = 60000, w = 3, parts = 4;
	uint32_t *keys = random_keys(n, w, 20);
	for (int bound = 0; bound < 2; bound++) {
		txt_keys *k = txt_keys_new(w, bound ? 64 << 10 : 0, "slant-test");
		pthread_t th[4];
		share sh[4];
		for (size_t i = 0; i < parts; i++) {
			sh[i] = (share){k, keys + i * (n / parts) * w, n / parts, w, -1};
			pthread_create(&th[i], NULL, add_share, &sh[i]);
		}
		for (size_t i = 0; i < parts; i++) {
			pthread_join(th[i], NULL);
			CHECK(sh[i].rc == 0);
		}
		CHECK(bound == 0 || txt_keys_file_runs(k) > 0);
		CHECK(same_as_plain(k, keys, n, w));
		txt_keys_free(k);
	}
	free(keys);
}

/* The parts between cuts, read apart, are the whole merge in order. */
static int parts_make_whole(txt_keys *k, size_t w, size_t parts)
{
	uint32_t cuts[16 * TXT_KEYS_MAXW];
	size_t nc = txt_keys_cuts(k, parts, cuts), total = 0, seen = 0;
	int ok = nc >= 1 && nc < parts;
	for (size_t i = 1; ok && i < nc; i++)
		ok = cmp_w == w && cmp_key(cuts + (i - 1) * w, cuts + i * w) < 0;
	txt_keys_iter *all = txt_keys_iter_new(k);
	const uint32_t *a, *b;
	uint64_t na, nb;
	for (size_t p = 0; ok && p <= nc; p++) {
		txt_keys_iter *it = txt_keys_iter_range(k, p ? cuts + (p - 1) * w : NULL,
						      p < nc ? cuts + p * w : NULL);
		ok = it != NULL;
		size_t here = 0;
		while (ok && txt_keys_next(it, &b, &nb) == 1) {
			ok = txt_keys_next(all, &a, &na) == 1 && na == nb &&
			     memcmp(a, b, w * sizeof *a) == 0;
			here++;
		}
		seen += here > 0;
		total += here;
		txt_keys_iter_free(it);
	}
	ok = ok && txt_keys_next(all, &a, &na) == 0 && total > 0 && seen == nc + 1;
	txt_keys_iter_free(all);
	return ok;
}

TEST(ranges_and_cuts)
{
	const size_t w = 2, n = 30000;
	uint32_t *keys = random_keys(n, w, 300);
	cmp_w = w;
	for (int bound = 0; bound < 2; bound++) { /* memory runs, then file runs */
		txt_keys *k = txt_keys_new(w, bound, "slant-test");
		CHECK(add_all(k, keys, n, w, 4000) == 0);
		CHECK(bound == 0 || txt_keys_file_runs(k) > 0);
		CHECK(parts_make_whole(k, w, 2));
		CHECK(parts_make_whole(k, w, 7));
		/* a range that starts and ends between keys */
		uint32_t lo[2] = {100, 0}, hi[2] = {200, 0};
		txt_keys_iter *it = txt_keys_iter_range(k, lo, hi);
		const uint32_t *x;
		uint64_t c, want = 0, got = 0;
		while (txt_keys_next(it, &x, &c) == 1) {
			CHECK(x[0] >= 100 && x[0] < 200);
			got += c;
		}
		txt_keys_iter_free(it);
		for (size_t i = 0; i < n; i++)
			want += keys[i * w] >= 100 && keys[i * w] < 200;
		CHECK(got == want && want > 0);
		txt_keys_free(k);
	}
	txt_keys *k = txt_keys_new(w, 0, "slant-test");
	uint32_t cuts[4];
	CHECK(txt_keys_cuts(k, 3, cuts) == 0); /* nothing to cut */
	txt_keys_free(k);
	free(keys);
}

TEST(empty_and_bad)
{
	txt_keys *k = txt_keys_new(2, 0, "slant-test");
	CHECK(same_as_plain(k, NULL, 0, 2));
	txt_keys_free(k);
	CHECK(txt_keys_new(0, 0, "x") == NULL);
	CHECK(txt_keys_new(TXT_KEYS_MAXW + 1, 0, "x") == NULL);
	/* a temporary directory that does not exist: the error names the file */
	setenv("TMPDIR", "/nonexistent/slant-test", 1);
	k = txt_keys_new(2, 1, "slant-test");
	uint32_t key[4] = {1, 2, 3, 4}, tmp[4];
	CHECK(txt_keys_add(k, key, tmp, 2) == -1);
	CHECK(strstr(txt_err(), "/nonexistent/slant-test/slant-test-") != NULL);
	txt_keys_free(k);
	unsetenv("TMPDIR");
}

RUN_TESTS(T(sort_matches_qsort), T(counts_in_memory_and_files), T(threads_add_at_once),
	  T(counts_of_wide_keys), T(ranges_and_cuts), T(empty_and_bad))
