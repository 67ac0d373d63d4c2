/* text_colloc: multi-word expressions (collocations) of 2 to 5 words and
 * their association scores: the engine of slant-colloc.
 *
 * Candidates are the K-grams of the documents (K = size) that never cross a
 * sentence end or a removed token (text_tok's brk), seen at least
 * min_count times.  Scores, for a candidate x:
 *
 *  - lambda and z (Blaheta & Johnson 2001, as quanteda's
 *    textstat_collocations defines them).  Over all K-grams z of the corpus,
 *    the pattern c(x, z) has bit k set when z's k-th word is x's k-th word;
 *    n_c counts the K-grams with pattern c, plus `smoothing`.  Then
 *        lambda = sum_c (-1)^(K - |c|) log n_c        (|c|: bits set)
 *        z      = lambda / sqrt(sum_c 1 / n_c)
 *    (the K-way interaction of the saturated log-linear model of the 2^K
 *    table, and its Wald statistic).
 *  - size 2 only, from the same table unsmoothed (O11 = x's count, R1 =
 *    bigrams starting with x's first word, C1 = bigrams ending with its
 *    second, N = all bigrams; E11 = R1 C1 / N; Evert 2005):
 *        pmi  = log2(O11 / E11)                 (Church & Hanks 1990)
 *        g2   = 2 sum_ij O_ij ln(O_ij / E_ij)   (Dunning 1993; 0 ln 0 = 0)
 *        t    = (O11 - E11) / sqrt(O11)         (Church et al. 1991)
 *        dice = 2 O11 / (R1 + C1)               (Smadja et al. 1996)
 *    the AntConc and WordSmith measures; NaN for longer expressions.
 *
 * Groups (cfg.by): each group's expressions are scored within the group,
 * against its own K-grams, as if it were a corpus of its own.
 *
 * How: each counting thread turns tokens into word ids (its own table of
 * words, learning new words' ids from the shared vocabulary under a lock)
 * and collects the K-grams as keys of K ids (after the group's id), which
 * text_keys sorts and counts within the memory bound.  The merged keys are
 * read twice: first the candidates are kept and every projection of each
 * (its words at a subset S of the positions) is registered; then every
 * K-gram adds its count to the projections it matches, which gives m_S,
 * the K-grams that agree with x at least on S; n_c follows by inclusion
 * and exclusion (n_c = sum over S containing c of (-1)^|S - c| m_S).
 * Memory after counting is the vocabulary, the candidates (their ids,
 * count and place: about 24 bytes each for two words) and their
 * projections' counts.
 *
 *     txt_colloc *c = txt_colloc_new(&cfg);
 *     txt_colloc_read(c, in, group_col) for each docs input (or
 *     txt_colloc_doc), txt_colloc_finish(c); then rows 0 ..
 *     txt_colloc_nrows(c) - 1: by group (in the order groups first
 *     appear), then in decreasing z, then by the collocation's bytes;
 *     txt_colloc_free(c);
 *
 * Ownership: the colloc owns its rows (and their text) until
 * txt_colloc_free; cfg's tokenizer options must outlive it.  One thread
 * at a time. */
#ifndef TEXT_COLLOC_H
#define TEXT_COLLOC_H

#include <stddef.h>
#include <stdint.h>

#include "text_doc.h"
#include "text_err.h"
#include "text_tok.h"

#define TXT_COLLOC_MAXK 5

/* The scores of one expression from its marginal counts: m[S] for every
 * subset S of the k positions (bit i: position i), the K-grams matching x
 * at least at S: m[0] = all K-grams, m[2^k - 1] = x's own count.  Pure
 * (for tests and for callers that count otherwise). */
typedef struct txt_colloc_stat {
	uint64_t count;
	double lambda, se, z, pmi, g2, t, dice;
} txt_colloc_stat;
/* 0, or -1 (txt_err set) when the m[] are inconsistent (a negative cell)
 * or k is out of range. */
int txt_colloc_score(size_t k, const uint64_t *m, double smoothing, txt_colloc_stat *out);

typedef struct txt_colloc_cfg {
	const txt_tok_opts *tok;
	size_t size;        /* K, 2 to TXT_COLLOC_MAXK */
	uint64_t min_count; /* candidates seen fewer times are not scored (>= 1) */
	double smoothing;   /* added to every cell (quanteda: 0.5) */
	size_t threads;     /* counting threads (0, 1: the calling thread) */
	uint64_t max_mem;   /* bytes for counting (text_keys, the word tables); 0: no bound */
	const char *name;   /* names temporary files: $TMPDIR/NAME-PID-... */
	int grouped;        /* score each group apart (txt_colloc_doc's g) */
} txt_colloc_cfg;

typedef struct txt_colloc_row {
	const char *group; /* its group (NULL unless grouped) */
	const char *text;  /* the words joined by single spaces */
	txt_colloc_stat s;
} txt_colloc_row;

typedef struct txt_colloc txt_colloc;

/* NULL with txt_err set (bad size, a tokenizer that cannot be made, no
 * threads). */
txt_colloc *txt_colloc_new(const txt_colloc_cfg *cfg);
void txt_colloc_free(txt_colloc *c);
/* Called with each spilled run's number and level (tests). */
void txt_colloc_on_run(txt_colloc *c, void (*fn)(void *arg, unsigned seq, unsigned level),
                       void *arg);
/* Count every document of in (its text column) across the threads, each
 * in the group its column group_col gives when grouped.  0, or -1 with
 * txt_err set ("FILE:LINE: ..." for bad input). */
int txt_colloc_read(txt_colloc *c, txt_doc_in *in, size_t group_col);
/* Count one document of group g[0..gn) (ignored unless grouped) in the
 * calling thread.  0 or -1. */
int txt_colloc_doc(txt_colloc *c, const char *g, size_t gn, const char *text, size_t n);
/* txt_colloc_doc in one group "". */
int txt_colloc_text(txt_colloc *c, const char *text, size_t n);
/* Score the candidates (once, after all input).  0 or -1. */
int txt_colloc_finish(txt_colloc *c);
size_t txt_colloc_nrows(const txt_colloc *c);
/* Row i: its scores are worked out again from the counts when asked for
 * (only the order is kept), in the colloc's one row, valid until the next
 * call. */
const txt_colloc_row *txt_colloc_get(txt_colloc *c, size_t i);
/* Row i into *row, its text in *text: for threads that format rows at once
 * (each with its own row and buffer). */
void txt_colloc_row_at(const txt_colloc *c, size_t i, txt_colloc_row *row, txt_buf *text);
/* All K-grams counted (m[0], over all groups); after txt_colloc_finish. */
uint64_t txt_colloc_total(const txt_colloc *c);

#endif
