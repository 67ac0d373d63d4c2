/* Unit tests for text_utf8: validation, decoding, repair, folding. */
#include "harness.h"
#include "text_err.h"
#include "text_utf8.h"

TEST(valid_and_check)
{
	CHECK(txt_utf8_valid("", 0));
	CHECK(txt_utf8_valid("plain ascii text", 16));
	CHECK(txt_utf8_valid("país €𝄞", strlen("país €𝄞")));
	CHECK(txt_utf8_check("ab\xFF" "cd", 5) == 2);
	CHECK(txt_utf8_check("abcdefghij\xC3", 11) == 10);      /* truncated */
	CHECK(!txt_utf8_valid("\xC0\xAF", 2));                  /* overlong '/' */
	CHECK(!txt_utf8_valid("\xE0\x80\xAF", 3));              /* overlong */
	CHECK(!txt_utf8_valid("\xED\xA0\x80", 3));              /* surrogate */
	CHECK(!txt_utf8_valid("\xF4\x90\x80\x80", 4));          /* > U+10FFFF */
	CHECK(!txt_utf8_valid("\x80", 1));                      /* stray continuation */
	CHECK(txt_utf8_valid("a\0b", 3));                       /* NUL is valid */
}

TEST(decode)
{
	int32_t cp;
	CHECK(txt_utf8_decode("A", 1, &cp) == 1 && cp == 'A');
	CHECK(txt_utf8_decode("é", 2, &cp) == 2 && cp == 0xE9);
	CHECK(txt_utf8_decode("€", 3, &cp) == 3 && cp == 0x20AC);
	CHECK(txt_utf8_decode("𝄞", 4, &cp) == 4 && cp == 0x1D11E);
	CHECK(txt_utf8_decode("x", 0, &cp) == 0 && cp == -1);
	/* invalid: the maximal subpart is consumed, cp = -1 */
	CHECK(txt_utf8_decode("\xFF", 1, &cp) == 1 && cp == -1);
	CHECK(txt_utf8_decode("\xE2\x82", 2, &cp) == 2 && cp == -1);
	CHECK(txt_utf8_decode("\xE2\x82x", 3, &cp) == 2 && cp == -1);
	CHECK(txt_utf8_decode("\xC3(", 2, &cp) == 1 && cp == -1);
	CHECK(txt_utf8_decode("\xED\xA0\x80", 3, &cp) == 1 && cp == -1);
}

TEST(encode_roundtrip)
{
	int32_t cps[] = {0x41, 0xE9, 0x7FF, 0x800, 0x20AC, 0xFFFD, 0x10000, 0x10FFFF};
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
		char b[4];
		int32_t back;
		size_t n = txt_utf8_encode(cps[i], b);
		CHECK(n >= 1 && n <= 4);
		CHECK(txt_utf8_decode(b, n, &back) == n && back == cps[i]);
	}
	char b[4];
	CHECK(txt_utf8_encode(0xD800, b) == 0);
	CHECK(txt_utf8_encode(0x110000, b) == 0);
	CHECK(txt_utf8_encode(-1, b) == 0);
}

TEST(repair)
{
	size_t n, bad;
	char *r = txt_utf8_repair("ok", 2, &n, &bad);
	CHECK_STR(r, "ok");
	CHECK(n == 2 && bad == 0);
	free(r);
	r = txt_utf8_repair("a\xFF" "b\xE2\x82" "c\xC3", 7, &n, &bad);
	CHECK_STR(r, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD");
	CHECK(bad == 3);
	CHECK(n == strlen(r));
	CHECK(txt_utf8_valid(r, n));
	free(r);
	r = txt_utf8_repair("", 0, &n, &bad);
	CHECK_STR(r, "");
	CHECK(n == 0 && bad == 0);
	free(r);
}

static char *fold(const char *s)
{
	return txt_utf8_fold_dup(s, strlen(s), NULL);
}

TEST(fold_rules)
{
	char *f;
	CHECK_STR(f = fold("PAÍS"), "país");
	free(f);
	CHECK_STR(f = fold("Ｆｕｌｌ"), "full");
	free(f);
	CHECK_STR(f = fold("Straße"), "strasse");
	free(f);
	CHECK_STR(f = fold("ﬁne"), "fine");
	free(f); /* NFKC ligature */
	CHECK_STR(f = fold("Cafe\xCC\x81"), "café");
	free(f); /* composed */
	CHECK_STR(f = fold("ΣΊΣΥΦΟΣ"), "σίσυφοσ");
	free(f); /* full folding */
	CHECK_STR(f = fold("co\xC2\xAD" "operate"), "cooperate");
	free(f); /* soft hyphen */
	CHECK_STR(f = fold("Hello, WORLD 42"), "hello, world 42");
	free(f);
	CHECK_STR(f = fold(""), "");
	free(f);
}

TEST(fold_buffer_reuse_and_errors)
{
	char *buf = NULL;
	size_t cap = 0;
	CHECK(txt_utf8_fold("ÉCOLE", strlen("ÉCOLE"), &buf, &cap) == strlen("école"));
	CHECK_STR(buf, "école");
	CHECK(txt_utf8_fold("ABC", 3, &buf, &cap) == 3);
	CHECK_STR(buf, "abc");
	/* a long non-ASCII string grows the buffer */
	char big[3000];
	for (int i = 0; i < 1000; i++)
		memcpy(big + 2 * i, "É", 2);
	CHECK(txt_utf8_fold(big, 2000, &buf, &cap) == 2000);
	CHECK(memcmp(buf, "éé", 4) == 0 && buf[2000] == '\0');
	CHECK(txt_utf8_fold("a\xFF", 2, &buf, &cap) == (size_t)-1);
	CHECK(strstr(txt_err(), "invalid UTF-8") != NULL);
	CHECK(txt_utf8_fold_dup("\xC3", 1, NULL) == NULL);
	free(buf);
}

RUN_TESTS(T(valid_and_check), T(decode), T(encode_roundtrip), T(repair), T(fold_rules),
	  T(fold_buffer_reuse_and_errors))
