/* text_spill: counts tables too big for memory, written as sorted runs to
 * temporary files and merged at the end (an external merge sort; the
 * --max-mem of slant-count and slant-colloc).
 *
 * A run is a counts file (unpruned, with the caller's metadata) in $TMPDIR
 * (else /tmp).  Each run is opened for reading and its name removed as soon
 * as it is written, so only open descriptors hold the data: nothing is left
 * behind however the process ends (text_io removes a name that exists in
 * between, at exit or on a fatal signal).  Runs of one level are merged 16
 * at a time into one of the next, so the number of open runs stays small
 * and every count is rewritten O(log runs) times.
 *
 *     txt_spill *s = txt_spill_new("slant-count", &meta);
 *     ... when a table outgrows its share: txt_spill_table(s, c), then
 *         free it or start a new one;
 *     at the end, if txt_spill_runs(s): the last table too, then
 *         txt_spill_finish(s, w, &prune, rows);
 *     txt_spill_free(s);
 *
 * Ownership: the spill owns its runs; tables and writers stay the
 * caller's.  txt_spill_table may be called from several threads (one at a
 * time runs); the rest from one thread. */
#ifndef TEXT_SPILL_H
#define TEXT_SPILL_H

#include <stddef.h>

#include "text_counts.h"
#include "text_io.h"

typedef struct txt_spill txt_spill;

/* Runs named $TMPDIR/NAME-PID-SEQ.tsv, with metadata m (its pruned field
 * is ignored: runs are never pruned). */
txt_spill *txt_spill_new(const char *name, const txt_counts_meta *m);
void txt_spill_free(txt_spill *s);

/* Called with each run's number and level once it is written (tests and
 * benchmarks print it to know spilling happened); NULL: none. */
void txt_spill_on_run(txt_spill *s, void (*fn)(void *arg, unsigned seq, unsigned level),
                      void *arg);

/* Write c as a sorted run (c keeps its counts).  0, or -1 with txt_err(). */
int txt_spill_table(txt_spill *s, txt_counts *c);
size_t txt_spill_runs(const txt_spill *s);

/* Merge every run into w: a counts file with prune applied to the sums, or
 * with rows set, bare rows (never pruned).  0, or -1 with txt_err(). */
int txt_spill_finish(txt_spill *s, txt_writer *w, const txt_counts_prune *prune, int rows);

#endif
