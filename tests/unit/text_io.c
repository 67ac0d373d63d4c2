/* Unit tests for text_io: reader (plain, gzip, errors) and atomic writer. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "harness.h"
#include "text_err.h"
#include "text_io.h"

static char dir[] = "/tmp/slant-io-XXXXXX";

static char *path(const char *name)
{
	static char buf[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static void put(const char *name, const char *data, size_t n)
{
	FILE *f = fopen(path(name), "wb");
	fwrite(data, 1, n, f);
	fclose(f);
}

static void put_gz(const char *name, const char *data, size_t n)
{
	gzFile g = gzopen(path(name), "wb");
	gzwrite(g, data, (unsigned)n);
	gzclose(g);
}

/* Number of entries in dir whose name contains s. */
static int count_entries(const char *s)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d)))
		n += strstr(e->d_name, s) != NULL;
	closedir(d);
	return n;
}

/* All lines of a file joined by '|', or NULL on error. */
static char *lines_of(const char *name)
{
	static char out[4096];
	txt_reader *r = txt_reader_open(path(name));
	char *line;
	size_t len;
	int k;
	if (!r)
		return NULL;
	out[0] = '\0';
	while ((k = txt_reader_next(r, &line, &len)) == 1) {
		if (strlen(out) + len + 2 < sizeof out) {
			strcat(out, line);
			strcat(out, "|");
		}
	}
	txt_reader_close(r);
	return k < 0 ? NULL : out;
}

TEST(plain_lines)
{
	put("a.txt", "one\ntwo\n\nlast", 14);
	CHECK_STR(lines_of("a.txt"), "one|two||last|");
}

TEST(crlf_is_stripped_and_counted)
{
	put("crlf.txt", "a\r\nb\r\nc\n", 8);
	txt_reader *r = txt_reader_open(path("crlf.txt"));
	char *line;
	size_t len;
	CHECK(txt_reader_next(r, &line, &len) == 1 && len == 1 && line[0] == 'a');
	CHECK(txt_reader_next(r, &line, &len) == 1 && len == 1);
	CHECK(txt_reader_next(r, &line, &len) == 1 && len == 1);
	CHECK(txt_reader_next(r, &line, &len) == 0);
	CHECK(txt_reader_crlf(r) == 2);
	CHECK(txt_reader_lineno(r) == 3);
	txt_reader_close(r);
}

TEST(nul_bytes_kept_with_length)
{
	put("nul.txt", "a\0b\nc\n", 6);
	txt_reader *r = txt_reader_open(path("nul.txt"));
	char *line;
	size_t len;
	CHECK(txt_reader_next(r, &line, &len) == 1 && len == 3 && line[1] == '\0' && line[2] == 'b');
	txt_reader_close(r);
}

TEST(empty_file)
{
	put("empty.txt", "", 0);
	CHECK_STR(lines_of("empty.txt"), "");
}

TEST(gzip_read)
{
	put_gz("b.gz", "x\ny\n", 4);
	CHECK_STR(lines_of("b.gz"), "x|y|");
	put_gz("b.dat", "gzip by content\n", 16); /* detected by magic, not name */
	CHECK_STR(lines_of("b.dat"), "gzip by content|");
}

TEST(gzip_concatenated_members)
{
	put_gz("m1.gz", "first\n", 6);
	put_gz("m2.gz", "second\n", 7);
	char *a, *b;
	size_t na, nb;
	CHECK(txt_read_file(path("m1.gz"), &a, &na) == 0); /* decompressed */
	FILE *f1 = fopen(path("m1.gz"), "rb"), *f2 = fopen(path("m2.gz"), "rb");
	char raw[512];
	size_t n1 = fread(raw, 1, 256, f1), n2 = fread(raw + n1, 1, 256, f2);
	fclose(f1);
	fclose(f2);
	put("cat.gz", raw, n1 + n2);
	CHECK_STR(lines_of("cat.gz"), "first|second|");
	free(a);
	(void)b;
	(void)nb;
}

