/* text_cli: what every tool shares at the command line: messages and exit
 * codes, checked number parsing, --version, progress on a terminal.
 *
 * This is the one module that prints and exits, on behalf of tools.
 * Exit codes: 0 success, 1 data or I/O error, 2 usage error. */
#ifndef TEXT_CLI_H
#define TEXT_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "text_err.h"
#include "text_counts.h"
#include "text_tok.h"

#ifndef SLANT_VERSION
#define SLANT_VERSION "0.1.0"
#endif

/* Call first in main: records the tool name for messages, sets the C
 * locale for numbers, makes SIGPIPE end the process quietly. */
void txt_cli_init(const char *prog);
const char *txt_cli_prog(void);

/* "slant-NAME: message\n" on stderr, remove temporary outputs, exit 1. */
noreturn void txt_die(const char *fmt, ...) TXT_PRINTF(1, 2);
/* Same, with the message from txt_err(). */
noreturn void txt_die_err(void);
/* "slant-NAME: message\n" on stderr. */
void txt_warn(const char *fmt, ...) TXT_PRINTF(1, 2);
/* "slant-NAME: message\nTry 'slant-NAME --help' for more information.\n", exit 2. */
noreturn void txt_usage(const char *fmt, ...) TXT_PRINTF(1, 2);
/* After getopt_long returned '?' (txt_cli_init turns getopt's own message
 * off): one usage error naming the option, "unknown option '--x'",
 * "option '--by' needs a value" or "option '--force' takes no value".
 * argv is the vector given to getopt_long, lo its long options. */
noreturn void txt_cli_bad_option(char *const *argv, const struct option *lo);
/* Print "slant-NAME (slant) VERSION" and licence line to stdout, exit 0. */
noreturn void txt_cli_version(void);
/* Print text to stdout, check the write, exit 0 (for --help). */
noreturn void txt_cli_help(const char *text);
/* Close stdout and report a failed write (full disk) as an error: call before
 * returning 0 from a tool that printed to stdout without a txt_writer. */
void txt_cli_close_stdout(void);

/* Checked parsing: the whole string must be a number within [min, max].
 * Return 0, or -1 with txt_err() set to "OPTNAME: 'TEXT' is not ..." . */
int txt_parse_long(const char *opt, const char *s, long min, long max, long *out);
int txt_parse_double(const char *opt, const char *s, double min, double max, double *out);
/* --min-count N or --min-docs N (opt names which) into p: 0 to 2^62, or
 * -1 with txt_err() set. */
int txt_cli_prune_parse(txt_counts_prune *p, const char *opt, const char *arg);
/* Sizes with optional K, M, G, T suffix (powers of 1024). */
int txt_parse_size(const char *opt, const char *s, uint64_t *out);
/* "N" or "A-B" with min <= A <= B <= max. */
int txt_parse_range(const char *opt, const char *s, long min, long max, long *lo, long *hi);
/* --digits N, the significant digits of the numbers a report prints: 1 to
 * 17 (17 reads back as the same double), or a usage error. */
int txt_cli_digits(const char *s);
/* The same checks with a usage error (exit 2) for a bad value: the number,
 * or the index in words (NULL-ended) of the word s is, where a bad word is
 * "OPT: 'S' is not A, B or C". */
long txt_cli_long(const char *opt, const char *s, long min, long max);
double txt_cli_double(const char *opt, const char *s, double min, double max);
int txt_cli_word(const char *opt, const char *s, const char *const *words);

/* ---- The options every tool shares ----
 * A tool names the shared options it takes (TXT_CLI_* bits) and declares
 * only its own; txt_cli_parse parses the shared ones the same way in every
 * tool.  -h/--help and --version are always taken. */
enum {
	TXT_CLI_OUTPUT = 1 << 0,  /* -o, --output FILE; -f, --force */
	TXT_CLI_GZIP = 1 << 1,    /* -z, --gzip */
	TXT_CLI_QUIET = 1 << 2,   /* -q, --quiet (no progress; warnings are the tool's) */
	TXT_CLI_FORMAT = 1 << 3,  /* -F, --format tsv|csv|md: a report table's format */
	TXT_CLI_DIGITS = 1 << 4,  /* --digits N (txt_cli_digits) */
	TXT_CLI_THREADS = 1 << 5, /* -j, --threads N: 0 to TXT_CLI_MAXTHREADS, 0 every core */
	TXT_CLI_SEED = 1 << 6,    /* -s, --seed N: 0 to 2^31 - 1 */
	TXT_CLI_TOKENS = 1 << 7,  /* --stopwords LIST, --stem LANG, --split-hyphens,
				   * --punct, --no-fold: how text becomes tokens */
	TXT_CLI_MAXMEM = 1 << 8,  /* --max-mem SIZE: at least TXT_CLI_MIN_MEM */
	TXT_CLI_REPORT = TXT_CLI_OUTPUT | TXT_CLI_GZIP | TXT_CLI_QUIET | TXT_CLI_FORMAT |
			 TXT_CLI_DIGITS, /* a tool that writes a report table */
};

