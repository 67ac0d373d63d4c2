/* Unit tests for text_spill: tables spilled as runs and merged equal the
 * same tables added up in memory (pruned, and as bare rows); runs of one
 * level are merged into the next; no file is left in $TMPDIR. */
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "text_counts.h"
#include "text_err.h"
#include "text_io.h"
#include "text_spill.h"

static const txt_counts_meta META = {"fold=nfkc_cf", "1", "source", NULL};

/* Table i: documents of two groups, words shared between tables. */
static txt_counts *table(int i)
{
	txt_counts *c = txt_counts_new();
	char w[32];
	for (int d = 0; d < 3; d++) {
		txt_counts_doc(c, d % 2 ? "bbc" : "fox", 3);
		for (int k = 0; k < 20; k++) {
			snprintf(w, sizeof w, "w%d", (i * 7 + k * d) % 50);
			txt_counts_add(c, w, strlen(w));
		}
	}
	return c;
}

static char *in_memory(int n, const txt_counts_prune *pr, int rows)
{
	char pruned[64];
	txt_counts_meta m = META;
	if (pr && (pr->min_count > 1 || pr->min_docs > 1)) {
		snprintf(pruned, sizeof pruned, "min-count=%llu min-docs=%llu",
		         (unsigned long long)pr->min_count, (unsigned long long)pr->min_docs);
		m.pruned = pruned;
	}
	txt_counts *all = table(0);
	for (int i = 1; i < n; i++) {
		txt_counts *c = table(i);
		txt_counts_absorb(all, c);
		txt_counts_free(c);
	}
	txt_writer *w = txt_writer_mem();
	CHECK(txt_counts_write(all, w, rows ? NULL : &m, pr) == 0);
	txt_counts_free(all);
	return txt_writer_mem_take(w, NULL);
}

static unsigned max_level;
static void on_run(void *arg, unsigned seq, unsigned level)
{
	(*(unsigned *)arg)++;
	(void)seq;
	if (level > max_level)
		max_level = level;
}

static char *spilled(int n, const txt_counts_prune *pr, int rows, unsigned *runs)
{
	txt_spill *s = txt_spill_new("slant-test", &META);
	*runs = 0;
	txt_spill_on_run(s, on_run, runs);
	for (int i = 0; i < n; i++) {
		txt_counts *c = table(i);
		CHECK(txt_spill_table(s, c) == 0);
		txt_counts_free(c);
	}
	txt_writer *w = txt_writer_mem();
	CHECK(txt_spill_finish(s, w, pr, rows) == 0);
	txt_spill_free(s);
	return txt_writer_mem_take(w, NULL);
}

static int dir_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return d && n == 0;
}

TEST(spilled_equals_in_memory)
{
	char dir[] = "/tmp/slant-spill-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	setenv("TMPDIR", dir, 1);
	txt_counts_prune none = {0, 0}, pr = {20, 17};
	unsigned runs;
	char *a = in_memory(3, &none, 0), *b = spilled(3, &none, 0, &runs);
	CHECK_STR(b, a);
	CHECK(runs == 3);
	free(a);
	free(b);
	a = in_memory(40, &pr, 0), b = spilled(40, &pr, 0, &runs);
	CHECK_STR(b, a);
	CHECK(strstr(a, "\tpruned=min-count=20 min-docs=17\t") != NULL);
	CHECK(strstr(a, "\tw1\t") == NULL && strstr(a, "fox\tw0\t") != NULL);
	CHECK(max_level == 1); /* 16 runs of level 0 became one of level 1 */
	CHECK(runs == 40 + 2);
	free(a);
	free(b);
	a = in_memory(5, NULL, 1), b = spilled(5, NULL, 1, &runs);
	CHECK_STR(b, a);
	CHECK(strncmp(a, "group", 5) != 0 && strstr(a, "slant-counts") == NULL);
	free(a);
	free(b);
	CHECK(dir_empty(dir));
	rmdir(dir);
}

TEST(unusable_tmpdir)
{
	setenv("TMPDIR", "/nonexistent/slant", 1);
	txt_spill *s = txt_spill_new("slant-test", &META);
	txt_counts *c = table(0);
	CHECK(txt_spill_table(s, c) < 0);
	CHECK(strstr(txt_err(), "/nonexistent/slant/slant-test-") != NULL);
	CHECK(txt_spill_runs(s) == 0);
	txt_counts_free(c);
	txt_spill_free(s);
}

RUN_TESTS(T(spilled_equals_in_memory), T(unusable_tmpdir))
