// SPDX-License-Identifier: MIT
/*
 * The executor: one dispatcher over the operation table that applies each op
 * to every engine side and to the reference, and calls the checks.
 *
 * Handles name live allocations by index modulo their count, so a program
 * keeps its meaning under mutation.  Two kinds of op have a harness
 * precondition, checked against each side's shadow and skipped (not failed)
 * when it does not hold: a free needs a live allocation, and single-pageblock
 * isolation steps must be steps a range isolation could be taking --
 * ascending through a MAX_ORDER-1 chunk, as start_isolate_page_range and
 * undo_isolate_page_range walk, with the zone lock dropped in between.
 */
#include <stdlib.h>
#include <string.h>

#include "oracle_internal.h"

int live_push(struct live_set *ls, unsigned long pfn, unsigned int order, int mt)
{
	struct live *v = buffer_reserve(ls->v, &ls->cap, ls->nr + 1, sizeof(*v));

	if (!v)
		return RF_ENOSPC;
	ls->v = v;
	ls->v[ls->nr++] = (struct live){ pfn, (uint8_t)order, (int8_t)mt };
	return RF_OK;
}

void live_remove(struct live_set *ls, uint32_t i)
{
	ls->v[i] = ls->v[--ls->nr];
}

long live_find(const struct live_set *ls, unsigned long pfn)
{
	for (uint32_t i = 0; i < ls->nr; i++)
		if (ls->v[i].pfn == pfn)
			return i;
	return -1;
}

/* Single-pageblock isolation steps in the order a range walk takes them. */
bool op_precondition(const struct shadow *sh, const struct live_set *ls, const struct rf_op *op,
		     unsigned int max_order)
{
	unsigned long chunk = 1UL << (max_order - 1);

	if (chunk < sh->pb_pages)
		chunk = sh->pb_pages;
	/*
	 * No caller gives pageblocks back as RESERVE: memory hotplug and
	 * alloc_contig_range() undo to MOVABLE (or the type they isolated), and
	 * a range isolation that fails part-way undoes to the type it was given,
	 * so that type is never RESERVE either.
	 * RESERVE pageblocks come from reserve set-up alone, which counts them
	 * and never picks one holding a reserved page; an undo to RESERVE makes
	 * states no kernel reaches, where 3.11's set-up honestly keeps extra
	 * RESERVE pageblocks (it skips those with reserved pages before taking
	 * surplus ones back).  Found by fuzz_v4 and fuzz_ra_moves in seconds.
	 */
	if ((op->kind == RF_OP_UNISOLATE || op->kind == RF_OP_UNISOLATE_RANGE ||
	     op->kind == RF_OP_ISOLATE_RANGE) && op->mt == MIGRATE_RESERVE)
		return false;
	switch (op->kind) {
	case RF_OP_FREE:
		return ls->nr > 0;
	case RF_OP_ISOLATE:
	case RF_OP_UNISOLATE: {
		if (op->pfn < sh->start || op->pfn >= sh->end)
			return true;	/* an invalid call: the engine must refuse it */

		unsigned long pb = op->pfn & ~(sh->pb_pages - 1);
		bool first = !(pb & (chunk - 1)) || pb <= sh->start;

		/* Isolating: the first pageblock of a chunk, or the next after one
		 * an isolation in progress has taken (and no undo has released). */
		if (op->kind == RF_OP_ISOLATE)
			return first || shadow_protected(sh, pb - 1);
		/* Undoing: no earlier pageblock of the chunk still isolated. */
		return !shadow_isolated(sh, op->pfn) || first || !shadow_isolated(sh, pb - 1);
	}
	default:
		return true;
	}
}

