/* text_lex: frame dictionaries (lexicons) and matching them against tokens.
 *
 * Formats (chosen by name: .dic LIWC, .yml or .yaml YAML, anything else TSV):
 *  - TSV: one "frame<TAB>pattern" per line; '#' starts a comment line; blank
 *    lines are skipped; an optional first line "frame<TAB>pattern".
 *  - LIWC .dic: between the first two '%' lines "ID<TAB>name" category
 *    lines, then "pattern<TAB>ID[<TAB>ID...]" (spaces also separate).
 *  - YAML, the subset quanteda writes: "frame:" keys (nested keys give
 *    "parent.child"), each with "- pattern" items or "[a, b]" lists;
 *    quoted strings, '#' comments.
 * A pattern is one or more words separated by spaces (a multi-word pattern
 * matches that sequence of tokens).  '*' in a word matches any run of
 * characters ("econom*", "*ism").  Words are normalised like tokens by the
 * caller's function (case folding), so "Cartel" matches the token "cartel".
 *
 * Matching rule: at each token, of all patterns that match there the one
 * covering the most tokens wins (ties: fewer wildcard words, then more
 * literal bytes, then the earlier pattern); its tokens are consumed and
 * counted once for each frame that lists that pattern, and matching goes on
 * after it.  So no token is counted twice for a frame, and "drug cartel"
 * (crime) wins over "cartel" alone.
 *
 * Errors name FILE:LINE.  Ownership: txt_lex_load/txt_lex_parse return an
 * object freed by txt_lex_free (NULL safe); it owns copies of everything.
 * txt_lex_matches_new's object (txt_lex_matches_free) borrows its writer. */
#ifndef TEXT_LEX_H
#define TEXT_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "text_io.h"

/* Normalise word[0..n) (no '*' inside) to the form tokens have: returns a
 * malloc'd string; several tokens are separated by single spaces.  NULL
 * with txt_err() set rejects the word. */
typedef char *(*txt_lex_norm)(const char *word, size_t n, void *ctx);

enum { TXT_LEX_AUTO, TXT_LEX_TSV, TXT_LEX_DIC, TXT_LEX_YAML };

typedef struct txt_lex txt_lex;

/* norm NULL: ASCII lower-casing. */
txt_lex *txt_lex_load(const char *path, int format, txt_lex_norm norm, void *ctx);
/* The same from text in memory; name is used in messages and, with
 * TXT_LEX_AUTO, to pick the format. */
txt_lex *txt_lex_parse(const char *name, const char *text, size_t len, int format,
                       txt_lex_norm norm, void *ctx);
void txt_lex_free(txt_lex *lx);

size_t txt_lex_nframes(const txt_lex *lx);
const char *txt_lex_frame(const txt_lex *lx, size_t i); /* in order of first use */
size_t txt_lex_npatterns(const txt_lex *lx);
/* The frames pattern p belongs to (indices for txt_lex_frame; owned by
 * lx): their number, 0 past the end. */
size_t txt_lex_pattern_frames(const txt_lex *lx, size_t p, const uint32_t **frames);

/* The match starting at tok[i] (tokens as NUL-terminated strings):
 * returns the number of tokens it covers (0: none) and the frames it
 * counts for in *frames / *nframes (owned by lx).  brk (NULL: none) marks
 * the tokens that follow a sentence end, a line break or a removed token
 * (text_tok's brk): a multi-word pattern never spans one. */
size_t txt_lex_match(const txt_lex *lx, const char *const *tok, const unsigned char *brk,
                     size_t ntok, size_t i, const uint32_t **frames, size_t *nframes);
/* The same among the patterns of one frame only. */
size_t txt_lex_match_frame(const txt_lex *lx, const char *const *tok, const unsigned char *brk,
                           size_t ntok, size_t i, size_t frame);
/* Scan tok[0..ntok) from the left, adding 1 to hits[f] per match.
 * TXT_LEX_LONGEST: at each token the best match of all frames' patterns
 * wins and the scan resumes after it, so no token counts twice (like
 * quanteda's tokens_lookup with nested_scope = "dictionary").
 * TXT_LEX_INDEPENDENT: each frame is scanned on its own, with only its
 * patterns, so a token may count for several frames but never twice for
 * one (tokens_lookup's default, nested_scope = "key"). */
enum { TXT_LEX_LONGEST, TXT_LEX_INDEPENDENT };
void txt_lex_count(const txt_lex *lx, const char *const *tok, const unsigned char *brk,
                   size_t ntok, int overlap, double *hits);

/* The matches txt_lex_count counts, one call of fn per frame a match
 * counts for, in token order (at one token, frames in their order). */
typedef struct txt_lex_hit {
	size_t frame, pattern; /* txt_lex_frame's and txt_lex_pattern's index */
	size_t first, ntok;    /* the tokens tok[first .. first + ntok) */
} txt_lex_hit;
typedef void (*txt_lex_hit_fn)(const txt_lex_hit *h, void *ctx);
void txt_lex_scan(const txt_lex *lx, const char *const *tok, const unsigned char *brk,
                  size_t ntok, int overlap, txt_lex_hit_fn fn, void *ctx);
/* A report (text_report) of every match, one row per frame it counts for:
 * id frame pattern match line start end overlap -- match is the text as it
 * stands, text[start..end) in bytes of the document's text, and line the
 * line of the docs file the document is on. */
typedef struct txt_lex_matches txt_lex_matches;
/* Borrows w (the caller closes it) and lx.  NULL with txt_err() set. */
txt_lex_matches *txt_lex_matches_new(txt_writer *w, int format, const txt_lex *lx, int overlap);
/* One document's rows; tok[i] is text[start[i] .. end[i]).  0 or -1. */
int txt_lex_matches_doc(txt_lex_matches *m, const char *id, uint64_t line, const char *text,
                        const char *const *tok, const unsigned char *brk, const size_t *start,
                        const size_t *end, size_t ntok);
void txt_lex_matches_free(txt_lex_matches *m);
/* Pattern p (0 .. txt_lex_npatterns - 1) as matched: its words normalised,
 * joined by single spaces (a pattern listed under several frames is one). */
const char *txt_lex_pattern(const txt_lex *lx, size_t p);

/* '*' glob match of s against pattern p (bytes). */
int txt_lex_glob(const char *p, const char *s);

#endif
