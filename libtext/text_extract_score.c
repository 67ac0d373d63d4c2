/* text_extract_score.c: which blocks are the article (text_extract.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text_extract_int.h"
#include "text_utf8.h"

/* The four numbers the choice depends on.  bench/extract_cv.sh compiles
 * this file with EXTRACT_TUNE to vary them (tuned on half the benchmark's
 * pages, scored on the other half); the values here are readability's
 * where it has one (25 characters, 0.2 of the top score) and round ones
 * otherwise. */
#ifndef EXTRACT_TUNE
static const
#endif
struct extract_tuning {
	double min_chars; /* a block shorter than this does not score its parents */
	double sibling;   /* a sibling scoring this share of the top is kept too */
	double max_links; /* a block with more of its text in links is dropped */
	double min_weak;  /* ... and so is one under weak negative hints summing to this */
} extract_tuning = {25, 0.2, 0.5, -4};

/* ---- block features ---- */

void txt_extract_features(ex *x, block *b)
{
	const unsigned char *s = (const unsigned char *)x->text.s + b->off;
	int inword = 0;
	for (size_t i = 0; i < b->len; i++) {
		unsigned char c = s[i];
		int w = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			c >= 0x80;
		if (w && !inword)
			b->words++;
		inword = w;
		if (c >= '0' && c <= '9')
			b->digits++;
		else if (c == ',')
			b->commas++;
		else if (c == '.' || c == '!' || c == '?' || c == ';')
			b->stops++;
		else if (c == 0xEF && i + 2 < b->len && s[i + 1] == 0xBC &&
			 (s[i + 2] == 0x8C || s[i + 2] == 0x81 || s[i + 2] == 0x9F))
			b->commas += s[i + 2] == 0x8C, b->stops += s[i + 2] != 0x8C; /* ，！？ */
		else if (c == 0xE3 && i + 2 < b->len && s[i + 1] == 0x80 &&
			 (s[i + 2] == 0x81 || s[i + 2] == 0x82))
			b->commas += s[i + 2] == 0x81, b->stops += s[i + 2] == 0x82; /* 、。 */
		else if (c == 0xD8 && i + 1 < b->len && s[i + 1] == 0x8C)
			b->commas++; /* Arabic comma */
	}
	/* ends like a sentence: . ! ? : or a closing quote/bracket after one */
	size_t k = b->len;
	while (k > 0 && (s[k - 1] == '"' || s[k - 1] == ')' || s[k - 1] == '\'' ||
			 (k >= 3 && s[k - 3] == 0xE2 && s[k - 2] == 0x80 &&
			  (s[k - 1] == 0x9D || s[k - 1] == 0x99))))
		k -= s[k - 1] >= 0x80 ? 3 : 1;
	if (k > 0) {
		unsigned char c = s[k - 1];
		b->ends = c == '.' || c == '!' || c == '?' || c == ':' ||
			  (k >= 3 && (s[k - 3] == 0xE3 || s[k - 3] == 0xEF) &&
			   (c == 0x82 || c == 0x81 || c == 0x9F)) ||
			  (k >= 3 && s[k - 3] == 0xE2 && s[k - 2] == 0x80 && c == 0xA6);
	}
	b->tag = x->e[b->elem].tag;
}

/* ---- the container (readability's candidate scoring) ---- */

static double link_density(const elem *e)
{
	return e->chars ? (double)e->link_chars / e->chars : 0;
}

static double tag_weight(int tag)
{
	switch (tag) {
	case T_DIV: case T_ARTICLE: case T_SECTION: case T_MAIN: return 5;
	case T_PRE: case T_TD: case T_BLOCKQUOTE: return 3;
	case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT: case T_LI:
	case T_FORM: return -3;
	case T_TH: return -5;
	default: return IS_HEADING(tag) ? -5 : 0;
	}
}

static void init_elem(elem *e)
{
	if (e->scored)
		return;
	e->scored = 1;
	e->score = tag_weight(e->tag) + 8.0 * e->hint;
}

/* Chrome the subtree of e is inside, relative to the container c (the
 * counts are cumulative, so subtracting c's gives what lies between). */
static int rel(const elem *e, const elem *c, int k)
{
	return e->cum[k] - (c ? c->cum[k] : 0);
}

static int chrome(const elem *e, const elem *c)
{
	return rel(e, c, C_NAV) > 0 || rel(e, c, C_ASIDE) > 0 || rel(e, c, C_FOOTER) > 0;
}

