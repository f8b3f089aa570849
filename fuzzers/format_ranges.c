// SPDX-License-Identifier: MIT
/*
 * The ranges of format.h as functions, shared by the byte and text sides.
 */
#include "format_internal.h"

unsigned int rf_fmt_min_region_shift(unsigned long pages)
{
	unsigned int shift = 0;

	while (pages && ((pages - 1) >> shift) + 1 > RF_FUZZ_MAX_REGIONS)
		shift++;
	return shift;
}

struct rf_fmt_range rf_fmt_region_shift_range(unsigned int max_order, unsigned long pages)
{
	long least = (long)rf_fmt_min_region_shift(pages);
	long lo = (long)max_order - 1, hi = lo + RF_FUZZ_REGION_EXTRA;

	return (struct rf_fmt_range){ lo > least ? lo : least, hi > least ? hi : least };
}

struct rf_fmt_range rf_fmt_field_range(const struct rf_geometry *g, enum rf_op_kind kind,
				       unsigned int field, unsigned long pfn)
{
	long start = (long)g->node_start_pfn, pages = (long)g->node_spanned_pages;

	switch (field) {
	case F_ZONE:
		return (struct rf_fmt_range){ 0, g->nr_zones };
	case F_ORDER:
		return (struct rf_fmt_range){ 0, g->max_order };
	case F_MT:
		return (struct rf_fmt_range){ -1, MIGRATE_TYPES - 1 };
	case F_HANDLE:
		return (struct rf_fmt_range){ 0, RF_FUZZ_MAX_HANDLE };
	case F_PFN:
		return (struct rf_fmt_range){ start, start + pages + (long)RF_FUZZ_PFN_PAST - 1 };
	case F_END:
		if (kind == RF_OP_MOVE)	/* move_freepages: end inclusive */
			return (struct rf_fmt_range){ (long)pfn, (long)pfn + pages - 1 };
		return (struct rf_fmt_range){ (long)pfn + 1, (long)pfn + pages };
	case F_QUOTA:
		return (struct rf_fmt_range){ 0, RF_FUZZ_MAX_QUOTA };
	case F_REGION:
		return (struct rf_fmt_range){ -1, RF_FUZZ_MAX_REGIONS - 1 };
	}
	return (struct rf_fmt_range){ 1, 0 };	/* no such field: nothing is in range */
}

long rf_fmt_field_value(const struct rf_op *op, unsigned int field)
{
	switch (field) {
	case F_ZONE:
		return (long)op->zone;
	case F_ORDER:
		return (long)op->order;
	case F_MT:
		return op->mt;
	case F_HANDLE:
		return (long)op->handle;
	case F_PFN:
		return (long)op->pfn;
	case F_END:
		return (long)op->end;
	case F_QUOTA:
		return (long)op->quota;
	case F_REGION:
		return op->region;
	}
	return 0;
}

static bool ranges_ok(const struct rf_geometry *g, unsigned int nr, unsigned int max_nr,
		      const struct rf_pfn_range *r, unsigned long max_len)
{
	unsigned long end = g->node_start_pfn + g->node_spanned_pages;

	if (nr > max_nr)
		return false;
	for (unsigned int i = 0; i < nr; i++)
		if (r[i].start < g->node_start_pfn || r[i].end > end || r[i].start >= r[i].end ||
		    r[i].end - r[i].start > max_len)
			return false;
	return true;
}

bool rf_fmt_geometry_ok(const struct rf_geometry *g)
{
	if (g->max_order < 2 || g->max_order > RF_MAX_MAX_ORDER)
		return false;
	if (g->pageblock_order < 1 || g->pageblock_order > g->max_order - 1)
		return false;
	if (g->node_spanned_pages < RF_FUZZ_MIN_PAGES || g->node_spanned_pages > RF_FUZZ_MAX_PAGES)
		return false;
	if (g->node_start_pfn > RF_FUZZ_MAX_START_PFN)
		return false;

	struct rf_fmt_range rs = rf_fmt_region_shift_range(g->max_order, g->node_spanned_pages);

	if ((long)g->region_shift < rs.lo || (long)g->region_shift > rs.hi)
		return false;
	if (g->nr_zones < 1 || g->nr_zones > RF_FUZZ_MAX_ZONES)
		return false;
	if (g->zone_start_pfn[0] != g->node_start_pfn)
		return false;
	for (unsigned int i = 1; i < g->nr_zones; i++)
		if (g->zone_start_pfn[i] <= g->zone_start_pfn[i - 1] ||
		    g->zone_start_pfn[i] >= g->node_start_pfn + g->node_spanned_pages)
			return false;
	if (!ranges_ok(g, g->nr_holes, RF_FUZZ_MAX_HOLES, g->holes, RF_FUZZ_MAX_HOLE_PAGES) ||
	    !ranges_ok(g, g->nr_reserved, RF_FUZZ_MAX_RESERVED, g->reserved,
		       RF_FUZZ_MAX_RESERVED_PAGES))
		return false;
	return rf_geometry_check(g, NULL, 0) == RF_OK;
}

bool rf_fmt_op_ok(const struct rf_geometry *g, const struct rf_op *op)
{
	if ((unsigned int)op->kind >= RF_OP_NR)
		return false;

	unsigned int fields = rf_op_fields(op->kind);

	for (unsigned int f = 1; f <= F_REGION; f <<= 1) {
		if (!(fields & f))
			continue;

		struct rf_fmt_range r = rf_fmt_field_range(g, op->kind, f, op->pfn);
		long v = rf_fmt_field_value(op, f);

		/* pfn and end are unsigned long: one above LONG_MAX is out of range. */
		if ((f == F_PFN && op->pfn > (unsigned long)r.hi) ||
		    (f == F_END && op->end > (unsigned long)r.hi))
			return false;
		if (v < r.lo || v > r.hi)
			return false;
	}
	return true;
}

bool rf_fmt_program_ok(const struct rf_program *prog)
{
	if (!rf_fmt_geometry_ok(&prog->geo))
		return false;
	if (prog->modes != RF_RUN_VANILLA && prog->modes != RF_RUN_V4 && prog->modes != RF_RUN_BOTH)
		return false;
	if (prog->nr_ops > RF_FUZZ_MAX_OPS)
		return false;
	for (uint32_t i = 0; i < prog->nr_ops; i++)
		if (!rf_fmt_op_ok(&prog->geo, &prog->ops[i]))
			return false;
	return true;
}
