/* Unit tests for text_cli's checked number parsing and the shared option
 * layer (the printing and exiting parts are exercised by the tool tests). */
#include "harness.h"
#include "text_cli.h"
#include "text_io.h"
#include "text_report.h"

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

/* A tool's own options, as txt_cli_parse hands them over. */
typedef struct own {
	int n, wide;
	char seen[64];
} own;

static void own_opt(void *ctx, int c, const char *arg)
{
	own *o = ctx;
	if (c == 'n')
		o->n = atoi(arg);
	else if (c == 256)
		o->wide = 1;
	size_t k = strlen(o->seen);
	snprintf(o->seen + k, sizeof o->seen - k, "%c", c == 256 ? 'W' : c);
}

static const struct option OWN[] = {{"top", required_argument, NULL, 'n'},
				     {"wide", no_argument, NULL, 256}, {NULL, 0, NULL, 0}};

TEST(shared_options)
{
	own o = {0};
	txt_cli_shared sh = {.output = "-", .threads = 1, .seed = 1};
	txt_cli_spec spec = {"help\n", TXT_CLI_REPORT | TXT_CLI_THREADS | TXT_CLI_SEED, "n:",
			     OWN, own_opt, &o, 0};
	char *argv[] = {"t", "-F", "csv", "in", "--top", "7", "-zfo", "out", "--digits=17",
			"-j0", "--seed", "42", "--wide", "-q", NULL};
	int first = txt_cli_parse(&spec, 14, argv, &sh);
	CHECK(first == 13 && strcmp(argv[first], "in") == 0); /* operands last (permuted) */
	CHECK(sh.format == TXT_FMT_CSV && sh.digits == 17 && sh.threads == 0 && sh.seed == 42);
	CHECK(strcmp(sh.output, "out") == 0 && sh.wflags == (TXT_W_GZIP | TXT_W_FORCE) && sh.quiet);
	CHECK(o.n == 7 && o.wide && strcmp(o.seen, "nW") == 0); /* only its own reach the tool */

	/* a shared letter the tool does not take is the tool's (here: none) */
	own p = {0};
	txt_cli_shared sh2 = {0};
	txt_cli_spec in_order = {"help\n", TXT_CLI_OUTPUT, "n:", OWN, own_opt, &p, 1};
	char *argv2[] = {"t", "-n", "3", "cmd", "-o", "x", NULL};
	first = txt_cli_parse(&in_order, 6, argv2, &sh2);
	CHECK(first == 3 && p.n == 3 && sh2.output == NULL); /* stops at the command */
	first = txt_cli_parse(&in_order, 3, argv2 + 3, &sh2); /* and again after it */
	CHECK(first == 3 && sh2.output && strcmp(sh2.output, "x") == 0);
}

RUN_TESTS(T(parse_long), T(parse_double), T(parse_size), T(parse_range), T(shared_options))
