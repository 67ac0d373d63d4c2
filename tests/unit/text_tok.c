/* Unit tests for text_tok: one test per tokenizer rule (see slant-tokens(7)). */
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "text_err.h"
#include "text_sent.h"
#include "text_tok.h"
#include "text_utf8.h"

/* Tokens of text joined by '|'; with marks, a token after a sentence
 * boundary gets a leading '^', one after a gap only a '~' (the first
 * token's mark is not shown). */
static const char *run(const txt_tok_opts *o, const char *text, int marks)
{
	static char out[8192];
	txt_tok *t = txt_tok_new(o);
	if (!t)
		return "(new failed)";
	txt_tok_start(t, text, strlen(text));
	txt_token tk;
	size_t n = 0;
	int first = 1;
	out[0] = '\0';
	while (txt_tok_next(t, &tk) && n + tk.len + 3 < sizeof out) {
		if (!first)
			out[n++] = '|';
		if (marks && tk.brk && !first)
			out[n++] = tk.brk & TXT_BRK_SENT ? '^' : '~';
		memcpy(out + n, tk.s, tk.len);
		n += tk.len;
		out[n] = '\0';
		first = 0;
	}
	txt_tok_free(t);
	return out;
}

static const char *toks(const char *text)
{
	txt_tok_opts o = {0};
	return run(&o, text, 0);
}

static const char *brks(const char *text)
{
	txt_tok_opts o = {0};
	return run(&o, text, 1);
}

/* The type of the only token of text. */
static int type1(const char *text)
{
	txt_tok *t = txt_tok_new(NULL);
	txt_tok_start(t, text, strlen(text));
	txt_token tk;
	int ty = txt_tok_next(t, &tk) ? (int)tk.type : -1;
	if (txt_tok_next(t, &tk))
		ty = -2;
	txt_tok_free(t);
	return ty;
}

TEST(words_and_folding)
{
	CHECK_STR(toks("The Quick  brown\tFOX"), "the|quick|brown|fox");
	CHECK_STR(toks("PAÍS Ｆｕｌｌ Straße"), "país|full|strasse");
	CHECK_STR(toks("ﬁnal ofﬁce"), "final|office");
	CHECK_STR(toks("covid19 3rd"), "covid19|3rd");
	CHECK_STR(toks("Ñandú über Αθήνα Москва"), "ñandú|über|αθήνα|москва");
	CHECK_STR(toks("東京"), "東京");
	txt_tok_opts o = {.no_fold = 1};
	CHECK_STR(run(&o, "PAÍS Fox", 0), "PAÍS|Fox");
}

/* The tokenizer's own Latin-1 folding agrees with utf8proc's for every
 * letter U+00C0..U+00FF, alone and inside a word. */
TEST(latin1_fold_matches_utf8proc)
{
	for (int32_t cp = 0xC0; cp <= 0xFF; cp++) {
		if (cp == 0xD7 || cp == 0xF7) /* signs, not letters */
			continue;
		char w[16] = "Ab";
		w[2] = (char)(0xC0 | (cp >> 6));
		w[3] = (char)(0x80 | (cp & 0x3F));
		strcpy(w + 4, "Z");
		char *want = txt_utf8_fold_dup(w, strlen(w), NULL);
		const char *got = toks(w);
		CHECK_STR(got, want);
		free(want);
	}
	CHECK_STR(toks("ÁRBOL ÑANDÚ Ýa"), "árbol|ñandú|ýa");
}

TEST(apostrophes)
{
	CHECK_STR(toks("don't Don’t it's O'Brien"), "don't|don't|it's|o'brien");
	CHECK_STR(toks("'quoted' students' ’tis"), "quoted|students|tis");
	CHECK_STR(toks("rock 'n' roll"), "rock|n|roll");
}

TEST(hyphens)
{
	CHECK_STR(toks("drone-strike well‐known -5 a--b end-"), "drone-strike|well-known|5|a|b|end");
	txt_tok_opts o = {.split_hyphens = 1};
	CHECK_STR(run(&o, "drone-strike long-term", 0), "drone|strike|long|term");
	CHECK(type1("covid-19") == TXT_TOK_WORD);
}

