/* Unit tests for text_err. */
#include "harness.h"
#include "text_err.h"

/* A message built from the one recorded before it reads that message whole
 * (it used to be formatted into the buffer it was read from). */
TEST(message_from_itself)
{
	txt_err_set("punct.tsv:1: pattern word '!!!' is not a word");
	txt_err_set("%s: %s", "ncls.gz", txt_err());
	CHECK_STR(txt_err(), "ncls.gz: punct.tsv:1: pattern word '!!!' is not a word");
	txt_err_set("%s (%s)", txt_err(), "again");
	CHECK_STR(txt_err(), "ncls.gz: punct.tsv:1: pattern word '!!!' is not a word (again)");
	char longer[2000];
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	txt_err_set("%s", longer);
	txt_err_set("x: %s", txt_err()); /* cut to the buffer, not overrun */
	CHECK(strncmp(txt_err(), "x: aaa", 6) == 0 && strlen(txt_err()) == 1023);
}

/* txt_buf_printf appends whatever the length, into an empty buffer too,
 * and the buffer stays NUL-terminated; against snprintf's own text. */
TEST(buf_printf)
{
	txt_buf b = {0};
	txt_buf_printf(&b, "%s", "");
	CHECK(b.s && b.n == 0 && b.s[0] == '\0');
	txt_buf_printf(&b, "%d-%s", 42, "x");
	CHECK_STR(b.s, "42-x");
	char big[3000], want[3100];
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	for (int i = 0; i < 3; i++)
		txt_buf_printf(&b, "[%s]", big);
	snprintf(want, sizeof want, "42-x[%s]", big);
	CHECK(b.n == 4 + 3 * (sizeof big + 1) && strlen(b.s) == b.n);
	CHECK(strncmp(b.s, want, strlen(want)) == 0 && b.s[b.n - 1] == ']');
	free(b.s);
}

TEST(strs_free)
{
	char **v = txt_xcalloc(3, sizeof *v);
	v[0] = txt_xstrdup("a");
	v[2] = txt_xstrdup("c");
	txt_strs_free(v, 3); /* a NULL among them: the SAN build's LeakSanitizer checks */
	txt_strs_free(NULL, 5);
}

/* Every argument freed, NULLs skipped, and a struct listed after its own
 * fields: ASan catches a read after free, LeakSanitizer a missed one. */
TEST(free_all)
{
	struct two { char *a, *b; } *t = txt_xcalloc(1, sizeof *t);
	t->a = txt_xstrdup("a");
	char *lone = txt_xstrdup("lone");
	txt_free_all(t->a, t->b, lone, t);
	txt_free_all(NULL);
}

RUN_TESTS(T(message_from_itself), T(buf_printf), T(strs_free), T(free_all))
