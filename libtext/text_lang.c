/* text_lang: language identification through CLD2 (see text_lang.h). */
#include "text_lang.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text_lang_cld2.h"
#include "text_utf8.h"

/* CLD2 keeps Google's old codes for two languages: give ISO 639-1. */
static const char *const renamed[][2] = {{"iw", "he"}, {"jw", "jv"}};

static const char *iso_code(const char *cld)
{
	if (!cld)
		return NULL;
	for (size_t i = 0; i < sizeof renamed / sizeof *renamed; i++)
		if (strcmp(cld, renamed[i][0]) == 0)
			return renamed[i][1];
	return cld;
}

/* CLD2 knows codes in lower case and names in upper case. */
static int lookup(const char *name)
{
	char buf[64];
	size_t n = name ? strlen(name) : 0;
	if (!n || n >= sizeof buf)
		return -1;
	for (size_t i = 0; i < sizeof renamed / sizeof *renamed; i++)
		if (strcasecmp(name, renamed[i][1]) == 0)
			name = renamed[i][0], n = strlen(name);
	for (int upper = 0; upper < 2; upper++) {
		for (size_t i = 0; i <= n; i++)
			buf[i] = (char)(upper ? toupper((unsigned char)name[i])
			                      : tolower((unsigned char)name[i]));
		int l = txt_cld2_lookup(buf);
		if (l >= 0)
			return l;
	}
	return -1;
}

const char *txt_lang_code(const char *name)
{
	int l = lookup(name);
	return l < 0 ? NULL : iso_code(txt_cld2_code(l));
}

/* CLD2 reads an int length and wants valid UTF-8 (repair may triple the
 * length); longer texts are judged by their first MAX_BYTES, cut at a
 * character boundary. */
#define MAX_BYTES ((size_t)1 << 28)

txt_lang_guess txt_lang_detect(const char *s, size_t n, const char *hint)
{
	txt_lang_guess g = {NULL, 0, 0};
	if (n > MAX_BYTES) {
		n = MAX_BYTES;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	char *copy = NULL;
	if (txt_utf8_check(s, n) < n) {
		copy = txt_utf8_repair(s, n, &n, NULL);
		s = copy;
	}
	int rel = 0, pct = 0;
	int l = txt_cld2_detect(s, (int)n, lookup(hint), &rel, &pct);
	free(copy);
	if (l >= 0) {
		g.code = iso_code(txt_cld2_code(l));
		g.reliable = rel;
		g.percent = pct;
	}
	return g;
}
