/* text_doc: see text_doc.h. */
#include "text_utf8.h"
#include "text_doc.h"

#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "text_err.h"
#include "text_extract.h"
#include "text_html.h"
#include "text_map.h"
#include "text_tsv.h"
#include "text_web.h"

typedef unsigned long long ull;

/* ---- names and formats ---- */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int txt_doc_format_parse(const char *name)
{
	if (strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
		return TXT_DOC_TEXT;
	if (strcmp(name, "tsv") == 0)
		return TXT_DOC_TSV;
	if (strcmp(name, "csv") == 0)
		return TXT_DOC_CSV;
	if (strcmp(name, "jsonl") == 0 || strcmp(name, "ndjson") == 0)
		return TXT_DOC_JSONL;
	if (strcmp(name, "html") == 0)
		return TXT_DOC_HTML;
	if (strcmp(name, "warc") == 0)
		return TXT_DOC_WARC;
	return -1;
}

int txt_doc_format_guess(const char *path)
{
	if (strcmp(path, "-") == 0)
		return TXT_DOC_TSV;
	size_t n = strlen(path);
	char *p = txt_xstrdup(path);
	if (ends_with(p, ".gz"))
		p[n - 3] = '\0';
	int f = ends_with(p, ".tsv")     ? TXT_DOC_TSV
		: ends_with(p, ".csv")   ? TXT_DOC_CSV
		: ends_with(p, ".jsonl") ? TXT_DOC_JSONL
		: ends_with(p, ".ndjson") ? TXT_DOC_JSONL
					 : TXT_DOC_TEXT;
	free(p);
	if (f == TXT_DOC_TEXT) {
		int k = txt_web_kind(path);
		f = k == TXT_KIND_HTML ? TXT_DOC_HTML : k == TXT_KIND_WARC ? TXT_DOC_WARC : f;
	}
	return f;
}

/* The extension of a name after removing ".gz" ("" when none), lowercase,
 * in buf. */
static const char *ext_of(const char *name, char *buf, size_t cap)
{
	size_t n = strlen(name);
	if (n > 3 && strcmp(name + n - 3, ".gz") == 0)
		n -= 3;
	size_t i = n;
	while (i > 0 && name[i - 1] != '.' && name[i - 1] != '/')
		i--;
	buf[0] = '\0';
	if (i <= 1 || name[i - 1] != '.' || n - i >= cap)
		return buf;
	for (size_t k = 0; k < n - i; k++)
		buf[k] = (char)tolower((unsigned char)name[i + k]);
	buf[n - i] = '\0';
	return buf;
}

static int in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

int txt_doc_dir_take(const char *name, const txt_doc_opts *o)
{
	static const char *const docs[] = {"txt", "text", "md", "html", "htm", "xhtml", "shtml", "warc", NULL};
	static const char *const tables[] = {"tsv", "csv", "jsonl", "ndjson", NULL};
	static const char *const notes[] = {"readme", "license", "licence", "copying", NULL};
	char ext[16];
	ext_of(name, ext, sizeof ext);
	int table = in_list(ext, tables) ? TXT_DOC_TAKE_TABLE : TXT_DOC_TAKE_DOC;
	if (o && o->nglobs) {
		for (size_t i = 0; i < o->nglobs; i++)
			if (fnmatch(o->globs[i], name, FNM_PERIOD) == 0)
				return table;
		return TXT_DOC_SKIP;
	}
	if (name[0] == '.')
		return TXT_DOC_SKIP;
	for (const char *const *k = notes; *k; k++)
		if (strncasecmp(name, *k, strlen(*k)) == 0)
			return TXT_DOC_SKIP;
	return table == TXT_DOC_TAKE_TABLE ? table : in_list(ext, docs) ? TXT_DOC_TAKE_DOC : TXT_DOC_SKIP;
}

/* ---- UTF-8 ---- */

/* Length of the valid UTF-8 sequence at s, or 0 with *bad set to the
 * length of the maximal invalid subpart (>= 1), as text_utf8 decodes. */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad)
{
	int32_t cp;
	size_t k = txt_utf8_decode((const char *)s, n, &cp);
	if (cp >= 0)
		return k;
	*bad = k ? k : 1;
	return 0;
}

/* ---- the input object ---- */

struct txt_doc_in {
	char *name;
	int fmt, strict;
	char **cols; /* output layout: id, [source], others, text */
	size_t ncols;
	long *map;   /* output column -> input column; -1: generated id */
	size_t nin;  /* input columns */
	char **colsrc; /* input column names */
	txt_map *colset; /* the same, hashed: id = index in colsrc */
	char *base;  /* for generated ids */
	/* current record: one arena, field offsets */
	char *rec;
	size_t rlen, rcap;
	size_t *off, *len;
	txt_field *f;
	uint64_t line, recno;
	char where[512];
	uint64_t nbad;
	char first_bad[512];
	/* readers */
	txt_reader *r;   /* CSV, JSONL */
	txt_table *t;    /* TSV */
	char **files;    /* text: the files still to read */
	size_t nfiles, next;
	/* CSV: the current record's fields */
	char *cbuf;
	size_t clen, ccap;
	size_t *coff, *cend;
	uint64_t *cline;
	size_t nc, ccap_f;
	/* JSONL: the first line, read at open for the keys, returned again */
	char *first;
	size_t first_len;
	uint64_t first_line;
	int first_todo;
	int shared; /* a parser (txt_doc_in_parser): the layout is another's */
	/* web pages, and a column of HTML in tables */
	int *pf;        /* output column -> P_* page field, or -1 */
	int web;        /* records are web pages */
	int html_all;
	txt_web *pages;
	txt_buf raw;    /* a packed page (-j) */
	uint64_t nunread;
	size_t nlisted;
	txt_buf unread; /* the first MAX_LISTED of them, one per line */
	txt_buf msg;
};

#define MAX_LISTED 5

static int web_open(txt_doc_in *in, char **files, size_t n, int kind);

/* The page fields a column can take. */
enum { P_ID, P_SOURCE, P_URL, P_DATE, P_TITLE, P_AUTHOR, P_LANG, P_TEXT, NPF };
static const char *pf_names[NPF] = {"id", "source", "url", "date", "title", "author",
				    "lang", "text"};

