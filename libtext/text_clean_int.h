/* text_clean_int.h: what text_clean.c (line analysis, rules) hands to
 * text_clean_model.c (features in context, the logistic line model, its
 * file and its training).  Internal to libtext. */
#ifndef TEXT_CLEAN_INT_H
#define TEXT_CLEAN_INT_H
#include <stddef.h>

#include "text_io.h"

/* Line-local facts, one vector per non-blank line, filled by text_clean.c.
 * They are language-independent except F_STOPW and F_VERB (en, es lists). */
enum {
	F_BIAS,    /* 1 */
	F_CHARS,   /* log(1 + code points) */
	F_WORDS,   /* log(1 + words) */
	F_SENT,    /* ends like a sentence (. ! ? … 。 ！ ？ before closers) */
	F_QUOTE,   /* holds a quotation */
	F_PUNCT,   /* , ; : per word (at most 1) */
	F_SHORTW,  /* share of words of at most 3 letters: function words */
	F_STOPW,   /* share of en/es stopwords */
	F_CAPS,    /* share of words with letters that start uppercase */
	F_UPPER,   /* every word with letters is uppercase */
	F_DIGITS,  /* share of digits among letters and digits */
	F_LINKS,   /* share of tokens that are URLs, e-mail, @handles, #tags */
	F_SEPS,    /* a separator token: | / > » · • */
	F_VERB,    /* holds a verb (en, es) */
	F_MENU,    /* the menu rule's shape */
	F_SHORT,   /* the short rule's shape */
	F_TITLE,   /* title-like */
	F_DOCFREQ, /* share of words among the document's most frequent */
	NLOCAL
};

/* Features in the document: place beside the body, neighbours.  (The
 * relative position itself is left out: how much chrome follows an
 * article is the site's layout, not the line's nature.) */
enum {
	F_BEFORE = NLOCAL, /* above the first body-like line */
	F_AFTER,        /* below the last body-like line */
	F_INBLOCK,      /* inside the main run of body-like lines */
	F_DIST,         /* log(1 + lines to the main run) */
	F_CTX_SENT,     /* neighbours (2 each side) that end like a sentence */
	F_CTX_LEN,      /* neighbours' mean F_WORDS */
	F_BLANK_BEFORE, /* a blank line above */
	F_BLANK_AFTER,  /* a blank line below */
	NFEAT
};

/* Stage 2 smooths stage 1's probabilities over neighbours, as jusText's
 * context-sensitive pass does with its classes. */
enum { S_BIAS, S_SELF, S_PREV, S_NEXT, S_WIDE, NSTAGE2 };

typedef struct clean_fact {
	double v[NLOCAL];
	int blank;  /* an empty line: v unused */
	int fixed;  /* decided by a rule: chrome, not scored by the model */
	int strong; /* body-like: a sentence of 10+ words (or 50+ characters) */
} clean_fact;

typedef struct txt_clean_model txt_clean_model;

/* Parse a model file's text; name is used in messages ("FILE:LINE: ...").
 * NULL with the error set. */
txt_clean_model *clean_model_parse(const char *buf, size_t len, const char *name);
void clean_model_free(txt_clean_model *m);
/* Body probability of every line (0 for blank and fixed lines). */
void clean_model_predict(const txt_clean_model *m, const clean_fact *f, size_t n, double *p);
/* 1 if a line of probability p is kept; near: kept next to kept lines. */
int clean_model_keep(const txt_clean_model *m, double p);
int clean_model_near(const txt_clean_model *m, double p);

/* Training: rows of (features of one document, labels 0/1, -1 unlabelled). */
typedef struct clean_trainer clean_trainer;
clean_trainer *clean_trainer_new(void);
void clean_trainer_free(clean_trainer *t);
void clean_trainer_add(clean_trainer *t, const clean_fact *f, const signed char *y, size_t n);
/* Fit both stages and write the model; -1 with the error set. */
int clean_trainer_write(clean_trainer *t, txt_writer *w);

/* Labels for the lines of text (split at '\n', as txt_clean_doc does): 1
 * when half a line's 4-word shingles (a shorter line: its word sequence)
 * are in truth, 0 otherwise, -1 for a line without words.  Returns a
 * malloc'd array of nlines. */
signed char *clean_label(const char *text, size_t len, const char *truth, size_t tlen,
                         size_t *nlines);

#endif
