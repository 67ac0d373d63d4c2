/* slant-plot: draw a report table (TSV) as a standalone SVG 1.1 chart.
 * Chart types: bars (top terms per group, small multiples), keyness (two
 * sided: target vs reference), intervals (scores with 95% whiskers, one
 * panel per frame), stacked (shares per group as 100% stacked bars). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_io.h"
#include "text_svg.h"
#include "text_tsv.h"

static const char usage_text[] =
	"Usage: slant-plot TYPE [OPTION]... [FILE]\n"
	"Draw a report table (TSV, plain or gzip; FILE or - for stdin) as SVG.\n"
	"\n"
	"Types:\n"
	"  bars       top rows per group as horizontal bars, one panel per group\n"
	"             (defaults: --group group --label term --value n)\n"
	"  keyness    two-sided keyness: the target's positive scores to the right,\n"
	"             negative (reference) scores to the left\n"
	"             (defaults: --group group --label term --value chi2)\n"
	"  intervals  scores with interval whiskers: one panel per label, one row\n"
	"             per group (defaults: --group source --label frame\n"
	"             --value score --lo lo --hi hi)\n"
	"  stacked    shares per group as 100% stacked bars, one segment per label\n"
	"             (defaults: --group source --label pred --value share)\n"
	"\n"
	"Columns:\n"
	"      --group COL     panel (bars), row (intervals, stacked) or side column\n"
	"      --label COL     bar label (bars, keyness), panel (intervals),\n"
	"                      segment (stacked)\n"
	"      --value COL     the number drawn\n"
	"      --lo COL, --hi COL  interval bounds (intervals)\n"
	"Chart:\n"
	"  -n, --top N         rows per panel (bars, default 10) or per side\n"
	"                      (keyness, default 15)\n"
	"      --target NAME   keyness: the target group (default: the first)\n"
	"      --reference NAME  keyness: name shown for the reference side\n"
	"      --cols N        panels per row (default: fits the width)\n"
	"      --free-scales   bars: each panel its own value axis\n"
	"      --title TEXT    title at the top\n"
	"      --xlabel TEXT   value axis label (default: the value column)\n"
	"      --ylabel TEXT   row axis label (default: the row column)\n"
	"      --width N       width in pixels (default 800)\n"
	"      --height N      height in pixels (default: from the number of rows)\n"
	"Output:\n"
	"  -o, --output FILE   write to FILE (default: standard output)\n"
	"  -f, --force         replace an existing FILE\n"
	"  -q, --quiet         no warnings about skipped rows\n"
	"      --help          show this help and exit\n"
	"      --version       show the version and exit\n"
	"\n"
	"Rows whose value is empty or NA are skipped.  Long labels are cut with an\n"
	"ellipsis (the full text is kept as a tooltip).  See slant-plot(1).\n";

enum chart { BARS, KEYNESS, INTERVALS, STACKED };

typedef struct item {
	char *group, *label;
	size_t gi; /* index of group */
	double v, lo, hi;
} item;

typedef struct plot {
	enum chart type;
	const char *gcol, *lcol, *vcol, *locol, *hicol;
	const char *title, *xlabel, *ylabel, *target, *reference;
	long top, cols, width, height;
	int free_scales, quiet, force;
	/* data */
	item *it;
	size_t n, cap;
	char **groups, **labels; /* distinct, in order of first appearance */
	size_t ngroups, nlabels;
	const char *vname, *gname, *lname, *loname, *hiname; /* resolved column names */
	int has_group, has_label;
} plot;

#define FONT 12.0
#define SMALL 10.0

/* ---- reading ---- */

/* Index of s in list, appending it if new.  Tables are usually sorted by
 * group, so the most recent answer is tried first. */
static size_t intern(char ***list, size_t *n, const char *s)
{
	static char ***last_list;
	static size_t last;
	if (last_list == list && last < *n && strcmp((*list)[last], s) == 0) return last;
	last_list = list;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*list)[i], s) == 0) return last = i;
	*list = txt_xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[*n] = txt_xstrdup(s);
	last = *n;
	return (*n)++;
}

/* The column for a role: the one named by the user (must exist), else the
 * first of the defaults present; -1 if none and `need` is 0. */
static long pick(txt_table *t, const char *user, const char *const *defs, int need,
                 const char *opt, const char **name)
{
	if (user) {
		long c = txt_table_col(t, user);
		if (c < 0 && (c = txt_table_need(t, user, "report")) < 0) txt_die_err();
		*name = user;
		return c;
	}
	for (size_t i = 0; defs[i]; i++) {
		long c = txt_table_col(t, defs[i]);
		if (c >= 0) {
			*name = defs[i];
			return c;
		}
	}
	if (!need) return -1;
	if (txt_table_need(t, defs[0], "report") < 0)
		txt_die("%s; name the column with %s", txt_err(), opt);
	return -1;
}

static int parse_num(const txt_field *f, double *out)
{
	if (f->len == 0 || strcmp(f->s, "NA") == 0 || strcmp(f->s, "nan") == 0 ||
	    strcmp(f->s, "NaN") == 0)
		return 1;
	if (txt_parse_double("", f->s, -HUGE_VAL, HUGE_VAL, out) < 0 || !isfinite(*out))
		return -1;
	return 0;
}

