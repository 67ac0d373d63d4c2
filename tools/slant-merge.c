/* slant-merge: sum counts files in one streaming k-way merge. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "text_cli.h"
#include "text_counts.h"
#include "text_io.h"

static const char HELP[] =
	"Usage: slant-merge [OPTION]... COUNTS...\n"
	"Sum counts files (shards of one corpus, counted the same way) into one,\n"
	"in a single streaming pass: memory does not grow with the input.\n"
	"Files counted with a different tokenisation, n-gram range or --by are refused.\n"
	"'-' reads standard input (once).\n"
	"\n"
	"      --min-count N   drop terms whose summed n is below N\n"
	"      --min-docs N    drop terms whose summed df is below N\n"
	"                      (group total rows are never dropped)\n"
	"  -o, --output FILE   write to FILE (atomically; gzip if it ends in .gz)\n"
	"  -z, --gzip          compress the output\n"
	"  -f, --force         replace an existing output file\n"
	"  -q, --quiet         (accepted for symmetry; slant-merge shows no progress)\n"
	"      --help          show this help\n"
	"      --version       show the version\n";

enum { O_MINC = 256, O_MIND, O_HELP, O_VERSION };

static const struct option LONG[] = {
	{"min-count", required_argument, NULL, O_MINC},
	{"min-docs", required_argument, NULL, O_MIND},
	{"output", required_argument, NULL, 'o'},
	{"gzip", no_argument, NULL, 'z'},
	{"force", no_argument, NULL, 'f'},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, O_HELP},
	{"version", no_argument, NULL, O_VERSION},
	{NULL, 0, NULL, 0},
};

int main(int argc, char **argv)
{
	txt_cli_init("slant-merge");
	const char *out = "-";
	int flags = 0, c, stdin_seen = 0;
	long v;
	txt_counts_prune prune = {0, 0};
	while ((c = getopt_long(argc, argv, "o:zfq", LONG, NULL)) != -1) {
		switch (c) {
		case O_MINC:
		case O_MIND:
			if (txt_parse_long(c == O_MINC ? "--min-count" : "--min-docs", optarg, 0,
					   1L << 62, &v) < 0)
				txt_usage("%s", txt_err());
			if (c == O_MINC)
				prune.min_count = (uint64_t)v;
			else
				prune.min_docs = (uint64_t)v;
			break;
		case 'o': out = optarg; break;
		case 'z': flags |= TXT_W_GZIP; break;
		case 'f': flags |= TXT_W_FORCE; break;
		case 'q': break;
		case O_HELP: txt_cli_help(HELP);
		case O_VERSION: txt_cli_version();
		default: txt_usage("unknown or incomplete option");
		}
	}
	if (optind == argc)
		txt_usage("no counts files given");
	size_t k = (size_t)(argc - optind);
	txt_counts_in **in = txt_xcalloc(k, sizeof *in);
	for (size_t i = 0; i < k; i++) {
		const char *p = argv[optind + (int)i];
		if (strcmp(p, "-") == 0 && stdin_seen++)
			txt_usage("standard input ('-') given twice");
		if (!(in[i] = txt_counts_open(p)))
			txt_die_err();
	}
	txt_writer *w = txt_writer_open(out, flags);
	if (!w)
		txt_die_err();
	if (txt_counts_merge(in, k, w, &prune) < 0)
		txt_die_err();
	if (txt_writer_close(w) < 0)
		txt_die_err();
	for (size_t i = 0; i < k; i++)
		txt_counts_close(in[i]);
	free(in);
	return 0;
}
