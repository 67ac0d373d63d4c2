/* text_kwic: slant-kwic's engine.  A pattern of words (folded by the
 * tokenizer, '*' a wildcard inside a word) found among a document's
 * tokens, each hit cut with its context from the original text.
 *
 * Ownership: a txt_kwic owns its pattern and token arrays (txt_kwic_free);
 * a hit's strings are the caller's (txt_kwic_hit_free). */
#ifndef TEXT_KWIC_H
#define TEXT_KWIC_H

#include <stddef.h>

#include "text_tok.h"

typedef struct txt_kwic txt_kwic;

typedef struct txt_kwic_hit {
	char *left, *match, *right; /* whitespace runs shown as one space */
	size_t token, byte;         /* 1-based token number, 0-based byte offset */
	int sp_before, sp_after;    /* whitespace around the match in the text */
} txt_kwic_hit;

/* A pattern tokenized by tok (which the txt_kwic uses, not owns) with
 * window tokens of context.  NULL with txt_err() set for a pattern with no
 * words or a wildcard word of several tokens. */
txt_kwic *txt_kwic_new(txt_tok *tok, const char *pattern, size_t window);
void txt_kwic_free(txt_kwic *k);
/* Tokenize a document; returns its number of tokens. */
size_t txt_kwic_doc(txt_kwic *k, const char *text, size_t len);
/* 1 if the pattern matches at token i of the document. */
int txt_kwic_match(const txt_kwic *k, size_t i);
/* The hit at token i of the document text[0..len). */
txt_kwic_hit txt_kwic_cut(const txt_kwic *k, const char *text, size_t len, size_t i);
void txt_kwic_hit_free(txt_kwic_hit *h);

#endif
