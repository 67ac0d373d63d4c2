/* Unit tests for text_chart: charts drawn from rows in memory into a memory
 * writer; counts of drawn marks, bar lengths against the values, keyness
 * sides, repeatable drawing, errors. */
#include <stdlib.h>

#include "harness.h"
#include "text_chart.h"
#include "text_err.h"
#include "text_io.h"

/* Draw c with o into a string (caller frees); NULL when drawing failed. */
static char *draw(txt_chart *c, const txt_chart_opts *o)
{
	txt_writer *w = txt_writer_mem();
	if (txt_chart_draw(c, o, w) < 0) {
		txt_writer_abort(w);
		return NULL;
	}
	return txt_writer_mem_take(w, NULL);
}

static size_t count(const char *s, const char *pat)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, pat)); p += strlen(pat)) n++;
	return n;
}

/* The width="..." of the k-th (0-based) bar. */
static double bar_width(const char *s, size_t k)
{
	const char *p = s;
	for (size_t i = 0; i <= k; i++) {
		const char *q = strstr(p, "class=\"bar\"");
		if (!q) return -1;
		if (i < k) p = q + 1;
		else {
			while (q > s && strncmp(q, "<rect", 5) != 0) q--;
			const char *wd = strstr(q, "width=\"");
			return wd ? atof(wd + 7) : -1;
		}
	}
	return -1;
}

TEST(type_names)
{
	CHECK(txt_chart_type_parse("bars") == TXT_CHART_BARS);
	CHECK(txt_chart_type_parse("keyness") == TXT_CHART_KEYNESS);
	CHECK(txt_chart_type_parse("intervals") == TXT_CHART_INTERVALS);
	CHECK(txt_chart_type_parse("stacked") == TXT_CHART_STACKED);
	CHECK(txt_chart_type_parse("pie") == -1);
}

TEST(bars_top_rows_proportional)
{
	txt_chart *c = txt_chart_new(TXT_CHART_BARS);
	txt_chart_names(c, "group", "term", "n", NULL, NULL);
	txt_chart_add(c, "A", "", 99, 0, 0); /* a group total: not a term */
	txt_chart_add(c, "A", "small", 3, 0, 0);
	txt_chart_add(c, "A", "big", 12, 0, 0);
	txt_chart_add(c, "A", "mid", 6, 0, 0);
	txt_chart_add(c, "B", "b<&>", 1, 0, 0);
	CHECK(txt_chart_rows(c) == 4);
	txt_chart_opts o = { .top = 2, .title = "T" };
	char *s = draw(c, &o);
	CHECK(s != NULL);
	if (s) {
		CHECK(count(s, "class=\"bar\"") == 3); /* A: big, mid; B: one */
		CHECK(strstr(s, ">small<") == NULL);
		CHECK(strstr(s, ">b&lt;&amp;&gt;<") != NULL);
		CHECK(strstr(s, "<svg xmlns=\"http://www.w3.org/2000/svg\"") != NULL);
		CHECK(strstr(s, "</svg>") != NULL);
		double big = bar_width(s, 0), mid = bar_width(s, 1);
		CHECK(big > 0 && mid > 0);
		CHECK_NEAR(big / mid, 2.0, 0.01);
		CHECK(strstr(s, ">n</text>") != NULL); /* x label from the value name */
	}
	free(s);
	txt_chart_free(c);
}

TEST(keyness_two_groups_and_redraw)
{
	txt_chart *c = txt_chart_new(TXT_CHART_KEYNESS);
	txt_chart_add(c, "fox", "cartels", 20, 0, 0);
	txt_chart_add(c, "fox", "border", 5, 0, 0);
	txt_chart_add(c, "bbc", "sheinbaum", 10, 0, 0);
	txt_chart_opts o = { 0 };
	char *a = draw(c, &o), *b = draw(c, &o);
	CHECK(a && b);
	if (a && b) {
		/* the other group's positive scores are drawn on the left, negated */
		CHECK(count(a, "class=\"bar\"") == 3);
		CHECK(strstr(a, ">-10</text>") != NULL);
		CHECK(strstr(a, ">bbc</text>") != NULL); /* legend names the reference */
		CHECK_STR(a, b);                          /* drawing changes nothing */
	}
	free(a);
	free(b);
	o.target = "nobody";
	CHECK(draw(c, &o) == NULL);
	CHECK(strstr(txt_err(), "no rows for target group 'nobody'") != NULL);
	txt_chart_free(c);
}

TEST(intervals_and_stacked)
{
	txt_chart *c = txt_chart_new(TXT_CHART_INTERVALS);
	txt_chart_names(c, "source", "frame", "score", "lo", "hi");
	txt_chart_add(c, "BBC", "security", 0.4, 0.3, 0.5);
	txt_chart_add(c, "Fox", "security", 0.7, 0.6, 0.8);
	txt_chart_add(c, "BBC", "sovereignty", 0.2, 0.1, 0.3);
	txt_chart_opts o = { 0 };
	char *s = draw(c, &o);
	CHECK(s && count(s, "class=\"interval\"") == 3 && count(s, "class=\"panel\"") == 2);
	CHECK(s && strstr(s, "score (dots) with lo\xE2\x80\x93hi intervals") != NULL);
	free(s);
	txt_chart_free(c);

	c = txt_chart_new(TXT_CHART_STACKED);
	txt_chart_add(c, "A", "x", 3, 0, 0);
	txt_chart_add(c, "A", "y", 1, 0, 0);
	s = draw(c, &o);
	CHECK(s && strstr(s, ">75%<") && strstr(s, ">25%<"));
	free(s);
	txt_chart_free(c);
}

TEST(mem_writer_grows)
{
	txt_writer *w = txt_writer_mem();
	for (int i = 0; i < 10000; i++) txt_writer_printf(w, "%d,", i % 10);
	size_t n;
	char *s = txt_writer_mem_take(w, &n);
	CHECK(n == 20000 && strlen(s) == 20000 && strncmp(s, "0,1,2,", 6) == 0);
	free(s);
	txt_chart_free(NULL);
}

RUN_TESTS(T(type_names), T(bars_top_rows_proportional), T(keyness_two_groups_and_redraw),
          T(intervals_and_stacked), T(mem_writer_grows))
