/* text_svg: see text_svg.h. */
#include "text_svg.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define REPLACEMENT 0xFFFD

/* Decode one UTF-8 character at s[0..len): its code point in *cp and its
 * byte length; invalid or overlong sequences give REPLACEMENT and length 1. */
static size_t decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t n, i;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) n = 2, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF) n = 3, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4) n = 4, c &= 0x07;
	else goto bad;
	if (n > len) goto bad;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)))
		goto bad;
	if (c >= 0xD800 && c <= 0xDFFF) goto bad;
	*cp = c;
	return n;
bad:
	*cp = REPLACEMENT;
	return 1;
}

int txt_svg_esc(txt_writer *w, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0; /* run: start of bytes that need no change */
	int rc = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = decode(p + i, len - i, &cp);
		const char *rep = NULL;
		if (cp == '&') rep = "&amp;";
		else if (cp == '<') rep = "&lt;";
		else if (cp == '>') rep = "&gt;";
		else if (cp == '"') rep = "&quot;";
		else if (cp == '\'') rep = "&apos;";
		else if (cp == '\t' || cp == '\n' || cp == '\r') rep = " ";
		else if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF ||
		         (cp == REPLACEMENT && n == 1))
			rep = "\xEF\xBF\xBD";
		if (rep) {
			if (i > run) rc |= txt_writer_write(w, s + run, i - run);
			rc |= txt_writer_puts(w, rep);
			run = i + n;
		}
		i += n;
	}
	if (len > run) rc |= txt_writer_write(w, s + run, len - run);
	return rc ? -1 : 0;
}

char *txt_svg_num(char *buf, double x)
{
	if (!isfinite(x)) x = 0;
	x = round(x * 100) / 100;
	if (x == 0) x = 0; /* turns -0 into 0 */
	snprintf(buf, 32, "%.2f", x);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *e = buf + strlen(buf) - 1;
		while (e > dot && *e == '0') *e-- = '\0';
		if (e == dot) *e = '\0';
	}
	if (strcmp(buf, "-0") == 0) strcpy(buf, "0");
	return buf;
}

char *txt_svg_value_digits(char *buf, double x, int digits)
{
	if (!isfinite(x)) {
		snprintf(buf, 32, "%s", isnan(x) ? "NA" : x > 0 ? "Inf" : "-Inf");
	} else if (x == floor(x) && fabs(x) < 1e15) {
		snprintf(buf, 32, "%.0f", x == 0 ? 0.0 : x);
	} else {
		snprintf(buf, 32, "%.*g", digits, x);
	}
	return buf;
}

char *txt_svg_value(char *buf, double x)
{
	return txt_svg_value_digits(buf, x, 3);
}

int txt_svg_ticks(double lo, double hi, int maxticks, double *first, double *step)
{
	if (maxticks < 2) maxticks = 2;
	if (!isfinite(lo) || !isfinite(hi)) lo = 0, hi = 1;
	if (hi < lo) { double t = lo; lo = hi; hi = t; }
	if (hi == lo) {
		double d = lo == 0 ? 1 : fabs(lo) * 0.1;
		lo -= d, hi += d;
	}
	double raw = (hi - lo) / (maxticks - 1);
	double mag = pow(10, floor(log10(raw)));
	static const double mult[] = { 1, 2, 5, 10 };
	double s = mag * 10;
	int n = 0;
	for (size_t i = 0; i < 4; i++) {
		s = mag * mult[i];
		double f = floor(lo / s + 1e-9) * s;
		n = (int)ceil((hi - f) / s - 1e-9) + 1;
		if (n <= maxticks) break;
	}
	*step = s;
	*first = floor(lo / s + 1e-9) * s;
	return (int)ceil((hi - *first) / s - 1e-9) + 1;
}

