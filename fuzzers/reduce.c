// SPDX-License-Identifier: MIT
/*
 * The op-level reducer (reduce.h).  Order matters for speed: cutting
 * everything after the failing op and halving chunks first removes most ops
 * in few runs; single ops and field simplification then polish.  Repeated
 * until a whole round changes nothing, so the result is 1-minimal: removing
 * any one op loses the failure.
 */
#include <string.h>

#include "reduce.h"

struct reducer {
	const struct rf_target *t;
	const struct rf_outcome *want;
	unsigned long runs;
};

/* Whether @cand fails as the original did; the caller keeps it then. */
static bool still_fails(struct reducer *r, const struct rf_program *cand)
{
	struct rf_outcome o;

	/* Only programs the byte format can carry: the result must be a fuzz input. */
	if (!rf_encode(cand, NULL, 0))
		return false;
	r->runs++;
	rf_target_outcome(r->t, cand, NULL, false, &o);
	return rf_same_failure(&o, r->want);
}

static void remove_ops(struct rf_program *p, uint32_t at, uint32_t n)
{
	memmove(&p->ops[at], &p->ops[at + n], (p->nr_ops - at - n) * sizeof(p->ops[0]));
	p->nr_ops -= n;
}

/* Delta debugging over whole ops: chunks of halving size, down to single ops. */
static bool reduce_ops(struct reducer *r, struct rf_program *p)
{
	static struct rf_program cand;
	bool progress = false;

	for (uint32_t chunk = p->nr_ops / 2 ? p->nr_ops / 2 : 1;; chunk /= 2) {
		for (uint32_t at = 0; at + chunk <= p->nr_ops;) {
			cand = *p;
			remove_ops(&cand, at, chunk);
			if (still_fails(r, &cand)) {
				*p = cand;
				progress = true;
			} else {
				at += chunk;
			}
		}
		if (chunk <= 1)
			break;
	}
	return progress;
}

/* One plainer value for field @field of @op, or false when it is plain. */
static bool simplify_field(struct rf_op *op, int field, const struct rf_geometry *g)
{
	unsigned long pb = 1UL << g->pageblock_order;
	unsigned long off = op->pfn % pb;

	switch (field) {
	case 0:
		if (!op->order)
			return false;
		op->order--;
		return true;
	case 1:
		if (!op->handle)
			return false;
		op->handle = 0;
		return true;
	case 2:
		if (op->mt == MIGRATE_MOVABLE)
			return false;
		op->mt = MIGRATE_MOVABLE;
		return true;
	case 3:
		if (!op->zone)
			return false;
		op->zone = 0;
		return true;
	case 4:	/* the node's first pfn, keeping the length */
		if (op->pfn == g->node_start_pfn)
			return false;
		if (rf_op_fields(op->kind) & F_END)
			op->end -= op->pfn - g->node_start_pfn;
		op->pfn = g->node_start_pfn;
		return true;
	case 5:	/* the pageblock's first pfn, keeping the length */
		if (!off || op->pfn - off < g->node_start_pfn)
			return false;
		if (rf_op_fields(op->kind) & F_END)
			op->end -= off;
		op->pfn -= off;
		return true;
	case 6:
		if (!op->quota)
			return false;
		op->quota--;
		return true;
	default:
		if (op->region < 0)
			return false;
		op->region = -1;
		return true;
	}
}

/* The field simplify_field() changes for each index. */
static const unsigned int field_bit[] = { F_ORDER, F_HANDLE, F_MT, F_ZONE, F_PFN, F_PFN,
					  F_QUOTA, F_REGION };

#define NR_FIELDS ((int)(sizeof(field_bit) / sizeof(field_bit[0])))

/* Plainer values, one field of one op at a time: smaller orders and
 * handles, MOVABLE, zone 0, pfns at the start of the node or pageblock. */
