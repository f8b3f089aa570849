// SPDX-License-Identifier: MIT
/*
 * Seeded random geometries and programs.  The generator aims at states where
 * bugs live: allocations of mixed orders and types so that fallbacks and
 * steals happen, frees so that blocks merge and regions empty, isolation in
 * the order range isolation takes pageblocks, now and then an invalid call.
 */
#include <string.h>

#include <regionfuzz/oracle.h>

uint64_t rf_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned long below(uint64_t *s, unsigned long n)
{
	return n ? (unsigned long)(rf_rand(s) % n) : 0;
}

static bool chance(uint64_t *s, unsigned int percent)
{
	return below(s, 100) < percent;
}

void rf_random_geometry(struct rf_geometry *g, uint64_t *s)
{
	memset(g, 0, sizeof(*g));
	g->max_order = chance(s, 50) ? 11 : 2 + (unsigned int)below(s, 10);
	/* The series' assumption half the time, the general case the other half. */
	g->pageblock_order = chance(s, 50) ? g->max_order - 1
					   : 1 + (unsigned int)below(s, g->max_order - 1);

	unsigned int shift = 8 + (unsigned int)below(s, 6);	/* 2^8 .. 2^13 pages */

	if (shift < g->max_order)
		shift = g->max_order;
	g->node_spanned_pages = (1UL << shift) - (chance(s, 30) ? below(s, 1UL << (shift - 2)) : 0);
	g->region_shift = g->max_order - 1 + (unsigned int)below(s, 3);
	while ((g->node_spanned_pages >> g->region_shift) > 64)
		g->region_shift++;
	g->node_start_pfn = chance(s, 40) ? below(s, 4096)
					  : (below(s, 8) << g->region_shift);
	g->nr_zones = 1 + (unsigned int)below(s, 3);
	g->zone_start_pfn[0] = g->node_start_pfn;
	for (unsigned int z = 1; z < g->nr_zones; z++) {
		unsigned long room = g->node_start_pfn + g->node_spanned_pages - g->zone_start_pfn[z - 1];

		if (room < 4) {
			g->nr_zones = z;
			break;
		}
		unsigned long step = 1 + below(s, room / 2);

		if (chance(s, 50))	/* a pageblock-aligned boundary half the time */
			step = (step + (1UL << g->pageblock_order)) & ~((1UL << g->pageblock_order) - 1);
		if (step >= room) {
			g->nr_zones = z;
			break;
		}
		g->zone_start_pfn[z] = g->zone_start_pfn[z - 1] + step;
	}

	unsigned int holes = chance(s, 30) ? 1 + (unsigned int)below(s, 2) : 0;
	unsigned int reserved = chance(s, 30) ? 1 + (unsigned int)below(s, 2) : 0;

	for (unsigned int i = 0; i < holes; i++) {
		unsigned long a = g->node_start_pfn + below(s, g->node_spanned_pages);
		unsigned long len = 1 + below(s, 1UL << g->pageblock_order);

		if (a + len > g->node_start_pfn + g->node_spanned_pages)
			len = g->node_start_pfn + g->node_spanned_pages - a;
		g->holes[g->nr_holes++] = (struct rf_pfn_range){ a, a + len };
	}
	for (unsigned int i = 0; i < reserved; i++) {
		unsigned long a = g->node_start_pfn + below(s, g->node_spanned_pages);

		g->reserved[g->nr_reserved++] = (struct rf_pfn_range){ a, a + 1 };
	}
}

static unsigned int random_order(uint64_t *s, unsigned int max_order)
{
	unsigned long r = below(s, 100);
	unsigned int o = r < 55 ? 0 : r < 75 ? 1 : r < 88 ? 2 + (unsigned int)below(s, 2)
			: (unsigned int)below(s, max_order);

	return o < max_order ? o : max_order - 1;
}

static int random_type(uint64_t *s, bool invalid_ok)
{
	if (invalid_ok && chance(s, 2))
		return chance(s, 50) ? MIGRATE_RESERVE + (int)below(s, 3) : -1;
	return (int)below(s, MIGRATE_PCPTYPES);
}

