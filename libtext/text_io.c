/* text_io: see text_io.h.  The reader inflates gzip itself (zlib's inflate
 * with automatic header detection) so that a stream that ends early is an
 * error, never a quiet end of file, and so plain input is read with plain
 * read(2) into the line buffer with no extra copy. */
#include "text_io.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "text_err.h"

#define RAW_SIZE (256 * 1024)
#define BUF_START (256 * 1024)

struct txt_reader {
	int fd;
	char *name;
	int gzip;           /* 1: inflate from raw[] */
	int eof;            /* no more bytes will come */
	int failed;
	z_stream zs;
	unsigned char *raw; /* compressed input */
	char *buf;          /* decoded bytes: [beg, end) not yet returned */
	size_t beg, end, cap;
	uint64_t lineno, bytes, crlf;
	int raw_reads; /* txt_reader_read was used: lineno no longer counts */
	int text;      /* txt_reader_text: NUL bytes are errors */
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int rd_fail(txt_reader *r, const char *what)
{
	r->failed = 1;
	if (r->lineno && !r->raw_reads)
		return txt_err_set("%s:%llu: %s", r->name,
				   (unsigned long long)r->lineno + 1, what);
	return txt_err_set("%s: %s", r->name, what);
}

/* read(2) that retries on EINTR: >0, 0 at end, -1 on error. */
static ssize_t read_some(int fd, void *p, size_t n)
{
	for (;;) {
		ssize_t k = read(fd, p, n);
		if (k >= 0 || errno != EINTR)
			return k;
	}
}

/* Fill raw[] as far as possible; returns bytes in it or -1. */
static ssize_t fill_raw(txt_reader *r, size_t have)
{
	while (have < RAW_SIZE) {
		ssize_t k = read_some(r->fd, r->raw + have, RAW_SIZE - have);
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		have += (size_t)k;
	}
	return (ssize_t)have;
}

/* ---- one file in two roles ----
 * Every input opened and every named output still open is recorded by
 * device and inode (and, for an output that does not exist yet, by its
 * resolved path), so that any two paths of one command that are the same file
 * (an output named twice, an output that is an input) are refused when the
 * second is opened, before anything is renamed into place.  Inputs stay
 * recorded after they are closed (a tool may read everything, then write):
 * such an entry counts only while its path still names that inode, so a
 * removed temporary file whose inode is reused is not mistaken for it. */
typedef struct {
	dev_t dev;
	ino_t ino;
	int exists;
	int closed;           /* an input closed, or an output written and renamed */
	int written;          /* was an output */
	const void *writer;   /* an open output's writer; NULL otherwise */
	char *path;           /* resolved: real directory + base name */
	char *name;           /* as given, for messages */
} io_role;

static pthread_mutex_t roles_mu = PTHREAD_MUTEX_INITIALIZER;
static io_role *roles;
static size_t nroles, roles_cap;

/* The real directory of path joined to its base name (path as given when
 * the directory cannot be resolved). */
static char *resolve(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX], real[PATH_MAX];
	if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1,
			 slash ? path : ".");
	if (!realpath(dir, real))
		return txt_xstrdup(path);
	size_t n = strlen(real) + strlen(path) + 2;
	char *p = txt_xmalloc(n);
	snprintf(p, n, "%s/%s", strcmp(real, "/") ? real : "", slash ? slash + 1 : path);
	return p;
}

static int role_same(const io_role *e, const io_role *x)
{
	if (e->exists && x->exists && e->dev == x->dev && e->ino == x->ino) {
		struct stat st; /* a closed input: its name must still be that file */
		return !e->closed || (stat(e->path, &st) == 0 && st.st_dev == e->dev &&
				      st.st_ino == e->ino);
	}
	return e->writer && x->writer && strcmp(e->path, x->path) == 0;
}

/* Record x unless it is a file already recorded in the other role (or, for
 * an output, in any role).  0, or -1 with txt_err() set. */
static int role_add(io_role x)
{
	int rc = 0;
	pthread_mutex_lock(&roles_mu);
	for (size_t i = 0; i < nroles && rc == 0; i++) {
		const io_role *e = &roles[i];
		if ((x.writer || e->writer) && role_same(e, &x))
			rc = txt_err_set("%s: is the same file as %s %s; a command may not "
					 "write a file it reads or write one file twice",
					 x.name, e->writer || e->written ? "the output" : "the input",
					 e->name);
	}
	if (rc == 0) {
		if (nroles == roles_cap) {
			roles_cap = roles_cap ? roles_cap * 2 : 16;
			roles = txt_xreallocarray(roles, roles_cap, sizeof *roles);
		}
		x.name = txt_xstrdup(x.name);
		roles[nroles++] = x;
	} else {
		free(x.path);
	}
	pthread_mutex_unlock(&roles_mu);
	return rc;
}

