// SPDX-License-Identifier: MIT
/*
 * rf-bench: engine operations per second on the seeded mixed workload, for a
 * small and a large zone, in both modes, with the v4/vanilla cost ratio
 * measured in the same run.  Runs alternate between the modes and the median
 * of each is reported, so a noisy neighbour hurts both sides alike.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <regionfuzz/engine.h>
#include <regionfuzz/introspect.h>

#include "workload.h"

struct size {
	const char *name;
	unsigned int pages_shift, region_shift, max_order, pageblock_order;
};

static const struct size sizes[] = {
	{ "small", 12, 10, 11, 9 },
	{ "large", 22, 17, 11, 9 },
};

struct options {
	unsigned long ops;
	unsigned int reps;
	uint64_t seed;
	const char *only;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Seconds for @ops operations of the workload on a fresh node, or < 0. */
static double run_once(const struct size *sz, enum rf_mode mode, const struct options *o)
{
	struct rf_geometry g;
	struct rf_config cfg = { .mode = mode };
	struct rf_node *node;
	struct workload w;
	char why[160];

	rf_geometry_default(&g, sz->pages_shift);
	g.max_order = sz->max_order;
	g.pageblock_order = sz->pageblock_order;
	g.region_shift = sz->region_shift;
	if (rf_node_create(&g, &cfg, &node, why, sizeof(why))) {
		fprintf(stderr, "rf-bench: cannot build the %s node: %s\n", sz->name, why);
		return -1;
	}
	if (workload_init(&w, node, o->seed)) {
		rf_node_destroy(node);
		return -1;
	}

	double t0 = now();

	for (unsigned long i = 0; i < o->ops; i++)
		workload_step(&w);

	double t = now() - t0;

	workload_fini(&w);
	rf_node_destroy(node);
	return t;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rf-bench [--ops N] [--reps N] [--seed S] [--only small|large]\n"
		"\n"
		"Engine operations per second on a fixed, seeded mixed workload (allocations\n"
		"of several orders and all three types, frees, move_freepages, isolation),\n"
		"at 2^12 pages (regions of 2^10) and 2^22 pages (regions of 2^17), MAX_ORDER 11,\n"
		"pageblock_order 9, in vanilla and v4 mode.  Prints the v4/vanilla time per\n"
		"operation measured in the same run.\n"
		"\n"
		"  --ops N    operations per run (default 1000000)\n"
		"  --reps N   runs per mode and size, alternating modes (default 5)\n"
		"  --seed S   workload seed (default 1)\n"
		"  --only X   run only the small or the large size\n");
}

static bool parse_ulong(const char *s, unsigned long *v)
{
	char *end;

	*v = strtoul(s, &end, 0);
	return *s && !*end;
}

int main(int argc, char **argv)
{
	struct options o = { .ops = 1000000, .reps = 5, .seed = 1 };

	for (int i = 1; i < argc; i++) {
		unsigned long v;
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "rf-bench: '%s' needs a value or is unknown\n", a);
			usage(stderr);
			return 2;
		}
		const char *val = argv[++i];

		if (!strcmp(a, "--only") && (!strcmp(val, "small") || !strcmp(val, "large")))
			o.only = val;
		else if (!strcmp(a, "--ops") && parse_ulong(val, &v) && v > 0)
			o.ops = v;
		else if (!strcmp(a, "--reps") && parse_ulong(val, &v) && v > 0 && v <= 100)
			o.reps = (unsigned int)v;
		else if (!strcmp(a, "--seed") && parse_ulong(val, &v))
			o.seed = v;
		else {
			fprintf(stderr, "rf-bench: bad option or value: %s %s\n", a, val);
			usage(stderr);
			return 2;
		}
	}

	printf("rf-bench: %lu operations per run, median of %u runs per mode, seed %llu\n\n",
	       o.ops, o.reps, (unsigned long long)o.seed);
	printf("%-6s %-36s %-8s %12s %10s\n", "size", "geometry", "mode", "ops/s", "ns/op");
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		const struct size *sz = &sizes[s];
		double t[2][100];
		char geo[64];

		if (o.only && strcmp(o.only, sz->name))
			continue;
		for (unsigned int r = 0; r < o.reps; r++) {
			for (int m = 0; m < 2; m++) {
				t[m][r] = run_once(sz, m ? RF_MODE_V4 : RF_MODE_VANILLA, &o);
				if (t[m][r] < 0)
					return 1;
			}
			fprintf(stderr, "\r  %s: run %u/%u", sz->name, r + 1, o.reps);
		}
		fprintf(stderr, "\r%40s\r", "");
		snprintf(geo, sizeof(geo), "2^%u pages, regions 2^%u, pb %u", sz->pages_shift,
			 sz->region_shift, sz->pageblock_order);

		double med[2];

		for (int m = 0; m < 2; m++) {
			med[m] = median(t[m], o.reps);
			printf("%-6s %-36s %-8s %12.0f %10.1f\n", m ? "" : sz->name, m ? "" : geo,
			       m ? "v4" : "vanilla", (double)o.ops / med[m], med[m] * 1e9 / (double)o.ops);
		}
		printf("%-6s %-36s v4/vanilla time per operation: %.3fx\n\n", "", "", med[1] / med[0]);
	}
	return 0;
}
