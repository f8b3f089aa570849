// SPDX-License-Identifier: MIT
/*
 * The structure-aware mutator shared by libFuzzer (LLVMFuzzerCustomMutator)
 * and AFL++ (afl_custom_fuzz): decode the input into a program, change it as
 * a person would -- insert, delete, duplicate, swap or tweak whole ops, now
 * and then the geometry -- and encode it back.  Byte-level mutation stays the
 * fuzzing engine's own business; this only adds moves bytes rarely find,
 * like inserting a valid operation in the middle of a long program.
 */
#include <string.h>

#include "format_decode.h"	/* this file's own, uninstrumented copy */
#include "mutate.h"

static uint64_t rnd(uint64_t *s)
{
	return rf_rand(s);
}

static unsigned long below(uint64_t *s, unsigned long n)
{
	return n ? (unsigned long)(rnd(s) % n) : 0;
}

/* An op kind drawn with the profile's weights. */
static enum rf_op_kind random_kind(const struct rf_profile *p, uint64_t *s)
{
	unsigned int total = 0;

	for (int k = 0; k < RF_OP_NR; k++)
		total += p->weight[k];

	unsigned long r = below(s, total ? total : 1);

	for (int k = 0; k < RF_OP_NR; k++) {
		if (r < p->weight[k])
			return (enum rf_op_kind)k;
		r -= p->weight[k];
	}
	return RF_OP_ALLOC;
}

/* A value for every field, inside what a program can hold (format.h). */
static void random_fields(struct rf_op *op, const struct rf_geometry *g, uint64_t *s)
{
	unsigned long pages = g->node_spanned_pages;
	unsigned long pb = 1UL << g->pageblock_order;

	op->zone = below(s, 20) ? (unsigned int)below(s, g->nr_zones) : g->nr_zones;
	op->order = below(s, 3) ? (unsigned int)below(s, 3 < g->max_order ? 3 : g->max_order)
				: (unsigned int)below(s, g->max_order + 1);
	if (op->order > g->max_order)
		op->order = g->max_order;
	op->mt = below(s, 20) ? (int)below(s, MIGRATE_PCPTYPES) : (int)below(s, MIGRATE_TYPES + 1) - 1;
	op->handle = (uint32_t)below(s, 65536);
	/* Pageblock starts half the time: isolation steps want them. */
	op->pfn = g->node_start_pfn + below(s, pages + (below(s, 20) ? 0 : 16));
	if (below(s, 2))
		op->pfn = (op->pfn & ~(pb - 1)) < g->node_start_pfn ? g->node_start_pfn
								    : op->pfn & ~(pb - 1);
	op->end = op->pfn + (op->kind == RF_OP_MOVE ? below(s, pb) : 1 + below(s, 2 * pb));
	if (op->kind == RF_OP_MOVE && op->end > op->pfn + pages - 1)
		op->end = op->pfn + pages - 1;
	if (op->kind != RF_OP_MOVE && op->end > op->pfn + pages)
		op->end = op->pfn + pages;
	op->quota = (unsigned int)below(s, 5);
	op->region = below(s, 2) ? -1 : (int)below(s, RF_FUZZ_MAX_REGIONS);
	if (op->kind == RF_OP_UNISOLATE || op->kind == RF_OP_ISOLATE_RANGE ||
	    op->kind == RF_OP_UNISOLATE_RANGE)
		op->mt = below(s, 10) ? MIGRATE_MOVABLE : op->mt;
}

void rf_random_op(const struct rf_profile *p, const struct rf_geometry *g, uint64_t *s,
		  struct rf_op *op)
{
	memset(op, 0, sizeof(*op));
	op->kind = random_kind(p, s);
	random_fields(op, g, s);
}

/* Change one field the op carries, mostly by a little. */
static void tweak(struct rf_op *op, const struct rf_geometry *g, uint64_t *s)
{
	unsigned int fields = rf_op_fields(op->kind);
	struct rf_op fresh = *op;

	random_fields(&fresh, g, s);
	for (int tries = 0; tries < 8; tries++) {
		unsigned int f = 1u << below(s, 8);

		if (!(fields & f))
			continue;
		switch (f) {
		case F_ZONE: op->zone = fresh.zone; break;
		case F_ORDER: op->order = below(s, 2) && op->order ? op->order - 1 : fresh.order; break;
		case F_MT: op->mt = fresh.mt; break;
		case F_HANDLE: op->handle = below(s, 2) ? op->handle + 1 : fresh.handle; break;
		case F_PFN: op->pfn = fresh.pfn; op->end = fresh.end; break;
		case F_END: op->end = fresh.end; break;
		case F_QUOTA: op->quota = fresh.quota; break;
		case F_REGION: op->region = fresh.region; break;
		}
		return;
	}
}

/* A different but valid geometry nearby; the ops keep their meaning where
 * they can (handles and orders), pfns are re-drawn when they fall outside. */
