/* Fuzz the counts stage-file reader (text_counts): header lines, numbers,
 * order and total-row checks. */
#include "fuzz.h"
#include "text_counts.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	txt_counts_in *r = txt_counts_open(fuzz_file("tsv", data, size));
	if (!r)
		return 0;
	(void)txt_counts_meta_get(r, "tokenizer");
	(void)txt_counts_meta_get(r, "ngrams");
	(void)txt_counts_meta_get(r, "by");
	txt_counts_row row;
	while (txt_counts_read(r, &row) == 1) {
		if (row.group[row.glen] != '\0' || row.term[row.tlen] != '\0')
			abort();
		if (row.tlen && row.df > row.n)
			abort(); /* the reader promises to refuse this */
	}
	(void)txt_counts_bytes(r);
	txt_counts_close(r);
	return 0;
}
