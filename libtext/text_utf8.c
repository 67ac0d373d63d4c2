#include "text_utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text_err.h"

#define LOW(c) ((c) >= 'A' && (c) <= 'Z' ? (unsigned char)((c) + 32) : (c))
#define R4(b) LOW(b), LOW(b + 1), LOW(b + 2), LOW(b + 3)
#define R16(b) R4(b), R4(b + 4), R4(b + 8), R4(b + 12)
#define R64(b) R16(b), R16(b + 16), R16(b + 32), R16(b + 48)
const unsigned char txt_utf8_lower[256] = {R64(0), R64(64), R64(128), R64(192)};
#undef R64
#undef R16
#undef R4
#undef LOW

size_t txt_utf8_decode(const char *str, size_t n, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0) {
		*cp = -1;
		return 0;
	}
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	size_t need;
	unsigned lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
	int32_t v;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2, v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3, v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0; /* no overlongs */
		else if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4, v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F; /* nothing above U+10FFFF */
	} else {
		*cp = -1;
		return 1;
	}
	size_t i = 1;
	for (; i < need; i++) {
		if (i >= n)
			break;
		unsigned b = s[i];
		if (b < lo || b > hi)
			break;
		lo = 0x80, hi = 0xBF;
		v = (v << 6) | (int32_t)(b & 0x3F);
	}
	if (i < need) {
		*cp = -1;
		return i; /* the maximal subpart */
	}
	*cp = v;
	return need;
}

size_t txt_utf8_encode(int32_t cp, char out[4])
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Length of the ASCII prefix of s[0..n), eight bytes at a time. */
static size_t ascii_prefix(const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
	}
	while (i < n && !((unsigned char)s[i] & 0x80))
		i++;
	return i;
}

size_t txt_utf8_check(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		i += ascii_prefix(s + i, n - i);
		if (i >= n)
			break;
		int32_t cp;
		size_t k = txt_utf8_decode(s + i, n - i, &cp);
		if (cp < 0)
			return i;
		i += k;
	}
	return n;
}

int txt_utf8_valid(const char *s, size_t n)
{
	return txt_utf8_check(s, n) == n;
}

char *txt_utf8_repair(const char *s, size_t n, size_t *outlen, size_t *nbad)
{
	/* Each bad sequence (>= 1 byte) becomes 3 bytes: at most 3n. */
	size_t bad = 0, o = 0;
	size_t first = txt_utf8_check(s, n);
	char *out = txt_xmalloc(first == n ? n + 1 : first + 3 * (n - first) + 1);
	memcpy(out, s, first);
	o = first;
	for (size_t i = first; i < n;) {
		int32_t cp;
		size_t k = txt_utf8_decode(s + i, n - i, &cp);
		if (cp < 0) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			bad++;
		} else {
			memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = '\0';
	if (outlen)
		*outlen = o;
	if (nbad)
		*nbad = bad;
	return out;
}

static void reserve(char **buf, size_t *cap, size_t need)
{
	if (*cap >= need)
		return;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	*buf = txt_xrealloc(*buf, c);
	*cap = c;
}

#define FOLD_OPTS (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | \
		   UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

size_t txt_utf8_fold(const char *s, size_t n, char **buf, size_t *cap)
{
	size_t a = ascii_prefix(s, n);
	if (a == n) {
		reserve(buf, cap, n + 1);
		for (size_t i = 0; i < n; i++)
			(*buf)[i] = (char)txt_utf8_lower[(unsigned char)s[i]];
		(*buf)[n] = '\0';
		return n;
	}
	if (txt_utf8_check(s + a, n - a) != n - a) {
		txt_err_set("invalid UTF-8 at byte %zu", a + txt_utf8_check(s + a, n - a));
		return (size_t)-1;
	}
	/* Decompose into code points in *buf, then recompose and re-encode in
	 * place (utf8proc_reencode needs room for the code points + 1). */
	utf8proc_ssize_t room = (utf8proc_ssize_t)n + 8, got;
	for (;;) {
		reserve(buf, cap, ((size_t)room + 1) * sizeof(int32_t));
		got = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
					 (utf8proc_int32_t *)(void *)*buf, room, FOLD_OPTS);
		if (got < 0) {
			txt_err_set("cannot normalise: %s", utf8proc_errmsg(got));
			return (size_t)-1;
		}
		if (got <= room)
			break;
		room = got;
	}
	got = utf8proc_reencode((utf8proc_int32_t *)(void *)*buf, got, FOLD_OPTS);
	if (got < 0) {
		txt_err_set("cannot normalise: %s", utf8proc_errmsg(got));
		return (size_t)-1;
	}
	return (size_t)got;
}

char *txt_utf8_fold_dup(const char *s, size_t n, size_t *outlen)
{
	char *buf = NULL;
	size_t cap = 0;
	size_t len = txt_utf8_fold(s, n, &buf, &cap);
	if (len == (size_t)-1) {
		free(buf);
		return NULL;
	}
	if (outlen)
		*outlen = len;
	return buf;
}