static void read_table(plot *p, const char *path)
{
	static const char *const g_bars[] = { "group", "source", NULL };
	static const char *const g_iv[] = { "source", "group", NULL };
	static const char *const l_term[] = { "term", "label", "word", NULL };
	static const char *const l_frame[] = { "frame", "label", "term", NULL };
	static const char *const l_stack[] = { "pred", "label", "stance", "class", NULL };
	static const char *const v_bars[] = { "n", "count", "value", "freq", NULL };
	static const char *const v_key[] = { "chi2", "G2", "g2", "log_ratio", "keyness", "score", "value", NULL };
	static const char *const v_iv[] = { "score", "rate", "value", "estimate", "mean", NULL };
	static const char *const v_st[] = { "share", "n", "count", "value", NULL };
	static const char *const lo_d[] = { "lo", "ci_lo", "lower", "conf_low", NULL };
	static const char *const hi_d[] = { "hi", "ci_hi", "upper", "conf_high", NULL };

	txt_table *t = txt_table_open(path);
	if (!t) txt_die_err();
	int iv = p->type == INTERVALS, st = p->type == STACKED;
	long gc = pick(t, p->gcol, iv || st ? g_iv : g_bars, st, "--group", &p->gname);
	long lc = pick(t, p->lcol, iv ? l_frame : st ? l_stack : l_term, !iv, "--label", &p->lname);
	long vc = pick(t, p->vcol, p->type == BARS ? v_bars : p->type == KEYNESS ? v_key : iv ? v_iv : v_st,
	               1, "--value", &p->vname);
	long loc = iv ? pick(t, p->locol, lo_d, 1, "--lo", &p->loname) : -1;
	long hic = iv ? pick(t, p->hicol, hi_d, 1, "--hi", &p->hiname) : -1;
	if (iv && gc < 0) txt_die("%s: no 'source' or 'group' column; name the row column with --group",
	                          txt_table_name(t));
	p->has_group = gc >= 0;
	p->has_label = lc >= 0;
	txt_row *row;
	int rc;
	size_t skipped = 0;
	while ((rc = txt_table_next(t, &row)) == 1) {
		item x = { 0 };
		int bad = parse_num(&row->f[vc], &x.v);
		if (bad == 0 && loc >= 0) bad = parse_num(&row->f[loc], &x.lo);
		if (bad == 0 && hic >= 0) bad = parse_num(&row->f[hic], &x.hi);
		if (bad < 0)
			txt_die("%s:%lu: not a number in column '%s' or its bounds",
			        txt_table_name(t), (unsigned long)txt_table_lineno(t), p->vname);
		if (bad > 0) {
			skipped++;
			continue;
		}
		if (st && x.v < 0)
			txt_die("%s:%lu: negative share in column '%s'", txt_table_name(t),
			        (unsigned long)txt_table_lineno(t), p->vname);
		const char *g = gc >= 0 ? row->f[gc].s : "";
		const char *l = lc >= 0 ? row->f[lc].s : "";
		/* an empty term is a counts file's group total row, not a term */
		if ((p->type == BARS || p->type == KEYNESS) && lc >= 0 && !*l) continue;
		size_t gi = intern(&p->groups, &p->ngroups, g);
		x.group = p->groups[gi];
		x.gi = gi;
		/* only panels and segments need distinct labels; terms can be many */
		if (iv || st) {
			size_t li = intern(&p->labels, &p->nlabels, l);
			x.label = p->labels[li];
		} else {
			x.label = txt_xstrdup(l);
		}
		if (p->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 256;
			p->it = txt_xreallocarray(p->it, p->cap, sizeof *p->it);
		}
		p->it[p->n++] = x;
	}
	if (rc < 0) txt_die_err();
	if (skipped && !p->quiet)
		txt_warn("%s: skipped %zu row%s with no value", txt_table_name(t), skipped,
		         skipped == 1 ? "" : "s");
	txt_table_close(t);
}

/* ---- drawing helpers ---- */

typedef struct scale {
	double x0, x1, lo, hi;
} scale;

static double sx(const scale *s, double v)
{
	return s->x0 + (v - s->lo) / (s->hi - s->lo) * (s->x1 - s->x0);
}

/* Widen [lo, hi] to tick multiples and return the tick layout. */
static int nice(scale *s, double lo, double hi, int maxticks, double *first, double *step)
{
	int n = txt_svg_ticks(lo, hi, maxticks, first, step);
	s->lo = *first;
	s->hi = *first + (n - 1) * *step;
	return n;
}

