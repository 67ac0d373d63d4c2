/* The tokenizer: a table-driven ASCII loop for the common case (plain words
 * between spaces), a code-point scanner for everything else.  See
 * text_tok.h and man/man7/slant-tokens.7 for the rules. */
#include "text_tok.h"

#include <errno.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text_err.h"
#include "text_io.h"
#include "text_map.h"
#include "text_sent.h"
#include "text_utf8.h"

/* ---- byte classes for the fast path ---- */

enum {
	C_DIG, C_LOW, C_UP, /* word bytes: <= C_UP (digits 0, so OR-ing finds letters) */
	C_SP,               /* space, tab, CR, other controls */
	C_NL,               /* \n */
	C_END,              /* ! ? ; */
	C_DOT,              /* . */
	C_JOIN,             /* may join a longer token: ' - , @ + _ % : / */
	C_AT, C_HASH,
	C_PUNCT,
	C_HIGH              /* >= 0x80 */
};

static unsigned char cls[256];
static unsigned char end_ok[C_HIGH + 1][C_HIGH + 1]; /* plain_end() of two classes */
static unsigned char same[256]; /* identity: copying without folding */

/* Code-point classes for the general scanner. */
enum { K_LET, K_DIG, K_MARK, K_APOS, K_HYPH, K_SP, K_NL, K_END, K_DOT, K_PUNCT, K_OTHER };

static unsigned char kls[128];

/* Whether a run of ASCII letters and digits ends a plain token, given the
 * classes of the two bytes after it; if not, what follows may join it into
 * a URL, an e-mail address, an acronym, a number or a word with ' or -.
 * Kept as a table, end_ok, built from this rule. */
static int end_rule(unsigned d, unsigned d1)
{
	return d < C_DOT || d == C_PUNCT || (d != C_HIGH && (d1 == C_SP || d1 == C_NL)) ||
	       (d == C_DOT && d1 > C_UP);
}

static inline int plain_end(unsigned d, unsigned d1)
{
	return end_ok[d][d1];
}

static void tables_init(void) __attribute__((constructor));
static void tables_init(void)
{
	for (int c = 0; c < 256; c++) {
		unsigned char v = C_PUNCT, k = K_PUNCT;
		if (c >= 'a' && c <= 'z')
			v = C_LOW, k = K_LET;
		else if (c >= 'A' && c <= 'Z')
			v = C_UP, k = K_LET;
		else if (c >= '0' && c <= '9')
			v = C_DIG, k = K_DIG;
		else if (c == '\n')
			v = C_NL, k = K_NL;
		else if (c < 0x20 || c == ' ' || c == 0x7F)
			v = C_SP, k = K_SP;
		else if (c == '!' || c == '?' || c == ';')
			v = C_END, k = K_END;
		else if (c == '.')
			v = C_DOT, k = K_DOT;
		else if (c == '\'')
			v = C_JOIN, k = K_APOS;
		else if (c == '-')
			v = C_JOIN, k = K_HYPH;
		else if (strchr(",+_%:/", c) && c)
			v = C_JOIN;
		else if (c == '@')
			v = C_AT;
		else if (c == '#')
			v = C_HASH;
		else if (c >= 0x80)
			v = C_HIGH;
		cls[c] = v;
		same[c] = (unsigned char)c;
		if (c < 128)
			kls[c] = k;
	}
	for (unsigned d = 0; d <= C_HIGH; d++)
		for (unsigned d1 = 0; d1 <= C_HIGH; d1++)
			end_ok[d][d1] = (unsigned char)end_rule(d, d1);
}

static int uclass(int32_t cp)
{
	if (cp < 0)
		return K_OTHER;
	if (cp < 0x80)
		return kls[cp];
	switch (cp) {
	case 0x2019:
		return K_APOS;
	case 0x2010: case 0x2011:
		return K_HYPH;
	case 0x85: case 0x2028: case 0x2029:
		return K_NL;
	case 0x2026: case 0x203C: case 0x2047: case 0x2048: case 0x2049:
	case 0x037E: case 0x061F: case 0x0964: case 0x0965: case 0x3002:
	case 0xFF01: case 0xFF1B: case 0xFF1F: case 0xFF61:
		return K_END;
	case 0xFF0E: case 0xFE52:
		return K_DOT;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return K_LET;
	case UTF8PROC_CATEGORY_ND:
		return K_DIG;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_CF:
		return K_MARK; /* inside words only; NFKC_Casefold drops Cf */
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC:
		return K_SP;
	case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
		return K_NL;
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SM:
	case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
		return K_PUNCT;
	default:
		return K_OTHER; /* unassigned, private use, surrogates */
	}
}

/* Rare paths stay out of line, so the hot loop keeps its registers. */
#if defined(__GNUC__)
#define COLD __attribute__((noinline, cold))
#define NOINLINE __attribute__((noinline))
#else
#define COLD
#define NOINLINE
#endif

/* ---- the tokenizer object ---- */

#define STEM_SLOTS 65536 /* power of two; 4 MB */
#define STEM_MAX 30
struct stem_slot {
	unsigned char wlen, slen; /* wlen 0: empty */
	char w[STEM_MAX], s[STEM_MAX];
};

struct txt_tok {
	txt_tok_opts o;
	struct sb_stemmer *stemmer;
	struct stem_slot *scache;
	char desc[200];
	const unsigned char *text, *p, *e;
	char *buf; /* the token handed out */
	size_t cap;
	char *raw; /* scratch for the slow path */
	size_t rawcap, rawlen;
	int pending;          /* TXT_BRK_* bits seen since the last token */
	size_t prev_start, prev_end;
	int prev_word;        /* the last token (emitted or not) was a WORD;
				 * -1: a plain ASCII word or number, not yet looked at */
};

static void reserve(char **b, size_t *cap, size_t need)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 256;
	while (c < need)
		c *= 2;
	*b = txt_xrealloc(*b, c);
	*cap = c;
}

static void raw_put_slow(txt_tok *t, const void *s, size_t n);

static inline void raw_put(txt_tok *t, const void *s, size_t n)
{
	if (t->rawlen + n + 1 <= t->rawcap) {
		memcpy(t->raw + t->rawlen, s, n);
		t->rawlen += n;
		return;
	}
	raw_put_slow(t, s, n);
}

static void raw_put_slow(txt_tok *t, const void *s, size_t n)
{
	reserve(&t->raw, &t->rawcap, t->rawlen + n + 1);
	memcpy(t->raw + t->rawlen, s, n);
	t->rawlen += n;
}

const char **txt_tok_stem_langs(void)
{
	return sb_stemmer_list();
}

