/* text_tok: the tokenizer every tool shares (count, kwic, frame, stance).
 *
 * Rules (man/man7/slant-tokens.7 is the reference):
 *  - words: letters and digits (Unicode categories L*, N*, and marks M* /
 *    format characters Cf inside a word), with internal apostrophes (' and
 *    U+2019 are the same, written ') and internal hyphens (-, U+2010,
 *    U+2011; kept unless split_hyphens); dotted abbreviations (runs of one
 *    or two letters, each followed by a dot: "U.S.", "e.g.", "EE.UU.") are
 *    one word with their dots, "u.s.";
 *  - numbers (TXT_TOK_NUM): digits with internal . or , between digits
 *    ("5.93", "1,000"); currency signs are punctuation ("$5" -> "5");
 *  - URLs (http://, https://, www.), e-mail addresses, @mentions, #hashtags
 *    whole (URLs fold only scheme and host);
 *  - punctuation (P*, S*) dropped unless keep_punct (then one token per
 *    character); spaces, controls and invalid UTF-8 bytes separate tokens;
 *  - every token is NFKC-normalised and fully case-folded (utf8proc; ASCII
 *    just lower-cased) unless no_fold; stopwords (WORD tokens only) are
 *    removed after folding, then words are stemmed.
 * A token's `brk` says what lies between it and the previous token; an
 * n-gram never crosses a token whose brk is nonzero (quanteda's padding):
 *  - TXT_BRK_SENT: a line break or a sentence end (. ! ? ; and Unicode
 *    equivalents; a '.' right after an abbreviation such as Mr, Gen, Nov or
 *    an initial does not count), or the start of the text;
 *  - TXT_BRK_GAP: a removed token: dropped punctuation (not the dot of an
 *    abbreviation, nor a hyphen with a token right before it and a letter
 *    or digit right after, as in split "drone-strike"), or a stopword.
 * A removed stopword passes its own brk on to the next token.
 *
 * Ownership: the tokenizer owns the token text it returns; it lives until
 * the next txt_tok_next/txt_tok_start/txt_tok_free.  The text passed to
 * txt_tok_start must outlive the scan.  The tokenizer does not own the
 * stopword list (free it after the tokenizers that use it); the stem
 * language string is only read by txt_tok_new.  One tokenizer per thread;
 * a stopword list may be shared (read-only).
 *
 * Speed: plain ASCII words take a table-driven (SSE2 where available) path
 * with no allocation; utf8proc is called only for tokens with non-ASCII
 * letters. */
#ifndef TEXT_TOK_H
#define TEXT_TOK_H

#include <stddef.h>
#include <stdint.h>

typedef enum txt_tok_type {
	TXT_TOK_WORD,
	TXT_TOK_NUM,
	TXT_TOK_URL,
	TXT_TOK_EMAIL,
	TXT_TOK_MENTION,
	TXT_TOK_HASHTAG,
	TXT_TOK_PUNCT,
} txt_tok_type;

typedef struct txt_stop txt_stop;

typedef struct txt_tok_opts {
	int split_hyphens;     /* "drone-strike" -> "drone", "strike" */
	int keep_punct;        /* emit punctuation tokens */
	int no_fold;           /* keep case and form (default: NFKC + casefold) */
	const char *stem;      /* Snowball language ("english", "spanish", ...) or NULL */
	const txt_stop *stop;  /* stopwords to drop, or NULL */
	int no_breaks;         /* the caller ignores brk (unigram counts): a '.' is
				* not checked for abbreviations.  The tokens are the
				* same; not part of txt_tok_describe. */
} txt_tok_opts;

/* A token's text has at least this many readable bytes (those past the
 * NUL are unspecified), so a reader may load it in whole words. */
#define TXT_TOK_PAD 16

/* Bits of txt_token.brk (and txt_tok_batch.brk). */
#define TXT_BRK_SENT 1
#define TXT_BRK_GAP 2

typedef struct txt_token {
	const char *s;   /* normalised token text, NUL-terminated */
	size_t len;
	txt_tok_type type;
	int brk;         /* TXT_BRK_* bits: what lies before this token (above) */
	size_t start;    /* byte range of the token in the original text */
	size_t end;
} txt_token;

