/* text_clean: boilerplate removal by named line rules (see text_clean.h). */
#include "text_utf8.h"
#include "text_clean.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text_clean_int.h"
#include "text_err.h"
#include "text_io.h"
#include "text_lang.h"
#include "text_map.h"
#include "text_tsv.h"

static const char *const rule_names[TXT_CLEAN_NRULES] = {
	"keep", "title", "dup", "repeat", "byline", "cta", "footer",
	"link", "menu", "lang", "symbols", "short", "model"};

const char *txt_clean_rule_name(int rule)
{
	return rule >= 0 && rule < TXT_CLEAN_NRULES ? rule_names[rule] : NULL;
}

int txt_clean_rule_lookup(const char *name)
{
	for (int i = 1; i < TXT_CLEAN_NRULES; i++)
		if (strcmp(name, rule_names[i]) == 0)
			return i;
	return -1;
}

/* ---- repeat counts: open addressing on 64-bit hashes ---- */

typedef struct slot {
	uint64_t h;
	uint32_t ndocs, lastdoc;
} slot;

struct txt_clean {
	int on[TXT_CLEAN_NRULES];
	unsigned repeat_min;
	txt_clean_model *model;
	slot *tab;
	size_t cap, used;
	uint32_t ndocs;
};

txt_clean *txt_clean_new(void)
{
	txt_clean *c = txt_xcalloc(1, sizeof *c);
	for (int i = 0; i < TXT_CLEAN_NRULES; i++)
		c->on[i] = 1;
	c->repeat_min = 3;
	return c;
}

void txt_clean_free(txt_clean *c)
{
	if (!c)
		return;
	free(c->tab);
	clean_model_free(c->model);
	free(c);
}

void txt_clean_enable(txt_clean *c, int rule, int on)
{
	if (rule > 0 && rule < TXT_CLEAN_NRULES)
		c->on[rule] = on;
}

int txt_clean_rule_on(const txt_clean *c, int rule)
{
	return rule > 0 && rule < TXT_CLEAN_NRULES && c->on[rule];
}

int txt_clean_needs_corpus(const txt_clean *c)
{
	return c->on[TXT_CLEAN_REPEAT] && c->repeat_min > 0;
}

void txt_clean_set_repeat_min(txt_clean *c, unsigned n)
{
	c->repeat_min = n;
}

/* FNV-1a over source, a separator, and the line without outer space. */
static uint64_t line_hash(const char *src, const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (const char *p = src; p && *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ 0xFF) * 1099511628211ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h ? h : 1;
}

