/* text_sent: sentence and paragraph boundaries (see text_sent.h). */
#include "text_utf8.h"
#include "text_sent.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "text_err.h"

typedef struct spans {
	txt_span *v;
	size_t n, cap;
} spans;

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Code point at s[i] (of n bytes); *w gets its length (1 for bad bytes). */
static int32_t cp_at(const char *s, size_t i, size_t n, size_t *w)
{
	int32_t c;
	size_t k = txt_utf8_decode(s + i, n - i, &c);
	*w = k ? k : 1;
	return c;
}

static int cp_upper(int32_t c)
{
	utf8proc_category_t k = c < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int cp_lower(int32_t c)
{
	return c >= 0 && utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static int cp_alnum(int32_t c)
{
	if (c < 0)
		return 0;
	utf8proc_category_t k = utf8proc_category(c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	       (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

/* Closing quotes and brackets that stay with the sentence before them. */
static int cp_closer(int32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D ||
	       c == 0x2019 || c == 0xBB || c == 0x203A;
}

/* Openers that may start a sentence. */
static int cp_opener(int32_t c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C ||
	       c == 0x2018 || c == 0xAB || c == 0xBF || c == 0xA1;
}

static void push(spans *sp, const char *t, size_t a, size_t b)
{
	while (a < b && is_space((unsigned char)t[a]))
		a++;
	while (b > a && is_space((unsigned char)t[b - 1]))
		b--;
	if (a == b)
		return;
	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? 2 * sp->cap : 16;
		sp->v = txt_xreallocarray(sp->v, sp->cap, sizeof *sp->v);
	}
	sp->v[sp->n].start = a;
	sp->v[sp->n].len = b - a;
	sp->n++;
}

static int in_list(const char *w, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
			return 1;
	return 0;
}

/* Abbreviations that never end a sentence: a name or number follows. */
static const char *const title_abbrevs[] = {
	"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
	"cpt", "adm", "maj", "cmdr", "prof", "rev", "hon", "pres", "mt", "ft",
	"nos", "vs", "fig", "ave", "approx", "dept", "est", "vol", "pp", "sr",
	"sra", "srta", "dña", "gral", "lic", "ing", "arq", "mx", "messrs", "atty",
	"supt", "insp", "det", "cf", "ca", NULL};

/* Short forms that end a sentence only before a typical sentence start. */
static const char *const maybe_abbrevs[] = {
	"inc", "corp", "co", "ltd", "llc", "jr", "etc", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ene", "dic", "abr",
	"ago", "al", "st", "no", NULL};

/* Words that commonly start a sentence (after U.S. or a.m.). */
static const char *const starters[] = {
	"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that",
	"these", "those", "there", "but", "and", "in", "on", "at", "his", "her",
	"its", "their", "our", "when", "while", "after", "before", "as", "if",
	"however", "meanwhile", "yet", "so", "since", "then", "el", "la", "los",
	"las", "un", "una", "pero", "y", "en", NULL};

int txt_sent_is_title_abbrev(const char *w, size_t n)
{
	if (n == 1 && cp_upper((unsigned char)w[0]))
		return 1; /* an initial */
	if (n == 2 && (unsigned char)w[0] >= 0xC0) {
		size_t k;
		if (cp_upper(cp_at(w, 0, n, &k)) && k == n)
			return 1;
	}
	return in_list(w, n, title_abbrevs);
}

/* The word that ends just before position i (the terminal dot). */
static void word_before(const char *t, size_t lo, size_t i, size_t *ws)
{
	size_t a = i;
	while (a > lo && !is_space((unsigned char)t[a - 1]) && t[a - 1] != '(' &&
	       t[a - 1] != '"' && t[a - 1] != '[')
		a--;
	/* skip opening curly quotes/$ at the start of the word */
	while (a < i && ((unsigned char)t[a] >= 0x80 || t[a] == '$' || t[a] == '\'')) {
		size_t k;
		int32_t c = cp_at(t, a, i, &k);
		if (cp_alnum(c))
			break;
		a += k;
	}
	*ws = a;
}

static int ascii_letter(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

size_t txt_sent_dotted_len(const char *s, size_t n)
{
	size_t i = 0, runs = 0;
	for (;;) {
		size_t r = i;
		while (r < n && r - i < 3 && ascii_letter((unsigned char)s[r]))
			r++;
		if (r == i || r - i > 2 || r >= n || s[r] != '.')
			break;
		i = r + 1;
		runs++;
	}
	if (runs < 2)
		return 0;
	if (i < n && (ascii_letter((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9')))
		return 0; /* U.S.A without its last dot: not one */
	return i;
}

/* The word starting at position k (letters only), for the starter test. */
static int next_is_starter(const char *t, size_t k, size_t n)
{
	size_t e = k;
	while (e < n && ((t[e] >= 'a' && t[e] <= 'z') || (t[e] >= 'A' && t[e] <= 'Z')))
		e++;
	return e > k && in_list(t + k, e - k, starters);
}

/* Does a boundary lie after the terminal run t[i..j) followed by white
 * space and then t[k]?  lo is the start of the line. */
static int is_boundary(const char *t, size_t lo, size_t i, size_t j, size_t k, size_t n)
{
	size_t w;
	int32_t c = cp_at(t, k, n, &w);
	if (cp_lower(c))
		return 0;
	int dot_only = t[i] == '.' &&
	               (j == i + 1 || (t[i + 1] != '.' && t[i + 1] != '!' && t[i + 1] != '?' &&
	                               (unsigned char)t[i + 1] != 0xE2));
	if (!dot_only)
		return 1;
	size_t ws;
	word_before(t, lo, i, &ws);
	const char *wd = t + ws;
	size_t wn = i - ws;
	if (wn == 0)
		return 1;
	if (txt_sent_is_title_abbrev(wd, wn))
		return 0;
	if (txt_sent_dotted_len(wd, wn + 1) == wn + 1 || in_list(wd, wn, maybe_abbrevs))
		return next_is_starter(t, k, n) || cp_opener(c);
	return 1;
}

int txt_sent_dotted_ends(const char *t, size_t i, size_t n)
{
	size_t w;
	while (i < n && cp_closer(cp_at(t, i, n, &w)))
		i += w;
	if (i >= n || !is_space((unsigned char)t[i]))
		return 0;
	while (i < n && is_space((unsigned char)t[i]))
		i++;
	if (i >= n)
		return 0;
	int32_t c = cp_at(t, i, n, &w);
	return !cp_lower(c) && (next_is_starter(t, i, n) || cp_opener(c));
}

/* Position after a run of terminal punctuation starting at i, or i. */
static size_t terminal_run(const char *t, size_t i, size_t n)
{
	size_t j = i, w;
	for (;;) {
		if (j < n && (t[j] == '.' || t[j] == '!' || t[j] == '?')) {
			j++;
			continue;
		}
		if (j + 3 <= n && (unsigned char)t[j] == 0xE2 &&
		    (unsigned char)t[j + 1] == 0x80 && (unsigned char)t[j + 2] == 0xA6) {
			j += 3;
			continue;
		}
		break;
	}
	if (j == i)
		return i;
	while (j < n && cp_closer(cp_at(t, j, n, &w)))
		j += w;
	return j;
}

/* Does the line t[a..b) end with sentence punctuation (before closers)? */
static int ends_sentence(const char *t, size_t a, size_t b)
{
	while (b > a && is_space((unsigned char)t[b - 1]))
		b--;
	while (b > a) {
		unsigned char c = (unsigned char)t[b - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']')
			b--;
		else if (b - a >= 3 && (unsigned char)t[b - 3] == 0xE2 &&
		         (unsigned char)t[b - 2] == 0x80 &&
		         ((unsigned char)t[b - 1] == 0x9D || (unsigned char)t[b - 1] == 0x99))
			b -= 3;
		else if (b - a >= 2 && (unsigned char)t[b - 2] == 0xC2 && c == 0xBB)
			b -= 2;
		else
			break;
	}
	if (b == a)
		return 0;
	char c = t[b - 1];
	if (c == '.' || c == '!' || c == '?' || c == ':')
		return 1;
	return b - a >= 3 && (unsigned char)t[b - 1] == 0xA6 && (unsigned char)t[b - 2] == 0x80;
}

/* Split one line t[a..b) into sentences; the last one stays open in *start. */
static void split_line(const char *t, size_t a, size_t b, size_t *start, spans *sp)
{
	size_t i = a;
	while (i < b) {
		size_t j = terminal_run(t, i, b);
		if (j == i) {
			i++;
			continue;
		}
		if (j < b && is_space((unsigned char)t[j])) {
			size_t k = j;
			while (k < b && is_space((unsigned char)t[k]))
				k++;
			if (k < b && is_boundary(t, a, i, j, k, b)) {
				push(sp, t, *start, j);
				*start = k;
			}
		}
		i = j;
	}
}

static size_t line_end(const char *t, size_t i, size_t n)
{
	const char *p = memchr(t + i, '\n', n - i);
	return p ? (size_t)(p - t) : n;
}

static int blank(const char *t, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (!is_space((unsigned char)t[i]))
			return 0;
	return 1;
}

/* First code point of the line after white space is lowercase. */
static int starts_lower(const char *t, size_t a, size_t b)
{
	while (a < b && is_space((unsigned char)t[a]))
		a++;
	size_t w;
	return a < b && cp_lower(cp_at(t, a, b, &w));
}

size_t txt_sent_split(const char *text, size_t len, txt_span **out)
{
	spans sp = {0};
	size_t start = 0, i = 0;
	while (i < len) {
		size_t e = line_end(text, i, len);
		if (!blank(text, i, e))
			split_line(text, i, e, &start, &sp);
		size_t nx = e < len ? e + 1 : len;
		size_t ne = nx < len ? line_end(text, nx, len) : len;
		int wrapped = nx < len && !blank(text, i, e) && !blank(text, nx, ne) &&
		              !ends_sentence(text, i, e) && starts_lower(text, nx, ne);
		if (!wrapped) {
			push(&sp, text, start, e);
			start = nx;
		}
		i = nx;
	}
	push(&sp, text, start, len);
	*out = sp.v;
	return sp.n;
}

size_t txt_sent_paragraphs(const char *text, size_t len, txt_span **out)
{
	spans sp = {0};
	int blocks = 0;
	for (size_t i = 0; i < len;) {
		size_t e = line_end(text, i, len);
		if (blank(text, i, e) && e < len)
			blocks = 1;
		i = e + 1;
	}
	size_t start = 0;
	for (size_t i = 0; i < len;) {
		size_t e = line_end(text, i, len);
		if (!blocks) {
			push(&sp, text, i, e);
		} else if (blank(text, i, e)) {
			push(&sp, text, start, i);
			start = e < len ? e + 1 : len;
		}
		i = e + 1;
	}
	if (blocks)
		push(&sp, text, start, len);
	*out = sp.v;
	return sp.n;
}
