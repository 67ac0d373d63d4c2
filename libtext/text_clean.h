/* text_clean: remove web boilerplate (menus, share and subscription prompts,
 * bylines, footers, other-language chrome) from scraped article text, line
 * by line, with a named rule for every removal, and find the title.
 *
 * Rules (names as used by slant-clean --explain and --disable):
 *   title    the first title-like line: moved to the title, out of the text
 *   dup      a line equal to the title or to an earlier line of the document
 *   repeat   a line found in at least `repeat_min` documents of one source
 *            (not in a document most of whose lines repeat: a copied article)
 *   byline   bylines, author boxes and avatars, datelines, photo credits
 *   cta      calls to action: share, subscribe, sign up, comment, follow,
 *            read more, related, advertisement, cookie notes (en, es)
 *   footer   copyright, legal and logo lines
 *   link     lines that are mostly URLs, e-mail addresses or @handles
 *   menu     navigation: items between separators (| / > » ·), lists of
 *            capitalised items without a verb
 *   lang     a line CLD2 reliably reads as another language than the
 *            document's
 *   symbols  a line without letters or digits
 *   short    a line without final punctuation or quotation that has at most
 *            3 words, or at most 12 words and no verb
 *   model    the line model (text_clean_model.c) puts the line's body
 *            probability below its threshold
 * With a model loaded (txt_clean_load_model) and the model rule on, the
 * model decides every line that no other rule removes: `short` and `menu`
 * are then among its features, not rules.
 * A line that ends like a sentence or holds a quotation is never removed by
 * `short` or `menu`; blank lines are kept as paragraph breaks (runs of them
 * become one).
 *
 * Ownership: txt_clean_new / txt_clean_free (NULL safe).  The cleaner keeps
 * the line counts of txt_clean_observe for the repeat rule.  Results from
 * txt_clean_doc own their strings; free them with txt_clean_result_free. */
#ifndef TEXT_CLEAN_H
#define TEXT_CLEAN_H
#include <stddef.h>

enum txt_clean_rule {
	TXT_CLEAN_KEEP = 0,
	TXT_CLEAN_TITLE,
	TXT_CLEAN_DUP,
	TXT_CLEAN_REPEAT,
	TXT_CLEAN_BYLINE,
	TXT_CLEAN_CTA,
	TXT_CLEAN_FOOTER,
	TXT_CLEAN_LINK,
	TXT_CLEAN_MENU,
	TXT_CLEAN_LANG,
	TXT_CLEAN_SYMBOLS,
	TXT_CLEAN_SHORT,
	TXT_CLEAN_MODEL,
	TXT_CLEAN_NRULES
};

/* Rule name ("keep" for 0), or NULL out of range. */
const char *txt_clean_rule_name(int rule);
/* Rule by name, or -1. */
int txt_clean_rule_lookup(const char *name);

typedef struct txt_clean txt_clean;

txt_clean *txt_clean_new(void);
void txt_clean_free(txt_clean *c);
/* Switch a rule on (1) or off (0); all are on by default. */
void txt_clean_enable(txt_clean *c, int rule, int on);
int txt_clean_rule_on(const txt_clean *c, int rule);
/* Load the line model from path (NULL: the shipped clean.model, see
 * txt_models_path).  -1 with the error set ("FILE:LINE: what"). */
int txt_clean_load_model(txt_clean *c, const char *path);
/* Train a line model on the documents of docs (a docs file: id, text, and
 * source if any) whose id is in truth (a docs file: id, text, the true
 * article text), and write it to w.  -1 with the error set. */
struct txt_writer;
int txt_clean_train(const txt_clean *c, const char *docs, const char *truth,
                    struct txt_writer *w);
/* Documents of one source a line must appear in to count as repeated
 * (default 3; 0 disables the rule). */
void txt_clean_set_repeat_min(txt_clean *c, unsigned n);
/* 1 when the repeat rule is on: all documents must be observed first. */
int txt_clean_needs_corpus(const txt_clean *c);
/* First pass for the repeat rule: record the distinct lines of a document. */
void txt_clean_observe(txt_clean *c, const char *source, const char *text, size_t len);

typedef struct txt_clean_result {
	char *text;        /* kept lines joined by '\n' */
	char *title;       /* "" when none */
	size_t nlines;     /* lines in the input text */
	unsigned char *rule; /* per input line: enum txt_clean_rule */
	size_t kept, dropped; /* non-blank lines kept / removed (title counts as removed) */
	const char *lang;  /* document language (CLD2's code), or NULL */
} txt_clean_result;

/* Clean one document.  source may be NULL (no repeat rule).  Returns 0. */
int txt_clean_doc(const txt_clean *c, const char *source, const char *text, size_t len,
                  txt_clean_result *r);
void txt_clean_result_free(txt_clean_result *r);
/* Write a row "doc line rule text" (TSV) to w for every line of text that
 * r (its result) removed. */
void txt_clean_explain(struct txt_writer *w, const char *id, const char *text,
                       const txt_clean_result *r);

/* The rule the line-local tests give line s[0..n) in a document of language
 * doclang (NULL: unknown), or TXT_CLEAN_KEEP.  `tail` is 1 for the last
 * lines of a document, where author boxes live. */
int txt_clean_line(const txt_clean *c, const char *s, size_t n, const char *doclang, int tail);
/* Stopword-profile language guess: "en", "es", or NULL when unsure. */
const char *txt_clean_lang(const char *s, size_t n);
/* 1 if the line holds a verb (word lists and suffixes, en and es). */
int txt_clean_has_verb(const char *s, size_t n);

#endif
