// SPDX-License-Identifier: MIT
/*
 * Every oracle check fires: one test per check id (checks.def).
 *
 * Each test is a scenario: a small hand-built program, run by rf_exec with a
 * recording failure handler, plus a break -- a test-only corruption of one
 * thing right before one op (rf_test_corrupt() through the exec config's
 * before_op hook), an injected engine bug (RF_OPT_INJECT_*), or a fix option
 * left off where the faithful model is the natural trigger.  The test asserts
 * that the program failed, that the first failure is exactly the intended
 * check, at the op the break targets, on the side it broke.  Then it runs the
 * same program without the break (no corruption; the injection off, or the fix
 * on) and asserts that it runs clean, so the check fired because of the break.
 *
 * Every run is at RF_LEVEL_FULL -- the full walk after every op -- so "fires
 * first" holds against every other check, not only the cheap ones.  The
 * corruption scenarios run the faithful engine (options 0): their programs stay
 * clear of the faithful model's findings, which the controls prove -- but for
 * two v4 policy scenarios that need RF_OPT_FIX_RA_RETYPE_WHOLE in both runs,
 * since any hand-out to UNMOVABLE on these geometries is finding V3.
 *
 * The last test, every_check_has_a_test, reruns every scenario in every mode
 * it is marked for and fails for any check id that none of them made fire.
 *
 * Geometries (all one zone at pfn 0, MAX_ORDER 4: top blocks of 8 pages):
 *
 *   G32   32 pages, pageblocks of 4, regions of 8.  Boot: vanilla
 *         free_list[3][MOVABLE] = 24, 16, 8, 0.  v4: region 0 stays on the
 *         list as its cache, free_list[3][MOVABLE] = 0; regions 1-3 go to the
 *         region allocator (RA) as they complete; RA lowest 1.
 *   G32R  the same with one region of 32 pages: nothing can reach the RA.
 *         vanilla: 24, 16, 8, 0.  v4: one run, each add linked just before
 *         the run's tail, which stays the first block freed: 8, 16, 24, 0.
 *   G64   64 pages, pageblocks of 8 (pageblock_order == MAX_ORDER-1, the
 *         series' assumption), regions of 8.  vanilla: 56, 48, ..., 0.
 *         v4: free_list[3][MOVABLE] = 0; regions 1-7 in the RA.
 *   G48   48 pages, pageblocks of 4, regions of 16 (two top blocks each).
 *         v4: free_list[3][MOVABLE] = 8, 0; RA: region 1 = 24, 16;
 *         region 2 = 40, 32 (tests/engine/test_region_allocator.c).
 *   G16   16 pages, pageblocks of 4, regions of 8: 16 managed pages, fewer
 *         than pageblock_nr_pages * MIGRATE_TYPES = 20, so grouping by
 *         mobility is disabled.  v4: region 0 on the list, region 1 in the RA.
 *
 * RF_CHECKS_TRACE=1 in the environment traces every run to stderr.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <regionfuzz/oracle.h>
#include <regionfuzz/testhooks.h>

#include "refbuddy.h"
#include "testlib.h"

/* ------------------------------------------------------------ machinery */

struct scenario;

/* One run of a scenario. */
struct run_ctx {
	const struct scenario *sc;
	enum rf_mode mode;		/* the engine side under test */
	bool broken;			/* apply the break */
	unsigned int applied;		/* corruptions applied */
	int corrupt_err;		/* first refused corruption, or RF_OK */
	unsigned int fail_calls;	/* calls of the failure handler */
	struct rf_failure first;	/* the failure it recorded first */
};

struct scenario {
	enum rf_check check;		/* the check that must fire */
	bool reference;			/* run the reference buddy too */
	unsigned long broken_opts;	/* engine options of the broken run */
	unsigned long control_opts;	/* engine options of the control */
	/* Geometry and ops for a run on side @m. */
	void (*build)(struct rf_program *p, enum rf_mode m);
	/* The corruption, right before op @break_op; NULL when the break is
	 * broken_opts alone. */
	void (*brk)(struct run_ctx *c, struct rf_node *node, struct ref_buddy *ref);
	uint32_t break_op;
	uint32_t fire_op;		/* the op the failure must name */
};

static void record_failure(const struct rf_failure *f, void *ctx)
{
	struct run_ctx *c = ctx;

	if (!c->fail_calls++)
		c->first = *f;
}

static void before_op(uint32_t op_index, struct rf_node *vanilla, struct rf_node *v4,
		      void *reference, void *ctx)
{
	struct run_ctx *c = ctx;
	struct rf_node *node = c->mode == RF_MODE_V4 ? v4 : vanilla;

	if (!c->broken || !c->sc->brk || op_index != c->sc->break_op)
		return;
	if (!node) {
		c->corrupt_err = RF_EINVAL;
		return;
	}
	c->sc->brk(c, node, reference);
}

/* One corruption of zone 0; a refusal is remembered and fails the test. */
static void corrupt(struct run_ctx *c, struct rf_node *node, enum rf_corruption what,
		    unsigned long pfn, unsigned int order, int mt, long value)
{
	int err = rf_test_corrupt(node, what, 0, pfn, order, mt, value);

	if (err && !c->corrupt_err)
		c->corrupt_err = err;
	if (!err)
		c->applied++;
}

/* A precondition of the break did not hold: the scenario is not what it says. */
static void break_precondition(struct run_ctx *c, bool ok)
{
	if (!ok && !c->corrupt_err)
		c->corrupt_err = RF_EINVAL;
}

