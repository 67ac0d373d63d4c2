/* text_tsv: see text_tsv.h. */
#include "text_tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text_err.h"
#include "text_map.h"

static void row_push(txt_row *row, char *s, size_t len)
{
	if (row->n == row->cap) {
		row->cap = row->cap ? row->cap * 2 : 16;
		row->f = txt_xreallocarray(row->f, row->cap, sizeof *row->f);
	}
	row->f[row->n].s = s;
	row->f[row->n].len = len;
	row->n++;
}

void txt_tsv_split(char *line, size_t len, txt_row *row)
{
	char *p = line, *end = line + len;
	row->n = 0;
	for (;;) {
		char *tab = memchr(p, '\t', (size_t)(end - p));
		if (!tab) {
			row_push(row, p, (size_t)(end - p));
			return;
		}
		row_push(row, p, (size_t)(tab - p));
		p = tab + 1;
	}
}

void txt_row_free(txt_row *row)
{
	if (!row)
		return;
	free(row->f);
	row->f = NULL;
	row->n = row->cap = 0;
}

/* Runs between backslashes are moved with memchr + memmove: text fields
 * hold an escaped newline every line or so, and a byte loop over the rest
 * cost more than tokenizing. */
size_t txt_tsv_unescape(char *s, size_t len)
{
	char *p = memchr(s, '\\', len);
	if (!p)
		return len;
	char *o = p, *end = s + len;
	while (p < end) { /* p is at a backslash */
		char c = '\\';
		p++;
		if (p < end) {
			switch (*p) {
			case '\\': p++; break;
			case 't': c = '\t'; p++; break;
			case 'n': c = '\n'; p++; break;
			case 'r': c = '\r'; p++; break;
			default: break; /* unknown escape: keep the backslash */
			}
		}
		*o++ = c;
		char *next = memchr(p, '\\', (size_t)(end - p));
		size_t run = (size_t)((next ? next : end) - p);
		memmove(o, p, run);
		o += run;
		p += run;
	}
	return (size_t)(o - s);
}

/* Which bytes need an escape: \t \n \r and backslash. */
static int needs_escape(unsigned char c)
{
	return c == '\\' || c == '\t' || c == '\n' || c == '\r';
}

size_t txt_tsv_escaped_len(const char *s, size_t len)
{
	size_t n = len;
	for (size_t i = 0; i < len; i++)
		n += needs_escape((unsigned char)s[i]);
	return n;
}

int txt_tsv_write_field(txt_writer *w, const char *s, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!needs_escape(c))
			continue;
		if (txt_writer_write(w, s + run, i - run) < 0)
			return -1;
		char esc[2] = {'\\', c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r'};
		if (txt_writer_write(w, esc, 2) < 0)
			return -1;
		run = i + 1;
	}
	return txt_writer_write(w, s + run, len - run);
}

int txt_tsv_write_row(txt_writer *w, const txt_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i && txt_writer_putc(w, '\t') < 0)
			return -1;
		if (txt_tsv_write_field(w, f[i].s, f[i].len) < 0)
			return -1;
	}
	return txt_writer_putc(w, '\n');
}

/* ---- tables ---- */

struct txt_table {
	txt_reader *r;
	char **cols;
	size_t ncols;
	txt_row row;
};

static int read_header(txt_table *t)
{
	char *line;
	size_t len;
	int k = txt_reader_next(t->r, &line, &len);
	if (k < 0)
		return -1;
	if (k == 0)
		return txt_err_set("%s: empty input, expected a header line", txt_reader_name(t->r));
	if (memchr(line, '\0', len))
		return txt_err_set("%s:%llu: NUL byte in header", txt_reader_name(t->r),
				   (unsigned long long)txt_reader_lineno(t->r));
	txt_tsv_split(line, len, &t->row);
	t->ncols = t->row.n;
	t->cols = txt_xcalloc(t->ncols, sizeof *t->cols);
	for (size_t i = 0; i < t->ncols; i++) {
		txt_field *f = &t->row.f[i];
		f->len = txt_tsv_unescape(f->s, f->len);
		t->cols[i] = txt_xstrndup(f->s, f->len);
	}
	for (size_t i = 0; i < t->ncols; i++)
		if (!t->cols[i][0])
			return txt_err_set("%s:%llu: empty column name (column %zu)",
					   txt_reader_name(t->r),
					   (unsigned long long)txt_reader_lineno(t->r), i + 1);
	long d = txt_names_dup(t->cols, t->ncols, NULL);
	if (d >= 0)
		return txt_err_set("%s:%llu: duplicate column name '%s'", txt_reader_name(t->r),
				   (unsigned long long)txt_reader_lineno(t->r), t->cols[d]);
	return 0;
}

