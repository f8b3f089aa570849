// SPDX-License-Identifier: MIT
/* v4, vanilla and the reference on the same program: vanilla must match the
 * reference exactly, and both engines every contract. */
#include "target.h"

const struct rf_target rf_target_differential = {
	.name = "differential",
	.help = "v4, vanilla and the reference in lockstep on the same programs",
	.profile = &rf_profile_default,
	.modes = RF_RUN_BOTH,
	.reference = true,
	.level = RF_LEVEL_CHEAP,
};