TEST(numbers)
{
	CHECK_STR(toks("5.93 1,000 $5 €20 1,000,000.50"), "5.93|1,000|5|20|1,000,000.50");
	CHECK(type1("5.93") == TXT_TOK_NUM);
	CHECK(type1("1,000") == TXT_TOK_NUM);
	CHECK(type1("2025") == TXT_TOK_NUM);
	CHECK(type1("$5") == TXT_TOK_NUM);
	CHECK(type1("3rd") == TXT_TOK_WORD);
	CHECK_STR(toks("in 2025, 40% rose."), "in|2025|40|rose");
	CHECK_STR(toks("1. 2, 3.x"), "1|2|3|x");
}

TEST(urls)
{
	CHECK_STR(toks("see https://www.Example.com/Path?q=1&b=2."),
		  "see|https://www.example.com/Path?q=1&b=2");
	CHECK_STR(toks("(http://x.org/a_(b)) WWW.Site.ORG/X, ok"),
		  "http://x.org/a_(b)|www.site.org/X|ok");
	CHECK(type1("http://example.com") == TXT_TOK_URL);
	CHECK(type1("www.example.com") == TXT_TOK_URL);
	CHECK_STR(toks("http:// x"), "http|x");
}

TEST(emails_mentions_hashtags)
{
	CHECK_STR(toks("mail John.Smith+news@Example.co.uk, now"),
		  "mail|john.smith+news@example.co.uk|now");
	CHECK(type1("a@b.org") == TXT_TOK_EMAIL);
	CHECK_STR(toks("not@email x@y"), "not|@email|x|@y");
	CHECK_STR(toks("@Jack_B said #AñoNuevo #2025 # @"), "@jack_b|said|#añonuevo|#2025");
	CHECK(type1("@someone") == TXT_TOK_MENTION);
	CHECK(type1("#tag") == TXT_TOK_HASHTAG);
}

TEST(punctuation)
{
	CHECK_STR(toks("Hello, world! (yes) \"no\" — ok…"), "hello|world|yes|no|ok");
	txt_tok_opts o = {.keep_punct = 1};
	CHECK_STR(run(&o, "Hi, you! «ok» ＠", 0), "hi|,|you|!|«|ok|»|@");
	txt_tok *t = txt_tok_new(&o);
	txt_tok_start(t, "a.", 2);
	txt_token tk;
	CHECK(txt_tok_next(t, &tk) && txt_tok_next(t, &tk) && tk.type == TXT_TOK_PUNCT);
	txt_tok_free(t);
}