/* Run @sc on side @mode, broken or not.  False if rf_exec refused to run. */
static bool run(const struct scenario *sc, enum rf_mode mode, bool broken, struct run_ctx *c,
		struct rf_exec_result *res)
{
	struct rf_program *p = calloc(1, sizeof(*p));
	char why[200] = "";
	bool trace = getenv("RF_CHECKS_TRACE") != NULL;

	memset(c, 0, sizeof(*c));
	c->sc = sc;
	c->mode = mode;
	c->broken = broken;
	if (!p)
		return false;
	sc->build(p, mode);
	p->modes = 1u << mode;

	struct rf_exec_config cfg = {
		.modes = p->modes,
		.reference = sc->reference,
		.level = RF_LEVEL_FULL,
		.options = broken ? sc->broken_opts : sc->control_opts,
		.on_fail = record_failure,
		.fail_ctx = c,
		.trace = trace ? stderr : NULL,
		.trace_state = trace,
		.before_op = before_op,
		.before_op_ctx = c,
	};

	if (trace)
		fprintf(stderr, "-- %s run, %s, checking %s\n", broken ? "broken" : "control",
			mode == RF_MODE_V4 ? "v4" : "vanilla", rf_check_id(sc->check));
	int err = rf_exec(p, &cfg, res, why, sizeof(why));

	free(p);
	if (trace && !err && res->failed)
		rf_failure_print(stderr, &res->failure);
	if (err) {
		fprintf(stderr, "rf_exec: %s: %s\n", rf_strerror(err), why);
		return false;
	}
	return true;
}

/*
 * The scenario on side @mode: the break makes exactly sc->check fire, first,
 * at sc->fire_op on that side, and the control runs clean.  With @report the
 * mismatches are test failures; without, the answer alone.
 */
static bool scenario_fires(const struct scenario *sc, enum rf_mode mode, bool report)
{
	struct run_ctx c;
	struct rf_exec_result res;
	bool ok = true;
	const char *side = mode == RF_MODE_V4 ? "v4" : "vanilla";

#define EXPECT(cond, ...)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			ok = false;                                            \
			if (report)                                            \
				t_fail(__FILE__, __LINE__, __VA_ARGS__);       \
		}                                                              \
	} while (0)

	/* Broken. */
	EXPECT(run(sc, mode, true, &c, &res), "the broken run of %s did not run",
	       rf_check_id(sc->check));
	EXPECT(!sc->brk || (c.applied && c.corrupt_err == RF_OK),
	       "the corruption for %s was not applied (%u applied, %s)", rf_check_id(sc->check),
	       c.applied, rf_strerror(c.corrupt_err));
	EXPECT(res.failed, "%s on %s: the broken program ran clean", rf_check_id(sc->check), side);
	if (res.failed) {
		EXPECT(res.failure.check == sc->check, "%s fired, expected %s",
		       rf_check_id(res.failure.check), rf_check_id(sc->check));
		EXPECT(res.failure.op_index == sc->fire_op, "%s fired at op %u, expected op %u",
		       rf_check_id(res.failure.check), res.failure.op_index, sc->fire_op);
		EXPECT(res.failure.mode == mode, "%s fired on %s, expected %s",
		       rf_check_id(res.failure.check),
		       res.failure.mode == RF_MODE_V4 ? "v4" : "vanilla", side);
		EXPECT(c.fail_calls == 1 && c.first.check == res.failure.check,
		       "the failure handler was called %u times", c.fail_calls);
		if (!ok && report)
			rf_failure_print(stderr, &res.failure);
	}

	/* Control. */
	EXPECT(run(sc, mode, false, &c, &res), "the control run of %s did not run",
	       rf_check_id(sc->check));
	EXPECT(c.applied == 0, "the control run was corrupted");
	EXPECT(!res.failed, "%s on %s: the control run failed with %s at op %u",
	       rf_check_id(sc->check), side, rf_check_id(res.failure.check), res.failure.op_index);
	if (res.failed && report)
		rf_failure_print(stderr, &res.failure);
#undef EXPECT
	return ok;
}

/* ------------------------------------------------------------ building programs */

static void geo(struct rf_program *p, unsigned int pageblock_order, unsigned int region_shift,
		unsigned long pages)
{
	p->geo = t_geo(4, pageblock_order, region_shift, 0, pages);
}

#define G32(p) geo(p, 2, 3, 32)
#define G32R(p) geo(p, 2, 5, 32)
#define G64(p) geo(p, 3, 3, 64)
#define G48(p) geo(p, 2, 4, 48)
#define G16(p) geo(p, 2, 3, 16)

static void add(struct rf_program *p, struct rf_op op)
{
	p->ops[p->nr_ops++] = op;
}

static struct rf_op op_alloc(unsigned int order, int mt)
{
	return (struct rf_op){ .kind = RF_OP_ALLOC, .order = order, .mt = mt };
}

static struct rf_op op_free(uint32_t handle)
{
	return (struct rf_op){ .kind = RF_OP_FREE, .handle = handle };
}

static struct rf_op op_free_pfn(unsigned long pfn, unsigned int order)
{
	return (struct rf_op){ .kind = RF_OP_FREE_PFN, .pfn = pfn, .order = order };
}

static struct rf_op op_move(unsigned long pfn, unsigned long end, int mt)
{
	return (struct rf_op){ .kind = RF_OP_MOVE, .pfn = pfn, .end = end, .mt = mt };
}

static struct rf_op op_isolate(unsigned long pfn)
{
	return (struct rf_op){ .kind = RF_OP_ISOLATE, .pfn = pfn };
}

static struct rf_op op_unisolate(unsigned long pfn, int mt)
{
	return (struct rf_op){ .kind = RF_OP_UNISOLATE, .pfn = pfn, .mt = mt };
}

