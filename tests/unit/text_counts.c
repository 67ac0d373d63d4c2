/* Unit tests for text_counts. */
#include <stdint.h>
#include <unistd.h>

#include "harness.h"
#include "text_counts.h"
#include "text_err.h"
#include "text_io.h"
#include "text_map.h"
#include "text_tok.h"

static char dir[64];

static const char *tmp(const char *name)
{
	static char path[4][128];
	static int k;
	k = (k + 1) % 4;
	snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
	return path[k];
}

/* A writer over a file these tests may have read: text_io refuses to write
 * over an input of the process while its name holds it, so remove it first. */
static txt_writer *writer_over(const char *path)
{
	unlink(path);
	return txt_writer_open(path, TXT_W_FORCE);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

static char *slurp(const char *path)
{
	char *d;
	size_t n;
	return txt_read_file(path, &d, &n) == 0 ? d : NULL;
}

static const txt_counts_meta META = {"tok=test", "1", "source", NULL};

/* docs: (group, "space separated words") */
static void build(const char *path, const char *const *docs, size_t n, const txt_counts_prune *pr)
{
	txt_counts *c = txt_counts_new();
	for (size_t i = 0; i < n; i += 2) {
		txt_counts_doc(c, docs[i], strlen(docs[i]));
		const char *p = docs[i + 1];
		while (*p) {
			size_t k = strcspn(p, " ");
			txt_counts_add(c, p, k);
			p += k + (p[k] == ' ');
		}
	}
	txt_writer *w = writer_over(path);
	CHECK(w != NULL);
	CHECK(txt_counts_write(c, w, &META, pr) == 0);
	CHECK(txt_writer_close(w) == 0);
	txt_counts_free(c);
}

/* The header and metadata rows of a counts file. */
#define META(tok, ngrams, by)                                                            \
	"group\tterm\tn\tdf\n\tslant-counts=2\t0\t0\n\ttokenizer=" tok "\t0\t0\n\tngrams=" ngrams  \
	"\t0\t0\n\tby=" by "\t0\t0\n"

static const char *const DOCS[] = {
	"b", "x y x", "a", "the cat", "b", "y z", "a", "the the dog", "a", "", "a\tb", "q",
};

TEST(build_sorted_with_totals)
{
	build(tmp("c1"), DOCS, 12, NULL);
	char *s = slurp(tmp("c1"));
	CHECK_STR(s, META("tok=test", "1", "source")
		     "a\t\t5\t3\na\tcat\t1\t1\na\tdog\t1\t1\na\tthe\t3\t2\n"
		     "a\\tb\t\t1\t1\na\\tb\tq\t1\t1\n"
		     "b\t\t5\t2\nb\tx\t2\t1\nb\ty\t2\t2\nb\tz\t1\t1\n");
	free(s);
}

TEST(prune_keeps_totals)
{
	txt_counts_prune pr = {2, 1};
	build(tmp("c2"), DOCS, 12, &pr);
	char *s = slurp(tmp("c2"));
	CHECK(s && strstr(s, "a\t\t5\t3\na\tthe\t3\t2\na\\tb\t\t1\t1\nb\t\t5\t2\nb\tx\t2\t1\nb\ty\t2\t2\n"));
	free(s);
	pr.min_count = 0;
	pr.min_docs = 2;
	build(tmp("c3"), DOCS, 12, &pr);
	s = slurp(tmp("c3"));
	CHECK(s && strstr(s, "by=source\t0\t0\na\t\t5\t3\na\tthe\t3\t2\na\\tb\t\t1\t1\n"
			     "b\t\t5\t2\nb\ty\t2\t2\n"));
	free(s);
}

TEST(read_back)
{
	build(tmp("c1"), DOCS, 12, NULL);
	txt_counts_in *r = txt_counts_open(tmp("c1"));
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_STR(txt_counts_meta_get(r, "by"), "source");
	CHECK_STR(txt_counts_meta_get(r, "ngrams"), "1");
	txt_counts_row row;
	uint64_t total = 0, rows = 0;
	int rc;
	while ((rc = txt_counts_read(r, &row)) == 1) {
		rows++;
		if (row.tlen)
			total += row.n;
		if (rows == 5) {
			CHECK(row.glen == 3 && memcmp(row.group, "a\tb", 3) == 0 && row.tlen == 0);
		}
	}
	CHECK(rc == 0);
	CHECK(rows == 10 && total == 11);
	txt_counts_close(r);
	txt_counts_close(NULL);
}

/* Merging shards equals counting everything at once. */
TEST(merge_equals_whole)
{
	build(tmp("whole"), DOCS, 12, NULL);
	build(tmp("s1"), DOCS, 4, NULL);
	build(tmp("s2"), DOCS + 4, 4, NULL);
	build(tmp("s3"), DOCS + 8, 4, NULL);
	txt_counts_in *in[3] = {txt_counts_open(tmp("s3")), txt_counts_open(tmp("s1")),
				txt_counts_open(tmp("s2"))};
	CHECK(in[0] && in[1] && in[2]);
	txt_writer *w = writer_over(tmp("merged"));
	CHECK(txt_counts_merge(in, 3, w, NULL) == 0);
	CHECK(txt_writer_close(w) == 0);
	for (int i = 0; i < 3; i++)
		txt_counts_close(in[i]);
	char *a = slurp(tmp("whole")), *b = slurp(tmp("merged"));
	CHECK_STR(b, a);
	free(a);
	free(b);
}

/* Counting n-grams as word ids writes what counting their text writes. */
TEST(gram_mode_equals_text_mode)
{
	static const char *const words[] = {"the", "cat", "sat", "on", "the", "mat",
					    "the", "cat", "a\tb", "the"};
	txt_counts *a = txt_counts_new(), *b = txt_counts_new();
	for (int d = 0; d < 2; d++) {
		const char *g = d ? "g2" : "g1";
		txt_counts_doc(a, g, 2);
		txt_counts_doc(b, g, 2);
		uint32_t ids[10];
		char key[64];
		for (size_t i = d; i < 10; i++) {
			ids[i] = txt_counts_word(b, words[i], strlen(words[i]));
			txt_counts_add(b, "ignored", 7); /* one mode per builder */
			txt_counts_add(a, words[i], strlen(words[i]));
			txt_counts_add_gram(b, ids + i, 1);
			if (i > (size_t)d) {
				snprintf(key, sizeof key, "%s %s", words[i - 1], words[i]);
				txt_counts_add(a, key, strlen(key));
				txt_counts_add_gram(b, ids + i - 1, 2);
			}
		}
	}
	txt_writer *w = writer_over(tmp("ta"));
	CHECK(txt_counts_write(a, w, &META, NULL) == 0 && txt_writer_close(w) == 0);
	w = writer_over(tmp("tb"));
	CHECK(txt_counts_write(b, w, &META, NULL) == 0 && txt_writer_close(w) == 0);
	char *x = slurp(tmp("ta")), *y = slurp(tmp("tb"));
	CHECK_STR(y, x);
	CHECK(x && strstr(x, "g1\tthe cat\t2\t1\n") && strstr(x, "g1\tcat a\\tb\t1\t1\n"));
	free(x);
	free(y);
	txt_counts_free(a);
	txt_counts_free(b);
}

/* Count docs[i], docs[i+1] pairs with k % parts == part into c, as
 * unigrams (gram 0) or as unigrams + bigrams of word ids (gram 1). */
static void count_share(txt_counts *c, const char *const *docs, size_t n, size_t part,
			size_t parts, int gram)
{
	for (size_t i = 0; i < n; i += 2) {
		if ((i / 2) % parts != part)
			continue;
		txt_counts_doc(c, docs[i], strlen(docs[i]));
		uint32_t ids[16];
		size_t nw = 0;
		for (const char *p = docs[i + 1]; *p;) {
			size_t k = strcspn(p, " ");
			if (!gram)
				txt_counts_add(c, p, k);
			else if (nw < 16) {
				ids[nw] = txt_counts_word(c, p, k);
				txt_counts_add_gram(c, ids + nw, 1);
				if (nw)
					txt_counts_add_gram(c, ids + nw - 1, 2);
				nw++;
			}
			p += k + (p[k] == ' ');
		}
	}
}

static char *written(txt_counts *c, const char *name)
{
	txt_writer *w = writer_over(tmp(name));
	CHECK(w && txt_counts_write(c, w, &META, NULL) == 0 && txt_writer_close(w) == 0);
	return slurp(tmp(name));
}

TEST(absorb_equals_whole)
{
	static const char *const docs[] = {
		"b", "x y x", "a", "the cat", "b", "y z", "a", "the the dog", "a", "",
		"a\tb", "q", "c", "dog cat the", "b", "the x y", "a", "z z z q",
	};
	size_t n = sizeof docs / sizeof *docs;
	for (int gram = 0; gram < 2; gram++) {
		txt_counts *whole = txt_counts_new(), *sum = txt_counts_new();
		count_share(whole, docs, n, 0, 1, gram);
		/* three shares whose first groups differ (b, a, b) */
		for (size_t part = 0; part < 3; part++) {
			txt_counts *s = txt_counts_new();
			count_share(s, docs, n, part, 3, gram);
			txt_counts_absorb(sum, s);
			txt_counts_free(s);
		}
		txt_counts *empty = txt_counts_new();
		txt_counts_absorb(sum, empty); /* nothing counted: no change */
		txt_counts_free(empty);
		char *x = written(whole, "whole"), *y = written(sum, "sum");
		CHECK_STR(y, x);
		CHECK(x && strstr(x, gram ? "a\t\t15\t4\n" : "a\t\t9\t4\n"));
		CHECK(!gram || (x && strstr(x, "a\tthe the\t1\t1\n")));
		free(x);
		free(y);
		txt_counts_free(whole);
		txt_counts_free(sum);
	}
}

/* A naive count of (group, key) for random_keys_match_naive. */
typedef struct naive {
	char g[8], k[40];
	size_t gn, kn;
	uint64_t n, df;
	unsigned last;
} naive;

static naive *naive_get(naive *t, size_t *nt, const char *g, size_t gn, const char *k, size_t kn)
{
	for (size_t i = 0; i < *nt; i++)
		if (t[i].gn == gn && t[i].kn == kn && !memcmp(t[i].g, g, gn) && !memcmp(t[i].k, k, kn))
			return &t[i];
	naive *e = &t[(*nt)++];
	memset(e, 0, sizeof *e);
	memcpy(e->g, g, gn);
	memcpy(e->k, k, kn);
	e->gn = gn;
	e->kn = kn;
	return e;
}

/* Random keys of 1..40 bytes (short and long paths, NUL and tab bytes
 * included), the table written part-way and counting going on, cells
 * moving to the general path at a low count, a short table of 2^10 slots
 * that fills: every row read back equals a naive count, and there are no
 * other rows.  ngroups: documents cycle through that many groups; 0: each
 * document is a group of its own (--by id), so the full table is emptied
 * into the general path as new groups start. */
static int keys_match_naive(unsigned ngroups)
{
	enum { NKEYS = 300, NDOCS = 400, PER = 30 };
	static char keys[NKEYS][40];
	static size_t klen[NKEYS];
	static naive t[NDOCS * PER];
	size_t nt = 0;
	unsigned seed = 12345;
	for (size_t i = 0; i < NKEYS; i++) {
		seed = seed * 1103515245u + 12345u;
		klen[i] = 1 + (seed >> 16) % (i % 3 ? 16 : 40);
		for (size_t j = 0; j < klen[i]; j++) {
			seed = seed * 1103515245u + 12345u;
			keys[i][j] = "ab\t\0xyz\t"[(seed >> 16) % 8];
		}
	}
	txt_counts_short_max = 7;
	txt_counts_short_bits = 10; /* full at 614 (group, key) */
	txt_counts *c = txt_counts_new();
	static uint64_t tokens[NDOCS + 1], docs[NDOCS + 1];
	memset(tokens, 0, sizeof tokens);
	memset(docs, 0, sizeof docs);
	for (unsigned d = 1; d <= NDOCS; d++) {
		unsigned gi = ngroups ? d % ngroups : d;
		char g[8];
		int gn = snprintf(g, sizeof g, "%u", gi);
		txt_counts_doc(c, g, (size_t)gn);
		docs[gi]++;
		for (int k = 0; k < PER; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t i = ((seed >> 16) % NKEYS) * ((seed >> 8) % 4 ? 1 : 0) + (seed >> 20) % 7;
			i %= NKEYS;
			txt_counts_add(c, keys[i], klen[i]);
			naive *e = naive_get(t, &nt, g, (size_t)gn, keys[i], klen[i]);
			e->n++;
			e->df += e->last != d;
			e->last = d;
			tokens[gi]++;
		}
		if (d == NDOCS / 2)
			free(written(c, "half"));
	}
	txt_counts_short_max = UINT32_MAX;
	txt_counts_short_bits = 20;
	char *x = written(c, "all");
	free(x);
	txt_counts_in *r = txt_counts_open(tmp("all"));
	txt_counts_row row;
	size_t rows = 0, bad = r == NULL;
	while (r && txt_counts_read(r, &row) == 1) {
		unsigned gi = (unsigned)atoi(row.group);
		if (row.tlen == 0) {
			bad += row.n != tokens[gi] || row.df != docs[gi];
			continue;
		}
		rows++;
		size_t before = nt;
		naive *e = naive_get(t, &nt, row.group, row.glen, row.term, row.tlen);
		bad += nt != before || e->n != row.n || e->df != row.df;
	}
	txt_counts_close(r);
	txt_counts_free(c);
	return rows == nt && bad == 0;
}

TEST(random_keys_match_naive)
{
	/* one group: written without moving the short table, a key both there
	 * and on the general path (short max 7, table full) summed */
	CHECK(keys_match_naive(1));
	CHECK(keys_match_naive(5));
	CHECK(keys_match_naive(0));
}

/* N random words (~900 of each length, some over 16 bytes, a few empty)
 * in buf, and as keys (txt_tok_batch's form, long ones in buf). */
enum { NW = 3000 };
static char wbuf[NW * 48];
static size_t woff[NW], wlen[NW];
static uint64_t wkey[NW][2];

static void random_words(void)
{
	size_t used = 0;
	unsigned seed = 7;
	for (size_t i = 0; i < NW; i++) {
		seed = seed * 1103515245u + 12345u;
		size_t k = (i % 97 ? 1 : 0) + (seed >> 16) % (i % 5 ? 9 : 30), w = (seed >> 8) % 900;
		woff[i] = used;
		wlen[i] = k;
		for (size_t j = 0; j < k; j++)
			wbuf[used++] = (char)('a' + (j % 2 ? w / 26 : w) % 26);
		wbuf[used++] = '\0';
		if (k <= TXT_TOK_SHORT) {
			txt_key16(wbuf + woff[i], k, wkey[i]);
		} else {
			wkey[i][0] = woff[i];
			wkey[i][1] = 0;
		}
	}
}

/* txt_counts_words gives the ids txt_counts_word gives, for short, long
 * and empty words, with the word table growing and then full. */
TEST(word_ids_in_batches)
{
	static uint32_t ids[NW];
	random_words();
	txt_counts_short_bits = 10;
	txt_counts *a = txt_counts_new(), *b = txt_counts_new();
	size_t bad = 0;
	for (size_t i0 = 0; i0 < NW; i0 += 256) {
		size_t m = NW - i0 < 256 ? NW - i0 : 256;
		txt_counts_words(b, wkey + i0, wlen + i0, wbuf, m, ids + i0);
		for (size_t i = i0; i < i0 + m; i++)
			bad += ids[i] != txt_counts_word(a, wbuf + woff[i], wlen[i]);
	}
	txt_counts_short_bits = 20;
	CHECK(bad == 0);
	txt_counts_free(a);
	txt_counts_free(b);
}

/* Counting keys by batches writes what counting them one by one does,
 * over several documents and groups, with the short table full early and
 * its counts overflowing to the general path. */
static void keys_in_batches_with(unsigned cached_bits)
{
	txt_counts_cached_bits = cached_bits;
	random_words();
	txt_counts_short_bits = 10;
	txt_counts_short_max = 5;
	txt_counts *a = txt_counts_new(), *b = txt_counts_new();
	for (size_t i0 = 0; i0 < NW; i0 += 200) {
		size_t m = NW - i0 < 200 ? NW - i0 : 200;
		char g[2] = {(char)('a' + (i0 / 200) % 3), 0};
		txt_counts_doc(a, g, 1);
		txt_counts_doc(b, g, 1);
		txt_counts_add_keys(b, wkey + i0, wlen + i0, wbuf, m);
		for (size_t i = i0; i < i0 + m; i++)
			txt_counts_add(a, wbuf + woff[i], wlen[i]);
	}
	txt_counts_short_bits = 20;
	txt_counts_short_max = UINT32_MAX;
	txt_writer *w = writer_over(tmp("one"));
	CHECK(txt_counts_write(a, w, &META, NULL) == 0 && txt_writer_close(w) == 0);
	w = writer_over(tmp("many"));
	CHECK(txt_counts_write(b, w, &META, NULL) == 0 && txt_writer_close(w) == 0);
	char *x = slurp(tmp("one")), *y = slurp(tmp("many"));
	CHECK(x && y && strlen(x) > 10000 && !strcmp(x, y));
	free(x);
	free(y);
	txt_counts_free(a);
	txt_counts_free(b);
	txt_counts_cached_bits = 15;
}

/* both ways of counting a batch: key by key, and hashed ahead */
TEST(keys_in_batches)
{
	keys_in_batches_with(15);
	keys_in_batches_with(0);
}

static int open_fails(const char *text, const char *msg)
{
	put(tmp("bad"), text);
	txt_counts_in *r = txt_counts_open(tmp("bad"));
	if (!r)
		return strstr(txt_err(), msg) != NULL;
	txt_counts_row row;
	int rc;
	while ((rc = txt_counts_read(r, &row)) == 1)
		;
	txt_counts_close(r);
	if (rc == 0)
		printf("  no error for: %s", text);
	else if (!strstr(txt_err(), msg))
		printf("  message: %s\n", txt_err());
	return rc < 0 && strstr(txt_err(), msg) != NULL;
}

#define HDR META("t", "1", "")

TEST(bad_files)
{
	CHECK(open_fails("id\ttext\n1\thello\n", "not a counts file"));
	CHECK(open_fails("group\tterm\tn\tdf\n", "no slant-counts=2 row"));
	CHECK(open_fails("group\tterm\tn\tdf\na\t\t1\t1\n", "no slant-counts=2 row"));
	CHECK(open_fails("group\tterm\tn\tdf\n\tslant-counts=9\t0\t0\n", "version 9"));
	CHECK(open_fails("#slant-counts=1\ngroup\tterm\tn\tdf\n", "old layout"));
	/* a metadata-like row after the data is a term with n 0 */
	CHECK(open_fails(HDR "\t\t3\t1\n\tby=x\t0\t0\n", "impossible"));
	CHECK(open_fails(HDR "a\t\t3\t1\na\tx\t-1\t1\n", "not a count"));
	CHECK(open_fails(HDR "a\t\t3\t1\na\tx\t1\t1.5\n", "not a count"));
	CHECK(open_fails(HDR "a\t\t3\t1\na\tx\t99999999999999999999\t1\n", "not a count"));
	CHECK(open_fails(HDR "a\t\t3\t1\na\tx\t1\t2\n", "impossible"));
	CHECK(open_fails(HDR "a\t\t3\t1\na\ty\t1\t1\na\tx\t1\t1\n", "not sorted"));
	CHECK(open_fails(HDR "a\t\t3\t1\na\tx\t1\t1\na\tx\t1\t1\n", "not sorted"));
	CHECK(open_fails(HDR "b\t\t3\t1\na\t\t1\t1\n", "not sorted"));
	CHECK(open_fails(HDR "a\tx\t1\t1\n", "no total row"));
	CHECK(open_fails(HDR "a\t\t3\t1\nb\tx\t1\t1\n", "no total row"));
	CHECK(open_fails(HDR "a\t\t3\n", "")); /* wrong field count */
}

TEST(refuses_other_tokenisation)
{
	put(tmp("t1"), HDR "a\t\t1\t1\na\tx\t1\t1\n");
	put(tmp("t2"), META("t", "1-2", ""));
	txt_counts_in *in[2] = {txt_counts_open(tmp("t1")), txt_counts_open(tmp("t2"))};
	CHECK(in[0] && in[1]);
	CHECK(txt_counts_compatible(in[0], in[1]) < 0);
	CHECK(strstr(txt_err(), "ngrams '1' vs '1-2'") != NULL);
	txt_writer *w = writer_over(tmp("m"));
	CHECK(txt_counts_merge(in, 2, w, NULL) < 0);
	txt_writer_abort(w);
	txt_counts_close(in[0]);
	txt_counts_close(in[1]);
}

/* The order is that of the escaped bytes: tab (written \t) sorts after
 * ' ' and '[' but before 'a'; shorter first on a common prefix. */
TEST(order_is_escaped_bytes)
{
	CHECK(txt_counts_cmp("a", 1, "ab", 2) < 0);
	CHECK(txt_counts_cmp("ab", 2, "a", 1) > 0);
	CHECK(txt_counts_cmp("", 0, "a", 1) < 0);
	CHECK(txt_counts_cmp("a", 1, "a", 1) == 0);
	CHECK(txt_counts_cmp("\t", 1, "[", 1) > 0);  /* '\\' > '[' */
	CHECK(txt_counts_cmp("\t", 1, "a", 1) < 0);  /* '\\' < 'a' */
	CHECK(txt_counts_cmp("\t", 1, "\n", 1) > 0); /* 't' > 'n' */
	CHECK(txt_counts_cmp("\\", 1, "\r", 1) < 0); /* '\\' < 'r' */
	CHECK(txt_counts_cmp("\x01", 1, "a", 1) < 0);
	CHECK(txt_counts_cmp("\xc3\xa9", 2, "z", 1) > 0); /* bytes are unsigned */
}

/* The 8-bytes-at-a-time comparison agrees with comparing escaped forms
 * byte by byte, wherever the first difference is (including escaped bytes
 * and bytes >= 0x80). */
static void escape_ref(const char *s, size_t n, char *out, size_t *on)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
			out[k++] = '\\';
			c = c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
		}
		out[k++] = c;
	}
	*on = k;
}

