// SPDX-License-Identifier: MIT
/*
 * The fuzzing entry point of one target, compiled once per target with
 * -DRF_TARGET=rf_target_<name>: linked with libFuzzer, with AFL++'s driver
 * (persistent mode), or with replay_main.c for a plain replay executable.
 */
#include "target.h"

#ifndef RF_TARGET
#error "compile entry.c with -DRF_TARGET=rf_target_<name>"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rf_target_run(&RF_TARGET, data, size, NULL, NULL);
	return 0;
}

/* For the custom mutator and the tools: which target this binary is. */
const struct rf_target *rf_this_target(void);

const struct rf_target *rf_this_target(void)
{
	return &RF_TARGET;
}
