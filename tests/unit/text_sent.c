/* Unit tests for text_sent: one test per sentence case. */
#include "harness.h"
#include "text_sent.h"

/* The spans split finds in s, joined by " | " (a span's own line breaks kept). */
static const char *joined(const char *s, size_t (*split)(const char *, size_t, txt_span **))
{
	static char buf[4096];
	txt_span *sp;
	size_t n = split(s, strlen(s), &sp);
	size_t k = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%.*s", i ? " | " : "",
		                      (int)sp[i].len, s + sp[i].start);
	free(sp);
	return buf;
}

static const char *sents(const char *s) { return joined(s, txt_sent_split); }
static const char *paras(const char *s) { return joined(s, txt_sent_paragraphs); }

TEST(plain_sentences)
{
	CHECK_STR(sents("The port reopened. Ships queued outside."),
	          "The port reopened. | Ships queued outside.");
}

TEST(question_and_exclamation)
{
	CHECK_STR(sents("Who pays? Nobody knows! The council met again."),
	          "Who pays? | Nobody knows! | The council met again.");
}

TEST(title_abbreviations)
{
	CHECK_STR(sents("Mr. Ortega met Gen. Ruiz and Dr. Lamb. They spoke."),
	          "Mr. Ortega met Gen. Ruiz and Dr. Lamb. | They spoke.");
}

TEST(dotted_acronyms)
{
	CHECK_STR(sents("The U.S. Treasury froze the funds. Officials in the U.K. agreed."),
	          "The U.S. Treasury froze the funds. | Officials in the U.K. agreed.");
	/* an acronym ends a sentence before a typical sentence start */
	CHECK_STR(sents("The plan came from the U.S. The talks ended."),
	          "The plan came from the U.S. | The talks ended.");
}

TEST(months_and_times)
{
	CHECK_STR(sents("The vote is on Nov. 4 at 9 a.m. The polls close at 8 p.m. on the day."),
	          "The vote is on Nov. 4 at 9 a.m. | The polls close at 8 p.m. on the day.");
	CHECK_STR(sents("It opened at 7 a.m. Monday and closed at noon."),
	          "It opened at 7 a.m. Monday and closed at noon.");
}

TEST(initials)
{
	CHECK_STR(sents("The report by J. R. Tolland was leaked. It named three firms."),
	          "The report by J. R. Tolland was leaked. | It named three firms.");
}

TEST(decimals_and_money)
{
	CHECK_STR(sents("Wheat rose 5.81 percent to $5.93 a bushel. Corn fell."),
	          "Wheat rose 5.81 percent to $5.93 a bushel. | Corn fell.");
	CHECK_STR(sents("The bill cost $1.2 billion. It passed."),
	          "The bill cost $1.2 billion. | It passed.");
}

TEST(ellipses)
{
	CHECK_STR(sents("We waited … and waited. Then the bus came."),
	          "We waited … and waited. | Then the bus came.");
	CHECK_STR(sents("He trailed off... Nobody answered."),
	          "He trailed off... | Nobody answered.");
	CHECK_STR(sents("It was late… Everyone left."), "It was late… | Everyone left.");
}

TEST(quote_closing_after_comma)
{
	CHECK_STR(sents("\xE2\x80\x9CWe will not sign,\xE2\x80\x9D the minister said. "
	                "Talks resume Monday."),
	          "\xE2\x80\x9CWe will not sign,\xE2\x80\x9D the minister said. | "
	          "Talks resume Monday.");
}

TEST(quote_closing_after_full_stop)
{
	CHECK_STR(sents("She said: \xE2\x80\x9CIt is over.\xE2\x80\x9D The crowd left."),
	          "She said: \xE2\x80\x9CIt is over.\xE2\x80\x9D | The crowd left.");
	CHECK_STR(sents("\"Is it over?\" he asked. \"Yes.\""),
	          "\"Is it over?\" he asked. | \"Yes.\"");
}

TEST(question_in_quote_then_lowercase)
{
	CHECK_STR(sents("\xE2\x80\x9CWhy now?\xE2\x80\x9D she asked."),
	          "\xE2\x80\x9CWhy now?\xE2\x80\x9D she asked.");
}

TEST(line_without_final_punctuation)
{
	CHECK_STR(sents("Harbour strike enters second week\nDockers voted on Friday."),
	          "Harbour strike enters second week | Dockers voted on Friday.");
}

TEST(wrapped_line_continues)
{
	CHECK_STR(sents("The mayor said the road\nwould reopen soon. Drivers cheered."),
	          "The mayor said the road\nwould reopen soon. | Drivers cheered.");
}

TEST(numbers_and_domains_end_sentences)
{
	CHECK_STR(sents("Prices rose 2.5%. What now? Visit www.example.com. Done."),
	          "Prices rose 2.5%. | What now? | Visit www.example.com. | Done.");
	/* St. and No. end a sentence before a sentence start, not before a name */
	CHECK_STR(sents("They live on Main St. They left. He met St. Clair. The answer was no. It ended."),
	          "They live on Main St. | They left. | He met St. Clair. | The answer was no. | It ended.");
	CHECK_STR(sents("It was item No. 10 on the list."), "It was item No. 10 on the list.");
}

TEST(urls_and_domains_not_split)
{
	CHECK_STR(sents("Details are on example.org today. More follow."),
	          "Details are on example.org today. | More follow.");
}

TEST(spanish_openers)
{
	CHECK_STR(sents("Llegó tarde. ¿Por qué? Nadie lo sabe."),
	          "Llegó tarde. | ¿Por qué? | Nadie lo sabe.");
}

TEST(empty_and_blank)
{
	txt_span *sp;
	CHECK(txt_sent_split("", 0, &sp) == 0);
	free(sp);
	CHECK(txt_sent_split("  \n\n ", 5, &sp) == 0);
	free(sp);
}

TEST(paragraphs_by_blank_lines)
{
	CHECK_STR(paras("One. Two.\nstill two\n\nThree.\n\n\nFour."),
	          "One. Two.\nstill two | Three. | Four.");
}

TEST(paragraphs_by_lines)
{
	CHECK_STR(paras("First line.\nSecond line.\n"), "First line. | Second line.");
}

TEST(title_abbrev_helper)
{
	CHECK(txt_sent_is_title_abbrev("Gen", 3));
	CHECK(txt_sent_is_title_abbrev("J", 1));
	CHECK(!txt_sent_is_title_abbrev("ships", 5));
}

RUN_TESTS(T(plain_sentences), T(question_and_exclamation), T(title_abbreviations),
          T(dotted_acronyms), T(months_and_times), T(initials), T(decimals_and_money),
          T(ellipses), T(quote_closing_after_comma), T(quote_closing_after_full_stop),
          T(question_in_quote_then_lowercase), T(line_without_final_punctuation),
          T(wrapped_line_continues), T(urls_and_domains_not_split), T(numbers_and_domains_end_sentences), T(spanish_openers),
          T(empty_and_blank), T(paragraphs_by_blank_lines), T(paragraphs_by_lines),
          T(title_abbrev_helper))
