/* text_keys: see text_keys.h. */
#include "text_keys.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text_err.h"
#include "text_io.h"

#define FAN 16         /* runs of one level merged into one of the next */
#define IO_RECS 8192   /* records per read or write of a file run */

/* A run: distinct keys in increasing order with their counts, in memory
 * (fd < 0) or in a file of records: the key's words, then the count as two
 * words (low, high). */
typedef struct run {
	uint32_t *key;
	uint64_t *n;
	uint64_t len;
	int fd;
	unsigned level;
} run;

typedef struct runs {
	run *r;
	size_t n, cap;
} runs;

struct txt_keys {
	size_t w;
	uint64_t mem, used; /* the bound; bytes of memory runs */
	char *name;
	pthread_mutex_t mu;
	runs m, f;          /* in memory, in files */
	unsigned seq;
	char path[4096];    /* the file run being made */
	void (*on_run)(void *, unsigned, unsigned);
	void *arg;
};

txt_keys *txt_keys_new(size_t width, uint64_t mem, const char *name)
{
	if (width < 1 || width > TXT_KEYS_MAXW) {
		txt_err_set("keys of %zu words: 1 to %d", width, TXT_KEYS_MAXW);
		return NULL;
	}
	txt_keys *k = txt_xcalloc(1, sizeof *k);
	k->w = width;
	k->mem = mem;
	k->name = txt_xstrdup(name ? name : "slant");
	pthread_mutex_init(&k->mu, NULL);
	return k;
}

static void run_free(run *r)
{
	free(r->key);
	free(r->n);
	if (r->fd >= 0)
		close(r->fd);
}

void txt_keys_free(txt_keys *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->m.n; i++)
		run_free(&k->m.r[i]);
	for (size_t i = 0; i < k->f.n; i++)
		run_free(&k->f.r[i]);
	txt_free_all(k->m.r, k->f.r, k->name);
	pthread_mutex_destroy(&k->mu);
	free(k);
}

void txt_keys_on_run(txt_keys *k, void (*fn)(void *, unsigned, unsigned), void *arg)
{
	k->on_run = fn;
	k->arg = arg;
}

size_t txt_keys_file_runs(const txt_keys *k) { return k->f.n; }
uint64_t txt_keys_mem(const txt_keys *k) { return k->used; }

/* ---- sorting a batch ---- */

/* One pass of the radix sort: records to their digit's bucket.  Inlined
 * with a constant width, so a record moves as a few loads and stores. */
static inline __attribute__((always_inline)) void
scatter(const uint32_t *from, uint32_t *to, size_t n, size_t w, size_t word, unsigned shift,
	size_t *pos)
{
	for (size_t i = 0; i < n; i++, from += w) {
		uint32_t *d = to + pos[from[word] >> shift & 0xff]++ * w;
		for (size_t j = 0; j < w; j++)
			d[j] = from[j];
	}
}

static void scatter_w(const uint32_t *from, uint32_t *to, size_t n, size_t w, size_t word,
		      unsigned shift, size_t *pos)
{
	switch (w) {
	case 1: scatter(from, to, n, 1, word, shift, pos); break;
	case 2: scatter(from, to, n, 2, word, shift, pos); break;
	case 3: scatter(from, to, n, 3, word, shift, pos); break;
	case 4: scatter(from, to, n, 4, word, shift, pos); break;
	default: scatter(from, to, n, w, word, shift, pos); break;
	}
}

/* Keys whose words fit in 32 or 64 bits together (word ids below the
 * vocabulary's size) are sorted as single numbers: each word's bits
 * concatenated, the first word highest, then 11-bit digits (a bigram of a
 * 30,000-word vocabulary: three passes over 4 bytes, against four over 8
 * bytes by bytes of the words). */