static bool simplify_ops(struct reducer *r, struct rf_program *p)
{
	static struct rf_program cand;
	bool progress = false;

	for (uint32_t i = 0; i < p->nr_ops; i++) {
		for (int field = 0; field < NR_FIELDS; field++) {
			cand = *p;
			/* A field the op does not carry is no part of it. */
			if (!(rf_op_fields(cand.ops[i].kind) & field_bit[field]) ||
			    !simplify_field(&cand.ops[i], field, &p->geo))
				continue;
			if (still_fails(r, &cand)) {
				*p = cand;
				progress = true;
			}
		}
	}
	return progress;
}

/* @p's node cut to @pages: zones, holes and reserved ranges past it dropped. */
static void cut_node(struct rf_program *p, unsigned long pages)
{
	struct rf_geometry *g = &p->geo;
	unsigned long end = g->node_start_pfn + pages;
	unsigned int n;

	g->node_spanned_pages = pages;
	while (g->nr_zones > 1 && g->zone_start_pfn[g->nr_zones - 1] >= end)
		g->nr_zones--;
	for (n = 0; n < g->nr_holes && g->holes[n].end <= end; n++)
		;
	g->nr_holes = n;
	for (n = 0; n < g->nr_reserved && g->reserved[n].end <= end; n++)
		;
	g->nr_reserved = n;
}

/*
 * A smaller node: halved while the failure stays, then its size rounded down
 * to a power of two.  Byte-level minimizers leave odd sizes (3766 pages)
 * that say nothing about the failure.
 */
static bool shrink_node(struct reducer *r, struct rf_program *p)
{
	static struct rf_program cand;
	bool progress = false;
	unsigned long pages = p->geo.node_spanned_pages;

	for (;;) {
		unsigned long pow2 = 1;

		while (pow2 * 2 <= pages)
			pow2 *= 2;
		unsigned long try[2] = { pages / 2, pow2 };
		bool shrunk = false;

		for (int i = 0; i < 2 && !shrunk; i++) {
			if (!try[i] || try[i] >= pages)
				continue;
			cand = *p;
			cut_node(&cand, try[i]);
			if (still_fails(r, &cand)) {
				*p = cand;
				pages = try[i];
				shrunk = progress = true;
			}
		}
		if (!shrunk)
			return progress;
	}
}

/* A plainer node: no holes, no reserved pages, fewer zones, fewer pages. */
static bool simplify_geometry(struct reducer *r, struct rf_program *p)
{
	static struct rf_program cand;
	bool progress = shrink_node(r, p);

	while (p->geo.nr_holes) {
		cand = *p;
		cand.geo.nr_holes--;
		if (!still_fails(r, &cand))
			break;
		*p = cand;
		progress = true;
	}
	while (p->geo.nr_reserved) {
		cand = *p;
		cand.geo.nr_reserved--;
		if (!still_fails(r, &cand))
			break;
		*p = cand;
		progress = true;
	}
	while (p->geo.nr_zones > 1) {
		cand = *p;
		cand.geo.nr_zones--;
		/* An op on the dropped zone keeps being the invalid one. */
		for (uint32_t i = 0; i < cand.nr_ops; i++)
			if (cand.ops[i].zone > cand.geo.nr_zones)
				cand.ops[i].zone = cand.geo.nr_zones;
		if (!still_fails(r, &cand))
			break;
		*p = cand;
		progress = true;
	}
	return progress;
}

unsigned long rf_reduce(const struct rf_target *t, struct rf_program *prog,
			const struct rf_outcome *want, FILE *log)
{
	struct reducer r = { .t = t, .want = want };
	uint32_t at = want->failure.op_index;

	/* Nothing after the failing op can matter. */
	if (at != RF_NO_OP && at + 1 < prog->nr_ops) {
		static struct rf_program cut;

		cut = *prog;
		cut.nr_ops = at + 1;
		if (still_fails(&r, &cut))
			*prog = cut;
	}
	for (int round = 1;; round++) {
		bool progress = reduce_ops(&r, prog);

		progress |= simplify_ops(&r, prog);
		progress |= simplify_geometry(&r, prog);
		if (log)
			fprintf(log, "minimize: round %d: %u ops (%lu runs so far)\n", round,
				prog->nr_ops, r.runs);
		if (!progress)
			break;
	}
	return r.runs;
}
