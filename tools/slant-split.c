/* slant-split: one row per sentence or paragraph, ids DOC#N. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_sent.h"
#include "text_tsv.h"

static const char help[] =
	"Usage: slant-split [OPTION]... [DOCS]\n"
	"Split the text of each document into sentences (default) or paragraphs,\n"
	"one row per unit with id DOC#N (N from 1); other columns are copied.\n"
	"DOCS is plain or gzip; none or - reads standard input.\n"
	"\n"
	"  -u, --unit UNIT       sentence (default) or paragraph\n"
	"\n"
	"See slant-split(1) for the sentence rules.\n";

/* The unit with its line breaks and runs of white space made single spaces. */
static size_t flatten(const char *s, size_t n, char *out)
{
	size_t k = 0;
	int sp = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			sp = 1;
			continue;
		}
		if (sp && k)
			out[k++] = ' ';
		sp = 0;
		out[k++] = c;
	}
	return k;
}

static void write_units(txt_writer *w, const txt_row *row, long icol, long tcol, int para)
{
	const char *text = row->f[tcol].s;
	size_t len = row->f[tcol].len;
	txt_span *sp;
	size_t n = para ? txt_sent_paragraphs(text, len, &sp) : txt_sent_split(text, len, &sp);
	char *buf = txt_xmalloc(len + 1);
	const char *id = row->f[icol].s;
	for (size_t u = 0; u < n; u++) {
		for (size_t j = 0; j < row->n; j++) {
			if (j)
				txt_writer_putc(w, '\t');
			if ((long)j == icol) {
				txt_tsv_write_field(w, id, row->f[icol].len);
				txt_writer_printf(w, "#%zu", u + 1);
			} else if ((long)j == tcol) {
				size_t k = para ? sp[u].len : flatten(text + sp[u].start, sp[u].len, buf);
				txt_tsv_write_field(w, para ? text + sp[u].start : buf, k);
			} else {
				txt_tsv_write_field(w, row->f[j].s, row->f[j].len);
			}
		}
		txt_writer_putc(w, '\n');
	}
	free(buf);
	free(sp);
}

static void option(void *ctx, int ch, const char *arg)
{
	static const char *const units[] = {"sentence", "paragraph", NULL};
	(void)ch; /* -u, --unit */
	*(int *)ctx = txt_cli_word("--unit", arg, units);
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-split");
	static const struct option lo[] = {{"unit", required_argument, 0, 'u'}, {0, 0, 0, 0}};
	int para = 0;
	txt_cli_shared sh = {0};
	const txt_cli_spec spec = {help, TXT_CLI_OUTPUT | TXT_CLI_GZIP | TXT_CLI_QUIET, "u:", lo,
				   option, &para, 0, NULL};
	int first = txt_cli_parse(&spec, argc, argv, &sh);
	if (argc - first > 1)
		txt_usage("one input at most");
	txt_table *t = txt_table_open(first < argc ? argv[first] : "-");
	if (!t)
		txt_die_err();
	long tcol = txt_table_need(t, "text", "docs");
	long icol = txt_table_need(t, "id", "docs");
	if (tcol < 0 || icol < 0)
		txt_die_err();
	txt_writer *w = txt_writer_open(sh.output, sh.wflags);
	if (!w)
		txt_die_err();
	for (size_t i = 0; i < txt_table_ncols(t); i++) {
		const char *c = txt_table_colname(t, i);
		if (i)
			txt_writer_putc(w, '\t');
		txt_tsv_write_field(w, c, strlen(c));
	}
	txt_writer_putc(w, '\n');
	txt_row *row;
	int rc;
	size_t nd = 0;
	while ((rc = txt_table_next(t, &row)) == 1) {
		write_units(w, row, icol, tcol, para);
		txt_progress("%zu documents", ++nd);
	}
	if (rc < 0)
		txt_die_err();
	txt_progress_done();
	if (txt_writer_close(w) < 0)
		txt_die_err();
	txt_table_close(t);
	return 0;
}