#define DIGIT 11
#define PACKED_SORT(NAME, T)                                                                      \
	static T *NAME(T *a, T *b, size_t n, unsigned bits)                                        \
	{                                                                                          \
		const unsigned passes = (bits + DIGIT - 1) / DIGIT;                                \
		const T mask = ((T)1 << DIGIT) - 1;                                                \
		size_t(*cnt)[1 << DIGIT] = txt_xcalloc(passes ? passes : 1, sizeof *cnt);          \
		for (size_t i = 0; i < n; i++)                                                     \
			for (unsigned p = 0; p < passes; p++)                                      \
				cnt[p][a[i] >> (p * DIGIT) & mask]++;                              \
		for (unsigned p = 0; p < passes; p++) {                                            \
			unsigned sh = p * DIGIT;                                                   \
			if (cnt[p][a[0] >> sh & mask] == n)                                        \
				continue;                                                          \
			size_t pos[1 << DIGIT], s = 0;                                             \
			for (size_t d = 0; d < (1u << DIGIT); d++) {                               \
				pos[d] = s;                                                        \
				s += cnt[p][d];                                                    \
			}                                                                          \
			for (size_t i = 0; i < n; i++)                                             \
				b[pos[a[i] >> sh & mask]++] = a[i];                                \
			T *t = a;                                                                  \
			a = b;                                                                     \
			b = t;                                                                     \
		}                                                                                  \
		free(cnt);                                                                         \
		return a;                                                                          \
	}
PACKED_SORT(sort_u32, uint32_t)
PACKED_SORT(sort_u64, uint64_t)

/* A sorted batch: the numbers the keys were packed into (n32 or n64, in
 * the caller's keys or tmp), or, both NULL, the keys themselves. */
typedef struct sorted {
	const uint32_t *n32;
	const uint64_t *n64;
	unsigned bits[TXT_KEYS_MAXW]; /* each word's bits in the numbers */
} sorted;

static uint64_t sorted_num(const sorted *o, size_t i)
{
	return o->n32 ? o->n32[i] : o->n64[i];
}

/* A number's words: the last word in the lowest bits. */
static void unpack(uint64_t v, uint32_t *key, size_t w, const unsigned *bits)
{
	for (size_t j = w; j-- > 0;) {
		key[j] = (uint32_t)(v & (((uint64_t)1 << bits[j]) - 1));
		v >>= bits[j];
	}
}

/* Sort keys packed in `total` bits (o->bits[j] for word j): pack into tmp,
 * sort between tmp and keys.  0 when they do not fit (keys and tmp hold
 * n * w words each). */
static int packed_sort(uint32_t *keys, uint32_t *tmp, size_t n, size_t w, unsigned total,
		       sorted *o)
{
	const unsigned *bits = o->bits;
	if (total > 64 || (total > 32 && w < 2))
		return 0;
	if (total <= 32) {
		uint32_t *p = tmp;
		for (size_t i = 0; i < n; i++) {
			uint32_t v = 0; /* a 32-bit word is the only one with bits set */
			for (size_t j = 0; j < w; j++)
				v = (bits[j] < 32 ? v << bits[j] : 0) | keys[i * w + j];
			p[i] = v;
		}
		o->n32 = sort_u32(p, keys, n, total);
		return 1;
	}
	uint64_t *p = (uint64_t *)(void *)tmp;
	for (size_t i = 0; i < n; i++) {
		uint64_t v = 0;
		for (size_t j = 0; j < w; j++)
			v = v << bits[j] | keys[i * w + j];
		p[i] = v;
	}
	o->n64 = sort_u64(p, (uint64_t *)(void *)keys, n, total);
	return 1;
}

static void sort_bytes(uint32_t *keys, uint32_t *tmp, size_t n, size_t w);

/* Sort the batch: as numbers when the keys pack, else by bytes in place. */
static void sort_batch(uint32_t *keys, uint32_t *tmp, size_t n, size_t w, sorted *o)
{
	*o = (sorted){0};
	if (n < 2)
		return;
	uint32_t any[TXT_KEYS_MAXW] = {0}; /* each word's bits set in some key */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < w; j++)
			any[j] |= keys[i * w + j];
	unsigned total = 0;
	for (size_t j = 0; j < w; j++)
		total += o->bits[j] = any[j] ? 32 - (unsigned)__builtin_clz(any[j]) : 0;
	if (packed_sort(keys, tmp, n, w, total, o))
		return;
	sort_bytes(keys, tmp, n, w);
}

void txt_keys_sort(uint32_t *keys, uint32_t *tmp, size_t n, size_t w)
{
	sorted o;
	sort_batch(keys, tmp, n, w, &o);
	/* unpacked from the last key back: when the numbers are in keys, a
	 * key's words start at or after its number's bytes */
	for (size_t i = n; (o.n32 || o.n64) && i-- > 0;)
		unpack(sorted_num(&o, i), keys + i * w, w, o.bits);
}