TEST(gzip_truncated_is_an_error)
{
	char big[20000];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)('a' + (i * 7919 % 26));
	for (size_t i = 80; i < sizeof big; i += 81)
		big[i] = '\n';
	put_gz("full.gz", big, sizeof big);
	FILE *f = fopen(path("full.gz"), "rb");
	char raw[30000];
	size_t n = fread(raw, 1, sizeof raw, f);
	fclose(f);
	put("cut.gz", raw, n / 2);
	CHECK(lines_of("cut.gz") == NULL);
	CHECK(strstr(txt_err(), "cut.gz") != NULL);
	CHECK(strstr(txt_err(), "truncated") != NULL);
	put("cut8.gz", raw, n - 4); /* only the trailer's length is missing */
	CHECK(lines_of("cut8.gz") == NULL);
}

/* Two lines by txt_reader_next, then the rest by txt_reader_read in odd
 * sizes: the bytes after the lines come back whole, plain (past the
 * reader's first buffer, so some reads go straight into ours) and gzip. */
TEST(read_after_lines)
{
	size_t n = 700000;
	char *data = malloc(n), *got = malloc(n);
	for (size_t i = 0; i < n; i++)
		data[i] = i % 97 == 96 ? '\n' : (char)('a' + (i * 31 % 26));
	memcpy(data, "one\ntwo\n", 8);
	put("big.txt", data, n);
	put_gz("big.txt.gz", data, n);
	const char *names[] = {"big.txt", "big.txt.gz"};
	for (int f = 0; f < 2; f++) {
		txt_reader *r = txt_reader_open(path(names[f]));
		char *line;
		size_t len, have = 0;
		CHECK(txt_reader_next(r, &line, &len) == 1 && len == 3);
		CHECK(txt_reader_next(r, &line, &len) == 1 && strcmp(line, "two") == 0);
		long k;
		for (size_t want = 1; (k = txt_reader_read(r, got + have, want)) > 0;
		     want = want * 3 % 100003 + 1)
			have += (size_t)k;
		CHECK(k == 0 && have == n - 8 && memcmp(got, data + 8, have) == 0);
		CHECK(txt_reader_read(r, got, 10) == 0 && txt_reader_bytes(r) == n);
		txt_reader_close(r);
	}
	free(data);
	free(got);
}

TEST(gzip_corrupt_is_an_error)
{
	put_gz("c.gz", "hello world hello world hello world\n", 36);
	FILE *f = fopen(path("c.gz"), "rb");
	char raw[256];
	size_t n = fread(raw, 1, sizeof raw, f);
	fclose(f);
	raw[n - 6] ^= 0x55; /* CRC or length no longer match */
	put("c2.gz", raw, n);
	CHECK(lines_of("c2.gz") == NULL);
	CHECK(strstr(txt_err(), "c2.gz") != NULL);
}

/* gzip by content, as zcat -f: a plain file named .gz reads as plain. */
TEST(plain_named_gz_reads_as_plain)
{
	put("fake.gz", "not gzip\n", 9);
	CHECK_STR(lines_of("fake.gz"), "not gzip|");
	put("fake1.gz", "\x1f", 1); /* the magic's first byte alone is plain too */
	CHECK_STR(lines_of("fake1.gz"), "\x1f|");
}

/* Bytes after a gzip member that are not another member (plain text
 * appended, a second member's first byte alone, zeros) are an error naming
 * the file, as for gzip -d, never a quiet end of input; also for raw reads. */
