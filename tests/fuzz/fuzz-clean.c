/* Fuzz slant-clean's line model: the model file parser (txt_clean_load_model)
 * and, when the input parses, cleaning a fixed page with those weights; when
 * bit 0 of the first byte is set, the rest is a page cleaned with the shipped
 * model instead (every rule, the features in context and the smoothing). */
#include "fuzz.h"
#include "text_clean.h"
#include "text_err.h"

#ifndef FUZZ_MODELS
#define FUZZ_MODELS "models"
#endif

static txt_clean *shipped;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("SLANT_MODELS", FUZZ_MODELS, 0);
	shipped = txt_clean_new();
	if (txt_clean_load_model(shipped, NULL) < 0) {
		fprintf(stderr, "fuzz-clean: %s\n", txt_err());
		abort();
	}
	return 0;
}

static const char page[] =
	"Menu\n\nHome | World | Sport\nA headline about the harbour\n"
	"The harbour wall gave way on Tuesday, and water reached the square by 3 a.m.\n"
	"\"We have never seen it,\" said a stall holder.\nShare on\nRelated posts\n"
	"Most read\n\xC2\xA9 2026 The Harbour Times\n";

static void clean(const txt_clean *c, const char *text, size_t n)
{
	txt_clean_result r;
	txt_clean_doc(c, "src", text, n, &r);
	if (r.kept + r.dropped > r.nlines || strlen(r.text) > n)
		abort();
	txt_clean_result_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1) {
		clean(shipped, (const char *)data + 1, size - 1);
		return 0;
	}
	const char *path = fuzz_file("model", data + 1, size - 1);
	txt_clean *c = txt_clean_new();
	if (txt_clean_load_model(c, path) == 0)
		clean(c, page, sizeof page - 1);
	else if (!*txt_err())
		abort(); /* a refusal always says why */
	txt_clean_free(c);
	return 0;
}