/* By bytes of the words: LSD radix sort, a byte a pass. */
static void sort_bytes(uint32_t *keys, uint32_t *tmp, size_t n, size_t w)
{
	/* every digit's histogram in one pass; digit d is byte d % 4 of word
	 * w - 1 - d / 4 (least significant first) */
	const size_t nd = 4 * w;
	size_t (*cnt)[256] = txt_xcalloc(nd, sizeof *cnt);
	for (size_t i = 0; i < n; i++) {
		const uint32_t *r = keys + i * w;
		for (size_t j = 0; j < w; j++) {
			uint32_t v = r[w - 1 - j];
			cnt[4 * j][v & 0xff]++;
			cnt[4 * j + 1][v >> 8 & 0xff]++;
			cnt[4 * j + 2][v >> 16 & 0xff]++;
			cnt[4 * j + 3][v >> 24]++;
		}
	}
	uint32_t *from = keys, *to = tmp;
	for (size_t d = 0; d < nd; d++) {
		size_t word = w - 1 - d / 4;
		unsigned shift = 8 * (unsigned)(d % 4);
		if (cnt[d][from[word] >> shift & 0xff] == n)
			continue; /* every key has this digit: the pass would change nothing */
		size_t pos[256], s = 0;
		for (size_t b = 0; b < 256; b++) {
			pos[b] = s;
			s += cnt[d][b];
		}
		scatter_w(from, to, n, w, word, shift, pos);
		uint32_t *t = from;
		from = to;
		to = t;
	}
	if (from != keys)
		memcpy(keys, from, n * w * sizeof *keys);
	free(cnt);
}

