/* SPDX-License-Identifier: MIT */
/*
 * The oracle: it runs a program of allocator operations on the engine -- in
 * one or both modes -- and, in lockstep, on the independent reference buddy,
 * and decides after every operation whether anything misbehaved.  Five layers
 * (docs/ORACLE.md): per-op contracts, a shadow model built from API results,
 * structural walks of the engine's state, the differential against the
 * reference, and the v4 policy properties.
 *
 * A failure names a stable check id (the crash bucket), the op index, the op
 * as text, what was expected and found, and a picture of the state around the
 * pfn involved; by default it is printed and the process aborts, so that
 * libFuzzer and AFL++ see a crash.
 */
#ifndef REGIONFUZZ_ORACLE_H
#define REGIONFUZZ_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <regionfuzz/engine.h>
#include <regionfuzz/introspect.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fields an operation carries (ops.def names them per op). */
enum rf_op_field {
	F_ZONE = 1 << 0,
	F_ORDER = 1 << 1,
	F_MT = 1 << 2,
	F_HANDLE = 1 << 3,
	F_PFN = 1 << 4,
	F_END = 1 << 5,
	F_QUOTA = 1 << 6,
	F_REGION = 1 << 7,
};

enum rf_op_kind {
#define OP(name, text, fields, help) RF_OP_##name,
#include "ops.def"
#undef OP
	RF_OP_NR
};

struct rf_op {
	enum rf_op_kind kind;
	unsigned int zone;
	unsigned int order;
	int mt;
	uint32_t handle;
	unsigned long pfn;
	unsigned long end;
	unsigned int quota;
	int region;
};

/* Which engines a program runs on. */
enum rf_run_modes {
	RF_RUN_VANILLA = 1 << RF_MODE_VANILLA,
	RF_RUN_V4 = 1 << RF_MODE_V4,
	RF_RUN_BOTH = RF_RUN_VANILLA | RF_RUN_V4,
};

#define RF_PROGRAM_MAX_OPS 4096

struct rf_program {
	struct rf_geometry geo;
	unsigned int modes;		/* enum rf_run_modes: what the program asks for */
	uint32_t nr_ops;
	struct rf_op ops[RF_PROGRAM_MAX_OPS];
};

const char *rf_op_name(enum rf_op_kind kind);
unsigned int rf_op_fields(enum rf_op_kind kind);
const char *rf_op_help(enum rf_op_kind kind);
/* @op as one line of the text form, without a newline (snprintf's contract). */
int rf_op_format(char *buf, size_t len, const struct rf_op *op);
void rf_op_print(FILE *f, const struct rf_op *op);

/* Check ids (checks.def). */
enum rf_check {
#define CHECKID(name, id, layer, help) RF_CHECK_##name,
#include "checks.def"
#undef CHECKID
	RF_CHECK_NR
};

const char *rf_check_id(enum rf_check c);
const char *rf_check_layer(enum rf_check c);
const char *rf_check_help(enum rf_check c);

/* Cost levels, as mimalloc's assertion levels. */
enum rf_level {
	RF_LEVEL_CHEAP,		/* per-op contracts and what the op touched */
	RF_LEVEL_FULL,		/* plus every structural walk after every op */
	RF_LEVEL_EXPENSIVE,	/* plus whole-state comparisons around invalid calls */
};

struct rf_failure {
	enum rf_check check;
	uint32_t op_index;		/* RF_NO_OP for set-up or the final walk */
	enum rf_mode mode;		/* the engine that failed */
	unsigned long pfn;		/* the pfn involved, or ~0UL */
	char op_text[160];		/* the op as a line of the text form */
	char message[512];		/* expected and found */
	char picture[2048];		/* the state around pfn */
};

#define RF_NO_OP UINT32_MAX

/* Called on a failure; the default prints the report and aborts. */
typedef void (*rf_fail_fn)(const struct rf_failure *f, void *ctx);

struct rf_exec_config {
	unsigned int modes;		/* engines to run: enum rf_run_modes */
	bool reference;			/* run the reference buddy in lockstep */
	enum rf_level level;
	unsigned long options;		/* engine options (RF_OPT_*) */
	rf_fail_fn on_fail;		/* NULL: report on stderr and abort() */
	void *fail_ctx;
	FILE *trace;			/* each op and its results, or NULL */
	bool trace_state;		/* with trace: the state after each op too */
	/* Test-only: called before each op with each engine's node (NULL when
	 * not running) and the reference (a struct ref_buddy *, or NULL), so a
	 * test can break state on purpose. */
	void (*before_op)(uint32_t op_index, struct rf_node *vanilla, struct rf_node *v4,
			  void *reference, void *ctx);
	void *before_op_ctx;
};

struct rf_exec_result {
	uint32_t ops_run;
	bool failed;
	struct rf_failure failure;	/* the first failure, when failed */
	unsigned long allocs, alloc_fails, frees, refusals;
	/* Full walks run, per engine run: at set-up (unless a copy of a set-up
	 * already walked), at checkpoints and at the end.  A checkpoint of the
	 * state the last walk passed -- no op in between -- is not walked again. */
	unsigned long full_walks;
	/* Per engine (enum rf_mode), its zones' event counts summed, as they
	 * stood at the end: what a program reached (fallbacks, steals, RA
	 * hand-outs...), for corpus reports.  Zero for an engine not run. */
	struct rf_zone_stats stats[2];
};

/* RF_OK when the program ran (clean or not: see result->failed);
 * RF_EGEOMETRY with @why when its geometry was refused. */
int rf_exec(const struct rf_program *prog, const struct rf_exec_config *cfg,
	    struct rf_exec_result *result, char *why, size_t whylen);

/*
 * The same, one op at a time, for op streams that are not programs (long
 * benchmarks, interactive tools).  A session runs the set-up walk when it
 * opens, checks each op as it comes, and the final walk when it closes;
 * rf_session_step() returns false once a check has failed.
 */
struct rf_session;
int rf_session_open(const struct rf_geometry *geo, const struct rf_exec_config *cfg,
		    struct rf_session **out, char *why, size_t whylen);
bool rf_session_step(struct rf_session *session, const struct rf_op *op);
void rf_session_close(struct rf_session *session, struct rf_exec_result *result);

/*
 * Sessions start from a copy of the last set-up of their geometry and
 * configuration (one kept per engine mode), whose set-up walk has already
 * passed once: programs on one geometry pay for set-up and its proof once.
 * This frees what is kept, for tools that want a clean exit under leak
 * checkers; the next session simply sets up again.
 */
void rf_session_cache_clear(void);

/* The default report, to @f. */
void rf_failure_print(FILE *f, const struct rf_failure *failure);

/*
 * Seeded random programs (gen.c), for tests, benchmarks and studies: the same
 * seed gives the same geometry and program on every build.  Geometries stay in
 * the fuzzing ranges (small nodes, every MAX_ORDER and pageblock order, one to
 * three zones, unaligned starts, holes, reserved pages); programs mix every
 * operation, with invalid calls now and then on purpose.
 */
uint64_t rf_rand(uint64_t *state);
void rf_random_geometry(struct rf_geometry *g, uint64_t *state);
void rf_random_program(struct rf_program *p, const struct rf_geometry *g, uint32_t nr_ops,
		       uint64_t *state);

#ifdef __cplusplus
}
#endif
#endif /* REGIONFUZZ_ORACLE_H */