/* Width of one character in em.  Figures are close to DejaVu Sans. */
static double char_em(uint32_t c)
{
	if (c < 0x80) {
		if (c == ' ') return 0.32;
		if (strchr("ijl.,:;'|!`", (int)c)) return 0.28;
		if (strchr("()[]{}I\"", (int)c)) return 0.39;
		if (strchr("frt-/\\", (int)c)) return 0.41;
		if (c == 'm') return 0.98;
		if (c == 'w') return 0.82;
		if (c == 'M' || c == 'W') return 0.99;
		if (c >= 'A' && c <= 'Z') return 0.72;
		if (c >= '0' && c <= '9') return 0.64;
		if (c >= 'a' && c <= 'z') return 0.62;
		if (c == '@' || c == '%' || c == '&') return 0.9;
		return 0.6;
	}
	/* combining marks, zero-width characters, variation selectors */
	if ((c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
	    (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
	    (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0x200B && c <= 0x200F) ||
	    (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF)
		return 0;
	/* East Asian wide and emoji */
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
	    (c >= 0x20000 && c <= 0x3FFFD))
		return 1.0;
	if (c == 0x2026) return 1.0; /* ellipsis */
	return 0.7;
}

double txt_svg_text_width(const char *s, size_t len, double font)
{
	const unsigned char *p = (const unsigned char *)s;
	double em = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += decode(p + i, len - i, &cp);
		em += char_em(cp);
	}
	return em * font;
}

size_t txt_svg_fit(const char *s, size_t len, double font, double max_width)
{
	if (txt_svg_text_width(s, len, font) <= max_width) return len;
	const unsigned char *p = (const unsigned char *)s;
	double room = max_width - char_em(0x2026) * font, used = 0;
	size_t i = 0, cut = 0;
	while (i < len) {
		/* one base character and the zero-width ones after it */
		uint32_t cp;
		size_t j = i + decode(p + i, len - i, &cp);
		double wd = char_em(cp);
		while (j < len) {
			size_t n = decode(p + j, len - j, &cp);
			if (char_em(cp) != 0) break;
			j += n;
		}
		if (used + wd * font > room) break;
		used += wd * font;
		i = j;
		cut = i;
	}
	while (cut > 0 && s[cut - 1] == ' ') cut--;
	return cut;
}

int txt_svg_esc_fit(txt_writer *w, const char *s, size_t len, double font, double max_width)
{
	size_t n = txt_svg_fit(s, len, font, max_width);
	int rc = txt_svg_esc(w, s, n);
	if (n < len) rc |= txt_writer_puts(w, "\xE2\x80\xA6");
	return rc ? -1 : 0;
}

/* Dark to light; CIE L* about 20, 38, 51, 63, 77, 91. */
static const char *const palette[TXT_SVG_NCOLORS] = {
	"#1b2f5e", "#b2182b", "#2c7fb8", "#e08214", "#7fcdbb", "#fee391",
};

const char *txt_svg_color(size_t i) { return palette[i % TXT_SVG_NCOLORS]; }

int txt_svg_color_dark(size_t i) { return i % TXT_SVG_NCOLORS < 3; }

int txt_svg_hatch(txt_writer *w, const char *id, size_t i)
{
	const char *line = txt_svg_color_dark(i) ? "#ffffff" : "#000000";
	txt_writer_printf(w, "<pattern id=\"%s\" patternUnits=\"userSpaceOnUse\" "
	                  "width=\"6\" height=\"6\">", id);
	txt_writer_printf(w, "<rect width=\"6\" height=\"6\" fill=\"%s\"/>", txt_svg_color(i));
	return txt_writer_printf(w, "<path d=\"M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5\" "
	                         "stroke=\"%s\" stroke-width=\"1.2\"/></pattern>\n", line);
}

int txt_svg_begin(txt_writer *w, double width, double height, const char *title)
{
	char a[32], b[32];
	txt_svg_num(a, width);
	txt_svg_num(b, height);
	txt_writer_puts(w, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
	txt_writer_printf(w, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	                  "width=\"%s\" height=\"%s\" viewBox=\"0 0 %s %s\" "
	                  "font-family=\"DejaVu Sans, Verdana, Arial, Helvetica, sans-serif\" "
	                  "font-size=\"12\">\n", a, b, a, b);
	if (title && *title) {
		txt_writer_puts(w, "<title>");
		txt_svg_esc(w, title, strlen(title));
		txt_writer_puts(w, "</title>\n");
	}
	return txt_writer_printf(w, "<rect x=\"0\" y=\"0\" width=\"%s\" height=\"%s\" "
	                         "fill=\"#ffffff\"/>\n", a, b);
}

int txt_svg_end(txt_writer *w) { return txt_writer_puts(w, "</svg>\n"); }