static int stem_error(const char *lang)
{
	char list[1024] = "";
	size_t n = 0;
	for (const char **l = sb_stemmer_list(); *l && n + 32 < sizeof list; l++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", *l);
	return txt_err_set("unknown stemming language '%s' (available: %s)", lang, list);
}

txt_tok *txt_tok_new(const txt_tok_opts *opts)
{
	txt_tok_opts o = {0};
	if (opts)
		o = *opts;
	struct sb_stemmer *st = NULL;
	if (o.stem && *o.stem) {
		st = sb_stemmer_new(o.stem, "UTF_8");
		if (!st) {
			stem_error(o.stem);
			return NULL;
		}
	} else {
		o.stem = NULL;
	}
	txt_tok *t = txt_xcalloc(1, sizeof *t);
	t->o = o;
	t->stemmer = st;
	if (st)
		t->scache = txt_xcalloc(STEM_SLOTS, sizeof *t->scache);
	snprintf(t->desc, sizeof t->desc, "fold=%s hyphens=%s punct=%s stem=%s stop=%s",
		 o.no_fold ? "none" : "nfkc_cf", o.split_hyphens ? "split" : "keep",
		 o.keep_punct ? "keep" : "drop", o.stem ? o.stem : "none",
		 o.stop ? txt_stop_name(o.stop) : "none");
	reserve(&t->buf, &t->cap, 256);
	reserve(&t->raw, &t->rawcap, 256);
	txt_tok_start(t, "", 0);
	return t;
}

void txt_tok_free(txt_tok *t)
{
	if (!t)
		return;
	sb_stemmer_delete(t->stemmer);
	txt_free_all(t->scache, t->buf, t->raw, t);
}

const char *txt_tok_describe(const txt_tok *t)
{
	return t->desc;
}

void txt_tok_start(txt_tok *t, const char *text, size_t len)
{
	t->text = t->p = (const unsigned char *)text;
	t->e = t->text + len;
	t->pending = TXT_BRK_SENT;
	t->prev_start = t->prev_end = (size_t)-1;
	t->prev_word = 0;
}

/* ---- helpers for the slow path ---- */

static size_t decode(const unsigned char *p, const unsigned char *e, int32_t *cp)
{
	if (p < e && *p < 0x80) {
		*cp = *p;
		return 1;
	}
	return txt_utf8_decode((const char *)p, (size_t)(e - p), cp);
}

/* Class of the code point at p, or K_OTHER at the end. */
static int class_at(const unsigned char *p, const unsigned char *e)
{
	int32_t cp;
	if (p >= e)
		return K_OTHER;
	decode(p, e, &cp);
	return uclass(cp);
}

static int is_alnum_ascii(unsigned char b)
{
	return cls[b] <= C_UP;
}

static int is_letter_ascii(unsigned char b)
{
	return cls[b] == C_LOW || cls[b] == C_UP;
}

/* Abbreviations after which '.' does not end a sentence (lower case).
 * Acronyms with inner dots (U.S., a.m.) and single capitals (initials)
 * are recognised by shape. */
static const char *const abbrevs[] = {
	"adm", "apr", "approx", "aug", "ave", "blvd", "capt", "cmdr", "co", "col",
	"corp", "dec", "dept", "dr", "dra", "ej", "esq", "etc", "feb", "fig", "ft",
	"gen", "gov", "hon", "inc", "jan", "jr", "jul", "jun", "lic", "lt", "ltd",
	"maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "nov", "oct", "pp", "pres",
	"prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "sra", "srta", "st",
	"supt", "univ", "vol", "vs",
};

/* The abbreviations packed into integers (a byte each), in an
 * open-addressing set: one or two probes, where a binary search's
 * branches were mispredicted at every sentence end. */
#define ABBREV_SLOTS 256
static uint64_t abbrev_set[ABBREV_SLOTS];

static size_t abbrev_home(uint64_t w)
{
	return (size_t)((w * 0x9E3779B97F4A7C15ULL) >> 56);
}

static void abbrev_init(void) __attribute__((constructor));
static void abbrev_init(void)
{
	for (size_t i = 0; i < sizeof abbrevs / sizeof *abbrevs; i++) {
		uint64_t w = 0;
		for (const char *c = abbrevs[i]; *c; c++)
			w = w << 8 | (unsigned char)*c;
		size_t j = abbrev_home(w);
		while (abbrev_set[j])
			j = (j + 1) % ABBREV_SLOTS;
		abbrev_set[j] = w;
	}
}

static int is_abbrev(const unsigned char *s, size_t n)
{
	if (n == 1)
		return cls[s[0]] == C_UP;
	if (n > 6)
		return memchr(s, '.', n) != NULL;
	uint64_t w = 0; /* the word packed into an integer: no strcmp */
	int dot = 0;
	for (size_t i = 0; i < n; i++) {
		w = w << 8 | txt_utf8_lower[s[i]];
		dot |= s[i] == '.';
	}
	if (dot)
		return 1;
	for (size_t j = abbrev_home(w); abbrev_set[j]; j = (j + 1) % ABBREV_SLOTS)
		if (abbrev_set[j] == w)
			return 1;
	return 0;
}

static int ci_prefix(const unsigned char *s, const unsigned char *e, const char *pre)
{
	size_t n = strlen(pre);
	if ((size_t)(e - s) < n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (txt_utf8_lower[s[i]] != (unsigned char)pre[i])
			return 0;
	return 1;
}

/* Length of a URL starting at s (http://, https://, www.), or 0. */
static size_t url_len(const unsigned char *s, const unsigned char *e, size_t *host_end)
{
	size_t i;
	if ((*s | 0x20) != 'h' && (*s | 0x20) != 'w')
		return 0;
	if (ci_prefix(s, e, "https://"))
		i = 8;
	else if (ci_prefix(s, e, "http://"))
		i = 7;
	else if (ci_prefix(s, e, "www."))
		i = 4;
	else
		return 0;
	if (s + i >= e || !is_alnum_ascii(s[i]))
		return 0;
	size_t j = i, n = (size_t)(e - s);
	*host_end = 0;
	while (j < n) {
		unsigned char b = s[j];
		if (b < 0x80) {
			if (b <= ' ' || b == 0x7F || strchr("<>\"`{}|\\^", b))
				break;
			if (!*host_end && strchr("/?#", b))
				*host_end = j;
			j++;
			continue;
		}
		int32_t cp;
		size_t k = decode(s + j, e, &cp);
		int c = uclass(cp);
		if (c != K_LET && c != K_DIG && c != K_MARK)
			break;
		j += k;
	}
	/* Trailing punctuation belongs to the sentence, not the URL; a closing
	 * parenthesis stays when the URL opened one. */
	while (j > i) {
		unsigned char b = s[j - 1];
		if (b == ')') {
			size_t open = 0, close = 0;
			for (size_t q = i; q < j; q++)
				open += s[q] == '(', close += s[q] == ')';
			if (open >= close)
				break;
		} else if (!strchr(".,;:!?'\"*", b)) {
			break;
		}
		j--;
	}
	if (!*host_end || *host_end > j)
		*host_end = j;
	return j;
}

/* Length of an e-mail address at s (local@dom.ain), or 0. */
static size_t email_len(const unsigned char *s, const unsigned char *e)
{
	const unsigned char *p = s;
	while (p < e && (is_alnum_ascii(*p) || (*p && strchr("._%+-", *p))))
		p++;
	if (p == s || p >= e || *p != '@')
		return 0;
	const unsigned char *d = ++p, *last = NULL;
	int labels = 0;
	for (;;) {
		const unsigned char *l = p;
		while (p < e && (is_alnum_ascii(*p) || *p == '-'))
			p++;
		if (p == l || l[0] == '-' || p[-1] == '-')
			break;
		labels++;
		last = l;
		if (p + 1 < e && *p == '.' && is_alnum_ascii(p[1]))
			p++;
		else
			break;
	}
	(void)d;
	if (labels < 2)
		return 0;
	/* The last label is a top-level domain: letters, two or more. */
	const unsigned char *q = last;
	while (q < p && is_letter_ascii(*q))
		q++;
	if (q != p || p - last < 2)
		return 0;
	return (size_t)(p - s);
}

/* The one rule for ASCII words joined by ' or - (don't, well-known), which
 * scan() and block_run both follow, so counting and every other tool see
 * the same tokens: from the run of ASCII letters and digits s..r, the runs
 * joined as scan_word joins them (an ASCII letter or digit after each ' or
 * -; no '-' under split_hyphens).  The token's end when there was a join,
 * the token ends plainly (plain_end) and scan_complex would not take the
 * text for a URL or an e-mail address first (ab-cd.@x.org is an address);
 * NULL when scan_complex must decide. */
static const unsigned char *joined_end(const txt_tok *t, const unsigned char *s,
				       const unsigned char *r, const unsigned char *e)
{
	const unsigned char *r0 = r;
	size_t host;
	while (r + 1 < e && (*r == '\'' || (*r == '-' && !t->o.split_hyphens)) &&
	       cls[r[1]] <= C_UP)
		for (r++; r < e && cls[*r] <= C_UP; r++)
			;
	if (r == r0 || !plain_end(r < e ? cls[r[0]] : C_SP, r + 1 < e ? cls[r[1]] : C_SP) ||
	    url_len(s, e, &host) || email_len(s, e))
		return NULL;
	return r;
}

/* NFKC + case folding without utf8proc for text of ASCII and precomposed
 * Latin-1 letters (U+00C0..U+00FF, bytes C3 80..C3 BF): the common case
 * in Spanish, French, German.  Such text is already NFKC; case folding
 * maps U+00C0..U+00DE to +0x20 (U+00D7 is a sign, kept) and U+00DF to
 * "ss".  (size_t)-1 when the text has other characters. */
static size_t latin1_fold(txt_tok *t, const unsigned char *s, size_t n)
{
	reserve(&t->buf, &t->cap, 2 * n + 1);
	unsigned char *o = (unsigned char *)t->buf;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = s[i];
		if (b < 0x80) {
			*o++ = txt_utf8_lower[b];
			continue;
		}
		if (b != 0xC3 || i + 1 >= n || s[i + 1] < 0x80 || s[i + 1] > 0xBF)
			return (size_t)-1;
		unsigned char c = s[++i];
		if (c == 0x9F) { /* U+00DF sharp s */
			*o++ = 's';
			*o++ = 's';
			continue;
		}
		*o++ = 0xC3;
		*o++ = (unsigned char)(c >= 0x80 && c <= 0x9E && c != 0x97 ? c + 0x20 : c);
	}
	*o = '\0';
	return (size_t)(o - (unsigned char *)t->buf);
}

/* Put raw text into t->buf, folded unless no_fold. */
static size_t out_fold(txt_tok *t, const char *s, size_t n, int ascii)
{
	if (t->o.no_fold) {
		reserve(&t->buf, &t->cap, n + 1);
		memcpy(t->buf, s, n);
		t->buf[n] = '\0';
		return n;
	}
	if (ascii) {
		reserve(&t->buf, &t->cap, n + 1);
		for (size_t i = 0; i < n; i++)
			t->buf[i] = (char)txt_utf8_lower[(unsigned char)s[i]];
		t->buf[n] = '\0';
		return n;
	}
	size_t r = latin1_fold(t, (const unsigned char *)s, n);
	if (r != (size_t)-1)
		return r;
	r = txt_utf8_fold(s, n, &t->buf, &t->cap);
	if (r == (size_t)-1) { /* cannot happen: the scanner passes valid UTF-8 */
		t->buf[0] = '\0';
		r = 0;
	}
	return r;
}

static int emit(txt_tok *t, txt_token *tok, const unsigned char *s,
		const unsigned char *p, txt_tok_type ty, size_t len)
{
	tok->s = t->buf;
	tok->len = len;
	tok->type = ty;
	tok->brk = t->pending;
	tok->start = (size_t)(s - t->text);
	tok->end = (size_t)(p - t->text);
	t->pending = 0;
	t->prev_start = tok->start;
	t->prev_end = tok->end;
	t->prev_word = ty == TXT_TOK_WORD;
	t->p = p;
	return 1;
}

/* A word or number starting at s (a letter or digit), by code points. */
static NOINLINE int scan_word(txt_tok *t, txt_token *tok, const unsigned char *s)
{
	const unsigned char *p = s, *e = t->e;
	int all_dig = 1, prev = K_LET, ascii = 1;
	t->rawlen = 0;
	/* Dotted abbreviations, dots and all: U.S. -> "u.s.", as text_sent sees
	 * them; a sentence ends after one only before a typical sentence start. */
	size_t dl = e - s > 3 && (s[1] == '.' || s[2] == '.')
			    ? txt_sent_dotted_len((const char *)s, (size_t)(e - s)) : 0;
	if (dl) {
		size_t n = out_fold(t, (const char *)s, dl, 1);
		emit(t, tok, s, s + dl, TXT_TOK_WORD, n);
		if (!t->o.no_breaks && txt_sent_dotted_ends((const char *)t->text, tok->end,
							    (size_t)(e - t->text)))
			t->pending = TXT_BRK_SENT;
		return 1;
	}
	while (p < e) {
		int32_t cp;
		size_t k;
		int c;
		if (cls[*p] <= C_UP) { /* a run of ASCII letters and digits at once */
			const unsigned char *q = p;
			unsigned a = 0;
			while (q < e && cls[*q] <= C_UP)
				a |= cls[*q++];
			raw_put(t, p, (size_t)(q - p));
			all_dig &= a == C_DIG;
			prev = a == C_DIG ? K_DIG : K_LET;
			p = q;
			continue;
		}
		if (*p < 0x80) {
			cp = *p, k = 1, c = kls[*p];
		} else {
			k = decode(p, e, &cp);
			c = uclass(cp);
		}
		if (c == K_LET || c == K_MARK) {
			all_dig = 0;
		} else if (c != K_DIG) {
			int nc = class_at(p + k, e);
			int next_alnum = nc == K_LET || nc == K_DIG;
			if (c == K_APOS && next_alnum && prev != K_APOS && prev != K_HYPH) {
				raw_put(t, "'", 1);
			} else if (c == K_HYPH && next_alnum && !t->o.split_hyphens &&
				   prev != K_APOS && prev != K_HYPH) {
				raw_put(t, "-", 1);
			} else if ((cp == '.' || cp == ',') && prev == K_DIG && nc == K_DIG && all_dig) {
				raw_put(t, p, 1);
			} else {
				break;
			}
			if (c != K_DOT && cp != ',')
				all_dig = 0;
			p += k;
			prev = c == K_DOT || cp == ',' ? K_PUNCT : c;
			continue;
		}
		if (k > 1)
			ascii = 0;
		raw_put(t, p, k);
		p += k;
		prev = c;
	}
	size_t n = out_fold(t, t->raw, t->rawlen, ascii);
	return emit(t, tok, s, p, all_dig ? TXT_TOK_NUM : TXT_TOK_WORD, n);
}

/* Everything that starts with a letter or digit but is not a plain ASCII
 * word: URLs, e-mail addresses, acronyms, words with apostrophes, hyphens,
 * non-ASCII letters, numbers with separators. */
static NOINLINE int scan_complex(txt_tok *t, txt_token *tok, const unsigned char *s)
{
	size_t host = 0, n;
	if (*s < 0x80 && (n = url_len(s, t->e, &host)) > 0) {
		reserve(&t->buf, &t->cap, n + 1);
		for (size_t i = 0; i < n; i++)
			t->buf[i] = (char)(i < host && !t->o.no_fold ? txt_utf8_lower[s[i]] : s[i]);
		t->buf[n] = '\0';
		return emit(t, tok, s, s + n, TXT_TOK_URL, n);
	}
	if (*s < 0x80 && (n = email_len(s, t->e)) > 0) {
		size_t len = out_fold(t, (const char *)s, n, 1);
		return emit(t, tok, s, s + n, TXT_TOK_EMAIL, len);
	}
	return scan_word(t, tok, s);
}

/* @mention (ASCII letters, digits, _) or #hashtag (any letters, digits,
 * marks, _) at s; 0 when s does not start one. */
static COLD int scan_tag(txt_tok *t, txt_token *tok, const unsigned char *s)
{
	const unsigned char *p = s + 1, *e = t->e;
	int ascii = 1;
	t->rawlen = 0;
	raw_put(t, s, 1);
	while (p < e) {
		int32_t cp;
		size_t k = decode(p, e, &cp);
		int c = uclass(cp);
		int ok = cp == '_' || (*s == '@' ? k == 1 && c <= K_DIG
				       : c == K_LET || c == K_DIG || (c == K_MARK && p > s + 1));
		if (!ok)
			break;
		if (k > 1)
			ascii = 0;
		raw_put(t, p, k);
		p += k;
	}
	if (p == s + 1)
		return 0;
	size_t n = out_fold(t, t->raw, t->rawlen, ascii);
	return emit(t, tok, s, p, *s == '@' ? TXT_TOK_MENTION : TXT_TOK_HASHTAG, n);
}

static COLD int emit_punct(txt_tok *t, txt_token *tok, const unsigned char *s, size_t k)
{
	size_t n = out_fold(t, (const char *)s, k, *s < 0x80);
	return emit(t, tok, s, s + k, TXT_TOK_PUNCT, n);
}

/* A '.' right after an abbreviation does not end the sentence. */
static COLD int dot_ends(txt_tok *t, const unsigned char *p)
{
	size_t at = (size_t)(p - t->text);
	if (at != t->prev_end || t->o.no_breaks)
		return 1;
	if (t->prev_word < 0) { /* a plain ASCII run: a WORD if it has a letter */
		const unsigned char *w = t->text + t->prev_start;
		t->prev_word = 0;
		for (size_t i = 0; i < at - t->prev_start; i++)
			t->prev_word |= cls[w[i]] != C_DIG;
	}
	if (!t->prev_word)
		return 1;
	return !is_abbrev(t->text + t->prev_start, t->prev_end - t->prev_start);
}

/* A sentence end at p (k bytes): the boundary comes after it, so a kept
 * punctuation token is emitted before the boundary is set.  1 when a token
 * was emitted; otherwise t->p is moved past it and 0 returned. */
static COLD int sentence_end(txt_tok *t, txt_token *tok, const unsigned char *p, size_t k)
{
	if (t->o.keep_punct) {
		emit_punct(t, tok, p, k);
		t->pending = TXT_BRK_SENT;
		return 1;
	}
	t->pending |= TXT_BRK_SENT;
	t->p = p + k;
	return 0;
}

/* The gap a dropped punctuation mark at p (k bytes, class c) leaves:
 * TXT_BRK_GAP, except for a hyphen between the token that ends right
 * before it and a letter or digit right after it (split "drone-strike",
 * "U.S.-led"), which joins rather than separates. */
static COLD int punct_gap(const txt_tok *t, const unsigned char *p, size_t k, int c)
{
	if (t->o.no_breaks)
		return 0;
	if (c == K_HYPH && (size_t)(p - t->text) == t->prev_end) {
		int nc = class_at(p + k, t->e);
		if (nc == K_LET || nc == K_DIG)
			return 0;
	}
	return TXT_BRK_GAP;
}

#ifdef __SSE2__
/* Bytes of x in [lo, hi] (unsigned): (x - lo) saturating-minus (hi - lo)
 * is zero exactly then. */
static inline __m128i in_range(__m128i x, char lo, char hi)
{
	__m128i d = _mm_subs_epu8(_mm_sub_epi8(x, _mm_set1_epi8(lo)), _mm_set1_epi8((char)(hi - lo)));
	return _mm_cmpeq_epi8(d, _mm_setzero_si128());
}

/* The ASCII letters and digits at p[0..16), folded into out (16 bytes
 * written): returns how many there are before the first other byte, 16
 * when all are (then the caller takes the long way).  *alpha is nonzero
 * when any of them is a letter.  Letters are found as (x | 0x20) in a..z
 * and lower-cased by setting that bit. */
static inline size_t word16(const unsigned char *p, char *out, int no_fold, unsigned *alpha)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i case_bit = _mm_set1_epi8(0x20);
	__m128i let = in_range(_mm_or_si128(x, case_bit), 'a', 'z');
	unsigned word = (unsigned)_mm_movemask_epi8(_mm_or_si128(let, in_range(x, '0', '9')));
	if (word == 0xFFFF)
		return 16;
	unsigned n = (unsigned)__builtin_ctz(~word);
	*alpha = (unsigned)_mm_movemask_epi8(let) & ((1u << n) - 1);
	if (!no_fold)
		x = _mm_or_si128(x, _mm_and_si128(let, case_bit));
	_mm_storeu_si128((__m128i *)(void *)out, x);
	return n;
}
#endif

