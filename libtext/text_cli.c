/* text_cli: see text_cli.h. */
#include "text_cli.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "text_io.h"
#include "text_report.h"
#include "text_counts.h"

static const char *prog = "slant";
static int quiet;
static int progress_shown;
static struct timespec last_progress;

/* A closed standard descriptor would be reused by the next open(), and then
 * "-" would read a model file or stdout would write into an input.  Park
 * /dev/null there, opened the wrong way round so that using it still fails
 * with EBADF exactly as the closed descriptor would. */
static void guard_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
			int k = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
			if (k >= 0 && k != fd) {
				dup2(k, fd);
				close(k);
			}
		}
}

void txt_cli_init(const char *name)
{
	prog = name;
	opterr = 0; /* txt_cli_bad_option says what was wrong, once */
	guard_std_fds();
	setlocale(LC_ALL, "C");
	/* writing into a closed pipe ends the tool quietly, like cat */
	signal(SIGPIPE, SIG_DFL);
}

const char *txt_cli_prog(void) { return prog; }

static void vmsg(const char *fmt, va_list ap)
{
	txt_progress_done();
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void txt_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

/* A fatal error: remove temporary outputs and stop at once.  _exit skips
 * atexit handlers and stdio flushing on purpose: half-written standard
 * output is worth nothing, and memory still held is not a leak when the
 * process ends here (so leak checkers stay quiet on error paths). */
static noreturn void die_now(int status)
{
	txt_io_cleanup();
	fflush(stderr);
	_exit(status);
}

noreturn void txt_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	die_now(1);
}

noreturn void txt_die_err(void)
{
	txt_die("%s", *txt_err() ? txt_err() : "unknown error");
}

noreturn void txt_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", prog);
	die_now(2);
}

noreturn void txt_cli_bad_option(char *const *argv, const struct option *lo)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	int n = (int)strcspn(arg, "="), named = 0; /* arg is the long option at fault */
	for (const struct option *k = lo; k && k->name && strncmp(arg, "--", 2) == 0; k++)
		named |= k->val == optopt && (int)strlen(k->name) == n - 2 && !strncmp(k->name, arg + 2, (size_t)n - 2);
	if (optopt == 0 || named) {
		if (optopt == 0)
			txt_usage("unknown option '%.*s'", n, arg);
		if (arg[n] == '=')
			txt_usage("option '%.*s' takes no value", n, arg);
		txt_usage("option '%s' needs a value", arg);
	}
	for (; lo && lo->name; lo++)
		if (lo->val == optopt && lo->has_arg == required_argument)
			txt_usage("option '-%c' needs a value", optopt);
	if (optopt > ' ' && optopt < 127)
		txt_usage("unknown option '-%c'", optopt);
	txt_usage("unknown option");
}

void txt_cli_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0)
		txt_die("(stdout): write error: %s", strerror(errno ? errno : EIO));
}

noreturn void txt_cli_version(void)
{
	printf("%s (slant) %s\n"
	       "License GPL-3.0-or-later: <https://www.gnu.org/licenses/gpl.html>\n",
	       prog, SLANT_VERSION);
	txt_cli_close_stdout();
	exit(0);
}

noreturn void txt_cli_help(const char *text)
{
	fputs(text, stdout);
	txt_cli_close_stdout();
	exit(0);
}

int txt_parse_long(const char *opt, const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || end == s)
		return txt_err_set("%s: '%s' is not an integer", opt, s);
	if (errno == ERANGE || v < min || v > max)
		return txt_err_set("%s: %s is out of range (%ld to %ld)", opt, s, min, max);
	*out = v;
	return 0;
}

int txt_parse_double(const char *opt, const char *s, double min, double max, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || end == s || isnan(v))
		return txt_err_set("%s: '%s' is not a number", opt, s);
	if (errno == ERANGE || v < min || v > max)
		return txt_err_set("%s: %s is out of range (%g to %g)", opt, s, min, max);
	*out = v;
	return 0;
}