long txt_names_dup(char *const *names, size_t n, struct txt_map **set)
{
	txt_map *m = txt_map_new(n);
	long dup = -1;
	for (size_t i = 0; i < n && dup < 0; i++) {
		int isnew;
		txt_map_put(m, names[i], strlen(names[i]), &isnew);
		if (!isnew)
			dup = (long)i;
	}
	if (set && dup < 0)
		*set = m;
	else
		txt_map_free(m);
	return dup;
}

txt_table *txt_table_open(const char *path)
{
	txt_reader *r = txt_reader_open(path);
	if (!r)
		return NULL;
	txt_table *t = txt_xcalloc(1, sizeof *t);
	t->r = r;
	if (read_header(t) < 0) {
		txt_table_close(t);
		return NULL;
	}
	return t;
}

int txt_table_next(txt_table *t, txt_row **row)
{
	char *line;
	size_t len;
	int k = txt_reader_next(t->r, &line, &len);
	if (k <= 0)
		return k;
	txt_tsv_split(line, len, &t->row);
	if (t->row.n != t->ncols)
		return txt_err_set("%s:%llu: expected %zu fields, found %zu",
				   txt_reader_name(t->r),
				   (unsigned long long)txt_reader_lineno(t->r), t->ncols,
				   t->row.n);
	for (size_t i = 0; i < t->row.n; i++) {
		txt_field *f = &t->row.f[i];
		f->len = txt_tsv_unescape(f->s, f->len);
		f->s[f->len] = '\0'; /* the tab or NUL after the field is ours */
	}
	*row = &t->row;
	return 1;
}

size_t txt_table_ncols(const txt_table *t) { return t->ncols; }

const char *txt_table_colname(const txt_table *t, size_t i)
{
	return i < t->ncols ? t->cols[i] : NULL;
}

long txt_cols_find(char *const *names, size_t n, const char *name)
{
	long hit = -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (long)i;
	for (size_t i = 0; i < n; i++) {
		if (strcasecmp(names[i], name) != 0)
			continue;
		if (hit >= 0) {
			txt_err_set("column '%s' is ambiguous: '%s' and '%s' (name one exactly)", name,
				    names[hit], names[i]);
			return -2;
		}
		hit = (long)i;
	}
	return hit;
}

long txt_table_col(const txt_table *t, const char *name)
{
	long i = txt_cols_find(t->cols, t->ncols, name);
	return i < 0 ? -1 : i;
}

long txt_table_need(const txt_table *t, const char *name, const char *kind)
{
	long i = txt_cols_find(t->cols, t->ncols, name);
	if (i >= 0)
		return i;
	if (i == -2) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", txt_err());
		return txt_err_set("%s: %s", txt_reader_name(t->r), msg);
	}
	char list[256];
	size_t n = 0;
	list[0] = '\0';
	for (size_t c = 0; c < t->ncols && n < sizeof list - 8; c++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", c ? ", " : "",
				      t->cols[c]);
	if (n >= sizeof list - 8)
		snprintf(list + sizeof list - 8, 8, ", ...");
	return txt_err_set("%s: not a %s file: no '%s' column (columns: %s)",
			   txt_reader_name(t->r), kind, name, list);
}

txt_reader *txt_table_reader(txt_table *t) { return t->r; }
const char *txt_table_name(const txt_table *t) { return txt_reader_name(t->r); }
uint64_t txt_table_lineno(const txt_table *t) { return txt_reader_lineno(t->r); }

void txt_table_close(txt_table *t)
{
	if (!t)
		return;
	txt_reader_close(t->r);
	txt_strs_free(t->cols, t->ncols);
	txt_row_free(&t->row);
	free(t);
}

/* ---- lists of column names ---- */

void txt_names_free(txt_names *l)
{
	txt_strs_free(l->name, l->n);
	free(l->header);
	memset(l, 0, sizeof *l);
}

long txt_names_index(const txt_names *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->name[i], name) == 0)
			return (long)i;
	return -1;
}

int txt_names_parse(txt_names *l, const char *opt, const char *list)
{
	txt_names_free(l);
	l->header = txt_xstrdup(list);
	for (const char *p = list;; p++) {
		size_t n = strcspn(p, ",");
		if (n == 0)
			return txt_err_set("%s: empty name in '%s'", opt, list);
		char *name = txt_xstrndup(p, n);
		if (txt_names_index(l, name) >= 0) {
			txt_err_set("%s: '%s' given twice", opt, name);
			free(name);
			return -1;
		}
		l->name = txt_xreallocarray(l->name, l->n + 1, sizeof *l->name);
		l->name[l->n++] = name;
		p += n;
		if (!*p)
			break;
	}
	for (char *h = l->header; *h; h++)
		if (*h == ',')
			*h = '\t';
	return 0;
}
