/* text_frame: slant-frame's engine.  Documents of a docs table matched
 * against a frame lexicon (hits per document and frame) and grouped by a
 * column; each group's rate per 1,000 tokens, share of documents and
 * difference from the rest, with stratified bootstrap intervals; each
 * group's term distribution for the Jensen-Shannon divergence.
 *
 * Ownership: txt_frame_docs and txt_frame_table own their arrays
 * (txt_frame_docs_free, txt_frame_table_free); a lexicon from
 * txt_frame_lexicon is the caller's (txt_lex_free). */
#ifndef TEXT_FRAME_H
#define TEXT_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "text_lex.h"
#include "text_map.h"
#include "text_tok.h"

/* The lexicon at path, or for a bare NAME (no '/', no such file) the
 * shipped models/frames/NAME.tsv; NULL name: a one-frame placeholder (for
 * --divergence).  Pattern words are normalised by tok.  NULL with
 * txt_err() set. */
txt_lex *txt_frame_lexicon(const char *name, txt_tok *tok);

typedef struct txt_frame_docs {
	txt_map *groups;   /* group names -> ids in order of appearance */
	size_t ndocs, cap, nf, k;
	uint32_t *group;   /* per document */
	char **id;         /* per document */
	double *x;         /* per document: tokens, hits[nf], used[nf] (k = 1 + 2 nf) */
	txt_map *terms;    /* with terms: term -> id */
	double **tf;       /* per group, per term id */
	size_t *tfcap;
} txt_frame_docs;

/* Read the docs table at path (columns id, text and by), matching each
 * document with lx (overlap: TXT_LEX_* mode of txt_lex_count); with terms,
 * also each group's term counts; m (NULL: none) gets every match's row.
 * -1 with txt_err() set. */
int txt_frame_read(txt_frame_docs *d, const char *path, const char *by, const txt_lex *lx,
		   txt_tok *tok, int overlap, int terms, txt_lex_matches *m);
void txt_frame_docs_free(txt_frame_docs *d);
const char *txt_frame_group(const txt_frame_docs *d, uint32_t g);
size_t txt_frame_ngroups(const txt_frame_docs *d);
/* Group ids in name order (caller frees). */
uint32_t *txt_frame_order(const txt_frame_docs *d);
/* The Jensen-Shannon divergence (bits) of groups a and b's terms. */
double txt_frame_jsd(const txt_frame_docs *d, uint32_t a, uint32_t b);

/* Per group g and frame f, statistic t (0 per_1k, 1 share, 2 diff: the
 * group's per_1k minus the rest's): the observed value and its percentile
 * interval over B resamples of documents within groups (NaN when B = 0). */
typedef struct txt_frame_table {
	size_t ng, nf;
	size_t *size;   /* documents per group */
	double *obs;    /* per group: sums of x */
	double *v, *lo, *hi; /* [(g * nf + f) * 3 + t] */
} txt_frame_table;

/* -1 with txt_err() set when the replicates would need more than 2 GB. */
int txt_frame_boot(const txt_frame_docs *d, size_t B, unsigned long seed, double level,
		   txt_frame_table *t);
void txt_frame_table_free(txt_frame_table *t);

#endif