/* The plain case, a byte at a time: scan and fold ASCII letters and digits
 * in one pass, growing the buffer for long words.  Returns the end. */
static const unsigned char *word_bytes(txt_tok *t, const unsigned char *p, size_t *len,
				       unsigned *alpha)
{
	const unsigned char *e = t->e;
	const unsigned char *fold = t->o.no_fold ? same : txt_utf8_lower;
	size_t n = 0;
	unsigned a = 0, c;
	for (;;) {
		const unsigned char *lim = e - p < (ptrdiff_t)(t->cap - n) ? e : p + (t->cap - n - 1);
		unsigned char *o = (unsigned char *)t->buf + n;
		const unsigned char *q = p;
		while (q < lim && (c = cls[*q]) <= C_UP) {
			*o++ = fold[*q++];
			a |= c;
		}
		n += (size_t)(q - p);
		p = q;
		if (p < e && cls[*p] <= C_UP)
			reserve(&t->buf, &t->cap, t->cap * 2);
		else
			break;
	}
	*len = n;
	*alpha = a;
	return p;
}

/* The next raw token (before stopwords and stemming). */
static __attribute__((noinline)) int scan(txt_tok *t, txt_token *tok)
{
	const unsigned char *p = t->p, *e = t->e;
	for (;;) {
		while (p < e && cls[*p] == C_SP)
			p++;
		if (p >= e) {
			t->p = p;
			return 0;
		}
		unsigned c = cls[*p];
		if (c <= C_UP) {
			const unsigned char *s = p;
			size_t n;
			unsigned alpha;
#ifdef __SSE2__
			if (e - p >= 16 && (n = word16(p, t->buf, t->o.no_fold, &alpha)) < 16) {
				p += n;
			} else
#endif
			{
				p = word_bytes(t, p, &n, &alpha);
			}
			if (!plain_end(p < e ? cls[p[0]] : C_SP, p + 1 < e ? cls[p[1]] : C_SP)) {
				const unsigned char *q = txt_tok_test_general_only ? NULL
										  : joined_end(t, s, p, e);
				if (!q)
					return scan_complex(t, tok, s);
				n = out_fold(t, (const char *)s, (size_t)(q - s), 1);
				return emit(t, tok, s, q, TXT_TOK_WORD, n);
			}
			t->buf[n] = '\0';
			return emit(t, tok, s, p, alpha ? TXT_TOK_WORD : TXT_TOK_NUM, n);
		}
		switch (c) {
		case C_NL:
			t->pending |= TXT_BRK_SENT;
			p++;
			continue;
		case C_END:
		case C_DOT:
			if (c == C_END || dot_ends(t, p)) {
				if (sentence_end(t, tok, p, 1))
					return 1;
				p++;
				continue;
			}
			if (t->o.keep_punct) /* an abbreviation's dot: no gap */
				return emit_punct(t, tok, p, 1);
			p++;
			continue;
		case C_AT:
		case C_HASH:
			if (scan_tag(t, tok, p))
				return 1;
			/* fall through */
		case C_JOIN:
		case C_PUNCT:
			if (t->o.keep_punct)
				return emit_punct(t, tok, p, 1);
			if (!t->o.no_breaks)
				t->pending |= punct_gap(t, p, 1, kls[*p]);
			p++;
			continue;
		}
		/* C_HIGH: a non-ASCII code point, or an invalid byte. */
		int32_t cp;
		size_t k = decode(p, e, &cp);
		switch (uclass(cp)) {
		case K_LET:
		case K_DIG:
			return scan_word(t, tok, p);
		case K_NL:
			t->pending |= TXT_BRK_SENT;
			break;
		case K_END:
		case K_DOT:
			if (sentence_end(t, tok, p, k))
				return 1;
			break;
		case K_APOS:
		case K_HYPH:
		case K_PUNCT:
			if (t->o.keep_punct)
				return emit_punct(t, tok, p, k);
			t->pending |= punct_gap(t, p, k, uclass(cp));
			break;
		default: /* spaces, stray marks, invalid bytes: separators */
			break;
		}
		p += k;
	}
}

