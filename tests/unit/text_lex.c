/* text_lex: the three formats, the matching rule, and errors with FILE:LINE. */
#include "harness.h"
#include "text_err.h"
#include "text_lex.h"

static txt_lex *parse(const char *name, const char *text)
{
	return txt_lex_parse(name, text, strlen(text), TXT_LEX_AUTO, NULL, NULL);
}

/* Count a space-separated token string; returns hits of frame `f`. */
static double count_as(const txt_lex *lx, const char *text, const char *frame, int overlap)
{
	char *copy = strdup(text), *save = NULL;
	const char *tok[64];
	size_t n = 0;
	for (char *w = strtok_r(copy, " ", &save); w && n < 64; w = strtok_r(NULL, " ", &save))
		tok[n++] = w;
	double hits[16] = {0};
	txt_lex_count(lx, tok, NULL, n, overlap, hits);
	double h = -1;
	for (size_t i = 0; i < txt_lex_nframes(lx); i++)
		if (strcmp(txt_lex_frame(lx, i), frame) == 0)
			h = hits[i];
	free(copy);
	return h;
}

static double count(const txt_lex *lx, const char *text, const char *frame)
{
	return count_as(lx, text, frame, TXT_LEX_LONGEST);
}

/* The case: liberty's "freedom" hides "freedom" from rights' free*
 * under the longest-match rule; each frame on its own, both count it.
 * Within one frame nested patterns still count once. */
TEST(overlap_independent)
{
	txt_lex *lx = parse("x.tsv", "liberty\tfreedom\nrights\tfree*\nrights\tfree speech\n"
	                             "crime\tdrug cartel\ncrime\tcartel*\nsecurity\tcartel*\n");
	CHECK(lx != NULL);
	if (!lx)
		return;
	CHECK(count(lx, "freedom of speech", "rights") == 0);
	CHECK(count(lx, "freedom of speech", "liberty") == 1);
	CHECK(count_as(lx, "freedom of speech", "rights", TXT_LEX_INDEPENDENT) == 1);
	CHECK(count_as(lx, "freedom of speech", "liberty", TXT_LEX_INDEPENDENT) == 1);
	CHECK(count_as(lx, "free speech now", "rights", TXT_LEX_INDEPENDENT) == 1);
	CHECK(count_as(lx, "free free speech", "rights", TXT_LEX_INDEPENDENT) == 2);
	/* "drug cartel" is crime's once; security's cartel* matches on its own */
	CHECK(count(lx, "the drug cartel", "security") == 0);
	CHECK(count_as(lx, "the drug cartel", "security", TXT_LEX_INDEPENDENT) == 1);
	CHECK(count_as(lx, "the drug cartel", "crime", TXT_LEX_INDEPENDENT) == 1);
	const char *tok[] = {"free", "speech"};
	CHECK(txt_lex_match_frame(lx, tok, NULL, 2, 0, 1) == 2); /* rights: "free speech" */
	CHECK(txt_lex_match_frame(lx, tok, NULL, 2, 0, 0) == 0); /* liberty: none */
	txt_lex_free(lx);
}

/* txt_lex_scan: the hits txt_lex_count counts, in token order, with their
 * pattern and tokens. */
typedef struct scanned {
	txt_lex_hit h[8];
	size_t n;
} scanned;

static void keep_hit(const txt_lex_hit *h, void *ctx)
{
	scanned *s = ctx;
	if (s->n < 8)
		s->h[s->n++] = *h;
}

TEST(scan_hits)
{
	txt_lex *lx = parse("x.tsv", "crime\tdrug cartel\ncrime\tcartel*\nsecurity\tcartel*\n");
	CHECK(lx != NULL);
	if (!lx)
		return;
	const char *tok[] = {"the", "drug", "cartel", "cartels"};
	scanned s = {0};
	txt_lex_scan(lx, tok, NULL, 4, TXT_LEX_INDEPENDENT, keep_hit, &s);
	/* crime: "drug cartel" (1-2), cartel* (3); security: cartel* (2), (3) */
	CHECK(s.n == 4);
	CHECK(s.h[0].frame == 0 && s.h[0].first == 1 && s.h[0].ntok == 2 &&
	      strcmp(txt_lex_pattern(lx, s.h[0].pattern), "drug cartel") == 0);
	CHECK(s.h[1].frame == 1 && s.h[1].first == 2 && s.h[1].ntok == 1 &&
	      strcmp(txt_lex_pattern(lx, s.h[1].pattern), "cartel*") == 0);
	CHECK(s.h[2].frame == 0 && s.h[2].first == 3 && s.h[3].frame == 1 && s.h[3].first == 3);
	s.n = 0;
	txt_lex_scan(lx, tok, NULL, 4, TXT_LEX_LONGEST, keep_hit, &s);
	/* "drug cartel" takes token 2 from security; cartel* at 3 counts for both */
	CHECK(s.n == 3 && s.h[0].frame == 0 && s.h[0].ntok == 2 && s.h[1].first == 3 &&
	      s.h[1].frame == 0 && s.h[2].frame == 1 && s.h[1].pattern == s.h[2].pattern);
	CHECK(txt_lex_pattern(lx, txt_lex_npatterns(lx)) == NULL);
	txt_lex_free(lx);
}

