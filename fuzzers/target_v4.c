// SPDX-License-Identifier: MIT
/* The main target: the v4 engine, the whole op mix, the oracle's cheap level
 * after every op and its full walk at set-up and at the end. */
#include "target.h"

const struct rf_target rf_target_v4 = {
	.name = "v4",
	.help = "the whole op mix on the v4 engine under the oracle (the main target)",
	.profile = &rf_profile_default,
	.modes = RF_RUN_V4,
	.level = RF_LEVEL_CHEAP,
};