TEST(gzip_trailing_garbage_is_an_error)
{
	put_gz("one.gz", "d1\tb\twords\n", 11);
	FILE *f = fopen(path("one.gz"), "rb");
	char raw[512];
	size_t n = fread(raw, 1, 256, f);
	fclose(f);
	static const char *tails[] = {"d3\tc\twords\n", "\x1f", "\0\0\0\0", "x"};
	static const size_t tlen[] = {11, 1, 4, 1};
	for (int i = 0; i < 4; i++) {
		memcpy(raw + n, tails[i], tlen[i]);
		put("tail.gz", raw, n + tlen[i]);
		CHECK(lines_of("tail.gz") == NULL);
		CHECK(strstr(txt_err(), "tail.gz") != NULL && strstr(txt_err(), "not gzip") != NULL);
		char *data;
		size_t len;
		CHECK(txt_read_file(path("tail.gz"), &data, &len) < 0);
	}
	memcpy(raw + n, raw, n); /* a second member is fine */
	put("two.gz", raw, 2 * n);
	CHECK_STR(lines_of("two.gz"), "d1\tb\twords|d1\tb\twords|");
}

TEST(missing_and_directory)
{
	CHECK(txt_reader_open(path("nope")) == NULL);
	CHECK(strstr(txt_err(), "nope") != NULL);
	CHECK(txt_reader_open(dir) == NULL);
	CHECK(strstr(txt_err(), "directory") != NULL);
}

TEST(long_line_grows)
{
	size_t n = 3u << 20;
	char *s = malloc(n + 2);
	memset(s, 'z', n);
	s[n] = '\n';
	s[n + 1] = 'q';
	put("long.txt", s, n + 2);
	txt_reader *r = txt_reader_open(path("long.txt"));
	char *line;
	size_t len;
	CHECK(txt_reader_next(r, &line, &len) == 1 && len == n && line[n - 1] == 'z');
	CHECK(txt_reader_next(r, &line, &len) == 1 && len == 1 && line[0] == 'q');
	CHECK(txt_reader_bytes(r) == n + 2);
	txt_reader_close(r);
	free(s);
}

TEST(writer_plain_atomic)
{
	txt_writer *w = txt_writer_open(path("out.tsv"), 0);
	CHECK(w != NULL);
	txt_writer_puts(w, "a\tb\n");
	CHECK(access(path("out.tsv"), F_OK) != 0); /* not there until close */
	CHECK(count_entries(".out.tsv.") == 1);
	CHECK(txt_writer_close(w) == 0);
	CHECK_STR(lines_of("out.tsv"), "a\tb|");
	CHECK(count_entries(".out.tsv.") == 0);
}

TEST(writer_refuses_existing_without_force)
{
	put("exists.tsv", "old\n", 4);
	CHECK(txt_writer_open(path("exists.tsv"), 0) == NULL);
	CHECK(strstr(txt_err(), "already exists") != NULL);
	txt_writer *w = txt_writer_open(path("exists.tsv"), TXT_W_FORCE);
	txt_writer_puts(w, "new\n");
	CHECK(txt_writer_close(w) == 0);
	CHECK_STR(lines_of("exists.tsv"), "new|");
}

TEST(writer_abort_leaves_nothing)
{
	txt_writer *w = txt_writer_open(path("gone.tsv"), 0);
	txt_writer_puts(w, "partial");
	txt_writer_abort(w);
	CHECK(access(path("gone.tsv"), F_OK) != 0);
	CHECK(count_entries(".gone.tsv.") == 0);
	txt_writer_abort(NULL);
}

TEST(writer_cleanup_removes_temps)
{
	txt_writer *w = txt_writer_open(path("crash.tsv"), 0);
	txt_writer_puts(w, "partial");
	txt_io_cleanup(); /* what exit() and the signal handler do */
	CHECK(count_entries(".crash.tsv.") == 0);
	CHECK(txt_writer_close(w) < 0); /* rename fails: temp is gone */
	CHECK(access(path("crash.tsv"), F_OK) != 0);
}