static void rec_grow(txt_doc_in *in, size_t more)
{
	if (in->rlen + more + 1 > in->rcap) {
		size_t want = in->rlen + more + 1;
		if (want < in->rlen)
			abort();
		while (in->rcap < want)
			in->rcap = in->rcap ? in->rcap * 2 : 4096;
		in->rec = txt_xrealloc(in->rec, in->rcap);
	}
}

static void rec_put(txt_doc_in *in, const void *s, size_t n)
{
	rec_grow(in, n);
	memcpy(in->rec + in->rlen, s, n);
	in->rlen += n;
}

/* Copy s into the arena, checking NUL bytes and UTF-8.  `line` is where s
 * starts; with count_nl, raw line breaks in s advance it. */
static int put_text(txt_doc_in *in, const char *s, size_t n, uint64_t line,
		    int count_nl)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;
	rec_grow(in, n);
	while (i < n) {
		size_t bad = 0, k;
		if (u[i] < 0x80) {
			if (u[i] == 0)
				return txt_err_set("%s:%llu: NUL byte in input (binary or UTF-16 file?)",
						   in->name, (ull)line);
			if (u[i] == '\n' && count_nl)
				line++;
			i++;
			continue;
		}
		k = utf8_seq(u + i, n - i, &bad);
		if (k) {
			i += k;
			continue;
		}
		if (in->strict)
			return txt_err_set("%s:%llu: invalid UTF-8 (byte 0x%02X)", in->name,
					   (ull)line, u[i]);
		if (in->nbad++ == 0)
			snprintf(in->first_bad, sizeof in->first_bad, "%s:%llu", in->name,
				 (ull)line);
		rec_put(in, s + run, i - run);
		rec_put(in, "\xEF\xBF\xBD", 3);
		i += bad;
		run = i;
	}
	rec_put(in, s + run, n - run);
	return 0;
}

static void rec_begin(txt_doc_in *in)
{
	in->rlen = 0;
	for (size_t i = 0; i < in->ncols; i++)
		in->off[i] = in->len[i] = 0;
}

/* Set output column c from s (checked). */
static int rec_set(txt_doc_in *in, size_t c, const char *s, size_t n,
		   uint64_t line, int count_nl)
{
	size_t at = in->rlen;
	if (put_text(in, s, n, line, count_nl) < 0)
		return -1;
	in->off[c] = at;
	in->len[c] = in->rlen - at;
	rec_put(in, "", 1);
	return 0;
}

static void rec_finish(txt_doc_in *in, const txt_field **f)
{
	rec_grow(in, 1);
	in->rec[in->rlen] = '\0';
	for (size_t i = 0; i < in->ncols; i++) {
		/* an unset field points at a NUL byte of its own */
		in->f[i].s = in->len[i] || in->off[i] ? in->rec + in->off[i] : (char *)"";
		in->f[i].len = in->len[i];
	}
	in->recno++;
	*f = in->f;
}

/* Generated id "BASE:N" for inputs without an id column. */
static int rec_gen_id(txt_doc_in *in)
{
	char num[32];
	snprintf(num, sizeof num, ":%llu", (ull)in->recno + 1);
	size_t at = in->rlen;
	rec_put(in, in->base, strlen(in->base));
	rec_put(in, num, strlen(num));
	in->off[0] = at;
	in->len[0] = in->rlen - at;
	rec_put(in, "", 1);
	return 0;
}

static void set_where(txt_doc_in *in, const char *file, uint64_t line)
{
	snprintf(in->where, sizeof in->where, "%s:%llu", file, (ull)line);
}

/* ---- column layout ---- */

static int col_dup(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static long find(char **names, size_t n, const char *name)
{
	return txt_cols_find(names, n, name);
}

/* The source column among names: src_col, or "source", else "outlet". */
static long find_source(char **names, size_t n, const char *src_col)
{
	if (src_col)
		return find(names, n, src_col);
	long s = find(names, n, "source");
	return s != -1 ? s : find(names, n, "outlet");
}

/* Build cols/map from the input's header names (kept as colsrc). */
static int layout(txt_doc_in *in, char **names, size_t n, const txt_doc_opts *o)
{
	const char *idn = o->id_col ? o->id_col : "id";
	const char *txn = o->html_col ? o->html_col : o->text_col ? o->text_col : "text";
	in->nin = n;
	long id = find(names, n, idn), tx = find(names, n, txn);
	long src = find_source(names, n, o->source_col);
	int rc = 0;
	if (id == -2 || tx == -2 || src == -2) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", txt_err());
		return txt_err_set("%s:1: %s", in->name, msg);
	}

	for (size_t i = 0; i < n && rc == 0; i++)
		if (!names[i][0])
			rc = txt_err_set("%s:1: empty column name (column %zu)", in->name, i + 1);
	long dup = rc == 0 ? txt_names_dup(names, n, &in->colset) : -1;
	if (dup >= 0)
		rc = txt_err_set("%s:1: duplicate column name '%s'", in->name, names[dup]);
	if (rc == 0 && tx < 0)
		rc = txt_err_set(o->html_col ? "%s: no HTML column '%s'"
					     : "%s: no text column '%s' (use --text-col)",
				 in->name, txn);
	if (rc == 0 && id < 0 && o->id_col)
		rc = txt_err_set("%s: no id column '%s'", in->name, idn);
	if (rc == 0 && o->source_col && src < 0)
		rc = txt_err_set("%s: no source column '%s'", in->name, o->source_col);
	if (rc == 0 && (src == id || src == tx))
		src = -1;
	in->cols = txt_xcalloc(n + NPF, sizeof *in->cols);
	in->map = txt_xcalloc(n + NPF, sizeof *in->map);
	in->cols[0] = txt_xstrdup("id");
	in->map[0] = id;
	in->ncols = 1;
	if (src >= 0 || o->html_col) {
		in->cols[in->ncols] = txt_xstrdup("source");
		in->map[in->ncols++] = src >= 0 ? src : -2;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		if ((long)i == id || (long)i == tx || (long)i == src)
			continue;
		if (strcmp(names[i], "id") == 0 || strcmp(names[i], "text") == 0 ||
		    (src >= 0 && strcmp(names[i], "source") == 0)) {
			rc = txt_err_set("%s: column '%s' would clash with the renamed %s column",
					 in->name, names[i], names[i]);
			break;
		}
		in->cols[in->ncols] = txt_xstrdup(names[i]);
		in->map[in->ncols++] = (long)i;
	}
	for (int k = P_URL; o->html_col && k < P_TEXT; k++) /* the page's columns */
		if (!col_dup(in->cols, in->ncols, pf_names[k])) {
			in->cols[in->ncols] = txt_xstrdup(pf_names[k]);
			in->map[in->ncols++] = -2;
		}
	in->cols[in->ncols] = txt_xstrdup("text");
	in->map[in->ncols++] = tx;
	in->colsrc = names;
	if (o->html_col) {
		in->pf = txt_xcalloc(in->ncols, sizeof *in->pf);
		for (size_t c = 0; c < in->ncols; c++) {
			in->pf[c] = -1;
			for (int k = P_SOURCE; k < NPF; k++)
				if (strcmp(in->cols[c], pf_names[k]) == 0)
					in->pf[c] = k;
		}
	}
	in->off = txt_xcalloc(in->ncols, sizeof *in->off);
	in->len = txt_xcalloc(in->ncols, sizeof *in->len);
	in->f = txt_xcalloc(in->ncols, sizeof *in->f);
	return rc;
}

