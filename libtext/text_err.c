#include "text_err.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static _Thread_local char last_err[1024];

int txt_err_set(const char *fmt, ...)
{
	/* Format into a copy first: callers may pass txt_err() itself as an
	 * argument ("%s: %s", name, txt_err()), and vsnprintf must not write
	 * the buffer it reads. */
	char tmp[sizeof last_err];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	memcpy(last_err, tmp, sizeof last_err);
	return -1;
}

const char *txt_err(void)
{
	return last_err;
}

static void *oom(size_t n)
{
	fprintf(stderr, "slant: out of memory (allocating %zu bytes)\n", n);
	abort();
}

/* A large block on transparent huge pages, where the kernel gives them on
 * request (madvise mode, Debian's default): a page fault per 2 MiB instead
 * of per 4 KiB, and fewer TLB misses.  Counting 150 MB of bigrams
 * (slant-colloc) spent a fifth of its time faulting in fresh pages. */
#define HUGE_PAGE ((uintptr_t)2 << 20)
static void *advise_huge(void *p, size_t n)
{
	if (!p || n < 2 * HUGE_PAGE)
		return p;
	uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1),
		  e = ((uintptr_t)p + n) & ~(HUGE_PAGE - 1);
#ifdef MADV_HUGEPAGE
	if (e > a)
		madvise((void *)a, e - a, MADV_HUGEPAGE); /* a hint: failure is harmless */
#endif
	return p;
}

void *txt_xmalloc(size_t n)
{
	void *p = advise_huge(malloc(n ? n : 1), n);
	return p ? p : oom(n);
}

void *txt_xcalloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return oom(SIZE_MAX);
	void *p = advise_huge(calloc(n ? n : 1, size ? size : 1), n * size);
	return p ? p : oom(n * size);
}

void *txt_xrealloc(void *p, size_t n)
{
	void *q = advise_huge(realloc(p, n ? n : 1), n);
	return q ? q : oom(n);
}

void *txt_xzalloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return oom(SIZE_MAX);
	void *p = txt_xmalloc(n * size);
	memset(p, 0, n * size);
	return p;
}

void *txt_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return oom(SIZE_MAX);
	return txt_xrealloc(p, n * size);
}

char *txt_xstrdup(const char *s)
{
	return txt_xstrndup(s, strlen(s));
}

char *txt_xstrndup(const char *s, size_t n)
{
	char *p = txt_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void txt_strs_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

void txt_free_list(void *const *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i]);
}

/* Room for n more bytes and the NUL. */
static void reserve(txt_buf *b, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = txt_xrealloc(b->s, b->cap);
	}
}

void txt_buf_printf(txt_buf *b, const char *fmt, ...)
{
	for (;;) { /* at most twice: into the room there is, then into enough */
		size_t room = b->cap - b->n;
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(room ? b->s + b->n : NULL, room, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < room)
			b->n += (size_t)n;
		else if (n >= 0)
			reserve(b, (size_t)n);
		if (n < 0 && room)
			b->s[b->n] = '\0';
		if (n < 0 || (size_t)n < room)
			return;
	}
}

void txt_buf_add(txt_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}
