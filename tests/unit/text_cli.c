/* Unit tests for text_cli's checked number parsing (the printing and exiting
 * parts are exercised by the tool tests). */
#include "harness.h"
#include "text_cli.h"

TEST(parse_long)
{
	long v = 0;
	CHECK(txt_parse_long("-n", "42", 0, 100, &v) == 0 && v == 42);
	CHECK(txt_parse_long("-n", "-3", -5, 5, &v) == 0 && v == -3);
	CHECK(txt_parse_long("-n", "", 0, 100, &v) < 0);
	CHECK(txt_parse_long("-n", "4x", 0, 100, &v) < 0);
	CHECK(strstr(txt_err(), "'4x' is not an integer") != NULL);
	CHECK(txt_parse_long("-n", "101", 0, 100, &v) < 0);
	CHECK(strstr(txt_err(), "out of range") != NULL);
	CHECK(txt_parse_long("-n", "99999999999999999999999", 0, 100, &v) < 0);
	CHECK(txt_parse_long("-n", " 5", 0, 100, &v) == 0); /* strtol skips leading space */
}

TEST(parse_double)
{
	double d;
	CHECK(txt_parse_double("--x", "0.25", 0, 1, &d) == 0 && d == 0.25);
	CHECK(txt_parse_double("--x", "1e-3", 0, 1, &d) == 0 && d == 1e-3);
	CHECK(txt_parse_double("--x", "nan", 0, 1, &d) < 0);
	CHECK(txt_parse_double("--x", "2", 0, 1, &d) < 0);
	CHECK(txt_parse_double("--x", "0.5.", 0, 1, &d) < 0);
}

TEST(parse_size)
{
	uint64_t s;
	CHECK(txt_parse_size("--max-mem", "512", &s) == 0 && s == 512);
	CHECK(txt_parse_size("--max-mem", "64M", &s) == 0 && s == 64ull << 20);
	CHECK(txt_parse_size("--max-mem", "2GiB", &s) == 0 && s == 2ull << 30);
	CHECK(txt_parse_size("--max-mem", "1.5G", &s) < 0);
	CHECK(txt_parse_size("--max-mem", "-1", &s) < 0);
	CHECK(txt_parse_size("--max-mem", "10Q", &s) < 0);
	CHECK(txt_parse_size("--max-mem", "99999999999T", &s) < 0);
}

TEST(parse_range)
{
	long lo, hi;
	CHECK(txt_parse_range("--ngrams", "2", 1, 5, &lo, &hi) == 0 && lo == 2 && hi == 2);
	CHECK(txt_parse_range("--ngrams", "1-3", 1, 5, &lo, &hi) == 0 && lo == 1 && hi == 3);
	CHECK(txt_parse_range("--ngrams", "3-1", 1, 5, &lo, &hi) < 0);
	CHECK(txt_parse_range("--ngrams", "0-2", 1, 5, &lo, &hi) < 0);
	CHECK(txt_parse_range("--ngrams", "1-", 1, 5, &lo, &hi) < 0);
	CHECK(txt_parse_range("--ngrams", "a-b", 1, 5, &lo, &hi) < 0);
}

RUN_TESTS(T(parse_long), T(parse_double), T(parse_size), T(parse_range))