TEST(order_matches_escaped_memcmp)
{
	static const char alpha[] = "ab \t\n\r\\[z\xc3\x01";
	char a[40], b[40], ea[80], eb[80];
	unsigned x = 777;
	for (int k = 0; k < 50000; k++) {
		size_t an = (size_t)(k % 37), bn = an;
		for (size_t i = 0; i < an; i++) {
			x = x * 1103515245u + 12345u;
			a[i] = b[i] = alpha[(x >> 16) % (sizeof alpha - 1)];
		}
		x = x * 1103515245u + 12345u;
		if (an && (x >> 16) % 4) { /* change one byte, or the length */
			size_t at = (x >> 8) % an;
			x = x * 1103515245u + 12345u;
			b[at] = alpha[(x >> 16) % (sizeof alpha - 1)];
		} else if (bn) {
			bn--;
		}
		size_t ean, ebn;
		escape_ref(a, an, ea, &ean);
		escape_ref(b, bn, eb, &ebn);
		size_t m = ean < ebn ? ean : ebn;
		int r = memcmp(ea, eb, m);
		r = r ? r : (ean > ebn) - (ean < ebn);
		int c = txt_counts_cmp(a, an, b, bn);
		CHECK((r > 0) == (c > 0) && (r < 0) == (c < 0));
	}
}

