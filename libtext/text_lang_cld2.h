/* C interface of text_lang_cld2.cc (private to text_lang.c).  Languages
 * are CLD2's numbers; -1 is unknown. */
#ifndef TEXT_LANG_CLD2_H
#define TEXT_LANG_CLD2_H
#ifdef __cplusplus
extern "C" {
#endif
/* s[0..n) must be valid UTF-8. */
int txt_cld2_detect(const char *s, int n, int hint, int *reliable, int *percent);
const char *txt_cld2_code(int lang);
int txt_cld2_lookup(const char *name);
#ifdef __cplusplus
}
#endif
#endif
