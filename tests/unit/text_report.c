/* text_report: the three formats and number formatting. */
#include "harness.h"
#include "text_err.h"
#include "text_io.h"
#include "text_report.h"

#include <unistd.h>

/* Write a header and one row in format f, return the file's content. */
static char *render(int f, const char *const *cells)
{
	static char path[] = "/tmp/slant-report-test-XXXXXX";
	static char out[1024];
	char tmpl[sizeof path];
	memcpy(tmpl, path, sizeof path);
	int fd = mkstemp(tmpl);
	if (fd < 0)
		return NULL;
	close(fd);
	txt_writer *w = txt_writer_open(tmpl, TXT_W_FORCE);
	const char *cols[] = {"term", "n"};
	txt_report *r = txt_report_new(w, f, cols, 2, "lr");
	txt_report_row(r, cells);
	txt_report_free(r);
	txt_writer_close(w);
	FILE *fp = fopen(tmpl, "rb");
	size_t n = fp ? fread(out, 1, sizeof out - 1, fp) : 0;
	out[n] = '\0';
	if (fp)
		fclose(fp);
	unlink(tmpl);
	return out;
}

TEST(tsv_escapes)
{
	const char *cells[] = {"a\tb\\c", "3"};
	CHECK_STR(render(TXT_FMT_TSV, cells), "term\tn\na\\tb\\\\c\t3\n");
}

TEST(csv_rfc4180)
{
	const char *cells[] = {"say \"no\", twice", "3"};
	CHECK_STR(render(TXT_FMT_CSV, cells), "term,n\r\n\"say \"\"no\"\", twice\",3\r\n");
}

TEST(markdown_pipes)
{
	const char *cells[] = {"x|y\nz\tw\\", "3"};
	CHECK_STR(render(TXT_FMT_MD, cells),
		  "| term | n |\n| --- | ---: |\n| x\\|y z w\\\\ | 3 |\n");
}

TEST(format_names)
{
	CHECK(txt_report_format("tsv") == TXT_FMT_TSV);
	CHECK(txt_report_format("md") == TXT_FMT_MD);
	CHECK(txt_report_format("xlsx") < 0);
	CHECK(strstr(txt_err(), "xlsx") != NULL);
}

TEST(numbers)
{
	char b[32];
	CHECK_STR(txt_report_num(b, 1.0 / 3, 6), "0.333333");
	CHECK_STR(txt_report_num(b, NAN, 6), "NA");
	CHECK_STR(txt_report_num(b, -INFINITY, 6), "-Inf");
	CHECK_STR(txt_report_num(b, -0.0, 6), "0");
	CHECK_STR(txt_report_num(b, 0.1, 17), "0.10000000000000001");
}

RUN_TESTS(T(tsv_escapes), T(csv_rfc4180), T(markdown_pipes), T(format_names), T(numbers))
