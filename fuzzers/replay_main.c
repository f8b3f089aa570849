// SPDX-License-Identifier: MIT
/*
 * A plain main() for a target, without any fuzzing engine: runs every file
 * given, and every file in every directory given, through the target once,
 * in name order.  Any build (gcc or clang, any sanitizer) replays corpora and
 * crashes with it; a failure aborts as under the fuzzers.  A file named *.txt
 * is a program's text, run as its canonical bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const struct rf_target *rf_this_target(void);

static unsigned long replayed;

static int replay_file(const char *path, void *ctx)
{
	static struct rf_program prog;
	char err[512];
	size_t len, n = strlen(path);
	char *data;

	(void)ctx;
	if (n > 4 && !strcmp(path + n - 4, ".txt")) {
		if (rf_target_load(rf_this_target(), path, &prog, err, sizeof(err))) {
			fprintf(stderr, "replay: %s\n", err);
			return -1;
		}
		len = rf_encode(&prog, NULL, 0);
		data = malloc(len ? len : 1);
		if (!data || !rf_encode(&prog, (uint8_t *)data, len)) {
			fprintf(stderr, "replay: %s: cannot encode the program\n", path);
			free(data);
			return -1;
		}
	} else if (!(data = rf_read_file(path, &len, err, sizeof(err)))) {
		fprintf(stderr, "replay: %s\n", err);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	replayed++;
	return 0;
}

int main(int argc, char **argv)
{
	char err[512];
	int bad = 0;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fprintf(argc < 2 ? stderr : stdout,
			"usage: %s FILE|DIR...\n\n"
			"Runs each input through the '%s' target once (%s), without a fuzzing\n"
			"engine; *.txt files are programs' texts.  A contract violation prints the\n"
			"oracle's report and aborts.  The engine is the clean one unless\n"
			"RF_ENGINE_OPTIONS says otherwise ('faithful', 'clean-V2', ...).\n",
			argv[0], rf_this_target()->name, rf_this_target()->help);
		return argc < 2 ? 2 : 0;
	}
	for (int i = 1; i < argc; i++) {
		*err = '\0';
		if (rf_for_each_file(argv[i], replay_file, NULL, err, sizeof(err))) {
			if (*err)
				fprintf(stderr, "replay: %s\n", err);
			bad = 1;
		}
	}
	printf("replay %s: %lu inputs, no failure\n", rf_this_target()->name, replayed);
	return bad ? 1 : 0;
}