static int top_candidate(ex *x)
{
	for (size_t i = 0; i < x->nb; i++) {
		const block *b = &x->b[i];
		const elem *o = &x->e[b->elem];
		if (b->chars < extract_tuning.min_chars || chrome(o, NULL))
			continue;
		double cs = 1 + b->commas + fmin(floor(b->chars / 100.0), 3);
		int a = b->elem;
		for (int level = 0; a > 0 && level < 5; level++) {
			elem *e = &x->e[a];
			init_elem(e);
			e->score += cs / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
			a = e->parent;
		}
	}
	int top = -1;
	for (size_t i = 1; i < x->ne; i++) {
		elem *e = &x->e[i];
		if (!e->scored)
			continue;
		e->score *= 1 - link_density(e);
		if (top < 0 || e->score > x->e[top].score)
			top = (int)i;
	}
	if (top < 0)
		return -1;
	/* a parent that scores better than the candidate's own share: move up */
	double last = x->e[top].score, thresh = last / 3;
	for (int p = x->e[top].parent; p > 0 && x->e[p].tag != T_BODY; p = x->e[p].parent) {
		if (!x->e[p].scored)
			continue;
		if (x->e[p].score < thresh)
			break;
		if (x->e[p].score > last) {
			top = p;
			break;
		}
		last = x->e[p].score;
	}
	/* an only child says no more than its parent */
	while (x->e[top].parent > 0 && x->e[x->e[top].parent].tag != T_BODY &&
	       x->e[x->e[top].parent].first_child == top && x->e[top].next_sib < 0)
		top = x->e[top].parent;
	return top;
}

static void mark(ex *x, int ei, unsigned char v)
{
	for (int i = x->e[ei].first; i < x->e[ei].end; i++)
		if (!x->b[i].keep)
			x->b[i].keep = v;
}

/* The top candidate and its siblings that score well or read like body. */
static void containers(ex *x, int top)
{
	const elem *t = &x->e[top];
	double need = fmax(10, t->score * extract_tuning.sibling);
	int p = t->parent;
	if (p < 0) {
		mark(x, top, 2);
		return;
	}
	for (int s = x->e[p].first_child; s >= 0; s = x->e[s].next_sib) {
		const elem *e = &x->e[s];
		int take = s == top;
		if (!take && e->scored && e->score >= need)
			take = 1;
		if (!take && e->tag == T_P) {
			double ld = link_density(e);
			take = (e->chars > 80 && ld < 0.25) ||
			       (e->chars > 0 && e->chars <= 80 && ld == 0 && e->end > e->first &&
				x->b[e->first].ends);
		}
		if (take)
			mark(x, s, 2);
	}
}

/* Is block b, inside container c, body text? */
static int body_like(const ex *x, const block *b, const elem *c)
{
	const elem *o = &x->e[b->elem];
	double ld = b->chars ? (double)b->link_chars / b->chars : 0;
	if (chrome(o, c) || rel(o, c, C_FIGURE) > 0)
		return 0;
	if (rel(o, c, C_NEG) > 0 || rel(o, c, C_WEAK) <= extract_tuning.min_weak)
		return 0;
	if (ld > extract_tuning.max_links)
		return 0;
	return 1;
}

static int container_of(const ex *x, const block *b)
{
	(void)x;
	return b->elem;
}

/* The same text, ignoring case and spaces at the ends. */
static int same_text(const char *a, size_t n, const char *b)
{
	size_t m = strlen(b);
	return n == m && strncasecmp(a, b, n) == 0;
}

void txt_extract_choose(ex *x, const char *title)
{
	int top = top_candidate(x);
	if (top < 0) {
		for (size_t i = 0; i < x->nb; i++)
			x->b[i].keep = body_like(x, &x->b[i], NULL);
		return;
	}
	x->top = top;
	containers(x, top);
	const elem *c = &x->e[x->e[top].parent >= 0 ? x->e[top].parent : top];
	for (size_t i = 0; i < x->nb; i++) {
		block *b = &x->b[i];
		(void)container_of;
		b->keep = b->keep && body_like(x, b, c);
		/* the headline is the title column, not the text */
		if (b->keep && IS_HEADING(b->tag) && same_text(x->text.s + b->off, b->len, title))
			b->keep = 0;
	}
}

#ifdef EXTRACT_DEBUG
#include <stdio.h>
/* Development aid: every block with its features and fate. */
void txt_extract_debug(const ex *x);
void txt_extract_debug(const ex *x)
{
	fprintf(stderr, "top e%d tag %d score %.1f parent e%d\n", x->top, x->e[x->top].tag,
		x->e[x->top].score, x->e[x->top].parent);
	for (size_t i = 0; i < x->nb; i++) {
		const block *b = &x->b[i];
		const elem *o = &x->e[b->elem];
		fprintf(stderr, "%c e%-5d t%-2d ch%-5d ld%.2f h%-2d neg%-3d pos%-2d nav%d as%d ft%d hd%d fg%d fm%d | %.*s\n",
			b->keep ? '+' : '-', b->elem, b->tag, b->chars,
			b->chars ? (double)b->link_chars / b->chars : 0, o->hint, o->cum[C_NEG],
			o->cum[C_POS], o->cum[C_NAV], o->cum[C_ASIDE], o->cum[C_FOOTER],
			o->cum[C_HEADER], o->cum[C_FIGURE], o->cum[C_FORM], (int)(b->len < 100 ? b->len : 100), x->text.s + b->off);
	}
}
#endif