TEST(breaks)
{
	CHECK_STR(brks("one two\nthree"), "one|two|^three");
	CHECK_STR(brks("End. Next! Why? So; on"), "end|^next|^why|^so|^on");
	CHECK_STR(brks("Mr. Smith met Gen. Lee and Dr. Who"), "mr|smith|met|gen|lee|and|dr|who");
	CHECK_STR(brks("the U.S. government and the U.S. Army"),
		  "the|u.s.|government|and|the|u.s.|army");
	CHECK_STR(brks("John F. Kennedy at 9 a.m. today"), "john|f|kennedy|at|9|a.m.|today");
	CHECK_STR(brks("It cost 5.93 dollars. Then"), "it|cost|5.93|dollars|^then");
	/* every listed abbreviation, any case; near misses end the sentence */
	CHECK_STR(brks("MESSRS. A Sept. 5 approx. 9 vs. B etc. C Adm. D"),
		  "messrs|a|sept|5|approx|9|vs|b|etc|c|adm|d");
	CHECK_STR(brks("Messrsx. A Sepq. B ms. C mx. D ab. E"), "messrsx|^a|sepq|^b|ms|c|mx|^d|ab|^e");
	CHECK_STR(brks("the N.A.T.O. said"), "the|n.a.t.o.|said");
	/* after a dotted abbreviation, as slant-split: only before a sentence start */
	CHECK_STR(brks("in the U.S. The next"), "in|the|u.s.|^the|next");
	CHECK_STR(brks("in the U.S. Army said"), "in|the|u.s.|army|said");
	CHECK_STR(brks("word\r\n\r\nword"), "word|^word");
	CHECK_STR(brks("a\xE2\x80\xA8" "b"), "a|^b"); /* U+2028 line separator */
	CHECK_STR(brks("yes。no"), "yes|^no");
	/* the boundary survives dropped punctuation and stopwords */
	txt_tok_opts o = {.stop = txt_stop_load("en")};
	CHECK(o.stop != NULL);
	CHECK_STR(run(&o, "cats. The dogs", 1), "cats|^dogs");
	txt_stop_free((txt_stop *)o.stop);
	/* with kept punctuation the boundary comes after the mark */
	txt_tok_opts p = {.keep_punct = 1};
	CHECK_STR(run(&p, "a. b", 1), "a|.|^b");
	/* the first token of a text has brk set */
	txt_tok *t = txt_tok_new(NULL);
	txt_token tk;
	txt_tok_start(t, "  x", 3);
	CHECK(txt_tok_next(t, &tk) && tk.brk == 1);
	txt_tok_free(t);
}

/* Dotted abbreviations: one token with their dots, by one rule with
 * text_sent (runs of one or two letters, each with its dot). */
TEST(dotted_abbreviations)
{
	CHECK_STR(toks("U.S. U.K. e.g. i.e. a.m. Ph.D. EE.UU. z.B. W.Va."),
		  "u.s.|u.k.|e.g.|i.e.|a.m.|ph.d.|ee.uu.|z.b.|w.va.");
	/* not one: a single run, a run of three letters, no last dot */
	CHECK_STR(toks("etc. NJ.com. U.S.A U.S"), "etc|nj|com|u|s|a|u|s");
	CHECK_STR(toks("U.S.-led (U.S.), \"U.S.\""), "u.s.|led|u.s.|u.s.");
	CHECK(type1("U.S.") == TXT_TOK_WORD);
	CHECK(txt_sent_dotted_len("U.S. x", 6) == 4);
	CHECK(txt_sent_dotted_len("U.S.A", 5) == 0);
	CHECK(txt_sent_dotted_len("Mr. X", 5) == 0);
	/* a sentence ends after one exactly where slant-split ends it */
	static const char *const texts[] = {
		"in the U.S. The next", "in the U.S. Army said", "at 9 a.m. He left",
		"see e.g. \"Why\" he", "the U.K.) But then", "the EE.UU. el lunes", "U.S. Capitol",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		txt_span *sp;
		size_t ns = txt_sent_split(texts[i], strlen(texts[i]), &sp), sents = 0;
		free(sp);
		txt_tok *t = txt_tok_new(NULL);
		txt_token tk;
		txt_tok_start(t, texts[i], strlen(texts[i]));
		while (txt_tok_next(t, &tk))
			sents += (tk.brk & TXT_BRK_SENT) != 0;
		txt_tok_free(t);
		CHECK(ns == sents);
	}
}

/* A removed token leaves a gap (TXT_BRK_GAP) that n-grams do not cross:
 * dropped punctuation and stopwords, as quanteda's padding = TRUE. */
