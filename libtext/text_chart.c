/* text_chart: see text_chart.h.  Layout is computed from estimated label
 * widths (text_svg), so a chart is the same bytes wherever it is drawn. */
#include "text_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_counts.h"
#include "text_err.h"
#include "text_svg.h"
#include "text_tsv.h"

typedef struct item {
	char *group, *label;
	size_t gi; /* index of group */
	double v, lo, hi;
} item;

struct txt_chart {
	txt_chart_type type;
	item *it;
	size_t n, cap;
	char **groups, **labels; /* distinct, in order of first appearance */
	size_t ngroups, nlabels;
	size_t last_group, last_label; /* intern's most recent answers */
	char *gname, *lname, *vname, *loname, *hiname; /* column names, for axis labels */
	txt_chart_opts o; /* the options of the drawing under way, defaults filled in */
};

#define FONT 12.0
#define SMALL 10.0

int txt_chart_type_parse(const char *name)
{
	static const char *const names[] = { "bars", "keyness", "intervals", "stacked" };
	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0) return i;
	return -1;
}

txt_chart *txt_chart_new(txt_chart_type type)
{
	txt_chart *c = txt_xcalloc(1, sizeof *c);
	c->type = type;
	c->vname = txt_xstrdup("value");
	c->loname = txt_xstrdup("lo");
	c->hiname = txt_xstrdup("hi");
	return c;
}

static int own_labels(const txt_chart *c)
{
	return c->type == TXT_CHART_BARS || c->type == TXT_CHART_KEYNESS;
}

void txt_chart_free(txt_chart *c)
{
	if (!c) return;
	for (size_t i = 0; i < c->ngroups; i++) free(c->groups[i]);
	for (size_t i = 0; i < c->nlabels; i++) free(c->labels[i]);
	if (own_labels(c))
		for (size_t i = 0; i < c->n; i++) free(c->it[i].label);
	txt_free_all(c->groups, c->labels, c->it, c->gname, c->lname, c->vname,
		c->loname, c->hiname, c);
}

static void set_name(char **dst, const char *s, const char *dflt)
{
	free(*dst);
	*dst = s ? txt_xstrdup(s) : dflt ? txt_xstrdup(dflt) : NULL;
}

void txt_chart_names(txt_chart *c, const char *group, const char *label, const char *value,
                     const char *lo, const char *hi)
{
	set_name(&c->gname, group, NULL);
	set_name(&c->lname, label, NULL);
	set_name(&c->vname, value, "value");
	set_name(&c->loname, lo, "lo");
	set_name(&c->hiname, hi, "hi");
}

/* Index of s in list, appending it if new.  Tables are usually sorted by
 * group, so the most recent answer is tried first. */
static size_t intern(char ***list, size_t *n, size_t *last, const char *s)
{
	if (*last < *n && strcmp((*list)[*last], s) == 0) return *last;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*list)[i], s) == 0) return *last = i;
	*list = txt_xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[*n] = txt_xstrdup(s);
	*last = *n;
	return (*n)++;
}

void txt_chart_add(txt_chart *c, const char *group, const char *label, double v, double lo,
                   double hi)
{
	/* an empty term is a counts file's group total row, not a term */
	if (own_labels(c) && !*label) return;
	item x = { .v = v, .lo = lo, .hi = hi };
	x.gi = intern(&c->groups, &c->ngroups, &c->last_group, group);
	x.group = c->groups[x.gi];
	/* only panels and segments need distinct labels; terms can be many */
	if (own_labels(c)) x.label = txt_xstrdup(label);
	else {
		size_t li = intern(&c->labels, &c->nlabels, &c->last_label, label);
		x.label = c->labels[li];
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 256;
		c->it = txt_xreallocarray(c->it, c->cap, sizeof *c->it);
	}
	c->it[c->n++] = x;
}

size_t txt_chart_rows(const txt_chart *c) { return c->n; }

/* ---- reading a report table ---- */

/* The column for a role: the one named by the user (must exist), else the
 * first of the defaults present.  -1 if none and `need` is 0; -2 on error. */
