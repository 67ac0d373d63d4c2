/* text_err: the last error of the calling thread.
 *
 * libtext never prints and never exits.  A function that fails returns -1 or
 * NULL and records a message here; the tool prints it (see text_cli).  The
 * message should already name the file and line where it applies
 * ("docs.tsv:12: expected 3 fields, found 2").  Storage is thread-local and
 * owned by libtext: the pointer is valid until the next failing call. */
#ifndef TEXT_ERR_H
#define TEXT_ERR_H

#if defined(__GNUC__)
#define TXT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TXT_PRINTF(a, b)
#endif

/* Record a message (printf-style); always returns -1 for `return txt_err_set(...)`.
 * The arguments may include txt_err() itself ("%s: %s", name, txt_err()). */
int txt_err_set(const char *fmt, ...) TXT_PRINTF(1, 2);
/* The last recorded message, or "" when none. */
const char *txt_err(void);

/* Allocation that aborts on failure (the one case where libtext stops the
 * process: there is nothing sensible to return to).  Sizes are checked for
 * overflow. */
#include <stddef.h>
void *txt_xmalloc(size_t n);
void *txt_xcalloc(size_t n, size_t size);
/* Zeroed like txt_xcalloc, but by writing: for hash tables, whose pages are
 * all touched soon, probes first.  calloc's untouched pages read as a shared
 * zero page, and the first write to each then costs a copy-on-write fault
 * that flushes the TLB of every CPU running another thread of the process. */
void *txt_xzalloc(size_t n, size_t size);
void *txt_xrealloc(void *p, size_t n);
void *txt_xreallocarray(void *p, size_t n, size_t size);
char *txt_xstrdup(const char *s);
char *txt_xstrndup(const char *s, size_t n);

/* free() each of v's n pointers, then v (NULL: nothing). */
void txt_strs_free(char **v, size_t n);
/* free() each of p's n pointers.  txt_free_all(a, b, ...) lists them: a
 * destructor names its fields in one call rather than a line each.  Every
 * argument is read before the first is freed, so txt_free_all(c->a, c) is
 * safe.  (sizeof does not evaluate its operand.) */
void txt_free_list(void *const *p, size_t n);
#define txt_free_all(...) txt_free_list((void *[]){__VA_ARGS__}, \
	sizeof((void *[]){__VA_ARGS__}) / sizeof(void *))

/* A growing byte buffer, always NUL-terminated once written to.  The caller
 * owns b.s and frees it with free(); start from (txt_buf){0}. */
typedef struct txt_buf {
	char *s;
	size_t n, cap;
} txt_buf;
void txt_buf_add(txt_buf *b, const char *s, size_t n);
/* Append printf's text (nothing when the formatting fails). */
void txt_buf_printf(txt_buf *b, const char *fmt, ...) TXT_PRINTF(2, 3);

#endif