static void text(txt_writer *w, double x, double y, const char *anchor, double size,
                 const char *extra, const char *s, double maxw)
{
	char a[32], b[32];
	txt_writer_printf(w, "<text x=\"%s\" y=\"%s\"", txt_svg_num(a, x), txt_svg_num(b, y));
	if (anchor) txt_writer_printf(w, " text-anchor=\"%s\"", anchor);
	if (size != FONT) txt_writer_printf(w, " font-size=\"%s\"", txt_svg_num(a, size));
	if (extra) txt_writer_printf(w, " %s", extra);
	txt_writer_puts(w, ">");
	size_t len = strlen(s);
	double est = extra && strstr(extra, "bold") ? size * 1.1 : size; /* bold runs wider */
	size_t fit = maxw > 0 ? txt_svg_fit(s, len, est, maxw) : len;
	txt_svg_esc_fit(w, s, len, est, maxw > 0 ? maxw : 1e300);
	if (fit < len) { /* keep the full text as a tooltip */
		txt_writer_puts(w, "<title>");
		txt_svg_esc(w, s, len);
		txt_writer_puts(w, "</title>");
	}
	txt_writer_puts(w, "</text>\n");
}

static void rect(txt_writer *w, double x, double y, double wd, double ht, const char *fill,
                 const char *extra)
{
	char a[32], b[32], c[32], d[32];
	if (wd < 0) x += wd, wd = -wd;
	txt_writer_printf(w, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"%s%s/>\n",
	                  txt_svg_num(a, x), txt_svg_num(b, y), txt_svg_num(c, wd),
	                  txt_svg_num(d, ht), fill, extra ? " " : "", extra ? extra : "");
}

static void line(txt_writer *w, double x1, double y1, double x2, double y2, const char *stroke,
                 double width)
{
	char a[32], b[32], c[32], d[32], e[32];
	txt_writer_printf(w, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
	                  txt_svg_num(a, x1), txt_svg_num(b, y1), txt_svg_num(c, x2),
	                  txt_svg_num(d, y2), stroke, txt_svg_num(e, width));
}

/* Grid lines and tick labels of a value axis from y0 to y1 (labels below). */
static void axis(txt_writer *w, const scale *s, double y0, double y1, double first, double step,
                 int n, int percent)
{
	char buf[32];
	for (int k = 0; k < n; k++) {
		double v = first + k * step, x = sx(s, v);
		if (fabs(v) < step * 1e-9) v = 0;
		line(w, x, y0, x, y1, v == 0 ? "#555555" : "#dddddd", v == 0 ? 1 : 0.8);
		if (percent) snprintf(buf, sizeof buf, "%.0f%%", v * 100);
		else txt_svg_value(buf, v);
		text(w, x, y1 + 13, "middle", SMALL, "fill=\"#333333\"", buf, 0);
	}
}

/* An empty group or label is drawn as "(empty)" so it can be told apart. */
static const char *shown(const char *s) { return *s ? s : "(empty)"; }

static double label_width(char **labels, size_t n, double font)
{
	double m = 0;
	for (size_t i = 0; i < n; i++) {
		double x = txt_svg_text_width(shown(labels[i]), strlen(shown(labels[i])), font);
		if (x > m) m = x;
	}
	return m;
}

/* Title block height and drawing. */
static double title_h(const plot *p) { return p->title && *p->title ? 34 : 10; }

static void draw_title(txt_writer *w, const plot *p)
{
	if (p->title && *p->title)
		text(w, p->width / 2.0, 23, "middle", 16, "font-weight=\"bold\"", p->title, p->width - 20);
}

/* Axis labels: x centred at the bottom, y rotated on the left. */
#define YLAB_W 22.0
#define XLAB_H 32.0
static void axis_labels(txt_writer *w, const plot *p, double height, double ytop, double ybot,
                        const char *xl, const char *yl)
{
	char a[32], b[32];
	if (xl && *xl) text(w, p->width / 2.0, height - 10, "middle", FONT, NULL, xl, p->width - 20);
	if (yl && *yl) {
		double cy = (ytop + ybot) / 2;
		txt_writer_printf(w, "<text x=\"0\" y=\"0\" text-anchor=\"middle\" "
		                  "transform=\"translate(15,%s) rotate(-90)\">", txt_svg_num(a, cy));
		txt_svg_esc_fit(w, yl, strlen(yl), FONT, ybot - ytop);
		(void)b;
		txt_writer_puts(w, "</text>\n");
	}
}

/* Row height: natural 20 px, or what fills the requested height. */
static double row_height(const plot *p, double fixed, double rows)
{
	if (!p->height || rows <= 0) return 20;
	double r = (p->height - fixed) / rows;
	return r < 4 ? 4 : r > 80 ? 80 : r;
}

static double font_for(double row_h) { return row_h < 15 ? row_h * 0.8 : FONT; }

/* Largest first; ties in label order, so output does not depend on qsort. */
static int by_value_desc(const void *a, const void *b)
{
	const item *p = *(item *const *)a, *q = *(item *const *)b;
	if (p->v != q->v) return p->v < q->v ? 1 : -1;
	return strcmp(p->label, q->label);
}

static int by_group_value(const void *a, const void *b)
{
	const item *x = *(item *const *)a, *y = *(item *const *)b;
	if (x->gi != y->gi) return x->gi < y->gi ? -1 : 1;
	return by_value_desc(a, b);
}