TEST(gaps)
{
	CHECK_STR(brks("Hello, world (yes) \"no\" x--y it's 'quoted' ok"),
		  "hello|~world|~yes|~no|~x|~y|it's|~quoted|~ok");
	CHECK_STR(brks("5 % and $5 rose: 3"), "5|~and|~5|rose|~3");
	/* an abbreviation's dot, an initial's, or a dotted one's: no gap */
	CHECK_STR(brks("Mr. Smith and John F. Kennedy, U.S. troops"),
		  "mr|smith|and|john|f|kennedy|~u.s.|troops");
	/* a hyphen between a token and a word joins: split hyphens, U.S.-led */
	txt_tok_opts sh = {.split_hyphens = 1};
	CHECK_STR(run(&sh, "drone-strike U.S.-led a - b c-", 1), "drone|strike|u.s.|led|a|~b|c");
	/* non-ASCII punctuation too */
	CHECK_STR(brks("sí — no «ya» fin…ok"), "sí|~no|~ya|~fin|^ok");
	/* with punctuation kept, there is nothing removed */
	txt_tok_opts kp = {.keep_punct = 1};
	CHECK_STR(run(&kp, "a, b", 1), "a|,|b");
	/* stopwords: the issue's sentences and their Spanish twin */
	txt_stop *en = txt_stop_load("en"), *es = txt_stop_load("es");
	CHECK(en && es);
	if (!en || !es)
		return;
	txt_tok_opts o = {.stop = en};
	CHECK_STR(run(&o, "nor can we allow an intervention", 1), "allow|~intervention");
	CHECK_STR(run(&o, "we do not accept any intervention", 1), "accept|~intervention");
	CHECK_STR(run(&o, "We allow intervention.", 1), "allow|intervention");
	txt_tok_opts s = {.stop = es, .stem = "spanish"};
	CHECK_STR(run(&s, "Las medidas de intervención no son bienvenidas", 1),
		  "med|~intervencion|~bienven");
	/* a stopword after a sentence end keeps the boundary */
	CHECK_STR(run(&o, "cats. The dogs", 1), "cats|^dogs");
	txt_stop_free(en);
	txt_stop_free(es);
}

TEST(offsets)
{
	const char *s = "  Ｆｕｌｌ don’t, www.x.com. #Tag";
	txt_tok *t = txt_tok_new(NULL);
	txt_tok_start(t, s, strlen(s));
	txt_token tk;
	const char *want[] = {"Ｆｕｌｌ", "don’t", "www.x.com", "#Tag"};
	size_t i = 0;
	while (txt_tok_next(t, &tk)) {
		CHECK(i < 4);
		if (i >= 4)
			break;
		CHECK(tk.end - tk.start == strlen(want[i]));
		CHECK(memcmp(s + tk.start, want[i], strlen(want[i])) == 0);
		CHECK(tk.len == strlen(tk.s));
		i++;
	}
	CHECK(i == 4);
	txt_tok_free(t);
}

TEST(invalid_utf8_and_empty)
{
	CHECK_STR(toks(""), "");
	CHECK_STR(toks("   \n\t "), "");
	CHECK_STR(toks("ab\xFF" "cd \xC3 ef\xE2\x82gh\xED\xA0\x80ij"), "ab|cd|ef|gh|ij");
	CHECK_STR(toks("\xC3"), "");
	CHECK_STR(toks("x\xF0\x9F"), "x");
	/* NUL bytes are separators too (texts are byte ranges) */
	txt_tok *t = txt_tok_new(NULL);
	txt_tok_start(t, "a\0b", 3);
	txt_token tk;
	CHECK(txt_tok_next(t, &tk) && strcmp(tk.s, "a") == 0);
	CHECK(txt_tok_next(t, &tk) && strcmp(tk.s, "b") == 0 && tk.start == 2);
	CHECK(!txt_tok_next(t, &tk));
	txt_tok_free(t);
}

TEST(long_tokens)
{
	static char big[100001];
	memset(big, 'A', 100000);
	txt_tok *t = txt_tok_new(NULL);
	txt_tok_start(t, big, 100000);
	txt_token tk;
	CHECK(txt_tok_next(t, &tk) && tk.len == 100000 && tk.s[0] == 'a' && tk.s[99999] == 'a');
	memset(big, 'e', 100000);
	memcpy(big, "\xC3\x89", 2);
	txt_tok_start(t, big, 100000);
	CHECK(txt_tok_next(t, &tk) && tk.len == 100000 && memcmp(tk.s, "é", 2) == 0);
	txt_tok_free(t);
}