/* ---- stopword lists: an open-addressing set of folded words ---- */

struct txt_stop {
	char *name;
	char **slot; /* NULL = empty */
	size_t *len;
	uint64_t *hv;
	size_t cap, n, maxlen;
};

/* A word-at-a-time multiplicative hash with overlapping loads (tokens are
 * short; FNV's byte loop showed in profiles). */
static uint64_t hash(const char *s, size_t n)
{
	const uint64_t m = 0xff51afd7ed558ccdULL;
	uint64_t h = n * 0x9E3779B97F4A7C15ULL, w;
	if (n >= 8) {
		const char *last = s + n - 8;
		for (; s < last; s += 8) {
			memcpy(&w, s, 8);
			h = (h ^ w) * m;
			h ^= h >> 32;
		}
		memcpy(&w, last, 8);
	} else if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w = (uint64_t)a << 32 | b;
	} else if (n > 0) {
		w = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (uint64_t)(unsigned char)s[n - 1] << 16;
	} else {
		w = 0;
	}
	h = (h ^ w) * m;
	return h ^ (h >> 29);
}

/* memcmp for short strings, without the call. */
static int same_bytes(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static int stop_has_h(const txt_stop *s, const char *w, size_t n, uint64_t h)
{
	size_t i = h & (s->cap - 1);
	while (s->slot[i]) {
		if (s->hv[i] == h && s->len[i] == n && same_bytes(s->slot[i], w, n))
			return 1;
		i = (i + 1) & (s->cap - 1);
	}
	return 0;
}

/* Stem tok->s in place.  Snowball is slow next to the scanner (a few
 * hundred ns a word), and a text repeats its words, so stems are
 * remembered in a direct-mapped cache; the result is the same. */
static void stem(txt_tok *t, txt_token *tok, uint64_t h)
{
	struct stem_slot *c = NULL;
	if (tok->len <= STEM_MAX) {
		c = &t->scache[(h >> 20) & (STEM_SLOTS - 1)];
		if (c->wlen == tok->len && memcmp(c->w, tok->s, tok->len) == 0) {
			memcpy(t->buf, c->s, c->slen);
			t->buf[c->slen] = '\0';
			tok->len = c->slen;
			return;
		}
	}
	const sb_symbol *r = sb_stemmer_stem(t->stemmer, (const sb_symbol *)tok->s, (int)tok->len);
	if (!r) {
		fprintf(stderr, "slant: out of memory (stemming)\n");
		abort();
	}
	size_t n = (size_t)sb_stemmer_length(t->stemmer);
	if (c && n <= STEM_MAX) {
		c->wlen = (unsigned char)tok->len;
		memcpy(c->w, tok->s, tok->len);
		c->slen = (unsigned char)n;
		memcpy(c->s, r, n);
	}
	reserve(&t->buf, &t->cap, n + 1);
	memcpy(t->buf, r, n);
	t->buf[n] = '\0';
	tok->s = t->buf;
	tok->len = n;
}

/* Stopwords and stemming for a WORD token: 0 when it is dropped. */
static __attribute__((noinline)) int keep_word(txt_tok *t, txt_token *tok)
{
	uint64_t h = hash(tok->s, tok->len);
	const txt_stop *sw = t->o.stop;
	if (sw && tok->len <= sw->maxlen && stop_has_h(sw, tok->s, tok->len, h)) {
		t->pending |= tok->brk | TXT_BRK_GAP; /* it keeps its boundary, and leaves a gap */
		return 0;
	}
	if (t->stemmer)
		stem(t, tok, h);
	return 1;
}

/* Tests set this to compare the fast path with the general one. */
int txt_tok_test_general_only;

/* A gap of one to three plain separators before a word (", ", ".\n",
 * "--"), handled as scan() handles each byte: the word's start, or NULL
 * when the gap holds anything else. */
static NOINLINE const unsigned char *short_gap(txt_tok *t, const unsigned char *p)
{
	int pending = t->pending;
	for (int i = 0; i < 3; i++, p++) {
		unsigned c = cls[*p];
		if (c <= C_UP)
			break;
		if (c > C_PUNCT || c == C_AT || c == C_HASH ||
		    (t->o.keep_punct && c != C_SP && c != C_NL))
			return NULL;
		if (c == C_NL || c == C_END || (c == C_DOT && dot_ends(t, p)))
			pending |= TXT_BRK_SENT;
		else if ((c == C_JOIN || c == C_PUNCT) && !t->o.no_breaks)
			pending |= punct_gap(t, p, 1, kls[*p]);
	}
	if (cls[*p] > C_UP)
		return NULL;
	t->pending = pending;
	return p;
}

/* The common case kept small (few registers, no calls): a short gap, then
 * a plain ASCII word of under 16 bytes ending in a plain separator, folded
 * into out (16 bytes written).  Returns the word's start with its length
 * in *n and the tokenizer's state moved past it (as emit() would), or NULL
 * for anything else, or any doubt: scan() then gives the same result. */
static inline const unsigned char *fast_scan(txt_tok *t, char *out, size_t *n, int *word)
{
#ifdef __SSE2__
	const unsigned char *p = t->p, *e = t->e;
	if (e - p < 20 || txt_tok_test_general_only) /* a gap of 3, word16 and the byte after */
		return NULL;
	if (cls[p[0]] == C_SP && cls[p[1]] <= C_UP)
		p++;
	else if (cls[p[0]] > C_UP && !(p = short_gap(t, p)))
		return NULL;
	unsigned alpha;
	size_t k;
	if (cls[*p] > C_UP || (k = word16(p, out, t->o.no_fold, &alpha)) >= 16)
		return NULL;
	if (plain_end(cls[p[k]], cls[p[k + 1]])) {
		out[k] = '\0';
		*n = k;
		*word = alpha != 0;
		t->prev_start = (size_t)(p - t->text);
		t->prev_end = t->prev_start + k;
		t->prev_word = *word;
		t->p = p + k;
		return p;
	}
#else
	(void)t, (void)out, (void)n, (void)word;
#endif
	return NULL;
}

static inline int fast_word(txt_tok *t, txt_token *tok)
{
	size_t n;
	int word;
	const unsigned char *s = fast_scan(t, t->buf, &n, &word);
	if (!s)
		return 0;
	tok->s = t->buf;
	tok->len = n;
	tok->type = word ? TXT_TOK_WORD : TXT_TOK_NUM;
	tok->brk = t->pending;
	tok->start = t->prev_start;
	tok->end = t->prev_end;
	t->pending = 0;
	return 1;
}

/* With stopwords or stemming: words go through keep_word. */
static __attribute__((noinline)) int next_filtered(txt_tok *t, txt_token *tok)
{
	for (;;) {
		if (!fast_word(t, tok) && !scan(t, tok))
			return 0;
		if (tok->type != TXT_TOK_WORD || keep_word(t, tok))
			return 1;
	}
}

/* Only tail calls here, so the common case needs no stack frame. */
int txt_tok_next(txt_tok *t, txt_token *tok)
{
	if (t->o.stop || t->stemmer)
		return next_filtered(t, tok);
	if (fast_word(t, tok))
		return 1;
	return scan(t, tok);
}

static void stop_grow(txt_stop *s);

static void stop_add(txt_stop *s, const char *w, size_t n)
{
	if (txt_stop_has(s, w, n))
		return;
	if ((s->n + 1) * 4 > s->cap) /* sparse: short probe runs */
		stop_grow(s);
	uint64_t h = hash(w, n);
	size_t i = h & (s->cap - 1);
	while (s->slot[i])
		i = (i + 1) & (s->cap - 1);
	s->slot[i] = txt_xstrndup(w, n);
	s->len[i] = n;
	s->hv[i] = h;
	s->n++;
	if (n > s->maxlen)
		s->maxlen = n;
}

static void stop_grow(txt_stop *s)
{
	size_t oldcap = s->cap;
	char **old = s->slot;
	size_t *oldlen = s->len;
	uint64_t *oldh = s->hv;
	s->cap = oldcap ? oldcap * 2 : 512;
	s->slot = txt_xcalloc(s->cap, sizeof *s->slot);
	s->len = txt_xcalloc(s->cap, sizeof *s->len);
	s->hv = txt_xcalloc(s->cap, sizeof *s->hv);
	s->n = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i]) {
			size_t j = oldh[i] & (s->cap - 1);
			while (s->slot[j])
				j = (j + 1) & (s->cap - 1);
			s->slot[j] = old[i];
			s->len[j] = oldlen[i];
			s->hv[j] = oldh[i];
			s->n++;
		}
	txt_free_all(old, oldlen, oldh);
}

