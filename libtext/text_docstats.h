/* text_docstats: lexical diversity and readability of documents or groups.
 *
 * Tokens are text_tok's word tokens (TXT_TOK_WORD: folded, punctuation
 * dropped); numbers, URLs, e-mail addresses, @mentions and #hashtags are
 * not counted, as quanteda's textstat_lexdiv removes numbers, symbols and
 * URLs by default.  A unit (a document, or a group of documents whose
 * tokens follow each other in input order) accumulates:
 *
 *   tokens, types, ttr = types / tokens
 *   mattr  moving-average TTR (Covington & McFall 2010): the mean TTR of
 *          every window of `window` consecutive tokens; a unit shorter
 *          than the window has the TTR of all its tokens
 *   mtld   McCarthy & Jarvis (2010): tokens are read in order while the
 *          TTR of the current segment stays above the threshold (0.72);
 *          when it falls to the threshold or below, a factor is counted and
 *          a new segment starts.  The rest at the end adds the partial
 *          factor (1 - TTR) / (1 - threshold).  MTLD = tokens / factors,
 *          computed forwards and backwards; the result is the mean of the
 *          two values (not tokens over the mean factor count).  NaN when a
 *          direction has no factor at all (every token distinct).
 *   sentences (text_sent spans holding at least one word), mean sentence
 *   length = tokens / sentences, and for English text
 *   flesch   = 206.835 - 1.015 words/sentences - 84.6 syllables/words
 *              (Flesch 1948)
 *   fk_grade = 0.39 words/sentences + 11.8 syllables/words - 15.59
 *              (Kincaid et al. 1975)
 *   fog      = 0.4 (words/sentences + 100 complex/words), complex words
 *              having three syllables or more (Gunning 1952, without his
 *              exceptions for proper nouns, compounds and -es/-ed/-ing)
 *
 * Syllables (txt_docstats_syllables) are estimated by rule, not looked up:
 * the runs of vowels (a e i o u; y when it follows a letter), less one for
 * a silent final e (after a consonant, unless the word ends in
 * consonant + "le" or has no other vowel run), for "-es" after a
 * consonant other than c g s x z and the pairs ch sh, and for "-ed" after a
 * consonant other than d t; every word has at least one.  Letters outside
 * a-z count as consonants.
 *
 * Ownership: txt_docstats_new returns an object freed with
 * txt_docstats_free (NULL safe); it owns a tokenizer and every unit. */
#ifndef TEXT_DOCSTATS_H
#define TEXT_DOCSTATS_H

#include <stddef.h>
#include <stdint.h>

#include "text_tok.h"

typedef struct txt_docstats txt_docstats;

typedef struct txt_dstat {
	uint64_t tokens, types, sentences;
	double ttr, mattr, mtld, mean_sentence_length;
	/* readability: NaN unless the unit had English text with a sentence */
	double flesch, fk_grade, fog;
	uint64_t words_en, sentences_en, syllables_en, complex_en;
} txt_dstat;

/* tok: tokenizer options (NULL: defaults); window >= 1; 0 < threshold < 1.
 * NULL with txt_err() set for a bad option. */
txt_docstats *txt_docstats_new(const txt_tok_opts *tok, size_t window, double threshold);
void txt_docstats_free(txt_docstats *d);
/* Add a document's text to unit u (0, 1, ...: units are created as they are
 * named); english: count its readability too. */
void txt_docstats_add(txt_docstats *d, size_t unit, const char *text, size_t len, int english);
/* The statistics of unit u (all zero and NaN for a unit never added to). */
void txt_docstats_get(txt_docstats *d, size_t unit, txt_dstat *out);
/* Forget unit u's tokens (its statistics restart from nothing). */
void txt_docstats_clear(txt_docstats *d, size_t unit);

/* The measures on their own, over token ids ids[0..n) (any values: equal
 * ids are the same type). */
double txt_docstats_mattr(const uint32_t *ids, size_t n, size_t window);
double txt_docstats_mtld(const uint32_t *ids, size_t n, double threshold);
/* Estimated syllables of a folded English word (see above). */
unsigned txt_docstats_syllables(const char *w, size_t n);

#endif
