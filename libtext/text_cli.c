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
	long v;
	if (txt_parse_long("--digits", s, 1, 17, &v) < 0)
		txt_usage("%s", txt_err());
	return (int)v;
}
