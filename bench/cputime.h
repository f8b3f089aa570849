/* SPDX-License-Identifier: MIT */
/*
 * The benchmarks' clock: the CPU time this process has used, not the wall
 * clock.  Two cores shared with builds and fuzzers deschedule a benchmark
 * at random; CPU time leaves those gaps out, so the ratios measured in one
 * run (v4 against vanilla, oracle against engine) hold on a busy machine
 * too.  What it cannot leave out is a neighbour's pressure on the shared
 * caches: for absolute rates, a quiet machine is still the place.
 */
#ifndef RF_BENCH_CPUTIME_H
#define RF_BENCH_CPUTIME_H

#include <time.h>

static inline double cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#endif /* RF_BENCH_CPUTIME_H */