static long grid_cols(const plot *p, size_t panels, double min_w)
{
	long c = p->cols ? p->cols : (long)floor((p->width - YLAB_W) / min_w);
	if (c < 1) c = 1;
	if ((size_t)c > panels) c = (long)panels;
	return c;
}

/* ---- bars: one panel per group ---- */

static void draw_bars(txt_writer *w, plot *p)
{
	size_t ng = p->ngroups;
	item **sel = txt_xcalloc(ng * (size_t)p->top + 1, sizeof *sel);
	size_t *cnt = txt_xcalloc(ng, sizeof *cnt);
	item **buf = txt_xcalloc(p->n + 1, sizeof *buf);
	size_t maxrows = 0;
	double vmax = 0, vmin = 0;
	/* one sort by group, then value: the top rows of each group lead its run */
	for (size_t i = 0; i < p->n; i++) buf[i] = &p->it[i];
	qsort(buf, p->n, sizeof *buf, by_group_value);
	for (size_t i = 0; i < p->n; i++) {
		size_t g = buf[i]->gi;
		if (cnt[g] == (size_t)p->top) continue;
		sel[g * (size_t)p->top + cnt[g]++] = buf[i];
		if (cnt[g] > maxrows) maxrows = cnt[g];
		if (buf[i]->v > vmax) vmax = buf[i]->v;
		if (buf[i]->v < vmin) vmin = buf[i]->v;
	}
	free(buf);
	long cols = grid_cols(p, ng, 380);
	size_t prow = (ng + (size_t)cols - 1) / (size_t)cols;
	double head = p->has_group ? 22 : 6, foot = 26, gap = 14;
	double top = title_h(p);
	double rh = row_height(p, top + XLAB_H + prow * (head + foot + gap), (double)(prow * maxrows));
	double fs = font_for(rh);
	double height = p->height ? p->height : top + XLAB_H + prow * (head + foot + gap + maxrows * rh);
	double pw = (p->width - YLAB_W - 10 - (cols - 1) * gap) / cols;
	double lw = 0;
	for (size_t g = 0; g < ng; g++)
		for (size_t i = 0; i < cnt[g]; i++) {
			item *x = sel[g * (size_t)p->top + i];
			lw = fmax(lw, txt_svg_text_width(x->label, strlen(x->label), fs) + 8);
		}
	if (lw > pw * 0.45) lw = pw * 0.45;
	char vb[32];
	double vw = txt_svg_text_width(txt_svg_value(vb, vmax), strlen(vb), SMALL) + 8;

	txt_svg_begin(w, p->width, height, p->title);
	draw_title(w, p);
	for (size_t g = 0; g < ng; g++) {
		double px = YLAB_W + (double)(g % (size_t)cols) * (pw + gap);
		double py = top + (double)(g / (size_t)cols) * (head + foot + gap + maxrows * rh);
		item **rows = sel + g * (size_t)p->top;
		double gmax = vmax, gmin = vmin;
		if (p->free_scales) {
			gmax = gmin = 0;
			for (size_t i = 0; i < cnt[g]; i++) {
				if (rows[i]->v > gmax) gmax = rows[i]->v;
				if (rows[i]->v < gmin) gmin = rows[i]->v;
			}
		}
		/* room for value labels beyond the bar ends, left too if negative */
		scale s = { px + lw + (gmin < 0 ? vw : 0), px + pw - vw, 0, 1 };
		double first, step;
		int nt = nice(&s, gmin, gmax, (int)((s.x1 - s.x0) / 60) + 2, &first, &step);
		txt_writer_printf(w, "<g class=\"panel\">\n");
		if (p->has_group)
			text(w, px, py + 15, NULL, FONT, "font-weight=\"bold\"", shown(p->groups[g]), pw);
		double y0 = py + head, y1 = y0 + maxrows * rh;
		axis(w, &s, y0, y1, first, step, nt, 0);
		for (size_t i = 0; i < cnt[g]; i++) {
			item *x = rows[i];
			double y = y0 + i * rh, zero = sx(&s, 0), end = sx(&s, x->v);
			rect(w, zero, y + rh * 0.15, end - zero, rh * 0.7, txt_svg_color(0), "class=\"bar\"");
			text(w, px + lw - 6, y + rh * 0.5 + fs * 0.35, "end", fs, NULL, x->label, lw - 6);
			text(w, (x->v >= 0 ? end + 3 : end - 3), y + rh * 0.5 + SMALL * 0.35,
			     x->v >= 0 ? "start" : "end", SMALL, "fill=\"#333333\"", txt_svg_value(vb, x->v), 0);
		}
		txt_writer_puts(w, "</g>\n");
	}
	axis_labels(w, p, height, top, height - XLAB_H, p->xlabel ? p->xlabel : p->vname,
	            p->ylabel ? p->ylabel : p->has_label ? p->lname : NULL);
	txt_svg_end(w);
	free(sel);
	free(cnt);
}

/* ---- keyness: target vs reference ---- */

static int by_value_asc(const void *a, const void *b)
{
	const item *p = *(item *const *)a, *q = *(item *const *)b;
	if (p->v != q->v) return p->v < q->v ? -1 : 1;
	return strcmp(p->label, q->label);
}

