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

/* txt_report_fill: row i of a table whose cells need escaping now and
 * then. */
static void fill_row(void *arg, size_t i, const char **cells, char (*num)[32], txt_buf *text)
{
	(void)arg;
	text->n = 0;
	const char *s = i % 7 ? "word" : "tab\there, \"quoted\" | pipe";
	txt_buf_add(text, s, strlen(s));
	txt_buf_add(text, "", 1);
	cells[0] = text->s;
	cells[1] = txt_report_num(num[1], (double)i / 3, 6);
	snprintf(num[2], 32, "%zu", i);
	cells[2] = num[2];
}

static char *rows_by(int format, size_t n, size_t threads, size_t *len)
{
	static const char *const cols[] = {"a", "b", "c"};
	txt_writer *w = txt_writer_mem();
	txt_report *r = txt_report_new(w, format, cols, 3, "lrr");
	if (threads) {
		CHECK(txt_report_rows(r, n, threads, fill_row, NULL) == 0);
	} else { /* row by row, the reference */
		const char *cells[3];
		char num[3][32];
		txt_buf text = {0};
		for (size_t i = 0; i < n; i++) {
			fill_row(NULL, i, cells, num, &text);
			CHECK(txt_report_row(r, cells) == 0);
		}
		free(text.s);
	}
	txt_report_free(r);
	return txt_writer_mem_take(w, len);
}

TEST(rows_in_threads)
{
	int formats[] = {TXT_FMT_TSV, TXT_FMT_CSV, TXT_FMT_MD};
	size_t sizes[] = {0, 1, 4096, 10001};
	for (size_t f = 0; f < 3; f++)
		for (size_t s = 0; s < 4; s++) {
			size_t n0, n1, n3;
			char *ref = rows_by(formats[f], sizes[s], 0, &n0),
			     *one = rows_by(formats[f], sizes[s], 1, &n1),
			     *three = rows_by(formats[f], sizes[s], 3, &n3);
			CHECK(n0 == n1 && memcmp(ref, one, n0) == 0);
			CHECK(n0 == n3 && memcmp(ref, three, n0) == 0);
			free(ref);
			free(one);
			free(three);
		}
}

RUN_TESTS(T(tsv_escapes), T(csv_rfc4180), T(markdown_pipes), T(format_names), T(numbers),
	  T(rows_in_threads))
