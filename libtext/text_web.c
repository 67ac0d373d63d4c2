/* text_web: see text_web.h. */
#include "text_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "text_html.h"
#include "text_io.h"
#include "text_warc.h"

enum { S_REQUEST, S_WARCINFO, S_METADATA, S_REVISIT, S_OTHER, S_NOT_HTML, S_STATUS,
       S_LARGE, NSKIP };
static const char *skip_names[NSKIP] = {
	"request", "warcinfo", "metadata", "revisit", "of other types", "not HTML",
	"with an HTTP status other than 2xx", "too large",
};

struct txt_web {
	char **files;
	size_t n, next;
	int kind;
	txt_warc *warc;
	char *base; /* id base of the WARC being read */
	char *data; /* the file being read */
	txt_buf body, id, where;
	char ctype[256], charset[64];
	uint64_t skipped[NSKIP];
	txt_buf summary;
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

int txt_web_kind(const char *path)
{
	char *p = txt_xstrdup(path);
	if (ends_with(p, ".gz"))
		p[strlen(p) - 3] = '\0';
	int k = ends_with(p, ".html") || ends_with(p, ".htm") || ends_with(p, ".xhtml") ||
				ends_with(p, ".shtml")
			? TXT_KIND_HTML
		: ends_with(p, ".warc") ? TXT_KIND_WARC
		: ends_with(p, ".txt") || ends_with(p, ".text") || ends_with(p, ".tsv") ||
				ends_with(p, ".csv") || ends_with(p, ".jsonl") || ends_with(p, ".md")
			? TXT_KIND_TEXT
			: 0;
	free(p);
	if (k)
		return k;
	txt_reader *r = txt_reader_open(path);
	if (!r)
		return TXT_KIND_TEXT;
	char head[8192];
	long n = 0, got;
	while (n < (long)sizeof head && (got = txt_reader_read(r, head + n, sizeof head - (size_t)n)) > 0)
		n += got;
	txt_reader_close(r);
	return n < 0 ? TXT_KIND_TEXT : txt_html_sniff(head, (size_t)n);
}

txt_web *txt_web_open(char *const *files, size_t n, int kind)
{
	txt_web *w = txt_xcalloc(1, sizeof *w);
	w->files = txt_xcalloc(n ? n : 1, sizeof *w->files);
	for (size_t i = 0; i < n; i++)
		w->files[i] = txt_xstrdup(files[i]);
	w->n = n;
	w->kind = kind;
	return w;
}

void txt_web_close(txt_web *w)
{
	if (!w)
		return;
	txt_strs_free(w->files, w->n);
	txt_warc_close(w->warc);
	txt_free_all(w->base, w->data, w->body.s, w->id.s, w->where.s,
		w->summary.s, w);
}

uint64_t txt_web_nskipped(const txt_web *w)
{
	uint64_t n = 0;
	for (int i = 0; i < NSKIP; i++)
		n += w->skipped[i];
	return n;
}

const char *txt_web_skipped(txt_web *w)
{
	w->summary.n = 0;
	txt_buf_add(&w->summary, "", 0);
	for (int i = 0; i < NSKIP; i++) {
		if (!w->skipped[i])
			continue;
		char s[96];
		snprintf(s, sizeof s, "%s%llu %s", w->summary.n ? ", " : "",
			 (unsigned long long)w->skipped[i], skip_names[i]);
		txt_buf_add(&w->summary, s, strlen(s));
	}
	return w->summary.s;
}

static void set(txt_buf *b, const char *s)
{
	b->n = 0;
	txt_buf_add(b, s, strlen(s));
}

static int html_type(const char *ctype)
{
	return strncasecmp(ctype, "text/html", 9) == 0 ||
	       strncasecmp(ctype, "application/xhtml", 17) == 0;
}

/* A WARC record: 1 with a page, 0 skipped, -1 on error. */
static int warc_page(txt_web *w, const txt_warc_rec *rec, txt_web_page *p)
{
	int response = strcmp(rec->type, "response") == 0;
	int resource = strcmp(rec->type, "resource") == 0;
	if (!response && !resource) {
		const char *t = rec->type;
		w->skipped[!strcmp(t, "request")    ? S_REQUEST
			   : !strcmp(t, "warcinfo") ? S_WARCINFO
			   : !strcmp(t, "metadata") ? S_METADATA
			   : !strcmp(t, "revisit")  ? S_REVISIT
						    : S_OTHER]++;
		return 0;
	}
	if (response && !strstr(rec->ctype, "application/http")) {
		w->skipped[S_OTHER]++; /* a DNS answer, say */
		return 0;
	}
	if (resource && *rec->ctype && !html_type(rec->ctype)) {
		w->skipped[S_NOT_HTML]++;
		return 0;
	}
	if (rec->length > TXT_HTML_MAX + ((size_t)1 << 20)) {
		w->skipped[S_LARGE]++;
		return 0;
	}
	const char *block;
	size_t len;
	if (txt_warc_block(w->warc, TXT_HTML_MAX + ((size_t)1 << 20), &block, &len) < 0)
		return -1;
	memset(p, 0, sizeof *p);
	w->body.n = 0;
	w->charset[0] = '\0';
	if (response) {
		int status;
		if (txt_warc_http(block, len, &status, w->ctype, sizeof w->ctype, &w->body) < 0) {
			p->why = txt_err();
		} else if (status < 200 || status > 299) {
			w->skipped[S_STATUS]++;
			return 0;
		} else if (*w->ctype ? !html_type(w->ctype)
				     : txt_html_sniff(w->body.s, w->body.n) != TXT_KIND_HTML) {
			w->skipped[S_NOT_HTML]++;
			return 0;
		}
		txt_html_ctype_charset(w->ctype, w->charset, sizeof w->charset);
		p->data = w->body.s ? w->body.s : "";
		p->len = w->body.n;
	} else {
		txt_html_ctype_charset(rec->ctype, w->charset, sizeof w->charset);
		p->data = block;
		p->len = len;
	}
	char num[48];
	snprintf(num, sizeof num, ":%llu", (unsigned long long)rec->number);
	set(&w->id, w->base);
	txt_buf_add(&w->id, num, strlen(num));
	snprintf(num, sizeof num, "@%llu", (unsigned long long)rec->offset);
	set(&w->where, txt_warc_name(w->warc));
	txt_buf_add(&w->where, num, strlen(num));
	p->id = w->id.s;
	p->where = w->where.s;
	p->url = rec->uri;
	p->date = rec->date;
	p->charset = w->charset;
	return 1;
}

/* A file that is one page (or text). */
static void file_page(txt_web *w, const char *path, int kind, txt_web_page *p)
{
	memset(p, 0, sizeof *p);
	char *id = txt_file_id(path);
	set(&w->id, id);
	free(id);
	set(&w->where, path);
	txt_buf_add(&w->where, ":1", 2);
	p->id = w->id.s;
	p->where = w->where.s;
	p->url = p->date = p->charset = "";
	p->data = "";
	free(w->data);
	w->data = NULL;
	struct stat st;
	size_t n;
	if (stat(path, &st) == 0 && (uint64_t)st.st_size > TXT_HTML_MAX * 4) {
		p->why = "over 256 MiB";
		return;
	}
	if (txt_read_file(path, &w->data, &n) < 0) {
		const char *e = txt_err();
		size_t k = strlen(path);
		p->why = strncmp(e, path, k) == 0 && e[k] == ':' && e[k + 1] == ' ' ? e + k + 2 : e;
		return;
	}
	if (n > TXT_HTML_MAX) {
		p->why = "page over 64 MiB";
		return;
	}
	int sniffed = txt_html_sniff(w->data, n);
	if (sniffed == TXT_KIND_EMPTY || sniffed == TXT_KIND_BINARY) {
		p->why = txt_html_kind_name(sniffed);
		return;
	}
	p->data = w->data;
	p->len = n;
	p->text = kind == TXT_KIND_TEXT && sniffed != TXT_KIND_HTML;
}

int txt_web_next(txt_web *w, txt_web_page *p)
{
	for (;;) {
		if (w->warc) {
			txt_warc_rec rec;
			int k = txt_warc_next(w->warc, &rec);
			if (k < 0)
				return -1;
			if (k > 0) {
				k = warc_page(w, &rec, p);
				if (k != 0)
					return k;
				continue;
			}
			txt_warc_close(w->warc);
			w->warc = NULL;
		}
		if (w->next == w->n)
			return 0;
		const char *path = w->files[w->next++];
		int kind = w->kind ? w->kind : txt_web_kind(path);
		if (kind == TXT_KIND_WARC) {
			if (!(w->warc = txt_warc_open(path)))
				return -1;
			free(w->base);
			w->base = txt_file_id(strcmp(path, "-") == 0 ? "stdin" : path);
			continue;
		}
		file_page(w, path, kind, p);
		return 1;
	}
}

/* ---- pages between threads: NUL-separated fields, then the data ---- */

void txt_web_pack(const txt_web_page *p, txt_buf *out)
{
	const char *f[] = {p->id, p->where, p->url, p->date, p->charset,
			   p->why ? p->why : "", p->why ? "w" : p->text ? "t" : "h"};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		txt_buf_add(out, f[i], strlen(f[i]) + 1);
	txt_buf_add(out, p->data, p->len);
}

void txt_web_unpack(const char *s, size_t n, txt_web_page *p)
{
	const char **f[] = {&p->id, &p->where, &p->url, &p->date, &p->charset, &p->why};
	const char *end = s + n;
	memset(p, 0, sizeof *p);
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		*f[i] = s;
		s += strlen(s) + 1;
	}
	char flag = *s;
	s += 2;
	if (flag != 'w')
		p->why = NULL;
	p->text = flag == 't';
	p->data = s;
	p->len = (size_t)(end - s);
}
