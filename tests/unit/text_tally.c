/* Unit tests for text_tally: the counts do not depend on how many tables
 * count the documents or on a memory bound that spills; n-grams never cross
 * a sentence end; against counts made by hand. */
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "text_cli.h"
#include "text_err.h"
#include "text_io.h"
#include "text_tally.h"

static const txt_counts_meta META = {"test", "1-3", "source", NULL};

static void on_run(void *arg, unsigned seq, unsigned level)
{
	(void)seq;
	(void)level;
	(*(unsigned *)arg)++;
}

/* Count docs[0..n) with `tables` tables, documents dealt round-robin. */
static char *count(const char *const *docs, size_t n, long lo, long hi, size_t tables,
                   uint64_t max_mem, unsigned *runs)
{
	txt_tok_opts tok = {0};
	txt_tally_cfg cfg = {&tok, lo, hi, tables, max_mem, "slant-test", NULL};
	txt_tally *t = txt_tally_new(&cfg, &META);
	CHECK(t != NULL);
	if (runs) {
		*runs = 0;
		txt_tally_on_run(t, on_run, runs);
	}
	for (size_t i = 0; i < n; i++)
		CHECK(txt_tally_doc(t, i % tables, i % 3 ? "a" : "b", 1, docs[i], strlen(docs[i])) == 0);
	txt_writer *w = txt_writer_mem();
	CHECK(txt_tally_write(t, w, NULL, 0) == 0);
	txt_tally_free(t);
	return txt_writer_mem_take(w, NULL);
}

TEST(bigrams_by_hand)
{
	static const char *const docs[] = {"The war. On drugs", "war on war"};
	char *s = count(docs, 2, 2, 2, 1, 0, NULL);
	/* group b: doc 0 (the war | on drugs); group a: doc 1 (war on | on war) */
	const char *want = "\tby=source\t0\t0\n"
	                   "a\t\t2\t1\na\ton war\t1\t1\na\twar on\t1\t1\n"
	                   "b\t\t2\t1\nb\ton drugs\t1\t1\nb\tthe war\t1\t1\n";
	CHECK(s && strstr(s, want) != NULL);
	free(s);
}

TEST(tables_do_not_matter)
{
	static const char *const docs[] = {
		"one fish two fish. red fish blue fish", "the cat in the hat", "fish and cat",
		"A man, a plan, a canal: Panama", "two cats; two hats. one fish", "red red red",
	};
	for (long hi = 1; hi <= 3; hi++) {
		char *a = count(docs, 6, 1, hi, 1, 0, NULL), *b = count(docs, 6, 1, hi, 4, 0, NULL);
		CHECK_STR(b, a);
		free(a);
		free(b);
	}
}

/* Enough distinct words that 8 MiB tables spill. */
TEST(spilling_does_not_matter)
{
	char dir[] = "/tmp/slant-tally-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	setenv("TMPDIR", dir, 1);
	enum { NDOC = 400, WORDS = 1000 };
	char **docs = calloc(NDOC, sizeof *docs);
	unsigned x = 12345;
	for (size_t d = 0; d < NDOC; d++) {
		docs[d] = calloc(WORDS, 12);
		char *p = docs[d];
		for (size_t k = 0; k < WORDS; k++) {
			x = x * 1103515245u + 12345u;
			p += sprintf(p, "w%u ", (x >> 8) % 400000);
		}
	}
	char *a = count((const char *const *)docs, NDOC, 1, 1, 1, 0, NULL);
	unsigned runs;
	char *b = count((const char *const *)docs, NDOC, 1, 1, 2, TXT_CLI_MIN_MEM, &runs);
	CHECK(runs >= 2);
	CHECK(a && b && strlen(a) > 1000000);
	CHECK(a && b && strcmp(a, b) == 0);
	free(a);
	free(b);
	for (size_t d = 0; d < NDOC; d++) free(docs[d]);
	free(docs);
	DIR *dd = opendir(dir);
	struct dirent *e;
	int left = 0;
	while (dd && (e = readdir(dd))) left += e->d_name[0] != '.';
	closedir(dd);
	CHECK(left == 0);
	rmdir(dir);
}

RUN_TESTS(T(bigrams_by_hand), T(tables_do_not_matter), T(spilling_does_not_matter))