static void apply(struct exec *ex, struct side *s)
{
	const struct rf_op *op = ex->op;
	struct rf_node *n = s->node;
	unsigned long *pfn = &s->pfn;

	switch (op->kind) {
	case RF_OP_ALLOC:
		s->status = rf_alloc_pages(n, op->zone, op->order, op->mt, pfn);
		break;
	case RF_OP_STEAL:
		s->status = rf_steal(n, op->zone, op->order, op->mt, pfn);
		break;
	case RF_OP_FREE:
	case RF_OP_FREE_PFN:
		s->status = rf_free_pages(n, s->pfn, s->order);
		break;
	case RF_OP_MOVE:
		s->status = rf_move_freepages(n, op->zone, op->pfn, op->end, op->mt, &s->moved);
		break;
	case RF_OP_MOVE_BLOCK:
		s->status = rf_move_freepages_block(n, op->pfn, op->mt, &s->moved);
		break;
	case RF_OP_ISOLATE:
		s->status = rf_set_migratetype_isolate(n, op->pfn);
		break;
	case RF_OP_UNISOLATE:
		s->status = rf_unset_migratetype_isolate(n, op->pfn, op->mt);
		break;
	case RF_OP_ISOLATE_RANGE:
		s->status = rf_start_isolate_page_range(n, op->pfn, op->end, op->mt);
		break;
	case RF_OP_UNISOLATE_RANGE:
		s->status = rf_undo_isolate_page_range(n, op->pfn, op->end, op->mt);
		break;
	case RF_OP_RESERVE:
		s->status = rf_setup_zone_migrate_reserve(n, op->zone, op->quota);
		break;
	case RF_OP_RA_REQUEST:
		s->status = rf_del_from_region_allocator(n, op->zone, op->region, op->mt);
		break;
	case RF_OP_FREE_ALL:
	case RF_OP_CHECK:
	case RF_OP_NR:
		s->status = RF_OK;
		break;
	}
}

uint8_t *side_pb_scratch(struct side *s, unsigned long n)
{
	uint8_t *b = buffer_reserve(s->pb_scratch, &s->pb_scratch_cap, n, 1);

	if (!b)
		return NULL;
	s->pb_scratch = b;
	memset(b, 0, n);
	return b;
}

/* free_all: every live allocation freed, every isolation undone, as MOVABLE. */
static void free_all(struct exec *ex, struct side *s)
{
	const struct rf_geometry *g = rf_node_geometry(s->node);

	while (s->live.nr && !ex->failed) {
		struct live l = s->live.v[0];
		int err = rf_free_pages(s->node, l.pfn, l.order);

		if (err) {
			oracle_fail(ex, s, RF_CHECK_FREE_RESULT, l.pfn,
				    "freeing the live order-%u block at %#lx returned %s",
				    (unsigned int)l.order, (unsigned long)l.pfn,
				    rf_strerror(err));
			return;
		}
		shadow_free(&s->sh, l.pfn, l.order);
		live_remove(&s->live, 0);
	}
	for (unsigned long b = 0; b < s->sh.nr_pb && !ex->failed; b++) {
		unsigned long p = (s->sh.first_pb + b) * s->sh.pb_pages;
		unsigned long q = p < s->sh.start ? s->sh.start : p;

		if (shadow_isolated(&s->sh, q)) {
			rf_unset_migratetype_isolate(s->node, q, MIGRATE_MOVABLE);
			shadow_set_isolated(&s->sh, q, false);
		}
	}
	if (ex->failed)
		return;

	/* Back to the set-up state: the same free blocks, the same counter. */
	struct block_iter it;
	unsigned long got = 0;
	bool more;
	size_t i = 0;

	block_iter_init(&it, s->node);
	while ((more = block_iter_next(&it, &got)) && i < s->nr_setup_blocks &&
	       got == s->setup_blocks[i])
		i++;
	if (more || i < s->nr_setup_blocks) {
		unsigned long want = i < s->nr_setup_blocks ? s->setup_blocks[i] : 0;

		oracle_fail(ex, s, RF_CHECK_RESTORED, more ? got >> 8 : want >> 8,
			    "with everything freed, free block %zu is %s%#lx order %lu; after set-up it was %s%#lx order %lu",
			    i, more ? "" : "(none) ", more ? got >> 8 : 0, more ? got & 0xff : 0,
			    i < s->nr_setup_blocks ? "" : "(none) ", want >> 8, want & 0xff);
	}
	for (unsigned int z = 0; z < g->nr_zones && !ex->failed; z++) {
		struct rf_zone_info zi;

		rf_zone_info(s->node, z, &zi);
		if (zi.nr_free_pages != s->setup_nr_free_pages[z])
			oracle_fail(ex, s, RF_CHECK_RESTORED, RF_NO_PFN,
				    "with everything freed, zone %u's NR_FREE_PAGES is %ld; after set-up it was %ld",
				    z, zi.nr_free_pages, s->setup_nr_free_pages[z]);
	}
}