/* An input or output closes: an output's entry goes, an input's stays. */
static void role_close(const void *writer, const char *input)
{
	pthread_mutex_lock(&roles_mu);
	for (size_t i = 0; i < nroles; i++) {
		io_role *e = &roles[i];
		if (writer ? e->writer == writer : !e->writer && !e->closed && !strcmp(e->name, input)) {
			if (!writer) {
				e->closed = 1;
				break;
			}
			free(e->path);
			free(e->name);
			roles[i] = roles[--nroles];
			break;
		}
	}
	pthread_mutex_unlock(&roles_mu);
}

/* An output renamed into place stays recorded, by its inode, as a closed
 * entry: another output of the command may not replace it. */
static void role_written(const void *writer, const char *path)
{
	struct stat st;
	int ok = stat(path, &st) == 0;
	pthread_mutex_lock(&roles_mu);
	for (size_t i = 0; i < nroles; i++) {
		io_role *e = &roles[i];
		if (e->writer == writer && ok) {
			e->writer = NULL;
			e->written = e->closed = e->exists = 1;
			e->dev = st.st_dev;
			e->ino = st.st_ino;
			break;
		}
	}
	pthread_mutex_unlock(&roles_mu);
}

static int role_input(int fd, const char *path)
{
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return 0; /* pipes and devices cannot be outputs too */
	io_role x = {st.st_dev, st.st_ino, 1, 0, 0, NULL, resolve(path), (char *)path};
	return role_add(x);
}

static int role_output(const txt_writer *w, const char *path)
{
	struct stat st;
	io_role x = {0, 0, 0, 0, 0, w, resolve(path), (char *)path};
	if (stat(path, &st) == 0) {
		x.dev = st.st_dev;
		x.ino = st.st_ino;
		x.exists = 1;
	}
	return role_add(x);
}

