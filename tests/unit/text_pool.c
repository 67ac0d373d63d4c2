/* Unit tests for text_pool: order, bounds, the inline path, errors. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#include "harness.h"
#include "text_pool.h"

typedef struct job {
	uint32_t seq, in;
	uint64_t out;
	int failed;
	pthread_t ran_on;
} job;

#define MAX_WHO 8

typedef struct shared {
	atomic_int busy, max_busy; /* fn calls running at once */
	atomic_int calls;
	size_t nth;                    /* workers, for the range of who */
	atomic_int who_busy[MAX_WHO];  /* calls running per worker */
	atomic_int who_bad;            /* who out of range, or running twice at once */
} shared;

/* Uneven work (a pseudo-random pause) so later batches often finish first. */
static void square(void *b, void *arg, size_t who)
{
	job *j = b;
	shared *sh = arg;
	if (who >= (sh->nth > 1 ? sh->nth : 1) || who >= MAX_WHO ||
	    atomic_fetch_add(&sh->who_busy[who], 1) != 0) {
		atomic_fetch_add(&sh->who_bad, 1);
		return;
	}
	int now = atomic_fetch_add(&sh->busy, 1) + 1;
	int m = atomic_load(&sh->max_busy);
	while (now > m && !atomic_compare_exchange_weak(&sh->max_busy, &m, now))
		;
	uint32_t x = j->in * 2654435761u;
	struct timespec ts = {0, (long)(x % 50) * 1000};
	nanosleep(&ts, NULL);
	j->out = (uint64_t)j->in * j->in;
	j->failed = j->in % 97 == 13; /* a "bad record" */
	j->ran_on = pthread_self();
	atomic_fetch_add(&sh->calls, 1);
	atomic_fetch_sub(&sh->busy, 1);
	atomic_fetch_sub(&sh->who_busy[who], 1);
}

/* Put n jobs through a pool; check every result comes back once, in order,
 * with no more than depth jobs outstanding at any time. */
static int run_ordered(size_t nth, size_t depth, uint32_t n, int *max_busy, uint32_t *first_fail)
{
	shared sh = {.nth = nth};
	txt_pool *p = txt_pool_new(nth, depth, square, &sh);
	if (!p)
		return 0;
	size_t limit = nth <= 1 ? 1 : depth ? depth : 2 * nth + 1;
	job *jobs = calloc(n, sizeof *jobs);
	uint32_t next = 0; /* the seq expected back */
	int ok = 1;
	*first_fail = UINT32_MAX;
	for (uint32_t i = 0; i <= n; i++) {
		job *back;
		if (i < n) {
			jobs[i].seq = i;
			jobs[i].in = i + 1;
			back = txt_pool_put(p, &jobs[i]);
			ok &= txt_pool_pending(p) <= limit;
		} else {
			back = txt_pool_get(p);
		}
		while (back) {
			ok &= back->seq == next && back->out == (uint64_t)(next + 1) * (next + 1);
			if (back->failed && *first_fail == UINT32_MAX)
				*first_fail = back->seq;
			next++;
			back = i < n ? NULL : txt_pool_get(p);
		}
	}
	ok &= next == n && txt_pool_get(p) == NULL && txt_pool_pending(p) == 0;
	ok &= atomic_load(&sh.calls) == (int)n && atomic_load(&sh.who_bad) == 0;
	*max_busy = atomic_load(&sh.max_busy);
	txt_pool_free(p);
	free(jobs);
	return ok;
}

TEST(order_kept)
{
	static const size_t threads[] = {0, 1, 2, 3, 8};
	static const size_t depths[] = {0, 1, 2, 5};
	for (size_t t = 0; t < sizeof threads / sizeof *threads; t++)
		for (size_t d = 0; d < sizeof depths / sizeof *depths; d++) {
			int busy;
			uint32_t fail;
			CHECK(run_ordered(threads[t], depths[d], 300, &busy, &fail));
			CHECK(busy >= 1 && busy <= (int)(threads[t] ? threads[t] : 1));
			CHECK(fail == 12); /* in = 13: the first failure in input order */
		}
}

TEST(workers_overlap)
{
	/* with 4 workers and 2000 jobs, at some point more than one runs at
	 * once (the pauses make this near-certain) */
	int busy;
	uint32_t fail;
	CHECK(run_ordered(4, 0, 2000, &busy, &fail));
	CHECK(busy > 1);
}

TEST(inline_without_threads)
{
	shared sh = {.nth = 1};
	txt_pool *p = txt_pool_new(1, 8, square, &sh);
	CHECK(p && txt_pool_threads(p) == 0);
	job j = {.in = 7};
	CHECK(txt_pool_put(p, &j) == &j); /* done at once, in this thread */
	CHECK(j.out == 49 && pthread_equal(j.ran_on, pthread_self()));
	CHECK(txt_pool_pending(p) == 0 && txt_pool_get(p) == NULL);
	txt_pool_free(p);
}

TEST(threads_are_others)
{
	shared sh = {.nth = 2};
	txt_pool *p = txt_pool_new(2, 0, square, &sh);
	CHECK(p && txt_pool_threads(p) == 2);
	job j = {.in = 3};
	CHECK(txt_pool_put(p, &j) == NULL); /* not full: nothing back yet */
	CHECK(txt_pool_pending(p) == 1);
	CHECK(txt_pool_get(p) == &j);
	CHECK(j.out == 9 && !pthread_equal(j.ran_on, pthread_self()));
	CHECK(txt_pool_get(p) == NULL);
	txt_pool_free(p);
}

TEST(free_finishes_pending)
{
	/* freeing a pool with batches inside still runs them (no thread is
	 * left mid-batch), and NULL is safe */
	shared sh = {.nth = 3};
	txt_pool *p = txt_pool_new(3, 4, square, &sh);
	job j[4] = {{.in = 1}, {.in = 2}, {.in = 3}, {.in = 4}};
	for (int i = 0; i < 4; i++)
		CHECK(txt_pool_put(p, &j[i]) == NULL);
	txt_pool_free(p);
	CHECK(atomic_load(&sh.calls) == 4 && j[3].out == 16);
	txt_pool_free(NULL);
}

TEST(cores)
{
	CHECK(txt_pool_cores(0) >= 1);
	CHECK(txt_pool_cores(1) == 1);
}

RUN_TESTS(T(order_kept), T(workers_overlap), T(inline_without_threads), T(threads_are_others),
	  T(free_finishes_pending), T(cores))