static struct rf_op op_reserve(unsigned int quota)
{
	return (struct rf_op){ .kind = RF_OP_RESERVE, .quota = quota };
}

static struct rf_op op_ra_request(int region, int mt)
{
	return (struct rf_op){ .kind = RF_OP_RA_REQUEST, .region = region, .mt = mt };
}

static struct rf_op op_free_all(void)
{
	return (struct rf_op){ .kind = RF_OP_FREE_ALL };
}

static struct rf_op op_check(void)
{
	return (struct rf_op){ .kind = RF_OP_CHECK };
}

/* ------------------------------------------------------------ looking at a node */

static unsigned long node_end(const struct rf_node *n)
{
	const struct rf_geometry *g = rf_node_geometry(n);

	return g->node_start_pfn + g->node_spanned_pages;
}

/* The first pfn heading an allocated block, or RF_NO_PFN. */
static unsigned long first_allocated(const struct rf_node *n)
{
	for (unsigned long p = rf_node_geometry(n)->node_start_pfn; p < node_end(n); p++) {
		struct rf_page_info pi;

		if (!rf_page_info(n, p, &pi) && pi.allocated)
			return p;
	}
	return RF_NO_PFN;
}

/* The first pfn heading a free block of @order, or RF_NO_PFN. */
static unsigned long first_free_of_order(const struct rf_node *n, unsigned int order)
{
	for (unsigned long p = rf_node_geometry(n)->node_start_pfn; p < node_end(n); p++) {
		struct rf_page_info pi;

		if (!rf_page_info(n, p, &pi) && pi.buddy && pi.order == order)
			return p;
	}
	return RF_NO_PFN;
}

/* ============================================================ 1. contracts */

/*
 * CONTRACT-ALLOC-BLOCK, G32.  op 0 allocates one MOVABLE page (vanilla: 24,
 * the head of the top list, split into 25, 26-27, 28-31; v4: 0, the region-0
 * cache, split likewise).  Before op 1 that allocated page is made a free
 * order-0 block at the head of free_list[0][MOVABLE] (its allocated mark
 * kept), so op 1 takes it again: a block of which a page is allocated.
 * Control: op 1 takes the real order-0 block, 25 or 1.
 */
static void build_alloc_block(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_alloc(0, MIGRATE_MOVABLE));
	add(p, op_alloc(0, MIGRATE_MOVABLE));
}

static void brk_alloc_block(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	unsigned long a = first_allocated(n);

	(void)ref;
	break_precondition(c, a != RF_NO_PFN);
	corrupt(c, n, RF_CORRUPT_FAKE_FREE, a, 0, MIGRATE_MOVABLE, 0);
}

static const struct scenario sc_contract_alloc_block = {
	.check = RF_CHECK_ALLOC_BLOCK, .build = build_alloc_block, .brk = brk_alloc_block,
	.break_op = 1, .fire_op = 1,
};

/* An allocation on G32, with or without an injected bug. */
static void build_one_alloc(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_alloc(0, MIGRATE_MOVABLE));
}

/* CONTRACT-ALLOC-RECORD: the engine does not mark the block it returns. */
static const struct scenario sc_contract_alloc_record = {
	.check = RF_CHECK_ALLOC_RECORD, .build = build_one_alloc,
	.broken_opts = RF_OPT_INJECT_ALLOC_RECORD, .fire_op = 0,
};

/*
 * CONTRACT-ALLOC-ISOLATED, G64.  op 0 isolates pageblock 0: the top block 0
 * moves to the ISOLATE list.  Before op 1 it is moved back onto
 * free_list[3][MOVABLE] through the allocator's own list functions; it is
 * that list's head (vanilla: 0, 56, 48, ...; v4: the list was empty), so the
 * order-3 MOVABLE allocation takes the isolated block.  Control: vanilla
 * takes 56; v4 finds the MOVABLE lists empty and takes RA region 1, pfn 8.
 */
static void build_alloc_isolated(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G64(p);
	add(p, op_isolate(0));
	add(p, op_alloc(3, MIGRATE_MOVABLE));
}

static void brk_alloc_isolated(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, t_on_list(n, 0, 3, MIGRATE_ISOLATE));
	corrupt(c, n, RF_CORRUPT_MOVE, 0, 0, MIGRATE_MOVABLE, 0);
}

static const struct scenario sc_contract_alloc_isolated = {
	.check = RF_CHECK_ALLOC_ISOLATED, .build = build_alloc_isolated,
	.brk = brk_alloc_isolated, .break_op = 1, .fire_op = 1,
};

/* CONTRACT-FREE, G32: the freed block keeps its allocated mark (injected). */
static void build_alloc_free(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_alloc(0, MIGRATE_MOVABLE));
	add(p, op_free(0));
}

static const struct scenario sc_contract_free = {
	.check = RF_CHECK_FREE_RESULT, .build = build_alloc_free,
	.broken_opts = RF_OPT_INJECT_FREE_RESULT, .fire_op = 1,
};

/*
 * CONTRACT-REFUSAL, G32: freeing pfn 5, which heads no allocation, must be
 * refused with RF_ENOTALLOC and change nothing; the injected bug takes a page
 * off NR_FREE_PAGES on the way out.
 */
static void build_bad_free(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_free_pfn(5, 0));
}

static const struct scenario sc_contract_refusal = {
	.check = RF_CHECK_REFUSAL, .build = build_bad_free,
	.broken_opts = RF_OPT_INJECT_REFUSAL, .fire_op = 0,
};

