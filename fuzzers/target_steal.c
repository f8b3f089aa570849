// SPDX-License-Identifier: MIT
/*
 * Fallbacks and pageblock stealing: both modes and the reference, with
 * allocations of every type competing for pageblocks, direct steals, and the
 * reserve set up now and then so that the RESERVE retry is reached.
 */
#include "target.h"

static const struct rf_profile steal = {
	.name = "steal",
	.weight = {
		[RF_OP_ALLOC] = 40, [RF_OP_FREE] = 30, [RF_OP_FREE_PFN] = 1, [RF_OP_STEAL] = 12,
		[RF_OP_MOVE] = 2, [RF_OP_MOVE_BLOCK] = 3, [RF_OP_ISOLATE] = 2, [RF_OP_UNISOLATE] = 2,
		[RF_OP_ISOLATE_RANGE] = 1, [RF_OP_UNISOLATE_RANGE] = 1, [RF_OP_RESERVE] = 3,
		[RF_OP_RA_REQUEST] = 2, [RF_OP_CHECK] = 1, [RF_OP_FREE_ALL] = 1,
	},
};

const struct rf_target rf_target_steal = {
	.name = "steal",
	.help = "both modes and the reference: fallbacks and pageblock stealing under type pressure",
	.profile = &steal,
	.modes = RF_RUN_BOTH,
	.reference = true,
	.level = RF_LEVEL_CHEAP,
};
