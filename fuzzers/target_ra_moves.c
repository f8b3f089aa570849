// SPDX-License-Identifier: MIT
/*
 * The region allocator's edges: v4 only, with moves, isolation, reserve
 * set-up and region requests far more frequent than in the main mix, and
 * enough allocation and freeing to fill regions and empty them again.
 */
#include "target.h"

static const struct rf_profile ra_moves = {
	.name = "ra_moves",
	.weight = {
		[RF_OP_ALLOC] = 22, [RF_OP_FREE] = 22, [RF_OP_FREE_PFN] = 1, [RF_OP_STEAL] = 2,
		[RF_OP_MOVE] = 10, [RF_OP_MOVE_BLOCK] = 10, [RF_OP_ISOLATE] = 7,
		[RF_OP_UNISOLATE] = 6, [RF_OP_ISOLATE_RANGE] = 4, [RF_OP_UNISOLATE_RANGE] = 4,
		[RF_OP_RESERVE] = 3, [RF_OP_RA_REQUEST] = 8, [RF_OP_CHECK] = 1, [RF_OP_FREE_ALL] = 1,
	},
};

const struct rf_target rf_target_ra_moves = {
	.name = "ra_moves",
	.help = "v4: move_freepages, isolation, reserve and region requests around the region allocator",
	.profile = &ra_moves,
	.modes = RF_RUN_V4,
	.level = RF_LEVEL_CHEAP,
};
