/* text_compound: multi-word expressions counted as one token (slant-count
 * --compounds), as quanteda's tokens_compound makes them: the words joined
 * by '_' ("drug cartels" -> "drug_cartels").
 *
 * A compounds file holds one expression a line, in its first TSV column: a
 * plain list, or slant-colloc's output (whose header line, first column
 * "collocation", is skipped); empty lines and lines starting with '#' are
 * skipped.  Each expression is tokenized with the counting tokenizer's
 * options, so it is folded, stemmed and stripped of punctuation as the text
 * is; it must come to 2 to TXT_COMPOUND_MAX tokens with no break between
 * them (a sentence end, dropped punctuation or a removed stopword could
 * never be matched).
 *
 * Matching: leftmost, then longest.  At each token the longest expression
 * starting there whose tokens follow with no break (TXT_BRK_* = 0) between
 * them becomes one token, with the first token's brk, and the scan goes on
 * after it; matches never overlap (quanteda's join = TRUE would instead
 * merge overlapping matches into one longer token).  A token that itself
 * contains '_' may equal a compound's text, as in quanteda.
 *
 * Ownership: txt_compounds_load / _free; a scan (one per thread) refers to
 * its compounds, which must outlive it.  A set is read-only once loaded
 * and may be shared by threads. */
#ifndef TEXT_COMPOUND_H
#define TEXT_COMPOUND_H

#include <stddef.h>

#include "text_tok.h"

#define TXT_COMPOUND_MAX 9 /* tokens in an expression, at most */

typedef struct txt_compounds txt_compounds;

/* NULL with txt_err set: "FILE:LINE: why" for a bad expression, an
 * unreadable file, a file with no expression, an unknown stemmer. */
txt_compounds *txt_compounds_load(const char *path, const txt_tok_opts *opts);
void txt_compounds_free(txt_compounds *c);
size_t txt_compounds_size(const txt_compounds *c);
/* "N:HASH" (expressions and a hash of them, in order), for the counts
 * file's tokenizer metadata, so counts made with other compounds are not
 * merged with these. */
const char *txt_compounds_describe(const txt_compounds *c);

typedef struct txt_compound_scan txt_compound_scan;

txt_compound_scan *txt_compound_scan_new(const txt_compounds *c);
void txt_compound_scan_free(txt_compound_scan *s);
/* txt_tok_next_batch through the compounds: fills b with up to
 * TXT_TOK_BATCH tokens of tok's current text, each expression found joined
 * into one; 0 at the text's end (then the scan is ready for the next
 * txt_tok_start).  b as txt_tok_next_batch fills it. */
size_t txt_compound_next_batch(txt_compound_scan *s, txt_tok *tok, txt_tok_batch *b);

#endif
