// SPDX-License-Identifier: MIT
/*
 * rf-bench: operations per second on the seeded mixed workload, for a small
 * and a large zone, in both modes -- the engine alone and the engine under
 * the oracle at its cheap level -- with the ratios measured in the same run:
 * v4 against vanilla, and the oracle's rate against the engine's.  Runs
 * alternate between configurations and the median of each is reported, so a
 * noisy neighbour hurts all of them alike.  What the oracle keeps is the
 * median of each repetition's own ratio -- the engine's run and the
 * oracle's, back to back -- rather than a ratio of two medians that may come
 * from different repetitions: on a shared machine the large zone's
 * memory-bound runs swing by half from one second to the next.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <regionfuzz/engine.h>
#include <regionfuzz/oracle.h>

#include "cputime.h"
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
	bool no_oracle;
};

static void geometry_of(const struct size *sz, struct rf_geometry *g)
{
	rf_geometry_default(g, sz->pages_shift);
	g->max_order = sz->max_order;
	g->pageblock_order = sz->pageblock_order;
	g->region_shift = sz->region_shift;
}

static void oracle_failed(const struct rf_failure *f, void *ctx)
{
	(void)ctx;
	rf_failure_print(stderr, f);
	fprintf(stderr, "rf-bench: the oracle rejected the workload; a benchmark of a broken engine means nothing\n");
	exit(1);
}

/* The stream through the oracle at the cheap level; the set-up and final
 * walks, paid once per run, are not timed. */
static int oracle_replay(const struct stream *st, const struct rf_geometry *geo, enum rf_mode mode,
			 double *seconds)
{
	struct rf_exec_config cfg = {
		.modes = 1u << mode,
		.level = RF_LEVEL_CHEAP,
		.options = RF_OPT_FIXES,
		.on_fail = oracle_failed,
	};
	struct rf_session *session;
	char why[160];

	if (rf_session_open(geo, &cfg, &session, why, sizeof(why))) {
		fprintf(stderr, "rf-bench: %s\n", why);
		return RF_EGEOMETRY;
	}

	double t0 = cpu_seconds();

	for (unsigned long i = 0; i < st->nr; i++)
		rf_session_step(session, &st->ops[i]);
	*seconds = cpu_seconds() - t0;
	rf_session_close(session, NULL);
	return RF_OK;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Of a copy: the runs stay in their order, paired by repetition. */
static double median(const double *runs, unsigned int n)
{
	double v[100];

	memcpy(v, runs, n * sizeof(*v));
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rf-bench [--ops N] [--reps N] [--seed S] [--only small|large] [--no-oracle]\n"
		"\n"
		"Operations per second on a fixed, seeded mixed workload (allocations of\n"
		"several orders and all three types, frees, move_freepages, isolation), at\n"
		"2^12 pages (regions of 2^10) and 2^22 pages (regions of 2^17), MAX_ORDER 11,\n"
		"pageblock_order 9, clean engine (every finding's fix on), in vanilla and v4\n"
		"mode, alone and under the oracle's cheap level.  Prints, measured in the\n"
		"same run, v4's time per operation against vanilla's and the share of the\n"
		"engine's rate the oracle keeps.\n"
		"\n"
		"  --ops N      operations per run (default 1000000)\n"
		"  --reps N     runs per configuration, alternating (default 5)\n"
		"  --seed S     workload seed (default 1)\n"
		"  --only X     only the small or the large zone\n"
		"  --no-oracle  the engine alone\n");
}

static bool parse_ulong(const char *s, unsigned long *v)
{
	char *end;

	*v = strtoul(s, &end, 0);
	return *s && !*end;
}

static int parse(int argc, char **argv, struct options *o)
{
	for (int i = 1; i < argc; i++) {
		unsigned long v;
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			exit(0);
		}
		if (!strcmp(a, "--no-oracle")) {
			o->no_oracle = true;
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "rf-bench: '%s' needs a value, or is not an option\n", a);
			return 2;
		}

		const char *val = argv[++i];

		if (!strcmp(a, "--only") && (!strcmp(val, "small") || !strcmp(val, "large")))
			o->only = val;
		else if (!strcmp(a, "--ops") && parse_ulong(val, &v) && v > 0)
			o->ops = v;
		else if (!strcmp(a, "--reps") && parse_ulong(val, &v) && v > 0 && v <= 100)
			o->reps = (unsigned int)v;
		else if (!strcmp(a, "--seed") && parse_ulong(val, &v))
			o->seed = v;
		else {
			fprintf(stderr, "rf-bench: bad option or value: %s %s\n", a, val);
			return 2;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { .ops = 1000000, .reps = 5, .seed = 1 };

	if (parse(argc, argv, &o)) {
		usage(stderr);
		return 2;
	}
	printf("rf-bench: %lu operations per run, median of %u runs, seed %llu, clean engine\n\n",
	       o.ops, o.reps, (unsigned long long)o.seed);
	printf("%-6s %-8s %14s %9s %16s %9s %13s\n", "size", "mode", "engine ops/s", "ns/op",
	       "oracle ops/s", "ns/op", "oracle keeps");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		const struct size *sz = &sizes[i];
		struct rf_geometry g;
		struct stream st;
		double t[2][2][100];	/* [mode][oracle][rep] */
		double med[2][2], kept[100];

		if (o.only && strcmp(o.only, sz->name))
			continue;
		geometry_of(sz, &g);
		fprintf(stderr, "  %s: recording the workload...", sz->name);
		if (workload_record(&st, &g, o.seed, o.ops)) {
			fprintf(stderr, "\nrf-bench: out of memory\n");
			return 1;
		}
		for (unsigned int r = 0; r < o.reps; r++) {
			for (int m = 0; m < 2; m++) {
				if (workload_replay(&st, &g, (enum rf_mode)m, &t[m][0][r]))
					return 1;
				if (!o.no_oracle && oracle_replay(&st, &g, (enum rf_mode)m, &t[m][1][r]))
					return 1;
			}
			fprintf(stderr, "\r  %s: run %u/%u          ", sz->name, r + 1, o.reps);
		}
		fprintf(stderr, "\r%40s\r", "");
		for (int m = 0; m < 2; m++) {
			for (int k = 0; k < 2 - o.no_oracle; k++)
				med[m][k] = median(t[m][k], o.reps);
			printf("%-6s %-8s %14.0f %9.1f", m ? "" : sz->name, m ? "v4" : "vanilla",
			       (double)st.nr / med[m][0], med[m][0] * 1e9 / (double)st.nr);
			if (!o.no_oracle) {
				for (unsigned int r = 0; r < o.reps; r++)
					kept[r] = t[m][0][r] / t[m][1][r];
				printf(" %16.0f %9.1f %12.2fx", (double)st.nr / med[m][1],
				       med[m][1] * 1e9 / (double)st.nr, median(kept, o.reps));
			}
			printf("\n");
		}
		printf("%-6s v4/vanilla time per operation: %.3fx (engine alone)\n", "",
		       med[1][0] / med[0][0]);
		printf("%-6s geometry: 2^%u pages, regions of 2^%u, MAX_ORDER %u, pageblock_order %u\n\n",
		       "", sz->pages_shift, sz->region_shift, sz->max_order, sz->pageblock_order);
		workload_free(&st);
	}
	return 0;
}