txt_reader *txt_reader_open(const char *path)
{
	int std = !path || strcmp(path, "-") == 0;
	int fd = std ? STDIN_FILENO : open(path, O_RDONLY);
	const char *name = std ? "(stdin)" : path;
	struct stat st;

	if (fd < 0) {
		txt_err_set("%s: %s", name, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		txt_err_set("%s: is a directory, expected a file", name);
		if (!std)
			close(fd);
		return NULL;
	}
	if (!std && role_input(fd, path) < 0) {
		close(fd);
		return NULL;
	}
	txt_reader *r = txt_xcalloc(1, sizeof *r);
	r->fd = fd;
	r->name = txt_xstrdup(name);
	r->raw = txt_xmalloc(RAW_SIZE);
	r->cap = BUF_START;
	r->buf = txt_xmalloc(r->cap + 1);

	ssize_t have = fill_raw(r, 0);
	if (have < 0) {
		txt_err_set("%s: %s", name, strerror(errno));
		txt_reader_close(r);
		return NULL;
	}
	/* by content, as zcat -f: a plain file named .gz is read as plain */
	r->gzip = have >= 2 && r->raw[0] == 0x1f && r->raw[1] == 0x8b;
	if (r->gzip) {
		if (inflateInit2(&r->zs, 15 + 32) != Z_OK)
			abort();
		r->zs.next_in = r->raw;
		r->zs.avail_in = (uInt)have;
	} else {
		memcpy(r->buf, r->raw, (size_t)have);
		r->end = (size_t)have;
		free(r->raw);
		r->raw = NULL;
		if (have < RAW_SIZE)
			r->eof = 1;
	}
	return r;
}

/* After a gzip member: 1 when another member follows, 0 at the end of the
 * input.  Anything else after it is an error, as for gzip -d: reading it as
 * the end of the file would drop data silently. */
static int next_member(txt_reader *r)
{
	size_t have = r->zs.avail_in;
	memmove(r->raw, r->zs.next_in, have);
	if (have < 2) {
		ssize_t k = fill_raw(r, have);
		if (k < 0)
			return rd_fail(r, strerror(errno));
		have = (size_t)k;
	}
	r->zs.next_in = r->raw;
	r->zs.avail_in = (uInt)have;
	if (have == 0)
		return 0;
	if (have >= 2 && r->raw[0] == 0x1f && r->raw[1] == 0x8b)
		return 1;
	return rd_fail(r, "bytes after the end of the gzip data are not gzip "
			  "(a damaged or appended file)");
}

/* Inflate into buf[end, cap); handles concatenated gzip members. */
static int fill_gzip(txt_reader *r)
{
	size_t before = r->end;
	while (r->end == before) {
		if (r->zs.avail_in == 0) {
			ssize_t have = fill_raw(r, 0);
			if (have < 0)
				return rd_fail(r, strerror(errno));
			if (have == 0)
				return rd_fail(r, "unexpected end of input: truncated gzip stream");
			r->zs.next_in = r->raw;
			r->zs.avail_in = (uInt)have;
		}
		r->zs.next_out = (unsigned char *)r->buf + r->end;
		r->zs.avail_out = (uInt)(r->cap - r->end);
		int z = inflate(&r->zs, Z_NO_FLUSH);
		r->end = r->cap - r->zs.avail_out;
		if (z == Z_STREAM_END) {
			int more = next_member(r);
			if (more < 0)
				return -1;
			if (!more) {
				r->eof = 1;
				return 0;
			}
			inflateReset(&r->zs);
		} else if (z != Z_OK && z != Z_BUF_ERROR) {
			char msg[256];
			snprintf(msg, sizeof msg, "corrupt gzip data (%s)",
				 r->zs.msg ? r->zs.msg : "inflate error");
			return rd_fail(r, msg);
		}
	}
	return 0;
}

/* Add bytes at buf[end]: 0 ok (possibly now at eof), -1 error. */
static int fill(txt_reader *r)
{
	if (r->beg > 0) { /* keep the partial line at the front */
		memmove(r->buf, r->buf + r->beg, r->end - r->beg);
		r->end -= r->beg;
		r->beg = 0;
	}
	if (r->end == r->cap) {
		if (r->cap >= TXT_MAX_LINE)
			return rd_fail(r, "line too long (over 1 GiB)");
		r->cap *= 2;
		r->buf = txt_xrealloc(r->buf, r->cap + 1);
	}
	if (r->gzip)
		return fill_gzip(r);
	ssize_t k = read_some(r->fd, r->buf + r->end, r->cap - r->end);
	if (k < 0)
		return rd_fail(r, strerror(errno));
	if (k == 0)
		r->eof = 1;
	r->end += (size_t)k;
	return 0;
}

int txt_reader_next(txt_reader *r, char **line, size_t *len)
{
	size_t scan = r->beg;
	if (r->failed)
		return -1;
	for (;;) {
		char *nl = memchr(r->buf + scan, '\n', r->end - scan);
		if (nl || (r->eof && r->end > r->beg)) {
			char *s = r->buf + r->beg;
			size_t n = nl ? (size_t)(nl - s) : r->end - r->beg;
			r->beg += n + (nl != NULL);
			r->bytes += n + (nl != NULL);
			if (n > 0 && s[n - 1] == '\r') {
				n--;
				r->crlf++;
			}
			s[n] = '\0';
			*line = s;
			*len = n;
			r->lineno++;
			if (r->text && txt_text_check(r->name, s, n, r->lineno) < 0) {
				r->failed = 1;
				return -1;
			}
			return 1;
		}
		if (r->eof)
			return 0;
		scan = r->end - r->beg; /* offset survives the compaction in fill */
		if (fill(r) < 0)
			return -1;
		scan += r->beg;
	}
}

long txt_reader_read(txt_reader *r, char *out, size_t n)
{
	if (r->failed)
		return -1;
	if (n == 0)
		return 0;
	r->raw_reads = 1;
	if (r->end == r->beg && !r->gzip && !r->eof) { /* nothing buffered: read into out */
		ssize_t k = read_some(r->fd, out, n);
		if (k < 0)
			return rd_fail(r, strerror(errno));
		r->eof = k == 0;
		r->bytes += (size_t)k;
		return (long)k;
	}
	while (r->end == r->beg && !r->eof)
		if (fill(r) < 0)
			return -1;
	size_t k = r->end - r->beg;
	if (k > n)
		k = n;
	memcpy(out, r->buf + r->beg, k);
	r->beg += k;
	r->bytes += k;
	return (long)k;
}

void txt_reader_text(txt_reader *r) { r->text = 1; }

int txt_text_check(const char *name, const char *data, size_t len, uint64_t first)
{
	const char *z = memchr(data, '\0', len);
	if (!z)
		return 0;
	uint64_t line = first;
	for (const char *p = data; (p = memchr(p, '\n', (size_t)(z - p))); p++)
		line++;
	return txt_err_set("%s:%llu: NUL byte (this file must be text)", name,
			   (unsigned long long)line);
}

const char *txt_reader_name(const txt_reader *r) { return r->name; }
uint64_t txt_reader_lineno(const txt_reader *r) { return r->lineno; }
uint64_t txt_reader_bytes(const txt_reader *r) { return r->bytes; }
int txt_reader_is_gzip(const txt_reader *r) { return r->gzip; }
uint64_t txt_reader_crlf(const txt_reader *r) { return r->crlf; }

void txt_reader_close(txt_reader *r)
{
	if (!r)
		return;
	if (r->gzip)
		inflateEnd(&r->zs);
	if (r->fd != STDIN_FILENO) {
		close(r->fd);
		role_close(NULL, r->name);
	}
	txt_free_all(r->raw, r->buf, r->name, r);
}

int txt_read_file(const char *path, char **data, size_t *len)
{
	txt_reader *r = txt_reader_open(path);
	if (!r)
		return -1;
	size_t cap = 1 << 16, n = 0;
	char *p = txt_xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap >= TXT_MAX_LINE) {
				free(p);
				txt_err_set("%s: file too large (over 1 GiB)", r->name);
				txt_reader_close(r);
				return -1;
			}
			cap *= 2;
			p = txt_xrealloc(p, cap + 1);
		}
		long k = txt_reader_read(r, p + n, cap - n);
		if (k < 0) {
			free(p);
			txt_reader_close(r);
			return -1;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	p[n] = '\0';
	*data = p;
	*len = n;
	txt_reader_close(r);
	return 0;
}