TEST(stopwords)
{
	txt_stop *en = txt_stop_load("en");
	txt_stop *es = txt_stop_load("es");
	CHECK(en && es);
	if (!en || !es)
		return;
	CHECK_STR(txt_stop_name(en), "en");
	CHECK(txt_stop_has(en, "the", 3));
	CHECK(txt_stop_has(en, "don't", 5));
	CHECK(!txt_stop_has(en, "president", 9));
	CHECK(txt_stop_has(es, "el", 2));
	CHECK(txt_stop_has(es, "él", strlen("él")));
	CHECK(!txt_stop_has(es, "presidenta", 10));
	txt_tok_opts o = {.stop = en};
	CHECK_STR(run(&o, "The President DON’T say it", 0), "president|say");
	o.stop = es;
	CHECK_STR(run(&o, "El presidente de MÉXICO y la ONU", 0), "presidente|méxico|onu");
	txt_tok *t = txt_tok_new(&o);
	CHECK(strstr(txt_tok_describe(t), "stop=es") != NULL);
	txt_tok_free(t);
	txt_stop_free(en);
	txt_stop_free(es);
	txt_stop_free(NULL);
}

TEST(stopword_files)
{
	char path[] = "/tmp/slant-stop-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("# comment\n  WORD  \nCafé # trailing comment\n\nＦｕｌｌ\n", f);
	fclose(f);
	txt_stop *s = txt_stop_load(path);
	CHECK(s != NULL);
	CHECK(txt_stop_has(s, "word", 4));
	CHECK(txt_stop_has(s, "café", strlen("café")));
	CHECK(txt_stop_has(s, "full", 4));
	CHECK(!txt_stop_has(s, "comment", 7));
	txt_stop_free(s);
	f = fopen(path, "w");
	fputs("ok\nbad\xFF\n", f);
	fclose(f);
	CHECK(txt_stop_load(path) == NULL);
	CHECK(strstr(txt_err(), ":2:") != NULL);
	f = fopen(path, "w"); /* a NUL would cut "the" to "t" silently */
	fwrite("ok\nt\0he\n", 1, 8, f);
	fclose(f);
	CHECK(txt_stop_load(path) == NULL);
	CHECK(strstr(txt_err(), path) && strstr(txt_err(), ":2: NUL byte") != NULL);
	remove(path);
	CHECK(txt_stop_load("/nonexistent/stop.txt") == NULL);
	CHECK(strstr(txt_err(), "/nonexistent/stop.txt") != NULL);
	/* a bare name that is no shipped list but an existing file is the file */
	char cwdname[] = "slant-stop-test-XXXXXX";
	int cfd = mkstemp(cwdname);
	CHECK(cfd >= 0);
	if (cfd >= 0) {
		CHECK(write(cfd, "zebra\n", 6) == 6);
		close(cfd);
		s = txt_stop_load(cwdname);
		CHECK(s && txt_stop_has(s, "zebra", 5));
		txt_stop_free(s);
		remove(cwdname);
	}
	CHECK(txt_stop_load("xx") == NULL);
	CHECK(strstr(txt_err(), "unknown stopword list 'xx'") != NULL);
}

TEST(stemming)
{
	txt_tok_opts o = {.stem = "english"};
	CHECK_STR(run(&o, "Running strikes connected 5.93 https://x.com/Runs", 0),
		  "run|strike|connect|5.93|https://x.com/Runs");
	o.stem = "spanish";
	CHECK_STR(run(&o, "presidentes ataques", 0), "president|ataqu");
	txt_tok *t = txt_tok_new(&o);
	CHECK(strstr(txt_tok_describe(t), "stem=spanish") != NULL);
	txt_tok_free(t);
	int has_english = 0;
	for (const char **l = txt_tok_stem_langs(); *l; l++)
		has_english |= strcmp(*l, "english") == 0;
	CHECK(has_english);
}

