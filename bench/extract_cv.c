/* bench/extract_cv.c: the article extraction under a grid of its four
 * numbers (text_extract_score.c, compiled with EXTRACT_TUNE), for
 * bench/extract_cv.sh.  usage: extract_cv OUTDIR FILE...
 * Writes OUTDIR/N.tsv (id, text) for each setting N and prints
 * "N min_chars sibling max_links min_weak" per line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_doc.h"
#include "text_err.h"
#include "text_extract.h"
#include "text_io.h"
#include "text_tsv.h"

extern struct extract_tuning {
	double min_chars, sibling, max_links, min_weak;
} extract_tuning;

int main(int argc, char **argv)
{
	static const double chars[] = {15, 25, 50}, sib[] = {0.1, 0.2, 0.4},
			    links[] = {0.35, 0.5, 0.65}, weak[] = {-2, -4, -8};
	int n = argc - 2, set = 0;
	if (n < 1) {
		fprintf(stderr, "usage: extract_cv OUTDIR FILE...\n");
		return 2;
	}
	char **data = calloc((size_t)n, sizeof *data);
	size_t *len = calloc((size_t)n, sizeof *len);
	for (int i = 0; i < n; i++)
		if (txt_read_file(argv[i + 2], &data[i], &len[i]) < 0) {
			fprintf(stderr, "extract_cv: %s\n", txt_err());
			return 1;
		}
	for (int a = 0; a < 3; a++)
		for (int b = 0; b < 3; b++)
			for (int c = 0; c < 3; c++)
				for (int d = 0; d < 3; d++, set++) {
					extract_tuning = (struct extract_tuning){chars[a], sib[b], links[c], weak[d]};
					char path[4096];
					snprintf(path, sizeof path, "%s/%d.tsv", argv[1], set);
					txt_writer *w = txt_writer_open(path, TXT_W_FORCE);
					if (!w)
						return fprintf(stderr, "extract_cv: %s\n", txt_err()), 1;
					txt_writer_puts(w, "id\ttext\n");
					for (int i = 0; i < n; i++) {
						txt_page p = {0};
						txt_extract_html(data[i], len[i], NULL, TXT_EXTRACT_MAIN, &p);
						char *id = txt_file_id(argv[i + 2]);
						txt_field f[2] = {{id, strlen(id)}, {p.text, p.text_len}};
						txt_tsv_write_row(w, f, 2);
						free(id);
						txt_page_free(&p);
					}
					if (txt_writer_close(w) < 0)
						return fprintf(stderr, "extract_cv: %s\n", txt_err()), 1;
					printf("%d %g %g %g %g\n", set, chars[a], sib[b], links[c], weak[d]);
				}
	for (int i = 0; i < n; i++)
		free(data[i]);
	free(data);
	free(len);
	return 0;
}
