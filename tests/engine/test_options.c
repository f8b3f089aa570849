// SPDX-License-Identifier: MIT
/*
 * Engine options by name (rf_options_parse / rf_options_format): what users
 * write in RF_ENGINE_OPTIONS, in scripts' --options and in the expectations
 * of regression files.  Mode-independent: runs under each mode unchanged.
 */
#include <string.h>

#include "testlib.h"

static unsigned long parsed(const char *s)
{
	unsigned long v = 0xdead;
	char err[256] = "";

	CHECK_EQ(rf_options_parse(s, &v, err, sizeof(err)), RF_OK);
	return v;
}

static void bases_and_terms(void)
{
	CHECK_EQ(parsed("clean"), RF_OPT_FIXES);
	CHECK_EQ(parsed("faithful"), 0UL);
	CHECK_EQ(parsed("0x3"), RF_OPT_FIX_ISOLATE_TWICE | RF_OPT_FIX_MOBILITY_TYPES);
	CHECK_EQ(parsed("12"), RF_OPT_FIX_PARTIAL_PAGEBLOCK | RF_OPT_FIX_ISOLATE_MERGE);
	/* A finding, a full name, a bare name: the same bit. */
	CHECK_EQ(parsed("clean-V2"), RF_OPT_FIXES & ~RF_OPT_FIX_PULL_KEEPS_TYPES);
	CHECK_EQ(parsed("clean-FIX_PULL_KEEPS_TYPES"), RF_OPT_FIXES & ~RF_OPT_FIX_PULL_KEEPS_TYPES);
	CHECK_EQ(parsed("clean-PULL_KEEPS_TYPES"), RF_OPT_FIXES & ~RF_OPT_FIX_PULL_KEEPS_TYPES);
	CHECK_EQ(parsed("faithful+F1+V5"), RF_OPT_FIX_ISOLATE_TWICE | RF_OPT_FIX_MOVE_DEFERS_RA);
	CHECK_EQ(parsed("clean+INJECT_NR_DELTA"), RF_OPT_FIXES | RF_OPT_INJECT_NR_DELTA);
	CHECK_EQ(parsed("clean+NR_DELTA-NR_DELTA"), RF_OPT_FIXES);
}

static void bad_strings_leave_the_value(void)
{
	static const char *const bad[] = {
		"", "dirty", "clean+", "clean-V9", "clean*V2", "clean+FIX_", "0x1ff0000000000000",
		"faithful V1", "+V1",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		unsigned long v = 0xdead;
		char err[256] = "";

		CHECK_EQ(rf_options_parse(bad[i], &v, err, sizeof(err)), RF_EINVAL);
		CHECK_EQ(v, 0xdeadUL);
		/* The message quotes what was wrong. */
		CHECK(strstr(err, "options '") != NULL);
	}
}

static void format_round_trips(void)
{
	static const unsigned long cases[] = { 0, 1, 0x10000 };
	char buf[512];

	rf_options_format(RF_OPT_FIXES, buf, sizeof(buf));
	CHECK(!strcmp(buf, "clean"));
	rf_options_format(0, buf, sizeof(buf));
	CHECK(!strcmp(buf, "faithful"));
	rf_options_format(RF_OPT_FIXES & ~RF_OPT_FIX_MOVE_DEFERS_RA, buf, sizeof(buf));
	CHECK(!strcmp(buf, "clean-V5"));
	rf_options_format(RF_OPT_FIXES | RF_OPT_INJECT_RA_REQUEST, buf, sizeof(buf));
	CHECK(!strcmp(buf, "clean+INJECT_RA_REQUEST"));
	rf_options_format(RF_OPT_FIX_ISOLATE_TWICE, buf, sizeof(buf));
	CHECK(!strcmp(buf, "faithful+F1"));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rf_options_format(cases[i], buf, sizeof(buf));
		CHECK_EQ(parsed(buf), cases[i]);
	}
	/* Every single bit, from both bases. */
	for (unsigned int b = 0; b < 64; b++) {
		if (!rf_option_name(b))
			continue;
		rf_options_format(1UL << b, buf, sizeof(buf));
		CHECK_EQ(parsed(buf), 1UL << b);
		rf_options_format(RF_OPT_FIXES ^ 1UL << b, buf, sizeof(buf));
		CHECK_EQ(parsed(buf), RF_OPT_FIXES ^ 1UL << b);
	}
	/* snprintf's contract: the length it needs, a short buffer terminated. */
	int need = rf_options_format(RF_OPT_FIXES | RF_OPT_INJECTS, NULL, 0);

	CHECK(need > 20);
	CHECK_EQ(rf_options_format(RF_OPT_FIXES | RF_OPT_INJECTS, buf, 8), need);
	CHECK_EQ(strlen(buf), 7UL);
}

static const struct t_case cases[] = {
	TEST(bases_and_terms, BOTH),
	TEST(bad_strings_leave_the_value, BOTH),
	TEST(format_round_trips, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "options", cases);
}