/* CONTRACT-NR-FREE-PAGES, G32: the allocation takes one page too few off. */
static const struct scenario sc_contract_nr_free_pages = {
	.check = RF_CHECK_NR_DELTA, .build = build_one_alloc,
	.broken_opts = RF_OPT_INJECT_NR_DELTA, .fire_op = 0,
};

/*
 * CONTRACT-MOVE, G32: move_freepages over [0, 7] to RECLAIMABLE moves the top
 * block 0 (8 pages, both modes); the injected bug reports 9.
 */
static void build_move(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_move(0, 7, MIGRATE_RECLAIMABLE));
}

static const struct scenario sc_contract_move = {
	.check = RF_CHECK_MOVE_COUNT, .build = build_move,
	.broken_opts = RF_OPT_INJECT_MOVE_COUNT, .fire_op = 0,
};

/*
 * CONTRACT-ISOLATE, G16 (grouping by mobility disabled), the faithful model
 * of finding F2: set_pageblock_migratetype() of 3.11/3.12 stores every type
 * as UNMOVABLE while grouping is disabled, so isolating pageblock 0 succeeds
 * and leaves it UNMOVABLE.  Control: RF_OPT_FIX_MOBILITY_TYPES stores ISOLATE.
 */
static void build_isolate_nomobility(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G16(p);
	add(p, op_isolate(0));
}

static const struct scenario sc_contract_isolate = {
	.check = RF_CHECK_ISOLATE_RESULT, .build = build_isolate_nomobility,
	.broken_opts = 0, .control_opts = RF_OPT_FIX_MOBILITY_TYPES, .fire_op = 0,
};

/*
 * CONTRACT-UNISOLATE, G64.  op 0 isolates pageblock 0; before op 1 its type is
 * overwritten with MOVABLE, so the undo finds nothing to undo and gives the 8
 * isolated pages nothing back.
 */
static void build_isolate_undo(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G64(p);
	add(p, op_isolate(0));
	add(p, op_unisolate(0, MIGRATE_MOVABLE));
}

static void brk_pageblock_movable(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, rf_pageblock_migratetype(n, 0) == MIGRATE_ISOLATE);
	corrupt(c, n, RF_CORRUPT_PAGEBLOCK_MT, 0, 0, MIGRATE_MOVABLE, 0);
}

static const struct scenario sc_contract_unisolate = {
	.check = RF_CHECK_UNISOLATE_RESULT, .build = build_isolate_undo,
	.brk = brk_pageblock_movable, .break_op = 1, .fire_op = 1,
};

/*
 * CONTRACT-RESERVE, G16, finding F2 again: reserve set-up with a quota of one
 * turns pageblock 0 "RESERVE", stored as UNMOVABLE, so the zone ends with no
 * RESERVE pageblock.  Control: RF_OPT_FIX_MOBILITY_TYPES.
 */
static void build_reserve_nomobility(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G16(p);
	add(p, op_reserve(1));
}

static const struct scenario sc_contract_reserve = {
	.check = RF_CHECK_RESERVE_RESULT, .build = build_reserve_nomobility,
	.broken_opts = 0, .control_opts = RF_OPT_FIX_MOBILITY_TYPES, .fire_op = 0,
};

/*
 * CONTRACT-RA-REQUEST, G32, v4: region 1 is held; asking for it hands it out
 * to MOVABLE, and the injected bug leaves its held bit set.
 */
static void build_ra_request(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_ra_request(1, MIGRATE_MOVABLE));
}

static const struct scenario sc_contract_ra_request = {
	.check = RF_CHECK_RA_REQUEST, .build = build_ra_request,
	.broken_opts = RF_OPT_INJECT_RA_REQUEST, .fire_op = 0,
};

/*
 * CONTRACT-RESTORED, G32: one allocation, then free_all.  Before free_all
 * NR_FREE_PAGES gains a page; free_all itself runs no walk, and once
 * everything is back the free blocks match set-up but the counter does not.
 */
static void build_alloc_free_all(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_alloc(0, MIGRATE_MOVABLE));
	add(p, op_free_all());
}

static void brk_nr_free_pages(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	corrupt(c, n, RF_CORRUPT_NR_FREE_PAGES, 0, 0, 0, 1);
}

static const struct scenario sc_contract_restored = {
	.check = RF_CHECK_RESTORED, .build = build_alloc_free_all,
	.brk = brk_nr_free_pages, .break_op = 1, .fire_op = 1,
};

/* ============================================================ 2. shadow model */

/* A full walk on @geometry, nothing else. */
static void build_check_g32(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_check());
}

static void build_check_g32r(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32R(p);
	add(p, op_check());
}

/*
 * v4 keeps per list and region a run count that a raw unlink does not update
 * (INV-SORTED would fire first); put it right.  The block must not be the
 * run's tail, or the recorded tail would be wrong too.
 */
static void v4_uncount(struct run_ctx *c, struct rf_node *n, unsigned long pfn)
{
	struct rf_run_info ri;

	if (rf_node_config(n)->mode != RF_MODE_V4)
		return;
	break_precondition(c, !rf_run_info(n, 0, 3, MIGRATE_MOVABLE, 0, &ri) &&
			       ri.nr_blocks >= 2 && ri.tail_pfn != pfn);
	corrupt(c, n, RF_CORRUPT_RUN_COUNT, pfn, 3, MIGRATE_MOVABLE, -1);
}

/*
 * SHADOW-CONSERVATION, G32R.  The top block 8 vanishes: unlinked, no longer
 * free, every counter adjusted (v4: its run count too; 8 is not the run's
 * tail, 0 is).  The lists, counters and regions agree with each other, but
 * pages 8-15, never allocated through the API, lie in no free block.
 */