#define TXT_CLI_MAXTHREADS 256
#define TXT_CLI_MIN_MEM ((uint64_t)16 << 20) /* the least --max-mem */

/* The shared options' values.  Set the defaults before txt_cli_parse; it
 * changes only what the command line gives. */
typedef struct txt_cli_shared {
	const char *output; /* NULL: not given */
	int wflags;         /* TXT_W_FORCE, TXT_W_GZIP */
	int quiet;
	int format;         /* TXT_FMT_* (zero: tsv) */
	int digits;         /* 0: not given (the tool's fixed formats) */
	long threads;
	unsigned long seed;
	txt_tok_opts tok;      /* TXT_CLI_TOKENS (stop stays NULL: load stopwords) */
	const char *stopwords; /* --stopwords: en, es or a file; NULL: none */
	uint64_t max_mem;      /* --max-mem; 0: not given */
} txt_cli_shared;

/* A tool option whose value is only stored: txt_cli_parse reads it into
 * the field at off in the tool's ctx by kind, with the checks of
 * txt_cli_long, txt_cli_double, txt_cli_word (the message names the
 * option's long name).  Declare them with the TXT_VAL_* macros, which check
 * the field's type. */
enum { TXT_VAL_STRING, TXT_VAL_FLAG, TXT_VAL_LONGINT, TXT_VAL_INTEGER, TXT_VAL_REAL, TXT_VAL_CHOICE };
typedef struct txt_cli_val {
	int code; /* the option's letter or code, as in longopts */
	int kind;
	size_t off;
	long min, max;       /* integers' range; a flag stores min */
	double dmin, dmax;   /* a real's range */
	const char *const *words; /* a choice's words (NULL-ended): the index is stored */
} txt_cli_val;
/* The field's offset; _Generic has no case for another type, so a field of
 * the wrong type does not compile (its operand is not evaluated). */
#define TXT_VAL_OFF_(T, f, type) (offsetof(T, f) + _Generic(&((T *)0)->f, type *: 0))
#define TXT_VAL_STR(c, T, f) {(c), TXT_VAL_STRING, TXT_VAL_OFF_(T, f, const char *), 0, 0, 0, 0, NULL}
#define TXT_VAL_SET(c, T, f, v) {(c), TXT_VAL_FLAG, TXT_VAL_OFF_(T, f, int), (v), 0, 0, 0, NULL}
#define TXT_VAL_LONG(c, T, f, lo, hi) {(c), TXT_VAL_LONGINT, TXT_VAL_OFF_(T, f, long), (lo), (hi), 0, 0, NULL}
#define TXT_VAL_INT(c, T, f, lo, hi) {(c), TXT_VAL_INTEGER, TXT_VAL_OFF_(T, f, int), (lo), (hi), 0, 0, NULL}
#define TXT_VAL_DOUBLE(c, T, f, lo, hi) {(c), TXT_VAL_REAL, TXT_VAL_OFF_(T, f, double), 0, 0, (lo), (hi), NULL}
#define TXT_VAL_WORD(c, T, f, w) {(c), TXT_VAL_CHOICE, TXT_VAL_OFF_(T, f, int), 0, 0, 0, 0, (w)}

/* A tool's command line: its help text, the shared options it takes, and
 * its own options (getopt syntax; a long option's val is its short letter
 * or a code >= 256) with the function that handles one of them (arg NULL
 * for one without an argument).  The tool's letters and names must not be
 * those of a shared option it takes. */
typedef struct txt_cli_spec {
	const char *help;
	unsigned shared;
	const char *shortopts;
	const struct option *longopts; /* ended by a zero entry; NULL: none */
	void (*opt)(void *ctx, int c, const char *arg); /* NULL: none */
	void *ctx;
	int in_order; /* stop at the first operand (a command name) */
	const txt_cli_val *vals; /* the options only stored, ended by a zero code;
				  * spec->opt gets the others; NULL: none */
} txt_cli_spec;

/* Parse argv[1..]: shared options into *sh, the tool's own through
 * spec->opt.  A usage error exits 2.  Returns the index of the first
 * operand.  May be called again on the arguments after a command. */
int txt_cli_parse(const txt_cli_spec *spec, int argc, char **argv, txt_cli_shared *sh);

/* Progress on stderr: only when stderr is a terminal and not quiet; at most
 * a few updates a second; txt_progress_done() clears the line. */
void txt_progress_quiet(int quiet);
void txt_progress(const char *fmt, ...) TXT_PRINTF(1, 2);
void txt_progress_done(void);

#endif
