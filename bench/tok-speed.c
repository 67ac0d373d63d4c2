/* Tokenizer throughput: tok-speed [-d] [-s] [-p] [-l] FILE
 * Reads FILE whole, tokenizes it (one call per line with -l, as slant-count
 * does per document), prints tokens, bytes, CPU seconds of the tokenizing loop (wall time
 * too), MB/s and tokens/s.
 * -d dumps tokens (type, brk, text) instead; -s uses the English stopword
 * list and stemmer; -p keeps punctuation.
 * Build: make && cc -O2 -Ilibtext bench/tok-speed.c libtext/libtext.a \
 *        -lutf8proc -lstemmer -lz -o tok-speed */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text_err.h"
#include "text_tok.h"

static const char *tname[] = {"word", "num", "url", "email", "mention", "hashtag", "punct"};

int main(int argc, char **argv)
{
	int dump = 0, stem = 0, lines = 0;
	txt_tok_opts o = {0};
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-d")) dump = 1;
		else if (!strcmp(argv[i], "-s")) stem = 1;
		else if (!strcmp(argv[i], "-p")) o.keep_punct = 1;
		else if (!strcmp(argv[i], "-l")) lines = 1;
		else if (!strcmp(argv[i], "-h")) o.split_hyphens = 1;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: tok-speed [-d] [-s] [-p] [-l] [-h] FILE\n");
		return 2;
	}
	FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "rb") : stdin;
	if (!f) { perror(argv[i]); return 1; }
	size_t cap = 1 << 20, n = 0, k;
	char *text = malloc(cap);
	while ((k = fread(text + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) text = realloc(text, cap *= 2);
	}
	txt_stop *sw = NULL;
	if (stem) {
		o.stem = "english";
		sw = txt_stop_load("en");
		if (!sw) { fprintf(stderr, "%s\n", txt_err()); return 1; }
		o.stop = sw;
	}
	txt_tok *t = txt_tok_new(&o);
	if (!t) { fprintf(stderr, "%s\n", txt_err()); return 1; }
	struct timespec a, b, ca, cb;
	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ca);
	size_t ntok = 0, sum = 0;
	txt_token tk;
	size_t pos = 0;
	while (pos < n) {
		size_t end = n;
		if (lines) {
			char *nl = memchr(text + pos, '\n', n - pos);
			end = nl ? (size_t)(nl - text) : n;
		}
		txt_tok_start(t, text + pos, end - pos);
		while (txt_tok_next(t, &tk)) {
			ntok++;
			sum += tk.len + (size_t)tk.s[0];
			if (dump)
				printf("%s\t%d\t%s\t%zu-%zu\n", tname[tk.type], tk.brk, tk.s,
				       tk.start + pos, tk.end + pos);
		}
		pos = end + 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cb);
	double wall = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	double sec = (double)(cb.tv_sec - ca.tv_sec) + (double)(cb.tv_nsec - ca.tv_nsec) / 1e9;
	if (!dump)
		printf("%s: %zu tokens, %zu bytes, cpu %.3f s (wall %.3f s), %.1f MB/s, "
		       "%.1f Mtok/s (check %zu)\n", txt_tok_describe(t), ntok, n, sec, wall,
		       (double)n / 1e6 / sec, (double)ntok / 1e6 / sec, sum);
	txt_tok_free(t);
	txt_stop_free(sw);
	free(text);
	return 0;
}
