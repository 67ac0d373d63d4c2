/* text_sent: sentence and paragraph boundaries in a document's text.
 *
 * Sentences end at . ! ? and ellipses (… or ...), after any closing quotes
 * or brackets, when what follows does not continue the sentence: not after
 * known abbreviations (Mr. Gen. Nov.), initials (J. Smith), inside numbers
 * (5.93, $5.93) or before a lowercase word ("happen?" he said).  Dotted
 * acronyms and short forms that may also end a sentence (U.S. a.m. Inc.)
 * end one only before a word that typically starts a sentence (The, He, …).
 * A line break ends a sentence unless the line has no final punctuation and
 * the next line starts in lowercase (a hard-wrapped sentence).
 *
 * Paragraphs: blocks separated by blank lines; in a text without blank
 * lines, each line is a paragraph.
 *
 * Spans index the caller's text and are trimmed of surrounding white space;
 * a span may hold '\n' (a wrapped sentence or paragraph).  The span array is
 * malloc'd; the caller frees it. */
#ifndef TEXT_SENT_H
#define TEXT_SENT_H
#include <stddef.h>

typedef struct txt_span {
	size_t start, len;
} txt_span;

/* Sentences of text[0..len).  Returns the number of spans in *out. */
size_t txt_sent_split(const char *text, size_t len, txt_span **out);
/* Paragraphs of text[0..len). */
size_t txt_sent_paragraphs(const char *text, size_t len, txt_span **out);
/* 1 if the word before a '.' (w[0..n), without the dot) never ends a
 * sentence (titles like Mr, Gen, Dr; single initials). */
int txt_sent_is_title_abbrev(const char *w, size_t n);
/* Dotted abbreviations, one rule for sentences and tokens (text_tok):
 * two or more runs of one or two ASCII letters, each followed by a dot
 * (U.S., U.K., e.g., i.e., a.m., Ph.D., EE.UU.), not followed by a letter
 * or digit.  The length of the one at s[0..n), its last dot included, or
 * 0. */
size_t txt_sent_dotted_len(const char *s, size_t n);
/* 1 when a sentence ends after the dotted abbreviation that ends at t[i]
 * (closing quotes or brackets, white space, then a capitalised word that
 * typically starts a sentence, or an opening quote), as txt_sent_split
 * decides. */
int txt_sent_dotted_ends(const char *t, size_t i, size_t n);

#endif
