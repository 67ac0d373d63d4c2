/* Fuzz the tokenizer (text_tok) under several option sets: defaults, punctuation
 * and split hyphens, no folding, English and Spanish stemming with stopwords.
 * The first byte picks the set.  Under every set the fast ASCII path and the
 * general path must give the same tokens, and tokens by batches (64-byte
 * blocks, what slant-count counts) must be those of txt_tok_next (what kwic,
 * frame and stance see). */
#include "fuzz.h"
#include "text_tok.h"

#ifndef FUZZ_MODELS
#define FUZZ_MODELS "models"
#endif

enum { NSETS = 5 };
static txt_tok *toks[NSETS], *twins[NSETS]; /* twins: the same options */
static txt_stop *stop_en, *stop_es;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("SLANT_MODELS", FUZZ_MODELS, 0);
	stop_en = txt_stop_load("en");
	stop_es = txt_stop_load("es");
	txt_tok_opts o[NSETS] = {{0}};
	o[1].keep_punct = 1;
	o[1].split_hyphens = 1;
	o[2].no_fold = 1;
	o[2].keep_punct = 1;
	o[3].stem = "english";
	o[3].stop = stop_en;
	o[4].stem = "spanish";
	o[4].stop = stop_es;
	for (int i = 0; i < NSETS; i++)
		if (!(toks[i] = txt_tok_new(&o[i])) || !(twins[i] = txt_tok_new(&o[i])))
			abort();
	if (!stop_en || !stop_es)
		abort();
	return 0;
}

/* Check the promises of txt_token; returns the number of tokens. */
static size_t scan(txt_tok *t, const char *s, size_t n, char *sig, size_t cap, size_t *siglen)
{
	txt_token tok;
	size_t count = 0, last = 0;
	*siglen = 0;
	txt_tok_start(t, s, n);
	while (txt_tok_next(t, &tok)) {
		if (tok.start > tok.end || tok.end > n || tok.start < last)
			abort();
		if (tok.len == 0 || strlen(tok.s) != tok.len)
			abort();
		last = tok.start;
		count++;
		if (sig) {
			/* token text, type, brk and range, to compare two scans */
			int k = snprintf(sig + *siglen, cap - *siglen, "%s|%d|%d|%zu|%zu\n", tok.s,
					 (int)tok.type, tok.brk, tok.start, tok.end);
			if (k < 0 || (size_t)k >= cap - *siglen)
				sig = NULL; /* too long to compare; just scan */
			else
				*siglen += (size_t)k;
		}
	}
	return count;
}

/* Tokens by batches (from u) against txt_tok_next (from t, the same
 * options): text, length, boundary. */
static void batches_match(txt_tok *t, txt_tok *u, const char *s, size_t n)
{
	static txt_tok_batch b;
	txt_token tok;
	char tmp[TXT_TOK_SHORT + 1];
	txt_tok_start(t, s, n);
	txt_tok_start(u, s, n);
	while (txt_tok_next_batch(u, &b) > 0) {
		for (size_t i = 0; i < b.n; i++) {
			const char *w = txt_tok_batch_text(&b, i, tmp);
			if (!txt_tok_next(t, &tok) || tok.len != b.len[i] || memcmp(tok.s, w, tok.len) ||
			    tok.brk != b.brk[i]) {
				fprintf(stderr, "batch token %zu differs: '%.*s'\n", i, (int)b.len[i], w);
				abort();
			}
		}
	}
	if (txt_tok_next(t, &tok))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned k = data[0] % NSETS;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	batches_match(toks[k], twins[k], s, n);
	size_t cap = 16 * n + 256, l1, l2;
	char *a = malloc(cap), *b = malloc(cap);
	if (!a || !b)
		abort();
	txt_tok_test_general_only = 0;
	size_t c1 = scan(toks[k], s, n, a, cap, &l1);
	txt_tok_test_general_only = 1;
	size_t c2 = scan(toks[k], s, n, b, cap, &l2);
	txt_tok_test_general_only = 0;
	if (c1 != c2 || l1 != l2 || memcmp(a, b, l1) != 0) {
		fprintf(stderr, "fast and general tokenizer paths differ:\n%.*s---\n%.*s", (int)l1, a,
			(int)l2, b);
		abort();
	}
	free(a);
	free(b);
	return 0;
}