static void draw_keyness(txt_writer *w, plot *p)
{
	const char *target = p->ngroups ? p->groups[0] : "";
	if (p->target) {
		target = NULL;
		for (size_t g = 0; g < p->ngroups; g++)
			if (strcmp(p->groups[g], p->target) == 0) target = p->groups[g];
		if (!target) txt_die("keyness: no rows for target group '%s'", p->target);
	}
	item **pos = txt_xcalloc(p->n + 1, sizeof *pos), **neg = txt_xcalloc(p->n + 1, sizeof *neg);
	size_t np = 0, nn = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (p->it[i].group != target) continue;
		if (p->it[i].v > 0) pos[np++] = &p->it[i];
		else if (p->it[i].v < 0) neg[nn++] = &p->it[i];
	}
	/* Two groups and no negative scores: the other group is the reference. */
	const char *refname = p->reference;
	if (nn == 0 && p->ngroups == 2) {
		const char *other = p->groups[p->groups[0] == target ? 1 : 0];
		for (size_t i = 0; i < p->n; i++)
			if (p->it[i].group == other && p->it[i].v > 0) {
				p->it[i].v = -p->it[i].v;
				neg[nn++] = &p->it[i];
			}
		if (!refname) refname = other;
	}
	if (!refname) refname = "reference";
	qsort(pos, np, sizeof *pos, by_value_desc);
	qsort(neg, nn, sizeof *neg, by_value_asc);
	if (np > (size_t)p->top) np = (size_t)p->top;
	if (nn > (size_t)p->top) nn = (size_t)p->top;
	double A = nn ? -neg[0]->v : 0, B = np ? pos[0]->v : 0;

	double top = title_h(p) + 22, legend_y = title_h(p) + 8;
	double rows = (double)(np + nn) + (np && nn ? 0.5 : 0);
	double rh = row_height(p, top + 26 + XLAB_H, rows);
	double fs = font_for(rh);
	double height = p->height ? p->height : top + 26 + XLAB_H + rows * rh;
	double P = p->width - YLAB_W - 20;
	char vb[32];
	double vt = txt_svg_text_width(txt_svg_value(vb, B > A ? B : -A), strlen(vb), SMALL) + 8;
	/* Labels sit on the empty side of zero: positive rows' labels left of
	 * it, negative rows' right of it.  Each side gets room for its bars or
	 * for the labels drawn there, whichever is wider. */
	double La = 0, Lb = 0;
	for (size_t i = 0; i < np; i++) {
		double x = txt_svg_text_width(pos[i]->label, strlen(pos[i]->label), fs) + 8;
		if (x > La) La = x;
	}
	for (size_t i = 0; i < nn; i++) {
		double x = txt_svg_text_width(neg[i]->label, strlen(neg[i]->label), fs) + 8;
		if (x > Lb) Lb = x;
	}
	if (La > P * 0.35) La = P * 0.35;
	if (Lb > P * 0.35) Lb = P * 0.35;
	double klo = 0, khi = (A + B) > 0 ? P / (A + B) : 1;
	for (int it = 0; it < 60; it++) { /* largest px-per-unit that fits */
		double k = (klo + khi) / 2;
		double left = fmax(A * k + (A > 0 ? vt : 0), La), right = fmax(B * k + (B > 0 ? vt : 0), Lb);
		if (left + right <= P) klo = k;
		else khi = k;
	}
	double k = klo;
	double left = fmax(A * k + (A > 0 ? vt : 0), La);
	double zero = YLAB_W + 10 + left;
	scale s = { zero - A * k, zero + B * k, -A, B };
	if (A + B == 0) s.x0 = zero - 1, s.x1 = zero + 1, s.lo = -1, s.hi = 1;

	txt_svg_begin(w, p->width, height, p->title);
	draw_title(w, p);
	/* legend */
	rect(w, YLAB_W + 10, legend_y, 12, 12, txt_svg_color(0), NULL);
	text(w, YLAB_W + 27, legend_y + 10, NULL, FONT, NULL, shown(target), P * 0.45);
	double lx = YLAB_W + 10 + P / 2;
	rect(w, lx, legend_y, 12, 12, txt_svg_color(4), "stroke=\"#333333\" stroke-width=\"0.6\"");
	text(w, lx + 17, legend_y + 10, NULL, FONT, NULL, refname, P * 0.45);

	double y0 = top + 6, y1 = y0 + rows * rh;
	double first, step;
	int nt = txt_svg_ticks(-A, B, (int)(P / 70) + 2, &first, &step);
	for (int t = 0; t < nt; t++) { /* only ticks inside the drawn range */
		double v = first + t * step;
		if (v >= -A - step * 1e-9 && v <= B + step * 1e-9) axis(w, &s, y0, y1, v, step, 1, 0);
	}
	for (size_t i = 0; i < np + nn; i++) {
		int isneg = i >= np;
		item *x = isneg ? neg[i - np] : pos[i];
		double y = y0 + (i + (isneg && np ? 0.5 : 0)) * rh, end = sx(&s, x->v);
		rect(w, zero, y + rh * 0.15, end - zero, rh * 0.7, txt_svg_color(isneg ? 4 : 0),
		     isneg ? "class=\"bar\" stroke=\"#333333\" stroke-width=\"0.6\"" : "class=\"bar\"");
		double ty = y + rh * 0.5 + fs * 0.35;
		if (isneg) text(w, zero + 5, ty, "start", fs, NULL, x->label, Lb - 6);
		else text(w, zero - 5, ty, "end", fs, NULL, x->label, La - 6);
		text(w, isneg ? end - 3 : end + 3, y + rh * 0.5 + SMALL * 0.35, isneg ? "end" : "start",
		     SMALL, "fill=\"#333333\"", txt_svg_value(vb, x->v), 0);
	}
	line(w, zero, y0, zero, y1, "#555555", 1);
	axis_labels(w, p, height, top, y1, p->xlabel ? p->xlabel : p->vname,
	            p->ylabel ? p->ylabel : p->lname);
	txt_svg_end(w);
	free(pos);
	free(neg);
}