/* m NULL: the rows alone, as a map-reduce mapper writes them. */
TEST(write_rows_only)
{
	build(tmp("c1"), DOCS, 12, NULL);
	txt_counts *c = txt_counts_new();
	txt_counts_doc(c, "b", 1);
	txt_counts_add(c, "x", 1);
	txt_writer *w = writer_over(tmp("rows"));
	CHECK(txt_counts_write(c, w, NULL, NULL) == 0);
	CHECK(txt_writer_close(w) == 0);
	txt_counts_free(c);
	char *s = slurp(tmp("rows"));
	CHECK_STR(s, "b\t\t1\t1\nb\tx\t1\t1\n");
	free(s);
}

/* Reduce bare-row files: equal keys summed within and across inputs, a
 * group whose total row is elsewhere gets 0 0, pruning on the sums. */
static char *reduce_files(const char *a, const char *b, const txt_counts_prune *pr)
{
	put(tmp("ra"), a);
	put(tmp("rb"), b);
	txt_counts_in *in[2] = {txt_counts_open_rows(tmp("ra")), txt_counts_open_rows(tmp("rb"))};
	CHECK(in[0] && in[1]);
	CHECK(txt_counts_meta_get(in[0], "by") == NULL);
	txt_writer *w = writer_over(tmp("sum"));
	int rc = txt_counts_reduce(in, 2, w, &META, pr);
	txt_counts_close(in[0]);
	txt_counts_close(in[1]);
	if (rc < 0) {
		txt_writer_abort(w);
		return NULL;
	}
	CHECK(txt_writer_close(w) == 0);
	return slurp(tmp("sum"));
}

