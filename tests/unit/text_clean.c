/* Unit tests for text_clean: one test per rule, on text written for them. */
#include "harness.h"
#include "text_clean.h"
#include "text_clean_int.h"
#include "text_err.h"

static txt_clean *cl;

static int rule_of(const char *s)
{
	return txt_clean_line(cl, s, strlen(s), "en", 0);
}

static const char *name_of(const char *s)
{
	return txt_clean_rule_name(rule_of(s));
}

TEST(rule_names)
{
	CHECK_STR(txt_clean_rule_name(TXT_CLEAN_KEEP), "keep");
	CHECK(txt_clean_rule_lookup("cta") == TXT_CLEAN_CTA);
	CHECK(txt_clean_rule_lookup("nope") == -1);
	CHECK(txt_clean_rule_name(TXT_CLEAN_NRULES) == NULL);
	for (int r = 1; r < TXT_CLEAN_NRULES; r++)
		CHECK(txt_clean_rule_lookup(txt_clean_rule_name(r)) == r);
}

TEST(body_sentences_kept)
{
	CHECK_STR(name_of("The harbour authority reopened the northern quay on Friday."), "keep");
	CHECK_STR(name_of("Fishermen said the storm was the worst in a decade."), "keep");
	/* short but a sentence with a verb, or a quotation: never dropped for length */
	CHECK_STR(name_of("Prices rose."), "keep");
	CHECK_STR(name_of("\xE2\x80\x9CNever again\xE2\x80\x9D"), "keep");
	CHECK_STR(name_of("\"No deal,\" she said"), "keep");
	/* body sentences that mention chrome words */
	CHECK_STR(name_of("Shares in the ferry company fell after the comments were published."), "keep");
	CHECK_STR(name_of("The minister shared a video of the flooded square on Tuesday."), "keep");
}

TEST(rule_short)
{
	CHECK_STR(name_of("Weather"), "short");
	CHECK_STR(name_of("Contact the newsroom"), "short");
	CHECK_STR(name_of("Regional councils and harbour boards of the south coast"), "short");
	/* a headline-like line with a verb stays */
	CHECK_STR(name_of("Council votes to close the northern quay after storm"), "keep");
}

TEST(rule_symbols)
{
	CHECK_STR(name_of("* * *"), "symbols");
	CHECK_STR(name_of("\xE2\x80\x94"), "symbols");
}

TEST(rule_menu)
{
	CHECK_STR(name_of("World | Business | Sport | Culture"), "menu");
	CHECK_STR(name_of("News \xC2\xBB Regions \xC2\xBB The North Coast"), "menu");
	CHECK_STR(name_of("Politics Economy Science Travel Opinion Video"), "menu");
	CHECK_STR(name_of("Your Daily Source For Weather, Traffic, Sport And Local Events"), "menu");
}

TEST(rule_link)
{
	CHECK_STR(name_of("https://example.org/news/harbour-2031"), "link");
	CHECK_STR(name_of("Tips: desk@example.org @harbourdesk"), "link");
	CHECK_STR(name_of("Full report at www.example.org/report"), "link");
	/* a sentence that cites an address stays */
	CHECK_STR(name_of("The council published the full list of closures on its website, "
	                  "www.example.org, late on Thursday evening."),
	          "keep");
}

TEST(rule_cta_english)
{
	CHECK_STR(name_of("Share this story"), "cta");
	CHECK_STR(name_of("Subscribe to our morning briefing."), "cta");
	CHECK_STR(name_of("Sign up for free alerts"), "cta");
	CHECK_STR(name_of("Read more: how the quay was built"), "cta");
	CHECK_STR(name_of("Follow us on social media"), "cta");
	CHECK_STR(name_of("Comments are moderated and may take a day to appear."), "cta");
	CHECK_STR(name_of("Advertisement"), "cta");
	CHECK_STR(name_of("This website uses cookies to improve your experience."), "cta");
	CHECK_STR(name_of("Leave a comment"), "cta");
	CHECK_STR(name_of("Comments are closed for this story."), "cta");
	CHECK_STR(name_of("You may also like"), "cta");
}