static long pick(txt_table *t, const char *user, const char *const *defs, int need,
                 const char *opt, const char **name)
{
	if (user) {
		long c = txt_table_col(t, user);
		if (c < 0 && (c = txt_table_need(t, user, "report")) < 0) return -2;
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
	if (txt_table_need(t, defs[0], "report") < 0) {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", txt_err());
		txt_err_set("%s; name the column with %s", msg, opt);
	}
	return -2;
}

/* 0 with a number, 1 for a missing value (empty, NA, nan), -1 otherwise. */
static int parse_num(const txt_field *f, double *out)
{
	if (f->len == 0 || strcmp(f->s, "NA") == 0 || strcmp(f->s, "nan") == 0 ||
	    strcmp(f->s, "NaN") == 0)
		return 1;
	if (txt_parse_double("", f->s, -HUGE_VAL, HUGE_VAL, out) < 0 || !isfinite(*out))
		return -1;
	return 0;
}

static int read_rows(txt_chart *c, txt_table *t, const txt_chart_cols *u, size_t *skipped)
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
	const char *gname = NULL, *lname = NULL, *vname = NULL, *loname = NULL, *hiname = NULL;
	int iv = c->type == TXT_CHART_INTERVALS, st = c->type == TXT_CHART_STACKED;
	long gc, lc, vc, loc = -1, hic = -1;
	if ((gc = pick(t, u->group, iv || st ? g_iv : g_bars, st, "--group", &gname)) == -2 ||
	    (lc = pick(t, u->label, iv ? l_frame : st ? l_stack : l_term, !iv, "--label", &lname)) == -2 ||
	    (vc = pick(t, u->value, c->type == TXT_CHART_BARS ? v_bars : c->type == TXT_CHART_KEYNESS ? v_key
	                            : iv ? v_iv : v_st, 1, "--value", &vname)) == -2 ||
	    (iv && (loc = pick(t, u->lo, lo_d, 1, "--lo", &loname)) == -2) ||
	    (iv && (hic = pick(t, u->hi, hi_d, 1, "--hi", &hiname)) == -2))
		return -1;
	if (iv && gc < 0)
		return txt_err_set("%s: no 'source' or 'group' column; name the row column with --group",
		                   txt_table_name(t));
	txt_chart_names(c, gname, lname, vname, loname, hiname);
	/* a counts file's metadata rows are not terms */
	long cg = txt_table_col(t, "group"), ct = txt_table_col(t, "term");
	long cn = txt_table_col(t, "n"), cd = txt_table_col(t, "df");
	int counts = cg >= 0 && ct >= 0 && cn >= 0 && cd >= 0;
	txt_row *row;
	int rc;
	while ((rc = txt_table_next(t, &row)) == 1) {
		double v = 0, lo = 0, hi = 0;
		if (counts && txt_counts_is_meta(row->f[cg].s, row->f[ct].s, row->f[cn].s, row->f[cd].s))
			continue;
		int bad = parse_num(&row->f[vc], &v);
		if (bad == 0 && loc >= 0) bad = parse_num(&row->f[loc], &lo);
		if (bad == 0 && hic >= 0) bad = parse_num(&row->f[hic], &hi);
		if (bad < 0)
			return txt_err_set("%s:%lu: not a number in column '%s' or its bounds",
			                   txt_table_name(t), (unsigned long)txt_table_lineno(t), vname);
		if (bad > 0) {
			(*skipped)++;
			continue;
		}
		if (st && v < 0)
			return txt_err_set("%s:%lu: negative share in column '%s'", txt_table_name(t),
			                   (unsigned long)txt_table_lineno(t), vname);
		txt_chart_add(c, gc >= 0 ? row->f[gc].s : "", lc >= 0 ? row->f[lc].s : "", v, lo, hi);
	}
	return rc < 0 ? -1 : 0;
}