/* ---- writing ---- */

#define WBUF (64 * 1024)

struct txt_writer {
	int fd;
	char *name;     /* as given, or "(stdout)" */
	char *tmp;      /* temporary path, NULL for stdout */
	int gzip, failed;
	z_stream zs;
	char *buf;
	size_t n;
	unsigned char *zbuf;
	txt_buf *mem;   /* a memory writer: flushes append here */
};

/* Temporary outputs still open, removed at exit or on a fatal signal.  Only
 * async-signal-safe calls (unlink, signal, raise) touch it from the handler. */
#define MAX_TEMPS 64
static char *volatile temps[MAX_TEMPS];
static int hooks_installed;

void txt_io_cleanup(void)
{
	for (int i = 0; i < MAX_TEMPS; i++) {
		char *p = temps[i];
		if (p) {
			temps[i] = NULL;
			unlink(p);
		}
	}
}

static void on_signal(int sig)
{
	txt_io_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_hooks(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	if (hooks_installed)
		return;
	hooks_installed = 1;
	atexit(txt_io_cleanup);
	/* Past a file-size limit (ulimit -f) write(2) then fails with EFBIG,
	 * reported like any write error, and the temporary file is removed;
	 * the default action would kill the process and leave it behind. */
	signal(SIGXFSZ, SIG_IGN);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction sa, old;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue; /* keep "nohup"-style ignores */
		sigaction(sigs[i], &sa, NULL);
	}
}

static int temp_add(char *p)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (!temps[i]) {
			temps[i] = p;
			return 0;
		}
	return -1;
}

static void temp_forget(const char *p)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (temps[i] == p)
			temps[i] = NULL;
}

int txt_io_remove_later(const char *path)
{
	install_hooks();
	if (temp_add((char *)path) < 0)
		return txt_err_set("%s: too many temporary files", path);
	return 0;
}

void txt_io_keep(const char *path) { temp_forget(path); }

static int wr_fail(txt_writer *w, const char *what)
{
	w->failed = 1;
	return txt_err_set("%s: %s", w->name, what);
}

/* "dir/.base.XXXXXX": hidden, same file system as the target. */
static char *temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = strlen(path) + 16;
	char *t = txt_xmalloc(n);
	snprintf(t, n, "%.*s.%s.XXXXXX", (int)dlen, path, path + dlen);
	return t;
}

