/* text_lang: language identification, the one module every tool asks.
 *
 * Backed by CLD2 (Compact Language Detector 2, Debian libcld2), whose
 * tables are compiled into the library: 83 languages, no data files.
 * CLD2 scores quadgrams (Latin, Cyrillic, ...) and single characters
 * (CJK) and says whether its answer is reliable; it is the detector
 * that was built into Chrome.  DESIGN.md says why not libexttextcat.
 *
 * Codes are ISO 639-1 where one exists ("en", "de", "he", "zh"),
 * "zh-Hant" for traditional Chinese, ISO 639-2/3 otherwise ("chr").
 * Thread safe: no state. */
#ifndef TEXT_LANG_H
#define TEXT_LANG_H
#include <stddef.h>

typedef struct txt_lang_guess {
	const char *code; /* language code, or NULL when unknown */
	int reliable;     /* 1 when CLD2 calls the guess reliable */
	int percent;      /* share of the scored text in that language, 0-100 */
} txt_lang_guess;

/* Language of UTF-8 text s[0..n) (invalid bytes are read as spaces).
 * hint (a code, or NULL) is the language expected, e.g. the document's
 * when guessing one of its lines: it tips close calls its way. */
txt_lang_guess txt_lang_detect(const char *s, size_t n, const char *hint);

/* The code of a language CLD2 knows (code or English name, any case:
 * "de", "German", "iw"), in this module's spelling; NULL if unknown. */
const char *txt_lang_code(const char *name);

#endif
