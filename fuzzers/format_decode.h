/* SPDX-License-Identifier: MIT */
/*
 * Decoding a program's bytes (format_bytes.c has the format), as static
 * functions.  They are compiled twice: into format_profile.c
 * (rf_fmt_decode(), rf_decode_profile()), which the targets read every input
 * through, under coverage instrumentation; and into the structure-aware
 * mutator (mutate.c), which is left out of instrumentation
 * (fuzzers/coverage.ignorelist) and so needs a copy of its own.
 * format_bytes.c includes this file for the format's constants alone.
 */
#ifndef RF_FUZZ_FORMAT_DECODE_H
#define RF_FUZZ_FORMAT_DECODE_H

#include <string.h>

#include "format_internal.h"

#define HEADER_BYTES 28
#define INVALID_BYTE 0xf8	/* from here on, zone and order are one past */
#define MT_TAIL 0xf8		/* from here on, mt is RESERVE, ISOLATE, -1 */
#define PAGES_SPAN (RF_FUZZ_MAX_PAGES - RF_FUZZ_MIN_PAGES + 1)
#define REGION_LOWEST 64	/* region byte (mod 128) from which the region is -1 */
#define RANGE_SLOTS 2		/* hole and reserved slots in the header */

_Static_assert(RF_FUZZ_MAX_HOLES == RANGE_SLOTS && RF_FUZZ_MAX_RESERVED == RANGE_SLOTS,
	       "the header has RANGE_SLOTS slots for holes and for reserved ranges");
_Static_assert(RF_FUZZ_MAX_ZONES == RF_MAX_ZONES, "zone slots");
/* Offsets and lengths in the node are 2-byte fields. */
_Static_assert(RF_FUZZ_MAX_PAGES + RF_FUZZ_PFN_PAST <= 0x10000, "2-byte pfn offsets");

struct reader {
	const uint8_t *data;
	size_t size, pos;
};

/* The next byte, or 0 past the end (without moving past it). */
static inline unsigned int get8(struct reader *r)
{
	return r->pos < r->size ? r->data[r->pos++] : 0;
}

static inline unsigned int get16(struct reader *r)
{
	unsigned int lo = get8(r);

	return lo | get8(r) << 8;
}

static inline int mt_of_byte(unsigned int b)
{
	static const int tail[3] = { MIGRATE_RESERVE, MIGRATE_ISOLATE, -1 };

	return b < MT_TAIL ? (int)(b % MIGRATE_PCPTYPES) : tail[(b - MT_TAIL) % 3];
}

/* Zone and order: mostly valid, one past the range from INVALID_BYTE on. */
static inline unsigned int bounded_or_past(unsigned int b, unsigned int nr)
{
	return b < INVALID_BYTE ? b % nr : nr;
}

/* Holes and reserved ranges: always RANGE_SLOTS slots, the first @nr used. */
static inline void decode_ranges(struct reader *r, const struct rf_geometry *g, unsigned int nr,
			  struct rf_pfn_range *out, unsigned long max_len)
{
	for (unsigned int i = 0; i < RANGE_SLOTS; i++) {
		unsigned long off = get16(r) % g->node_spanned_pages;
		unsigned long len = 1 + get8(r) % max_len;

		if (i >= nr)
			continue;
		if (len > g->node_spanned_pages - off)
			len = g->node_spanned_pages - off;
		out[i].start = g->node_start_pfn + off;
		out[i].end = out[i].start + len;
	}
}

/*
 * The edge reading of a profile with edge_geometry (format.h): only bytes of
 * EDGE_BYTE and up, which rf_encode() never writes for these two fields, so a
 * canonical header reads the same either way.
 */
#define EDGE_BYTE 0x80

static inline unsigned int edge_max_order(unsigned int b)
{
	static const unsigned char edges[] = { 2, 3, 4, RF_MAX_MAX_ORDER };

	return edges[b % sizeof(edges)];
}

static inline unsigned int edge_pageblock_order(unsigned int b, unsigned int max_order)
{
	unsigned int edges[] = { 1, max_order > 2 ? max_order - 2 : 1, max_order - 1 };

	return edges[b % 3];
}

