/* text_pool: an ordered parallel map over batches of records.
 *
 * The calling (main) thread reads input into batches and hands each to
 * txt_pool_put; N worker threads run fn(batch, arg, who) on them in any
 * order (who: the worker, 0 to N-1, so per-worker state needs no lock);
 * the main thread gets the batches back, transformed, in the order it put
 * them (txt_pool_put returns the oldest once the pool is full, txt_pool_get
 * drains the rest), and writes them.  At most `depth` batches are in the
 * pool at once, so memory stays bounded however long the input is.
 *
 * With nthreads <= 1 there are no threads: txt_pool_put runs fn in the
 * calling thread (who 0) and returns the batch at once, so one code path
 * serves -j 1 and -j N and the output cannot depend on the thread count.
 *
 * fn must be safe to run on different batches at the same time and must not
 * exit or print: a failure belongs in the batch (the main thread reports the
 * first failure in input order when it gets that batch back).  Workers block
 * SIGINT, SIGTERM and SIGHUP, leaving them to the main thread.
 *
 * Ownership: the caller owns the batches; the pool only holds pointers
 * between put and their return.  txt_pool_new / txt_pool_free (NULL safe);
 * free the pool after draining it (batches still inside are not returned). */
#ifndef TEXT_POOL_H
#define TEXT_POOL_H

#include <stddef.h>

typedef void (*txt_pool_fn)(void *batch, void *arg, size_t who);
typedef struct txt_pool txt_pool;

/* nthreads workers (0 or 1: none); depth batches in flight at most (0: 2 per
 * worker plus one, enough to keep every worker busy while the main thread
 * reads and writes).  NULL if a thread cannot be started (txt_err set). */
txt_pool *txt_pool_new(size_t nthreads, size_t depth, txt_pool_fn fn, void *arg);
/* Hand over a batch (not NULL).  When the pool was full, waits for the
 * oldest batch and returns it (done); otherwise NULL.  Without threads,
 * runs fn and returns this batch. */
void *txt_pool_put(txt_pool *p, void *batch);
/* The oldest batch still in the pool once done, or NULL when it is empty. */
void *txt_pool_get(txt_pool *p);
/* Batches in the pool (put and not yet returned). */
size_t txt_pool_pending(const txt_pool *p);
/* Worker threads (0 without threads). */
size_t txt_pool_threads(const txt_pool *p);
/* Stop and join the workers; batches still in the pool are finished first. */
void txt_pool_free(txt_pool *p);

/* The number of online processors, at least 1 and at most max (for -j 0). */
size_t txt_pool_cores(size_t max);

#endif
