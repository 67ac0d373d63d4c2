/* slant-frame: frame scores per source from a lexicon, with bootstrap
 * intervals; or the Jensen-Shannon divergence between sources.
 * docs + lexicon -> report table.  See slant-frame(1). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_io.h"
#include "text_frame.h"
#include "text_report.h"
#include "text_tok.h"

static const char usage_text[] =
	"Usage: slant-frame -l LEXICON [OPTION]... [DOCS]\n"
	"Score how often each source uses each frame of a lexicon: hits per 1,000\n"
	"tokens and the share of documents using the frame, with 95% bootstrap\n"
	"intervals (documents resampled within each source), and each source\n"
	"minus the rest.  DOCS '-' or none: standard input.\n"
	"\n"
	"  -l, --lexicon=FILE   frames: TSV (frame<TAB>pattern), LIWC .dic or YAML;\n"
	"                       a bare NAME means models/frames/NAME.tsv\n"
	"  -b, --by=COL         group by this docs column (default source)\n"
	"  -B, --boot=N         bootstrap resamples (default 1000; 0: none)\n"
	"  -s, --seed=N         random seed (default 1)\n"
	"      --level=L        interval level in (0,1) (default 0.95)\n"
	"      --overlap=M      longest (default): of the patterns matching at a\n"
	"                       token the longest wins, for its frames only;\n"
	"                       independent: each frame matches on its own\n"
	"                       (quanteda's tokens_lookup)\n"
	"      --per-doc        one row per document and frame instead\n"
	"      --matches=FILE   also write each match: id, frame, pattern, match,\n"
	"                       line (in DOCS), start and end (bytes in the text)\n"
	"      --divergence     group x group Jensen-Shannon divergence (bits) of\n"
	"                       the term distributions instead\n"
	"      --digits=N       significant digits (default 6)\n";

typedef struct opts {
	const char *lexicon, *by, *matches;
	long boot;
	double level;
	int per_doc, divergence, digits, overlap;
	txt_cli_shared sh;
} opts;

static const char *const overlap_names[] = {"longest", "independent", NULL};

/* ---- output ---- */

static char nbuf[24][32];

static void emit(txt_report *rep, txt_writer *w, const char *const *cells)
{
	if (txt_report_row(rep, cells) < 0)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
}

/* align: a letter per column, 'r' for numbers (Markdown aligns them). */
static txt_report *start(txt_writer *w, const opts *o, const char *const *cols, size_t n,
			 const char *align)
{
	txt_report *rep = txt_report_new(w, o->sh.format, cols, n, align);
	if (!rep)
		txt_die("%s: %s", txt_writer_name(w), txt_err());
	return rep;
}

static void per_doc(const txt_frame_docs *d, const txt_lex *lx, const opts *o, txt_writer *w)
{
	const char *cols[] = {"id", "group", "frame", "tokens", "hits", "per_1k", "overlap"};
	txt_report *rep = start(w, o, cols, 7, "lllrrrl");
	for (size_t i = 0; i < d->ndocs; i++) {
		const double *x = d->x + i * d->k;
		for (size_t f = 0; f < d->nf; f++) {
			const char *c[] = {d->id[i], txt_frame_group(d, d->group[i]), txt_lex_frame(lx, f),
			                   txt_report_num(nbuf[0], x[0], 17),
			                   txt_report_num(nbuf[1], x[1 + f], 17),
			                   txt_report_num(nbuf[2], x[0] > 0 ? 1000 * x[1 + f] / x[0] : NAN,
			                                  o->digits),
			                   overlap_names[o->overlap]};
			emit(rep, w, c);
		}
	}
	txt_report_free(rep);
}

static void divergence(const txt_frame_docs *d, const opts *o, txt_writer *w)
{
	const char *cols[] = {"group_a", "group_b", "jsd"};
	txt_report *rep = start(w, o, cols, 3, "llr");
	uint32_t *ord = txt_frame_order(d);
	for (size_t i = 0; i < txt_frame_ngroups(d); i++)
		for (size_t j = 0; j < txt_frame_ngroups(d); j++) {
			uint32_t a = ord[i], b = ord[j];
			const char *c[] = {txt_frame_group(d, a), txt_frame_group(d, b),
			                   txt_report_num(nbuf[0], txt_frame_jsd(d, a, b), o->digits)};
			emit(rep, w, c);
		}
	free(ord);
	txt_report_free(rep);
}

