/* text_counts: counts stage files: build in memory, write, read, merge.
 *
 * Format (one file kind, "counts"):
 *
 *   group<TAB>term<TAB>n<TAB>df
 *   <TAB>slant-counts=2<TAB>0<TAB>0  <- metadata rows: empty group, n 0
 *   <TAB>tokenizer=fold=nfkc_cf hyphens=keep punct=drop stem=none stop=none<TAB>0<TAB>0
 *   <TAB>ngrams=1-2<TAB>0<TAB>0
 *   <TAB>by=source<TAB>0<TAB>0
 *   cnn<TAB><TAB>5120<TAB>12        <- group total row: empty term
 *   cnn<TAB>border<TAB>14<TAB>6
 *   ...
 *
 * - Rows are sorted by group, then term, comparing the bytes of the fields
 *   as written (escaped), shorter first on a common prefix: the order of
 *   `LC_ALL=C sort -t TAB -k1,1 -k2,2`.  (group, term) is unique.
 * - Every group starts with its total row, whose term is empty (no token is
 *   empty, so it sorts first and cannot clash): n = all n-grams counted in
 *   the group before any pruning, df = documents in the group (empty ones
 *   included).  Pruning (--min-count, --min-docs) drops term rows only, so
 *   shares and rates computed from the totals do not change because of it.
 * - n = occurrences of the term in the group; df = documents of the group
 *   that contain it.  Merging adds n and df row by row (totals included),
 *   which is exact when the inputs count disjoint sets of documents.
 * - The metadata rows right after the header (term "key=value", empty
 *   group, n and df 0: no term row has n 0, so they cannot be mistaken
 *   for one) record the format version, the tokenisation (tokenizer,
 *   ngrams) and grouping (by); files whose values differ are refused by
 *   txt_counts_compatible and txt_counts_merge.  Others (pruned=) are
 *   informative.  They stand outside the sort order.  No line precedes
 *   the header, so R and pandas read the file (see slant-formats(5)).
 *
 * Ownership: txt_counts_new/_free, txt_counts_open/_close (NULL safe).
 * Rows returned by txt_counts_read point into the reader and live until
 * the next read. */
#ifndef TEXT_COUNTS_H
#define TEXT_COUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "text_io.h"

#define TXT_COUNTS_VERSION "2"

/* The order of the format: strcmp-like result comparing a and b as they
 * are written after TSV escaping. */
int txt_counts_cmp(const char *a, size_t an, const char *b, size_t bn);

typedef struct txt_counts_meta {
	const char *tokenizer; /* txt_tok_describe() */
	const char *ngrams;    /* "1", "2", "1-3" */
	const char *by;        /* docs column, or "" for the whole corpus */
	const char *pruned;    /* "min-count=N min-docs=M" or NULL */
} txt_counts_meta;

typedef struct txt_counts_prune {
	uint64_t min_count; /* drop term rows with n < min_count (0, 1: keep) */
	uint64_t min_docs;  /* drop term rows with df < min_docs */
} txt_counts_prune;


/* Write the header and the metadata rows. 0 or -1. */
int txt_counts_write_header(txt_writer *w, const txt_counts_meta *m);
/* 1 if a row's unescaped fields are a metadata row (empty group, a term
 * with '=', n and df "0"; no term row has n 0), for readers that read
 * counts files as plain tables. */
int txt_counts_is_meta(const char *group, const char *term, const char *n, const char *df);
/* One row (term "" for the group total). 0 or -1. */
int txt_counts_write_row(txt_writer *w, const char *g, size_t gn, const char *t, size_t tn,
			 uint64_t n, uint64_t df);

/* ---- building in memory ---- */

typedef struct txt_counts txt_counts;

txt_counts *txt_counts_new(void);
void txt_counts_free(txt_counts *c);
/* Begin a document of group name[0..n): later adds count for it. */
void txt_counts_doc(txt_counts *c, const char *group, size_t n);
/* Count one occurrence of term[0..n) in the current document.  The
 * empty term is ignored (it is reserved for totals). */
void txt_counts_add(txt_counts *c, const char *term, size_t n);
/* Count n terms given as keys, the fastest way (a txt_tok_batch): term i
 * has len[i] bytes; up to 16 are key[i] (text_map.h's short keys), more
 * are at text + key[i][0]. */
void txt_counts_add_keys(txt_counts *c, const uint64_t (*key)[2], const size_t *len,
			 const char *text, size_t n);
/* N-gram mode, the fast way to count n-grams: intern each token with
 * txt_counts_word, then count an n-gram as the ids of its k words; its text
 * (the words joined by single spaces) is built only when writing.  A
 * builder counts either with txt_counts_add or with txt_counts_add_gram;
 * once a word is interned, txt_counts_add is ignored.  Words must not
 * contain spaces (tokens never do), or two n-grams could share a text. */
uint32_t txt_counts_word(txt_counts *c, const char *w, size_t n);
void txt_counts_add_gram(txt_counts *c, const uint32_t *ids, size_t k);
/* txt_counts_word for many words at once, keys as txt_counts_add_keys
 * takes them: ids[i] for word i. */
void txt_counts_words(txt_counts *c, const uint64_t (*key)[2], const size_t *len, const char *text,
		      size_t n, uint32_t *ids);