int txt_parse_size(const char *opt, const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	if (!*s || *s == '-')
		return txt_err_set("%s: '%s' is not a size", opt, s);
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || errno == ERANGE)
		return txt_err_set("%s: '%s' is not a size", opt, s);
	int shift = 0;
	switch (*end) {
	case '\0': break;
	case 'k': case 'K': shift = 10; break;
	case 'm': case 'M': shift = 20; break;
	case 'g': case 'G': shift = 30; break;
	case 't': case 'T': shift = 40; break;
	default: return txt_err_set("%s: '%s' is not a size (use K, M, G or T)", opt, s);
	}
	if (*end && end[1] && !(end[1] == 'B' && !end[2]) && !(end[1] == 'i' && end[2] == 'B' && !end[3]))
		return txt_err_set("%s: '%s' is not a size (use K, M, G or T)", opt, s);
	if (shift && v > (UINT64_MAX >> shift))
		return txt_err_set("%s: %s is too large", opt, s);
	*out = (uint64_t)v << shift;
	return 0;
}

int txt_parse_range(const char *opt, const char *s, long min, long max, long *lo, long *hi)
{
	const char *dash = strchr(s, '-');
	if (!dash || dash == s) {
		if (txt_parse_long(opt, s, min, max, lo) < 0)
			return -1;
		*hi = *lo;
		return 0;
	}
	char first[32];
	size_t n = (size_t)(dash - s);
	if (n >= sizeof first)
		return txt_err_set("%s: '%s' is not a range", opt, s);
	memcpy(first, s, n);
	first[n] = '\0';
	if (txt_parse_long(opt, first, min, max, lo) < 0 ||
	    txt_parse_long(opt, dash + 1, min, max, hi) < 0)
		return txt_err_set("%s: '%s' is not a range N or A-B (%ld to %ld)", opt, s, min, max);
	if (*lo > *hi)
		return txt_err_set("%s: '%s': the range is reversed", opt, s);
	return 0;
}

void txt_progress_quiet(int q) { quiet = q; }

void txt_progress(const char *fmt, ...)
{
	struct timespec now;
	if (quiet || !isatty(STDERR_FILENO))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double dt = (double)(now.tv_sec - last_progress.tv_sec) +
		    (double)(now.tv_nsec - last_progress.tv_nsec) / 1e9;
	if (progress_shown && dt < 0.25)
		return;
	last_progress = now;
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "\r%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputs("\033[K", stderr);
	va_end(ap);
	progress_shown = 1;
}

void txt_progress_done(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = 0;
	}
}

int txt_cli_digits(const char *s)
{
	return (int)txt_cli_long("--digits", s, 1, 17);
}

long txt_cli_long(const char *opt, const char *s, long min, long max)
{
	long v;
	if (txt_parse_long(opt, s, min, max, &v) < 0)
		txt_usage("%s", txt_err());
	return v;
}

double txt_cli_double(const char *opt, const char *s, double min, double max)
{
	double v;
	if (txt_parse_double(opt, s, min, max, &v) < 0)
		txt_usage("%s", txt_err());
	return v;
}

int txt_cli_word(const char *opt, const char *s, const char *const *words)
{
	int n = 0;
	while (words[n] && strcmp(s, words[n]))
		n++;
	if (words[n])
		return n;
	char list[256] = "";
	for (int i = 0; words[i]; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
			 !i ? "" : words[i + 1] ? ", " : " or ", words[i]);
	txt_usage("%s: '%s' is not %s", opt, s, list);
}

/* ---- the shared options ---- */

enum { SH_DIGITS = 0x7f000, SH_VERSION, SH_STOP, SH_STEM, SH_HYPH, SH_PUNCT, SH_NOFOLD, SH_MAXMEM };