static slot *find_slot(slot *tab, size_t cap, uint64_t h)
{
	size_t i = (size_t)(h & (cap - 1));
	while (tab[i].h && tab[i].h != h)
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

static void grow(txt_clean *c)
{
	size_t ncap = c->cap ? 2 * c->cap : 1024;
	slot *nt = txt_xcalloc(ncap, sizeof *nt);
	for (size_t i = 0; i < c->cap; i++)
		if (c->tab[i].h)
			*find_slot(nt, ncap, c->tab[i].h) = c->tab[i];
	free(c->tab);
	c->tab = nt;
	c->cap = ncap;
}

static int is_space(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_space((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && is_space((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

void txt_clean_observe(txt_clean *c, const char *source, const char *text, size_t len)
{
	c->ndocs++;
	for (size_t i = 0; i < len;) {
		const char *e = memchr(text + i, '\n', len - i);
		size_t end = e ? (size_t)(e - text) : len;
		const char *s = text + i;
		size_t n = end - i;
		trim(&s, &n);
		if (n) {
			if (2 * (c->used + 1) > c->cap)
				grow(c);
			slot *sl = find_slot(c->tab, c->cap, line_hash(source, s, n));
			if (!sl->h) {
				sl->h = line_hash(source, s, n);
				c->used++;
			}
			if (sl->lastdoc != c->ndocs) {
				sl->lastdoc = c->ndocs;
				sl->ndocs++;
			}
		}
		i = end + 1;
	}
}

static unsigned repeat_docs(const txt_clean *c, const char *source, const char *s, size_t n)
{
	if (!c->cap)
		return 0;
	slot *sl = find_slot(c->tab, c->cap, line_hash(source, s, n));
	return sl->h ? sl->ndocs : 0;
}

/* ---- line analysis ---- */

typedef struct word {
	size_t off, len; /* in the folded buffer */
	int cap;         /* starts with an uppercase letter */
	int upper;       /* all letters uppercase */
} word;

typedef struct line {
	char *fold;      /* lowercased, white space collapsed, punctuation kept */
	size_t flen;
	char *wbuf;      /* folded words, NUL-separated */
	word *w;
	size_t nw;
	size_t ntok;     /* white-space separated tokens */
	size_t nsep;     /* separator tokens: | / > » · • */
	size_t nlink;    /* URL, e-mail, @handle, #tag tokens */
	size_t commas, inner; /* , and ; : */
	size_t nchars, ndigit, nalnum; /* code points */
	int ends_sent;   /* final . ! ? … (before closing quotes) */
	int quote;       /* holds a quotation */
	int alnum;       /* has a letter or digit */
} line;

static int32_t cp_at(const char *s, size_t i, size_t n, size_t *w)
{
	int32_t c;
	size_t k = txt_utf8_decode(s + i, n - i, &c);
	*w = k ? k : 1;
	return c;
}

static int cp_alnum(int32_t c)
{
	if (c < 0)
		return 0;
	utf8proc_category_t k = utf8proc_category(c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	       (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME) ||
	       (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

static int cp_isupper(int32_t c)
{
	if (c < 0)
		return 0;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int cp_islower(int32_t c)
{
	return c >= 0 && utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* Han, kana: scripts written without spaces, where a character is the
 * nearest thing to a word. */
static int cp_cjk(int32_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static void put_cp(char *buf, size_t *n, int32_t c)
{
	if (c < 0)
		c = 0xFFFD;
	*n += (size_t)utf8proc_encode_char(utf8proc_tolower(c), (utf8proc_uint8_t *)buf + *n);
}

static int is_closer(int32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
	       c == 0xBB || c == '*' || c == 0x300D || c == 0x300F || c == 0xFF09;
}

static void scan_words(line *L, const char *s, size_t n)
{
	L->wbuf = txt_xmalloc(4 * n + 8);
	L->w = txt_xreallocarray(NULL, n / 2 + 2, sizeof *L->w);
	size_t bn = 0;
	for (size_t i = 0; i < n;) {
		size_t k;
		int32_t c = cp_at(s, i, n, &k);
		if (!cp_alnum(c)) {
			i += k;
			continue;
		}
		word *w = &L->w[L->nw++];
		w->off = bn;
		w->cap = cp_isupper(c);
		w->upper = 1;
		int letters = 0, cjk = cp_cjk(c);
		while (i < n) {
			c = cp_at(s, i, n, &k);
			if (cp_alnum(c) && !(bn > w->off && (cjk || cp_cjk(c)))) {
				if (cp_islower(c))
					w->upper = 0;
				if (!(c >= '0' && c <= '9'))
					letters = 1;
				put_cp(L->wbuf, &bn, c);
				i += k;
				continue;
			}
			/* internal apostrophe or hyphen */
			size_t k2;
			if ((c == '\'' || c == 0x2019 || c == '-') && i + k < n &&
			    cp_alnum(cp_at(s, i + k, n, &k2))) {
				L->wbuf[bn++] = c == '-' ? '-' : '\'';
				i += k;
				continue;
			}
			break;
		}
		if (!letters)
			w->upper = 0;
		w->len = bn - w->off;
		L->wbuf[bn++] = '\0';
	}
}

static int tok_is_link(const char *t, size_t n)
{
	if (n > 1 && (t[0] == '@' || t[0] == '#'))
		return 1;
	for (size_t i = 0; i + 3 <= n; i++)
		if (memcmp(t + i, "://", 3) == 0)
			return 1;
	if (n > 4 && strncmp(t, "www.", 4) == 0)
		return 1;
	const char *at = memchr(t, '@', n);
	if (at && at > t && memchr(at, '.', n - (size_t)(at - t)))
		return 1;
	/* domain-like: a.b/c or name.com */
	const char *dot = memchr(t, '.', n);
	if (dot && dot > t && memchr(t, '/', n) && dot < t + n - 1)
		return 1;
	return 0;
}

static int is_sep_tok(const char *t, size_t n)
{
	static const char *const seps[] = {"|", "/", ">", "\xC2\xBB", "\xC2\xB7",
	                                   "\xE2\x80\xA2", "\xE2\x80\xBA", "::", NULL};
	for (size_t i = 0; seps[i]; i++)
		if (strlen(seps[i]) == n && memcmp(seps[i], t, n) == 0)
			return 1;
	return 0;
}

static void scan_tokens(line *L, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		while (i < n && is_space((unsigned char)s[i]))
			i++;
		size_t a = i;
		while (i < n && !is_space((unsigned char)s[i]))
			i++;
		if (i == a)
			continue;
		L->ntok++;
		if (is_sep_tok(s + a, i - a))
			L->nsep++;
		else if (tok_is_link(s + a, i - a))
			L->nlink++;
	}
}

static void scan_punct(line *L, const char *s, size_t n)
{
	int dq = 0, open = 0, close = 0;
	for (size_t i = 0; i < n;) {
		size_t k;
		int32_t c = cp_at(s, i, n, &k);
		L->nchars++;
		if (c == ',')
			L->commas++;
		else if (c == ';' || c == ':')
			L->inner++;
		else if (c == '"')
			dq++;
		else if (c == 0x201C || c == 0xAB)
			open++;
		else if (c == 0x201D || c == 0xBB)
			close++;
		if (cp_alnum(c)) {
			L->alnum = 1;
			L->nalnum++;
			L->ndigit += c >= '0' && c <= '9';
		}
		i += k;
	}
	L->quote = dq >= 2 || (open && close);
	/* last significant code point, skipping closers */
	size_t e = n;
	while (e > 0) {
		size_t b = e - 1;
		while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
			b--;
		size_t k;
		int32_t c = cp_at(s, b, n, &k);
		if (is_closer(c) || is_space((unsigned char)s[b])) {
			e = b;
			continue;
		}
		L->ends_sent = c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 ||
		               c == 0xFF01 || c == 0xFF1F; /* and 。！？ */
		break;
	}
}

static void fold_line(line *L, const char *s, size_t n)
{
	L->fold = txt_xmalloc(4 * n + 1);
	size_t bn = 0;
	int sp = 0;
	for (size_t i = 0; i < n;) {
		size_t k;
		int32_t c = cp_at(s, i, n, &k);
		i += k;
		if (c == ' ' || c == '\t' || c == 0xA0) {
			sp = bn > 0;
			continue;
		}
		if (sp)
			L->fold[bn++] = ' ';
		sp = 0;
		if (c == 0x2019)
			c = '\'';
		put_cp(L->fold, &bn, c);
	}
	L->fold[bn] = '\0';
	L->flen = bn;
}

static void line_scan(line *L, const char *s, size_t n)
{
	memset(L, 0, sizeof *L);
	fold_line(L, s, n);
	scan_words(L, s, n);
	scan_tokens(L, s, n);
	scan_punct(L, s, n);
}

static void line_free(line *L)
{
	txt_free_all(L->fold, L->wbuf, L->w);
}

static const char *wstr(const line *L, size_t i)
{
	return L->wbuf + L->w[i].off;
}

/* Word lists are looked up as hash sets, built once at start-up (before
 * any thread) from the NULL-terminated arrays below; a linear scan per word
 * was 40% of slant-clean's time. */
typedef struct word_set {
	const char *const *list;
	const char **slot;
	size_t mask;
} word_set;

static const word_set *set_of(const char *const *list);

static int in_list(const char *w, const char *const *list)
{
	const word_set *s = set_of(list);
	for (size_t i = txt_hash(w, strlen(w)) & s->mask; s->slot[i]; i = (i + 1) & s->mask)
		if (strcmp(s->slot[i], w) == 0)
			return 1;
	return 0;
}

/* ---- language guess: stopword profiles (words unique to each language) ---- */

static const char *const stop_en[] = {
	"the", "and", "of", "to", "is", "that", "for", "it", "with", "was", "on",
	"be", "by", "at", "this", "are", "from", "or", "an", "have", "has", "had",
	"not", "but", "which", "they", "you", "we", "his", "her", "she", "will",
	"would", "their", "been", "were", "can", "who", "its", "there", "about",
	"if", "what", "when", "our", "all", "also", "after", "than", "any", "into",
	"could", "said", "your", "how", "them", "these", "those", "do", "does",
	"did", "just", "only", "other", "some", "up", "out", "over", "more", "in",
	"get", "my", "him", "why", "where", "should", "may", NULL};

static const char *const stop_es[] = {
	"el", "la", "los", "las", "de", "del", "que", "y", "en", "un", "una",
	"unos", "unas", "por", "para", "con", "es", "está", "están", "estás", "son",
	"se", "su", "sus", "lo", "al", "como", "más", "pero", "le", "les", "ya",
	"este", "esta", "esto", "estos", "estas", "ese", "esa", "eso", "otro",
	"otra", "otros", "sin", "sobre", "también", "hay", "muy", "cuando", "donde",
	"quien", "qué", "porque", "si", "tu", "tus", "te", "mi", "nos", "fue", "ha",
	"han", "puede", "puedes", "desde", "hasta", "entre", "cada", "todo",
	"todos", "ni", "aquí", "tiene", "tienes", "usted", "ser", "era", "o", NULL};

static void lang_hits(const line *L, size_t *en, size_t *es)
{
	*en = *es = 0;
	for (size_t i = 0; i < L->nw; i++) {
		const char *w = wstr(L, i);
		if (in_list(w, stop_en))
			(*en)++;
		else if (in_list(w, stop_es))
			(*es)++;
	}
}

static const char *guess(size_t en, size_t es)
{
	if (en >= 2 && 2 * es < en)
		return "en";
	if (es >= 2 && 2 * en < es)
		return "es";
	return NULL;
}

const char *txt_clean_lang(const char *s, size_t n)
{
	line L;
	line_scan(&L, s, n);
	size_t en, es;
	lang_hits(&L, &en, &es);
	line_free(&L);
	return guess(en, es);
}

/* ---- verbs: common forms and suffixes (en, es) ---- */

static const char *const verbs[] = {
	"is", "are", "was", "were", "be", "been", "being", "am", "has", "have",
	"had", "do", "does", "did", "will", "would", "can", "could", "should",
	"may", "might", "must", "shall", "won't", "can't", "isn't", "it's", "say",
	"says", "said", "tell", "tells", "told", "ask", "asks", "asked", "make",
	"makes", "made", "take", "takes", "took", "give", "gives", "gave", "go",
	"goes", "went", "come", "comes", "came", "get", "gets", "got", "see", "sees",
	"saw", "know", "knows", "knew", "think", "thinks", "thought", "want",
	"wants", "need", "needs", "reject", "rejects", "deny", "denies", "warn",
	"warns", "vow", "vows", "urge", "urges", "push", "pushes", "seek", "seeks",
	"face", "faces", "plan", "plans", "hit", "hits", "win", "wins", "lose",
	"loses", "meet", "meets", "launch", "launches", "back", "backs", "slam",
	"slams", "threaten", "threatens", "agree", "agrees", "refuse", "refuses",
	"announce", "announces", "strike", "cut", "cuts", "rise", "rises", "fall",
	"falls", "fell", "rose", "kill", "kills", "call", "calls", "begin",
	"begins", "began", "lead", "leads", "led", "hold", "holds", "held", "keep",
	"keeps", "kept", "let", "put", "puts", "run", "runs", "ran", "set", "sets",
	"show", "shows", "find", "finds", "found", "leave", "leaves", "left",
	"become", "becomes", "became", "bring", "brings", "brought", "stop",
	"stops", "claim", "claims", "insist", "insists", "accuse", "accuses",
	"es", "son", "está", "están", "fue", "fueron", "ha", "han", "hay", "dijo",
	"dice", "afirma", "puede", "pueden", "será", "sería", "era", "tiene",
	"tienen", "hace", "quiere", "rechaza", "niega", "pide", "exige", "aprueba",
	"anuncia", "advierte", "asegura", "denuncia", "confirma", "piden", "dicen",
	"llega", "llegan", "cierra", "cierran", "abre", "sube", "baja", NULL};

static int verb_suffix(const char *w, size_t n)
{
	if (n >= 5 && strcmp(w + n - 2, "ed") == 0)
		return 1;
	if (n >= 6 && strcmp(w + n - 3, "ing") == 0)
		return 1;
	if (n >= 6 && (strcmp(w + n - 4, "ando") == 0 || strcmp(w + n - 5, "iendo") == 0 ||
	               strcmp(w + n - 4, "aron") == 0))
		return 1;
	if (n >= 6 && (strcmp(w + n - 3, "r\xC3\xA1") == 0 || strcmp(w + n - 4, "r\xC3\xA1n") == 0))
		return 1; /* repartirá, serán */
	return n >= 5 && strcmp(w + n - 2, "\xC3\xB3") == 0; /* rechazó */
}

static int line_has_verb(const line *L)
{
	for (size_t i = 0; i < L->nw; i++) {
		const char *w = wstr(L, i);
		if (in_list(w, verbs) || verb_suffix(w, L->w[i].len))
			return 1;
		/* an infinitive: "to" before a lowercase word that is not a stopword */
		if (i + 1 < L->nw && strcmp(w, "to") == 0 && !L->w[i + 1].cap &&
		    !in_list(wstr(L, i + 1), stop_en) &&
		    !((unsigned char)wstr(L, i + 1)[0] <= '9'))
			return 1;
	}
	return 0;
}

int txt_clean_has_verb(const char *s, size_t n)
{
	line L;
	line_scan(&L, s, n);
	int v = line_has_verb(&L);
	line_free(&L);
	return v;
}

/* ---- phrase patterns on the folded line ----
 * "a b" matches at word boundaries; a final '*' allows a longer word
 * ("comment*" matches "comments"); "x & y" needs both; a leading '^'
 * anchors at the start of the line. */

static int word_byte(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80;
}

static int match_one(const char *f, size_t fn, const char *p, size_t pn)
{
	int anchor = pn && p[0] == '^';
	if (anchor)
		p++, pn--;
	int prefix = pn && p[pn - 1] == '*';
	if (prefix)
		pn--;
	for (size_t i = 0; i + pn <= fn; i++) {
		if (anchor && i > 0)
			return 0;
		if (memcmp(f + i, p, pn) != 0)
			continue;
		if (i > 0 && word_byte((unsigned char)f[i - 1]) && word_byte((unsigned char)p[0]))
			continue;
		if (!prefix && i + pn < fn && word_byte((unsigned char)f[i + pn]) &&
		    word_byte((unsigned char)p[pn - 1]))
			continue;
		return 1;
	}
	return 0;
}

static int match(const line *L, const char *pat)
{
	for (;;) {
		const char *amp = strstr(pat, " & ");
		size_t pn = amp ? (size_t)(amp - pat) : strlen(pat);
		if (!match_one(L->fold, L->flen, pat, pn))
			return 0;
		if (!amp)
			return 1;
		pat = amp + 3;
	}
}

static int match_any(const line *L, const char *const *pats)
{
	for (size_t i = 0; pats[i]; i++)
		if (match(L, pats[i]))
			return 1;
	return 0;
}

/* Calls to action that are chrome wherever they occur (en, es). */
static const char *const cta_pats[] = {
	"share on", "share this", "share via", "share article", "share story",
	"follow us", "follow him on", "follow her on", "follow them on", "follow me on",
	"sign up for", "sign up to", "subscribe to our", "subscribe now",
	"subscribers only", "newsletter", "read more", "continue reading",
	"keep reading", "click here", "tap here", "related posts", "related articles",
	"related stories", "recommended for you", "you may also like",
	"you might also like", "most read", "most viewed", "most popular",
	"skip to content", "skip to main", "skip to navigation", "jump to",
	"join the discussion", "join the conversation", "leave a comment",
	"leave a reply", "post a comment", "comment policy", "comment* & removed",
	"comment* & moderat*", "comment* & welcome", "comment* & guidelines", "comment* & closed",
	"we use cookies", "uses cookies", "use of cookies", "cookie policy",
	"cookie settings", "cookie preferences", "accept cookies", "accept all cookies",
	"sponsored content", "paid content", "download the app", "download our app",
	"get the app", "back to top", "next article", "previous article",
	"create an account", "create a free account", "already a subscriber",
	"already have an account", "support our journalism",
	"support independent journalism", "become a member", "listen to this article",
	"compartir", "síguenos", "suscríbete", "suscribete", "suscríbase",
	"regístrate", "inicia sesión", "iniciar sesión", "boletín", "lee también",
	"leer más", "lea también", "noticias relacionadas", "te puede interesar",
	"lo más leído", "lo más visto", "últimas noticias", "contenido patrocinado",
	"utilizamos cookies", "usamos cookies", "política de cookies",
	"deja un comentario", "deja tu comentario", "comentario* & normas",
	"descarga la app", "volver arriba", "haz clic", "pulsa aquí", "ir al contenido",
	"saltar al contenido", "para suscriptores", "exclusivo para", "for subscribers",
	"exclusive to subscribers", NULL};

/* Shapes that are chrome only in a line that is not a sentence (or is
 * a very short one): "Share", "Comments (12)", "Related: ...". */
static const char *const cta_weak[] = {
	"^share", "^tweet", "^email", "^print", "^sign up", "^sign in", "^log in",
	"^login", "^register", "^subscribe", "subscription", "^read also", "^see also",
	"^related", "^more from", "^more on this", "^comments", "^show comments",
	"^view comments", "accept all", "^advertisement", "^advertising",
	"^sponsored", "^donate", "^listen", "^watch", "^archived in", "^filed under",
	"^tags", "^topics", "^more information", "^dismiss", "^close", "^menu",
	"^comparte", "^sigue a", "suscripción", "^ver más", "^publicidad",
	"^anuncio", "^aceptar", "^comentarios", "^recomendaciones", "^archivado en",
	"^etiquetas", "^temas", "^cerrar", NULL};

static const char *const footer_pats[] = {
	"\xC2\xA9", "(c) 1*", "(c) 2*", "^copyright", "all rights reserved",
	"derechos reservados", "terms of use", "terms of service", "terms and conditions",
	"privacy policy", "privacy notice", "política de privacidad", "aviso legal",
	"aviso de privacidad", "contact us", "^about us", "^contacto", "powered by",
	"logo", "^sitemap", "^site map", "^quiénes somos", NULL};

static const char *const byline_pats[] = {
	"avatar", "min read", "minute read", "minutes read", "^photo:", "^photo by",
	"^image:", "^photograph:", "^foto:", "^credit:", "^illustration:",
	"getty images", "^published", "^updated", "^posted", "^publicado",
	"^actualizado", "^last updated", "^written by", "^reporting by", "^edited by",
	"^editing by", "^escrito por", "^reported by", NULL};

static const char *const bio_jobs[] = {
	"editor", "reporter", "correspondent", "journalist", "writer", "columnist",
	"contributor", "periodista", "corresponsal", "redactor", "editora", NULL};

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "enero", "febrero",
	"marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
	"octubre", "noviembre", "diciembre", "am", "pm", "gmt", "utc", "et", "edt",
	"est", "updated", "published", "de", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", NULL};

/* A dateline: only month and day names, numbers and time words. */
static int is_date_line(const line *L)
{
	/* "October 4, 2026 10:12 AM GMT Updated ...": a month, then a number */
	if (L->nw >= 2 && L->nw <= 12 && !L->ends_sent && in_list(wstr(L, 0), months) &&
	    wstr(L, 1)[0] >= '0' && wstr(L, 1)[0] <= '9')
		return 1;
	int month = 0;
	for (size_t i = 0; i < L->nw; i++) {
		const char *w = wstr(L, i);
		if (w[0] >= '0' && w[0] <= '9')
			continue;
		if (!in_list(w, months))
			return 0;
		month = 1;
	}
	return month && L->nw >= 2;
}

static int is_byline(const line *L, int tail)
{
	if (L->quote || L->nw > 40)
		return 0;
	if (match_any(L, byline_pats) && L->nw <= 15)
		return 1;
	if ((match(L, "^by") || match(L, "^por")) && L->nw >= 2 && L->nw <= 12 &&
	    !L->ends_sent)
		return 1;
	if (is_date_line(L))
		return 1;
	/* author box: "NAME is the news editor of X" near the end */
	int is_a = match(L, "is the") || match(L, "is a") || match(L, "is an") ||
	           match(L, "es periodista") || match(L, "es corresponsal");
	return (tail || L->nw <= 20) && is_a && L->nw >= 2 && L->w[0].cap && L->w[1].cap &&
	       match_any(L, bio_jobs) && L->nw <= 40;
}

/* Items between separators: breadcrumbs and menus in any language. */
static int is_sep_menu(const line *L)
{
	return !L->quote && (L->nsep >= 2 || (L->nsep == 1 && L->nw <= 10 && !L->ends_sent));
}

/* A list of capitalised items without a verb (or with commas). */
static int is_cap_list(const line *L, int verb)
{
	if (L->quote || L->ends_sent || L->nw < 3)
		return 0;
	size_t cap = 0, content = 0;
	for (size_t i = 0; i < L->nw; i++) {
		if (L->w[i].len <= 3 && !L->w[i].cap)
			continue; /* and, of, the, y, de */
		content++;
		cap += L->w[i].cap;
	}
	if (!content || 5 * cap < 4 * content)
		return 0;
	return L->commas >= 2 || (!verb && L->nw >= 4);
}

static int is_link(const line *L)
{
	if (!L->nlink)
		return 0;
	return 2 * L->nlink >= L->ntok || (L->nw <= 8 && !L->ends_sent);
}

/* A line CLD2 reliably reads as another language than the document's
 * (given as the hint, so that close calls go the document's way). */
static int is_lang(const line *L, const char *s, size_t n, const char *doclang)
{
	if (!doclang || L->nw < 3)
		return 0;
	txt_lang_guess g = txt_lang_detect(s, n, doclang);
	return g.code && g.reliable && strcmp(g.code, doclang) != 0;
}

static int is_short(const line *L, int verb)
{
	if (L->ends_sent || L->quote)
		return 0;
	return L->nw <= 3 || (L->nw <= 12 && !verb);
}

static int lone_word(const line *L)
{
	return L->nw <= 1 && L->nchars <= 25 && !L->ends_sent && !L->quote;
}

static int cta_ok(const line *L)
{
	return !L->quote && L->nw <= 40;
}

static int classify(const txt_clean *c, const line *L, const char *s, size_t n,
                    const char *doclang, int tail)
{
	const int *on = c->on;
	if (on[TXT_CLEAN_SYMBOLS] && !L->alnum)
		return TXT_CLEAN_SYMBOLS;
	if (on[TXT_CLEAN_BYLINE] && is_byline(L, tail))
		return TXT_CLEAN_BYLINE;
	if (on[TXT_CLEAN_CTA] && cta_ok(L) &&
	    (match_any(L, cta_pats) ||
	     ((!L->ends_sent || L->nw <= 5) && match_any(L, cta_weak))))
		return TXT_CLEAN_CTA;
	if (on[TXT_CLEAN_FOOTER] && L->nw <= 30 && !L->quote && match_any(L, footer_pats) &&
	    (L->nw <= 6 || !match(L, "logo")))
		return TXT_CLEAN_FOOTER;
	if (on[TXT_CLEAN_LINK] && is_link(L))
		return TXT_CLEAN_LINK;
	int verb = line_has_verb(L);
	if (on[TXT_CLEAN_MENU] && is_sep_menu(L))
		return TXT_CLEAN_MENU;
	if (on[TXT_CLEAN_MENU] && is_cap_list(L, verb))
		return TXT_CLEAN_MENU;
	if (on[TXT_CLEAN_LANG] && is_lang(L, s, n, doclang))
		return TXT_CLEAN_LANG;
	if (on[TXT_CLEAN_SHORT] && is_short(L, verb))
		return TXT_CLEAN_SHORT;
	return TXT_CLEAN_KEEP;
}

int txt_clean_line(const txt_clean *c, const char *s, size_t n, const char *doclang, int tail)
{
	line L;
	line_scan(&L, s, n);
	int r = classify(c, &L, s, n, doclang, tail);
	line_free(&L);
	return r;
}

/* A title: 3 to 30 words, no final full stop, not all lowercase. */
static int title_like(const line *L)
{
	if (L->nw < 3 || L->nw > 30 || L->quote)
		return 0;
	if (L->ends_sent && L->fold[L->flen - 1] == '.')
		return 0;
	/* "Exclusive news, data and analytics for ...": a tagline, not a headline */
	if (L->commas && !line_has_verb(L))
		return 0;
	return L->w[0].cap;
}

/* ---- documents ---- */

typedef struct span {
	size_t a, n; /* trimmed line */
} span;

static size_t split_lines(const char *text, size_t len, span **out)
{
	size_t cap = 16, n = 0;
	span *v = txt_xreallocarray(NULL, cap, sizeof *v);
	for (size_t i = 0; i <= len;) {
		const char *e = i < len ? memchr(text + i, '\n', len - i) : NULL;
		size_t end = e ? (size_t)(e - text) : len;
		const char *s = text + i;
		size_t m = end - i;
		trim(&s, &m);
		if (n == cap)
			v = txt_xreallocarray(v, cap *= 2, sizeof *v);
		v[n].a = (size_t)(s - text);
		v[n].n = m;
		n++;
		if (!e)
			break;
		i = end + 1;
	}
	*out = v;
	return n;
}

/* Lines longer than this are article text (and not worth 8 bytes of
 * analysis per byte): only dup and repeat apply to them. */
#define LONG_LINE 16384

/* The document's language by CLD2 (NULL when it cannot tell). */
static const char *doc_lang(const char *text, size_t len)
{
	if (len > 4 * LONG_LINE)
		len = 4 * LONG_LINE;
	return txt_lang_detect(text, len, NULL).code;
}

static int same_line(const char *t, span a, span b)
{
	return a.n == b.n && memcmp(t + a.a, t + b.a, a.n) == 0;
}

/* Lines seen so far in one document: a hash table of line index + 1. */
typedef struct seen_set {
	size_t *v, cap;
} seen_set;

/* 1 if line i equals an earlier line; records it otherwise. */
static int seen_before(seen_set *st, const char *t, const span *ln, size_t i)
{
	size_t k = (size_t)line_hash(NULL, t + ln[i].a, ln[i].n) & (st->cap - 1);
	for (; st->v[k]; k = (k + 1) & (st->cap - 1))
		if (same_line(t, ln[st->v[k] - 1], ln[i]))
			return 1;
	st->v[k] = i + 1;
	return 0;
}

/* Rule for a title-search line that is chrome whatever else it is. */
static int skippable(int rule)
{
	return rule != TXT_CLEAN_KEEP && rule != TXT_CLEAN_SHORT && rule != TXT_CLEAN_MENU;
}

static void join_kept(const char *text, const span *ln, size_t nl, txt_clean_result *r)
{
	size_t cap = 1, n = 0;
	for (size_t i = 0; i < nl; i++)
		cap += ln[i].n + 1;
	r->text = txt_xmalloc(cap);
	int pending_blank = 0;
	for (size_t i = 0; i < nl; i++) {
		if (r->rule[i] != TXT_CLEAN_KEEP)
			continue;
		if (!ln[i].n) {
			pending_blank = n > 0;
			continue;
		}
		if (n)
			r->text[n++] = '\n';
		if (pending_blank)
			r->text[n++] = '\n';
		pending_blank = 0;
		memcpy(r->text + n, text + ln[i].a, ln[i].n);
		n += ln[i].n;
		r->kept++;
	}
	r->text[n] = '\0';
}

static size_t cps(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Word hashes of a document's lines, for F_DOCFREQ. */
typedef struct txt_hashes {
	uint64_t *h;
	size_t n, cap;
} txt_hashes;

static void hashes_push(txt_hashes *w, uint64_t h)
{
	if (w->n == w->cap)
		w->h = txt_xreallocarray(w->h, w->cap = w->cap ? 2 * w->cap : 256, sizeof *w->h);
	w->h[w->n++] = h;
}

/* The line model's facts of a scanned line (text_clean_int.h). */
static void line_facts(const line *L, int verb, clean_fact *f)
{
	double nw = (double)L->nw, *v = f->v;
	size_t shortw = 0, caps = 0, letters = 0, upper = 1;
	for (size_t i = 0; i < L->nw; i++) {
		const word *w = &L->w[i];
		int digit = (unsigned char)wstr(L, i)[0] <= '9';
		shortw += !digit && cps(wstr(L, i), w->len) <= 3;
		if (digit)
			continue;
		letters++;
		caps += w->cap;
		upper &= w->upper;
	}
	v[F_BIAS] = 1;
	v[F_CHARS] = log1p((double)L->nchars);
	v[F_WORDS] = log1p(nw);
	v[F_SENT] = L->ends_sent;
	v[F_QUOTE] = L->quote;
	v[F_PUNCT] = nw ? fmin(1, (double)(L->commas + L->inner) / nw) : 0;
	v[F_SHORTW] = nw ? (double)shortw / nw : 0;
	size_t en = 0, es = 0;
	lang_hits(L, &en, &es);
	v[F_STOPW] = nw ? (double)(en > es ? en : es) / nw : 0;
	v[F_CAPS] = letters ? (double)caps / (double)letters : 0;
	v[F_UPPER] = letters && upper;
	v[F_DIGITS] = L->nalnum ? (double)L->ndigit / (double)L->nalnum : 0;
	v[F_LINKS] = L->ntok ? (double)L->nlink / (double)L->ntok : 0;
	v[F_SEPS] = L->nsep > 0;
	v[F_VERB] = verb;
	v[F_MENU] = is_cap_list(L, verb);
	v[F_SHORT] = is_short(L, verb);
	v[F_TITLE] = title_like(L);
	f->strong = L->ends_sent && (L->nw >= 10 || L->nchars >= 50);
}

/* A line too long to scan is article text. */
static void long_facts(size_t n, clean_fact *f)
{
	f->v[F_BIAS] = f->v[F_SENT] = 1;
	f->v[F_CHARS] = log1p((double)n);
	f->v[F_WORDS] = log1p((double)n / 6);
	f->strong = 1;
}

/* Rule of one line of a document; while *searching, the first line that is
 * not clear chrome ends the title search and is the title if title-like.
 * Fills the line's facts and its words' hashes (for F_DOCFREQ). */
static int line_rule(const txt_clean *c, const char *s, size_t n, const char *lang, int tail,
                     int *searching, int *is_title, clean_fact *f, txt_hashes *wh)
{
	if (n > LONG_LINE) {
		*searching = 0;
		long_facts(n, f);
		return TXT_CLEAN_KEEP;
	}
	line L;
	line_scan(&L, s, n);
	int rule = classify(c, &L, s, n, lang, tail);
	/* with the line model, the short and list shapes are its facts; a
	 * lone word stays short (a label, a button) */
	f->fixed = !(rule == TXT_CLEAN_KEEP || (rule == TXT_CLEAN_SHORT && !lone_word(&L)) ||
	             (rule == TXT_CLEAN_MENU && !is_sep_menu(&L)));
	if (*searching && !skippable(rule) && !L.nsep && L.commas < 2 && title_like(&L)) {
		*searching = 0;
		*is_title = 1;
	} else if (rule == TXT_CLEAN_KEEP) {
		*searching = 0; /* the body starts: no title above it */
	}
	line_facts(&L, line_has_verb(&L), f);
	for (size_t i = 0; i < L.nw; i++)
		hashes_push(wh, txt_hash(wstr(&L, i), L.w[i].len));
	line_free(&L);
	return rule;
}

/* The repeat rule applies unless most of the document repeats: then it is
 * a copy of an article published several times, not page chrome. */
static int repeat_ok(const txt_clean *c, const char *source, const char *text,
                     const span *ln, size_t nl, size_t nonblank)
{
	if (!c->on[TXT_CLEAN_REPEAT] || !source || !c->repeat_min)
		return 0;
	size_t rep = 0;
	for (size_t i = 0; i < nl; i++)
		if (ln[i].n && repeat_docs(c, source, text + ln[i].a, ln[i].n) >= c->repeat_min)
			rep++;
	return 2 * rep <= nonblank;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

#define DOCFREQ_TOP 20

typedef struct wcount {
	uint64_t h;
	size_t n;
} wcount;

static int by_count(const void *a, const void *b)
{
	const wcount *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->h < y->h ? -1 : x->h > y->h;
}

/* F_DOCFREQ: each line's share of words among the DOCFREQ_TOP most frequent
 * words (seen twice at least) of the document's body-like lines: its
 * function words, whatever the language.  Line i's hashes are
 * wh[woff[i] .. woff[i + 1]). */
static void docfreq(clean_fact *f, size_t nl, const size_t *woff, const txt_hashes *wh)
{
	size_t m = 0, nu = 0;
	uint64_t *v = txt_xreallocarray(NULL, wh->n + 1, sizeof *v);
	for (size_t i = 0; i < nl; i++)
		if (f[i].strong && !f[i].fixed)
			for (size_t j = woff[i]; j < woff[i + 1]; j++)
				v[m++] = wh->h[j];
	qsort(v, m, sizeof *v, cmp_u64);
	wcount *u = txt_xreallocarray(NULL, m + 1, sizeof *u);
	for (size_t i = 0; i < m; i++)
		if (!nu || u[nu - 1].h != v[i])
			u[nu++] = (wcount){v[i], 1};
		else
			u[nu - 1].n++;
	qsort(u, nu, sizeof *u, by_count);
	size_t ntop = 0;
	while (ntop < nu && ntop < DOCFREQ_TOP && u[ntop].n >= 2)
		ntop++;
	for (size_t i = 0; i < nl; i++) {
		size_t hit = 0, n = woff[i + 1] - woff[i];
		for (size_t j = woff[i]; j < woff[i + 1]; j++)
			for (size_t k = 0; k < ntop; k++)
				hit += wh->h[j] == u[k].h;
		f[i].v[F_DOCFREQ] = n ? (double)hit / (double)n : 0;
	}
	free(u);
	free(v);
}

/* The rules, and the facts of every line for the line model. */
static void doc_rules(const txt_clean *c, const char *source, const char *text,
                      const span *ln, size_t nl, txt_clean_result *r, clean_fact *f)
{
	size_t nonblank = 0, seen = 0;
	for (size_t i = 0; i < nl; i++)
		nonblank += ln[i].n > 0;
	int use_repeat = repeat_ok(c, source, text, ln, nl, nonblank);
	seen_set st = {NULL, 16};
	while (st.cap < 2 * nl)
		st.cap *= 2;
	st.v = txt_xcalloc(st.cap, sizeof *st.v);
	size_t *woff = txt_xreallocarray(NULL, nl + 1, sizeof *woff);
	txt_hashes wh = {0};
	int searching = c->on[TXT_CLEAN_TITLE];
	for (size_t i = 0; i < nl; i++) {
		woff[i] = wh.n;
		f[i].blank = !ln[i].n;
		if (!ln[i].n)
			continue;
		seen++;
		const char *s = text + ln[i].a;
		int is_title = 0, rule;
		if (use_repeat && repeat_docs(c, source, s, ln[i].n) >= c->repeat_min)
			rule = TXT_CLEAN_REPEAT;
		else
			rule = line_rule(c, s, ln[i].n, r->lang, seen + 5 > nonblank, &searching,
			                 &is_title, &f[i], &wh);
		if (is_title) {
			r->title = txt_xstrndup(s, ln[i].n);
			rule = TXT_CLEAN_TITLE;
		}
		int weak = rule == TXT_CLEAN_KEEP || rule == TXT_CLEAN_SHORT || rule == TXT_CLEAN_MENU;
		if (seen_before(&st, text, ln, i) && c->on[TXT_CLEAN_DUP] && weak)
			rule = TXT_CLEAN_DUP;
		if (rule == TXT_CLEAN_REPEAT || rule == TXT_CLEAN_TITLE || rule == TXT_CLEAN_DUP)
			f[i].fixed = 1;
		r->rule[i] = (unsigned char)rule;
	}
	woff[nl] = wh.n;
	docfreq(f, nl, woff, &wh);
	txt_free_all(wh.h, woff, st.v);
}

/* A line model is loaded and its rule is on. */
static int model_on(const txt_clean *c)
{
	return c->model && c->on[TXT_CLEAN_MODEL];
}

/* The line model decides the lines no strong rule removed: short and menu
 * are then its facts, not rules. */
static void apply_model(const txt_clean *c, const clean_fact *f, size_t nl,
                        txt_clean_result *r)
{
	double *p = txt_xreallocarray(NULL, nl ? nl : 1, sizeof *p);
	clean_model_predict(c->model, f, nl, p);
	for (size_t i = 0; i < nl; i++)
		if (!f[i].blank && !f[i].fixed)
			r->rule[i] = clean_model_keep(c->model, p[i]) ? TXT_CLEAN_KEEP : TXT_CLEAN_MODEL;
	/* The body goes on through its neighbours that are nearly body, in
	 * both directions (jusText's near-good blocks), and forward through a
	 * line with a verb (en, es: the rules' "a sentence is never short"),
	 * with only blank or rule-removed lines between. */
	for (int back = 0; back < 2; back++) {
		int prev_kept = 0;
		for (size_t k = 0; k < nl; k++) {
			size_t i = back ? nl - 1 - k : k;
			if (f[i].blank || f[i].fixed)
				continue;
			if (r->rule[i] == TXT_CLEAN_MODEL && prev_kept &&
			    (clean_model_near(c->model, p[i]) || (!back && f[i].v[F_VERB])))
				r->rule[i] = TXT_CLEAN_KEEP;
			prev_kept = r->rule[i] == TXT_CLEAN_KEEP;
		}
	}
	free(p);
}

static void doc_facts(const txt_clean *c, const char *source, const char *text, size_t len,
                      txt_clean_result *r, clean_fact **facts, span **ln)
{
	memset(r, 0, sizeof *r);
	size_t nl = split_lines(text, len, ln);
	r->nlines = nl;
	r->rule = txt_xcalloc(nl ? nl : 1, 1);
	r->lang = doc_lang(text, len);
	*facts = txt_xcalloc(nl ? nl : 1, sizeof **facts);
	doc_rules(c, source, text, *ln, nl, r, *facts);
	if (!r->title)
		r->title = txt_xstrdup("");
}

int txt_clean_doc(const txt_clean *c, const char *source, const char *text, size_t len,
                  txt_clean_result *r)
{
	span *ln;
	clean_fact *f;
	doc_facts(c, source, text, len, r, &f, &ln);
	if (model_on(c))
		apply_model(c, f, r->nlines, r);
	join_kept(text, ln, r->nlines, r);
	size_t nonblank = 0;
	for (size_t i = 0; i < r->nlines; i++)
		nonblank += ln[i].n > 0;
	r->dropped = nonblank - r->kept;
	free(f);
	free(ln);
	return 0;
}

int txt_clean_load_model(txt_clean *c, const char *path)
{
	char *def = path ? NULL : txt_models_path("clean.model"), *buf;
	size_t len;
	int rc = -1;
	if (txt_read_file(path ? path : def, &buf, &len) == 0) {
		txt_clean_model *m = clean_model_parse(buf, len, path ? path : def);
		free(buf);
		if (m) {
			clean_model_free(c->model);
			c->model = m;
			rc = 0;
		}
	}
	free(def);
	return rc;
}

/* The truth texts by id. */
static int read_truth(const char *path, txt_map *ids, char ***texts, size_t **lens)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		return -1;
	long ic = txt_table_need(t, "id", "docs"), tc = ic < 0 ? -1 : txt_table_need(t, "text", "docs");
	size_t cap = 64;
	*texts = txt_xreallocarray(NULL, cap, sizeof **texts);
	*lens = txt_xreallocarray(NULL, cap, sizeof **lens);
	txt_row *row;
	int rc = tc < 0 ? -1 : 0;
	while (rc == 0 && (rc = txt_table_next(t, &row)) == 1) {
		int isnew;
		uint32_t k = txt_map_put(ids, row->f[ic].s, row->f[ic].len, &isnew);
		if (!isnew) {
			rc = txt_err_set("%s:%llu: id '%.*s' given twice", txt_table_name(t),
			                 (unsigned long long)txt_table_lineno(t), (int)row->f[ic].len,
			                 row->f[ic].s);
			break;
		}
		if (k == cap) {
			*texts = txt_xreallocarray(*texts, cap *= 2, sizeof **texts);
			*lens = txt_xreallocarray(*lens, cap, sizeof **lens);
		}
		(*texts)[k] = txt_xstrndup(row->f[tc].s, row->f[tc].len);
		(*lens)[k] = row->f[tc].len;
		rc = 0;
	}
	txt_table_close(t);
	return rc;
}

static int train_docs(const txt_clean *c, txt_table *t, const txt_map *ids, char **texts,
                      const size_t *lens, clean_trainer *tr)
{
	long ic = txt_table_need(t, "id", "docs"), tc = ic < 0 ? -1 : txt_table_need(t, "text", "docs");
	long sc = txt_table_col(t, "source");
	if (tc < 0)
		return -1;
	txt_row *row;
	int rc;
	while ((rc = txt_table_next(t, &row)) == 1) {
		int64_t k = txt_map_get(ids, row->f[ic].s, row->f[ic].len);
		if (k < 0)
			continue; /* no truth: not a training document */
		char *src = sc >= 0 ? txt_xstrndup(row->f[sc].s, row->f[sc].len) : NULL;
		txt_clean_result r;
		span *ln;
		clean_fact *f;
		doc_facts(c, src, row->f[tc].s, row->f[tc].len, &r, &f, &ln);
		size_t ny;
		signed char *y = clean_label(row->f[tc].s, row->f[tc].len, texts[k], lens[k], &ny);
		clean_trainer_add(tr, f, y, r.nlines < ny ? r.nlines : ny);
		free(y), free(f), free(ln), free(src);
		txt_clean_result_free(&r);
	}
	return rc;
}

int txt_clean_train(const txt_clean *c, const char *docs, const char *truth, txt_writer *w)
{
	txt_map *ids = txt_map_new(64);
	char **texts = NULL;
	size_t *lens = NULL;
	int rc = read_truth(truth, ids, &texts, &lens);
	if (rc == 0) {
		txt_table *t = txt_table_open(docs);
		clean_trainer *tr = clean_trainer_new();
		rc = t ? train_docs(c, t, ids, texts, lens, tr) : -1;
		if (rc == 0)
			rc = clean_trainer_write(tr, w);
		clean_trainer_free(tr);
		txt_table_close(t);
	}
	txt_strs_free(texts, txt_map_size(ids));
	free(lens);
	txt_map_free(ids);
	return rc;
}

void txt_clean_result_free(txt_clean_result *r)
{
	if (!r)
		return;
	txt_free_all(r->text, r->title, r->rule);
	memset(r, 0, sizeof *r);
}

void txt_clean_explain(txt_writer *x, const char *id, const char *text,
                       const txt_clean_result *r)
{
	const char *p = text;
	for (size_t ln = 0; ln < r->nlines; ln++) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (r->rule[ln] != TXT_CLEAN_KEEP) {
			txt_tsv_write_field(x, id, strlen(id));
			txt_writer_printf(x, "\t%zu\t%s\t", ln + 1,
			                  rule_names[r->rule[ln] % TXT_CLEAN_NRULES]);
			txt_tsv_write_field(x, p, n);
			txt_writer_putc(x, '\n');
		}
		if (!e)
			break;
		p = e + 1;
	}
}

/* ---- the word lists' sets ---- */

static word_set sets[] = {{stop_en, NULL, 0}, {stop_es, NULL, 0}, {verbs, NULL, 0},
			  {months, NULL, 0}};

static const word_set *set_of(const char *const *list)
{
	size_t i = 0;
	while (sets[i].list != list)
		i++;
	return &sets[i];
}

static void sets_init(void) __attribute__((constructor));
static void sets_init(void)
{
	for (size_t k = 0; k < sizeof sets / sizeof *sets; k++) {
		word_set *s = &sets[k];
		size_t n = 0, cap = 16;
		while (s->list[n])
			n++;
		while (cap < 2 * n)
			cap *= 2;
		s->slot = txt_xcalloc(cap, sizeof *s->slot);
		s->mask = cap - 1;
		for (size_t i = 0; i < n; i++) {
			size_t j = txt_hash(s->list[i], strlen(s->list[i])) & s->mask;
			while (s->slot[j])
				j = (j + 1) & s->mask;
			s->slot[j] = s->list[i];
		}
	}
}