typedef struct txt_tok txt_tok;

/* opts NULL = defaults (fold, keep hyphens, drop punctuation, no stemming,
 * no stopwords).  NULL with txt_err() set for an unknown stemming language
 * (the message lists the languages available).  Caller frees. */
txt_tok *txt_tok_new(const txt_tok_opts *opts);
void txt_tok_free(txt_tok *t);
/* Begin scanning text[0..len) (UTF-8; invalid bytes are treated as
 * separators). */
void txt_tok_start(txt_tok *t, const char *text, size_t len);
/* 1 with the next token in *tok, 0 at the end. */
int txt_tok_next(txt_tok *t, txt_token *tok);
/* Tokens a batch at a time, for loops that need only each token's text
 * and boundary flag (counting), in the form hash tables take: the same
 * tokens as txt_tok_next, but most found 64 bytes at a time, without a
 * call each.  Token i has len[i] bytes and brk[i] as txt_token.brk.  A
 * token of up to TXT_TOK_SHORT bytes is key[i]: its bytes as two
 * little-endian words, zero-padded (text_map.h's short keys); a longer one
 * is at text + key[i][0], NUL-terminated.  Start with a zeroed batch; it
 * lives until the next fill or txt_tok_batch_free. */
#define TXT_TOK_BATCH 256
#define TXT_TOK_SHORT 16
typedef struct txt_tok_batch {
	uint64_t key[TXT_TOK_BATCH][2];
	size_t len[TXT_TOK_BATCH];
	unsigned char brk[TXT_TOK_BATCH];
	size_t n;
	char *text; /* the longer tokens */
	size_t used, cap;
} txt_tok_batch;
/* Fills b with up to TXT_TOK_BATCH tokens; their number, 0 at the end. */
size_t txt_tok_next_batch(txt_tok *t, txt_tok_batch *b);
void txt_tok_batch_free(txt_tok_batch *b);
/* Token i's text, NUL-terminated: in out (TXT_TOK_SHORT + 1 bytes) when
 * short, else in the batch. */
const char *txt_tok_batch_text(const txt_tok_batch *b, size_t i, char *out);

/* A short description of the options, stable across runs, for file
 * headers: e.g. "fold=nfkc_cf hyphens=keep punct=drop stem=english stop=en". */
const char *txt_tok_describe(const txt_tok *t);

/* Stopword lists: "en", "es" (models/stopwords/LANG.txt under
 * txt_models_path) or a file path (anything with '/' or '.', or an existing
 * file when no shipped list has that name), one word per line, '#'
 * comments.  Words are folded like tokens.  NULL with txt_err() set
 * ("FILE:LINE: ..." for bad UTF-8).  Caller frees; _free(NULL) is safe.
 * txt_stop_has(NULL, ...) is 0. */
txt_stop *txt_stop_load(const char *name);
int txt_stop_has(const txt_stop *s, const char *w, size_t n);
const char *txt_stop_name(const txt_stop *s);
void txt_stop_free(txt_stop *s);

/* Names of the Snowball languages libstemmer offers (NULL-terminated). */
const char **txt_tok_stem_langs(void);

/* The tokens of one text as arrays, for matching sequences (slant-frame's
 * patterns, slant-kwic's phrases).  The arrays belong to the sequence and
 * are reused by the next txt_tokseq_fill; txt_tokseq_free releases them
 * (not the tokenizer).  tok[i] points into the sequence's buffer. */
typedef struct txt_tokseq {
	const char **tok;        /* normalised token text, NUL-terminated */
	unsigned char *brk;      /* TXT_BRK_* bits before each token */
	size_t *start, *end;     /* byte range of each in the original text */
	size_t n;
	char *buf;
	size_t *off, nbuf, capbuf, cap;
} txt_tokseq;

void txt_tokseq_fill(txt_tokseq *q, txt_tok *t, const char *text, size_t len);
void txt_tokseq_free(txt_tokseq *q);

/* Tests only: nonzero makes every tokenizer skip its fast path for plain
 * ASCII words, so a test can check that both paths agree. */
extern int txt_tok_test_general_only;

#endif
