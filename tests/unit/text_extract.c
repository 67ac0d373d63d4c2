/* Unit tests for text_extract: the article of a page with the usual chrome
 * around it, metadata from JSON-LD, OpenGraph and <title>, dates, hosts,
 * hidden text, deep nesting. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "text_extract.h"

static const char page[] =
	"<!DOCTYPE html><html lang=\"en-GB\"><head><title>Rain plan approved | Daily Bugle</title>"
	"<meta property=\"og:site_name\" content=\"Daily Bugle\">"
	"<meta name=\"author\" content=\"Meta Name\">"
	"<link rel=\"canonical\" href=\"https://www.bugle.example/rain\">"
	"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
	"{\"@type\":\"WebSite\",\"name\":\"Bugle\"},{\"@type\":\"NewsArticle\","
	"\"headline\":\"Rain plan approved\",\"datePublished\":\"2024-03-05T09:30:00+01:00\","
	"\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"},{\"name\":\"Bo Ng\"}]}]}</script>"
	"<style>p{color:red}</style></head><body>"
	"<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li>"
	"<li><a href=\"/sport\">Sport</a></li></ul></nav></header>"
	"<div id=\"cookie-banner\">We use cookies to improve your experience. Accept all cookies?</div>"
	"<main><article><h1>Rain plan approved</h1>"
	"<div class=\"byline\">By Ann Lee and Bo Ng, 5 March 2024</div>"
	"<div class=\"article-body\">"
	"<p>The city council approved the rain plan on Tuesday, after a debate that lasted, "
	"by most accounts, well into the night.</p>"
	"<figure><img src=\"x.jpg\"><figcaption>Rain over the harbour, last week.</figcaption></figure>"
	"<p>Supporters said the plan, which costs four million, would protect homes near the river "
	"from flooding, while opponents called it rushed.</p>"
	"<h2>What happens next</h2>"
	"<p>Work starts in May. The council will publish a timetable, and residents can comment "
	"on it until April.</p>"
	"<ul><li>Drains along the river, widened by next year.</li>"
	"<li>Two new pumping stations, at the old mill and the port.</li></ul>"
	"<div class=\"share-tools\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a></div>"
	"<p style=\"display:none\">Hidden teaser text that no reader sees on the page at all.</p>"
	"<p>The mayor said she was pleased, and thanked the engineers for their patient work.</p>"
	"</div></article>"
	"<aside class=\"related\"><h3>Related stories</h3><ul>"
	"<li><a href=\"/a\">Storm hits the coast, again, and again this time</a></li>"
	"<li><a href=\"/b\">Council budget, explained in five charts and a map</a></li></ul></aside>"
	"</main><footer><p>Copyright 2024 Daily Bugle. All rights reserved.</p></footer>"
	"</body></html>";

static const char expected[] =
	"The city council approved the rain plan on Tuesday, after a debate that lasted, "
	"by most accounts, well into the night.\n"
	"Supporters said the plan, which costs four million, would protect homes near the river "
	"from flooding, while opponents called it rushed.\n"
	"What happens next\n"
	"Work starts in May. The council will publish a timetable, and residents can comment "
	"on it until April.\n"
	"Drains along the river, widened by next year.\n"
	"Two new pumping stations, at the old mill and the port.\n"
	"The mayor said she was pleased, and thanked the engineers for their patient work.";

TEST(article_without_chrome)
{
	txt_page p = {0};
	CHECK(txt_extract_html(page, sizeof page - 1, NULL, TXT_EXTRACT_MAIN, &p) == 0);
	CHECK_STR(p.text, expected);
	CHECK(p.text_len == strlen(expected));
	txt_page_free(&p);
}

TEST(all_visible_text)
{
	txt_page p = {0};
	CHECK(txt_extract_html(page, sizeof page - 1, NULL, TXT_EXTRACT_ALL, &p) == 0);
	CHECK(strstr(p.text, "Home\nWorld\nSport\n") != NULL);
	CHECK(strstr(p.text, "Rain over the harbour") != NULL);
	CHECK(strstr(p.text, "Copyright 2024") != NULL);
	CHECK(strstr(p.text, "Hidden teaser") == NULL); /* not visible */
	CHECK(strstr(p.text, "color:red") == NULL);
	CHECK(strstr(p.text, "NewsArticle") == NULL);
	txt_page_free(&p);
}