/* A checkpoint: the full walk, unless the state is the one last walked. */
static void side_walk_full(struct exec *ex, struct side *s)
{
	if (s->walked)
		return;
	walk_full(ex, s);
	ex->result.full_walks++;
	s->walked = !ex->failed;
}

static void run_side(struct exec *ex, struct side *s)
{
	const struct rf_op *op = ex->op;
	unsigned int max_order = ex->geo.max_order;
	struct pre pre;

	s->ran = true;
	s->pfn = op->pfn;
	s->order = op->order;
	s->moved = 0;
	s->status = RF_OK;
	s->skipped = !op_precondition(&s->sh, &s->live, op, max_order);
	if (s->skipped)
		return;
	/* The one-pageblock isolation calls work on the pageblock's first pfn
	 * in the node, as the engine documents. */
	if ((op->kind == RF_OP_ISOLATE || op->kind == RF_OP_UNISOLATE) && op->pfn >= s->sh.start &&
	    op->pfn < s->sh.end) {
		s->pfn = op->pfn & ~(s->sh.pb_pages - 1);
		if (s->pfn < s->sh.start)
			s->pfn = s->sh.start;
	}
	s->live_index = -1;
	if (op->kind == RF_OP_FREE) {
		const struct live *l = &s->live.v[op->handle % s->live.nr];

		s->live_index = op->handle % s->live.nr;
		s->pfn = l->pfn;
		s->order = l->order;
	}
	if (op->kind == RF_OP_CHECK) {
		s->pfn = RF_NO_PFN;
		side_walk_full(ex, s);
		return;
	}
	s->walked = false;
	if (op->kind == RF_OP_FREE_ALL) {
		s->pfn = RF_NO_PFN;
		free_all(ex, s);
		return;
	}
	contracts_pre(ex, s, &pre);
	if (op->kind == RF_OP_ALLOC || op->kind == RF_OP_STEAL)
		s->pfn = RF_NO_PFN;
	apply(ex, s);
	for (unsigned int z = pre.zone_lo; z < pre.zone_hi; z++)
		rf_zone_counters(s->node, z, &pre.after[z]);
	if (op->kind != RF_OP_ALLOC && op->kind != RF_OP_STEAL && op->kind != RF_OP_FREE &&
	    op->kind != RF_OP_FREE_PFN)
		s->pfn = RF_NO_PFN;
	contracts_post(ex, s, &pre);
	if (!ex->failed)
		walk_cheap(ex, s, pre.zone_lo, pre.zone_hi, pre.after);
	if (!ex->failed && ex->cfg->level >= RF_LEVEL_FULL)
		side_walk_full(ex, s);
}

static void trace_op(struct exec *ex)
{
	FILE *f = ex->cfg->trace;
	char line[200];

	rf_op_format(line, sizeof(line), ex->op);
	fprintf(f, "%4u  %-52s", ex->op_index, line);
	for (int m = 0; m < 2; m++) {
		const struct side *s = &ex->side[m];

		if (!s->active)
			continue;
		fprintf(f, "  %s: ", m == RF_MODE_V4 ? "v4" : "vanilla");
		if (!s->ran)
			fprintf(f, "not run (a check failed before)");
		else if (s->skipped)
			fprintf(f, "skipped");
		else if (s->status)
			fprintf(f, "%s", rf_strerror(s->status));
		else if (s->pfn != RF_NO_PFN)
			fprintf(f, "pfn %#lx", s->pfn);
		else if (ex->op->kind == RF_OP_MOVE || ex->op->kind == RF_OP_MOVE_BLOCK)
			fprintf(f, "moved %lu", s->moved);
		else
			fprintf(f, "ok");
	}
	if (ex->ref.active)
		fprintf(f, "  ref: %s", !ex->ref.ran ? "not run" : ex->ref.skipped ? "skipped" : ex->ref.status == REF_UNSUPPORTED ?
			"unsupported" : ex->ref.status ? rf_strerror(ex->ref.status) : "ok");
	fputc('\n', f);
	if (!ex->cfg->trace_state)
		return;
	for (int m = 0; m < 2; m++) {
		const struct side *s = &ex->side[m];
		const struct rf_geometry *g;

		if (!s->active)
			continue;
		g = rf_node_geometry(s->node);
		for (unsigned int z = 0; z < g->nr_zones; z++) {
			struct rf_zone_info zi;

			rf_zone_info(s->node, z, &zi);
			fprintf(f, "        %s zone %u: NR_FREE_PAGES %ld, nr_free", m ? "v4" : "vanilla", z,
				zi.nr_free_pages);
			for (unsigned int o = 0; o < g->max_order; o++)
				fprintf(f, " %lu", rf_nr_free(s->node, z, o));
			if (m == RF_MODE_V4)
				fprintf(f, ", RA lowest %ld", rf_ra_lowest_region(s->node, z));
			fputc('\n', f);
		}
	}
}