static void brk_leak(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, t_on_list(n, 8, 3, MIGRATE_MOVABLE));
	v4_uncount(c, n, 8);
	corrupt(c, n, RF_CORRUPT_LEAK, 8, 0, 0, 0);
}

static const struct scenario sc_shadow_conservation = {
	.check = RF_CHECK_CONSERVATION, .build = build_check_g32r, .brk = brk_leak,
	.break_op = 0, .fire_op = 0,
};

/*
 * SHADOW-PARTITION, G32: op 0 allocates a page; before the walk its head
 * loses the allocated mark.  Its pages are still in no free block, as the
 * shadow expects, but the engine no longer records the allocation.
 */
static void build_alloc_check(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_alloc(0, MIGRATE_MOVABLE));
	add(p, op_check());
}

static void brk_alloc_head(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	unsigned long a = first_allocated(n);

	(void)ref;
	break_precondition(c, a != RF_NO_PFN);
	corrupt(c, n, RF_CORRUPT_ALLOC_HEAD, a, 0, 0, 0);
}

static const struct scenario sc_shadow_partition = {
	.check = RF_CHECK_PARTITION, .build = build_alloc_check, .brk = brk_alloc_head,
	.break_op = 1, .fire_op = 1,
};

/*
 * SHADOW-SPURIOUS-FAIL, G32R (one region: the RA stays empty).  Before the
 * allocation every free block moves onto the ISOLATE lists through the
 * allocator's own list functions, though no pageblock is isolated.  The
 * order-0 MOVABLE allocation finds nothing -- its lists, the RA, the
 * fallback, RESERVE -- and fails, while the shadow knows four free top blocks
 * outside every isolated pageblock.
 */
static void build_alloc_g32r(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32R(p);
	add(p, op_alloc(0, MIGRATE_MOVABLE));
}

static void brk_all_to_isolate(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	unsigned long heads[32];
	unsigned int nr = 0;

	(void)ref;
	for (unsigned long p = 0; p < node_end(n) && nr < 32; p++) {
		struct rf_page_info pi;

		if (!rf_page_info(n, p, &pi) && pi.buddy)
			heads[nr++] = p;
	}
	break_precondition(c, nr == 4);
	for (unsigned int i = 0; i < nr; i++)
		corrupt(c, n, RF_CORRUPT_MOVE, heads[i], 0, MIGRATE_ISOLATE, 0);
}

static const struct scenario sc_shadow_spurious_fail = {
	.check = RF_CHECK_SPURIOUS_FAIL, .build = build_alloc_g32r, .brk = brk_all_to_isolate,
	.break_op = 0, .fire_op = 0,
};

/* ============================================================ 3. structural walks */

/* INV-BLOCK, G32: page 3, inside the free top block 0, becomes reserved. */
static void brk_reserve_page(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, t_on_list(n, 0, 3, MIGRATE_MOVABLE));
	corrupt(c, n, RF_CORRUPT_RESERVE_PAGE, 3, 0, 0, 0);
}

static const struct scenario sc_inv_block = {
	.check = RF_CHECK_BLOCK, .build = build_check_g32, .brk = brk_reserve_page,
	.break_op = 0, .fire_op = 0,
};

/*
 * INV-LIST-LINKS, G32: the first entry of free_list[3][MOVABLE] (vanilla 24,
 * v4 0) gets a prev link to the pfn after it instead of to the list head.
 */
static void brk_list_prev(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	unsigned long head = rf_list_first(n, 0, 3, MIGRATE_MOVABLE);

	(void)ref;
	break_precondition(c, head != RF_NO_PFN);
	corrupt(c, n, RF_CORRUPT_LIST_PREV, head, 0, 0, (long)head + 1);
}

static const struct scenario sc_inv_list_links = {
	.check = RF_CHECK_LIST_LINKS, .build = build_check_g32, .brk = brk_list_prev,
	.break_op = 0, .fire_op = 0,
};

/*
 * INV-ONE-LIST, G32.  op 0 allocates a page, leaving one order-2 block (vanilla
 * 28, v4 4), the only entry of free_list[2][MOVABLE].  Before the walk it is
 * linked at the head of the empty free_list[2][RESERVE] as well (its count
 * follows), while the MOVABLE list's head still points at it.  Walked first,
 * the MOVABLE list looks whole -- one entry whose links both lead to a list
 * head, its count, v4 its run -- and the RESERVE list, walked next, starts
 * with a block already seen on another list.  (One corruption in both modes;
 * unlinking a block instead also needs its v4 run count put right.)
 */
static void brk_second_list(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	unsigned long b = rf_list_first(n, 0, 2, MIGRATE_MOVABLE);

	(void)ref;
	break_precondition(c, b != RF_NO_PFN &&
			       rf_list_next(n, 0, 2, MIGRATE_MOVABLE, b) == RF_NO_PFN &&
			       rf_list_first(n, 0, 2, MIGRATE_RESERVE) == RF_NO_PFN);
	corrupt(c, n, RF_CORRUPT_FAKE_FREE, b, 2, MIGRATE_RESERVE, 0);
}

static const struct scenario sc_inv_one_list = {
	.check = RF_CHECK_ONE_LIST, .build = build_alloc_check, .brk = brk_second_list,
	.break_op = 1, .fire_op = 1,
};

/* INV-FREEPAGE-MT, G32, v4: block 0 on the MOVABLE list says UNMOVABLE. */
static void brk_freepage_mt(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, t_on_list(n, 0, 3, MIGRATE_MOVABLE));
	corrupt(c, n, RF_CORRUPT_FREEPAGE_MT, 0, 0, MIGRATE_UNMOVABLE, 0);
}

