/* text_pool: ordered parallel map over batches (see text_pool.h).
 *
 * A ring of `depth` slots.  Three counters run forward: `tail` (next slot
 * the main thread fills), `take` (next slot a worker claims) and `head`
 * (next slot the main thread returns); head <= take <= tail <= head + depth.
 * Workers claim slots in order, finish them in any order; the main thread
 * waits for the slot at `head` only. */
#include "text_pool.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "text_err.h"

typedef struct self { /* a worker's argument */
	txt_pool *p;
	size_t who;
} self;

typedef struct slot {
	void *b;
	int done;
} slot;

struct txt_pool {
	txt_pool_fn fn;
	void *arg;
	size_t nth, depth;
	pthread_t *th;
	self *me;
	slot *ring;
	size_t head, take, tail;
	int stop;
	pthread_mutex_t mu;
	pthread_cond_t work; /* a slot to claim, or stop */
	pthread_cond_t done; /* a slot finished */
};

static void *worker(void *arg)
{
	txt_pool *p = ((self *)arg)->p;
	size_t who = ((self *)arg)->who;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->take == p->tail && !p->stop)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->take == p->tail)
			break; /* stopping, nothing left */
		slot *s = &p->ring[p->take++ % p->depth];
		pthread_mutex_unlock(&p->mu);
		p->fn(s->b, p->arg, who);
		pthread_mutex_lock(&p->mu);
		s->done = 1;
		pthread_cond_broadcast(&p->done); /* the main thread may wait on another slot */
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static int start(txt_pool *p)
{
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, &old); /* inherited by the workers */
	size_t i;
	for (i = 0; i < p->nth; i++)
		if (pthread_create(&p->th[i], NULL, worker, &p->me[i]) != 0)
			break;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (i == p->nth)
		return 0;
	p->nth = i; /* join the ones that started */
	return -1;
}

txt_pool *txt_pool_new(size_t nthreads, size_t depth, txt_pool_fn fn, void *arg)
{
	txt_pool *p = txt_xcalloc(1, sizeof *p);
	p->fn = fn;
	p->arg = arg;
	if (nthreads <= 1)
		return p;
	p->nth = nthreads;
	p->depth = depth ? depth : 2 * nthreads + 1;
	p->ring = txt_xcalloc(p->depth, sizeof *p->ring);
	p->th = txt_xcalloc(nthreads, sizeof *p->th);
	p->me = txt_xcalloc(nthreads, sizeof *p->me);
	for (size_t i = 0; i < nthreads; i++)
		p->me[i] = (self){p, i};
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	if (start(p) < 0) {
		size_t want = nthreads;
		txt_pool_free(p);
		txt_err_set("cannot start %zu threads", want);
		return NULL;
	}
	return p;
}

/* Wait for the slot at head and return its batch (mutex held). */
static void *take_head(txt_pool *p)
{
	slot *s = &p->ring[p->head % p->depth];
	while (!s->done)
		pthread_cond_wait(&p->done, &p->mu);
	void *b = s->b;
	s->b = NULL;
	s->done = 0;
	p->head++;
	return b;
}

void *txt_pool_put(txt_pool *p, void *batch)
{
	if (!p->nth) {
		p->fn(batch, p->arg, 0);
		return batch;
	}
	void *out = NULL;
	pthread_mutex_lock(&p->mu);
	if (p->tail - p->head == p->depth)
		out = take_head(p);
	slot *s = &p->ring[p->tail++ % p->depth];
	s->b = batch;
	s->done = 0;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
	return out;
}

void *txt_pool_get(txt_pool *p)
{
	if (!p->nth)
		return NULL;
	pthread_mutex_lock(&p->mu);
	void *b = p->head == p->tail ? NULL : take_head(p);
	pthread_mutex_unlock(&p->mu);
	return b;
}

size_t txt_pool_pending(const txt_pool *p)
{
	return p->tail - p->head; /* read by the main thread, its only writer */
}

size_t txt_pool_threads(const txt_pool *p)
{
	return p->nth;
}

void txt_pool_free(txt_pool *p)
{
	if (!p)
		return;
	if (p->th) {
		pthread_mutex_lock(&p->mu);
		p->stop = 1;
		pthread_cond_broadcast(&p->work);
		pthread_mutex_unlock(&p->mu);
		for (size_t i = 0; i < p->nth; i++)
			pthread_join(p->th[i], NULL);
		pthread_cond_destroy(&p->work);
		pthread_cond_destroy(&p->done);
		pthread_mutex_destroy(&p->mu);
	}
	txt_free_all(p->th, p->me, p->ring, p);
}

size_t txt_pool_cores(size_t max)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	size_t c = n < 1 ? 1 : (size_t)n;
	return max && c > max ? max : c;
}
