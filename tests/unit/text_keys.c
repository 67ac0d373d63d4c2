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

TEST(sort_matches_qsort)
{
	for (size_t w = 1; w <= TXT_KEYS_MAXW; w++) {
		size_t n = 5000;
		uint32_t *k = random_keys(n, w, w == 1 ? 100000 : 300), *copy = malloc(n * w * 4),
			 *tmp = malloc(n * w * 4);
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
	  T(empty_and_bad))