TEST(rule_cta_spanish)
{
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, "Suscríbete a nuestro boletín", 29, "es", 0)),
	          "cta");
	const char *s = "Utilizamos cookies propias y de terceros para mejorar el servicio.";
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, s, strlen(s), "es", 0)), "cta");
	s = "Lee también: el puerto vuelve a abrir";
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, s, strlen(s), "es", 0)), "cta");
	s = "Publicidad";
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, s, strlen(s), "es", 0)), "cta");
	s = "Ir al contenido";
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, s, strlen(s), "es", 0)), "cta");
	s = "Este contenido es exclusivo para suscriptores";
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, s, strlen(s), "es", 0)), "cta");
	/* a Spanish standfirst with a future-tense verb stays */
	s = "La obra, de 40 millones de euros, durará tres años";
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, s, strlen(s), "es", 0)), "keep");
	s = "Deja un comentario";
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, s, strlen(s), "es", 0)), "cta");
}

TEST(rule_byline)
{
	CHECK_STR(name_of("By Jane Ortega and Tom Field"), "byline");
	CHECK_STR(name_of("Maria Lopez Avatar"), "byline");
	CHECK_STR(name_of("March 3, 2031 10:42 GMT"), "byline");
	CHECK_STR(name_of("Photo: Harbour Authority"), "byline");
	CHECK_STR(name_of("Updated 4 hours ago"), "byline");
	CHECK_STR(name_of("5 min read"), "byline");
	const char *bio = "Ana Ruiz is a senior correspondent covering ports and shipping.";
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, bio, strlen(bio), "en", 1)), "byline");
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, bio, strlen(bio), "en", 0)), "byline");
	/* a long body sentence of the same shape is kept unless at the end */
	bio = "Ana Ruiz is a senior correspondent who was expelled from the country in 2029 "
	      "after reporting on the smuggling routes along the river.";
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, bio, strlen(bio), "en", 0)), "keep");
}

TEST(rule_footer)
{
	CHECK_STR(name_of("\xC2\xA9 2031 Harbour Times Ltd"), "footer");
	CHECK_STR(name_of("All rights reserved."), "footer");
	CHECK_STR(name_of("Privacy Policy"), "footer");
	CHECK_STR(name_of("Harbour Times Logo"), "footer");
}

TEST(rule_lang)
{
	const char *es = "Si quieres seguir leyendo, activa tu cuenta en este dispositivo.";
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, es, strlen(es), "en", 0)), "lang");
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, es, strlen(es), "es", 0)), "keep");
	const char *en = "The ferry will not run on Sunday because of the storm.";
	CHECK_STR(txt_clean_rule_name(txt_clean_line(cl, en, strlen(en), "es", 0)), "lang");
}

TEST(language_guess)
{
	const char *en = "The mayor said that the port would reopen in the spring.";
	const char *es = "El alcalde dijo que el puerto volverá a abrir en la primavera.";
	CHECK_STR(txt_clean_lang(en, strlen(en)), "en");
	CHECK_STR(txt_clean_lang(es, strlen(es)), "es");
	CHECK(txt_clean_lang("Harbour", 7) == NULL);
}

TEST(verbs)
{
	CHECK(txt_clean_has_verb("Mayor rejects plan", 18));
	CHECK(txt_clean_has_verb("Dockers walked out", 18));
	CHECK(!txt_clean_has_verb("Latest News", 11));
	CHECK(txt_clean_has_verb("El alcalde rechazó el plan", 27));
}

static txt_clean_result doc(const txt_clean *c, const char *src, const char *text)
{
	txt_clean_result r;
	txt_clean_doc(c, src, text, strlen(text), &r);
	return r;
}

TEST(rule_title_and_dup)
{
	const char *t = "Home / Coast\n\nStorm closes northern quay\nStorm closes northern quay\n"
	                "The quay was closed on Friday after waves damaged the wall.\n";
	txt_clean_result r = doc(cl, "a", t);
	CHECK_STR(r.title, "Storm closes northern quay");
	CHECK(r.rule[0] == TXT_CLEAN_MENU);
	CHECK(r.rule[2] == TXT_CLEAN_TITLE);
	CHECK(r.rule[3] == TXT_CLEAN_DUP);
	CHECK_STR(r.text, "The quay was closed on Friday after waves damaged the wall.");
	CHECK(r.kept == 1 && r.dropped == 3);
	CHECK_STR(r.lang, "en");
	txt_clean_result_free(&r);
	/* a document that starts with a sentence has no title */
	r = doc(cl, "a", "The quay was closed on Friday.\nIt reopens in May.");
	CHECK_STR(r.title, "");
	CHECK(r.kept == 2);
	txt_clean_result_free(&r);
}