/* ---- text files and directories ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of dir that the rule takes (txt_doc_dir_take), sorted:
 * documents, or with tables set the tables; every taken file when the
 * format is given. */
static int dir_files(const char *dir, const txt_doc_opts *o, int tables, char ***files,
		     size_t *nfiles)
{
	DIR *d = opendir(dir);
	if (!d)
		return txt_err_set("%s: %s", dir, strerror(errno));
	size_t cap = 0;
	struct dirent *e;
	while ((errno = 0, e = readdir(d)) != NULL) {
		int k = txt_doc_dir_take(e->d_name, o);
		if (k == TXT_DOC_SKIP || (o->format == TXT_DOC_AUTO &&
					   (k == TXT_DOC_TAKE_TABLE) != (tables != 0)))
			continue;
		size_t n = strlen(dir) + strlen(e->d_name) + 2;
		char *p = txt_xmalloc(n);
		snprintf(p, n, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", e->d_name);
		struct stat st;
		if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(p);
			continue;
		}
		if (*nfiles == cap) {
			cap = cap ? cap * 2 : 64;
			*files = txt_xreallocarray(*files, cap, sizeof **files);
		}
		(*files)[(*nfiles)++] = p;
	}
	int err = errno;
	closedir(d);
	if (err)
		return txt_err_set("%s: %s", dir, strerror(err));
	if (*nfiles)
		qsort(*files, *nfiles, sizeof **files, cmp_str);
	return 0;
}

static int no_docs(const char *dir, const txt_doc_opts *o)
{
	return txt_err_set("%s: no documents in the directory (%s)", dir, o->nglobs
		? "no file matches --glob"
		: "no .txt, .md, .html, .warc, .tsv, .csv or .jsonl file; --glob takes others");
}

static int list_dir(txt_doc_in *in, const char *dir, const txt_doc_opts *o)
{
	if (dir_files(dir, o, 0, &in->files, &in->nfiles) < 0)
		return -1;
	return in->nfiles ? 0 : no_docs(dir, o);
}