int txt_stop_has(const txt_stop *s, const char *w, size_t n)
{
	if (!s || n > s->maxlen)
		return 0;
	return stop_has_h(s, w, n, hash(w, n));
}

/* Fold one list entry like a token: ’ -> ', then NFKC + case fold. */
static int stop_entry(txt_stop *s, char *line, char **fb, size_t *fcap)
{
	char *h = strchr(line, '#');
	if (h)
		*h = '\0';
	char *b = line, *end = line + strlen(line);
	while (*b == ' ' || *b == '\t')
		b++;
	while (end > b && strchr(" \t\r\n", end[-1]))
		end--;
	if (end == b)
		return 0;
	char *o = b;
	for (char *q = b; q < end;) {
		if (end - q >= 3 && memcmp(q, "\xE2\x80\x99", 3) == 0) {
			*o++ = '\'';
			q += 3;
		} else {
			*o++ = *q++;
		}
	}
	size_t n = txt_utf8_fold(b, (size_t)(o - b), fb, fcap);
	if (n == (size_t)-1)
		return -1;
	stop_add(s, *fb, n);
	return 0;
}

txt_stop *txt_stop_load(const char *name)
{
	char *path = NULL;
	txt_reader *r = NULL;
	int is_list = !strchr(name, '/') && !strchr(name, '.');
	if (is_list) {
		char rel[256];
		snprintf(rel, sizeof rel, "stopwords/%s.txt", name);
		path = txt_models_path(rel);
		if (access(path, R_OK) != 0 && access(name, R_OK) == 0) { /* a file that looks like a name */
			free(path);
			path = txt_xstrdup(name);
			is_list = 0;
		}
	} else {
		path = txt_xstrdup(name);
	}
	if (is_list && access(path, R_OK) != 0) {
		txt_err_set("unknown stopword list '%s' (%s: %s)", name, path, strerror(errno));
		free(path);
		return NULL;
	}
	r = txt_reader_open(path);
	free(path);
	if (!r)
		return NULL;
	txt_reader_text(r); /* a NUL would cut a word short */
	txt_stop *s = txt_xcalloc(1, sizeof *s);
	s->name = txt_xstrdup(name);
	char *line, *fb = NULL;
	size_t len, fcap = 0;
	int k;
	while ((k = txt_reader_next(r, &line, &len)) == 1)
		if (stop_entry(s, line, &fb, &fcap) < 0) {
			txt_err_set("%s:%llu: %s", txt_reader_name(r),
				    (unsigned long long)txt_reader_lineno(r), txt_err());
			k = -1;
			break;
		}
	txt_reader_close(r);
	free(fb);
	if (k < 0) {
		txt_stop_free(s);
		return NULL;
	}
	return s;
}