TEST(title_after_navigation)
{
	const char *t = "Skip to main content\nNews\nSport\nLocal news, weather and sport for the coast\n"
	                "Dockers strike shuts two terminals\nOctober 4, 2031 10:12 GMT\n"
	                "Dockers at the two largest terminals stayed off the job on Thursday.";
	txt_clean_result r = doc(cl, NULL, t);
	CHECK_STR(r.title, "Dockers strike shuts two terminals");
	CHECK(r.rule[5] == TXT_CLEAN_BYLINE);
	CHECK_STR(r.text, "Dockers at the two largest terminals stayed off the job on Thursday.");
	txt_clean_result_free(&r);
}

TEST(rule_repeat)
{
	txt_clean *c = txt_clean_new();
	const char *d1 = "Tide tables were printed in the Harbour Times.\nThe quay opened.";
	const char *d2 = "Tide tables were printed in the Harbour Times.\nThe quay closed.";
	const char *d3 = "Tide tables were printed in the Harbour Times.\nThe quay flooded.";
	txt_clean_observe(c, "times", d1, strlen(d1));
	txt_clean_observe(c, "times", d2, strlen(d2));
	txt_clean_observe(c, "times", d3, strlen(d3));
	txt_clean_result r = doc(c, "times", d2);
	CHECK(r.rule[0] == TXT_CLEAN_REPEAT);
	CHECK_STR(r.text, "The quay closed.");
	txt_clean_result_free(&r);
	/* a repeated site name above the headline does not hide the title */
	const char *d5 = "HARBOUR TIMES\nQuay closes after storm\nThe quay closed.\nIt reopens soon.";
	for (int i = 0; i < 3; i++)
		txt_clean_observe(c, "times", "HARBOUR TIMES\nx", 15);
	r = doc(c, "times", d5);
	CHECK(r.rule[0] == TXT_CLEAN_REPEAT);
	CHECK_STR(r.title, "Quay closes after storm");
	txt_clean_result_free(&r);
	/* another source does not share the counts */
	r = doc(c, "gazette", d2);
	CHECK(r.rule[0] == TXT_CLEAN_KEEP);
	txt_clean_result_free(&r);
	/* below the threshold */
	CHECK(txt_clean_needs_corpus(c));

	txt_clean_set_repeat_min(c, 4);
	r = doc(c, "times", d2);
	CHECK(r.rule[0] == TXT_CLEAN_KEEP);
	txt_clean_result_free(&r);
	txt_clean_free(c);
}

TEST(repeat_spares_copied_articles)
{
	/* an article published three times is not chrome */
	txt_clean *c = txt_clean_new();
	const char *d = "Tide tables were printed in the Harbour Times.\nThe quay flooded.";
	for (int i = 0; i < 3; i++)
		txt_clean_observe(c, "times", d, strlen(d));
	txt_clean_result r = doc(c, "times", d);
	CHECK(r.rule[0] == TXT_CLEAN_KEEP && r.rule[1] == TXT_CLEAN_KEEP);
	txt_clean_result_free(&r);
	txt_clean_free(c);
}

TEST(disable_rules)
{
	txt_clean *c = txt_clean_new();
	txt_clean_enable(c, TXT_CLEAN_SHORT, 0);
	CHECK(txt_clean_line(c, "Weather", 7, "en", 0) == TXT_CLEAN_KEEP);
	txt_clean_enable(c, TXT_CLEAN_CTA, 0);
	CHECK(txt_clean_line(c, "Share this story", 16, "en", 0) == TXT_CLEAN_KEEP);
	txt_clean_enable(c, TXT_CLEAN_TITLE, 0);
	txt_clean_result r = doc(c, NULL, "Storm closes northern quay\nThe wall broke.");
	CHECK_STR(r.title, "");
	CHECK_STR(r.text, "Storm closes northern quay\nThe wall broke.");
	txt_clean_result_free(&r);
	txt_clean_enable(c, TXT_CLEAN_REPEAT, 0);
	CHECK(!txt_clean_needs_corpus(c));
	txt_clean_free(c);
	txt_clean_free(NULL);
	txt_clean_result_free(NULL);
}

