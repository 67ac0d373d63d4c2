/* text_report: the three formats and number formatting. */
#include "harness.h"
#include "text_err.h"
#include "text_io.h"
#include "text_report.h"

#include <float.h>
#include <stdint.h>
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

/* ---- txt_report_num against glibc's snprintf("%.*g"), byte for byte ---- */

static uint64_t rng = 0x2545f4914f6cdd1du;
static uint64_t rnd(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}
static double unif(void) { return (double)(rnd() >> 11) * 0x1p-53; }
static double sign(void) { return rnd() & 1 ? -1 : 1; }

static long nbad, nseen, nfast;

/* x at digits d: txt_report_num, and its fast path where it answers. */
static void same(double x, int d)
{
	char got[32], fast[32], want[32];
	if (isnan(x))
		strcpy(want, "NA");
	else if (isinf(x))
		strcpy(want, x > 0 ? "Inf" : "-Inf");
	else
		snprintf(want, sizeof want, "%.*g", d, x == 0 ? 0.0 : x);
	txt_report_num(got, x, d);
	int f = txt_report_num_fast(fast, x, d);
	nseen++;
	nfast += f;
	if ((strcmp(got, want) != 0 || (f && strcmp(fast, want) != 0)) && nbad++ < 10)
		printf("  x = %a (%.17g), digits %d: \"%s\" (fast path %s), snprintf \"%s\"\n", x, x, d,
		       got, f ? fast : "declined", want);
}

/* x and -x at every digits 1..17. */
static void all_digits(double x)
{
	for (int d = 1; d <= 17; d++) {
		same(x, d);
		same(-x, d);
	}
}

/* x and its neighbours up to 2 ulps away, at every digits. */
static void near(double x)
{
	double lo = x, hi = x;
	all_digits(x);
	for (int i = 0; i < 2; i++) {
		all_digits(lo = nextafter(lo, -INFINITY));
		all_digits(hi = nextafter(hi, INFINITY));
	}
}

static void reset(void) { nbad = nseen = nfast = 0; }

TEST(num_random_bits)
{
	reset();
	for (int i = 0; i < 300000; i++) {
		uint64_t u = rnd();
		double x;
		memcpy(&x, &u, sizeof x);
		same(x, 1 + (int)(rnd() % 17));
		same(x, 6);
	}
	CHECK(nbad == 0);
}

TEST(num_random_magnitudes)
{
	reset();
	for (int i = 0; i < 1000000; i++) {
		double x = sign() * pow(10, 60 * unif() - 30);
		same(x, 1 + (int)(rnd() % 17));
		if (i % 4 == 0)
			same(x, 6);
	}
	CHECK(nbad == 0);
}

TEST(num_integers)
{
	reset();
	for (int i = 0; i < 3000; i++)
		all_digits(i);
	for (int i = 0; i < 10000; i++) {
		all_digits((double)(rnd() >> 11));                  /* below 2^53 */
		all_digits((double)(rnd() >> (11 + rnd() % 50)));   /* any size below it */
	}
	for (int k = 0; k <= 22; k++)
		for (int m = 1; m <= 9; m += 4)
			near(m * pow(10, k));
	all_digits(0);
	CHECK(nbad == 0);
}

/* Decimal rounding ties, exact (binary fractions like 2.5, 0.125, 999999.5,
 * which glibc rounds to even) and nearly (the doubles nearest to 1.25e-5,
 * 9.9999995), and powers of ten, where the exponent changes. */
TEST(num_ties_and_boundaries)
{
	reset();
	static const double list[] = {0.5,   1.5,        2.5,        0.125,    0.375,      9.5,
	                              99.5,  999999.5,   123456.5,   9.9999995, 1.25e-5,   1e-5,
	                              1e-4,  9.99999e-5, 9.99995e-5, 0.05,     0.15,       0.25,
	                              0.35,  1e15,       9.5e15,     0.1,      1.0 / 3,    2.0 / 3,
	                              1e-30, 1e30,       5e-324,     DBL_MIN,  DBL_MAX};
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
		near(list[i]);
	for (int i = 0; i < 4000; i++) /* odd m / 2^j: its last decimal digit is a 5 */
		all_digits((double)((rnd() >> (40 + rnd() % 24)) | 1) / (double)(1ull << (1 + rnd() % 40)));
	for (int i = 0; i < 1000; i++) /* odd m * 2^j: a tie between integers */
		all_digits((double)((rnd() >> (50 + rnd() % 14)) | 1) * (double)(1ull << (1 + rnd() % 30)));
	char s[64];
	for (int t = -45; t <= 45; t++) {
		snprintf(s, sizeof s, "1e%d", t);
		near(strtod(s, NULL));
		for (int p = 1; p <= 16; p++) { /* 9...95e(t), p nines: rounds up to 10^(t+p) */
			snprintf(s, sizeof s, "%.*s5e%d", p, "9999999999999999", t - p);
			near(strtod(s, NULL));
		}
	}
	for (int i = 0; i < 5000; i++) { /* random d+1 digits ending in 5, at digits d */
		int d = 1 + (int)(rnd() % 17), t = (int)(rnd() % 91) - 45;
		uint64_t m = 1 + rnd() % 9;
		for (int j = 1; j < d; j++)
			m = 10 * m + rnd() % 10;
		snprintf(s, sizeof s, "%llu5e%d", (unsigned long long)m, t);
		double x = sign() * strtod(s, NULL), lo = x, hi = x;
		same(x, d);
		for (int j = 0; j < 3; j++) {
			same(lo = nextafter(lo, -INFINITY), d);
			same(hi = nextafter(hi, INFINITY), d);
		}
	}
	CHECK(nbad == 0);
}

/* The comparisons above prove nothing if the fast path declines everything:
 * it must format ordinary numbers itself. */
TEST(num_fast_path_used)
{
	reset();
	char b[32];
	for (int d = 1; d <= 17; d++) {
		long n = 0, fast = 0, ints = 0;
		for (int i = 0; i < 20000; i++) {
			n++;
			fast += txt_report_num_fast(b, sign() * pow(10, 60 * unif() - 30), d);
			ints += txt_report_num_fast(b, (double)(1 + rnd() % ((uint64_t)pow(10, d) - 1)), d);
		}
		CHECK(ints == n);
		if (d <= 11)
			CHECK(fast >= n * 99 / 100);
		else if (d <= 15)
			CHECK(fast >= n / 2);
	}
}

RUN_TESTS(T(tsv_escapes), T(csv_rfc4180), T(markdown_pipes), T(format_names), T(numbers),
          T(rows_in_threads), T(num_random_bits), T(num_random_magnitudes), T(num_integers),
          T(num_ties_and_boundaries), T(num_fast_path_used))
