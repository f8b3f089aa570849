/* SPDX-License-Identifier: MIT */
/*
 * A fuzz target: how a decoded program is run -- which engines, whether the
 * reference runs in lockstep, the oracle's level -- and how it is decoded.
 * Targets only decode and dispatch; everything they check is the oracle's.
 */
#ifndef RF_FUZZ_TARGET_H
#define RF_FUZZ_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include <regionfuzz/oracle.h>

#include "format.h"

struct rf_target {
	const char *name;
	const char *help;
	/* The op mix of the byte format for this target (format.h). */
	const struct rf_profile *profile;
	unsigned int modes;		/* enum rf_run_modes */
	bool reference;
	enum rf_level level;
};

#define TARGET(name, help) extern const struct rf_target rf_target_##name;
#include "targets.def"
#undef TARGET

/* Every target, in targets.def order, NULL-terminated. */
extern const struct rf_target *const rf_targets[];
const struct rf_target *rf_target_find(const char *name);

/* Decode @data for @t (the profile's op mix; the target's engines). */
void rf_target_decode(const struct rf_target *t, const uint8_t *data, size_t size,
		      struct rf_program *prog);
/*
 * Run one input: decode, execute under the oracle.  With @cfg NULL the
 * target's own configuration is used and a failure aborts (the fuzzing
 * engines see a crash); tools pass their own to record the failure.
 */
int rf_target_run(const struct rf_target *t, const uint8_t *data, size_t size,
		  const struct rf_exec_config *cfg, struct rf_exec_result *result);
/*
 * The target's configuration for @prog, for tools that adjust it: the clean
 * engine (every finding's fix on) unless RF_ENGINE_OPTIONS is set in the
 * environment (a number: 0 is the faithful model, as the posted code
 * behaved).  The engines run are those the target runs and the program asks
 * for ("modes" in the text); when the two have none in common, the target's
 * own, so that every program exercises every target.
 */
void rf_target_config(const struct rf_target *t, const struct rf_program *prog,
		      struct rf_exec_config *cfg);

/* Tools: the engine options every later run uses, RF_ENGINE_OPTIONS or not. */
void rf_target_set_options(unsigned long options);
/* The engine options runs use: as set, else RF_ENGINE_OPTIONS, else clean
 * (a bad RF_ENGINE_OPTIONS stops the process with a message, exit 2). */
unsigned long rf_target_options(void);

/* How one program ended, for the tools: the first failure recorded rather
 * than aborting on. */
struct rf_outcome {
	bool failed;
	struct rf_failure failure;
	struct rf_exec_result result;
};

/* Run @prog on @t's configuration, recording; with @trace, each op and its
 * results (and with @state the state after each) printed to it. */
void rf_target_outcome(const struct rf_target *t, const struct rf_program *prog, FILE *trace,
		       bool state, struct rf_outcome *o);
/* The same failure: the same check on the same engine. */
bool rf_same_failure(const struct rf_outcome *a, const struct rf_outcome *b);

/*
 * A program from a file: a ".txt" file is the text form, any other the bytes
 * of a fuzz input, read as @t reads them.  0, or -1 with @err.
 */
int rf_target_load(const struct rf_target *t, const char *path, struct rf_program *prog,
		   char *err, size_t errlen);

#endif /* RF_FUZZ_TARGET_H */
