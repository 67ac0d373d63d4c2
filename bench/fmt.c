/* Number formatting speed: txt_report_num against snprintf("%.*g").
 * fmt [N]: for a few sets of N (1000000) doubles and a few --digits values,
 * prints nanoseconds per number (CPU time, the best of 3 passes) for each,
 * their ratio, and the share of numbers txt_report_num formats itself
 * (the rest go to snprintf).  Every output is compared with snprintf's.
 * Build (after make): cc -O2 -Ilibtext bench/fmt.c libtext/libtext.a -lz -lm -o fmt */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text_report.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t next(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}
static double unif(void) { return (double)(next() >> 11) * 0x1p-53; }

static double cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static volatile size_t sink;

/* ns per number over v[0..n) at digits, the best of 3 passes. */
static double run(const double *v, size_t n, int digits, int ours)
{
	double best = 1e30;
	char b[32];
	for (int pass = 0; pass < 3; pass++) {
		size_t len = 0;
		double t0 = cpu();
		for (size_t i = 0; i < n; i++) {
			if (ours)
				txt_report_num(b, v[i], digits);
			else
				snprintf(b, sizeof b, "%.*g", digits, v[i]);
			len += (unsigned char)b[0];
		}
		double t = cpu() - t0;
		sink += len;
		if (t < best)
			best = t;
	}
	return best * 1e9 / (double)n;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	double *v = malloc(n * sizeof *v);
	if (!v)
		return 1;
	static const char *const names[] = {"colloc-like scores", "1e-30..1e30", "integers < 1e6"};
	static const int dg[] = {6, 10, 15, 17};
	int bad = 0;
	printf("%-20s %6s %10s %10s %7s %7s\n", "values", "digits", "snprintf", "ours", "ratio", "fast");
	for (int set = 0; set < 3; set++) {
		for (size_t i = 0; i < n; i++) {
			double u = unif();
			if (set == 0) /* lambda, z, pmi, g2, t: +-0.1 to 1e4; dice: 1e-4 to 1 */
				v[i] = i % 6 == 5 ? pow(10, 4 * u - 4)
				                  : (next() % 8 ? 1 : -1) * pow(10, 5 * u - 1);
			else if (set == 1)
				v[i] = (next() & 1 ? -1 : 1) * pow(10, 60 * u - 30);
			else
				v[i] = (double)(next() % 1000000);
		}
		for (size_t d = 0; d < sizeof dg / sizeof dg[0]; d++) {
			size_t fast = 0;
			char a[32], b[32];
			for (size_t i = 0; i < n; i++) {
				fast += (size_t)txt_report_num_fast(a, v[i], dg[d]);
				txt_report_num(a, v[i], dg[d]);
				snprintf(b, sizeof b, "%.*g", dg[d], v[i]);
				if (strcmp(a, b) != 0 && bad++ < 5)
					fprintf(stderr, "fmt: %a digits %d: %s, snprintf %s\n", v[i], dg[d], a, b);
			}
			double ts = run(v, n, dg[d], 0), to = run(v, n, dg[d], 1);
			printf("%-20s %6d %8.1f ns %8.1f ns %6.1fx %6.1f%%\n", names[set], dg[d], ts, to,
			       ts / to, 100.0 * (double)fast / (double)n);
		}
	}
	free(v);
	if (bad)
		fprintf(stderr, "fmt: %d outputs differ from snprintf\n", bad);
	return bad != 0;
}
