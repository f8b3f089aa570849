// SPDX-License-Identifier: MIT
/*
 * Edge geometries: the geometry header is read with a bias toward the corners
 * of MODEL.md's ranges -- MAX_ORDER 2 to 4 or 11, pageblock_order 1 or just
 * below MAX_ORDER-1, unaligned node starts and zone boundaries, holes and
 * reserved pages -- and the full walk runs after every op, since edges break
 * structure more often than counters.
 */
#include "target.h"

static const struct rf_profile geometry = {
	.name = "geometry",
	.edge_geometry = true,
	.weight = {
		[RF_OP_ALLOC] = 30, [RF_OP_FREE] = 28, [RF_OP_FREE_PFN] = 2, [RF_OP_STEAL] = 4,
		[RF_OP_MOVE] = 5, [RF_OP_MOVE_BLOCK] = 5, [RF_OP_ISOLATE] = 6, [RF_OP_UNISOLATE] = 5,
		[RF_OP_ISOLATE_RANGE] = 4, [RF_OP_UNISOLATE_RANGE] = 4, [RF_OP_RESERVE] = 3,
		[RF_OP_RA_REQUEST] = 3, [RF_OP_CHECK] = 1, [RF_OP_FREE_ALL] = 1,
	},
};

const struct rf_target rf_target_geometry = {
	.name = "geometry",
	.help = "both modes and the reference on edge geometries: unaligned zones, holes, small MAX_ORDER, small pageblocks",
	.profile = &geometry,
	.modes = RF_RUN_BOTH,
	.reference = true,
	.level = RF_LEVEL_FULL,
};
