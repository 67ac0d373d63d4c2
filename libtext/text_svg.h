/* text_svg: small helpers for writing standalone SVG 1.1 charts: XML text
 * escaping (with UTF-8 repair), compact numbers, "nice" axis ticks, a
 * palette whose colours stay apart in greyscale, and an estimate of how wide
 * a UTF-8 label is drawn, with truncation behind an ellipsis.
 *
 * Ownership: nothing here allocates except where stated; writers are the
 * caller's (text_io).  Functions writing to a txt_writer return 0 or -1 (the
 * writer's sticky error). */
#ifndef TEXT_SVG_H
#define TEXT_SVG_H

#include <stddef.h>

#include "text_io.h"

/* Write s[0..len) as XML character data / attribute text: & < > " ' become
 * entities; tabs and line breaks become spaces; other control characters,
 * invalid UTF-8, surrogates and U+FFFE/U+FFFF (not allowed in XML 1.0)
 * become U+FFFD. */
int txt_svg_esc(txt_writer *w, const char *s, size_t len);

/* A coordinate or length: at most 2 decimals, trailing zeros dropped, never
 * "-0", "nan" or "inf" (those become "0").  buf needs 32 bytes; returns buf. */
char *txt_svg_num(char *buf, double x);

/* A data value for people: integers as integers (up to 1e15), otherwise 3
 * significant digits ("0.0123", "12.3", "1.23e+06").  buf: 32 bytes. */
char *txt_svg_value(char *buf, double x);
/* The same with digits significant digits (1 to 17). */
char *txt_svg_value_digits(char *buf, double x, int digits);

/* Axis ticks covering [lo, hi]: step is 1, 2 or 5 times a power of ten,
 * chosen for at most `maxticks` ticks (>= 2); *first is the first multiple
 * of step <= lo, and the returned count n of ticks first + k*step
 * (k = 0..n-1) reaches at least hi.  lo == hi is widened. */
int txt_svg_ticks(double lo, double hi, int maxticks, double *first, double *step);

/* Estimated drawn width of a UTF-8 string in a sans-serif font of size
 * `font` (em-based widths close to DejaVu Sans, which is on the wide side
 * of common sans fonts, so the estimate rarely falls short): narrow letters,
 * wide letters, capitals, digits; combining marks and zero-width characters
 * count 0; East Asian wide characters and emoji 1 em. */
double txt_svg_text_width(const char *s, size_t len, double font);

/* Fit a label into max_width: returns len when the whole string fits,
 * otherwise the byte length of the longest prefix that, followed by an
 * ellipsis (U+2026), fits.  The cut is on a character boundary and never
 * separates a character from its combining marks; trailing spaces are
 * dropped from the prefix.  May return 0. */
size_t txt_svg_fit(const char *s, size_t len, double font, double max_width);

/* Write s escaped, truncated with "…" to fit max_width (see txt_svg_fit). */
int txt_svg_esc_fit(txt_writer *w, const char *s, size_t len, double font, double max_width);

/* The palette: TXT_SVG_NCOLORS fills ordered dark to light whose CIE L*
 * lightness differs by at least 12 between any two, so categories remain
 * distinguishable when printed in grey.  Index wraps around. */
#define TXT_SVG_NCOLORS 6
const char *txt_svg_color(size_t i);
/* 1 if text drawn on top of colour i should be white (dark fill). */
int txt_svg_color_dark(size_t i);
/* A diagonal hatch pattern over colour i, for categories beyond the
 * palette: writes <pattern id="ID"> (put it inside <defs>). */
int txt_svg_hatch(txt_writer *w, const char *id, size_t i);

/* The opening of a standalone SVG 1.1 document of this size (XML
 * declaration, <svg> with xmlns, version, width, height, viewBox, the font
 * family and a white background), and its <title>; title may be NULL. */
int txt_svg_begin(txt_writer *w, double width, double height, const char *title);
int txt_svg_end(txt_writer *w);

#endif