TEST(stemming_unknown_language)
{
	txt_tok_opts o = {.stem = "klingon"};
	CHECK(txt_tok_new(&o) == NULL);
	CHECK(strstr(txt_err(), "klingon") != NULL);
	CHECK(strstr(txt_err(), "english") != NULL);
	CHECK(strstr(txt_err(), "spanish") != NULL);
}

TEST(describe)
{
	txt_tok *t = txt_tok_new(NULL);
	CHECK_STR(txt_tok_describe(t), "fold=nfkc_cf hyphens=keep punct=drop stem=none stop=none");
	txt_tok_free(t);
	txt_tok_opts o = {.split_hyphens = 1, .keep_punct = 1, .no_fold = 1};
	t = txt_tok_new(&o);
	CHECK_STR(txt_tok_describe(t), "fold=none hyphens=split punct=keep stem=none stop=none");
	txt_tok_free(t);
	txt_tok_free(NULL);
}

TEST(reuse_across_texts)
{
	txt_tok *t = txt_tok_new(NULL);
	txt_token tk;
	txt_tok_start(t, "Mr", 2);
	CHECK(txt_tok_next(t, &tk));
	/* a new text does not inherit the previous text's last token */
	txt_tok_start(t, ". x", 3);
	CHECK(txt_tok_next(t, &tk) && strcmp(tk.s, "x") == 0 && tk.brk == 1);
	CHECK(!txt_tok_next(t, &tk));
	CHECK(!txt_tok_next(t, &tk));
	txt_tok_free(t);
}

static size_t diff_tokens(const txt_tok_opts *o, const char *text, size_t n, size_t *count)
{
	txt_tok *a = txt_tok_new(o), *b = txt_tok_new(o);
	txt_tok_start(a, text, n);
	txt_tok_start(b, text, n);
	txt_token x, y;
	size_t bad = 0;
	*count = 0;
	for (;;) {
		txt_tok_test_general_only = 0;
		int ga = txt_tok_next(a, &x);
		txt_tok_test_general_only = 1;
		int gb = txt_tok_next(b, &y);
		txt_tok_test_general_only = 0;
		if (ga != gb) {
			bad++;
			break;
		}
		if (!ga)
			break;
		(*count)++;
		if (x.len != y.len || strcmp(x.s, y.s) != 0 || x.type != y.type ||
		    x.brk != y.brk || x.start != y.start || x.end != y.end)
			bad++;
	}
	txt_tok_free(a);
	txt_tok_free(b);
	return bad;
}

/* Tokens by batches (texts cut at several places, so batches and 64-byte
 * blocks end anywhere) against txt_tok_next: text, length and boundary
 * flag (which no_breaks leaves unspecified). */
static size_t batch_diff(const txt_tok_opts *o, const char *text, size_t n)
{
	txt_tok *a = txt_tok_new(o), *b = txt_tok_new(o);
	txt_tok_batch bt = {0};
	size_t bad = 0, cuts[] = {0, 1, 17, 80, 143, 207, 4095, n / 3, n - 65, n - 64, n - 5, n};
	for (size_t c = 0; c + 1 < sizeof cuts / sizeof *cuts; c++) {
		const char *s = text + cuts[c];
		size_t len = cuts[c + 1] - cuts[c];
		txt_tok_start(a, s, len);
		txt_tok_start(b, s, len);
		txt_token x;
		size_t k;
		while ((k = txt_tok_next_batch(b, &bt)) > 0) {
			for (size_t i = 0; i < k; i++) {
				char tmp[TXT_TOK_SHORT + 1];
				const char *w = txt_tok_batch_text(&bt, i, tmp);
				if (!txt_tok_next(a, &x) || x.len != bt.len[i] || memcmp(x.s, w, x.len) ||
				    w[x.len] != '\0' || (!o->no_breaks && x.brk != bt.brk[i]))
					bad++;
			}
		}
		bad += txt_tok_next(a, &x) != 0;
	}
	txt_tok_batch_free(&bt);
	txt_tok_free(a);
	txt_tok_free(b);
	return bad;
}