static const struct {
	unsigned bit; /* 0: every tool */
	struct option lo;
	const char *letter; /* getopt syntax, "" for none */
	const char *help;   /* its line in --help, unless the tool's text has one */
} SHARED[] = {
	{TXT_CLI_OUTPUT, {"output", required_argument, NULL, 'o'}, "o:",
	 "  -o, --output FILE   write to FILE (atomically; gzip if it ends in .gz)"},
	{TXT_CLI_OUTPUT, {"force", no_argument, NULL, 'f'}, "f",
	 "  -f, --force         replace an existing output file"},
	{TXT_CLI_GZIP, {"gzip", no_argument, NULL, 'z'}, "z", "  -z, --gzip          compress the output"},
	{TXT_CLI_QUIET, {"quiet", no_argument, NULL, 'q'}, "q",
	 "  -q, --quiet         no progress, nor warnings where the tool gives any"},
	{TXT_CLI_FORMAT, {"format", required_argument, NULL, 'F'}, "F:",
	 "  -F, --format FMT    tsv (default), csv (RFC 4180) or md (Markdown)"},
	{TXT_CLI_DIGITS, {"digits", required_argument, NULL, SH_DIGITS}, "",
	 "      --digits N      significant digits of the numbers (1 to 17; 17 reads\n"
	 "                      back as the same double)"},
	{TXT_CLI_THREADS, {"threads", required_argument, NULL, 'j'}, "j:",
	 "  -j, --threads N     N threads (default 1; 0: one per core); the output is\n"
	 "                      the same"},
	{TXT_CLI_SEED, {"seed", required_argument, NULL, 's'}, "s:",
	 "  -s, --seed N        random seed, 0 to 2147483647 (default 1)"},
	{TXT_CLI_TOKENS, {"stopwords", required_argument, NULL, SH_STOP}, "",
	 "      --stopwords LIST  drop stopwords (en, es or a FILE); no n-gram crosses one"},
	{TXT_CLI_TOKENS, {"stem", required_argument, NULL, SH_STEM}, "",
	 "      --stem LANG     Snowball stemming (english, spanish, ...)"},
	{TXT_CLI_TOKENS, {"split-hyphens", no_argument, NULL, SH_HYPH}, "",
	 "      --split-hyphens  \"drone-strike\" as \"drone\", \"strike\""},
	{TXT_CLI_TOKENS, {"punct", no_argument, NULL, SH_PUNCT}, "",
	 "      --punct         keep punctuation tokens"},
	{TXT_CLI_TOKENS, {"no-fold", no_argument, NULL, SH_NOFOLD}, "",
	 "      --no-fold       keep case and Unicode form"},
	{TXT_CLI_MAXMEM, {"max-mem", required_argument, NULL, SH_MAXMEM}, "",
	 "      --max-mem SIZE  keep memory within about SIZE bytes (K, M, G; at least\n"
	 "                      16M): larger tables go to sorted temporary files in\n"
	 "                      $TMPDIR, merged at the end; the output is the same"},
	{0, {"help", no_argument, NULL, 'h'}, "h", "  -h, --help          show this help and exit"},
	{0, {"version", no_argument, NULL, SH_VERSION}, "",
	 "      --version       show the version and exit"},
};
#define NSHARED (sizeof SHARED / sizeof SHARED[0])

/* The index in SHARED of the option getopt returned as c, or -1 when it is
 * the tool's own. */
static int shared_index(unsigned bits, int c)
{
	for (size_t i = 0; i < NSHARED; i++)
		if (SHARED[i].lo.val == c && (!SHARED[i].bit || (bits & SHARED[i].bit)))
			return (int)i;
	return -1;
}

/* The tool's text, then the shared options it takes that the text does not
 * describe itself. */
static noreturn void help(const txt_cli_spec *spec)
{
	fputs(spec->help, stdout);
	int head = 0;
	for (size_t i = 0; i < NSHARED; i++) {
		char name[32];
		snprintf(name, sizeof name, "--%s", SHARED[i].lo.name);
		if ((SHARED[i].bit && !(spec->shared & SHARED[i].bit)) || strstr(spec->help, name))
			continue;
		if (!head++)
			fputs("\nOptions every slant tool reads the same way:\n", stdout);
		printf("%s\n", SHARED[i].help);
	}
	txt_cli_close_stdout();
	exit(0);
}

static void shared_opt(const txt_cli_spec *spec, int c, const char *arg, txt_cli_shared *sh)
{
	switch (c) {
	case 'o': sh->output = arg; break;
	case 'f': sh->wflags |= TXT_W_FORCE; break;
	case 'z': sh->wflags |= TXT_W_GZIP; break;
	case 'q': sh->quiet = 1; break;
	case 'F':
		if ((sh->format = txt_report_format(arg)) < 0)
			txt_usage("%s", txt_err());
		break;
	case SH_DIGITS: sh->digits = txt_cli_digits(arg); break;
	case 'j': sh->threads = txt_cli_long("--threads", arg, 0, TXT_CLI_MAXTHREADS); break;
	case 's': sh->seed = (unsigned long)txt_cli_long("--seed", arg, 0, 0x7fffffffL); break;
	case 'h': help(spec);
	case SH_VERSION: txt_cli_version();
	case SH_STOP: sh->stopwords = arg; break;
	case SH_STEM: sh->tok.stem = arg; break;
	case SH_HYPH: sh->tok.split_hyphens = 1; break;
	case SH_PUNCT: sh->tok.keep_punct = 1; break;
	case SH_NOFOLD: sh->tok.no_fold = 1; break;
	case SH_MAXMEM:
		if (txt_parse_size("--max-mem", arg, &sh->max_mem) < 0)
			txt_usage("%s", txt_err());
		if (sh->max_mem < TXT_CLI_MIN_MEM)
			txt_usage("--max-mem: at least 16M, not '%s'", arg);
		break;
	}
}

