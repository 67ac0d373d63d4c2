/* text_lang's bridge to CLD2, whose interface is C++: plain C calls in,
 * language numbers out.  Everything else lives in text_lang.c. */
#include <cstdio> /* compact_lang_det.h uses FILE without including it */

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "text_lang_cld2.h"

int txt_cld2_detect(const char *s, int n, int hint, int *reliable, int *percent)
{
	CLD2::Language lang3[3];
	int pct3[3], bytes = 0;
	bool rel = false;
	CLD2::Language hl = hint >= 0 ? static_cast<CLD2::Language>(hint) : CLD2::UNKNOWN_LANGUAGE;
	CLD2::Language g = CLD2::DetectLanguageSummary(s, n, true, "", CLD2::UNKNOWN_ENCODING, hl,
	                                               lang3, pct3, &bytes, &rel);
	*reliable = rel;
	*percent = pct3[0];
	/* With nothing to score CLD2 answers English at 0%: unknown. */
	if (g == CLD2::UNKNOWN_LANGUAGE || g == CLD2::TG_UNKNOWN_LANGUAGE || bytes == 0 || pct3[0] == 0)
		return -1;
	return static_cast<int>(g);
}

const char *txt_cld2_code(int lang)
{
	if (lang < 0 || lang >= CLD2::NUM_LANGUAGES)
		return nullptr;
	return CLD2::LanguageCode(static_cast<CLD2::Language>(lang));
}

int txt_cld2_lookup(const char *name)
{
	CLD2::Language l = CLD2::GetLanguageFromName(name);
	return l == CLD2::UNKNOWN_LANGUAGE ? -1 : static_cast<int>(l);
}