static const char tsv[] =
	"# intervention frames\n"
	"frame\tpattern\n"
	"crime\tcartel*\n"
	"crime\tdrug cartel\n"
	"military\tstrike*\n"
	"military\tmilitary strikes\n"
	"sovereignty\tSovereign*\n"
	"\n"
	"crime\tcartel*\n"
	"military\tcartel*\n"
	"sovereignty\t*determination\n";

TEST(tsv_parse)
{
	txt_lex *lx = parse("f.tsv", tsv);
	CHECK(lx != NULL);
	if (!lx)
		return;
	CHECK(txt_lex_nframes(lx) == 3);
	CHECK_STR(txt_lex_frame(lx, 0), "crime");
	CHECK(txt_lex_npatterns(lx) == 6); /* the repeated cartel* merged */
	txt_lex_free(lx);
}

TEST(longest_match_wins)
{
	txt_lex *lx = parse("f.tsv", tsv);
	if (!lx)
		return;
	/* "military strikes" is one military hit, not two; "drug cartel" one crime
	 * hit; "cartels" alone counts for crime and military (listed in both). */
	CHECK(count(lx, "the military strikes on a drug cartel", "military") == 1);
	CHECK(count(lx, "the military strikes on a drug cartel", "crime") == 1);
	CHECK(count(lx, "cartels strike", "military") == 2);
	CHECK(count(lx, "cartels strike", "crime") == 1);
	CHECK(count(lx, "sovereignty and self-determination", "sovereignty") == 2);
	CHECK(count(lx, "nothing here", "crime") == 0);
	txt_lex_free(lx);
}

TEST(glob)
{
	CHECK(txt_lex_glob("econom*", "economy"));
	CHECK(txt_lex_glob("*ism", "terrorism"));
	CHECK(txt_lex_glob("a*b*c", "aXXbYc"));
	CHECK(!txt_lex_glob("a*b*c", "aXXbY"));
	CHECK(txt_lex_glob("war", "war") && !txt_lex_glob("war", "wars"));
}

TEST(liwc_dic)
{
	static const char dic[] =
		"%\n1\tposemo\n2\tnegemo\n%\nhapp*\t1\nsad\t2\nbittersweet\t1\t2\nkind of\t1\n";
	txt_lex *lx = parse("x.dic", dic);
	CHECK(lx != NULL);
	if (!lx)
		return;
	CHECK(txt_lex_nframes(lx) == 2);
	CHECK(count(lx, "happy and sad but bittersweet", "posemo") == 2);
	CHECK(count(lx, "happy and sad but bittersweet", "negemo") == 2);
	CHECK(count(lx, "kind of", "posemo") == 1);
	txt_lex_free(lx);
}

TEST(yaml)
{
	static const char y[] =
		"# quanteda dictionary\n"
		"economy:\n"
		"  trade:\n"
		"    - tariff*\n"
		"    - 'free trade'   # a phrase\n"
		"  jobs: [job*, employment]\n"
		"security:\n"
		"- border\n";
	txt_lex *lx = parse("d.yml", y);
	CHECK(lx != NULL);
	if (!lx)
		return;
	CHECK(txt_lex_nframes(lx) == 3);
	CHECK_STR(txt_lex_frame(lx, 0), "economy.trade");
	CHECK_STR(txt_lex_frame(lx, 1), "economy.jobs");
	CHECK(count(lx, "free trade and tariffs at the border", "economy.trade") == 2);
	CHECK(count(lx, "jobs jobs employment", "economy.jobs") == 3);
	CHECK(count(lx, "border", "security") == 1);
	txt_lex_free(lx);
}