/* The tool's options and the shared ones it takes, as one getopt table. */
static struct option *options_of(const txt_cli_spec *spec, char *shortopts, size_t cap)
{
	size_t n = 0, k = 0;
	while (spec->longopts && spec->longopts[n].name)
		n++;
	struct option *lo = txt_xcalloc(n + NSHARED + 1, sizeof *lo);
	memcpy(lo, spec->longopts ? spec->longopts : lo, n * sizeof *lo);
	snprintf(shortopts, cap, "%s%s", spec->in_order ? "+" : "",
		 spec->shortopts ? spec->shortopts : "");
	for (size_t i = 0; i < NSHARED; i++)
		if (!SHARED[i].bit || (spec->shared & SHARED[i].bit)) {
			lo[n + k++] = SHARED[i].lo;
			strncat(shortopts, SHARED[i].letter, cap - strlen(shortopts) - 1);
		}
	return lo;
}

/* Store a value option's argument; 0 when c is not one. */
static int store_val(const txt_cli_spec *spec, const struct option *lo, int c, const char *arg)
{
	const txt_cli_val *v = spec->vals;
	while (v && v->code && v->code != c)
		v++;
	if (!v || !v->code)
		return 0;
	char name[64];
	while (lo->name && lo->val != c)
		lo++;
	if (lo->name)
		snprintf(name, sizeof name, "--%s", lo->name);
	else
		snprintf(name, sizeof name, "-%c", c);
	void *at = (char *)spec->ctx + v->off;
	switch (v->kind) {
	case TXT_VAL_STRING: *(const char **)at = arg; break;
	case TXT_VAL_FLAG: *(int *)at = (int)v->min; break;
	case TXT_VAL_LONGINT: *(long *)at = txt_cli_long(name, arg, v->min, v->max); break;
	case TXT_VAL_INTEGER: *(int *)at = (int)txt_cli_long(name, arg, v->min, v->max); break;
	case TXT_VAL_REAL: *(double *)at = txt_cli_double(name, arg, v->dmin, v->dmax); break;
	case TXT_VAL_CHOICE: *(int *)at = txt_cli_word(name, arg, v->words); break;
	}
	return 1;
}

int txt_cli_parse(const txt_cli_spec *spec, int argc, char **argv, txt_cli_shared *sh)
{
	char shortopts[256];
	struct option *lo = options_of(spec, shortopts, sizeof shortopts);
	int c;
	optind = 0; /* glibc: a fresh scan, also on a second call */
	while ((c = getopt_long(argc, argv, shortopts, lo, NULL)) != -1) {
		if (c == '?')
			txt_cli_bad_option(argv, lo); /* exits by _exit: no leak report */
		if (c == 'h' || c == SH_VERSION)
			free(lo); /* they exit: nothing left for a leak checker */
		if (shared_index(spec->shared, c) >= 0)
			shared_opt(spec, c, optarg, sh);
		else if (!store_val(spec, lo, c, optarg) && spec->opt)
			spec->opt(spec->ctx, c, optarg);
	}
	free(lo);
	if (spec->shared & TXT_CLI_QUIET)
		txt_progress_quiet(sh->quiet);
	return optind;
}

int txt_cli_prune_parse(txt_counts_prune *p, const char *opt, const char *arg)
{
	long v;
	if (txt_parse_long(opt, arg, 0, 1L << 62, &v) < 0)
		return -1;
	if (strcmp(opt, "--min-docs") == 0)
		p->min_docs = (uint64_t)v;
	else
		p->min_count = (uint64_t)v;
	return 0;
}