TEST(metadata)
{
	txt_page p = {0};
	txt_extract_html(page, sizeof page - 1, NULL, TXT_EXTRACT_MAIN, &p);
	CHECK_STR(p.title, "Rain plan approved");
	CHECK_STR(p.author, "Ann Lee; Bo Ng"); /* JSON-LD before <meta name=author> */
	CHECK_STR(p.date, "2024-03-05T09:30:00+01:00");
	CHECK_STR(p.site, "Daily Bugle");
	CHECK_STR(p.url, "https://www.bugle.example/rain");
	CHECK_STR(p.lang, "en");
	/* without JSON-LD or OpenGraph: <title>, meta tags, <time> */
	static const char plain[] =
		"<html><head><title>  Plain\n title </title><meta name=\"author\" content=\"Cy Do\">"
		"<meta http-equiv=\"content-language\" content=\"fr-CA\"></head>"
		"<body><time datetime=\"Tue, 19 Nov 2019 08:00:00 GMT\">Nov 19</time><p>x</p></body></html>";
	txt_extract_html(plain, sizeof plain - 1, NULL, TXT_EXTRACT_MAIN, &p);
	CHECK_STR(p.title, "Plain title");
	CHECK_STR(p.author, "Cy Do");
	CHECK_STR(p.date, "2019-11-19T08:00:00Z");
	CHECK_STR(p.lang, "fr");
	CHECK_STR(p.site, "");
	CHECK_STR(p.url, "");
	/* malformed JSON-LD is ignored */
	static const char bad[] = "<script type=application/ld+json>{\"headline\": </script><h1>H</h1>";
	txt_extract_html(bad, sizeof bad - 1, NULL, TXT_EXTRACT_MAIN, &p);
	CHECK_STR(p.title, "H");
	txt_page_free(&p);
}

TEST(dates_and_hosts)
{
	char d[40];
	CHECK(txt_extract_date("2019-11-20", d, sizeof d) == 0);
	CHECK_STR(d, "2019-11-20");
	CHECK(txt_extract_date("2019-11-20T06:35:39.123+0000", d, sizeof d) == 0);
	CHECK_STR(d, "2019-11-20T06:35:39+00:00");
	CHECK(txt_extract_date("2019-11-20 06:35", d, sizeof d) == 0);
	CHECK_STR(d, "2019-11-20T06:35:00");
	CHECK(txt_extract_date("November 19, 2019", d, sizeof d) == 0);
	CHECK_STR(d, "2019-11-19");
	CHECK(txt_extract_date("19 Nov. 2019", d, sizeof d) == 0);
	CHECK_STR(d, "2019-11-19");
	CHECK(txt_extract_date("2019-13-40", d, sizeof d) < 0);
	CHECK_STR(d, "");
	CHECK(txt_extract_date("yesterday", d, sizeof d) < 0);
	char *h = txt_extract_host("https://user@WWW.Example.org:8080/a?b");
	CHECK_STR(h, "example.org");
	free(h);
	h = txt_extract_host("not a url");
	CHECK_STR(h, "");
	free(h);
}

TEST(deep_nesting_and_hostile_markup)
{
	size_t k = 100000, n = 0;
	char *s = malloc(k * 11 + 64);
	for (size_t i = 0; i < k; i++)
		memcpy(s + n, "<div>", 5), n += 5;
	const char *t = "Deep down, the text is still found.";
	memcpy(s + n, t, strlen(t)), n += strlen(t);
	for (size_t i = 0; i < k; i++)
		memcpy(s + n, "</div>", 6), n += 6;
	txt_page p = {0};
	CHECK(txt_extract_html(s, n, NULL, TXT_EXTRACT_MAIN, &p) == 0);
	CHECK_STR(p.text, t);
	free(s);
	/* NUL bytes become U+FFFD, never cut the text */
	static const char nul[] = "<p>before\0after, and a sentence that goes on.</p>";
	CHECK(txt_extract_html(nul, sizeof nul - 1, NULL, TXT_EXTRACT_ALL, &p) == 0);
	CHECK_STR(p.text, "before\xEF\xBF\xBD" "after, and a sentence that goes on.");
	static const char soup[] = "<table><tr><td><p>one<td>two<li>three</b></i></table></div>";
	CHECK(txt_extract_html(soup, sizeof soup - 1, NULL, TXT_EXTRACT_ALL, &p) == 0);
	CHECK_STR(p.text, "one\ntwo\nthree");
	CHECK(txt_extract_html("", 0, NULL, TXT_EXTRACT_MAIN, &p) == 0);
	CHECK_STR(p.text, "");
	CHECK_STR(p.title, "");
	txt_page_free(&p);
}

RUN_TESTS(T(article_without_chrome), T(all_visible_text), T(metadata), T(dates_and_hosts),
	  T(deep_nesting_and_hostile_markup))