static unsigned long random_pfn(uint64_t *s, const struct rf_geometry *g, bool invalid_ok)
{
	if (invalid_ok && chance(s, 2))
		return g->node_start_pfn + g->node_spanned_pages + below(s, 64);
	return g->node_start_pfn + below(s, g->node_spanned_pages);
}

/* The start of a pageblock, often the first of its MAX_ORDER-1 chunk. */
static unsigned long random_pageblock(uint64_t *s, const struct rf_geometry *g)
{
	unsigned long pb = 1UL << g->pageblock_order;
	unsigned long chunk = 1UL << (g->max_order - 1);
	unsigned long pfn = random_pfn(s, g, true);

	if (chunk < pb)
		chunk = pb;
	return chance(s, 50) ? pfn & ~(chunk - 1) : pfn & ~(pb - 1);
}

static void random_op(struct rf_op *op, const struct rf_geometry *g, uint64_t *s)
{
	unsigned long r = below(s, 1000);

	memset(op, 0, sizeof(*op));
	op->zone = chance(s, 2) ? g->nr_zones : (unsigned int)below(s, g->nr_zones);
	op->order = random_order(s, g->max_order);
	op->mt = random_type(s, true);
	if (r < 340) {
		op->kind = RF_OP_ALLOC;
	} else if (r < 640) {
		op->kind = RF_OP_FREE;
		op->handle = (uint32_t)rf_rand(s);
	} else if (r < 660) {
		op->kind = RF_OP_FREE_PFN;
		op->pfn = random_pfn(s, g, true);
	} else if (r < 700) {
		op->kind = RF_OP_STEAL;
	} else if (r < 750) {
		unsigned long pb = 1UL << g->pageblock_order;

		op->kind = RF_OP_MOVE;
		op->pfn = random_pfn(s, g, true);
		op->end = chance(s, 80) ? (op->pfn | (pb - 1)) : op->pfn + below(s, 4 * pb);
		op->mt = random_type(s, true) % MIGRATE_ISOLATE;
		if (op->mt < 0)
			op->mt = MIGRATE_RESERVE;
	} else if (r < 790) {
		op->kind = RF_OP_MOVE_BLOCK;
		op->pfn = random_pfn(s, g, true);
		op->mt = chance(s, 10) ? MIGRATE_RESERVE : random_type(s, false);
	} else if (r < 850) {
		op->kind = RF_OP_ISOLATE;
		op->pfn = random_pageblock(s, g);
	} else if (r < 900) {
		op->kind = RF_OP_UNISOLATE;
		op->pfn = random_pageblock(s, g);
		/* The kernel's callers give pageblocks back as MOVABLE; now and
		 * then a bad type, which must be refused. */
		op->mt = chance(s, 97) ? MIGRATE_MOVABLE : chance(s, 50) ? MIGRATE_ISOLATE : -1;
	} else if (r < 925) {
		op->kind = RF_OP_ISOLATE_RANGE;
		op->pfn = random_pfn(s, g, true);
		op->end = op->pfn + 1 + below(s, 1UL << (g->max_order + 1));
		op->mt = MIGRATE_MOVABLE;
	} else if (r < 950) {
		op->kind = RF_OP_UNISOLATE_RANGE;
		op->pfn = random_pfn(s, g, true);
		op->end = op->pfn + 1 + below(s, 1UL << (g->max_order + 1));
		op->mt = MIGRATE_MOVABLE;
	} else if (r < 960) {
		op->kind = RF_OP_RESERVE;
		op->quota = (unsigned int)below(s, 4);
	} else if (r < 990) {
		op->kind = RF_OP_RA_REQUEST;
		op->region = chance(s, 70) ? -1 : (int)below(s, 70);
	} else if (r < 995) {
		op->kind = RF_OP_CHECK;
	} else {
		op->kind = RF_OP_FREE_ALL;
	}
}

void rf_random_program(struct rf_program *p, const struct rf_geometry *g, uint32_t nr_ops,
		       uint64_t *s)
{
	p->geo = *g;
	p->modes = RF_RUN_BOTH;
	p->nr_ops = nr_ops < RF_PROGRAM_MAX_OPS ? nr_ops : RF_PROGRAM_MAX_OPS;
	for (uint32_t i = 0; i < p->nr_ops; i++)
		random_op(&p->ops[i], g, s);
}
