/* Unit tests for text_svg: escaping, numbers, ticks, widths, truncation,
 * palette lightness. */
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "text_err.h"
#include "text_io.h"
#include "text_svg.h"

/* Escape s through a real writer and return what was written (static). */
static const char *esc(const char *s, size_t len)
{
	static char out[1024];
	char path[] = "/tmp/slant-svg-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	txt_writer *w = txt_writer_open(path, TXT_W_FORCE);
	txt_svg_esc(w, s, len);
	txt_writer_close(w);
	char *data;
	size_t n;
	out[0] = '\0';
	if (txt_read_file(path, &data, &n) == 0) {
		snprintf(out, sizeof out, "%s", data);
		free(data);
	}
	unlink(path);
	return out;
}

TEST(escapes_markup)
{
	CHECK_STR(esc("a<b>&\"c'", 8), "a&lt;b&gt;&amp;&quot;c&apos;");
	CHECK_STR(esc("plain", 5), "plain");
	CHECK_STR(esc("tab\there\nnl", 11), "tab here nl");
	CHECK_STR(esc("", 0), "");
}

TEST(escapes_keep_utf8_repair_bad)
{
	CHECK_STR(esc("soberan\xC3\xAD" "a \xE6\x97\xA5", 14), "soberan\xC3\xAD" "a \xE6\x97\xA5");
	/* lone continuation byte, truncated sequence, overlong, surrogate, control */
	CHECK_STR(esc("a\x80z", 3), "a\xEF\xBF\xBDz");
	CHECK_STR(esc("a\xC3", 2), "a\xEF\xBF\xBD");
	CHECK_STR(esc("\xC0\xAF", 2), "\xEF\xBF\xBD\xEF\xBF\xBD");
	CHECK_STR(esc("\xED\xA0\x80", 3), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	CHECK_STR(esc("x\x01y", 3), "x\xEF\xBF\xBDy");
	CHECK_STR(esc("x\0y", 3), "x\xEF\xBF\xBDy");
	CHECK_STR(esc("\xEF\xBF\xBE", 3), "\xEF\xBF\xBD");
}

TEST(numbers)
{
	char b[32];
	CHECK_STR(txt_svg_num(b, 12), "12");
	CHECK_STR(txt_svg_num(b, 12.5), "12.5");
	CHECK_STR(txt_svg_num(b, 1.0 / 3), "0.33");
	CHECK_STR(txt_svg_num(b, -0.001), "0");
	CHECK_STR(txt_svg_num(b, -2.999), "-3");
	CHECK_STR(txt_svg_num(b, NAN), "0");
	CHECK_STR(txt_svg_value(b, 42), "42");
	CHECK_STR(txt_svg_value(b, 0.012345), "0.0123");
	CHECK_STR(txt_svg_value(b, 123.456), "123");
	CHECK_STR(txt_svg_value(b, -1.5), "-1.5");
	CHECK_STR(txt_svg_value(b, NAN), "NA");
}

TEST(ticks)
{
	double first, step;
	int n = txt_svg_ticks(0, 87, 6, &first, &step);
	CHECK_NEAR(step, 20, 1e-12);
	CHECK_NEAR(first, 0, 1e-12);
	CHECK(n == 6); /* 0 20 40 60 80 100 */
	n = txt_svg_ticks(-3.2, 7.9, 6, &first, &step);
	CHECK_NEAR(step, 5, 1e-12); /* 2 would need 7 ticks */
	CHECK_NEAR(first, -5, 1e-12);
	CHECK(first + (n - 1) * step >= 7.9);
	CHECK(n <= 6);
	n = txt_svg_ticks(0, 1, 6, &first, &step);
	CHECK_NEAR(step, 0.2, 1e-12);
	CHECK(n == 6);
	n = txt_svg_ticks(5, 5, 5, &first, &step); /* degenerate: widened */
	CHECK(n >= 2 && step > 0 && first <= 5 && first + (n - 1) * step >= 5);
}

TEST(widths)
{
	double w1 = txt_svg_text_width("iiii", 4, 10);
	double w2 = txt_svg_text_width("mmmm", 4, 10);
	CHECK(w1 < w2);
	CHECK_NEAR(txt_svg_text_width("", 0, 12), 0, 1e-12);
	/* a combining mark adds no width */
	CHECK_NEAR(txt_svg_text_width("e\xCC\x81", 3, 12), txt_svg_text_width("e", 1, 12), 1e-9);
	CHECK(txt_svg_text_width("\xC3\xA9", 2, 12) > 0);
	/* a CJK character is one em, wider than a latin letter */
	CHECK_NEAR(txt_svg_text_width("\xE6\x97\xA5", 3, 12), 12, 1e-9);
	CHECK(txt_svg_text_width("a", 1, 12) < 12);
}

TEST(fit_truncates_on_boundaries)
{
	const char *s = "sovereignty";
	size_t n = strlen(s);
	CHECK(txt_svg_fit(s, n, 12, 1000) == n);
	size_t k = txt_svg_fit(s, n, 12, 40);
	CHECK(k > 0 && k < n);
	CHECK(txt_svg_text_width(s, k, 12) + txt_svg_text_width("\xE2\x80\xA6", 3, 12) <= 40);
	CHECK(txt_svg_text_width(s, k + 1, 12) + txt_svg_text_width("\xE2\x80\xA6", 3, 12) > 40);
	/* multibyte: never cut inside a character or before its combining mark */
	const char *u = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
	for (double w = 5; w < 80; w += 3) {
		k = txt_svg_fit(u, 12, 12, w);
		CHECK(k % 2 == 0);
	}
	const char *c = "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81";
	for (double w = 5; w < 80; w += 3) {
		k = txt_svg_fit(c, 15, 12, w);
		CHECK(k % 3 == 0);
	}
	/* trailing spaces are not kept before the ellipsis */
	k = txt_svg_fit("ab        cdefghijklmnop", 24, 10, 80);
	CHECK(k == 2 || (k > 2 && "ab        cdefghijklmnop"[k - 1] != ' '));
	CHECK(txt_svg_fit("wide", 4, 12, 1) == 0);
}

/* CIE L* of "#rrggbb" (sRGB, D65), computed here independently. */
static double lstar(const char *hex)
{
	double c[3];
	for (int i = 0; i < 3; i++) {
		char part[3] = { hex[1 + 2 * i], hex[2 + 2 * i], 0 };
		double v = strtol(part, NULL, 16) / 255.0;
		c[i] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
	return y > 216.0 / 24389 ? 116 * cbrt(y) - 16 : y * 24389.0 / 27;
}

TEST(palette_survives_greyscale)
{
	for (size_t i = 0; i < TXT_SVG_NCOLORS; i++) {
		CHECK(strlen(txt_svg_color(i)) == 7);
		for (size_t j = 0; j < i; j++)
			CHECK(fabs(lstar(txt_svg_color(i)) - lstar(txt_svg_color(j))) >= 12);
		/* white text on dark fills, black on light: contrast either way */
		double l = lstar(txt_svg_color(i));
		CHECK(txt_svg_color_dark(i) ? l < 55 : l > 55);
	}
	CHECK_STR(txt_svg_color(TXT_SVG_NCOLORS), txt_svg_color(0));
}

RUN_TESTS(T(escapes_markup), T(escapes_keep_utf8_repair_bad), T(numbers), T(ticks),
          T(widths), T(fit_truncates_on_boundaries), T(palette_survives_greyscale))