const char *txt_stop_name(const txt_stop *s)
{
	return s ? s->name : "none";
}

void txt_stop_free(txt_stop *s)
{
	if (!s)
		return;
	txt_strs_free(s->slot, s->cap);
	txt_free_all(s->len, s->hv, s->name, s);
}

/* ---- batches ---- */

void txt_tok_batch_free(txt_tok_batch *b)
{
	if (!b)
		return;
	free(b->text);
	b->text = NULL;
	b->n = b->used = b->cap = 0;
}

const char *txt_tok_batch_text(const txt_tok_batch *b, size_t i, char *out)
{
	if (b->len[i] > TXT_TOK_SHORT)
		return b->text + b->key[i][0];
	txt_key_bytes(b->key[i], b->len[i], out);
	out[b->len[i]] = '\0';
	return out;
}

/* A token of txt_tok_next into the batch. */
static void batch_put(txt_tok_batch *b, const txt_token *tk)
{
	size_t i = b->n++;
	b->len[i] = tk->len;
	b->brk[i] = (unsigned char)tk->brk;
	if (tk->len <= TXT_TOK_SHORT) {
		txt_key16(tk->s, tk->len, b->key[i]); /* TXT_TOK_PAD readable bytes */
		return;
	}
	reserve(&b->text, &b->cap, b->used + tk->len + 1);
	memcpy(b->text + b->used, tk->s, tk->len + 1);
	b->key[i][0] = b->used;
	b->key[i][1] = 0;
	b->used += tk->len + 1;
}