/* no_breaks changes brk only, never the tokens. */
static int same_without_breaks(const txt_tok_opts *o, const char *text, size_t n)
{
	txt_tok_opts nb = *o;
	nb.no_breaks = 1;
	txt_tok *a = txt_tok_new(o), *b = txt_tok_new(&nb);
	txt_tok_start(a, text, n);
	txt_tok_start(b, text, n);
	txt_token x, y;
	int same = 1, ga, gb;
	while ((ga = txt_tok_next(a, &x)) & (gb = txt_tok_next(b, &y)))
		same &= x.len == y.len && !strcmp(x.s, y.s) && x.start == y.start;
	same &= ga == gb && !strcmp(txt_tok_describe(a), txt_tok_describe(b));
	txt_tok_free(a);
	txt_tok_free(b);
	return same;
}

/* At least cap bytes of pieces drawn at random (a 64-bit LCG from seed),
 * with a space after about a third of them when spaces is set; *len its
 * length. */
static char *random_text(const char *const *pieces, size_t np, size_t cap, unsigned long seed,
			 int spaces, size_t *len)
{
	size_t n = 0, longest = 0;
	for (size_t i = 0; i < np; i++)
		if (strlen(pieces[i]) > longest)
			longest = strlen(pieces[i]);
	char *text = malloc(cap + longest + 1);
	unsigned long r = seed;
	while (n < cap) {
		r = r * 6364136223846793005UL + 1442695040888963407UL;
		const char *b = pieces[(r >> 33) % np];
		memcpy(text + n, b, strlen(b));
		n += strlen(b);
		if (spaces && (r >> 20) % 3 == 0)
			text[n++] = ' ';
	}
	*len = n;
	return text;
}

/* The fast path for plain words and the general scanner give the same
 * tokens, under every option. */
TEST(fast_path_equals_general_path)
{
	static const char *bits[] = {
		"word", "Word", "WORDS", "x", "1234", "3rd", " ", "  ", "\t", "\n", ".", ". ",
		",", ", ", "!", "?", ";", ":", "'", "’", "-", "--", "\"", "(", ")", "$", "%",
		"@", "#", "don't", "drone-strike", "5.93", "1,000", "U.S.", "Mr.", "a.m.",
		"http://x.org/P", "www.a.com", "j@x.org", "@who", "#tag", "país", "Ｆｕｌｌ",
		"Straße", "\xFF", "\xC3", "…", "—", "ﬁ", "\r\n", "abcdefghijklmnopqrstu",
		"ABCDEFGHIJKLMNO", "0123456789012345", "the", "The", "running", "AND",
		"rock'n'roll", "O'Neill", "it's", "well-known-ish", "a-b-c-d-e-f-g-h-i",
		"self-determination", "covid-19", "x'", "-y", "'90s", "Ph.D.", "EE.UU.", "-led",
		"U.S.A", " - ", "e.g.", "The ",
	};
	size_t n;
	char *text = random_text(bits, sizeof bits / sizeof *bits, 200000, 12345, 1, &n);
	txt_stop *en = txt_stop_load("en");
	CHECK(en != NULL);
	for (int opt = 0; opt < 16; opt++) {
		txt_tok_opts o = {.keep_punct = opt & 1, .split_hyphens = (opt >> 1) & 1,
				  .no_fold = (opt >> 2) & 1, .stop = (opt & 8) ? en : NULL,
				  .stem = (opt & 12) == 12 ? "english" : NULL};
		size_t count;
		CHECK(diff_tokens(&o, text, n, &count) == 0);
		CHECK(count > 10000);
		CHECK(batch_diff(&o, text, n) == 0);
		o.no_breaks = 1;
		CHECK(batch_diff(&o, text, n) == 0);
		o.no_breaks = 0;
		CHECK(same_without_breaks(&o, text, n));
	}
	txt_stop_free(en);
	free(text);
	/* long tokens fill a batch's buffer: plain words after them still fit */
	char *big = malloc(200000);
	size_t m = 0;
	for (int i = 0; m < 190000; i++) {
		size_t k = i % 50 == 7 ? 3000 + (size_t)i : 1 + (size_t)i % 9;
		for (size_t j = 0; j < k; j++)
			big[m++] = (char)('a' + (i + j) % 26);
		big[m++] = i % 13 ? ' ' : '.';
	}
	txt_tok_opts plain = {0};
	CHECK(batch_diff(&plain, big, m) == 0);
	free(big);
}