static int is_dir(const char *path)
{
	struct stat st;
	return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int txt_doc_expand(char *const *paths, size_t n, const txt_doc_opts *opts, char ***out, size_t *nout)
{
	txt_doc_opts none = {0};
	const txt_doc_opts *o = opts ? opts : &none;
	*out = NULL;
	*nout = 0;
	size_t cap = 0;
	for (size_t i = 0; i < n; i++) {
		char **docs = NULL, **tabs = NULL;
		size_t nd = 0, nt = 0;
		int dir = o->format == TXT_DOC_AUTO && is_dir(paths[i]);
		if (dir && (dir_files(paths[i], o, 0, &docs, &nd) < 0 ||
			    dir_files(paths[i], o, 1, &tabs, &nt) < 0)) {
			txt_doc_expand_free(docs, nd);
			txt_doc_expand_free(tabs, nt);
			return -1;
		}
		if (dir && nd + nt == 0) {
			txt_doc_expand_free(*out, *nout);
			*out = NULL;
			*nout = 0;
			return no_docs(paths[i], o);
		}
		if (*nout + 1 + nt > cap) {
			cap = (*nout + 1 + nt) * 2;
			*out = txt_xreallocarray(*out, cap, sizeof **out);
		}
		if (!dir || nd)
			(*out)[(*nout)++] = txt_xstrdup(paths[i]);
		for (size_t k = 0; k < nt; k++)
			(*out)[(*nout)++] = tabs[k];
		free(tabs);
		txt_doc_expand_free(docs, nd);
	}
	return 0;
}

void txt_doc_expand_free(char **paths, size_t n)
{
	txt_strs_free(paths, n);
}

static int text_next(txt_doc_in *in, const txt_field **f)
{
	if (in->next == in->nfiles)
		return 0;
	const char *path = in->files[in->next++];
	char *data;
	size_t n;
	if (txt_read_file(path, &data, &n) < 0)
		return -1;
	char *s = data;
	free(in->name);
	in->name = txt_xstrdup(strcmp(path, "-") == 0 ? "(stdin)" : path);
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	rec_begin(in);
	char *id = txt_file_id(strcmp(path, "-") == 0 ? "stdin" : path);
	int rc = rec_set(in, 0, id, strlen(id), 1, 0);
	free(id);
	if (rc == 0)
		rc = rec_set(in, 1, s, n, 1, 1);
	free(data);
	if (rc < 0)
		return -1;
	set_where(in, in->name, 1);
	rec_finish(in, f);
	return 1;
}

static int text_open(txt_doc_in *in, const char *path, const txt_doc_opts *o)
{
	struct stat st;
	int std = strcmp(path, "-") == 0;
	if (!std && stat(path, &st) != 0)
		return txt_err_set("%s: %s", path, strerror(errno));
	if (!std && S_ISDIR(st.st_mode)) {
		if (list_dir(in, path, o) < 0)
			return -1;
		for (size_t i = 0; i < in->nfiles; i++) { /* web pages among the files? */
			int k = txt_web_kind(in->files[i]);
			if (k == TXT_KIND_HTML || k == TXT_KIND_WARC)
				return web_open(in, in->files, in->nfiles, 0);
		}
	} else {
		in->files = txt_xmalloc(sizeof *in->files);
		in->files[0] = txt_xstrdup(path);
		in->nfiles = 1;
	}
	char **names = txt_xcalloc(2, sizeof *names);
	names[0] = txt_xstrdup("id");
	names[1] = txt_xstrdup("text");
	txt_doc_opts plain = {0};
	return layout(in, names, 2, &plain);
}

/* ---- web pages (text_web, text_extract) ---- */

/* A page field's value: the WARC record's url and date first, then the
 * page's; the source is the site's name, else the URL's host. */
static const char *page_value(int k, const txt_web_page *wp, const txt_page *pg,
			      char *date, char **host)
{
	switch (k) {
	case P_ID: return wp ? wp->id : "";
	case P_SOURCE:
		if (pg->site[0])
			return pg->site;
		*host = txt_extract_host(wp && wp->url[0] ? wp->url : pg->url);
		return *host;
	case P_URL: return wp && wp->url[0] ? wp->url : pg->url;
	case P_DATE:
		if (wp && wp->date[0] && txt_extract_date(wp->date, date, 40) == 0)
			return date;
		return pg->date;
	case P_TITLE: return pg->title;
	case P_AUTHOR: return pg->author;
	case P_LANG: return pg->lang;
	default: return pg->text;
	}
}

/* Set the page's fields: every column with a page field, or (keep_input)
 * only those the input left empty. */
static int page_fields(txt_doc_in *in, const txt_web_page *wp, const txt_page *pg,
		       uint64_t line, int keep_input)
{
	char date[40];
	int rc = 0;
	for (size_t c = 0; c < in->ncols && rc == 0; c++) {
		if (in->pf[c] < 0 || (in->pf[c] == P_TEXT && !pg->text) ||
		    (keep_input && in->map[c] >= 0 && in->pf[c] != P_TEXT && in->len[c] > 0))
			continue;
		char *host = NULL;
		const char *v = page_value(in->pf[c], wp, pg, date, &host);
		rc = rec_set(in, c, v, strlen(v), line, 0);
		free(host);
	}
	return rc;
}

/* The HTML in the text column of a table row, extracted. */
static int html_fill(txt_doc_in *in, uint64_t line)
{
	size_t t = in->ncols - 1;
	char *html = txt_xstrndup(in->rec + in->off[t], in->len[t]);
	txt_page pg = {0};
	int rc = txt_extract_html(html, in->len[t], NULL, in->html_all, &pg);
	free(html);
	if (rc < 0)
		rc = txt_err_set("%s:%llu: %s", in->name, (ull)line, txt_err());
	else
		rc = page_fields(in, NULL, &pg, line, 1);
	txt_page_free(&pg);
	return rc;
}

/* Count a page that cannot be read, or (strict) fail. */
static int unread(txt_doc_in *in, const char *where, const char *why)
{
	size_t n = strlen(where);
	if (n > 2 && strcmp(where + n - 2, ":1") == 0)
		n -= 2;
	if (in->strict)
		return txt_err_set("%.*s: cannot read the page: %s (--strict)", (int)n, where, why);
	char item[600];
	snprintf(item, sizeof item, "%.*s (%.200s)\n", (int)n, where, why);
	for (char *c = item; *c && c[1]; c++) /* one line per item */
		if (*c == '\n')
			*c = ' ';
	if (in->nlisted < MAX_LISTED) {
		txt_buf_add(&in->unread, item, strlen(item));
		in->nlisted++;
	}
	in->nunread++;
	return 0;
}

/* One page into the record: 1, 0 when it cannot be read (counted), -1. */
static int page_record(txt_doc_in *in, const txt_web_page *wp, const txt_field **f)
{
	rec_begin(in);
	snprintf(in->where, sizeof in->where, "%s", wp->where);
	if (wp->why)
		return unread(in, wp->where, wp->why);
	txt_page pg = {0};
	int rc;
	if (wp->text) { /* a text file among pages: its text as it is */
		static char none[1];
		pg.title = pg.author = pg.date = pg.site = pg.url = pg.lang = none;
		const char *s = wp->data;
		size_t n = wp->len;
		if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3, n -= 3;
		rc = rec_set(in, in->ncols - 1, s, n, 1, 1);
		if (rc == 0)
			rc = page_fields(in, wp, &pg, 1, 0);
		if (rc < 0)
			return unread(in, wp->where, txt_err());
		rec_finish(in, f);
		return 1;
	}
	if (txt_extract_html(wp->data, wp->len, wp->charset, in->html_all, &pg) < 0)
		return unread(in, wp->where, txt_err());
	rc = page_fields(in, wp, &pg, 1, 0);
	txt_page_free(&pg);
	if (rc < 0)
		return -1;
	rec_finish(in, f);
	return 1;
}

static int web_next(txt_doc_in *in, const txt_field **f)
{
	txt_web_page wp;
	int k;
	while ((k = txt_web_next(in->pages, &wp)) > 0) {
		k = page_record(in, &wp, f);
		if (k != 0)
			return k;
	}
	return k;
}

/* Columns of web pages: id source url date title author lang text. */
static int web_open(txt_doc_in *in, char **files, size_t n, int kind)
{
	in->web = 1;
	in->pages = txt_web_open(files, n, kind);
	in->ncols = NPF;
	in->cols = txt_xcalloc(NPF, sizeof *in->cols);
	in->map = txt_xcalloc(NPF, sizeof *in->map);
	in->pf = txt_xcalloc(NPF, sizeof *in->pf);
	for (int k = 0; k < NPF; k++) {
		in->cols[k] = txt_xstrdup(pf_names[k]);
		in->map[k] = -2;
		in->pf[k] = k;
	}
	in->off = txt_xcalloc(in->ncols, sizeof *in->off);
	in->len = txt_xcalloc(in->ncols, sizeof *in->len);
	in->f = txt_xcalloc(in->ncols, sizeof *in->f);
	return 0;
}

/* ---- TSV ---- */

static int tsv_open(txt_doc_in *in, const char *path, const txt_doc_opts *o)
{
	in->t = txt_table_open(path);
	if (!in->t)
		return -1;
	size_t n = txt_table_ncols(in->t);
	char **names = txt_xcalloc(n, sizeof *names);
	for (size_t i = 0; i < n; i++) {
		const char *c = txt_table_colname(in->t, i);
		if (i == 0 && strncmp(c, "\xEF\xBB\xBF", 3) == 0)
			c += 3;
		names[i] = txt_xstrdup(c);
	}
	return layout(in, names, n, o);
}

static int tsv_next(txt_doc_in *in, const txt_field **f)
{
	txt_row *row;
	int k = txt_table_next(in->t, &row);
	if (k <= 0)
		return k;
	uint64_t line = txt_table_lineno(in->t);
	rec_begin(in);
	for (size_t c = 0; c < in->ncols; c++) {
		long m = in->map[c];
		int rc = m == -1 ? rec_gen_id(in)
			 : m < 0 ? 0
				 : rec_set(in, c, row->f[m].s, row->f[m].len, line, 0);
		if (rc < 0)
			return -1;
	}
	if (in->pf && html_fill(in, line) < 0)
		return -1;
	set_where(in, in->name, line);
	rec_finish(in, f);
	return 1;
}

/* ---- CSV (RFC 4180) ---- */

static void csv_putc(txt_doc_in *in, char c)
{
	if (in->clen + 1 >= in->ccap) {
		in->ccap = in->ccap ? in->ccap * 2 : 4096;
		in->cbuf = txt_xrealloc(in->cbuf, in->ccap);
	}
	in->cbuf[in->clen++] = c;
}

static void csv_field_start(txt_doc_in *in, uint64_t line)
{
	if (in->nc == in->ccap_f) {
		in->ccap_f = in->ccap_f ? in->ccap_f * 2 : 16;
		in->coff = txt_xreallocarray(in->coff, in->ccap_f, sizeof *in->coff);
		in->cend = txt_xreallocarray(in->cend, in->ccap_f, sizeof *in->cend);
		in->cline = txt_xreallocarray(in->cline, in->ccap_f, sizeof *in->cline);
	}
	in->coff[in->nc] = in->cend[in->nc] = in->clen;
	in->cline[in->nc++] = line;
}

/* Read one record into cbuf/coff/cend: 1, 0 at end, -1 on error. */
static int csv_record(txt_doc_in *in)
{
	char *line;
	size_t len;
	int k, quoted = 0, closed = 0;
	uint64_t start = 0;
	in->clen = in->nc = 0;
	do { /* skip blank lines between records */
		k = txt_reader_next(in->r, &line, &len);
		if (k <= 0)
			return k;
	} while (len == 0);
	if (!in->cbuf) /* a record of empty fields still needs a buffer to point into */
		csv_putc(in, '\0'), in->clen = 0;
	start = txt_reader_lineno(in->r);
	if (start == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		line += 3;
		len -= 3;
	}
	csv_field_start(in, start);
	for (;;) {
		uint64_t ln = txt_reader_lineno(in->r);
		for (size_t i = 0; i < len; i++) {
			char c = line[i];
			if (quoted) {
				if (c != '"')
					csv_putc(in, c);
				else if (i + 1 < len && line[i + 1] == '"')
					csv_putc(in, '"'), i++;
				else
					quoted = 0, closed = 1;
			} else if (c == ',') {
				in->cend[in->nc - 1] = in->clen;
				csv_field_start(in, ln);
				closed = 0;
			} else if (closed) {
				return txt_err_set("%s:%llu: unexpected character after a closing quote (a quote inside a quoted field must be doubled)",
						   in->name, (ull)ln);
			} else if (c == '"' && in->clen == in->coff[in->nc - 1]) {
				quoted = 1;
			} else {
				csv_putc(in, c);
			}
		}
		if (!quoted)
			break;
		csv_putc(in, '\n');
		k = txt_reader_next(in->r, &line, &len);
		if (k < 0)
			return -1;
		if (k == 0)
			return txt_err_set("%s:%llu: end of input inside a quoted field that starts on line %llu",
					   in->name, (ull)ln, (ull)in->cline[in->nc - 1]);
	}
	in->cend[in->nc - 1] = in->clen;
	in->line = start;
	return 1;
}

static int csv_open(txt_doc_in *in, const char *path, const txt_doc_opts *o)
{
	in->r = txt_reader_open(path);
	if (!in->r)
		return -1;
	int k = csv_record(in);
	if (k < 0)
		return -1;
	if (k == 0)
		return txt_err_set("%s: empty input, expected a header line", in->name);
	char **names = txt_xcalloc(in->nc, sizeof *names);
	for (size_t i = 0; i < in->nc; i++)
		names[i] = txt_xstrndup(in->cbuf + in->coff[i], in->cend[i] - in->coff[i]);
	in->recno = 0;
	size_t n = in->nc;
	return layout(in, names, n, o);
}

static int csv_next(txt_doc_in *in, const txt_field **f)
{
	int k = csv_record(in);
	if (k <= 0)
		return k;
	if (in->nc != in->nin)
		return txt_err_set("%s:%llu: expected %zu fields, found %zu", in->name,
				   (ull)in->line, in->nin, in->nc);
	rec_begin(in);
	for (size_t c = 0; c < in->ncols; c++) {
		long m = in->map[c];
		int rc = m == -1 ? rec_gen_id(in)
			 : m < 0 ? 0
				 : rec_set(in, c, in->cbuf + in->coff[m],
					   in->cend[m] - in->coff[m], in->cline[m], 1);
		if (rc < 0)
			return -1;
	}
	if (in->pf && html_fill(in, in->line) < 0)
		return -1;
	set_where(in, in->name, in->line);
	rec_finish(in, f);
	return 1;
}

/* ---- JSON Lines ---- */

/* Next non-blank line (BOM dropped on line 1): 1, 0 at end, -1.  The line
 * given at open comes first once more. */
static int jsonl_line(txt_doc_in *in, const char **out, size_t *n)
{
	char *line;
	size_t len, i;
	int k;
	if (in->first_todo) {
		in->first_todo = 0;
		*out = in->first;
		*n = in->first_len;
		in->line = in->first_line;
		return 1;
	}
	for (;;) {
		k = txt_reader_next(in->r, &line, &len);
		if (k <= 0)
			return k;
		for (i = 0; i < len && strchr(" \t\r", line[i]); i++)
			;
		if (i < len)
			break;
	}
	in->line = txt_reader_lineno(in->r);
	if (in->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		line += 3;
		len -= 3;
	}
	*out = line;
	*n = len;
	return 1;
}

/* Parse the line at in->line: 0 with *obj (caller decrefs), -1. */
static int jsonl_parse(txt_doc_in *in, const char *line, size_t len, json_t **obj)
{
	/* repair the encoding first: jansson refuses invalid UTF-8 outright */
	in->rlen = 0;
	if (put_text(in, line, len, in->line, 0) < 0)
		return -1;
	json_error_t e;
	json_t *j = json_loadb(in->rec, in->rlen, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
	if (!j)
		return txt_err_set("%s:%llu: invalid JSON: %s (column %d)", in->name,
				   (ull)in->line, e.text, e.column);
	if (!json_is_object(j)) {
		json_decref(j);
		return txt_err_set("%s:%llu: expected a JSON object ({...}) on each line",
				   in->name, (ull)in->line);
	}
	*obj = j;
	return 0;
}

/* A JSON value as field text (malloc'd). */
static char *json_text(json_t *v, size_t *n)
{
	char buf[64];
	const char *s = buf;
	switch (json_typeof(v)) {
	case JSON_STRING:
		*n = json_string_length(v);
		return txt_xstrndup(json_string_value(v), *n);
	case JSON_INTEGER:
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		snprintf(buf, sizeof buf, "%.17g", json_real_value(v));
		break;
	case JSON_TRUE: s = "true"; break;
	case JSON_FALSE: s = "false"; break;
	case JSON_NULL: s = ""; break;
	default: {
		char *d = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		if (!d)
			abort();
		char *out = txt_xstrdup(d);
		free(d);
		*n = strlen(out);
		return out;
	}
	}
	*n = strlen(s);
	return txt_xstrdup(s);
}

static int jsonl_open(txt_doc_in *in, const char *path, const txt_doc_opts *o)
{
	in->r = txt_reader_open(path);
	if (!in->r)
		return -1;
	const char *line;
	size_t len;
	json_t *j;
	int k = jsonl_line(in, &line, &len);
	if (k < 0)
		return -1;
	if (k == 0)
		return txt_err_set("%s: empty input, expected JSON objects", in->name);
	in->first = txt_xstrndup(line, len);
	in->first_len = len;
	in->first_line = in->line;
	in->first_todo = 1;
	if (jsonl_parse(in, line, len, &j) < 0)
		return -1;
	in->nbad = 0; /* counted again when the line is read as a record */
	in->first_bad[0] = '\0';
	size_t n = json_object_size(j), i = 0;
	char **names = txt_xcalloc(n ? n : 1, sizeof *names);
	const char *key;
	json_t *v;
	json_object_foreach(j, key, v)
		names[i++] = txt_xstrdup(key);
	json_decref(j);
	return layout(in, names, n, o);
}

/* The record of one line (at in->line). */
static int jsonl_record(txt_doc_in *in, const char *line, size_t len, const txt_field **f)
{
	json_t *j;
	if (jsonl_parse(in, line, len, &j) < 0)
		return -1;
	const char *key;
	json_t *v;
	json_object_foreach(j, key, v) {
		if (txt_map_get(in->colset, key, strlen(key)) < 0) { /* every input column has one */
			txt_err_set("%s:%llu: key '%s' is not in the first object (its keys fix the columns)",
				    in->name, (ull)in->line, key);
			json_decref(j);
			return -1;
		}
	}
	rec_begin(in);
	int rc = 0;
	for (size_t c = 0; c < in->ncols && rc == 0; c++) {
		long m = in->map[c];
		if (m < 0) {
			rc = m == -1 ? rec_gen_id(in) : 0;
			continue;
		}
		json_t *val = json_object_get(j, in->colsrc[m]);
		if (!val)
			continue;
		size_t n;
		char *s = json_text(val, &n);
		rc = rec_set(in, c, s, n, in->line, 0);
		free(s);
	}
	json_decref(j);
	if (rc < 0 || (in->pf && html_fill(in, in->line) < 0))
		return -1;
	set_where(in, in->name, in->line);
	rec_finish(in, f);
	return 1;
}

static int jsonl_next(txt_doc_in *in, const txt_field **f)
{
	const char *line;
	size_t len;
	int k = jsonl_line(in, &line, &len);
	if (k <= 0)
		return k;
	return jsonl_record(in, line, len, f);
}

/* ---- records parsed in other threads (JSONL) ---- */

int txt_doc_in_splits(const txt_doc_in *in)
{
	return in->fmt == TXT_DOC_JSONL || in->web;
}

int txt_doc_in_next_raw(txt_doc_in *in, const char **line, size_t *len, uint64_t *lineno,
			uint64_t *recno)
{
	if (in->web) { /* a page, packed */
		txt_web_page wp;
		int k = txt_web_next(in->pages, &wp);
		if (k <= 0)
			return k;
		in->raw.n = 0;
		txt_web_pack(&wp, &in->raw);
		*line = in->raw.s;
		*len = in->raw.n;
		*lineno = 1;
		*recno = in->recno++;
		return 1;
	}
	if (in->fmt != TXT_DOC_JSONL)
		return txt_err_set("%s: records of this format cannot be split", in->name);
	int k = jsonl_line(in, line, len);
	if (k <= 0)
		return k;
	*lineno = in->line;
	*recno = in->recno++;
	return 1;
}

txt_doc_in *txt_doc_in_parser(const txt_doc_in *in)
{
	txt_doc_in *p = txt_xcalloc(1, sizeof *p);
	p->shared = 1;
	p->name = in->name;
	p->base = in->base;
	p->fmt = in->fmt;
	p->strict = in->strict;
	p->cols = in->cols;
	p->ncols = in->ncols;
	p->map = in->map;
	p->nin = in->nin;
	p->colsrc = in->colsrc;
	p->colset = in->colset;
	p->pf = in->pf;
	p->web = in->web;
	p->html_all = in->html_all;
	p->off = txt_xcalloc(in->ncols, sizeof *p->off);
	p->len = txt_xcalloc(in->ncols, sizeof *p->len);
	p->f = txt_xcalloc(in->ncols, sizeof *p->f);
	return p;
}

int txt_doc_in_parse(txt_doc_in *p, const char *line, size_t len, uint64_t lineno,
		     uint64_t recno, const txt_field **f)
{
	p->line = lineno;
	p->recno = recno;
	if (p->web) {
		txt_web_page wp;
		txt_web_unpack(line, len, &wp);
		int k = page_record(p, &wp, f);
		return k < 0 ? -1 : k == 0;
	}
	return jsonl_record(p, line, len, f) < 0 ? -1 : 0;
}

void txt_doc_in_take_bad(txt_doc_in *in, txt_doc_in *from)
{
	if (from->nbad && !in->nbad)
		memcpy(in->first_bad, from->first_bad, sizeof in->first_bad);
	in->nbad += from->nbad;
	from->nbad = 0;
	from->first_bad[0] = '\0';
	for (const char *s = from->unread.s; s && *s && in->nlisted < MAX_LISTED; in->nlisted++) {
		size_t n = strcspn(s, "\n");
		txt_buf_add(&in->unread, s, n + 1);
		s += n + (s[n] != 0);
	}
	in->nunread += from->nunread;
	from->nunread = from->nlisted = 0;
	from->unread.n = 0;
	if (from->unread.s)
		from->unread.s[0] = '\0';
}

/* ---- the generic input ---- */

txt_doc_in *txt_doc_in_open(const char *path, const txt_doc_opts *opts)
{
	txt_doc_opts none = {0};
	const txt_doc_opts *o = opts ? opts : &none;
	txt_doc_in *in = txt_xcalloc(1, sizeof *in);
	struct stat st;
	int dir = strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	int rc;
	in->name = txt_xstrdup(strcmp(path, "-") == 0 ? "(stdin)" : path);
	in->base = txt_file_id(strcmp(path, "-") == 0 ? "stdin" : path);
	in->strict = o->strict;
	in->html_all = o->html_all ? TXT_EXTRACT_ALL : TXT_EXTRACT_MAIN;
	in->fmt = dir && o->format != TXT_DOC_HTML && o->format != TXT_DOC_WARC ? TXT_DOC_TEXT
		: o->format ? o->format
			    : txt_doc_format_guess(path);
	if (o->html_col && in->fmt != TXT_DOC_TSV && in->fmt != TXT_DOC_CSV &&
	    in->fmt != TXT_DOC_JSONL)
		in->fmt = -1;
	switch (in->fmt) {
	case -1:
		rc = txt_err_set("%s: --html-col reads a column of TSV, CSV or JSON Lines, not this input", in->name);
		break;
	case TXT_DOC_TEXT: rc = text_open(in, path, o); break;
	case TXT_DOC_HTML:
	case TXT_DOC_WARC: {
		int kind = in->fmt == TXT_DOC_HTML ? TXT_KIND_HTML : TXT_KIND_WARC;
		if (dir) { /* -F html or -F warc for every file of the directory */
			rc = list_dir(in, path, o);
			if (rc == 0)
				rc = web_open(in, in->files, in->nfiles, kind);
		} else {
			char *one = (char *)path;
			rc = web_open(in, &one, 1, kind);
		}
		break;
	}
	case TXT_DOC_TSV: rc = tsv_open(in, path, o); break;
	case TXT_DOC_CSV: rc = csv_open(in, path, o); break;
	case TXT_DOC_JSONL: rc = jsonl_open(in, path, o); break;
	default: rc = txt_err_set("%s: unknown input format", path); break;
	}
	if (rc < 0) {
		txt_doc_in_close(in);
		return NULL;
	}
	return in;
}

size_t txt_doc_in_ncols(const txt_doc_in *in) { return in->ncols; }

const char *txt_doc_in_colname(const txt_doc_in *in, size_t i)
{
	return i < in->ncols ? in->cols[i] : NULL;
}

int txt_doc_in_next(txt_doc_in *in, const txt_field **f)
{
	if (in->web)
		return web_next(in, f);
	switch (in->fmt) {
	case TXT_DOC_TEXT: return text_next(in, f);
	case TXT_DOC_TSV: return tsv_next(in, f);
	case TXT_DOC_CSV: return csv_next(in, f);
	default: return jsonl_next(in, f);
	}
}

const char *txt_doc_in_where(txt_doc_in *in) { return in->where; }
uint64_t txt_doc_in_nbad(const txt_doc_in *in) { return in->nbad; }
uint64_t txt_doc_in_nunread(const txt_doc_in *in) { return in->nunread; }

const char *txt_doc_in_unread(txt_doc_in *in)
{
	in->msg.n = 0;
	txt_buf_add(&in->msg, "", 0);
	for (size_t i = 0; i < in->unread.n; i++)
		txt_buf_add(&in->msg, in->unread.s[i] != '\n' ? in->unread.s + i
				      : i + 1 < in->unread.n ? ", " : "",
			    in->unread.s[i] != '\n' ? 1 : i + 1 < in->unread.n ? 2 : 0);
	if (in->nunread > in->nlisted) {
		char more[64];
		snprintf(more, sizeof more, ", and %llu more", (ull)(in->nunread - in->nlisted));
		txt_buf_add(&in->msg, more, strlen(more));
	}
	return in->msg.s;
}

uint64_t txt_doc_in_nskipped(const txt_doc_in *in)
{
	return in->pages ? txt_web_nskipped(in->pages) : 0;
}

const char *txt_doc_in_skipped(txt_doc_in *in)
{
	return in->pages ? txt_web_skipped(in->pages) : "";
}
const char *txt_doc_in_first_bad(const txt_doc_in *in) { return in->first_bad; }

void txt_doc_in_close(txt_doc_in *in)
{
	if (!in)
		return;
	free(in->unread.s);
	free(in->msg.s);
	if (in->shared) { /* a parser: only its record is its own */
		txt_free_all(in->rec, in->off, in->len, in->f, in);
		return;
	}
	txt_strs_free(in->cols, in->ncols);
	txt_strs_free(in->colsrc, in->nin);
	txt_map_free(in->colset);
	txt_free_all(in->map, in->base, in->name, in->rec, in->off, in->len,
		in->f);
	txt_reader_close(in->r);
	txt_table_close(in->t);
	txt_strs_free(in->files, in->nfiles);
	txt_free_all(in->cbuf, in->coff, in->cend, in->cline, in->first, in->pf,
		in->raw.s);
	txt_web_close(in->pages);
	free(in);
}

/* ---- metadata ---- */

struct txt_doc_meta {
	char **cols; /* without id */
	size_t ncols;
	struct meta_row {
		char *id;
		txt_field *f;
		uint64_t line;
	} *rows;
	size_t nrows;
	char *name;
};

static int meta_check(const char *name, uint64_t line, const char *s, size_t n)
{
	if (memchr(s, '\0', n))
		return txt_err_set("%s:%llu: NUL byte in input", name, (ull)line);
	for (size_t i = 0, bad; i < n;) {
		size_t k = utf8_seq((const unsigned char *)s + i, n - i, &bad);
		if (!k)
			return txt_err_set("%s:%llu: invalid UTF-8 (byte 0x%02X)", name,
					   (ull)line, (unsigned char)s[i]);
		i += k;
	}
	return 0;
}

static int cmp_row(const void *a, const void *b)
{
	return strcmp(((const struct meta_row *)a)->id, ((const struct meta_row *)b)->id);
}

static int meta_read(txt_doc_meta *m, txt_table *t, const char *source_col)
{
	long id = txt_table_need(t, "id", "metadata");
	if (id < 0)
		return -1;
	size_t n = txt_table_ncols(t);
	char **names = txt_xcalloc(n, sizeof *names);
	for (size_t i = 0; i < n; i++)
		names[i] = (char *)txt_table_colname(t, i);
	long src = find_source(names, n, source_col);
	free(names);
	if (source_col && src < 0)
		return txt_err_set("%s: no source column '%s'", m->name, source_col);
	m->cols = txt_xcalloc(n, sizeof *m->cols);
	long *map = txt_xcalloc(n, sizeof *map);
	if (src >= 0 && src != id) {
		m->cols[m->ncols] = txt_xstrdup("source");
		map[m->ncols++] = src;
	}
	for (size_t i = 0; i < n; i++)
		if ((long)i != id && (long)i != src) {
			m->cols[m->ncols] = txt_xstrdup(txt_table_colname(t, i));
			map[m->ncols++] = (long)i;
		}
	size_t cap = 0;
	txt_row *row;
	int k;
	while ((k = txt_table_next(t, &row)) > 0) {
		uint64_t line = txt_table_lineno(t);
		for (size_t i = 0; i < row->n; i++)
			if (meta_check(m->name, line, row->f[i].s, row->f[i].len) < 0) {
				free(map);
				return -1;
			}
		if (m->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			m->rows = txt_xreallocarray(m->rows, cap, sizeof *m->rows);
		}
		struct meta_row *r = &m->rows[m->nrows++];
		r->id = txt_xstrdup(row->f[id].s);
		r->line = line;
		r->f = txt_xcalloc(m->ncols ? m->ncols : 1, sizeof *r->f);
		for (size_t c = 0; c < m->ncols; c++) {
			r->f[c].s = txt_xstrndup(row->f[map[c]].s, row->f[map[c]].len);
			r->f[c].len = row->f[map[c]].len;
		}
	}
	free(map);
	if (k < 0)
		return -1;
	if (m->nrows)
		qsort(m->rows, m->nrows, sizeof *m->rows, cmp_row);
	for (size_t i = 1; i < m->nrows; i++)
		if (strcmp(m->rows[i - 1].id, m->rows[i].id) == 0) {
			uint64_t a = m->rows[i - 1].line, b = m->rows[i].line;
			return txt_err_set("%s:%llu: duplicate id '%s' (also on line %llu)",
					   m->name, (ull)(a > b ? a : b), m->rows[i].id,
					   (ull)(a > b ? b : a));
		}
	return 0;
}

txt_doc_meta *txt_doc_meta_load(const char *path, const char *source_col)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		return NULL;
	txt_doc_meta *m = txt_xcalloc(1, sizeof *m);
	m->name = txt_xstrdup(txt_table_name(t));
	int rc = meta_read(m, t, source_col);
	txt_table_close(t);
	if (rc < 0) {
		txt_doc_meta_free(m);
		return NULL;
	}
	return m;
}

size_t txt_doc_meta_ncols(const txt_doc_meta *m) { return m->ncols; }

const char *txt_doc_meta_colname(const txt_doc_meta *m, size_t i)
{
	return i < m->ncols ? m->cols[i] : NULL;
}

size_t txt_doc_meta_nrows(const txt_doc_meta *m) { return m->nrows; }

const txt_field *txt_doc_meta_get(const txt_doc_meta *m, const char *id)
{
	struct meta_row key = {.id = (char *)id};
	if (!m->nrows)
		return NULL;
	struct meta_row *r = bsearch(&key, m->rows, m->nrows, sizeof *m->rows, cmp_row);
	return r ? r->f : NULL;
}

void txt_doc_meta_free(txt_doc_meta *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nrows; i++) {
		for (size_t c = 0; c < m->ncols; c++)
			free(m->rows[i].f[c].s);
		free(m->rows[i].f);
		free(m->rows[i].id);
	}
	free(m->rows);
	txt_strs_free(m->cols, m->ncols);
	free(m->name);
	free(m);
}