TEST(writer_gzip_roundtrip)
{
	txt_writer *w = txt_writer_open(path("z.tsv.gz"), 0);
	for (int i = 0; i < 100000; i++)
		txt_writer_printf(w, "line %d\n", i);
	CHECK(txt_writer_close(w) == 0);
	FILE *f = fopen(path("z.tsv.gz"), "rb");
	unsigned char magic[2] = {0, 0};
	CHECK(fread(magic, 1, 2, f) == 2 && magic[0] == 0x1f && magic[1] == 0x8b);
	fclose(f);
	txt_reader *r = txt_reader_open(path("z.tsv.gz"));
	char *line;
	size_t len;
	int n = 0, ok = 1;
	while (txt_reader_next(r, &line, &len) == 1) {
		char want[32];
		snprintf(want, sizeof want, "line %d", n++);
		ok &= strcmp(line, want) == 0;
	}
	CHECK(ok && n == 100000);
	txt_reader_close(r);
	w = txt_writer_open(path("forced"), TXT_W_GZIP);
	txt_writer_puts(w, "x\n");
	CHECK(txt_writer_close(w) == 0);
	CHECK_STR(lines_of("forced"), "x|");
}

TEST(writer_full_disk_is_an_error)
{
	txt_writer *w = txt_writer_open("/dev/full", 0);
	CHECK(w != NULL);
	for (int i = 0; i < 20000; i++)
		txt_writer_puts(w, "0123456789");
	CHECK(txt_writer_close(w) < 0);
	CHECK(strstr(txt_err(), "/dev/full") != NULL);
}

TEST(read_file_whole)
{
	put("whole.txt", "ab\ncd", 5);
	char *d;
	size_t n;
	CHECK(txt_read_file(path("whole.txt"), &d, &n) == 0 && n == 5 && strcmp(d, "ab\ncd") == 0);
	free(d);
}

TEST(models_path_from_env)
{
	setenv("SLANT_MODELS", "/x/models", 1);
	char *p = txt_models_path("stopwords/en.txt");
	CHECK_STR(p, "/x/models/stopwords/en.txt");
	free(p);
}

static void cleanup(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		perror("rm");
}

static void setup(void) { CHECK(mkdtemp(dir) != NULL); atexit(cleanup); }

