/* text_page: every string escaped as data in HTML and Markdown; tables,
 * commands, a chart inlined to scale.  text_run: quoting read back by sh. */
#include "harness.h"
#include "text_err.h"
#include "text_io.h"
#include "text_page.h"
#include "text_run.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/slant-page-test-XXXXXX";

static char *slurp(const char *name)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char *s;
	size_t n;
	return txt_read_file(path, &s, &n) == 0 ? s : txt_xstrdup("");
}

static const char *evil = "<script>alert(1)</script> <img src=x onerror=\"a('b')\"> ]]> & *x* |";

TEST(escapes_everything)
{
	CHECK(mkdtemp(dir) != NULL);
	txt_page *p = txt_page_open(dir, evil, 0);
	CHECK(p != NULL);
	CHECK(txt_page_section(p, "s", evil) == 0);
	CHECK(txt_page_text(p, evil) == 0);
	CHECK(txt_page_code(p, "a ```b``` c") == 0);
	const char *cols[] = {evil, "n"};
	const char *cells[] = {evil, "3", "x", "-1.5e3"};
	CHECK(txt_page_rows(p, cols, 2, cells, 2) == 0);
	txt_chart *c = txt_chart_new(TXT_CHART_BARS);
	txt_chart_add(c, evil, evil, 2, 0, 0);
	txt_chart_opts o = {.title = evil};
	CHECK(txt_page_chart(p, c, &o, "c.svg") == 0);
	txt_chart_free(c);
	CHECK(txt_page_close(p) == 0);
	char *h = slurp("index.html"), *m = slurp("report.md");
	CHECK(strstr(h, "<script") == NULL);
	CHECK(strstr(h, "<img") == NULL);
	CHECK(strstr(h, "]]>") == NULL);
	CHECK(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;a(&apos;b&apos;)&quot;&gt; ]]&gt; &amp;") != NULL);
	CHECK(strstr(h, "name=\"viewport\"") != NULL);
	CHECK(strstr(h, "default-src 'none'") != NULL);
	CHECK(strstr(h, "<div class=\"scroll\"><table>") != NULL);
	CHECK(strstr(h, "<td class=\"n\">-1.5e3</td>") != NULL);
	CHECK(strstr(h, "width=\"100%\"") != NULL && strstr(h, "viewBox=") != NULL);
	CHECK(strstr(h, "<?xml") == NULL);
	CHECK(strstr(m, "<script") == NULL && strstr(m, "<img") == NULL);
	CHECK(strstr(m, "&lt;script&gt;alert\\(1\\)&lt;/script&gt;") != NULL);
	CHECK(strstr(m, "\\*x\\*") != NULL);
	CHECK(strstr(m, "````sh\na ```b``` c\n````") != NULL);
	CHECK(strstr(m, "![") != NULL && strstr(m, "](c.svg)") != NULL);
	free(h);
	free(m);
	char *svg = slurp("c.svg");
	CHECK(strncmp(svg, "<?xml", 5) == 0 && strstr(svg, "<script") == NULL);
	free(svg);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

/* A quoted command line, read back by sh, is the same words. */
TEST(quote_reads_back)
{
	const char *argv[] = {"printf", "%s|", "plain", "it's", "a b", "$HOME", "`x`", "", "\"q\"", NULL};
	char *q = txt_run_quote(argv);
	FILE *f = popen(q, "r");
	char out[256] = "";
	size_t n = f ? fread(out, 1, sizeof out - 1, f) : 0;
	out[n] = '\0';
	if (f)
		pclose(f);
	CHECK_STR(out, "plain|it's|a b|$HOME|`x`||\"q\"|");
	free(q);
}

RUN_TESTS(T(escapes_everything), T(quote_reads_back))
