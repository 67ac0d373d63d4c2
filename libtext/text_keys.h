/* text_keys: counting fixed-width integer keys by sorting them.
 *
 * A key is `width` uint32 words, compared word by word (the first word
 * most significant).  Callers collect keys in batches; each batch is
 * radix-sorted and collapsed into a run of (key, count), distinct keys in
 * increasing order.  Runs stay in memory up to a bound; past it the memory
 * runs are merged into one run in a temporary file (its name removed as
 * soon as it is open, so nothing is left behind), and every 16 file runs
 * are merged into one.  A merge of all runs then gives each distinct key
 * once with its total count, in increasing order, as many times as asked
 * (slant-colloc reads its K-grams twice).
 *
 * Sorting integers and writing fixed records is what makes this faster
 * than counting in a hash table when most keys are distinct (a cache miss
 * per key) and than spilling text (naming and comparing strings).
 *
 *     txt_keys *k = txt_keys_new(width, mem, "slant-colloc");
 *     in any thread: txt_keys_add(k, keys, tmp, n) for each full batch;
 *     then txt_keys_iter_new(k), txt_keys_next(it, &key, &count) until 0,
 *     txt_keys_iter_free(it), as often as needed; txt_keys_free(k).
 *
 * Ownership: the set owns its runs; batches and scratch are the caller's.
 * txt_keys_add may be called from several threads at once; after the last
 * add, several threads may each read an iterator of their own (files are
 * read with pread); the rest from one thread. */
#ifndef TEXT_KEYS_H
#define TEXT_KEYS_H

#include <stddef.h>
#include <stdint.h>

#define TXT_KEYS_MAXW 8 /* words in a key, at most */

typedef struct txt_keys txt_keys;

/* width: 1 to TXT_KEYS_MAXW words.  mem: bytes of runs kept in memory
 * before they go to a file (0: no bound).  name names the temporary files:
 * $TMPDIR/NAME-PID-SEQ.keys (TMPDIR unset or empty: /tmp). */
txt_keys *txt_keys_new(size_t width, uint64_t mem, const char *name);
void txt_keys_free(txt_keys *k);
/* Called with each file run's number and level as it is written (tests). */
void txt_keys_on_run(txt_keys *k, void (*fn)(void *arg, unsigned seq, unsigned level),
		     void *arg);

/* Sort the n keys at keys (n * width words; tmp has room for as many, and
 * both are overwritten) and add them, each counted once, as a run.  0, or
 * -1 with txt_err() set (a temporary file could not be written). */
int txt_keys_add(txt_keys *k, uint32_t *keys, uint32_t *tmp, size_t n);
/* Sort the n keys at keys in increasing order (LSD radix sort, stable; tmp
 * as above).  For callers that sort keys of their own. */
void txt_keys_sort(uint32_t *keys, uint32_t *tmp, size_t n, size_t width);
/* Runs written to files so far. */
size_t txt_keys_file_runs(const txt_keys *k);
/* Bytes of the runs held in memory. */
uint64_t txt_keys_mem(const txt_keys *k);

typedef struct txt_keys_iter txt_keys_iter;
/* A merge of every run added so far.  NULL with txt_err() set. */
txt_keys_iter *txt_keys_iter_new(txt_keys *k);
/* A merge of the keys from lo (included; NULL: the first) to hi
 * (excluded; NULL: to the end): for threads that each read a part. */
txt_keys_iter *txt_keys_iter_range(txt_keys *k, const uint32_t *lo, const uint32_t *hi);
/* Up to parts - 1 keys, increasing, that cut the keys into parts of about
 * as many (by the largest run), into cuts (width words each); how many. */
size_t txt_keys_cuts(txt_keys *k, size_t parts, uint32_t *cuts);
/* The next distinct key (width words, valid until the next call) and its
 * total count: 1; 0 at the end; -1 with txt_err() set (a read failed). */
int txt_keys_next(txt_keys_iter *it, const uint32_t **key, uint64_t *count);
void txt_keys_iter_free(txt_keys_iter *it);

#endif