/* A held name goes at cleanup and on a fatal signal, until kept. */
TEST(remove_later_and_keep)
{
	static char a[] = "/tmp/slant-held-a-XXXXXX", b[] = "/tmp/slant-held-b-XXXXXX";
	close(mkstemp(a));
	close(mkstemp(b));
	CHECK(txt_io_remove_later(a) == 0 && txt_io_remove_later(b) == 0);
	txt_io_keep(b);
	txt_io_cleanup();
	CHECK(access(a, F_OK) != 0 && access(b, F_OK) == 0);
	unlink(b);
	static char c[64];
	snprintf(c, sizeof c, "/tmp/slant-held-c-%ld", (long)getpid());
	pid_t pid = fork();
	if (pid == 0) {
		close(open(c, O_WRONLY | O_CREAT, 0600));
		if (access(c, F_OK) != 0 || txt_io_remove_later(c) < 0)
			_exit(1);
		raise(SIGTERM);
		_exit(2);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	CHECK(access(c, F_OK) != 0);
	unlink(c);
}

/* Any two paths of one command that are one file are refused when the
 * second is opened: an output named twice (however spelled), an output that
 * is an input (open or already read, or a hard link to it), an input that is
 * an open output.  Devices may be named twice; a removed input no longer
 * counts. */
TEST(same_file_two_roles)
{
	char alias[300];
	txt_writer *w = txt_writer_open(path("o1.tsv"), 0);
	snprintf(alias, sizeof alias, "%s/./o1.tsv", dir);
	CHECK(w && txt_writer_open(alias, 0) == NULL);
	CHECK(strstr(txt_err(), "same file") != NULL && strstr(txt_err(), "o1.tsv") != NULL);
	txt_writer_abort(w);
	w = txt_writer_open(alias, 0); /* free again once the first is gone */
	CHECK(w != NULL);
	txt_writer_abort(w);

	put("in.tsv", "a\n", 2);
	txt_reader *r = txt_reader_open(path("in.tsv"));
	CHECK(r && txt_writer_open(path("in.tsv"), TXT_W_FORCE) == NULL);
	CHECK(strstr(txt_err(), "same file as the input") != NULL);
	txt_reader_close(r);
	CHECK(txt_writer_open(path("in.tsv"), TXT_W_FORCE) == NULL); /* read, then written */
	CHECK(link(path("in.tsv"), path("in-link.tsv")) == 0);
	CHECK(txt_writer_open(path("in-link.tsv"), TXT_W_FORCE) == NULL);

	put("o3.tsv", "b\n", 2);
	w = txt_writer_open(path("o3.tsv"), TXT_W_FORCE);
	CHECK(w && txt_reader_open(path("o3.tsv")) == NULL);
	CHECK(strstr(txt_err(), "same file as the output") != NULL);
	txt_writer_abort(w);

	txt_writer *n1 = txt_writer_open("/dev/null", 0), *n2 = txt_writer_open("/dev/null", 0);
	CHECK(n1 && n2);
	txt_writer_abort(n1);
	txt_writer_abort(n2);

	/* an output written and renamed into place: read back freely, but no
	 * other output of the process may replace it */
	w = txt_writer_open(path("w1.tsv"), 0);
	CHECK(w && txt_writer_puts(w, "x\n") == 0 && txt_writer_close(w) == 0);
	CHECK_STR(lines_of("w1.tsv"), "x|");
	CHECK(txt_writer_open(path("w1.tsv"), TXT_W_FORCE) == NULL);
	CHECK(strstr(txt_err(), "same file as the output") != NULL);
	unlink(path("w1.tsv"));
	w = txt_writer_open(path("w1.tsv"), 0); /* removed: free again */
	CHECK(w != NULL);
	txt_writer_abort(w);

	put("gone.tsv", "c\n", 2);
	CHECK_STR(lines_of("gone.tsv"), "c|");
	unlink(path("gone.tsv"));
	put("gone.tsv", "d\n", 2); /* a new file at the name (the inode may be reused) */
	unlink(path("gone.tsv"));
	w = txt_writer_open(path("gone.tsv"), 0);
	CHECK(w != NULL);
	txt_writer_abort(w);
}

/* Past ulimit -f a write fails with EFBIG like any write error: the message
 * names the file, and no temporary file is left (SIGXFSZ would have killed
 * the process with it in place). */
TEST(file_size_limit_is_an_error)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit rl = {4096, 4096};
		setrlimit(RLIMIT_FSIZE, &rl);
		txt_writer *w = txt_writer_open(path("limited.tsv"), 0);
		char block[1000];
		memset(block, 'x', sizeof block);
		for (int i = 0; w && i < 200; i++)
			txt_writer_write(w, block, sizeof block);
		int rc = w ? txt_writer_close(w) : 0;
		_exit(rc < 0 && strstr(txt_err(), "limited.tsv: File too large") ? 0 : 3);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(access(path("limited.tsv"), F_OK) != 0);
	CHECK(count_entries(".limited.tsv.") == 0);
}

RUN_TESTS(T(setup), T(plain_lines), T(crlf_is_stripped_and_counted), T(nul_bytes_kept_with_length),
	  T(empty_file), T(gzip_read), T(gzip_concatenated_members), T(gzip_truncated_is_an_error),
	  T(read_after_lines), T(gzip_corrupt_is_an_error),
	  T(plain_named_gz_reads_as_plain), T(gzip_trailing_garbage_is_an_error), T(missing_and_directory),
	  T(long_line_grows), T(writer_plain_atomic), T(writer_refuses_existing_without_force),
	  T(writer_abort_leaves_nothing), T(writer_cleanup_removes_temps), T(writer_gzip_roundtrip),
	  T(writer_full_disk_is_an_error), T(read_file_whole), T(models_path_from_env),
	  T(remove_later_and_keep), T(same_file_two_roles),
	  T(file_size_limit_is_an_error))