/* ---- intervals: one panel per label, one row per group ---- */

static void draw_intervals(txt_writer *w, plot *p)
{
	size_t npanel = p->nlabels, nrow = p->ngroups;
	double vmin = HUGE_VAL, vmax = -HUGE_VAL;
	for (size_t i = 0; i < p->n; i++) {
		item *x = &p->it[i];
		vmin = fmin(vmin, fmin(x->v, fmin(x->lo, x->hi)));
		vmax = fmax(vmax, fmax(x->v, fmax(x->lo, x->hi)));
	}
	if (p->n == 0) vmin = 0, vmax = 1;
	long cols = grid_cols(p, npanel, 300);
	size_t prow = (npanel + (size_t)cols - 1) / (size_t)cols;
	double head = p->has_label ? 22 : 6, foot = 26, gap = 14, top = title_h(p);
	double rh = row_height(p, top + XLAB_H + prow * (head + foot + gap), (double)(prow * nrow));
	double fs = font_for(rh);
	double height = p->height ? p->height : top + XLAB_H + prow * (head + foot + gap + nrow * rh);
	double pw = (p->width - YLAB_W - 10 - (cols - 1) * gap) / cols;
	double lw = label_width(p->groups, p->ngroups, fs) + 8;
	if (lw > pw * 0.4) lw = pw * 0.4;

	txt_svg_begin(w, p->width, height, p->title);
	draw_title(w, p);
	for (size_t l = 0; l < npanel; l++) {
		double px = YLAB_W + (double)(l % (size_t)cols) * (pw + gap);
		double py = top + (double)(l / (size_t)cols) * (head + foot + gap + nrow * rh);
		scale s = { px + lw, px + pw - 8, 0, 1 };
		double first, step;
		int nt = nice(&s, vmin, vmax, (int)((s.x1 - s.x0) / 60) + 2, &first, &step);
		txt_writer_puts(w, "<g class=\"panel\">\n");
		if (p->has_label)
			text(w, px, py + 15, NULL, FONT, "font-weight=\"bold\"", shown(p->labels[l]), pw);
		double y0 = py + head;
		axis(w, &s, y0, y0 + nrow * rh, first, step, nt, 0);
		for (size_t g = 0; g < nrow; g++) {
			double y = y0 + (g + 0.5) * rh;
			text(w, px + lw - 6, y + fs * 0.35, "end", fs, NULL, shown(p->groups[g]), lw - 6);
			for (size_t i = 0; i < p->n; i++) {
				item *x = &p->it[i];
				if (x->group != p->groups[g] || x->label != p->labels[l]) continue;
				double a = sx(&s, fmin(x->lo, x->hi)), b = sx(&s, fmax(x->lo, x->hi));
				double cap = rh * 0.25;
				txt_writer_puts(w, "<g class=\"interval\">");
				line(w, a, y, b, y, "#000000", 1.4);
				line(w, a, y - cap, a, y + cap, "#000000", 1.4);
				line(w, b, y - cap, b, y + cap, "#000000", 1.4);
				char c1[32], c2[32], c3[32];
				txt_writer_printf(w, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\" "
				                  "stroke=\"#ffffff\" stroke-width=\"1\"/>",
				                  txt_svg_num(c1, sx(&s, x->v)), txt_svg_num(c2, y),
				                  txt_svg_num(c3, fmin(4.5, rh * 0.3)), txt_svg_color(0));
				txt_writer_puts(w, "</g>\n");
			}
		}
		txt_writer_puts(w, "</g>\n");
	}
	char xl[200];
	snprintf(xl, sizeof xl, "%s (dots) with %s\xE2\x80\x93%s intervals (whiskers)", p->vname, p->loname, p->hiname);
	axis_labels(w, p, height, top, height - XLAB_H, p->xlabel ? p->xlabel : xl,
	            p->ylabel ? p->ylabel : p->gname);
	txt_svg_end(w);
}

/* ---- stacked: one 100% bar per group, one segment per label ---- */