static inline void decode_geometry(struct reader *r, bool edge, struct rf_program *prog)
{
	struct rf_geometry *g = &prog->geo;
	unsigned int b;

	memset(g, 0, sizeof(*g));
	get8(r);	/* the version: every value decodes as version 1 */
	prog->modes = RF_RUN_BOTH - get8(r) % 3;
	b = get8(r);
	g->max_order = edge && b >= EDGE_BYTE ? edge_max_order(b)
					      : 2 + b % (RF_MAX_MAX_ORDER - 1);
	b = get8(r);
	g->pageblock_order = edge && b >= EDGE_BYTE ? edge_pageblock_order(b, g->max_order)
						    : 1 + b % (g->max_order - 1);

	unsigned int extra = get8(r) % (RF_FUZZ_REGION_EXTRA + 1);

	g->node_spanned_pages = RF_FUZZ_MIN_PAGES + get16(r) % PAGES_SPAN;
	g->node_start_pfn = get16(r);

	unsigned int least = rf_fmt_min_region_shift(g->node_spanned_pages);

	g->region_shift = g->max_order - 1 + extra;
	if (g->region_shift < least)
		g->region_shift = least;

	unsigned long end = g->node_start_pfn + g->node_spanned_pages;

	g->nr_zones = 1 + get8(r) % RF_FUZZ_MAX_ZONES;
	g->zone_start_pfn[0] = g->node_start_pfn;
	for (unsigned int i = 1; i < RF_FUZZ_MAX_ZONES; i++) {
		unsigned int w = get16(r);

		if (i >= g->nr_zones)
			continue;

		unsigned long prev = g->zone_start_pfn[i - 1];
		/* The last start that leaves one pfn to each later zone. */
		unsigned long last = end - (g->nr_zones - i);

		g->zone_start_pfn[i] = prev + 1 + w % (last - prev);
	}

	g->nr_holes = get8(r) % (RF_FUZZ_MAX_HOLES + 1);
	decode_ranges(r, g, g->nr_holes, g->holes, RF_FUZZ_MAX_HOLE_PAGES);
	g->nr_reserved = get8(r) % (RF_FUZZ_MAX_RESERVED + 1);
	decode_ranges(r, g, g->nr_reserved, g->reserved, RF_FUZZ_MAX_RESERVED_PAGES);
}

static inline void decode_op(struct reader *r, const struct rf_geometry *g,
		      const unsigned char table[256], struct rf_op *op)
{
	unsigned long pages = g->node_spanned_pages;

	memset(op, 0, sizeof(*op));
	op->kind = (enum rf_op_kind)table[get8(r)];

	unsigned int fl = rf_op_fields(op->kind);

	if (fl & F_ZONE)
		op->zone = bounded_or_past(get8(r), g->nr_zones);
	if (fl & F_HANDLE)
		op->handle = get16(r);
	if (fl & F_PFN)
		op->pfn = g->node_start_pfn + get16(r) % (pages + RF_FUZZ_PFN_PAST);
	if (fl & F_END)
		op->end = op->pfn + (op->kind == RF_OP_MOVE ? 0 : 1) + get16(r) % pages;
	if (fl & F_ORDER)
		op->order = bounded_or_past(get8(r), g->max_order);
	if (fl & F_QUOTA)
		op->quota = get8(r) % (RF_FUZZ_MAX_QUOTA + 1);
	if (fl & F_REGION) {
		unsigned int b = get8(r) % 128;

		op->region = b < REGION_LOWEST ? (int)b : -1;
	}
	if (fl & F_MT)
		op->mt = mt_of_byte(get8(r));
}

static inline void fmt_decode(const unsigned char table[256], bool edge_geometry,
			      const uint8_t *data, size_t size, struct rf_program *prog)
{
	struct reader r = { data, data ? size : 0, 0 };

	decode_geometry(&r, edge_geometry, prog);
	/* The header is read whole even from a shorter input. */
	r.pos = HEADER_BYTES;
	prog->nr_ops = 0;
	while (prog->nr_ops < RF_FUZZ_MAX_OPS && r.pos < r.size)
		decode_op(&r, &prog->geo, table, &prog->ops[prog->nr_ops++]);
}


/* rf_decode_profile(), for both copies. */
static inline void fmt_decode_profile(const struct rf_profile *p, const uint8_t *data, size_t size,
				      struct rf_program *prog)
{
	unsigned char table[256];

	/* A few hundred steps against an input's hundreds of allocator calls:
	 * cheaper than a cache keyed by profile. */
	rf_profile_table(p, table);
	fmt_decode(table, p->edge_geometry, data, size, prog);
}

#endif /* RF_FUZZ_FORMAT_DECODE_H */
