/* text_compound: loading (header, comments, bad expressions), matching
 * (leftmost, then longest; never across a break; across the tokenizer's
 * batches), a second text after the first. */
#include <stdio.h>
#include <unistd.h>

#include "harness.h"
#include "text_compound.h"
#include "text_err.h"

static char *write_tmp(const char *text)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/slant-compound-%ld.txt", (long)getpid());
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	fputs(text, f);
	fclose(f);
	return path;
}

static txt_compounds *load(const char *text)
{
	txt_tok_opts o = {0};
	char *p = write_tmp(text);
	txt_compounds *c = txt_compounds_load(p, &o);
	unlink(p);
	return c;
}

/* The tokens of text through the compounds, joined by '|'. */
static void scan(const txt_compounds *c, const char *text, txt_buf *out)
{
	txt_tok *tok = txt_tok_new(NULL);
	txt_compound_scan *s = txt_compound_scan_new(c);
	txt_tok_batch b = {0};
	out->n = 0;
	txt_buf_add(out, "", 0);
	for (int round = 0; round < 2; round++) { /* the scan is reusable */
		out->n = 0;
		txt_tok_start(tok, text, strlen(text));
		while (txt_compound_next_batch(s, tok, &b))
			for (size_t i = 0; i < b.n; i++) {
				char sb[TXT_TOK_SHORT + 1];
				if (out->n)
					txt_buf_add(out, "|", 1);
				if (b.brk[i])
					txt_buf_add(out, "^", 1);
				const char *t = txt_tok_batch_text(&b, i, sb);
				txt_buf_add(out, t, strlen(t));
			}
	}
	txt_tok_batch_free(&b);
	txt_compound_scan_free(s);
	txt_tok_free(tok);
}

TEST(leftmost_longest)
{
	txt_compounds *c = load("collocation\tcount\nnew york\t3\n# a comment\n\n"
	                        "New York City\t2\nyork state\t1\n");
	CHECK(c != NULL);
	if (!c)
		return;
	CHECK(txt_compounds_size(c) == 3);
	txt_buf out = {0};
	scan(c, "New York City is in New York state. new, york state", &out);
	CHECK_STR(out.s, "^new_york_city|is|in|new_york|state|^new|^york_state");
	txt_compounds_free(c);
	free(out.s);
}

TEST(across_batches)
{
	txt_compounds *c = load("alpha beta\nalphabetically longer words here\n");
	CHECK(c != NULL);
	if (!c)
		return;
	/* 255 fillers put "alpha beta" across the first batch's end */
	txt_buf text = {0}, want = {0}, out = {0};
	for (int i = 0; i < 255; i++) {
		txt_buf_add(&text, "x ", 2);
		txt_buf_add(&want, i ? "|x" : "^x", 2);
	}
	for (int i = 0; i < 300; i++) {
		txt_buf_add(&text, "alpha beta alphabetically longer words here ", 44);
		txt_buf_add(&want, "|alpha_beta|alphabetically_longer_words_here", 44);
	}
	scan(c, text.s, &out);
	CHECK_STR(out.s, want.s);
	txt_compounds_free(c);
	free(text.s);
	free(want.s);
	free(out.s);
}

TEST(bad_files)
{
	CHECK(load("new york\nrule, of law\n") == NULL);
	CHECK(strstr(txt_err(), ":2: 'rule, of law'") != NULL);
	CHECK(load("new york\nwar\n") == NULL);
	CHECK(strstr(txt_err(), "fewer than two") != NULL);
	CHECK(load("a b c d e f g h i j\n") == NULL);
	CHECK(load("# only a comment\n") == NULL);
	CHECK(strstr(txt_err(), "no expression") != NULL);
	txt_tok_opts o = {0};
	CHECK(txt_compounds_load("/nonexistent/compounds.txt", &o) == NULL);
}

RUN_TESTS(T(leftmost_longest), T(across_batches), T(bad_files))