#ifdef __SSE2__
/* 64 bytes of text, classified (bit i for byte i) for block_run:
 *   word: ASCII letters and digits;
 *   stop: what a gap between plain words may not hold, because it starts
 *         another kind of token: bytes >= 0x80, '@', '#' (with keep_punct,
 *         anything but spaces);
 *   brk:  what may set a boundary, looked at one by one: \n ! ? ; . -
 *   gap:  the other punctuation, which always leaves a gap (TXT_BRK_GAP);
 * brk and gap are empty with no_breaks.
 * low holds the bytes folded, then 16 zeros (keys are read 16 bytes at a
 * time); pad, the text's last bytes followed by spaces, stands in for the
 * text near its end, where 65 bytes are not there to read. */
#define BLOCK 64
typedef struct block {
	uint64_t word, stop, brk, gap;
	unsigned char low[BLOCK + 16];
	unsigned char pad[BLOCK + 16];
} block;

static inline unsigned movemask(__m128i x)
{
	return (unsigned)_mm_movemask_epi8(x);
}

static inline __m128i byte_is(__m128i x, char c)
{
	return _mm_cmpeq_epi8(x, _mm_set1_epi8(c));
}

static inline __attribute__((always_inline)) uint64_t fill(block *k, const unsigned char *s,
							int keep_punct, int breaks, int fold)
{
	const __m128i case_bit = _mm_set1_epi8(0x20);
	uint64_t word = 0, stop = 0, brk = 0, gap = 0;
	for (int j = 0; j < BLOCK / 16; j++) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * j));
		__m128i let = in_range(_mm_or_si128(x, case_bit), 'a', 'z');
		__m128i w = _mm_or_si128(let, in_range(x, '0', '9'));
		unsigned st;
		if (keep_punct) /* spaces are 0x00..0x20 and 0x7F */
			st = ~movemask(_mm_or_si128(w, _mm_or_si128(in_range(x, 0, ' '), byte_is(x, 0x7F))));
		else
			st = movemask(x) | movemask(_mm_or_si128(byte_is(x, '@'), byte_is(x, '#')));
		word |= (uint64_t)movemask(w) << (16 * j);
		stop |= (uint64_t)(st & 0xFFFF) << (16 * j);
		if (breaks) {
			__m128i b = _mm_or_si128(_mm_or_si128(byte_is(x, '\n'), byte_is(x, '.')),
						 _mm_or_si128(_mm_or_si128(byte_is(x, '!'), byte_is(x, '?')),
							      _mm_or_si128(byte_is(x, ';'), byte_is(x, '-'))));
			brk |= (uint64_t)movemask(b) << (16 * j);
			gap |= (uint64_t)movemask(in_range(x, '!', '~')) << (16 * j);
		}
		if (fold)
			x = _mm_or_si128(x, _mm_and_si128(let, case_bit));
		_mm_storeu_si128((__m128i *)(void *)(k->low + 16 * j), x);
	}
	k->word = word;
	k->stop = stop;
	k->brk = brk;
	k->gap = gap &= ~(word | stop | brk);
	return stop | brk | gap;
}

/* fill() compiled apart for the common option sets: unigrams (no
 * boundaries) and n-grams, both folding and dropping punctuation. */
static uint64_t block_fill(const txt_tok *t, block *k, const unsigned char *s)
{
	const int keep_punct = t->o.keep_punct, breaks = !t->o.no_breaks, fold = !t->o.no_fold;
	if (!keep_punct && fold)
		return breaks ? fill(k, s, 0, 1, 1) : fill(k, s, 0, 0, 1);
	return fill(k, s, keep_punct, breaks, fold);
}

/* The tokenizer's last token, when block_run made it: the plain word of
 * len bytes ending at le. */
static void set_prev(txt_tok *t, const unsigned char *le, size_t len)
{
	t->prev_start = (size_t)(le - len - t->text);
	t->prev_end = (size_t)(le - t->text);
	t->prev_word = -1;
}

/* The TXT_BRK_* bits that the gap bytes flagged in m (\n ! ? ; . - at
 * s[j], which is p[j] in the text) set, as scan() decides: a '.' after an
 * abbreviation sets none, nor does a hyphen that joins (punct_gap).  le,
 * len: the last token, if block_run made it. */
static COLD int gap_breaks(txt_tok *t, const unsigned char *p, const unsigned char *s, uint64_t m,
			   const unsigned char *le, size_t len)
{
	int bits = 0;
	if (le)
		set_prev(t, le, len);
	for (; m; m &= m - 1) {
		unsigned j = (unsigned)__builtin_ctzll(m);
		if (s[j] == '-')
			bits |= punct_gap(t, p + j, 1, K_HYPH);
		else if (!(bits & TXT_BRK_SENT) && (s[j] != '.' || dot_ends(t, p + j)))
			bits |= TXT_BRK_SENT;
	}
	return bits;
}

/* The word at bits [ws, we) of the block as token n, unless it is not
 * plain (over 16 bytes, or plain_end() says it may go on): 0 then. */
static inline __attribute__((always_inline)) int put_word(txt_tok_batch *b, size_t n,
							 const block *k, const unsigned char *s,
							 unsigned ws, unsigned we, int pending)
{
	size_t len = we - ws;
	if (len > TXT_TOK_SHORT || !plain_end(cls[s[we]], cls[s[we + 1]]))
		return 0;
	txt_key16(k->low + ws, len, b->key[n]);
	b->len[n] = len;
	b->brk[n] = (unsigned char)pending;
	return 1;
}

/* Runs joined by ' or - from bits [ws, *we) on, by joined_end (scan()'s
 * rule), as token n when the token is at most 16 bytes and ends within
 * the block: 1, with *we moved to its end and *starts, *ends past it.
 * 0: not such a token; -1: it goes on past the block.  se: the end of
 * what can be read from s (a padded copy ends in spaces, as the text). */