static const struct scenario sc_inv_freepage_mt = {
	.check = RF_CHECK_FREEPAGE_MT, .build = build_check_g32, .brk = brk_freepage_mt,
	.break_op = 0, .fire_op = 0,
};

/* INV-NR-FREE, G32: free_area[3].nr_free counts one block too many. */
static void brk_nr_free(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	corrupt(c, n, RF_CORRUPT_NR_FREE, 0, 3, 0, 1);
}

static const struct scenario sc_inv_nr_free = {
	.check = RF_CHECK_NR_FREE, .build = build_check_g32, .brk = brk_nr_free,
	.break_op = 0, .fire_op = 0,
};

/* INV-NR-FREE-PAGES, G32: NR_FREE_PAGES one page too many. */
static const struct scenario sc_inv_nr_free_pages = {
	.check = RF_CHECK_NR_FREE_PAGES, .build = build_check_g32, .brk = brk_nr_free_pages,
	.break_op = 0, .fire_op = 0,
};

/*
 * INV-MERGED, G32: op 0 allocates a page, leaving an order-2 block (vanilla
 * 28, v4 4).  Before the walk it is split into its two order-1 halves, both
 * listed and counted properly, but free buddies left unmerged.
 */
static void brk_split(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	unsigned long b = first_free_of_order(n, 2);

	(void)ref;
	break_precondition(c, b != RF_NO_PFN);
	corrupt(c, n, RF_CORRUPT_SPLIT, b, 0, 0, 0);
}

static const struct scenario sc_inv_merged = {
	.check = RF_CHECK_MERGED, .build = build_alloc_check, .brk = brk_split,
	.break_op = 1, .fire_op = 1,
};

/*
 * INV-ISOLATED, G64: op 0 isolates pageblock 0; before the walk its type
 * becomes MOVABLE again, though its free block is still on the ISOLATE list
 * and no undo ran.
 */
static void build_isolate_check(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G64(p);
	add(p, op_isolate(0));
	add(p, op_check());
}

static const struct scenario sc_inv_isolated = {
	.check = RF_CHECK_ISOLATED, .build = build_isolate_check, .brk = brk_pageblock_movable,
	.break_op = 1, .fire_op = 1,
};

/* INV-SORTED, G32, v4: free_list[3][MOVABLE] holds region 0 but says region 1. */
static void brk_next_region(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, rf_list_next_region(n, 0, 3, MIGRATE_MOVABLE) == 0);
	corrupt(c, n, RF_CORRUPT_NEXT_REGION, 0, 3, MIGRATE_MOVABLE, 1);
}

static const struct scenario sc_inv_sorted = {
	.check = RF_CHECK_SORTED, .build = build_check_g32, .brk = brk_next_region,
	.break_op = 0, .fire_op = 0,
};

/* INV-BITMAP, G32, v4: the list's bit for region 0, whose run is block 0, cleared. */
static void brk_bitmap(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, t_on_list(n, 0, 3, MIGRATE_MOVABLE));
	corrupt(c, n, RF_CORRUPT_BITMAP, 0, 3, MIGRATE_MOVABLE, 0);
}

static const struct scenario sc_inv_bitmap = {
	.check = RF_CHECK_BITMAP, .build = build_check_g32, .brk = brk_bitmap,
	.break_op = 0, .fire_op = 0,
};

/* INV-REGION-FREE, G32: region 0's nr_free one page too many. */
static void brk_region_nr_free(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	corrupt(c, n, RF_CORRUPT_REGION_NR_FREE, 0, 0, 0, 1);
}

static const struct scenario sc_inv_region_free = {
	.check = RF_CHECK_REGION_FREE, .build = build_check_g32, .brk = brk_region_nr_free,
	.break_op = 0, .fire_op = 0,
};

/*
 * INV-RA-WHOLE, G48, v4: the RA holds region 1 as 24, 16.  One held block,
 * 24, goes onto free_list[3][MOVABLE] (sorted in after region 0's run, its
 * freepage type MOVABLE, the RA's count and the region's nr_free adjusted):
 * region 1 is now half in the RA, half on a buddy list.
 */
static void build_check_g48(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G48(p);
	add(p, op_check());
}

static void brk_ra_leak(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	struct rf_region_info ri;

	(void)ref;
	break_precondition(c, !rf_region_info(n, 0, 1, &ri) && ri.in_ra && ri.ra_blocks == 2);
	corrupt(c, n, RF_CORRUPT_RA_LEAK, 16, 0, 0, 0);
}

static const struct scenario sc_inv_ra_whole = {
	.check = RF_CHECK_RA_WHOLE, .build = build_check_g48, .brk = brk_ra_leak,
	.break_op = 0, .fire_op = 0,
};

/* INV-RA-INDEX, G32, v4: the RA holds regions 1-3 but records 2 as its lowest. */
static void brk_ra_lowest_2(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, rf_ra_lowest_region(n, 0) == 1 && rf_ra_bitmap_bit(n, 0, 2));
	corrupt(c, n, RF_CORRUPT_RA_LOWEST, 0, 0, 0, 2);
}

static const struct scenario sc_inv_ra_index = {
	.check = RF_CHECK_RA_INDEX, .build = build_check_g32, .brk = brk_ra_lowest_2,
	.break_op = 0, .fire_op = 0,
};

/* ============================================================ 4. differential */

/*
 * DIFF-RESULT, G32, vanilla against the reference: free_list[3][MOVABLE]
 * (24, 16, 8, 0) is rotated to 16, 8, 0, 24 on the engine alone.  The order-3
 * allocation then returns 16, a perfectly good block, but the reference
 * returns 24.
 */