static void tweak_geometry(struct rf_program *prog, uint64_t *s)
{
	struct rf_geometry *g = &prog->geo;

	switch (below(s, 4)) {
	case 0:
		if (g->pageblock_order > 1 && below(s, 2))
			g->pageblock_order--;
		else if (g->pageblock_order + 1 < g->max_order)
			g->pageblock_order++;
		break;
	case 1:
		g->nr_holes = g->nr_holes ? 0 : g->nr_holes;
		break;
	case 2:
		g->nr_reserved = g->nr_reserved ? 0 : g->nr_reserved;
		break;
	default:
		prog->modes = 1 + (unsigned int)below(s, 3);
		break;
	}
	for (uint32_t i = 0; i < prog->nr_ops; i++) {
		struct rf_op *op = &prog->ops[i];

		if (op->pfn >= g->node_start_pfn + g->node_spanned_pages + 16 || op->pfn < g->node_start_pfn)
			random_fields(op, g, s);
	}
}

void rf_mutate_program(const struct rf_profile *p, struct rf_program *prog, uint64_t *s)
{
	unsigned int rounds = 1 + (unsigned int)below(s, 3);

	while (rounds--) {
		unsigned long n = prog->nr_ops;
		unsigned long at = below(s, n + 1);

		switch (below(s, 10)) {
		case 0:
		case 1:
		case 2:	/* insert a fresh op */
			if (n >= RF_FUZZ_MAX_OPS)
				break;
			memmove(&prog->ops[at + 1], &prog->ops[at], (n - at) * sizeof(prog->ops[0]));
			rf_random_op(p, &prog->geo, s, &prog->ops[at]);
			prog->nr_ops++;
			break;
		case 3:	/* delete an op */
			if (!n)
				break;
			at = below(s, n);
			memmove(&prog->ops[at], &prog->ops[at + 1], (n - at - 1) * sizeof(prog->ops[0]));
			prog->nr_ops--;
			break;
		case 4:	/* duplicate an op elsewhere: repeats are where counters drift */
			if (!n || n >= RF_FUZZ_MAX_OPS)
				break;
			{
				struct rf_op copy = prog->ops[below(s, n)];

				memmove(&prog->ops[at + 1], &prog->ops[at], (n - at) * sizeof(prog->ops[0]));
				prog->ops[at] = copy;
				prog->nr_ops++;
			}
			break;
		case 5:	/* swap two neighbours */
			if (n < 2)
				break;
			at = below(s, n - 1);
			{
				struct rf_op t = prog->ops[at];

				prog->ops[at] = prog->ops[at + 1];
				prog->ops[at + 1] = t;
			}
			break;
		case 6:
			if (!below(s, 8)) {
				tweak_geometry(prog, s);
				break;
			}
			/* fall through */
		default:	/* tweak one field of one op */
			if (n)
				tweak(&prog->ops[below(s, n)], &prog->geo, s);
			break;
		}
	}
}

size_t rf_mutate(const struct rf_profile *p, const uint8_t *in, size_t in_size, uint8_t *out,
		 size_t max_size, uint64_t seed)
{
	static struct rf_program prog;
	uint64_t s = seed;
	size_t need;

	fmt_decode_profile(p, in, in_size, &prog);
	rf_mutate_program(p, &prog, &s);
	/* Drop ops from the end until the program fits. */
	while ((need = rf_encode(&prog, out, max_size)) > max_size && prog.nr_ops)
		prog.nr_ops--;
	return need <= max_size ? need : 0;
}

size_t rf_crossover(const struct rf_profile *p, const uint8_t *a, size_t a_size, const uint8_t *b,
		    size_t b_size, uint8_t *out, size_t max_size, uint64_t seed)
{
	static struct rf_program pa, pb;
	uint64_t s = seed;
	size_t need;

	fmt_decode_profile(p, a, a_size, &pa);
	fmt_decode_profile(p, b, b_size, &pb);

	/* The head of one program, then the tail of the other, on a's geometry. */
	uint32_t cut_a = (uint32_t)below(&s, pa.nr_ops + 1);
	uint32_t cut_b = (uint32_t)below(&s, pb.nr_ops + 1);

	for (uint32_t i = cut_b; i < pb.nr_ops && pa.nr_ops < RF_FUZZ_MAX_OPS; i++) {
		struct rf_op op = pb.ops[i];

		if (op.pfn >= pa.geo.node_start_pfn + pa.geo.node_spanned_pages + 16 ||
		    op.pfn < pa.geo.node_start_pfn || op.zone > pa.geo.nr_zones ||
		    op.order > pa.geo.max_order)
			random_fields(&op, &pa.geo, &s);
		pa.ops[cut_a++] = op;
	}
	pa.nr_ops = cut_a;
	while ((need = rf_encode(&pa, out, max_size)) > max_size && pa.nr_ops)
		pa.nr_ops--;
	return need <= max_size ? need : 0;
}
