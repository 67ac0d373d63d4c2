/* text_extract_int.h: what text_extract's three files share (private). */
#ifndef TEXT_EXTRACT_INT_H
#define TEXT_EXTRACT_INT_H

#include <libxml/xmlstring.h>
#include <stddef.h>

#include "text_err.h"
#include "text_extract.h"

enum tag_id {
	T_OTHER, T_A, T_ADDRESS, T_ARTICLE, T_ASIDE, T_BLOCKQUOTE, T_BODY, T_BR,
	T_CAPTION, T_DD, T_DIALOG, T_DIV, T_DL, T_DT, T_FIGCAPTION, T_FIGURE,
	T_FOOTER, T_FORM, T_H1, T_H2, T_H3, T_H4, T_H5, T_H6, T_HEAD, T_HEADER,
	T_HR, T_HTML, T_LEGEND, T_LI, T_LINK, T_MAIN, T_META, T_NAV, T_OL, T_P,
	T_PRE, T_SCRIPT, T_SECTION, T_TABLE, T_TBODY, T_TD, T_TH, T_TIME, T_TITLE,
	T_TR, T_UL,
};

#define IS_HEADING(t) ((t) >= T_H1 && (t) <= T_H6)

/* Counts an element's subtree inherits from its ancestors (itself
 * included): how many nav, aside, ... elements it is inside, how many
 * with a strongly negative class/id hint (C_NEG), and the sums of the
 * other negative and the positive hints. */
enum {
	C_NAV, C_ASIDE, C_FOOTER, C_HEADER, C_FIGURE, C_FORM, C_LIST, C_TABLE,
	C_QUOTE, C_ARTICLE, C_NEG, C_WEAK, C_POS, NCUM
};

#define H_EXACT 1 /* a hint stem that must be the whole word */

typedef struct elem {
	int parent, first_child, last_child, next_sib;
	int first, end; /* its blocks: [first, end) (document order) */
	int depth;
	int chars, link_chars; /* of its whole subtree */
	int cum[NCUM];
	unsigned char tag;
	signed char hint;
	unsigned char scored;
	double score;
} elem;

typedef struct block {
	size_t off, len; /* in ex.text */
	int elem;        /* the innermost block-level element holding it */
	int chars, link_chars, words, commas, stops, digits;
	unsigned char ends;  /* ends like a sentence */
	unsigned char tag;   /* of its element */
	unsigned char keep;
	double score;
} block;

typedef struct frame {
	unsigned char tag, link, pre, head, block;
} frame;

struct meta;

typedef struct ex {
	int mode;
	txt_buf text; /* the blocks' text, one after another */
	txt_buf cur;  /* the block being built */
	int cur_link, space;
	block *b;
	size_t nb, capb;
	elem *e;
	size_t ne, cape;
	int open; /* innermost open element record */
	int links, pre, skip_text;
	frame *st; /* open elements (skipped ones are only counted in skip) */
	size_t depth, capst;
	int skip;
	int capture; /* an element whose text the metadata wants, */
	size_t cap_depth; /* and the depth it ends at */
	txt_buf captured;
	int top; /* the container chosen (for debugging) */
	struct meta *m;
} ex;

/* text_extract_score.c */
void txt_extract_features(ex *x, block *b);
void txt_extract_choose(ex *x, const char *title);
/* text_extract_meta.c */
/* An element's attributes: 1 when its text is wanted too (then passed to
 * txt_extract_meta_text at its end). */
int txt_extract_meta_elem(ex *x, const xmlChar **atts, int tag);
void txt_extract_meta_text(ex *x, int tag, const char *text);
void txt_extract_meta_finish(ex *x, txt_page *p);
void txt_extract_meta_free(ex *x);
/* text_extract.c */
const char *txt_extract_attr(const xmlChar **atts, const char *name);

#define MAX_CAPTURE ((size_t)1 << 20) /* bytes of a title or JSON-LD script */

#endif
