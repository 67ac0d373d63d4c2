/* Unit tests for text_chunks: every line arrives once, whole, in order of
 * numbering, under 1 and 3 threads; CRLF, a missing last newline, lines
 * longer than a chunk, a line read ahead by the caller; the first bad line
 * in input order is the one reported, with its file and line. */
#include <stdatomic.h>
#include <stdint.h>
#include <unistd.h>

#include "harness.h"
#include "text_chunks.h"
#include "text_err.h"
#include "text_io.h"

typedef struct tally {
	atomic_uint_fast64_t lines, bytes, sum; /* sum: line number * length, over lines */
	atomic_int bad_who;
	size_t nth;
} tally;

/* Lines are "N:xxxx" with N the line's number in its file; a line "N:bad"
 * is bad, "N:err" an error that is not the line's. */
static void work(txt_chunk *c, void *arg, size_t who)
{
	tally *t = arg;
	char *line;
	size_t n;
	if (who >= (t->nth > 1 ? t->nth : 1))
		atomic_fetch_add(&t->bad_who, 1);
	while (txt_chunk_next(c, &line, &n)) {
		if (strlen(line) != n || memchr(line, '\n', n) || (n && line[n - 1] == '\r')) {
			txt_chunk_fail(c, "line not cut right");
			return;
		}
		char *colon = strchr(line, ':');
		if (colon && strcmp(colon, ":bad") == 0) {
			txt_chunk_fail(c, "bad line %s", line);
			return;
		}
		if (colon && strcmp(colon, ":err") == 0) {
			txt_err_set("no room in the cellar");
			txt_chunk_error(c);
			return;
		}
		atomic_fetch_add(&t->lines, 1);
		atomic_fetch_add(&t->bytes, n);
		atomic_fetch_add(&t->sum, (uint64_t)atoll(line) * n);
	}
}

static char path[64];
static char xs[4096];

/* A file of `lines` lines, line k (1-based) being "k:" and k % 97 x's; the
 * line `long_at` has 3 MiB of x's; line `bad_at` reads "k:bad" (0: none). */
static void make_file(int lines, int long_at, int bad_at, const char *end, uint64_t *sum)
{
	memset(xs, 'x', sizeof xs);
	snprintf(path, sizeof path, "/tmp/slant-chunks-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	*sum = 0;
	for (int k = 1; k <= lines; k++) {
		size_t n = (size_t)(k == long_at ? 3 << 20 : k % 97);
		int len = fprintf(f, "%d:", k);
		if (k == bad_at)
			len += fprintf(f, "bad");
		else
			for (size_t i = 0; i < n; i += 4096) {
				size_t m = n - i < 4096 ? n - i : 4096;
				len += (int)fwrite(xs, 1, m, f);
			}
		*sum += (uint64_t)k * (uint64_t)len;
		fputs(k < lines ? end : "", f); /* the last line has no newline */
	}
	fclose(f);
}

/* Read path through nth threads, the caller reading `ahead` lines itself
 * first (the last of them handed over).  Returns txt_chunks_file's result. */
static int read_all(size_t nth, int ahead, tally *t)
{
	memset(t, 0, sizeof *t);
	t->nth = nth;
	txt_chunks *cs = txt_chunks_new(&(txt_chunks_cfg){nth, work, t});
	txt_reader *r = txt_reader_open(path);
	char *line = NULL;
	size_t len = 0;
	for (int i = 0; i < ahead; i++) txt_reader_next(r, &line, &len);
	int rc = txt_chunks_file(cs, r, ahead ? line : NULL, len, NULL);
	if (rc == 0)
		rc = txt_chunks_finish(cs);
	if (rc == 0)
		CHECK(txt_chunks_lines(cs) == t->lines);
	txt_chunks_free(cs);
	txt_reader_close(r);
	return rc;
}

TEST(every_line_once)
{
	static const char *ends[] = {"\n", "\r\n"};
	for (size_t e = 0; e < 2; e++)
		for (size_t nth = 1; nth <= 3; nth += 2) {
			uint64_t sum;
			tally t;
			make_file(200000, 150000, 0, ends[e], &sum);
			CHECK(read_all(nth, 0, &t) == 0);
			CHECK(t.lines == 200000);
			CHECK(t.sum == sum);
			CHECK(t.bad_who == 0);
			/* the caller read two lines; the second goes first */
			CHECK(read_all(nth, 2, &t) == 0);
			CHECK(t.lines == 200000 - 1);
			CHECK(t.sum == sum - (uint64_t)1 * 3); /* "1:x" was not handed over */
			unlink(path);
		}
}

TEST(first_bad_line_in_input_order)
{
	for (size_t nth = 1; nth <= 3; nth += 2) {
		uint64_t sum;
		tally t;
		make_file(300000, 0, 250000, "\n", &sum);
		CHECK(read_all(nth, 0, &t) < 0);
		char want[128];
		snprintf(want, sizeof want, "%s:250000: bad line 250000:bad", path);
		CHECK_STR(txt_err(), want);
		/* numbered from the line handed over */
		CHECK(read_all(nth, 5, &t) < 0);
		CHECK_STR(txt_err(), want);
		unlink(path);
	}
}

TEST(error_not_the_lines)
{
	snprintf(path, sizeof path, "/tmp/slant-chunks-XXXXXX");
	int fd = mkstemp(path);
	CHECK(write(fd, "1:x\n2:err\n3:bad\n", 16) == 16);
	close(fd);
	tally t;
	CHECK(read_all(1, 0, &t) < 0);
	CHECK_STR(txt_err(), "no room in the cellar");
	unlink(path);
}

RUN_TESTS(T(every_line_once), T(first_bad_line_in_input_order), T(error_not_the_lines))
