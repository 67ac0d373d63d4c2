/* text_page: see text_page.h. */
#include "text_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_err.h"
#include "text_io.h"
#include "text_report.h"
#include "text_svg.h"
#include "text_tsv.h"

struct txt_page {
	char *dir;
	txt_writer *html, *md;
	int wflags;
};

static const char *style =
	"body{font-family:sans-serif;line-height:1.45;color:#222;max-width:62em;margin:0 auto;"
	"padding:0 1em 2em}\n"
	"h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}\n"
	"h1,h2,p,li{overflow-wrap:anywhere}td{overflow-wrap:break-word}\n"
	".scroll{overflow-x:auto;max-width:100%;margin:1em 0}\n"
	"table{border-collapse:collapse;font-size:90%}\n"
	"th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left;vertical-align:top}\n"
	"th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums;"
	"white-space:nowrap}\n"
	"figure{margin:1em 0}figure svg{display:block;width:100%;height:auto;max-width:640px}\n"
	"pre{background:#f4f4f4;padding:.5em;white-space:pre-wrap;overflow-wrap:anywhere}\n"
	"p.note{font-size:90%;color:#555}\n";

static char *join(const char *dir, const char *file)
{
	size_t n = strlen(dir) + strlen(file) + 2;
	char *p = txt_xmalloc(n);
	snprintf(p, n, "%s/%s", dir, file);
	return p;
}

static int html_esc(txt_page *p, const char *s)
{
	return txt_svg_esc(p->html, s, strlen(s));
}

/* Markdown into w: its punctuation escaped, < > & as entities, line
 * breaks as spaces; in a table cell '|' and '\\' are left to text_report. */
static void md_to(txt_writer *w, const char *s, int cell)
{
	for (; *s; s++) {
		if (*s == '<')
			txt_writer_puts(w, "&lt;");
		else if (*s == '>')
			txt_writer_puts(w, "&gt;");
		else if (*s == '&')
			txt_writer_puts(w, "&amp;");
		else if (*s == '\n' || *s == '\r' || *s == '\t')
			txt_writer_putc(w, ' ');
		else {
			if (strchr("\\`*_{}[]()#+!|~", *s) && !(cell && (*s == '|' || *s == '\\')))
				txt_writer_putc(w, '\\');
			txt_writer_putc(w, (unsigned char)*s);
		}
	}
}

static int md_esc(txt_page *p, const char *s)
{
	md_to(p->md, s, 0);
	return 0;
}

/* text escaped into both pages: in HTML between open and close, in
 * Markdown after md, ending the line. */
static int both(txt_page *p, const char *open, const char *close, const char *md, const char *text)
{
	txt_writer_puts(p->html, open);
	html_esc(p, text);
	txt_writer_puts(p->html, close);
	txt_writer_puts(p->md, md);
	md_esc(p, text);
	return txt_writer_puts(p->md, "\n");
}

