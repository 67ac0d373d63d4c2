/* text_dtm: a counts file as a sparse part-by-term matrix (one row per
 * group: a document with slant-count --by id, a source with --by source),
 * and what is computed from whole rows and columns of it: dispersion of
 * each term over the parts, similarity and distance between two parts.
 *
 * Ownership: txt_dtm_read returns a matrix freed by txt_dtm_free (NULL
 * safe); txt_dtm_dispersion returns an array the caller frees. */
#ifndef TEXT_DTM_H
#define TEXT_DTM_H

#include <stddef.h>
#include <stdint.h>

#include "text_io.h"
#include "text_map.h"

typedef struct txt_dtm_cell {
	uint32_t term;
	double n;
} txt_dtm_cell;

typedef struct txt_dtm {
	txt_map *terms;   /* term ids 0..nterms) */
	size_t nterms, nparts;
	char **name;      /* part (group) names */
	double *size;     /* the group total row's n: tokens of the part */
	size_t *start;    /* row p is cells start[p] .. start[p+1], term ids ascending */
	txt_dtm_cell *cell;
	char *by;         /* the counts' by= ("" for one group) */
	int pruned;       /* the counts were pruned (some cells dropped) */
} txt_dtm;

/* Read a counts file.  NULL with txt_err() set on a bad file. */
txt_dtm *txt_dtm_read(const char *path);
void txt_dtm_free(txt_dtm *m);

/* Dispersion of a term over the parts of non-zero size (k of them), with
 * f_i its count in part i, F = sum f_i, s_i = size_i / sum size:
 *   dp      Gries (2008: 415) DP = 0.5 sum |f_i/F - s_i|: 0 spread as the
 *           parts' sizes, near 1 all in one small part;
 *   dp_norm DP / (1 - min s_i), Lijffijt & Gries (2012)'s correction of
 *           Gries' DPnorm, reaching 1 when all is in the smallest part;
 *   d       Juilland's D = 1 - (sd(r) / mean(r)) / sqrt(k - 1) of the rates
 *           r_i = f_i / size_i, sd the population standard deviation (so
 *           parts of unequal size are compared by rate); NAN when k < 2. */
typedef struct txt_disp {
	double n;     /* F */
	size_t parts; /* parts where f_i > 0 */
	double d, dp, dp_norm;
} txt_disp;
txt_disp *txt_dtm_dispersion(const txt_dtm *m);

/* Similarity and distance between rows a and b of counts x and y over the
 * matrix's nterms terms:
 *   cosine       x.y / (|x| |y|)
 *   jaccard      |A n B| / |A u B| of the sets of terms present (binary,
 *                as quanteda's textstat_simil "jaccard")
 *   correlation  Pearson's r of x and y over all nterms terms, zeros included
 *   euclidean    sqrt(sum (x - y)^2) of the counts
 *   jsd          Jensen-Shannon divergence in bits of the two rows as
 *                proportions (txt_stats_jsd)
 * NAN where undefined (an empty row; a constant row for correlation). */
enum { TXT_SIM_COSINE, TXT_SIM_JACCARD, TXT_SIM_CORRELATION, TXT_SIM_EUCLIDEAN, TXT_SIM_JSD,
       TXT_SIM_N };
/* "cosine" ... -> TXT_SIM_*, or -1 with txt_err() set. */
int txt_dtm_measure(const char *name);
const char *txt_dtm_measure_name(int measure);
double txt_dtm_similarity(const txt_dtm *m, size_t a, size_t b, int measure);

/* Report tables (text_report format fmt; numbers with digits significant
 * digits).  Dispersion: term n parts juilland_d dp dp_norm, terms by n
 * descending then bytewise, the first top (0: all).  Similarity: a b
 * measure value, each pair of parts once (a before b in the file), for
 * each of the nm measures.  0, or -1 with txt_err() set. */
int txt_dtm_write_dispersion(const txt_dtm *m, txt_writer *w, int fmt, long top, int digits);
int txt_dtm_write_similarity(const txt_dtm *m, txt_writer *w, int fmt, const int *measure,
			     size_t nm, int digits);

#endif