static void build_alloc_top(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_alloc(3, MIGRATE_MOVABLE));
}

static void brk_rotate(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, rf_list_first(n, 0, 3, MIGRATE_MOVABLE) == 24);
	corrupt(c, n, RF_CORRUPT_ROTATE, 0, 3, MIGRATE_MOVABLE, 0);
}

static const struct scenario sc_diff_result = {
	.check = RF_CHECK_DIFF_RESULT, .reference = true, .build = build_alloc_top,
	.brk = brk_rotate, .break_op = 0, .fire_op = 0,
};

/*
 * DIFF-STATE, G32, vanilla against the reference: pageblock 8 is typed
 * UNMOVABLE on the engine alone.  Nothing in the engine's own invariants
 * depends on it (no isolation), but the reference still says MOVABLE.
 */
static void brk_pageblock_8(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, rf_pageblock_migratetype(n, 8) == MIGRATE_MOVABLE);
	corrupt(c, n, RF_CORRUPT_PAGEBLOCK_MT, 8, 0, MIGRATE_UNMOVABLE, 0);
}

static const struct scenario sc_diff_state = {
	.check = RF_CHECK_DIFF_STATE, .reference = true, .build = build_check_g32,
	.brk = brk_pageblock_8, .break_op = 0, .fire_op = 0,
};

/*
 * DIFF-MERGED, G32, v4 against the reference: op 0 allocates a page on both;
 * before free_all the reference alone allocates another one (vanilla 3.12
 * takes 25, the head of its order-0 list) that no live set knows about, so
 * free_all leaves it allocated there.  The v4 engine is back to its four top
 * blocks; the reference has 24 as an order-0 block, not order 3.
 */
static void brk_ref_alloc(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	unsigned long pfn = REF_NONE;

	(void)n;
	break_precondition(c, ref && ref_alloc(ref, 0, 0, REF_MOVABLE, &pfn) == REF_OK);
	if (!c->corrupt_err)
		c->applied++;
}

static const struct scenario sc_diff_merged = {
	.check = RF_CHECK_DIFF_MERGED, .reference = true, .build = build_alloc_free_all,
	.brk = brk_ref_alloc, .break_op = 1, .fire_op = 1,
};

/* ============================================================ 5. v4 policy */

/*
 * POL-LOWEST-REGION, G32, v4.
 *   op 0  alloc order 3 MOVABLE: takes 0, the region-0 cache.
 *   op 1  alloc order 0 MOVABLE: the MOVABLE lists are empty, so RA region 1
 *         goes to MOVABLE and is split: 8 allocated, 9 (o0), 10 (o1), 12 (o2).
 *   op 2  free handle 0 (block 0): back on free_list[3][MOVABLE], alone there
 *         (one region: it stays as the cache).
 *   op 3  alloc order 0 MOVABLE: heads are 9, 10, 12 in region 1 and 0 in
 *         region 0, so patch 15 takes 0.
 * Before op 3 the order-3 list's next_region is made 2: the engine believes
 * that list's head lies above region 1 and takes 9 from the order-0 list.
 */
static void build_pol_lowest(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_alloc(3, MIGRATE_MOVABLE));
	add(p, op_alloc(0, MIGRATE_MOVABLE));
	add(p, op_free(0));
	add(p, op_alloc(0, MIGRATE_MOVABLE));
}

static void brk_pol_lowest(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, rf_list_first(n, 0, 3, MIGRATE_MOVABLE) == 0 &&
			       rf_list_first(n, 0, 0, MIGRATE_MOVABLE) == 9);
	corrupt(c, n, RF_CORRUPT_NEXT_REGION, 0, 3, MIGRATE_MOVABLE, 2);
}

static const struct scenario sc_pol_lowest = {
	.check = RF_CHECK_POL_LOWEST, .build = build_pol_lowest, .brk = brk_pol_lowest,
	.break_op = 3, .fire_op = 3,
};

/* An UNMOVABLE page on G32: the UNMOVABLE lists are empty, the RA holds 1-3. */
static void build_alloc_unmovable(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32(p);
	add(p, op_alloc(0, MIGRATE_UNMOVABLE));
}

/*
 * POL-RA-BEFORE-FALLBACK, G32, v4: the RA's lowest region is recorded as none,
 * so __rmqueue thinks the RA empty and falls back to MOVABLE (block 0) while
 * the RA holds regions 1-3.  Control: region 1 is handed out.
 */
static void brk_ra_lowest_none(struct run_ctx *c, struct rf_node *n, struct ref_buddy *ref)
{
	(void)ref;
	break_precondition(c, rf_ra_lowest_region(n, 0) == 1);
	corrupt(c, n, RF_CORRUPT_RA_LOWEST, 0, 0, 0, -1);
}

static const struct scenario sc_pol_ra_first = {
	.check = RF_CHECK_POL_RA_FIRST, .build = build_alloc_unmovable,
	.brk = brk_ra_lowest_none, .break_op = 0, .fire_op = 0,
	/* RA_RETYPE_WHOLE keeps POL-RA-TYPE (finding V3) out of the control. */
	.broken_opts = RF_OPT_FIX_RA_RETYPE_WHOLE, .control_opts = RF_OPT_FIX_RA_RETYPE_WHOLE,
};

/*
 * POL-RA-LOWEST-OUT, G32, v4: the RA's lowest region is recorded as 2, so the
 * allocation takes region 2 (pfn 16) while region 1 is held.
 */
static const struct scenario sc_pol_ra_lowest = {
	.check = RF_CHECK_POL_RA_LOWEST, .build = build_alloc_unmovable,
	.brk = brk_ra_lowest_2, .break_op = 0, .fire_op = 0,
	.broken_opts = RF_OPT_FIX_RA_RETYPE_WHOLE, .control_opts = RF_OPT_FIX_RA_RETYPE_WHOLE,
};

