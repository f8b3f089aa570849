// SPDX-License-Identifier: MIT
/*
 * Lockstep: long seeded random programs over varied geometries, on the clean
 * engine (every finding's fix on) and the reference, with the full walk after
 * every operation.  In vanilla mode the engine and the reference must agree on
 * every status, pfn and count, every counter and pageblock type, and every
 * list entry by entry; in v4 mode every contract and policy property must hold
 * and the fully freed state must match the reference's.
 *
 * The seeds are fixed, so a failure here is a reproducible program:
 * RF_LOCKSTEP_SEED, RF_LOCKSTEP_PROGRAMS and RF_LOCKSTEP_OPS change the run.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <regionfuzz/oracle.h>

#include "testlib.h"

static struct rf_program prog;
static struct rf_failure failure;
static bool failed;

static void record(const struct rf_failure *f, void *ctx)
{
	(void)ctx;
	failure = *f;
	failed = true;
}

static unsigned long env_ulong(const char *name, unsigned long dflt)
{
	const char *v = getenv(name);

	return v && *v ? strtoul(v, NULL, 0) : dflt;
}

static void lockstep_clean_engine(void)
{
	uint64_t seed = env_ulong("RF_LOCKSTEP_SEED", 0x10c5);
	unsigned long programs = env_ulong("RF_LOCKSTEP_PROGRAMS", 200);
	unsigned long ops = env_ulong("RF_LOCKSTEP_OPS", 500);
	unsigned long total = 0, allocs = 0, fails = 0, frees = 0, refusals = 0;
	struct rf_exec_config cfg = {
		.modes = 1u << t_mode,
		.reference = true,
		.level = RF_LEVEL_FULL,
		.options = RF_OPT_FIXES,
		.on_fail = record,
	};

	for (unsigned long i = 0; i < programs && !failed; i++) {
		uint64_t s = seed + i, first = s;
		struct rf_geometry g;
		struct rf_exec_result res;
		char why[200];

		rf_random_geometry(&g, &s);
		rf_random_program(&prog, &g, (uint32_t)ops, &s);
		if (rf_exec(&prog, &cfg, &res, why, sizeof(why)) != RF_OK) {
			t_fail(__FILE__, __LINE__, "program seed %#" PRIx64 ": %s", first, why);
			return;
		}
		total += res.ops_run;
		allocs += res.allocs;
		fails += res.alloc_fails;
		frees += res.frees;
		refusals += res.refusals;
		if (failed) {
			rf_failure_print(stderr, &failure);
			t_fail(__FILE__, __LINE__,
			       "program seed %#" PRIx64 " (rf_random_geometry + rf_random_program, %lu ops) failed",
			       first, ops);
		}
	}
	printf("lockstep %s: %lu programs, %lu operations, full walk after each; %lu allocations (%lu failed), %lu frees, %lu refusals\n",
	       t_mode == RF_MODE_V4 ? "v4 + reference" : "vanilla + reference", programs, total,
	       allocs, fails, frees, refusals);
	CHECK(total >= programs * ops);
}

static const struct t_case cases[] = {
	TEST(lockstep_clean_engine, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "lockstep", cases);
}
