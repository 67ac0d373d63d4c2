/* Unit tests for text_cli's checked number parsing and the shared option
 * layer (the printing and exiting parts are exercised by the tool tests). */
#include <sys/wait.h>
#include <unistd.h>

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
			     OWN, own_opt, &o, 0, NULL};
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
	txt_cli_spec in_order = {"help\n", TXT_CLI_OUTPUT, "n:", OWN, own_opt, &p, 1, NULL};
	char *argv2[] = {"t", "-n", "3", "cmd", "-o", "x", NULL};
	first = txt_cli_parse(&in_order, 6, argv2, &sh2);
	CHECK(first == 3 && p.n == 3 && sh2.output == NULL); /* stops at the command */
	first = txt_cli_parse(&in_order, 3, argv2 + 3, &sh2); /* and again after it */
	CHECK(first == 3 && sh2.output && strcmp(sh2.output, "x") == 0);
}

/* Options only stored: each kind lands in its field, the rest reach the
 * tool's function. */
typedef struct vals {
	const char *by;
	int flag, keep, small, word;
	long big;
	double x;
	own rest;
} vals;

static void rest_opt(void *ctx, int c, const char *arg) { own_opt(&((vals *)ctx)->rest, c, arg); }

static const struct option VLONG[] = {
	{"by", 1, NULL, 'b'}, {"flag", 0, NULL, 300}, {"no-keep", 0, NULL, 301},
	{"small", 1, NULL, 302}, {"big", 1, NULL, 303}, {"x", 1, NULL, 304}, {"word", 1, NULL, 305},
	{"top", 1, NULL, 'n'}, {"wide", 0, NULL, 256}, {NULL, 0, NULL, 0}};
static const char *const WORDS[] = {"one", "two", "three", NULL};
static const txt_cli_val VALS[] = {
	TXT_VAL_STR('b', vals, by), TXT_VAL_SET(300, vals, flag, 1), TXT_VAL_SET(301, vals, keep, 0),
	TXT_VAL_INT(302, vals, small, -3, 3), TXT_VAL_LONG(303, vals, big, 0, 1L << 40),
	TXT_VAL_DOUBLE(304, vals, x, 0, 1), TXT_VAL_WORD(305, vals, word, WORDS), {0}};

/* argv's parse in a child: its exit status, and stderr's first line in msg. */
static int parse_child(char **argv, int argc, char *msg, size_t cap)
{
	int fd[2];
	if (pipe(fd) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], 2);
		vals v = {0};
		txt_cli_shared sh = {0};
		txt_cli_spec spec = {"help\n", 0, "b:n:", VLONG, rest_opt, &v, 0, VALS};
		txt_cli_parse(&spec, argc, argv, &sh);
		_exit(0);
	}
	close(fd[1]);
	size_t got = 0; /* to the end: the message comes in several writes */
	ssize_t n;
	while (got < cap - 1 && (n = read(fd[0], msg + got, cap - 1 - got)) > 0)
		got += (size_t)n;
	msg[got] = '\0';
	close(fd[0]);
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

TEST(stored_options)
{
	vals v = {.keep = 1};
	txt_cli_shared sh = {0};
	txt_cli_spec spec = {"help\n", 0, "b:n:", VLONG, rest_opt, &v, 0, VALS};
	char *argv[] = {"t", "-b", "g", "--flag", "--no-keep", "--small=-3", "--big", "1099511627776",
			"--x", "0.5", "--word", "three", "-n", "4", "--wide", "in", NULL};
	int first = txt_cli_parse(&spec, 16, argv, &sh);
	CHECK(first == 15 && strcmp(v.by, "g") == 0 && v.flag == 1 && v.keep == 0);
	CHECK(v.small == -3 && v.big == 1L << 40 && v.x == 0.5 && v.word == 2);
	CHECK(v.rest.n == 4 && strcmp(v.rest.seen, "nW") == 0); /* only the rest reach the tool */

	char msg[256];
	char *bad_word[] = {"t", "--word", "four", NULL};
	CHECK(parse_child(bad_word, 3, msg, sizeof msg) == 2);
	CHECK(strstr(msg, ": --word: 'four' is not one, two or three\n") != NULL);
	char *bad_int[] = {"t", "--small", "4", NULL};
	CHECK(parse_child(bad_int, 3, msg, sizeof msg) == 2 && strstr(msg, "--small: ") != NULL);
	char *bad_real[] = {"t", "--x=nan", NULL};
	CHECK(parse_child(bad_real, 2, msg, sizeof msg) == 2 && strstr(msg, "--x: ") != NULL);
	char *good[] = {"t", "--word", "one", NULL};
	CHECK(parse_child(good, 3, msg, sizeof msg) == 0 && msg[0] == '\0');
}

RUN_TESTS(T(parse_long), T(parse_double), T(parse_size), T(parse_range), T(shared_options),
	  T(stored_options))