/*
 * One closed session's memory, kept for the next one: the exec itself, its
 * shadows and its live sets.  Under ASan every free goes to quarantine and
 * every malloc takes fresh pages, so a fuzz target that opened a session per
 * input with new allocations paid page faults on every input; reusing one
 * session's buffers is what a slab cache would do.  A single slot: sessions
 * open at the same time (tests, the lockstep runs) simply allocate.
 */
static struct exec *spare;

static struct exec *exec_alloc(void)
{
	struct exec *ex = spare;

	if (!ex)
		return calloc(1, sizeof(*ex));
	spare = NULL;

	struct side kept[2] = { ex->side[0], ex->side[1] };

	memset(ex, 0, sizeof(*ex));
	for (int m = 0; m < 2; m++) {
		struct side *s = &ex->side[m];

		s->sh = kept[m].sh;	/* shadow_keep()'s buffers only */
		s->live.v = kept[m].live.v;
		s->live.cap = kept[m].live.cap;
		s->setup_blocks = kept[m].setup_blocks;
		s->setup_blocks_cap = kept[m].setup_blocks_cap;
		s->pb_scratch = kept[m].pb_scratch;
		s->pb_scratch_cap = kept[m].pb_scratch_cap;
	}
	return ex;
}

/* Everything a session holds, given back; with @keep the shadows' and live
 * sets' buffers stay, for the spare slot. */
static void teardown(struct exec *ex, bool keep)
{
	for (int m = 0; m < 2; m++) {
		struct side *s = &ex->side[m];

		setup_node_release(s);
		if (keep) {
			shadow_keep(&s->sh);
			s->live.nr = 0;
			s->nr_setup_blocks = 0;
			continue;
		}
		shadow_fini(&s->sh);
		free(s->live.v);
		free(s->setup_blocks);
		free(s->pb_scratch);
	}
	ref_side_fini(&ex->ref);
}

void exec_spare_free(void)
{
	if (spare) {
		teardown(spare, false);
		free(spare);
		spare = NULL;
	}
}

/* Teardown, keeping the buffers in the spare slot when it is free. */
static void exec_release(struct exec *ex)
{
	teardown(ex, !spare);
	if (spare)
		free(ex);
	else
		spare = ex;
}

int rf_session_open(const struct rf_geometry *geo, const struct rf_exec_config *cfg,
		    struct rf_session **out, char *why, size_t whylen)
{
	int err = rf_geometry_check(geo, why, whylen);
	struct exec *ex;

	if (err)
		return err;
	ex = exec_alloc();
	if (!ex)
		return RF_ENOSPC;
	ex->cfg_copy = *cfg;
	ex->cfg = &ex->cfg_copy;
	ex->geo = *geo;
	ex->res = &ex->result;
	for (int m = 0; m < 2; m++) {
		struct side *s = &ex->side[m];
		struct rf_config ec = { .mode = (enum rf_mode)m, .options = cfg->options };

		if (!(cfg->modes & (1u << m)))
			continue;
		s->active = true;
		s->mode = (enum rf_mode)m;
		err = setup_node(s, &ex->geo, &ec, &s->setup_verified, why, whylen);
		if (!err)
			err = shadow_init(&s->sh, &ex->geo);
		if (err)
			goto fail;
	}
	if (cfg->reference) {
		err = ref_side_init(&ex->ref, &ex->geo, cfg->options);
		if (err)
			goto fail;
	}

	/* The set-up state must hold every invariant too; once proven for a
	 * geometry and configuration, copies of it need no second proof. */
	ex->op_index = RF_NO_OP;
	for (int m = 0; m < 2 && !ex->failed; m++) {
		struct side *s = &ex->side[m];

		if (!s->active || s->setup_verified)
			continue;
		side_walk_full(ex, s);
		if (!ex->failed)
			setup_node_verified(s);
	}
	ex->op_index = 0;
	*out = (struct rf_session *)ex;
	return RF_OK;
fail:
	teardown(ex, false);
	free(ex);
	return err;
}