TEST(reduce_rows)
{
	const char *a = "a\t\t3\t2\na\t\t2\t1\na\tx\t1\t1\na\tx\t2\t1\nc\\td\ty\t1\t1\n";
	const char *b = "a\tx\t1\t1\na\tz\t1\t1\nb\ty\t4\t2\nc\\td\t\t9\t3\n";
	char *s = reduce_files(a, b, NULL);
	CHECK_STR(s, META("tok=test", "1", "source")
		     "a\t\t5\t3\na\tx\t4\t3\na\tz\t1\t1\n"
		     "b\t\t0\t0\nb\ty\t4\t2\n"
		     "c\\td\t\t9\t3\nc\\td\ty\t1\t1\n");
	free(s);
	txt_counts_prune pr = {2, 0};
	s = reduce_files(a, b, &pr);
	CHECK(s && strstr(s, "by=source\t0\t0\na\t\t5\t3\na\tx\t4\t3\nb\t\t0\t0\nb\ty\t4\t2\n"
			     "c\\td\t\t9\t3\n") != NULL);
	free(s);
	/* the output reads back as a counts file */
	txt_counts_in *r = txt_counts_open(tmp("sum"));
	txt_counts_row row;
	int rc;
	CHECK(r != NULL);
	while (r && (rc = txt_counts_read(r, &row)) == 1)
		;
	CHECK(r && rc == 0);
	txt_counts_close(r);
}