static int key_eq(const uint32_t *a, const uint32_t *b, size_t w)
{
	if (w == 2)
		return a[0] == b[0] && a[1] == b[1];
	for (size_t i = 0; i < w; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* A key's words copied (a call to memcpy per key cost more than the copy). */
static inline void key_copy(uint32_t *d, const uint32_t *s, size_t w)
{
	for (size_t i = 0; i < w; i++)
		d[i] = s[i];
}

static int key_cmp(const uint32_t *a, const uint32_t *b, size_t w)
{
	if (w == 2) { /* the common case (two words), as one number */
		uint64_t x = (uint64_t)a[0] << 32 | a[1], y = (uint64_t)b[0] << 32 | b[1];
		return (x > y) - (x < y);
	}
	for (size_t i = 0; i < w; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/* Sorted keys as a memory run: each distinct key once, with its count. */
static run collapse(const uint32_t *keys, size_t n, size_t w)
{
	size_t d = 0;
	for (size_t i = 0; i < n; i++)
		d += i == 0 || !key_eq(keys + i * w, keys + (i - 1) * w, w);
	run r = {txt_xreallocarray(NULL, d ? d : 1, w * sizeof *r.key),
		 txt_xreallocarray(NULL, d ? d : 1, sizeof *r.n), d, -1, 0};
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && key_eq(keys + i * w, keys + (i - 1) * w, w)) {
			r.n[j - 1]++;
			continue;
		}
		key_copy(r.key + j * w, keys + i * w, w);
		r.n[j++] = 1;
	}
	return r;
}

/* A batch sorted as numbers, as a memory run: equal keys are equal
 * numbers, so they are counted before being unpacked, once each. */
static run collapse_sorted(const sorted *o, size_t n, size_t w)
{
	size_t d = n > 0;
	for (size_t i = 1; i < n; i++)
		d += sorted_num(o, i) != sorted_num(o, i - 1);
	run r = {txt_xreallocarray(NULL, d ? d : 1, w * sizeof *r.key),
		 txt_xreallocarray(NULL, d ? d : 1, sizeof *r.n), d, -1, 0};
	for (size_t i = 0, j = 0, e; i < n; i = e, j++) {
		uint64_t v = sorted_num(o, i);
		for (e = i + 1; e < n && sorted_num(o, e) == v; e++)
			;
		unpack(v, r.key + j * w, w, o->bits);
		r.n[j] = e - i;
	}
	return r;
}

/* ---- reading runs, merging them ---- */

typedef struct cursor {
	const run *r;
	uint64_t next, read; /* records taken; records read into buf */
	uint32_t *buf;       /* file runs */
	size_t bn, bi;
	const uint32_t *key;
	uint64_t n;
} cursor;

static int io_fail(const char *what)
{
	int e = errno;
	return txt_err_set("%s a temporary file: %s", what, e ? strerror(e) : "it was cut short");
}

/* 1 with the cursor's next record, 0 at the end, -1. */
static int cur_next(cursor *c, size_t w)
{
	const run *r = c->r;
	if (c->next == r->len)
		return 0;
	if (r->fd < 0) {
		c->key = r->key + c->next * w;
		c->n = r->n[c->next++];
		return 1;
	}
	const size_t rec = w + 2;
	if (c->bi == c->bn) {
		uint64_t want = r->len - c->read < IO_RECS ? r->len - c->read : IO_RECS;
		size_t bytes = (size_t)want * rec * sizeof *c->buf, got = 0;
		off_t at = (off_t)(c->read * rec * sizeof *c->buf);
		while (got < bytes) {
			ssize_t k = pread(r->fd, (char *)c->buf + got, bytes - got, at + (off_t)got);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				if (k == 0)
					errno = 0;
				return io_fail("reading");
			}
			got += (size_t)k;
		}
		c->read += want;
		c->bn = (size_t)want;
		c->bi = 0;
	}
	const uint32_t *p = c->buf + c->bi++ * rec;
	c->key = p;
	c->n = p[w] | (uint64_t)p[w + 1] << 32;
	c->next++;
	return 1;
}

struct txt_keys_iter {
	size_t w;
	cursor *cur;
	cursor **heap; /* cursors with a record, smallest key first */
	size_t nh;
	uint32_t key[TXT_KEYS_MAXW];
	uint32_t hi[TXT_KEYS_MAXW]; /* the end (excluded) when has_hi */
	int has_hi;
};

/* Record i's key: in memory, or read from the file into buf (w + 2
 * words).  NULL when the read fails. */
static const uint32_t *run_key(const run *r, uint64_t i, size_t w, uint32_t *buf)
{
	if (r->fd < 0)
		return r->key + i * w;
	size_t bytes = (w + 2) * sizeof *buf;
	ssize_t got = pread(r->fd, buf, bytes, (off_t)(i * bytes));
	if (got != (ssize_t)bytes) {
		if (got >= 0)
			errno = 0;
		io_fail("reading");
		return NULL;
	}
	return buf;
}

/* The first record of r whose key is not below lo; -1 when a read fails. */
static int64_t lower_bound(const run *r, const uint32_t *lo, size_t w)
{
	uint64_t a = 0, b = r->len;
	uint32_t buf[TXT_KEYS_MAXW + 2];
	while (a < b) {
		uint64_t m = a + (b - a) / 2;
		const uint32_t *key = run_key(r, m, w, buf);
		if (!key)
			return -1;
		if (key_cmp(key, lo, w) < 0)
			a = m + 1;
		else
			b = m;
	}
	return (int64_t)a;
}

static void sift_down(txt_keys_iter *it, size_t i)
{
	cursor **h = it->heap;
	for (;;) {
		size_t l = 2 * i + 1, m = i;
		if (l < it->nh && key_cmp(h[l]->key, h[m]->key, it->w) < 0)
			m = l;
		if (l + 1 < it->nh && key_cmp(h[l + 1]->key, h[m]->key, it->w) < 0)
			m = l + 1;
		if (m == i)
			return;
		cursor *t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

void txt_keys_iter_free(txt_keys_iter *it)
{
	if (!it)
		return;
	for (size_t i = 0; it->cur && i < it->nh; i++)
		free(it->heap[i]->buf);
	txt_free_all(it->cur, it->heap, it);
}

/* A merge of rs[0..n), of the keys from lo (NULL: the first) to hi
 * (excluded; NULL: to the end). */
static txt_keys_iter *iter_open(size_t w, run *const *rs, size_t n, const uint32_t *lo,
				const uint32_t *hi)
{
	txt_keys_iter *it = txt_xcalloc(1, sizeof *it);
	it->w = w;
	if ((it->has_hi = hi != NULL))
		key_copy(it->hi, hi, w);
	it->cur = txt_xcalloc(n ? n : 1, sizeof *it->cur);
	it->heap = txt_xcalloc(n ? n : 1, sizeof *it->heap);
	for (size_t i = 0; i < n; i++) {
		cursor *c = &it->cur[i];
		c->r = rs[i];
		int64_t at = lo ? lower_bound(rs[i], lo, w) : 0;
		if (at < 0) {
			txt_keys_iter_free(it);
			return NULL;
		}
		c->next = c->read = (uint64_t)at;
		if (rs[i]->fd >= 0)
			c->buf = txt_xreallocarray(NULL, IO_RECS, (w + 2) * sizeof *c->buf);
		int rc = cur_next(c, w);
		if (rc < 0) {
			free(c->buf);
			txt_keys_iter_free(it);
			return NULL;
		}
		if (rc == 0)
			free(c->buf);
		else
			it->heap[it->nh++] = c;
	}
	for (size_t i = it->nh; i-- > 0;)
		sift_down(it, i);
	return it;
}

int txt_keys_next(txt_keys_iter *it, const uint32_t **key, uint64_t *count)
{
	if (it->nh == 0 || (it->has_hi && key_cmp(it->heap[0]->key, it->hi, it->w) >= 0))
		return 0;
	key_copy(it->key, it->heap[0]->key, it->w);
	uint64_t n = 0;
	do {
		cursor *c = it->heap[0];
		n += c->n;
		int rc = cur_next(c, it->w);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			free(c->buf);
			c->buf = NULL;
			it->heap[0] = it->heap[--it->nh];
		}
		sift_down(it, 0);
	} while (it->nh && key_eq(it->heap[0]->key, it->key, it->w));
	*key = it->key;
	*count = n;
	return 1;
}

txt_keys_iter *txt_keys_iter_new(txt_keys *k)
{
	return txt_keys_iter_range(k, NULL, NULL);
}

txt_keys_iter *txt_keys_iter_range(txt_keys *k, const uint32_t *lo, const uint32_t *hi)
{
	size_t n = k->m.n + k->f.n;
	run **rs = txt_xcalloc(n ? n : 1, sizeof *rs);
	for (size_t i = 0; i < k->m.n; i++)
		rs[i] = &k->m.r[i];
	for (size_t i = 0; i < k->f.n; i++)
		rs[k->m.n + i] = &k->f.r[i];
	txt_keys_iter *it = iter_open(k->w, rs, n, lo, hi);
	free(rs);
	return it;
}

size_t txt_keys_cuts(txt_keys *k, size_t parts, uint32_t *cuts)
{
	const run *big = NULL; /* the run with the most keys */
	for (size_t i = 0; i < k->m.n + k->f.n; i++) {
		const run *r = i < k->m.n ? &k->m.r[i] : &k->f.r[i - k->m.n];
		if (!big || r->len > big->len)
			big = r;
	}
	size_t n = 0;
	uint32_t buf[TXT_KEYS_MAXW + 2];
	for (size_t i = 1; big && i < parts; i++) {
		const uint32_t *key = run_key(big, big->len * i / parts, k->w, buf);
		if (!key)
			return 0; /* one part, then: the merge will report the failure */
		if (n == 0 || key_cmp(key, cuts + (n - 1) * k->w, k->w) > 0)
			key_copy(cuts + n++ * k->w, key, k->w);
	}
	return n;
}

/* ---- keeping runs within the bound ---- */

static int write_all(int fd, const void *p, size_t n)
{
	for (size_t done = 0; done < n;) {
		ssize_t k = write(fd, (const char *)p + done, n - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return io_fail("writing");
		done += (size_t)k;
	}
	return 0;
}

/* A new temporary file, its name already removed. */
static int tmp_open(txt_keys *k)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	snprintf(k->path, sizeof k->path, "%s/%s-%ld-%u.keys", dir, k->name, (long)getpid(),
		 k->seq);
	if (txt_io_remove_later(k->path) < 0)
		return -1;
	int fd = open(k->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600), e = errno;
	if (fd >= 0)
		unlink(k->path);
	txt_io_keep(k->path);
	if (fd < 0)
		return txt_err_set("%s: %s", k->path, strerror(e));
	return fd;
}

/* Merge rs[0..n) into *out: a file run when to_file, else a memory run. */
static int merge_into(txt_keys *k, run *const *rs, size_t n, int to_file, run *out)
{
	const size_t w = k->w, rec = w + 2;
	txt_keys_iter *it = iter_open(w, rs, n, NULL, NULL);
	if (!it)
		return -1;
	*out = (run){NULL, NULL, 0, -1, 0};
	uint32_t *buf = NULL;
	size_t cap = 0, nb = 0;
	if (to_file) {
		if ((out->fd = tmp_open(k)) < 0) {
			txt_keys_iter_free(it);
			return -1;
		}
		buf = txt_xreallocarray(NULL, IO_RECS, rec * sizeof *buf);
	}
	const uint32_t *key;
	uint64_t cnt;
	int rc;
	while ((rc = txt_keys_next(it, &key, &cnt)) == 1) {
		if (!to_file) {
			if (out->len == cap) {
				cap = cap ? cap + cap / 2 : 4096;
				out->key = txt_xreallocarray(out->key, cap, w * sizeof *out->key);
				out->n = txt_xreallocarray(out->n, cap, sizeof *out->n);
			}
			key_copy(out->key + out->len * w, key, w);
			out->n[out->len++] = cnt;
			continue;
		}
		uint32_t *p = buf + nb * rec;
		key_copy(p, key, w);
		p[w] = (uint32_t)cnt;
		p[w + 1] = (uint32_t)(cnt >> 32);
		out->len++;
		if (++nb == IO_RECS) {
			rc = write_all(out->fd, buf, nb * rec * sizeof *buf);
			nb = 0;
			if (rc < 0)
				break;
		}
	}
	if (rc == 0 && nb)
		rc = write_all(out->fd, buf, nb * rec * sizeof *buf);
	free(buf);
	txt_keys_iter_free(it);
	if (rc < 0) {
		run_free(out);
		return -1;
	}
	if (!to_file) { /* no slack kept */
		out->key = txt_xreallocarray(out->key, out->len ? out->len : 1, w * sizeof *out->key);
		out->n = txt_xreallocarray(out->n, out->len ? out->len : 1, sizeof *out->n);
	}
	return 0;
}

static uint64_t run_bytes(const run *r, size_t w)
{
	return r->fd >= 0 ? 0 : r->len * (w * sizeof *r->key + sizeof *r->n);
}

static void runs_push(runs *s, run r)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->r = txt_xreallocarray(s->r, s->cap, sizeof *s->r);
	}
	s->r[s->n++] = r;
}

