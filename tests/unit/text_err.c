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

RUN_TESTS(T(message_from_itself))