TEST(blank_lines_collapse)
{
	txt_clean_result r = doc(cl, NULL, "\n\nThe wall broke.\n\n\n\nShare\n\nIt was old.\n\n");
	CHECK_STR(r.text, "The wall broke.\n\nIt was old.");
	txt_clean_result_free(&r);
	r = doc(cl, NULL, "");
	CHECK_STR(r.text, "");
	CHECK(r.kept == 0 && r.dropped == 0);
	txt_clean_result_free(&r);
}

TEST(invalid_utf8_survives)
{
	const char *s = "The wall \xFF\xFE broke on Friday.";
	CHECK(txt_clean_line(cl, s, strlen(s), "en", 0) == TXT_CLEAN_KEEP);
}

static void setup(void)
{
	cl = txt_clean_new();
}

/* Labels: half the 4-word shingles of a line in the truth (a shorter line:
 * its whole word sequence), -1 for a line without words. */
TEST(labels_from_truth)
{
	const char *text = "Menu\nThe harbour wall gave way on Tuesday night.\n\n"
	                   "Share this story on the harbour\nHarbour wall\nwall Harbour\n"
	                   "It was the wall of the old town, a reporter said.";
	const char *truth = "The harbour wall gave way on Tuesday night. Harbour wall repairs "
	                    "had been postponed. It was the wall of the old town, officials said.";
	size_t n;
	signed char *y = clean_label(text, strlen(text), truth, strlen(truth), &n);
	CHECK(n == 7);
	signed char want[] = {0, 1, -1, 0, 1, 0, 1}; /* last: 4 of 8 shingles */
	for (size_t i = 0; i < 7 && i < n; i++)
		CHECK(y[i] == want[i]);
	free(y);
}

/* The model file: a line too many or too few is refused with its place. */
TEST(model_parse)
{
	char buf[4096];
	size_t k = (size_t)snprintf(buf, sizeof buf, "slant-clean-model 1\n");
	for (int i = 0; i < 26; i++)
		k += (size_t)snprintf(buf + k, sizeof buf - k, "stage1 %s 0.5\n",
		                      (const char *[]){"bias", "chars", "words", "sentence", "quote",
		                                       "punct", "shortwords", "stopwords", "caps",
		                                       "upper", "digits", "links", "separators",
		                                       "verb", "menu", "short", "title", "docfreq",
		                                       "before", "after", "inblock", "distance",
		                                       "ctx_sentence", "ctx_words", "blank_before",
		                                       "blank_after"}[i]);
	k += (size_t)snprintf(buf + k, sizeof buf - k,
	                      "stage2 bias 0\nstage2 self 1\nstage2 prev 0\nstage2 next 0\n"
	                      "stage2 wide 0\nthreshold 0.5\nnear 0.4\n");
	txt_clean_model *m = clean_model_parse(buf, k, "m");
	CHECK(m != NULL);
	CHECK(m && clean_model_keep(m, 0.5) && !clean_model_keep(m, 0.49));
	CHECK(m && clean_model_near(m, 0.4) && !clean_model_near(m, 0.39));
	clean_model_free(m);
	CHECK(clean_model_parse(buf, k - 9, "m") == NULL); /* no near line */
	CHECK_STR(txt_err(), "m: near missing");
	memcpy(buf + 20, "stage1 bogu", 11);
	CHECK(clean_model_parse(buf, k, "m") == NULL);
	CHECK(strstr(txt_err(), "m:2: unknown stage1 feature") != NULL);
}

static void teardown(void)
{
	txt_clean_free(cl);
}

RUN_TESTS({"setup", setup}, T(rule_names), T(body_sentences_kept), T(rule_short),
          T(rule_symbols), T(rule_menu), T(rule_link), T(rule_cta_english),
          T(rule_cta_spanish), T(rule_byline), T(rule_footer), T(rule_lang),
          T(language_guess), T(verbs), T(rule_title_and_dup), T(title_after_navigation), T(rule_repeat), T(repeat_spares_copied_articles),
          T(disable_rules), T(blank_lines_collapse), T(invalid_utf8_survives),
          T(labels_from_truth), T(model_parse),
          {"teardown", teardown})