/* Merge the runs of s that pass `take` (level == lvl, or all when lvl < 0)
 * into one of level out_level, in a file or in memory. */
static int merge_some(txt_keys *k, runs *s, long lvl, int to_file, unsigned out_level)
{
	run **rs = txt_xcalloc(s->n ? s->n : 1, sizeof *rs);
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		if (lvl < 0 || s->r[i].level == (unsigned)lvl)
			rs[n++] = &s->r[i];
	run out;
	int rc = merge_into(k, rs, n, to_file, &out);
	free(rs);
	if (rc < 0)
		return -1;
	out.level = out_level;
	size_t j = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (lvl < 0 || s->r[i].level == (unsigned)lvl) {
			k->used -= run_bytes(&s->r[i], k->w);
			run_free(&s->r[i]);
		} else {
			s->r[j++] = s->r[i];
		}
	}
	s->n = j;
	k->used += run_bytes(&out, k->w);
	runs_push(to_file ? &k->f : &k->m, out);
	if (to_file && k->on_run)
		k->on_run(k->arg, k->seq, out_level);
	if (to_file)
		k->seq++;
	return 0;
}

/* A level of s with FAN runs, or -1. */
static long full_level(const runs *s)
{
	for (size_t i = 0; i < s->n; i++) {
		size_t same = 0;
		for (size_t j = 0; j < s->n; j++)
			same += s->r[j].level == s->r[i].level;
		if (same >= FAN)
			return s->r[i].level;
	}
	return -1;
}

