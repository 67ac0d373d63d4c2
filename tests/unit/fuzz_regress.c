/* Replays the fuzz seed corpora (tests/fuzz/corpus/TARGET/) and every input a
 * fuzzer once crashed on (tests/fuzz/regress/TARGET/) through the fuzz targets,
 * built here with the ordinary compiler (and sanitizers under SAN=1), so
 * `make test` catches a regression without clang or libFuzzer.  A target
 * aborts on a broken promise; the sanitizer build reports memory errors. */
#include <dirent.h>
#include <stdint.h>

#include "harness.h"
#include "text_io.h"

/* Each target under its own name; fuzz.h is included once. */
#define LLVMFuzzerTestOneInput fuzz_table
#define LLVMFuzzerInitialize init_table
#include "../fuzz/fuzz-table.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize
#define LLVMFuzzerTestOneInput fuzz_doc
#define LLVMFuzzerInitialize init_doc
#include "../fuzz/fuzz-doc.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize
#define LLVMFuzzerTestOneInput fuzz_counts
#define LLVMFuzzerInitialize init_counts
#include "../fuzz/fuzz-counts.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize
#define LLVMFuzzerTestOneInput fuzz_tok
#define LLVMFuzzerInitialize init_tok
#include "../fuzz/fuzz-tok.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize
#define LLVMFuzzerTestOneInput fuzz_lex
#define LLVMFuzzerInitialize init_lex
#include "../fuzz/fuzz-lex.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize
#define LLVMFuzzerTestOneInput fuzz_model
#define LLVMFuzzerInitialize init_model
#include "../fuzz/fuzz-model.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize
#define LLVMFuzzerTestOneInput fuzz_html
#define LLVMFuzzerInitialize init_html
#include "../fuzz/fuzz-html.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize
#define LLVMFuzzerTestOneInput fuzz_warc
#define LLVMFuzzerInitialize init_warc
#include "../fuzz/fuzz-warc.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize
#define LLVMFuzzerTestOneInput fuzz_clean
#define LLVMFuzzerInitialize init_clean
#include "../fuzz/fuzz-clean.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize

/* The repository: the parent of $SLANT_MODELS (tests/run.sh sets it), else ".". */
static char top[4096] = ".";

static void find_top(void)
{
	const char *m = getenv("SLANT_MODELS");
	if (m && *m && strlen(m) < sizeof top) {
		strcpy(top, m);
		char *slash = strrchr(top, '/');
		if (slash && slash != top)
			*slash = '\0';
		else
			strcpy(top, ".");
	}
}

/* Run fn over every file in top/sub/name; returns how many (-1: no dir). */
static long replay(const char *sub, const char *name, int (*fn)(const uint8_t *, size_t))
{
	char dir[8192];
	snprintf(dir, sizeof dir, "%s/%s/%s", top, sub, name);
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	long count = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[8448];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		char *buf;
		size_t len;
		if (txt_read_file(path, &buf, &len) < 0) {
			printf("FAIL %s: cannot read %s\n", h_current, path);
			h_failed_checks++;
			continue;
		}
		/* an exact copy, so ASan sees reads past the end of the input */
		uint8_t *copy = malloc(len ? len : 1);
		memcpy(copy, buf, len);
		free(buf);
		fn(copy, len);
		free(copy);
		count++;
	}
	closedir(d);
	return count;
}

static void run(const char *name, int (*init)(int *, char ***), int (*fn)(const uint8_t *, size_t))
{
	find_top();
	CHECK(init(NULL, NULL) == 0);
	CHECK(replay("tests/fuzz/corpus", name, fn) > 0);
	CHECK(replay("tests/fuzz/regress", name, fn) != 0); /* absent (-1) or some */
}

TEST(replay_table) { run("table", init_table, fuzz_table); }
TEST(replay_doc) { run("doc", init_doc, fuzz_doc); }
TEST(replay_counts) { run("counts", init_counts, fuzz_counts); }
TEST(replay_tok) { run("tok", init_tok, fuzz_tok); }
TEST(replay_lex) { run("lex", init_lex, fuzz_lex); }
TEST(replay_model) { run("model", init_model, fuzz_model); }
TEST(replay_html) { run("html", init_html, fuzz_html); }
TEST(replay_warc) { run("warc", init_warc, fuzz_warc); }
TEST(replay_clean) { run("clean", init_clean, fuzz_clean); }

RUN_TESTS(T(replay_table), T(replay_doc), T(replay_counts), T(replay_tok), T(replay_lex),
	  T(replay_model), T(replay_html), T(replay_warc), T(replay_clean))
