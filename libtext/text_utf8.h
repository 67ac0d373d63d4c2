/* text_utf8: UTF-8 validation, decoding, repair, NFKC + case folding.
 *
 * Validity is strict (RFC 3629): no overlong forms, no surrogates, nothing
 * above U+10FFFF.  An invalid sequence is a "maximal subpart" in the sense
 * of the Unicode Standard (ch. 3, U+FFFD substitution): the longest prefix
 * of a well-formed sequence, or one byte.
 *
 * Ownership: txt_utf8_repair and txt_utf8_fold_dup return malloc'd strings
 * the caller frees.  txt_utf8_fold writes into a caller-owned growable
 * buffer (*buf, *cap; start with NULL, 0 and free(*buf) at the end).  No
 * function keeps a pointer to its input. */
#ifndef TEXT_UTF8_H
#define TEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Offset of the first invalid byte of s[0..n), or n when all is valid. */
size_t txt_utf8_check(const char *s, size_t n);
/* 1 when s[0..n) is valid UTF-8, else 0. */
int txt_utf8_valid(const char *s, size_t n);

/* Decode one code point at s[0..n).  Returns the bytes consumed (0 only when
 * n == 0) and sets *cp to the code point, or to -1 when those bytes are an
 * invalid sequence. */
size_t txt_utf8_decode(const char *s, size_t n, int32_t *cp);
/* Encode cp (0..0x10FFFF, not a surrogate) into out; returns 1..4, or 0
 * for an invalid code point. */
size_t txt_utf8_encode(int32_t cp, char out[4]);

/* A copy of s[0..n) with every invalid sequence replaced by U+FFFD, NUL-
 * terminated; *outlen gets its length and *nbad (if not NULL) the number of
 * replacements.  Caller frees. */
char *txt_utf8_repair(const char *s, size_t n, size_t *outlen, size_t *nbad);

/* NFKC + full case folding (utf8proc STABLE|COMPAT|COMPOSE|CASEFOLD, and
 * IGNORE, which drops default-ignorable code points such as soft hyphens,
 * as Unicode's NFKC_Casefold does).  Pure ASCII input is just lower-cased.
 * "PAÍS" -> "país", "Ｆｕｌｌ" -> "full", "Straße" -> "strasse".
 * The result goes to *buf (grown as needed, NUL-terminated); returns its
 * length, or (size_t)-1 with txt_err() set when s is not valid UTF-8. */
size_t txt_utf8_fold(const char *s, size_t n, char **buf, size_t *cap);
/* The same into a new string (caller frees); NULL on invalid UTF-8. */
char *txt_utf8_fold_dup(const char *s, size_t n, size_t *outlen);

/* ASCII lower-case table (bytes >= 0x80 map to themselves). */
extern const unsigned char txt_utf8_lower[256];

#endif