int txt_chart_read(txt_chart *c, const char *path, const txt_chart_cols *cols, size_t *skipped)
{
	static const txt_chart_cols none;
	txt_table *t = txt_table_open(path);
	if (!t) return -1;
	*skipped = 0;
	int rc = read_rows(c, t, cols ? cols : &none, skipped);
	txt_table_close(t);
	return rc;
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

/* Drawn width of a value label in the small font. */
static double value_width(double v, int digits)
{
	char vb[32];
	txt_svg_value_digits(vb, v, digits);
	return txt_svg_text_width(vb, strlen(vb), SMALL);
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
static double title_h(const txt_chart *p) { return p->o.title && *p->o.title ? 34 : 10; }

static void draw_title(txt_writer *w, const txt_chart *p)
{
	if (p->o.title && *p->o.title)
		text(w, p->o.width / 2.0, 23, "middle", 16, "font-weight=\"bold\"", p->o.title, p->o.width - 20);
}

/* Axis labels: x centred at the bottom, y rotated on the left. */
#define YLAB_W 22.0
#define XLAB_H 32.0
static void axis_labels(txt_writer *w, const txt_chart *p, double height, double ytop, double ybot,
                        const char *xl, const char *yl)
{
	char a[32], b[32];
	if (xl && *xl) text(w, p->o.width / 2.0, height - 10, "middle", FONT, NULL, xl, p->o.width - 20);
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
static double row_height(const txt_chart *p, double fixed, double rows)
{
	if (!p->o.height || rows <= 0) return 20;
	double r = (p->o.height - fixed) / rows;
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

static long grid_cols(const txt_chart *p, size_t panels, double min_w)
{
	long c = p->o.cols ? p->o.cols : (long)floor((p->o.width - YLAB_W) / min_w);
	if (c < 1) c = 1;
	if ((size_t)c > panels) c = (long)panels;
	return c;
}

/* ---- bars: one panel per group ---- */

static int draw_bars(txt_writer *w, txt_chart *p)
{
	size_t ng = p->ngroups;
	item **sel = txt_xcalloc(ng * (size_t)p->o.top + 1, sizeof *sel);
	size_t *cnt = txt_xcalloc(ng, sizeof *cnt);
	item **buf = txt_xcalloc(p->n + 1, sizeof *buf);
	size_t maxrows = 0;
	double vmax = 0, vmin = 0;
	/* one sort by group, then value: the top rows of each group lead its run */
	for (size_t i = 0; i < p->n; i++) buf[i] = &p->it[i];
	qsort(buf, p->n, sizeof *buf, by_group_value);
	for (size_t i = 0; i < p->n; i++) {
		size_t g = buf[i]->gi;
		if (cnt[g] == (size_t)p->o.top) continue;
		sel[g * (size_t)p->o.top + cnt[g]++] = buf[i];
		if (cnt[g] > maxrows) maxrows = cnt[g];
		if (buf[i]->v > vmax) vmax = buf[i]->v;
		if (buf[i]->v < vmin) vmin = buf[i]->v;
	}
	free(buf);
	long cols = grid_cols(p, ng, 380);
	size_t prow = (ng + (size_t)cols - 1) / (size_t)cols;
	double head = (p->gname != NULL) ? 22 : 6, foot = 26, gap = 14;
	double top = title_h(p);
	double rh = row_height(p, top + XLAB_H + prow * (head + foot + gap), (double)(prow * maxrows));
	double fs = font_for(rh);
	double height = p->o.height ? p->o.height : top + XLAB_H + prow * (head + foot + gap + maxrows * rh);
	double pw = (p->o.width - YLAB_W - 10 - (cols - 1) * gap) / cols;
	double lw = 0;
	for (size_t g = 0; g < ng; g++)
		for (size_t i = 0; i < cnt[g]; i++) {
			item *x = sel[g * (size_t)p->o.top + i];
			lw = fmax(lw, txt_svg_text_width(x->label, strlen(x->label), fs) + 8);
		}
	if (lw > pw * 0.45) lw = pw * 0.45;
	char vb[32];
	double vw = value_width(vmax, p->o.digits) + 8;

	txt_svg_begin(w, p->o.width, height, p->o.title);
	draw_title(w, p);
	for (size_t g = 0; g < ng; g++) {
		double px = YLAB_W + (double)(g % (size_t)cols) * (pw + gap);
		double py = top + (double)(g / (size_t)cols) * (head + foot + gap + maxrows * rh);
		item **rows = sel + g * (size_t)p->o.top;
		double gmax = vmax, gmin = vmin;
		if (p->o.free_scales) {
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
		if ((p->gname != NULL))
			text(w, px, py + 15, NULL, FONT, "font-weight=\"bold\"", shown(p->groups[g]), pw);
		double y0 = py + head, y1 = y0 + maxrows * rh;
		axis(w, &s, y0, y1, first, step, nt, 0);
		for (size_t i = 0; i < cnt[g]; i++) {
			item *x = rows[i];
			double y = y0 + i * rh, zero = sx(&s, 0), end = sx(&s, x->v);
			rect(w, zero, y + rh * 0.15, end - zero, rh * 0.7, txt_svg_color(0), "class=\"bar\"");
			text(w, px + lw - 6, y + rh * 0.5 + fs * 0.35, "end", fs, NULL, x->label, lw - 6);
			text(w, (x->v >= 0 ? end + 3 : end - 3), y + rh * 0.5 + SMALL * 0.35,
			     x->v >= 0 ? "start" : "end", SMALL, "fill=\"#333333\"",
			     txt_svg_value_digits(vb, x->v, p->o.digits), 0);
		}
		txt_writer_puts(w, "</g>\n");
	}
	axis_labels(w, p, height, top, height - XLAB_H, p->o.xlabel ? p->o.xlabel : p->vname,
	            p->o.ylabel ? p->o.ylabel : (p->lname != NULL) ? p->lname : NULL);
	free(sel);
	free(cnt);
	return txt_svg_end(w);
}

/* ---- keyness: target vs reference ---- */

static int by_value_asc(const void *a, const void *b)
{
	const item *p = *(item *const *)a, *q = *(item *const *)b;
	if (p->v != q->v) return p->v < q->v ? -1 : 1;
	return strcmp(p->label, q->label);
}

static int draw_keyness(txt_writer *w, txt_chart *p)
{
	const char *target = p->ngroups ? p->groups[0] : "";
	if (p->o.target) {
		target = NULL;
		for (size_t g = 0; g < p->ngroups; g++)
			if (strcmp(p->groups[g], p->o.target) == 0) target = p->groups[g];
		if (!target) return txt_err_set("keyness: no rows for target group '%s'", p->o.target);
	}
	item **pos = txt_xcalloc(p->n + 1, sizeof *pos), **neg = txt_xcalloc(p->n + 1, sizeof *neg);
	item *flip = txt_xcalloc(p->n + 1, sizeof *flip); /* the reference's rows, negated */
	size_t np = 0, nn = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (p->it[i].group != target) continue;
		if (p->it[i].v > 0) pos[np++] = &p->it[i];
		else if (p->it[i].v < 0) neg[nn++] = &p->it[i];
	}
	/* Two groups and no negative scores: the other group is the reference. */
	const char *refname = p->o.reference;
	if (nn == 0 && p->ngroups == 2) {
		const char *other = p->groups[p->groups[0] == target ? 1 : 0];
		for (size_t i = 0; i < p->n; i++)
			if (p->it[i].group == other && p->it[i].v > 0) {
				flip[nn] = p->it[i];
				flip[nn].v = -flip[nn].v;
				neg[nn] = &flip[nn];
				nn++;
			}
		if (!refname) refname = other;
	}
	if (!refname) refname = "reference";
	qsort(pos, np, sizeof *pos, by_value_desc);
	qsort(neg, nn, sizeof *neg, by_value_asc);
	if (np > (size_t)p->o.top) np = (size_t)p->o.top;
	if (nn > (size_t)p->o.top) nn = (size_t)p->o.top;
	double A = nn ? -neg[0]->v : 0, B = np ? pos[0]->v : 0;

	double top = title_h(p) + 22, legend_y = title_h(p) + 8;
	double rows = (double)(np + nn) + (np && nn ? 0.5 : 0);
	double rh = row_height(p, top + 26 + XLAB_H, rows);
	double fs = font_for(rh);
	double height = p->o.height ? p->o.height : top + 26 + XLAB_H + rows * rh;
	double P = p->o.width - YLAB_W - 20;
	char vb[32];
	double vt = value_width(B > A ? B : -A, p->o.digits) + 8;
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

	txt_svg_begin(w, p->o.width, height, p->o.title);
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
		     SMALL, "fill=\"#333333\"", txt_svg_value_digits(vb, x->v, p->o.digits), 0);
	}
	line(w, zero, y0, zero, y1, "#555555", 1);
	axis_labels(w, p, height, top, y1, p->o.xlabel ? p->o.xlabel : p->vname,
	            p->o.ylabel ? p->o.ylabel : p->lname);
	txt_free_all(pos, neg, flip);
	return txt_svg_end(w);
}

/* ---- intervals: one panel per label, one row per group ---- */

static int draw_intervals(txt_writer *w, txt_chart *p)
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
	double head = (p->lname != NULL) ? 22 : 6, foot = 26, gap = 14, top = title_h(p);
	double rh = row_height(p, top + XLAB_H + prow * (head + foot + gap), (double)(prow * nrow));
	double fs = font_for(rh);
	double height = p->o.height ? p->o.height : top + XLAB_H + prow * (head + foot + gap + nrow * rh);
	double pw = (p->o.width - YLAB_W - 10 - (cols - 1) * gap) / cols;
	double lw = label_width(p->groups, p->ngroups, fs) + 8;
	if (lw > pw * 0.4) lw = pw * 0.4;

	txt_svg_begin(w, p->o.width, height, p->o.title);
	draw_title(w, p);
	for (size_t l = 0; l < npanel; l++) {
		double px = YLAB_W + (double)(l % (size_t)cols) * (pw + gap);
		double py = top + (double)(l / (size_t)cols) * (head + foot + gap + nrow * rh);
		scale s = { px + lw, px + pw - 8, 0, 1 };
		double first, step;
		int nt = nice(&s, vmin, vmax, (int)((s.x1 - s.x0) / 60) + 2, &first, &step);
		txt_writer_puts(w, "<g class=\"panel\">\n");
		if ((p->lname != NULL))
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
	axis_labels(w, p, height, top, height - XLAB_H, p->o.xlabel ? p->o.xlabel : xl,
	            p->o.ylabel ? p->o.ylabel : p->gname);
	return txt_svg_end(w);
}

/* ---- stacked: one 100% bar per group, one segment per label ---- */

static int draw_stacked(txt_writer *w, txt_chart *p)
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
	double P = p->o.width - YLAB_W - 34, lx = 0, legend_rows = 1;
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
	double height = p->o.height ? p->o.height : top + 26 + XLAB_H + ng * rh * 1.3;
	if (!p->o.height) rh *= 1.3;
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
	txt_svg_begin(w, p->o.width, height, p->o.title);
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
	axis_labels(w, p, height, top, y1, p->o.xlabel ? p->o.xlabel : "share",
	            p->o.ylabel ? p->o.ylabel : p->gname);
	txt_free_all(share, lxs, lys);
	return txt_svg_end(w);
}

int txt_chart_draw(txt_chart *c, const txt_chart_opts *o, txt_writer *w)
{
	c->o = *o;
	if (c->o.top <= 0) c->o.top = c->type == TXT_CHART_KEYNESS ? 15 : 10;
	if (c->o.width <= 0) c->o.width = 800;
	if (c->o.digits <= 0) c->o.digits = 3;
	switch (c->type) {
	case TXT_CHART_BARS: return draw_bars(w, c);
	case TXT_CHART_KEYNESS: return draw_keyness(w, c);
	case TXT_CHART_INTERVALS: return draw_intervals(w, c);
	case TXT_CHART_STACKED: return draw_stacked(w, c);
	}
	return txt_err_set("unknown chart type");
}