txt_writer *txt_writer_open(const char *path, int flags)
{
	int std = !path || strcmp(path, "-") == 0;
	int gzip = (flags & TXT_W_GZIP) || (!std && ends_with(path, ".gz"));
	struct stat st;

	if (std && gzip && isatty(STDOUT_FILENO)) {
		txt_err_set("refusing to write compressed data to a terminal");
		return NULL;
	}
	install_hooks();
	int special = 0, exists = 0; /* a device or FIFO (-o /dev/null): written in place */
	if (!std && stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			txt_err_set("%s: is a directory", path);
			return NULL;
		}
		special = !S_ISREG(st.st_mode);
		exists = 1;
	}
	txt_writer *w = txt_xcalloc(1, sizeof *w);
	if (!std && !special && role_output(w, path) < 0) {
		free(w);
		return NULL;
	}
	if (exists && !special && !(flags & TXT_W_FORCE)) {
		txt_err_set("%s: already exists (use -f to replace it)", path);
		role_close(w, NULL);
		free(w);
		return NULL;
	}
	w->fd = STDOUT_FILENO;
	w->name = txt_xstrdup(std ? "(stdout)" : path);
	if (special) {
		w->fd = open(path, O_WRONLY);
		if (w->fd < 0) {
			txt_err_set("%s: %s", path, strerror(errno));
			free(w->name);
			free(w);
			return NULL;
		}
		if (gzip && isatty(w->fd)) {
			txt_err_set("refusing to write compressed data to a terminal");
			close(w->fd);
			free(w->name);
			free(w);
			return NULL;
		}
	} else if (!std) {
		w->tmp = temp_name(path);
		w->fd = mkstemp(w->tmp);
		if (w->fd < 0) {
			txt_err_set("%s: cannot create: %s", path, strerror(errno));
			free(w->tmp);
			free(w->name);
			role_close(w, NULL);
			free(w);
			return NULL;
		}
		if (temp_add(w->tmp) < 0) {
			txt_err_set("%s: too many open outputs", path);
			close(w->fd);
			unlink(w->tmp);
			free(w->tmp);
			free(w->name);
			role_close(w, NULL);
			free(w);
			return NULL;
		}
		mode_t um = umask(0);
		umask(um);
		fchmod(w->fd, 0666 & ~um);
	}
	w->buf = txt_xmalloc(WBUF);
	w->gzip = gzip;
	if (gzip) {
		if (deflateInit2(&w->zs, 6, Z_DEFLATED, 15 + 16, 8,
				 Z_DEFAULT_STRATEGY) != Z_OK)
			abort();
		w->zbuf = txt_xmalloc(WBUF);
	}
	return w;
}