/*
 * POL-RA-TYPE, G32, v4, the faithful model of finding V3: pageblocks (4) are
 * smaller than top blocks (8), and the hand-out of region 1 to UNMOVABLE
 * retypes only the pageblock of the block's head, 8; pageblock 12 stays
 * MOVABLE.  Control: RF_OPT_FIX_RA_RETYPE_WHOLE.
 */
static const struct scenario sc_pol_ra_type = {
	.check = RF_CHECK_POL_RA_TYPE, .build = build_alloc_unmovable,
	.broken_opts = 0, .control_opts = RF_OPT_FIX_RA_RETYPE_WHOLE, .fire_op = 0,
};

/*
 * POL-STEAL-KEEPS-TYPE, G32R, v4 with the test-only INJECT_STEAL_RETYPE:
 * nothing reaches the RA (one region), so an UNMOVABLE page can only come
 * from the fallback, which takes the order-3 MOVABLE block at 8 and -- the
 * injected bug -- claims its pageblocks 8 and 12 as vanilla would:
 *
 *   pfn  0   4   8   12  16  20  24  28
 *   pb   M   M   M   M   M   M   M   M      before
 *   pb   M   M   U   U   M   M   M   M      after, broken
 *
 * Control: the same op without the injection leaves every pageblock MOVABLE.
 */
static void build_fallback_unmovable(struct rf_program *p, enum rf_mode m)
{
	(void)m;
	G32R(p);
	add(p, op_alloc(0, MIGRATE_UNMOVABLE));
}

static const struct scenario sc_pol_steal_type = {
	.check = RF_CHECK_POL_STEAL_TYPE, .build = build_fallback_unmovable,
	.broken_opts = RF_OPT_FIXES | RF_OPT_INJECT_STEAL_RETYPE, .control_opts = RF_OPT_FIXES,
	.fire_op = 0,
};

/* ============================================================ the tests */

/* name, modes: one scenario and one TEST per check id, in checks.def order. */
#define SCENARIOS(X)                                   \
	X(contract_alloc_block, BOTH)                  \
	X(contract_alloc_record, BOTH)                 \
	X(contract_alloc_isolated, BOTH)               \
	X(contract_free, BOTH)                         \
	X(contract_refusal, BOTH)                      \
	X(contract_nr_free_pages, BOTH)                \
	X(contract_move, BOTH)                         \
	X(contract_isolate, BOTH)                      \
	X(contract_unisolate, BOTH)                    \
	X(contract_reserve, BOTH)                      \
	X(contract_ra_request, V4)                     \
	X(contract_restored, BOTH)                     \
	X(shadow_conservation, BOTH)                   \
	X(shadow_partition, BOTH)                      \
	X(shadow_spurious_fail, BOTH)                  \
	X(inv_block, BOTH)                             \
	X(inv_list_links, BOTH)                        \
	X(inv_one_list, BOTH)                          \
	X(inv_freepage_mt, V4)                         \
	X(inv_nr_free, BOTH)                           \
	X(inv_nr_free_pages, BOTH)                     \
	X(inv_merged, BOTH)                            \
	X(inv_isolated, BOTH)                          \
	X(inv_sorted, V4)                              \
	X(inv_bitmap, V4)                              \
	X(inv_region_free, BOTH)                       \
	X(inv_ra_whole, V4)                            \
	X(inv_ra_index, V4)                            \
	X(diff_result, VANILLA)                        \
	X(diff_state, VANILLA)                         \
	X(diff_merged, V4)                             \
	X(pol_lowest, V4)                              \
	X(pol_ra_first, V4)                            \
	X(pol_ra_lowest, V4)                           \
	X(pol_ra_type, V4)                             \
	X(pol_steal_type, V4)

#define AS_FN(name, modes)                                                     \
	static void name(void)                                                 \
	{                                                                      \
		scenario_fires(&sc_##name, t_mode, true);                      \
	}
SCENARIOS(AS_FN)
#undef AS_FN

static const struct {
	const struct scenario *sc;
	const char *name;
	unsigned int modes;
} all[] = {
#define AS_ENTRY(name, modes) { &sc_##name, #name, modes },
	SCENARIOS(AS_ENTRY)
#undef AS_ENTRY
};

/*
 * Rerun every scenario in every mode it is marked for; a check id is covered
 * only when some scenario made exactly it fire (and its control ran clean).
 */
static void every_check_has_a_test(void)
{
	bool covered[RF_CHECK_NR] = { false };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		for (int m = RF_MODE_VANILLA; m <= RF_MODE_V4; m++) {
			if (!(all[i].modes & (1u << m)))
				continue;
			if (scenario_fires(all[i].sc, (enum rf_mode)m, false))
				covered[all[i].sc->check] = true;
			else
				t_fail(__FILE__, __LINE__, "scenario %s does not make %s fire on %s",
				       all[i].name, rf_check_id(all[i].sc->check),
				       m == RF_MODE_V4 ? "v4" : "vanilla");
		}
	}
	for (int c = 0; c < RF_CHECK_NR; c++)
		if (!covered[c])
			t_fail(__FILE__, __LINE__, "no test makes %s (%s) fire",
			       rf_check_id((enum rf_check)c), rf_check_help((enum rf_check)c));
}

static const struct t_case cases[] = {
#define AS_TEST(name, modes) TEST(name, modes),
	SCENARIOS(AS_TEST)
#undef AS_TEST
	TEST(every_check_has_a_test, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "oracle_checks", cases);
}
