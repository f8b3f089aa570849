// SPDX-License-Identifier: MIT
/*
 * rf-study: the consolidation study (issue 8).  Parses the parameters --
 * every check before anything is written, so a bad argument leaves no
 * trace -- then runs the workloads asked for, in each mode asked for.
 */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <time.h>

#include "study.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	struct study_config cfg;
	struct output out;
	char msg[512];
	double t0 = now();
	int err = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			config_usage(stdout);
			return 0;
		}
	}
	config_defaults(&cfg);
	if (config_parse(&cfg, argc, argv, msg, sizeof(msg))) {
		fprintf(stderr, "rf-study: %s\n", msg);
		return 2;
	}
	progress_enable(cfg.progress);
	if (output_open(&out, cfg.out_dir))
		return 1;

	config_describe(&cfg, msg, sizeof(msg));
	output_printf(&out, "rf-study%s: %s\n", cfg.quick ? " --quick" : "", msg);
	if (cfg.run_ebizzy)
		err = ebizzy_study(&cfg, &out);
	if (cfg.run_sweep && !err)
		err = sweep_study(&cfg, &out);
	progress_clear();
	if (output_close(&out))
		err = -1;
	/* The wall time goes to stderr only: the outputs must not change
	 * from one run of a seed to the next. */
	fprintf(stderr, "rf-study: %s in %.1f s; outputs in %s/\n", err ? "FAILED" : "done",
		now() - t0, cfg.out_dir);
	return err ? 1 : 0;
}