static void frames_table(const txt_frame_docs *d, const txt_lex *lx, const opts *o, txt_writer *w)
{
	txt_frame_table t;
	if (txt_frame_boot(d, (size_t)o->boot, o->sh.seed, o->level, &t) < 0)
		txt_die_err();
	const char *cols[] = {"group", "frame", "docs", "tokens", "hits",
	                      "per_1k", "per_1k_low", "per_1k_high",
	                      "share", "share_low", "share_high",
	                      "diff", "diff_low", "diff_high", "overlap"};
	txt_report *rp = start(w, o, cols, 15, "llrrrrrrrrrrrrl");
	uint32_t *ord = txt_frame_order(d);
	for (size_t gi = 0; gi < t.ng; gi++) {
		size_t g = ord[gi];
		for (size_t f = 0; f < t.nf; f++) {
			size_t at = (g * t.nf + f) * 3;
			const char *c[15] = {txt_frame_group(d, (uint32_t)g), txt_lex_frame(lx, f),
			                     txt_report_num(nbuf[0], (double)t.size[g], 17),
			                     txt_report_num(nbuf[1], t.obs[g * d->k], 17),
			                     txt_report_num(nbuf[2], t.obs[g * d->k + 1 + f], 17)};
			for (size_t s = 0; s < 3; s++) {
				c[5 + 3 * s] = txt_report_num(nbuf[3 + 3 * s], t.v[at + s], o->digits);
				c[6 + 3 * s] = txt_report_num(nbuf[4 + 3 * s], t.lo[at + s], o->digits);
				c[7 + 3 * s] = txt_report_num(nbuf[5 + 3 * s], t.hi[at + s], o->digits);
			}
			c[14] = overlap_names[o->overlap]; /* which rule made the hits */
			emit(rp, w, c);
		}
	}
	txt_report_free(rp);
	free(ord);
	txt_frame_table_free(&t);
}

/* ---- options ---- */

static const struct option LONG[] = {
	{"lexicon", required_argument, 0, 'l'}, {"by", required_argument, 0, 'b'},
	{"boot", required_argument, 0, 'B'}, {"level", required_argument, 0, 'L'},
	{"per-doc", no_argument, 0, 'P'}, {"divergence", no_argument, 0, 'J'},
	{"overlap", required_argument, 0, 'O'}, {"matches", required_argument, 0, 'M'},
	{0, 0, 0, 0}};

static const txt_cli_val VAL[] = {
	TXT_VAL_STR('l', opts, lexicon), TXT_VAL_STR('b', opts, by),
	TXT_VAL_LONG('B', opts, boot, 0, 1000000), TXT_VAL_DOUBLE('L', opts, level, 1e-6, 1 - 1e-6),
	TXT_VAL_SET('P', opts, per_doc, 1), TXT_VAL_STR('M', opts, matches),
	TXT_VAL_WORD('O', opts, overlap, overlap_names), TXT_VAL_SET('J', opts, divergence, 1), {0}};

static int parse_opts(int argc, char **argv, opts *o)
{
	const txt_cli_spec spec = {usage_text, TXT_CLI_REPORT | TXT_CLI_SEED, "l:b:B:", LONG,
				   NULL, o, 0, VAL};
	int first = txt_cli_parse(&spec, argc, argv, &o->sh);
	o->digits = o->sh.digits ? o->sh.digits : 6;
	if (!o->lexicon && !o->divergence)
		txt_usage("no --lexicon given");
	if (o->per_doc && o->divergence)
		txt_usage("--per-doc and --divergence exclude each other");
	if (argc - first > 1)
		txt_usage("one DOCS file at most");
	return first;
}

int main(int argc, char **argv)
{
	txt_cli_init("slant-frame");
	opts o = {.by = "source", .boot = 1000, .level = 0.95, .sh = {.output = "-", .seed = 1}};
	int first = parse_opts(argc, argv, &o);
	const char *in = first < argc ? argv[first] : "-";

	txt_tok *tok = txt_tok_new(NULL);
	if (!tok)
		txt_die_err();
	txt_lex *lx = txt_frame_lexicon(o.lexicon, tok);
	if (!lx)
		txt_die_err();
	txt_frame_docs d = {0};
	/* both outputs open before either is written (text_io refuses two
	 * paths that are one file when the second opens) */
	txt_writer *mw = o.matches ? txt_writer_open(o.matches, o.sh.wflags) : NULL;
	txt_writer *w = o.matches && !mw ? NULL : txt_writer_open(o.sh.output, o.sh.wflags);
	if (!w)
		txt_die_err();
	txt_lex_matches *m = mw ? txt_lex_matches_new(mw, o.sh.format, lx, o.overlap) : NULL;
	if (o.matches && !m)
		txt_die_err();
	if (txt_frame_read(&d, in, o.by, lx, tok, o.overlap, o.divergence, m) < 0)
		txt_die_err();
	txt_lex_matches_free(m);
	if (o.per_doc)
		per_doc(&d, lx, &o, w);
	else if (o.divergence)
		divergence(&d, &o, w);
	else
		frames_table(&d, lx, &o, w);
	if (mw && txt_writer_close(mw) < 0)
		txt_die_err();
	if (txt_writer_close(w) < 0)
		txt_die_err();
	txt_frame_docs_free(&d);
	txt_lex_free(lx);
	txt_tok_free(tok);
	return 0;
}
