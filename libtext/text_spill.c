/* text_spill: see text_spill.h. */
#include "text_spill.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text_err.h"

#define MERGE_FAN 16 /* runs of one level merged into one of the next */

typedef struct run {
	txt_counts_in *in;
	unsigned level;
} run;

struct txt_spill {
	char *name;
	txt_counts_meta m;  /* of the runs: unpruned */
	pthread_mutex_t mu; /* one spill at a time (writing sorts with statics) */
	run *run;
	size_t n, cap;
	unsigned seq;
	char path[4096];    /* the run being written or reopened */
	void (*on_run)(void *, unsigned, unsigned);
	void *on_run_arg;
};

txt_spill *txt_spill_new(const char *name, const txt_counts_meta *m)
{
	txt_spill *s = txt_xcalloc(1, sizeof *s);
	s->name = txt_xstrdup(name);
	s->m = *m;
	s->m.pruned = NULL;
	pthread_mutex_init(&s->mu, NULL);
	return s;
}

void txt_spill_on_run(txt_spill *s, void (*fn)(void *, unsigned, unsigned), void *arg)
{
	s->on_run = fn;
	s->on_run_arg = arg;
}

size_t txt_spill_runs(const txt_spill *s) { return s->n; }

static txt_writer *run_open(txt_spill *s)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	snprintf(s->path, sizeof s->path, "%s/%s-%ld-%u.tsv", dir, s->name, (long)getpid(),
	         s->seq++);
	return txt_writer_open(s->path, TXT_W_FORCE);
}

/* Close the run being written, reopen it for reading, remove its name. */
static int run_add(txt_spill *s, txt_writer *w, unsigned level)
{
	if (txt_io_remove_later(s->path) < 0) {
		txt_writer_abort(w);
		return -1;
	}
	txt_counts_in *in = txt_writer_close(w) == 0 ? txt_counts_open(s->path) : NULL;
	unlink(s->path);
	txt_io_keep(s->path);
	if (!in)
		return -1;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->run = txt_xreallocarray(s->run, s->cap, sizeof *s->run);
	}
	s->run[s->n].in = in;
	s->run[s->n++].level = level;
	if (s->on_run)
		s->on_run(s->on_run_arg, s->seq - 1, level);
	return 0;
}

/* Merge the last MERGE_FAN runs while they share a level. */
static int collapse(txt_spill *s)
{
	while (s->n >= MERGE_FAN) {
		unsigned lv = s->run[s->n - 1].level;
		txt_counts_in *in[MERGE_FAN];
		for (size_t i = 0; i < MERGE_FAN; i++) {
			run *r = &s->run[s->n - MERGE_FAN + i];
			if (r->level != lv)
				return 0;
			in[i] = r->in;
		}
		txt_writer *w = run_open(s);
		if (!w)
			return -1;
		if (txt_counts_merge(in, MERGE_FAN, w, NULL) < 0) {
			txt_writer_abort(w);
			return -1;
		}
		for (size_t i = 0; i < MERGE_FAN; i++)
			txt_counts_close(in[i]);
		s->n -= MERGE_FAN;
		if (run_add(s, w, lv + 1) < 0)
			return -1;
	}
	return 0;
}

int txt_spill_table(txt_spill *s, txt_counts *c)
{
	pthread_mutex_lock(&s->mu);
	txt_writer *w = run_open(s);
	int rc = -1;
	if (w && txt_counts_write(c, w, &s->m, NULL) < 0)
		txt_writer_abort(w);
	else if (w && run_add(s, w, 0) == 0)
		rc = collapse(s);
	pthread_mutex_unlock(&s->mu);
	return rc;
}

int txt_spill_finish(txt_spill *s, txt_writer *w, const txt_counts_prune *prune, int rows)
{
	txt_counts_in **in = txt_xreallocarray(NULL, s->n ? s->n : 1, sizeof *in);
	for (size_t i = 0; i < s->n; i++)
		in[i] = s->run[i].in;
	int rc = rows ? txt_counts_reduce(in, s->n, w, NULL, NULL)
	              : txt_counts_merge(in, s->n, w, prune);
	free(in);
	return rc;
}

void txt_spill_free(txt_spill *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		txt_counts_close(s->run[i].in);
	free(s->run);
	free(s->name);
	pthread_mutex_destroy(&s->mu);
	free(s);
}
