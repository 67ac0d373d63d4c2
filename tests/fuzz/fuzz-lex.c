/* Fuzz the lexicon parser (text_lex): TSV, LIWC .dic and YAML, with ASCII
 * lower-casing or the tokenizer as the word normaliser; a parsed lexicon is
 * then matched against a fixed token sequence. */
#include "fuzz.h"
#include "text_err.h"
#include "text_lex.h"
#include "text_tok.h"

static txt_tok *tk;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!(tk = txt_tok_new(NULL)))
		abort();
	return 0;
}

/* Words normalised by the tokenizer, joined by single spaces (as slant-frame). */
static char *norm_tok(const char *w, size_t n, void *ctx)
{
	(void)ctx;
	txt_token t;
	size_t len = 0, cap = n * 4 + 16;
	char *s = malloc(cap);
	if (!s)
		abort();
	txt_tok_start(tk, w, n);
	while (txt_tok_next(tk, &t)) {
		if (len + t.len + 2 > cap) {
			cap = 2 * (len + t.len + 2);
			if (!(s = realloc(s, cap)))
				abort();
		}
		if (len)
			s[len++] = ' ';
		memcpy(s + len, t.s, t.len);
		len += t.len;
	}
	if (!len) {
		free(s);
		txt_err_set("no word characters");
		return NULL;
	}
	s[len] = '\0';
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *name[] = {"f.tsv", "f.dic", "f.yml", "f.yaml"};
	static const int fmt[] = {TXT_LEX_TSV, TXT_LEX_DIC, TXT_LEX_YAML, TXT_LEX_AUTO};
	static const char *const tok[] = {"the", "drug", "cartel", "attack", "sovereignty",
					  "econom", "economy", "us", "military", "strike"};
	static const unsigned char brk[] = {1, 0, 0, 1, 0, 0, 0, 1, 0, 0};
	enum { NT = sizeof tok / sizeof *tok };
	if (size < 1)
		return 0;
	unsigned k = data[0] & 3;
	txt_lex_norm norm = (data[0] & 4) ? norm_tok : NULL;
	txt_lex *lx = txt_lex_parse(name[k], (const char *)data + 1, size - 1, fmt[k], norm, NULL);
	if (!lx)
		return 0;
	size_t nf = txt_lex_nframes(lx);
	for (size_t i = 0; i < nf; i++)
		if (!txt_lex_frame(lx, i))
			abort();
	(void)txt_lex_npatterns(lx);
	double *hits = calloc(nf + 1, sizeof *hits);
	if (!hits)
		abort();
	txt_lex_count(lx, tok, (data[0] & 8) ? brk : NULL, NT, data[0] & 16 ? TXT_LEX_INDEPENDENT : TXT_LEX_LONGEST, hits);
	for (size_t i = 0; i < NT; i++) {
		const uint32_t *fr;
		size_t nfr;
		size_t m = txt_lex_match(lx, tok, brk, NT, i, &fr, &nfr);
		if (m > NT - i)
			abort();
		for (size_t j = 0; m && j < nfr; j++)
			if (fr[j] >= nf)
				abort();
	}
	free(hits);
	txt_lex_free(lx);
	return 0;
}
