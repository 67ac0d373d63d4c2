/* Fuzz the document readers of text_doc: TSV, CSV (RFC 4180) and JSON Lines.
 * The first byte picks the format and the strict UTF-8 flag. */
#include "fuzz.h"
#include "text_doc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *ext[] = {"tsv", "csv", "jsonl", "txt"};
	static const int fmt[] = {TXT_DOC_TSV, TXT_DOC_CSV, TXT_DOC_JSONL, TXT_DOC_TEXT};
	if (size < 1)
		return 0;
	unsigned k = data[0] & 3;
	txt_doc_opts o = {0};
	o.format = fmt[k];
	o.strict = (data[0] >> 2) & 1;
	if ((data[0] >> 3) & 1) {
		o.id_col = "name";
		o.text_col = "body";
		o.source_col = "outlet";
	}
	txt_doc_in *in = txt_doc_in_open(fuzz_file(ext[k], data + 1, size - 1), &o);
	if (!in)
		return 0;
	size_t nc = txt_doc_in_ncols(in);
	if (nc < 2)
		abort(); /* id and text at least */
	for (size_t i = 0; i < nc; i++)
		if (!txt_doc_in_colname(in, i))
			abort();
	const txt_field *f;
	while (txt_doc_in_next(in, &f) == 1) {
		for (size_t i = 0; i < nc; i++)
			if (f[i].s[f[i].len] != '\0')
				abort();
		(void)txt_doc_in_where(in);
	}
	(void)txt_doc_in_nbad(in);
	(void)txt_doc_in_first_bad(in);
	txt_doc_in_close(in);
	return 0;
}
