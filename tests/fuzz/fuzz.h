/* Shared helpers for the libFuzzer targets (tests/fuzz/fuzz-*.c).
 *
 * Most libtext readers take a path, so each input is written to a per-process
 * scratch file (the extension picks the format) and read back from there. */
#ifndef SLANT_FUZZ_H
#define SLANT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char fuzz_dir[64];

static inline void fuzz_cleanup(void)
{
	char cmd[128];
	if (fuzz_dir[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz: could not remove %s\n", fuzz_dir);
	}
}

/* Write data[0..n) to DIR/input.EXT and return that path (static buffer). */
static inline const char *fuzz_file(const char *ext, const uint8_t *data, size_t n)
{
	static char path[128];
	if (!fuzz_dir[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(fuzz_dir, sizeof fuzz_dir, "%s/slant-fuzz-XXXXXX",
			 tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
		if (!mkdtemp(fuzz_dir)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(fuzz_cleanup);
	}
	snprintf(path, sizeof path, "%s/input.%s", fuzz_dir, ext);
	FILE *f = fopen(path, "wb");
	if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
		perror("fuzz: write input");
		abort();
	}
	return path;
}

#endif