txt_page *txt_page_open(const char *dir, const char *title, int wflags)
{
	txt_page *p = txt_xcalloc(1, sizeof *p);
	p->dir = txt_xstrdup(dir);
	p->wflags = wflags & TXT_W_FORCE;
	char *h = join(dir, "index.html"), *m = join(dir, "report.md");
	p->html = txt_writer_open(h, p->wflags);
	p->md = p->html ? txt_writer_open(m, p->wflags) : NULL;
	free(h);
	free(m);
	if (!p->md) {
		txt_page_abort(p);
		return NULL;
	}
	txt_writer_puts(p->html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		"style-src 'unsafe-inline'; img-src data:\">\n<title>");
	html_esc(p, title);
	txt_writer_printf(p->html, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
	both(p, "<h1>", "</h1>\n", "# ", title);
	return p;
}

int txt_page_section(txt_page *p, const char *id, const char *heading)
{
	txt_writer_printf(p->html, "<h2 id=\"%s\">", id);
	return both(p, "", "</h2>\n", "\n## ", heading);
}

int txt_page_text(txt_page *p, const char *text)
{
	return both(p, "<p>", "</p>\n", "\n", text);
}

int txt_page_code(txt_page *p, const char *text)
{
	txt_writer_puts(p->html, "<pre><code>");
	html_esc(p, text);
	txt_writer_puts(p->html, "</code></pre>\n");
	/* a fence longer than any run of backticks in the text */
	size_t run = 0, best = 2;
	for (const char *s = text; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	txt_writer_puts(p->md, "\n");
	for (size_t i = 0; i <= best; i++)
		txt_writer_putc(p->md, '`');
	txt_writer_puts(p->md, "sh\n");
	for (const char *s = text; *s; s++) /* keep it one line per line */
		txt_writer_putc(p->md, *s == '\r' ? ' ' : (unsigned char)*s);
	txt_writer_puts(p->md, "\n");
	for (size_t i = 0; i <= best; i++)
		txt_writer_putc(p->md, '`');
	return txt_writer_puts(p->md, "\n");
}

static int is_number(const char *s)
{
	if (!*s)
		return 0;
	if (!strcmp(s, "NA") || !strcmp(s, "Inf") || !strcmp(s, "-Inf"))
		return 1;
	char *end;
	strtod(s, &end);
	return *end == '\0';
}

int txt_page_rows(txt_page *p, const char *const *cols, size_t ncols, const char *const *cells,
		  size_t nrows)
{
	txt_writer_puts(p->html, "<div class=\"scroll\"><table>\n<thead><tr>");
	for (size_t c = 0; c < ncols; c++) {
		txt_writer_puts(p->html, "<th>");
		html_esc(p, cols[c]);
		txt_writer_puts(p->html, "</th>");
	}
	txt_writer_puts(p->html, "</tr></thead>\n<tbody>\n");
	char *align = txt_xcalloc(ncols + 1, 1);
	for (size_t c = 0; c < ncols; c++) {
		int num = nrows > 0;
		for (size_t r = 0; r < nrows && num; r++)
			num = is_number(cells[r * ncols + c]) || !cells[r * ncols + c][0];
		align[c] = num ? 'r' : 'l';
	}
	for (size_t r = 0; r < nrows; r++) {
		txt_writer_puts(p->html, "<tr>");
		for (size_t c = 0; c < ncols; c++) {
			txt_writer_puts(p->html, align[c] == 'r' ? "<td class=\"n\">" : "<td>");
			html_esc(p, cells[r * ncols + c]);
			txt_writer_puts(p->html, "</td>");
		}
		txt_writer_puts(p->html, "</tr>\n");
	}
	txt_writer_puts(p->html, "</tbody></table></div>\n");
	/* Markdown through text_report, whose cells escape '|' and '\\'; the
	 * other Markdown punctuation and HTML are escaped here first. */
	char **esc = txt_xcalloc(ncols * (nrows + 1) + 1, sizeof *esc);
	for (size_t i = 0; i < ncols * (nrows + 1); i++) {
		txt_writer *t = txt_writer_mem();
		md_to(t, i < ncols ? cols[i] : cells[i - ncols], 1);
		esc[i] = txt_writer_mem_take(t, NULL);
	}
	txt_writer_puts(p->md, "\n");
	txt_report *rep = txt_report_new(p->md, TXT_FMT_MD, (const char *const *)esc, ncols, align);
	for (size_t r = 0; rep && r < nrows; r++)
		txt_report_row(rep, (const char *const *)esc + (r + 1) * ncols);
	txt_report_free(rep);
	txt_strs_free(esc, ncols * (nrows + 1));
	free(align);
	return rep ? 0 : -1;
}

int txt_page_table(txt_page *p, const char *path, const char *const *want, size_t nwant,
		   size_t maxrows, const char *where_col, const char *where_val)
{
	txt_table *t = txt_table_open(path);
	if (!t)
		return -1;
	size_t nc = want ? nwant : txt_table_ncols(t);
	long *col = txt_xcalloc(nc ? nc : 1, sizeof *col);
	const char **names = txt_xcalloc(nc ? nc : 1, sizeof *names);
	int rc = 0;
	for (size_t c = 0; c < nc && rc == 0; c++) {
		col[c] = want ? txt_table_need(t, want[c], "report") : (long)c;
		rc = col[c] < 0 ? -1 : 0;
		if (rc == 0)
			names[c] = txt_table_colname(t, (size_t)col[c]);
	}
	long wc = where_col && rc == 0 ? txt_table_need(t, where_col, "report") : -1;
	if (where_col && wc < 0)
		rc = -1;
	char **cells = NULL;
	size_t nrows = 0, total = 0;
	txt_row *r;
	int k;
	while (rc == 0 && (k = txt_table_next(t, &r)) != 0) {
		if (k < 0) {
			rc = -1;
			break;
		}
		if (wc >= 0 && strcmp(r->f[wc].s, where_val) != 0)
			continue;
		if (maxrows && total++ >= maxrows)
			continue;
		cells = txt_xreallocarray(cells, (nrows + 1) * nc + 1, sizeof *cells);
		for (size_t c = 0; c < nc; c++)
			cells[nrows * nc + c] = txt_xstrdup(r->f[col[c]].s);
		nrows++;
	}
	if (!maxrows)
		total = nrows;
	if (rc == 0)
		rc = txt_page_rows(p, names, nc, (const char *const *)cells, nrows);
	if (rc == 0 && total > nrows) {
		const char *base = strrchr(path, '/');
		char note[512];
		snprintf(note, sizeof note, "The first %zu of %zu rows; all of them are in %s.", nrows,
			 total, base ? base + 1 : path);
		txt_writer_puts(p->html, "<p class=\"note\">");
		html_esc(p, note);
		txt_writer_puts(p->html, "</p>\n");
		txt_writer_puts(p->md, "\n");
		md_esc(p, note);
		txt_writer_puts(p->md, "\n");
	}
	txt_strs_free(cells, nrows * nc);
	free(col);
	free(names);
	txt_table_close(t);
	return rc;
}

/* The SVG document without its XML declaration, its width made 100% and
 * its height left to the viewBox, so the chart scales with the page. */
static void inline_svg(txt_writer *w, const char *svg)
{
	const char *s = strstr(svg, "<svg");
	if (!s)
		return;
	const char *end = strchr(s, '>');
	const char *wd = strstr(s, " width=\""), *ht = strstr(s, " height=\"");
	if (!end || !wd || !ht || wd > end || ht > end || ht < wd) {
		txt_writer_puts(w, s);
		return;
	}
	const char *wend = strchr(wd + 8, '"'), *hend = strchr(ht + 9, '"');
	txt_writer_write(w, s, (size_t)(wd - s));
	txt_writer_puts(w, " width=\"100%\"");
	txt_writer_write(w, wend + 1, (size_t)(ht - wend - 1));
	txt_writer_puts(w, hend + 1);
}

int txt_page_chart(txt_page *p, txt_chart *c, const txt_chart_opts *o, const char *file)
{
	char *path = join(p->dir, file);
	txt_writer *f = txt_writer_open(path, p->wflags);
	free(path);
	if (!f || txt_chart_draw(c, o, f) < 0) {
		txt_writer_abort(f);
		return -1;
	}
	if (txt_writer_close(f) < 0)
		return -1;
	txt_writer *m = txt_writer_mem();
	txt_chart_draw(c, o, m);
	char *svg = txt_writer_mem_take(m, NULL);
	txt_writer_puts(p->html, "<figure>\n");
	inline_svg(p->html, svg);
	txt_writer_puts(p->html, "</figure>\n");
	free(svg);
	txt_writer_puts(p->md, "\n![");
	md_esc(p, o->title ? o->title : file);
	txt_writer_printf(p->md, "](%s)\n", file);
	return 0;
}

int txt_page_close(txt_page *p)
{
	txt_writer_puts(p->html, "</body>\n</html>\n");
	int rc = txt_writer_close(p->html);
	p->html = NULL;
	if (rc == 0)
		rc = txt_writer_close(p->md);
	else
		txt_writer_abort(p->md);
	p->md = NULL;
	free(p->dir);
	free(p);
	return rc;
}

void txt_page_abort(txt_page *p)
{
	if (!p)
		return;
	txt_writer_abort(p->html);
	txt_writer_abort(p->md);
	free(p->dir);
	free(p);
}
