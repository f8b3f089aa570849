/* SPDX-License-Identifier: MIT */
/*
 * The op-level reducer (reduce.c): libFuzzer's -minimize_crash only cuts
 * bytes, and ignores custom mutators, so it rarely removes a whole op cleanly
 * from the middle of a program.  This works on programs, as syzkaller's
 * program minimization does: drop ops, then simplify what is left, keeping
 * only changes after which the program still fails the same way.
 */
#ifndef RF_FUZZ_REDUCE_H
#define RF_FUZZ_REDUCE_H

#include <stdio.h>

#include "target.h"

/*
 * Reduce @prog in place while it keeps failing as @want did (the same check
 * on the same engine) and stays a program the byte format can carry.  Each
 * round is reported on @log (or nothing, when NULL).  Returns the number of
 * candidate programs run.
 */
unsigned long rf_reduce(const struct rf_target *t, struct rf_program *prog,
			const struct rf_outcome *want, FILE *log);

#endif /* RF_FUZZ_REDUCE_H */
