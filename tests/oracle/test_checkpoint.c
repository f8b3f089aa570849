// SPDX-License-Identifier: MIT
/*
 * Checkpoints.  A check op walks the whole state, and so does the end of a
 * program -- unless nothing has reached the node since the last walk
 * passed: a second walk of the same state could only repeat the verdict.
 * Checkpoints in a row cost one walk; an op, or a write through the
 * before_op hook, between them arms the next one again.
 *
 * G32: 32 pages, max_order 4, pageblock_order 2, 8-page regions; every
 * program starts with one order-0 MOVABLE allocation, and the set-up is
 * walked by a warm-up run first, so the counts below are the programs' own.
 *
 *   alloc  check  check  check   |end      walks: the first check (1)
 *   alloc  check  alloc  check   |end      walks: both checks (2)
 *   alloc                        |end      walks: the end (1)
 *   alloc  check  check  check     nr_free of order 3 bumped before op 2:
 *                                  INV-NR-FREE fires at op 2, not later
 */
#include <string.h>

#include <regionfuzz/oracle.h>
#include <regionfuzz/testhooks.h>

#include "testlib.h"

static struct rf_program prog;

struct hook {
	uint32_t op;		/* corrupt right before this op */
	int err;
	bool applied;
};

static void before_op(uint32_t op_index, struct rf_node *vanilla, struct rf_node *v4,
		      void *reference, void *ctx)
{
	struct hook *h = ctx;
	struct rf_node *node = t_mode == RF_MODE_V4 ? v4 : vanilla;

	(void)reference;
	if (op_index != h->op)
		return;
	h->err = rf_test_corrupt(node, RF_CORRUPT_NR_FREE, 0, 0, 3, 0, 1);
	h->applied = !h->err;
}

static void build(const char *ops)
{
	memset(&prog, 0, sizeof(prog));
	prog.geo = t_geo(4, 2, 3, 0, 32);
	prog.modes = 1u << t_mode;
	for (const char *c = ops; *c; c++)
		prog.ops[prog.nr_ops++] = *c == 'a'
			? (struct rf_op){ .kind = RF_OP_ALLOC, .order = 0, .mt = MIGRATE_MOVABLE }
			: (struct rf_op){ .kind = RF_OP_CHECK };
}

/* The failure is in the result; without a handler the oracle would abort. */
static void keep_going(const struct rf_failure *f, void *ctx)
{
	(void)f;
	(void)ctx;
}

/* @ops: 'a' an allocation, 'c' a check; @h: the corruption, or NULL. */
static struct rf_exec_result run(const char *ops, struct hook *h)
{
	struct rf_exec_config cfg = {
		.modes = 1u << t_mode,
		.level = RF_LEVEL_CHEAP,
		.options = RF_OPT_FIXES,
		.on_fail = keep_going,
		.before_op = h ? before_op : NULL,
		.before_op_ctx = h,
	};
	struct rf_exec_result res;
	char why[200];

	build(ops);
	CHECK_STATUS(rf_exec(&prog, &cfg, &res, why, sizeof(why)), RF_OK);
	return res;
}

static void checkpoints_in_a_row_walk_once(void)
{
	run("a", NULL);		/* the set-up, walked and kept */

	struct rf_exec_result res = run("acccc", NULL);

	CHECK(!res.failed);
	CHECK_EQ(res.ops_run, 5);
	CHECK_EQ(res.full_walks, 1);

	res = run("acac", NULL);
	CHECK(!res.failed);
	CHECK_EQ(res.full_walks, 2);

	res = run("a", NULL);
	CHECK(!res.failed);
	CHECK_EQ(res.full_walks, 1);
}

static void a_write_between_checkpoints_is_walked(void)
{
	struct hook h = { .op = 2 };
	struct rf_exec_result res = run("accc", &h);

	CHECK(h.applied);
	CHECK(res.failed);
	CHECK_EQ(res.failure.check, RF_CHECK_NR_FREE);
	CHECK_EQ(res.failure.op_index, 2);

	/* The control: the same program, nothing written, runs clean. */
	res = run("accc", NULL);
	CHECK(!res.failed);
}

static const struct t_case cases[] = {
	TEST(checkpoints_in_a_row_walk_once, BOTH),
	TEST(a_write_between_checkpoints_is_walked, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "checkpoint", cases);
}