/* After a run was added: merge full levels; past the bound, the memory
 * runs go to a file. */
static int settle(txt_keys *k)
{
	long l;
	while ((l = full_level(&k->m)) >= 0) {
		int to_file = k->mem && 2 * k->used > k->mem; /* no room for a merged copy */
		if (merge_some(k, &k->m, l, to_file, to_file ? 0 : (unsigned)l + 1) < 0)
			return -1;
	}
	if (k->mem && k->used > k->mem && k->m.n && merge_some(k, &k->m, -1, 1, 0) < 0)
		return -1;
	while ((l = full_level(&k->f)) >= 0)
		if (merge_some(k, &k->f, l, 1, (unsigned)l + 1) < 0)
			return -1;
	return 0;
}

int txt_keys_add(txt_keys *k, uint32_t *keys, uint32_t *tmp, size_t n)
{
	if (n == 0)
		return 0;
	sorted o;
	sort_batch(keys, tmp, n, k->w, &o);
	run r = o.n32 || o.n64 ? collapse_sorted(&o, n, k->w) : collapse(keys, n, k->w);
	pthread_mutex_lock(&k->mu);
	runs_push(&k->m, r);
	k->used += run_bytes(&r, k->w);
	int rc = settle(k);
	pthread_mutex_unlock(&k->mu);
	return rc;
}
