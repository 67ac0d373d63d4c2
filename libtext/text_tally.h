/* text_tally: counting documents into counts tables: n-grams that never
 * cross a sentence end, one table per thread, within a memory bound
 * (tables that outgrow their share are spilled as sorted runs, text_spill),
 * added up at the end.  The engine of slant-count; slant-colloc's too.
 *
 *     txt_tally *t = txt_tally_new(&cfg, &meta);
 *     in worker `who` (0 to cfg.threads-1), per document:
 *         txt_tally_doc(t, who, group, glen, text, tlen)
 *     txt_tally_write(t, w, &prune, rows);   -- from one thread, at the end
 *     txt_tally_free(t);
 *
 * Sums do not depend on which thread counted which document, so the output
 * is the same for any number of threads and any memory bound.
 *
 * Ownership: the tally owns its tables, tokenizers and spill; cfg's
 * tokenizer options (and the stopwords they point to) and compounds must
 * outlive it. */
#ifndef TEXT_TALLY_H
#define TEXT_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "text_compound.h"
#include "text_counts.h"
#include "text_io.h"
#include "text_tok.h"

#define TXT_TALLY_MAXN 9            /* longest n-gram */

typedef struct txt_tally_cfg {
	const txt_tok_opts *tok;
	long nlo, nhi;     /* n-gram sizes, 1 <= nlo <= nhi <= TXT_TALLY_MAXN */
	size_t threads;    /* tables, one per counting thread (at least 1) */
	uint64_t max_mem;  /* 0: no bound; else the tables share half of it (at
	                    * least 8 MiB each), the rest is for reading, the
	                    * runs' readers and the output */
	const char *name;  /* names the runs: $TMPDIR/NAME-PID-SEQ.tsv */
	const txt_compounds *compounds; /* expressions counted as one token, or
	                    * NULL; must outlive the tally */
} txt_tally_cfg;

typedef struct txt_tally txt_tally;

/* m: the metadata of the output (and of the runs, unpruned).  NULL with
 * txt_err() set when the tokenizer cannot be made. */
txt_tally *txt_tally_new(const txt_tally_cfg *cfg, const txt_counts_meta *m);
void txt_tally_free(txt_tally *t);

/* Called with each run's number and level as it is written (see
 * txt_spill_on_run). */
void txt_tally_on_run(txt_tally *t, void (*fn)(void *arg, unsigned seq, unsigned level),
                      void *arg);

/* Thread `who` counts one document of group g[0..gn) (any bytes).  0, or
 * -1 with txt_err() set when its table could not be spilled. */
int txt_tally_doc(txt_tally *t, size_t who, const char *g, size_t gn, const char *text,
                  size_t tn);

/* Add the tables up (each settled in its own thread) and write the counts
 * file, pruned; with rows, bare rows (no metadata, never pruned).  Once
 * only.  0, or -1 with txt_err() set. */
int txt_tally_write(txt_tally *t, txt_writer *w, const txt_counts_prune *prune, int rows);

#endif