/* ---- id set: open addressing, FNV-1a ---- */

struct txt_doc_ids {
	char **key, **where;
	size_t n, cap;
};

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

txt_doc_ids *txt_doc_ids_new(void)
{
	txt_doc_ids *s = txt_xcalloc(1, sizeof *s);
	s->cap = 1024;
	s->key = txt_xcalloc(s->cap, sizeof *s->key);
	s->where = txt_xcalloc(s->cap, sizeof *s->where);
	return s;
}

static size_t ids_slot(const txt_doc_ids *s, const char *id)
{
	size_t i = (size_t)fnv(id) & (s->cap - 1);
	while (s->key[i] && strcmp(s->key[i], id) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void ids_grow(txt_doc_ids *s)
{
	char **key = s->key, **where = s->where;
	size_t old = s->cap;
	s->cap *= 2;
	s->key = txt_xcalloc(s->cap, sizeof *s->key);
	s->where = txt_xcalloc(s->cap, sizeof *s->where);
	for (size_t i = 0; i < old; i++)
		if (key[i]) {
			size_t j = ids_slot(s, key[i]);
			s->key[j] = key[i];
			s->where[j] = where[i];
		}
	free(key);
	free(where);
}

int txt_doc_ids_add(txt_doc_ids *s, const char *id, const char *where,
		    const char **first)
{
	size_t i = ids_slot(s, id);
	if (s->key[i]) {
		if (first)
			*first = s->where[i];
		return 1;
	}
	s->key[i] = txt_xstrdup(id);
	s->where[i] = txt_xstrdup(where ? where : "");
	if (++s->n * 2 > s->cap)
		ids_grow(s);
	return 0;
}

void txt_doc_ids_free(txt_doc_ids *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->cap; i++) {
		free(s->key[i]);
		free(s->where[i]);
	}
	txt_free_all(s->key, s->where, s);
}