static void draw_stacked(txt_writer *w, plot *p)
{
	size_t ng = p->ngroups, nl = p->nlabels;
	double *share = txt_xcalloc(ng * nl + 1, sizeof *share);
	for (size_t i = 0; i < p->n; i++) {
		size_t g = 0, l = 0;
		while (p->groups[g] != p->it[i].group) g++;
		while (p->labels[l] != p->it[i].label) l++;
		share[g * nl + l] += p->it[i].v;
	}
	for (size_t g = 0; g < ng; g++) {
		double sum = 0;
		for (size_t l = 0; l < nl; l++) sum += share[g * nl + l];
		for (size_t l = 0; l < nl; l++) share[g * nl + l] = sum > 0 ? share[g * nl + l] / sum : 0;
	}
	/* legend rows: swatch + label, wrapped to the width */
	double P = p->width - YLAB_W - 34, lx = 0, legend_rows = 1;
	double *lxs = txt_xcalloc(nl + 1, sizeof *lxs), *lys = txt_xcalloc(nl + 1, sizeof *lys);
	for (size_t l = 0; l < nl; l++) {
		double wd = 18 + fmin(txt_svg_text_width(shown(p->labels[l]), strlen(shown(p->labels[l])), FONT), 200) + 16;
		if (lx > 0 && lx + wd > P) lx = 0, legend_rows++;
		lxs[l] = lx;
		lys[l] = legend_rows - 1;
		lx += wd;
	}
	double top = title_h(p) + legend_rows * 18 + 8;
	double rh = row_height(p, top + 26 + XLAB_H, (double)ng) ;
	double fs = font_for(rh);
	double height = p->height ? p->height : top + 26 + XLAB_H + ng * rh * 1.3;
	if (!p->height) rh *= 1.3;
	double lw = label_width(p->groups, ng, fs) + 8;
	if (lw > P * 0.35) lw = P * 0.35;

	/* pattern ids carry a hash of the chart's labels, so that several charts
	 * inlined in one HTML page do not share ids (FNV-1a) */
	unsigned long tag = 2166136261u;
	for (size_t l = 0; l < nl; l++)
		for (const char *c = p->labels[l]; *c; c++)
			tag = ((tag ^ (unsigned char)*c) * 16777619u) & 0xffffffffu;
	for (size_t g = 0; g < ng; g++)
		for (const char *c = p->groups[g]; *c; c++)
			tag = ((tag ^ (unsigned char)*c) * 16777619u) & 0xffffffffu;
	txt_svg_begin(w, p->width, height, p->title);
	if (nl > TXT_SVG_NCOLORS) {
		txt_writer_puts(w, "<defs>\n");
		for (size_t l = TXT_SVG_NCOLORS; l < nl; l++) {
			char id[64];
			snprintf(id, sizeof id, "hatch%08lx-%zu", tag, l);
			txt_svg_hatch(w, id, l);
		}
		txt_writer_puts(w, "</defs>\n");
	}
	draw_title(w, p);
	char fill[80], vb[32];
	for (size_t l = 0; l < nl; l++) {
		if (l < TXT_SVG_NCOLORS) snprintf(fill, sizeof fill, "%s", txt_svg_color(l));
		else snprintf(fill, sizeof fill, "url(#hatch%08lx-%zu)", tag, l);
		double x = YLAB_W + 10 + lxs[l], y = title_h(p) + lys[l] * 18;
		rect(w, x, y, 12, 12, fill, "stroke=\"#333333\" stroke-width=\"0.6\"");
		text(w, x + 17, y + 10, NULL, FONT, NULL, shown(p->labels[l]), 200);
	}
	scale s = { YLAB_W + 10 + lw, YLAB_W + 10 + P, 0, 1 };
	double y0 = top + 4, y1 = y0 + ng * rh;
	axis(w, &s, y0, y1, 0, 0.2, 6, 1);
	for (size_t g = 0; g < ng; g++) {
		double y = y0 + g * rh, acc = 0;
		text(w, s.x0 - 6, y + rh * 0.5 + fs * 0.35, "end", fs, NULL, shown(p->groups[g]), lw - 6);
		for (size_t l = 0; l < nl; l++) {
			double v = share[g * nl + l];
			if (v <= 0) continue;
			double a = sx(&s, acc), b = sx(&s, acc + v);
			acc += v;
			if (l < TXT_SVG_NCOLORS) snprintf(fill, sizeof fill, "%s", txt_svg_color(l));
			else snprintf(fill, sizeof fill, "url(#hatch%08lx-%zu)", tag, l);
			rect(w, a, y + rh * 0.15, b - a, rh * 0.7, fill,
			     "class=\"bar\" stroke=\"#ffffff\" stroke-width=\"1\"");
			snprintf(vb, sizeof vb, "%.0f%%", v * 100);
			if (txt_svg_text_width(vb, strlen(vb), SMALL) + 6 < b - a && l < TXT_SVG_NCOLORS)
				text(w, (a + b) / 2, y + rh * 0.5 + SMALL * 0.35, "middle", SMALL,
				     txt_svg_color_dark(l) ? "fill=\"#ffffff\"" : "fill=\"#000000\"", vb, 0);
		}
	}
	axis_labels(w, p, height, top, y1, p->xlabel ? p->xlabel : "share",
	            p->ylabel ? p->ylabel : p->gname);
	txt_svg_end(w);
	free(share);
	free(lxs);
	free(lys);
}