static int write_all(txt_writer *w, const void *p, size_t n)
{
	const char *s = p;
	if (w->mem) {
		txt_buf_add(w->mem, s, n);
		return 0;
	}
	while (n > 0) {
		ssize_t k = write(w->fd, s, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return wr_fail(w, strerror(errno));
		}
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

static int deflate_out(txt_writer *w, const char *p, size_t n, int flush)
{
	w->zs.next_in = (unsigned char *)p;
	w->zs.avail_in = (uInt)n;
	int z;
	do {
		w->zs.next_out = w->zbuf;
		w->zs.avail_out = WBUF;
		z = deflate(&w->zs, flush);
		if (z == Z_STREAM_ERROR)
			return wr_fail(w, "compression failed");
		if (write_all(w, w->zbuf, WBUF - w->zs.avail_out) < 0)
			return -1;
	} while (w->zs.avail_out == 0 || (flush == Z_FINISH && z != Z_STREAM_END));
	return 0;
}

static int flush_buf(txt_writer *w, int finish)
{
	int rc = w->gzip ? deflate_out(w, w->buf, w->n, finish ? Z_FINISH : Z_NO_FLUSH)
			 : write_all(w, w->buf, w->n);
	w->n = 0;
	return rc;
}

int txt_writer_write(txt_writer *w, const void *p, size_t n)
{
	if (w->failed)
		return -1;
	if (w->n + n > WBUF) {
		if (flush_buf(w, 0) < 0)
			return -1;
		if (n > WBUF) /* large block: bypass the buffer */
			return w->gzip ? deflate_out(w, p, n, Z_NO_FLUSH) : write_all(w, p, n);
	}
	memcpy(w->buf + w->n, p, n);
	w->n += n;
	return 0;
}

int txt_writer_puts(txt_writer *w, const char *s)
{
	return txt_writer_write(w, s, strlen(s));
}

int txt_writer_putc(txt_writer *w, int c)
{
	char ch = (char)c;
	return txt_writer_write(w, &ch, 1);
}

int txt_writer_printf(txt_writer *w, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return wr_fail(w, "formatting failed");
	if ((size_t)n < sizeof small)
		return txt_writer_write(w, small, (size_t)n);
	char *big = txt_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	int rc = txt_writer_write(w, big, (size_t)n);
	free(big);
	return rc;
}

const char *txt_writer_name(const txt_writer *w) { return w->name; }

static void writer_free(txt_writer *w)
{
	role_close(w, NULL);
	if (w->gzip)
		deflateEnd(&w->zs);
	txt_free_all(w->zbuf, w->buf, w->name, w->tmp);
	if (w->mem)
		free(w->mem->s);
	free(w->mem);
	free(w);
}

txt_writer *txt_writer_mem(void)
{
	txt_writer *w = txt_xcalloc(1, sizeof *w);
	w->fd = -1;
	w->name = txt_xstrdup("(memory)");
	w->buf = txt_xmalloc(WBUF);
	w->mem = txt_xcalloc(1, sizeof *w->mem);
	return w;
}

char *txt_writer_mem_take(txt_writer *w, size_t *len)
{
	flush_buf(w, 0);
	char *s = w->mem->s ? w->mem->s : txt_xstrdup("");
	if (len)
		*len = w->mem->n;
	w->mem->s = NULL;
	writer_free(w);
	return s;
}

int txt_writer_close(txt_writer *w)
{
	if (w->mem) {
		int rc = w->failed ? -1 : 0;
		writer_free(w);
		return rc;
	}
	/* a failed write already recorded its message */
	int rc = w->failed ? -1 : flush_buf(w, 1);
	if (!w->tmp && w->fd != STDOUT_FILENO && close(w->fd) < 0 && rc == 0)
		rc = wr_fail(w, strerror(errno));
	if (w->tmp) {
		if (close(w->fd) < 0 && rc == 0)
			rc = wr_fail(w, strerror(errno));
		if (rc == 0 && rename(w->tmp, w->name) < 0)
			rc = wr_fail(w, strerror(errno));
		if (rc == 0)
			role_written(w, w->name);
		if (rc < 0)
			unlink(w->tmp);
		temp_forget(w->tmp);
	}
	writer_free(w);
	return rc;
}

void txt_writer_abort(txt_writer *w)
{
	if (!w)
		return;
	if (w->mem) {
		writer_free(w);
		return;
	}
	if (w->tmp) {
		unlink(w->tmp);
		temp_forget(w->tmp);
	}
	if (w->fd != STDOUT_FILENO)
		close(w->fd);
	writer_free(w);
}

char *txt_file_id(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *id = txt_xstrdup(slash ? slash + 1 : path);
	size_t n = strlen(id);
	if (n >= 3 && strcmp(id + n - 3, ".gz") == 0)
		id[n - 3] = '\0';
	char *dot = strrchr(id, '.');
	if (dot && dot != id)
		*dot = '\0';
	return id;
}

char *txt_models_path(const char *rel)
{
	const char *env = getenv("SLANT_MODELS");
	char dir[PATH_MAX];
	size_t n = 0;
	if (env && *env) {
		snprintf(dir, sizeof dir, "%s", env);
	} else {
		ssize_t k = readlink("/proc/self/exe", dir, sizeof dir - 1);
		struct stat st;
		int found = 0;
		if (k > 0) {
			dir[k] = '\0';
			char *slash = strrchr(dir, '/');
			if (slash) {
				/* bin/slant-x -> ../models; build/san/bin/slant-x ->
				 * ../../../models; installed PREFIX/bin/slant-x ->
				 * ../share/slant (wherever PREFIX and DESTDIR put it) */
				static const char *ups[] = {"/../models", "/../../../models",
							    "/../share/slant"};
				*slash = '\0';
				for (size_t i = 0; i < 3 && !found; i++) {
					char cand[PATH_MAX + 32];
					snprintf(cand, sizeof cand, "%s%s", dir, ups[i]);
					if (strlen(cand) < sizeof dir && stat(cand, &st) == 0 &&
					    S_ISDIR(st.st_mode)) {
						memcpy(dir, cand, strlen(cand) + 1);
						found = 1;
					}
				}
			}
		}
#ifdef SLANT_DATADIR
		if (!found)
			snprintf(dir, sizeof dir, "%s", SLANT_DATADIR);
#else
		if (!found)
			snprintf(dir, sizeof dir, "/usr/local/share/slant");
#endif
	}
	n = strlen(dir) + strlen(rel) + 2;
	char *p = txt_xmalloc(n);
	snprintf(p, n, "%s/%s", dir, rel);
	return p;
}