/* Random bytes (biased toward ASCII and UTF-8 lead bytes), every option:
 * no crash (the SAN build checks memory), offsets in order and in range,
 * every token valid UTF-8 and non-empty. */
TEST(random_bytes)
{
	size_t n = 300000;
	unsigned char *text = malloc(n);
	unsigned long r = 99;
	for (size_t i = 0; i < n; i++) {
		r = r * 6364136223846793005UL + 1442695040888963407UL;
		unsigned v = (unsigned)(r >> 33);
		text[i] = v % 4 ? (unsigned char)" aZ9.'-@#:/\n,x"[v % 15] : (unsigned char)(v >> 8);
	}
	for (int opt = 0; opt < 8; opt++) {
		txt_tok_opts o = {.split_hyphens = opt & 1, .keep_punct = (opt >> 1) & 1,
				  .no_fold = (opt >> 2) & 1, .stem = opt == 3 ? "english" : NULL};
		txt_tok *t = txt_tok_new(&o);
		txt_tok_start(t, (const char *)text, n);
		txt_token tk;
		size_t last = 0, bad = 0, count = 0;
		while (txt_tok_next(t, &tk)) {
			count++;
			if (tk.start < last || tk.end <= tk.start || tk.end > n || tk.len == 0 ||
			    tk.len != strlen(tk.s) || !txt_utf8_valid(tk.s, tk.len))
				bad++;
			last = tk.end;
		}
		CHECK(count > 1000);
		CHECK(bad == 0);
		txt_tok_free(t);
		/* every path gives the same tokens (batches: slant-count; txt_tok_next:
		 * kwic, frame, stance; the general scanner alone) */
		CHECK(batch_diff(&o, (const char *)text, n) == 0);
		CHECK(diff_tokens(&o, (const char *)text, n, &count) == 0);
	}
	free(text);
}

/* Random text from pieces that start or join tokens (words, digits, ' -
 * . @ # : / _ % + , www. http://, spaces), so words, joined words,
 * numbers, URLs and e-mail addresses run into each other in every way:
 * batches, the fast path and the general scanner agree (ab-cd.@x.org is
 * one address for all of them). */
TEST(random_joins)
{
	static const char *const piece[] = {
		"ab", "x", "Cd", "9", "12", "é", " ", " ", "\n", "'", "-", ".", "@", "#", ":",
		"/", "_", "%", "+", ",", "www.", "http://", "’", "ab-cd", "don't", "x.org",
		".@", "@x.org", "a.b.", "1.5", "-x",
	};
	size_t n;
	char *text = random_text(piece, sizeof piece / sizeof *piece, 400000, 7, 0, &n);
	for (int opt = 0; opt < 4; opt++) {
		txt_tok_opts o = {.split_hyphens = opt & 1, .keep_punct = (opt >> 1) & 1};
		size_t count;
		CHECK(batch_diff(&o, text, n) == 0);
		CHECK(diff_tokens(&o, text, n, &count) == 0);
		CHECK(count > 10000);
	}
	free(text);
}

RUN_TESTS(T(random_bytes), T(random_joins), T(fast_path_equals_general_path), T(words_and_folding), T(latin1_fold_matches_utf8proc), T(apostrophes), T(hyphens), T(numbers), T(urls),
	  T(emails_mentions_hashtags), T(punctuation), T(breaks), T(dotted_abbreviations), T(gaps), T(offsets),
	  T(invalid_utf8_and_empty), T(long_tokens), T(stopwords), T(stopword_files),
	  T(stemming), T(stemming_unknown_language), T(describe), T(reuse_across_texts))
