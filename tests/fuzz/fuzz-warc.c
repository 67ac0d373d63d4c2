/* Fuzz the WARC reader (records, blocks, HTTP responses) and the web input
 * of text_doc over it (pages, skipped records, extraction).  The first byte
 * picks which. */
#include "fuzz.h"
#include "text_doc.h"
#include "text_html.h"
#include "text_warc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	txt_html_init();
	return 0;
}

static void records(const char *path)
{
	txt_warc *w = txt_warc_open(path);
	if (!w)
		return;
	txt_warc_rec r;
	uint64_t last = 0;
	int k;
	while ((k = txt_warc_next(w, &r)) == 1) {
		if (r.number > 1 && r.offset <= last)
			abort(); /* offsets only grow */
		last = r.offset;
		const char *d;
		size_t n;
		if (txt_warc_block(w, 1 << 16, &d, &n) < 0)
			continue;
		if (n != r.length)
			abort();
		txt_buf body = {0};
		char ct[64];
		int st;
		(void)txt_warc_http(d, n, &st, ct, sizeof ct, &body);
		free(body.s);
	}
	txt_warc_close(w);
}

static void docs(const char *path, int strict)
{
	txt_doc_opts o = {0};
	o.format = TXT_DOC_WARC;
	o.strict = strict;
	txt_doc_in *in = txt_doc_in_open(path, &o);
	if (!in)
		return;
	if (txt_doc_in_ncols(in) != 8)
		abort();
	const txt_field *f;
	while (txt_doc_in_next(in, &f) == 1)
		for (size_t i = 0; i < 8; i++)
			if (f[i].s[f[i].len] != '\0')
				abort();
	(void)txt_doc_in_unread(in);
	(void)txt_doc_in_skipped(in);
	txt_doc_in_close(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *path = fuzz_file("warc", data + 1, size - 1);
	if (data[0] & 1)
		docs(path, (data[0] >> 1) & 1);
	else
		records(path);
	return 0;
}