/* m NULL: bare rows out, sums only, no totals added (a combiner). */
TEST(reduce_rows_bare)
{
	put(tmp("ra"), "a\tx\t1\t1\na\tx\t2\t1\nb\t\t3\t1\n");
	put(tmp("rb"), "a\tx\t1\t1\na\ty\t1\t1\n");
	txt_counts_in *in[2] = {txt_counts_open_rows(tmp("ra")), txt_counts_open_rows(tmp("rb"))};
	txt_writer *w = writer_over(tmp("sum"));
	CHECK(txt_counts_reduce(in, 2, w, NULL, NULL) == 0);
	CHECK(txt_writer_close(w) == 0);
	txt_counts_close(in[0]);
	txt_counts_close(in[1]);
	char *s = slurp(tmp("sum"));
	CHECK_STR(s, "a\tx\t4\t3\na\ty\t1\t1\nb\t\t3\t1\n");
	free(s);
}

TEST(reduce_rows_errors)
{
	CHECK(reduce_files("a\tx\t1\t1\na\tw\t1\t1\n", "", NULL) == NULL);
	CHECK(strstr(txt_err(), "ra:2: rows are not sorted by group, term") != NULL);
	CHECK(reduce_files("", "b\t\t1\t1\na\t\t1\t1\n", NULL) == NULL);
	CHECK(strstr(txt_err(), "rb:2: rows are not sorted by group, term") != NULL);
	CHECK(reduce_files(HDR, "", NULL) == NULL);
	CHECK(strstr(txt_err(), "ra:1: a header line: expected bare rows") != NULL);
	CHECK(reduce_files("a\tx\t1\n", "", NULL) == NULL);
	CHECK(strstr(txt_err(), "ra:1: expected 4 fields") != NULL);
	CHECK(reduce_files("a\tx\t1\t2\n", "", NULL) == NULL);
	CHECK(strstr(txt_err(), "ra:1: impossible counts") != NULL);
	CHECK(txt_counts_open_rows(tmp("no-such-file")) == NULL);
}

TEST(setup)
{
	strcpy(dir, "/tmp/slant-counts-XXXXXX");
	CHECK(mkdtemp(dir) != NULL);
}

TEST(cleanup)
{
	const char *names[] = {"c1", "c2", "c3", "whole", "s1", "s2", "s3", "merged", "bad", "t1", "t2", "ta", "tb", "sum", "half", "all", "rows", "ra", "rb", "one", "many"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		unlink(tmp(names[i]));
	CHECK(rmdir(dir) == 0);
}

RUN_TESTS(T(setup), T(build_sorted_with_totals), T(prune_keeps_totals), T(read_back),
	  T(merge_equals_whole), T(gram_mode_equals_text_mode), T(absorb_equals_whole), T(random_keys_match_naive), T(word_ids_in_batches), T(keys_in_batches), T(bad_files), T(refuses_other_tokenisation),
	  T(order_is_escaped_bytes), T(order_matches_escaped_memcmp), T(write_rows_only), T(reduce_rows), T(reduce_rows_bare),
	  T(reduce_rows_errors), T(cleanup))
