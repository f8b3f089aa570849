// SPDX-License-Identifier: MIT
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <regionfuzz/introspect.h>

#include "cputime.h"
#include "workload.h"

/* Live allocations with the oracle executor's handle rules. */
struct live {
	unsigned long *pfn;
	unsigned char *order;
	unsigned long nr;
};

/* One op straight through the engine's API; returns the pages it allocated
 * (negative: freed) so the recorder can follow how full the zone is. */
static long apply_op(struct rf_node *n, struct live *lv, const struct rf_op *op)
{
	unsigned long pfn;

	switch (op->kind) {
	case RF_OP_ALLOC:
		if (rf_alloc_pages(n, op->zone, op->order, op->mt, &pfn))
			return 0;
		lv->pfn[lv->nr] = pfn;
		lv->order[lv->nr++] = (unsigned char)op->order;
		return 1L << op->order;
	case RF_OP_FREE: {
		if (!lv->nr)
			return 0;

		unsigned long i = op->handle % lv->nr;
		unsigned int order = lv->order[i];

		rf_free_pages(n, lv->pfn[i], order);
		lv->pfn[i] = lv->pfn[--lv->nr];
		lv->order[i] = lv->order[lv->nr];
		return -(1L << order);
	}
	case RF_OP_MOVE:
		rf_move_freepages(n, op->zone, op->pfn, op->end, op->mt, NULL);
		return 0;
	case RF_OP_MOVE_BLOCK:
		rf_move_freepages_block(n, op->pfn, op->mt, NULL);
		return 0;
	case RF_OP_ISOLATE:
		rf_set_migratetype_isolate(n, op->pfn);
		return 0;
	case RF_OP_UNISOLATE:
		rf_unset_migratetype_isolate(n, op->pfn, op->mt);
		return 0;
	default:
		return 0;
	}
}

static uint64_t next_rand(uint64_t *s)
{
	return rf_rand(s);
}

static unsigned long below(uint64_t *s, unsigned long n)
{
	return (unsigned long)(next_rand(s) % n);
}

/* Mostly small orders, now and then a large one, as a kernel sees them. */
static unsigned int pick_order(uint64_t *s, unsigned int max_order)
{
	unsigned long r = below(s, 100);
	unsigned int o = r < 70 ? 0 : r < 85 ? 1 : r < 93 ? 2 + (unsigned int)below(s, 2)
			: r < 98 ? 4 + (unsigned int)below(s, 5) : max_order - 1 - (unsigned int)below(s, 2);

	return o > max_order - 1 ? max_order - 1 : o;
}

static int pick_type(uint64_t *s)
{
	unsigned long r = below(s, 100);

	return r < 60 ? MIGRATE_MOVABLE : r < 85 ? MIGRATE_UNMOVABLE : MIGRATE_RECLAIMABLE;
}