/* ---- main ---- */

enum { O_GROUP = 256, O_LABEL, O_VALUE, O_LO, O_HI, O_TARGET, O_REF, O_COLS, O_FREE,
       O_TITLE, O_XLABEL, O_YLABEL, O_WIDTH, O_HEIGHT, O_HELP, O_VERSION };

static long num_opt(const char *name, const char *s, long lo, long hi)
{
	long v;
	if (txt_parse_long(name, s, lo, hi, &v) < 0) txt_usage("%s", txt_err());
	return v;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "group", 1, 0, O_GROUP }, { "label", 1, 0, O_LABEL }, { "value", 1, 0, O_VALUE },
		{ "lo", 1, 0, O_LO }, { "hi", 1, 0, O_HI }, { "top", 1, 0, 'n' },
		{ "target", 1, 0, O_TARGET }, { "reference", 1, 0, O_REF }, { "cols", 1, 0, O_COLS },
		{ "free-scales", 0, 0, O_FREE }, { "title", 1, 0, O_TITLE }, { "xlabel", 1, 0, O_XLABEL },
		{ "ylabel", 1, 0, O_YLABEL }, { "width", 1, 0, O_WIDTH }, { "height", 1, 0, O_HEIGHT },
		{ "output", 1, 0, 'o' }, { "force", 0, 0, 'f' }, { "quiet", 0, 0, 'q' },
		{ "help", 0, 0, O_HELP }, { "version", 0, 0, O_VERSION }, { 0, 0, 0, 0 },
	};
	plot p = { .width = 800, .top = -1 };
	const char *out = "-";
	int c;
	txt_cli_init("slant-plot");
	while ((c = getopt_long(argc, argv, "n:o:fq", opts, NULL)) != -1) {
		switch (c) {
		case O_GROUP: p.gcol = optarg; break;
		case O_LABEL: p.lcol = optarg; break;
		case O_VALUE: p.vcol = optarg; break;
		case O_LO: p.locol = optarg; break;
		case O_HI: p.hicol = optarg; break;
		case 'n': p.top = num_opt("--top", optarg, 1, 10000); break;
		case O_TARGET: p.target = optarg; break;
		case O_REF: p.reference = optarg; break;
		case O_COLS: p.cols = num_opt("--cols", optarg, 1, 100); break;
		case O_FREE: p.free_scales = 1; break;
		case O_TITLE: p.title = optarg; break;
		case O_XLABEL: p.xlabel = optarg; break;
		case O_YLABEL: p.ylabel = optarg; break;
		case O_WIDTH: p.width = num_opt("--width", optarg, 200, 20000); break;
		case O_HEIGHT: p.height = num_opt("--height", optarg, 100, 100000); break;
		case 'o': out = optarg; break;
		case 'f': p.force = 1; break;
		case 'q': p.quiet = 1; break;
		case O_HELP: txt_cli_help(usage_text);
		case O_VERSION: txt_cli_version();
		default: txt_usage("unknown option");
		}
	}
	if (optind >= argc) txt_usage("missing chart type (bars, keyness, intervals, stacked)");
	const char *type = argv[optind++];
	if (strcmp(type, "bars") == 0) p.type = BARS;
	else if (strcmp(type, "keyness") == 0) p.type = KEYNESS;
	else if (strcmp(type, "intervals") == 0) p.type = INTERVALS;
	else if (strcmp(type, "stacked") == 0) p.type = STACKED;
	else txt_usage("unknown chart type '%s' (bars, keyness, intervals, stacked)", type);
	if (argc - optind > 1) txt_usage("one input table at most");
	const char *in = optind < argc ? argv[optind] : "-";
	if (p.top < 0) p.top = p.type == KEYNESS ? 15 : 10;

	/* open the output first: an existing file is refused before any work */
	txt_writer *w = txt_writer_open(out, p.force ? TXT_W_FORCE : 0);
	if (!w) txt_die_err();
	read_table(&p, in);
	if (p.n == 0) txt_die("%s: no rows to plot", strcmp(in, "-") ? in : "(stdin)");
	switch (p.type) {
	case BARS: draw_bars(w, &p); break;
	case KEYNESS: draw_keyness(w, &p); break;
	case INTERVALS: draw_intervals(w, &p); break;
	case STACKED: draw_stacked(w, &p); break;
	}
	if (txt_writer_close(w) < 0) txt_die_err();
	for (size_t i = 0; i < p.ngroups; i++) free(p.groups[i]);
	for (size_t i = 0; i < p.nlabels; i++) free(p.labels[i]);
	if (p.type == BARS || p.type == KEYNESS)
		for (size_t i = 0; i < p.n; i++) free(p.it[i].label);
	free(p.groups);
	free(p.labels);
	free(p.it);
	return 0;
}
