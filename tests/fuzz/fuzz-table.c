/* Fuzz the TSV stage-file reader: txt_table_open / _next (header, escapes,
 * field counts, gzip or plain). */
#include "fuzz.h"
#include "text_tsv.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	txt_table *t = txt_table_open(fuzz_file("tsv", data, size));
	if (!t)
		return 0;
	size_t nc = txt_table_ncols(t);
	for (size_t i = 0; i < nc; i++)
		if (!txt_table_colname(t, i))
			abort();
	(void)txt_table_col(t, "text");
	txt_row *row;
	int rc;
	while ((rc = txt_table_next(t, &row)) == 1) {
		/* every field view must be readable and NUL-terminated */
		for (size_t i = 0; i < row->n; i++)
			if (row->f[i].s[row->f[i].len] != '\0')
				abort();
	}
	txt_table_close(t);
	return 0;
}