int workload_record(struct stream *st, const struct rf_geometry *geo, uint64_t seed,
		    unsigned long nr)
{
	struct rf_config cfg = { .mode = RF_MODE_VANILLA, .options = RF_OPT_FIXES };
	struct rf_node *n;
	struct rf_zone_info zi;
	struct live lv = { 0 };
	unsigned long pb = 1UL << geo->pageblock_order;
	unsigned long chunk = 1UL << (geo->max_order - 1);
	unsigned long isolated[8], nr_isolated = 0, depth;
	long used = 0;
	uint64_t s = seed;

	if (chunk < pb)
		chunk = pb;
	depth = geo->node_spanned_pages / chunk / 8;
	if (depth > 8)
		depth = 8;
	st->ops = calloc(nr, sizeof(*st->ops));
	lv.pfn = malloc(geo->node_spanned_pages * sizeof(*lv.pfn));
	lv.order = malloc(geo->node_spanned_pages);
	if (!st->ops || !lv.pfn || !lv.order || rf_node_create(geo, &cfg, &n, NULL, 0)) {
		free(lv.pfn);
		free(lv.order);
		workload_free(st);
		return RF_ENOSPC;
	}
	rf_zone_info(n, 0, &zi);
	st->nr = 0;
	while (st->nr < nr) {
		struct rf_op *op = &st->ops[st->nr];
		unsigned long r = below(&s, 100);
		unsigned long start = geo->node_start_pfn + below(&s, geo->node_spanned_pages);

		if (r < 90) {
			bool full = (unsigned long)used * 5 > zi.managed_pages * 4;
			bool empty = (unsigned long)used * 3 < zi.managed_pages;

			if (empty || (!full && r < 46 && lv.nr < geo->node_spanned_pages))
				*op = (struct rf_op){ .kind = RF_OP_ALLOC,
						      .order = pick_order(&s, geo->max_order),
						      .mt = pick_type(&s) };
			else
				*op = (struct rf_op){ .kind = RF_OP_FREE, .handle = (uint32_t)next_rand(&s) };
		} else if (r < 95) {
			/* Moves stay inside one pageblock, as the kernel's callers do. */
			unsigned long end = start + below(&s, pb);

			if (end > (start | (pb - 1)))
				end = start | (pb - 1);
			if (end >= geo->node_start_pfn + geo->node_spanned_pages)
				end = geo->node_start_pfn + geo->node_spanned_pages - 1;
			*op = below(&s, 4) ? (struct rf_op){ .kind = RF_OP_MOVE_BLOCK, .pfn = start,
							     .mt = pick_type(&s) }
					   : (struct rf_op){ .kind = RF_OP_MOVE, .pfn = start, .end = end,
							     .mt = pick_type(&s) };
		} else if (depth && nr_isolated == depth) {
			/* Give the oldest isolated chunk back. */
			*op = (struct rf_op){ .kind = RF_OP_UNISOLATE, .pfn = isolated[0],
					      .mt = MIGRATE_MOVABLE };
			memmove(isolated, isolated + 1, --nr_isolated * sizeof(*isolated));
		} else if (depth) {
			/* Isolate the first pageblock of a chunk, a step any range takes. */
			unsigned long pfn = start & ~(chunk - 1);

			if (pfn < geo->node_start_pfn)
				pfn = geo->node_start_pfn;
			*op = (struct rf_op){ .kind = RF_OP_ISOLATE, .pfn = pfn };
			if (rf_pageblock_migratetype(n, pfn) != MIGRATE_ISOLATE &&
			    !rf_set_migratetype_isolate(n, pfn)) {
				isolated[nr_isolated++] = pfn;
				st->nr++;
			}
			continue;	/* busy: nothing recorded, draw again */
		} else {
			continue;	/* no chunk to isolate in so small a node */
		}
		used += apply_op(n, &lv, op);
		st->nr++;
	}
	rf_node_destroy(n);
	free(lv.pfn);
	free(lv.order);
	return RF_OK;
}

void workload_free(struct stream *st)
{
	free(st->ops);
	st->ops = NULL;
	st->nr = 0;
}

int workload_replay(const struct stream *st, const struct rf_geometry *geo, enum rf_mode mode,
		    double *seconds)
{
	struct rf_config cfg = { .mode = mode, .options = RF_OPT_FIXES };
	struct rf_node *n;
	struct live lv = { 0 };

	lv.pfn = malloc(geo->node_spanned_pages * sizeof(*lv.pfn));
	lv.order = malloc(geo->node_spanned_pages);
	if (!lv.pfn || !lv.order || rf_node_create(geo, &cfg, &n, NULL, 0)) {
		free(lv.pfn);
		free(lv.order);
		return RF_ENOSPC;
	}

	double t0 = cpu_seconds();

	for (unsigned long i = 0; i < st->nr; i++)
		apply_op(n, &lv, &st->ops[i]);
	*seconds = cpu_seconds() - t0;
	rf_node_destroy(n);
	free(lv.pfn);
	free(lv.order);
	return RF_OK;
}
