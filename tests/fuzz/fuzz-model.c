/* Fuzz the stance model loader (text_svm bundle read, including the embedded
 * liblinear / libsvm model text).  The bundle ends with a CRC over its body, so
 * a random change is refused at once; when bit 0 of the first byte is set the
 * harness appends a correct "end BYTES CRC" line, so the parser behind the
 * checksum is reached too. */
#include <zlib.h>

#include "fuzz.h"
#include "text_svm.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const uint8_t *body = data + 1;
	size_t n = size - 1;
	const char *path;
	if (data[0] & 1) {
		char tail[64];
		unsigned long crc = crc32(0L, body, (uInt)n);
		int k = snprintf(tail, sizeof tail, "end\t%zu\t%08lx\n", n, crc);
		uint8_t *buf = malloc(n + (size_t)k);
		if (!buf)
			abort();
		memcpy(buf, body, n);
		memcpy(buf + n, tail, (size_t)k);
		path = fuzz_file("model", buf, n + (size_t)k);
		free(buf);
	} else {
		path = fuzz_file("model", body, n);
	}
	txt_svm_bundle *b = txt_svm_bundle_read(path);
	txt_svm_bundle_free(b);
	return 0;
}