static void bad(const char *name, const char *text, const char *want)
{
	txt_lex *lx = parse(name, text);
	CHECK(lx == NULL);
	if (lx) {
		txt_lex_free(lx);
		return;
	}
	if (!strstr(txt_err(), want)) {
		printf("FAIL %s: message '%s' lacks '%s'\n", h_current, txt_err(), want);
		h_failed_checks++;
	}
}

TEST(errors_name_file_and_line)
{
	bad("a.tsv", "crime\tcartel\njust one field\n", "a.tsv:2: expected frame<TAB>pattern");
	bad("a.tsv", "crime\tcartel\tx\n", "a.tsv:1: expected frame<TAB>pattern");
	bad("a.tsv", "# c\n\ncrime\t*\n", "a.tsv:3: empty pattern");
	bad("a.tsv", "crime\t\n", "a.tsv:1: empty frame or pattern");
	bad("a.tsv", "# only comments\n", "a.tsv: no patterns");
	bad("b.dic", "%\n1\tpos\n%\nhappy\t7\n", "b.dic:4: unknown category 7");
	bad("b.dic", "%\n1\tpos\n%\nhappy\t1x\n", "b.dic:4: bad category number");
	bad("b.dic", "%\npos\n%\n", "b.dic:2: expected 'NUMBER<TAB>name'");
	bad("b.dic", "happy\t1\n", "b.dic:1: expected '%'");
	bad("b.dic", "%\n1\tpos\n", "b.dic: no '%'");
	bad("c.yml", "a:\n  - x\n  bogus line\n", "c.yml:3: expected 'key:'");
	bad("c.yml", "- x\n", "c.yml:1: list item outside a key");
	bad("c.yml", "a: [x, y\n", "c.yml:1: unterminated '['");
	bad("c.yml", "a:\n\t- x\n", "c.yml:2: tab in indentation");
	/* a category number defined twice: its words would count for one only */
	bad("d.dic", "%\n1\teconomy\n1\tcrime\n%\ntrade\t1\n", "d.dic:3: category 1 defined twice (first at line 2)");
	bad("d.dic", "%\n01\teconomy\n2\tjobs\n1\tcrime\n%\n", "d.dic:4: category 1 defined twice");
}

/* A NUL byte in a lexicon of any format is an error with FILE:LINE, not a
 * pattern cut short at it. */
TEST(nul_byte_is_an_error)
{
	static const struct { const char *name, *text; size_t len; const char *want; } c[] = {
		{"n.tsv", "crime\tcartel\nfear\tinva\0sion\n", 28, "n.tsv:2: NUL byte"},
		{"n.dic", "%\n1\tcrime\n%\ncar\0tel\t1\n", 22, "n.dic:4: NUL byte"},
		{"n.yml", "crime:\n  - car\0tel\n", 19, "n.yml:2: NUL byte"},
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		txt_lex *lx = txt_lex_parse(c[i].name, c[i].text, c[i].len, TXT_LEX_AUTO, NULL, NULL);
		CHECK(lx == NULL);
		txt_lex_free(lx);
		CHECK(strstr(txt_err(), c[i].want) != NULL);
	}
}

TEST(no_match_across_breaks)
{
	txt_lex *lx = parse("f.tsv", tsv);
	if (!lx)
		return;
	const char *tok[] = {"drug", "cartel"};
	unsigned char brk[] = {1, 1};
	double hits[3] = {0};
	txt_lex_count(lx, tok, brk, 2, TXT_LEX_LONGEST, hits); /* "drug." "Cartel": two words, no phrase */
	const uint32_t *f;
	size_t nf;
	CHECK(txt_lex_match(lx, tok, brk, 2, 0, &f, &nf) == 0); /* no single "drug" pattern */
	CHECK(txt_lex_match(lx, tok, NULL, 2, 0, &f, &nf) == 2);
	CHECK(hits[0] == 1); /* crime: "cartel" alone */
	txt_lex_free(lx);
}

RUN_TESTS(T(overlap_independent), T(scan_hits), T(no_match_across_breaks), T(tsv_parse), T(longest_match_wins), T(glob), T(liwc_dic), T(yaml),
          T(errors_name_file_and_line), T(nul_byte_is_an_error))