bool rf_session_step(struct rf_session *session, const struct rf_op *op)
{
	struct exec *ex = (struct exec *)session;
	const struct rf_exec_config *cfg = ex->cfg;
	struct rf_exec_result *result = ex->res;

	if (ex->failed)
		return false;
	ex->op = op;
	if (cfg->before_op) {
		/* The hook may write to the nodes (the tests' corruption does). */
		ex->side[0].walked = ex->side[1].walked = false;
		cfg->before_op(ex->op_index, ex->side[RF_MODE_VANILLA].node, ex->side[RF_MODE_V4].node,
			       ex->ref.active ? ex->ref.rb : NULL, cfg->before_op_ctx);
	}
	ex->side[0].ran = ex->side[1].ran = ex->ref.ran = false;
	for (int m = 0; m < 2 && !ex->failed; m++)
		if (ex->side[m].active)
			run_side(ex, &ex->side[m]);
	if (ex->ref.active && !ex->failed) {
		ex->ref.ran = true;
		ex->ref.skipped = !op_precondition(&ex->ref.sh, &ex->ref.live, op, ex->geo.max_order);
		if (!ex->ref.skipped)
			ref_apply(ex);
		diff_compare(ex);
		if (op->kind == RF_OP_FREE_ALL && !ex->failed)
			diff_free_all(ex);
	}
	if (cfg->trace)
		trace_op(ex);
	result->ops_run++;
	for (int m = 0; m < 2; m++) {
		struct side *s = &ex->side[m];

		if (!s->active || s->skipped)
			continue;
		if (op->kind == RF_OP_ALLOC || op->kind == RF_OP_STEAL) {
			result->allocs++;
			result->alloc_fails += s->status == RF_ENOMEM;
		}
		result->frees += (op->kind == RF_OP_FREE || op->kind == RF_OP_FREE_PFN) &&
				 s->status == RF_OK;
		result->refusals += s->status < RF_ENOMEM;
	}
	ex->op_index++;
	ex->op = NULL;
	return !ex->failed;
}

static void sum_stats(const struct side *s, struct rf_zone_stats *sum)
{
	const struct rf_geometry *g = rf_node_geometry(s->node);
	struct rf_zone_info zi;

	memset(sum, 0, sizeof(*sum));
	for (unsigned int z = 0; z < g->nr_zones; z++) {
		if (rf_zone_info(s->node, z, &zi))
			continue;
		sum->nr_alloc += zi.stats.nr_alloc;
		sum->nr_alloc_fail += zi.stats.nr_alloc_fail;
		sum->nr_free += zi.stats.nr_free;
		sum->nr_fallback += zi.stats.nr_fallback;
		sum->nr_steal_block += zi.stats.nr_steal_block;
		sum->nr_retype += zi.stats.nr_retype;
		sum->nr_reserve_alloc += zi.stats.nr_reserve_alloc;
		sum->nr_ra_handout += zi.stats.nr_ra_handout;
		sum->nr_ra_pull += zi.stats.nr_ra_pull;
		sum->nr_ra_request += zi.stats.nr_ra_request;
		sum->nr_ra_return += zi.stats.nr_ra_return;
	}
}

void rf_session_close(struct rf_session *session, struct rf_exec_result *result)
{
	struct exec *ex = (struct exec *)session;

	/* A checkpoint at the end of every program. */
	ex->op_index = RF_NO_OP;
	for (int m = 0; m < 2 && !ex->failed; m++)
		if (ex->side[m].active)
			side_walk_full(ex, &ex->side[m]);
	for (int m = 0; m < 2; m++)
		if (ex->side[m].active)
			sum_stats(&ex->side[m], &ex->result.stats[m]);
	if (result)
		*result = ex->result;
	exec_release(ex);
}

int rf_exec(const struct rf_program *prog, const struct rf_exec_config *cfg,
	    struct rf_exec_result *result, char *why, size_t whylen)
{
	struct rf_session *session;
	int err;

	memset(result, 0, sizeof(*result));
	err = rf_session_open(&prog->geo, cfg, &session, why, whylen);
	if (err)
		return err;
	for (uint32_t i = 0; i < prog->nr_ops; i++)
		if (!rf_session_step(session, &prog->ops[i]))
			break;
	rf_session_close(session, result);
	return RF_OK;
}