static int put_joined(const txt_tok *t, txt_tok_batch *b, size_t n, const block *k,
		      const unsigned char *s, const unsigned char *se, unsigned ws, unsigned *we,
		      uint64_t *starts, uint64_t *ends, int pending)
{
	const unsigned char *q = joined_end(t, s + ws, s + *we, se);
	if (!q)
		return 0;
	if (q - s >= BLOCK)
		return -1;
	unsigned e = (unsigned)(q - s);
	if (!put_word(b, n, k, s, ws, e, pending))
		return 0;
	uint64_t done = ((uint64_t)2 << e) - 1; /* bits 0..e; all of them when e is 63 */
	*starts &= ~done;
	*ends &= ~done;
	*we = e;
	return 1;
}

/* The words of block k (p's bytes, or s's) into the batch, pairing run
 * starts with run ends; the gaps between them are looked at only when the
 * block holds stop or boundary bytes (odd: compiled apart for each case).
 * Returns where the block's next gap starts. */
static inline __attribute__((always_inline)) unsigned
block_words(txt_tok *t, txt_tok_batch *b, const block *k, const unsigned char *p,
	    const unsigned char *s, const unsigned char *se, size_t *np, int *pendingp,
	    const unsigned char **lep, int *slowp, int odd)
{
	const uint64_t word = k->word;
	uint64_t starts = word & ~(word << 1), ends = ~word & (word << 1);
	size_t n = *np;
	int pending = *pendingp, slow = 0;
	const unsigned char *le = *lep;
	unsigned i = 0;
	for (; n < TXT_TOK_BATCH; n++) {
		if (odd) {
			uint64_t gap = starts ? (starts & -starts) - ((uint64_t)1 << i)
					      : ~(uint64_t)0 << i; /* bits [i, next word) */
			if ((k->stop | k->brk | k->gap) & gap) {
				if (k->stop & gap) {
					slow = 1;
					break;
				}
				if (k->gap & gap)
					pending |= TXT_BRK_GAP;
				if (k->brk & gap) {
					pending |= gap_breaks(t, p, s, k->brk & gap, le,
							      n ? b->len[n - 1] : 0);
					le = NULL;
				}
			}
		}
		if (!starts) {
			i = BLOCK;
			break;
		}
		unsigned ws = (unsigned)__builtin_ctzll(starts);
		if (!ends) { /* the word goes on past the block */
			i = ws;
			slow = ws == 0;
			break;
		}
		unsigned we = (unsigned)__builtin_ctzll(ends);
		if (put_word(b, n, k, s, ws, we, pending)) {
			starts &= starts - 1;
			ends &= ends - 1;
		} else {
			int j = put_joined(t, b, n, k, s, se, ws, &we, &starts, &ends, pending);
			if (j <= 0) {
				i = ws;
				slow = j == 0 || ws == 0;
				break;
			}
		}
		pending = 0;
		i = we;
		le = p + we;
	}
	*np = n;
	*pendingp = pending;
	*lep = le;
	*slowp = slow;
	return i;
}

/* The common case, 64 bytes at a time: plain ASCII words of up to 16
 * bytes ending as plain_end() says, between gaps of spaces and
 * punctuation, go straight into the batch as keys, found with bit masks
 * rather than byte by byte.  Stops at anything else (the tokenizer is then
 * where scan() takes the next token), at the end, or when the batch is
 * full.  The tokenizer's state is kept in locals (the batch's stores could
 * alias it); le is the end of the last word found here. */
static void block_run(txt_tok *t, txt_tok_batch *b)
{
	const unsigned char *p = t->p, *e = t->e, *le = NULL;
	size_t n = b->n;
	int pending = t->pending, slow = 0;
	block k;
	memset(k.low + BLOCK, 0, 16);
	while (n < TXT_TOK_BATCH && p < e && !slow) {
		const unsigned char *s = p, *se = e; /* p's bytes, or a padded copy */
		if (e - p <= BLOCK) {
			memcpy(k.pad, p, (size_t)(e - p));
			memset(k.pad + (e - p), ' ', sizeof k.pad - (size_t)(e - p));
			s = k.pad;
			se = k.pad + sizeof k.pad;
		}
		const uint64_t odd = block_fill(t, &k, s); /* stop, brk or gap bytes */
		unsigned i = odd ? block_words(t, b, &k, p, s, se, &n, &pending, &le, &slow, 1)
				 : block_words(t, b, &k, p, s, se, &n, &pending, &le, &slow, 0);
		p = i < (size_t)(e - p) ? p + i : e;
	}
	if (le)
		set_prev(t, le, b->len[n - 1]);
	t->p = p;
	t->pending = pending;
	b->n = n;
}
#endif

/* Plain words through block_run; anything else is the next token of
 * txt_tok_next. */
size_t txt_tok_next_batch(txt_tok *t, txt_tok_batch *b)
{
	int plain = !t->o.stop && !t->stemmer && !txt_tok_test_general_only;
	b->n = b->used = 0;
	while (b->n < TXT_TOK_BATCH) {
#ifdef __SSE2__
		if (plain) {
			block_run(t, b);
			if (b->n == TXT_TOK_BATCH)
				break;
		}
#else
		(void)plain;
#endif
		txt_token tk;
		if (!txt_tok_next(t, &tk))
			break;
		batch_put(b, &tk);
	}
	return b->n;
}

/* ---- token sequences ---- */

static void tokseq_push(txt_tokseq *q, const txt_token *k)
{
	if (q->n == q->cap) {
		q->cap = q->cap ? 2 * q->cap : 256;
		q->off = txt_xreallocarray(q->off, q->cap, sizeof *q->off);
		q->tok = txt_xreallocarray(q->tok, q->cap, sizeof *q->tok);
		q->brk = txt_xreallocarray(q->brk, q->cap, sizeof *q->brk);
		q->start = txt_xreallocarray(q->start, q->cap, sizeof *q->start);
		q->end = txt_xreallocarray(q->end, q->cap, sizeof *q->end);
	}
	if (q->nbuf + k->len + 1 > q->capbuf) {
		q->capbuf = 2 * (q->nbuf + k->len + 1);
		q->buf = txt_xrealloc(q->buf, q->capbuf);
	}
	q->brk[q->n] = (unsigned char)k->brk;
	q->start[q->n] = k->start;
	q->end[q->n] = k->end;
	q->off[q->n++] = q->nbuf;
	memcpy(q->buf + q->nbuf, k->s, k->len);
	q->nbuf += k->len;
	q->buf[q->nbuf++] = '\0';
}

void txt_tokseq_fill(txt_tokseq *q, txt_tok *t, const char *text, size_t len)
{
	txt_token k;
	q->n = q->nbuf = 0;
	txt_tok_start(t, text, len);
	while (txt_tok_next(t, &k))
		tokseq_push(q, &k);
	for (size_t i = 0; i < q->n; i++) /* the buffer may have moved */
		q->tok[i] = q->buf + q->off[i];
}

void txt_tokseq_free(txt_tokseq *q)
{
	txt_free_all(q->buf, q->off, q->tok, q->brk, q->start, q->end);
	memset(q, 0, sizeof *q);
}
