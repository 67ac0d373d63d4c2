/* Fuzz the HTML reader: sniffing, charset decoding, parsing (libxml2) and
 * extraction, main text and all text.  The first byte picks the mode and
 * an HTTP charset.  Promises checked: the fields are valid UTF-8, the
 * metadata has no tabs or line breaks, the text has no NUL and no empty
 * line. */
#include "fuzz.h"
#include "text_extract.h"
#include "text_html.h"
#include "text_utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	txt_html_init();
	return 0;
}

static void check_field(const char *s, int text)
{
	size_t n = strlen(s);
	if (!txt_utf8_valid(s, n))
		abort();
	if (!text && strpbrk(s, "\t\n\r"))
		abort();
	if (text && (s[0] == '\n' || strstr(s, "\n\n") || (n && s[n - 1] == '\n')))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *http[] = {NULL, "utf-8", "windows-1251", "shift_jis"};
	if (size < 1)
		return 0;
	int mode = data[0] & 1 ? TXT_EXTRACT_ALL : TXT_EXTRACT_MAIN;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	(void)txt_html_sniff(s, n);
	txt_page p = {0};
	if (txt_extract_html(s, n, http[(data[0] >> 1) & 3], mode, &p) < 0)
		abort(); /* only pages over 64 MiB fail */
	if (strlen(p.text) != p.text_len)
		abort();
	check_field(p.text, 1);
	const char *meta[] = {p.title, p.author, p.date, p.site, p.url, p.lang};
	for (size_t i = 0; i < 6; i++)
		check_field(meta[i], 0);
	txt_page_free(&p);
	return 0;
}