/* The word with this id (as interned above; NUL-terminated, valid while c
 * is), its length in *n when n is not NULL. */
const char *txt_counts_word_text(const txt_counts *c, uint32_t id, size_t *n);
/* Many n-grams at once, keys as txt_counts_add_keys takes them: the bytes
 * of len[i] / 4 word ids. */
void txt_counts_add_grams(txt_counts *c, const uint64_t (*key)[2], const size_t *len,
			  const char *text, size_t n);
/* Add every count of src into dst (for threads: each counts its own share
 * of the documents, then the tables are combined; df adds up because the
 * shares are disjoint).  Both must count the same way (txt_counts_add or
 * n-grams).  src keeps its counts (stored differently); dst is then only
 * written or absorbs more (not counted into further).  Like
 * txt_counts_write, call it between documents. */
void txt_counts_absorb(txt_counts *dst, txt_counts *src);
/* Put the table in the form writing and absorbing use (both do it
 * themselves; threads call it to do that part in parallel).  Between
 * documents only. */
void txt_counts_settle(txt_counts *c);
/* Bytes the table has allocated plus what writing it would add (for
 * --max-mem: spill when too big). */
size_t txt_counts_mem(const txt_counts *c);
/* Sort and write header and rows, applying prune (NULL: none).  Between
 * documents only (it reorganises the table; counting may go on after).
 * With m NULL only the rows are written: no header, no metadata (bare
 * rows, for a map-reduce shuffle; see txt_counts_open_rows). */
int txt_counts_write(txt_counts *c, txt_writer *w, const txt_counts_meta *m,
		     const txt_counts_prune *prune);

/* Tests only: the count at which a short-table cell (32-bit n and df)
 * moves its counts to the general path. */
extern uint32_t txt_counts_short_max;
/* Tests only: the short table's largest size (log2 of slots); keys that
 * find it full are counted on the general path. */
extern unsigned txt_counts_short_bits;
/* Tests only: the short table's size (log2 of slots) up to which batches
 * are counted key by key, past which they are hashed ahead. */
extern unsigned txt_counts_cached_bits;

/* ---- reading ---- */

typedef struct txt_counts_row {
	const char *group, *term; /* NUL-terminated, unescaped */
	size_t glen, tlen;
	uint64_t n, df;
} txt_counts_row;

typedef struct txt_counts_in txt_counts_in;

/* Open a counts file: refuses other kinds ("not a counts file"), and
 * files without the slant-counts row or of another version. */
txt_counts_in *txt_counts_open(const char *path);
/* Open a file of bare rows (slant-count --rows: no header, no metadata),
 * e.g. the sorted output of a map-reduce shuffle.  Its rows must be in the
 * format's order, but a key may repeat (rows from several mappers) and a
 * group need not start with its total row.  It has no metadata. */
txt_counts_in *txt_counts_open_rows(const char *path);
/* 1 with a row, 0 at the end, -1 on error.  The one validation every
 * counts reader applies: n and df are decimal digits only (no sign, space,
 * 0x, exponent; at most UINT64_MAX); a term has n >= 1 and df <= n; rows
 * are sorted and not repeated; each group starts with its total row, and no
 * term's n or df is over that row's (tokens, documents), unless that row is
 * 0 0 (a shuffle's part file whose total went to another reducer: see
 * txt_counts_reduce).  For bare rows:
 * the numbers and the order only (keys repeat, totals may be elsewhere). */
int txt_counts_read(txt_counts_in *r, txt_counts_row *row);
/* *sum += add, or -1 with "FILE:LINE: WHAT overflows ..." naming the row
 * last read from r when the sum would pass UINT64_MAX.  Every sum of counts
 * read from files goes through it. */
int txt_counts_sum(uint64_t *sum, uint64_t add, const txt_counts_in *r, const char *what);
const char *txt_counts_meta_get(const txt_counts_in *r, const char *key);
const char *txt_counts_name(const txt_counts_in *r);
/* The line of the row last read (1-based). */
uint64_t txt_counts_lineno(const txt_counts_in *r);
uint64_t txt_counts_bytes(txt_counts_in *r);
void txt_counts_close(txt_counts_in *r);
/* 0 when a and b record the same tokenizer, ngrams and by; -1 with a
 * message naming both files and the differing key otherwise. */
int txt_counts_compatible(const txt_counts_in *a, const txt_counts_in *b);

/* Merge k sorted inputs into w in one streaming pass (memory does not grow
 * with the inputs): header from in[0] (pruned= from prune), equal keys
 * summed, prune applied to the sums.  Checks compatibility first. */
int txt_counts_merge(txt_counts_in **in, size_t k, txt_writer *w, const txt_counts_prune *prune);
/* The same merge without the checks, with the header from m: the reducer
 * of a map-reduce run, whose bare-row inputs carry no metadata.  Equal keys
 * are summed across and within inputs.  A group whose total row is missing
 * from every input (a shuffle that partitioned on group and term sent it
 * elsewhere) gets a total row of 0 0, so the output is a valid counts file
 * that merges into the right totals.  m NULL: bare rows out, sums only
 * (a reducer or combiner whose output is reduced again). */
int txt_counts_reduce(txt_counts_in **in, size_t k, txt_writer *w, const txt_counts_meta *m,
		      const txt_counts_prune *prune);

#endif
