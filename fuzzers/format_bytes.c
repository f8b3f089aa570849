// SPDX-License-Identifier: MIT
/*
 * The byte format of a program, version 1: rf_decode() and rf_encode().
 *
 * Every byte string decodes (format.h): a value is reduced into its range
 * with a modulo, never rejected, and a byte past the end of the input reads
 * 0.  The canonical byte of a value -- the one rf_encode() writes -- is the
 * value itself or the simple offset given below, so a hex dump of a
 * canonical file can be read by eye.  Multi-byte fields are little-endian.
 *
 * Header: 28 bytes, always all of them, so that changing a count never
 * shifts the operations behind it (a fuzzer's mutation of nr_zones keeps the
 * op stream's meaning).  Slots beyond a count are read by no one; rf_encode()
 * writes them as 0.
 *
 *   off len field            decoded from b (a byte) or w (a word)   canonical
 *    0   1  version          (see Versions below)                 1
 *    1   1  modes            3 - b % 3: both, v4, vanilla         3 - RF_RUN_*
 *    2   1  max_order        2 + b % 10                           max_order - 2
 *    3   1  pageblock_order  1 + b % (max_order - 1)              pageblock_order - 1
 *    4   1  region_shift     max(max_order - 1 + b % 4, least)    the smallest such b
 *                            (least: the smallest shift that keeps the node
 *                            within RF_FUZZ_MAX_REGIONS regions)
 *    5   2  pages            MIN + w % (MAX - MIN + 1)            pages - MIN
 *                            (MIN, MAX: RF_FUZZ_MIN_PAGES, RF_FUZZ_MAX_PAGES)
 *    7   2  node_start_pfn   w                                    start
 *    9   1  nr_zones         1 + b % 3                            nr_zones - 1
 *   10   2  zone i start     prev + 1 + w % room                  start - prev - 1
 *   12   2  (i = 1, 2)       prev: zone i-1's start; room: node end
 *                            - (nr_zones - i) - prev, so zone i starts at
 *                            most nr_zones - i pfns before the node end and
 *                            every zone is non-empty, in order, in the node
 *   14   1  nr_holes         b % 3                                nr_holes
 *   15   3  hole 0           w: offset w % pages from the node    offset,
 *   18   3  hole 1           start; b: length 1 + b % 64, clipped length - 1
 *                            at the node end
 *   21   1  nr_reserved      b % 3                                nr_reserved
 *   22   3  reserved 0       as a hole, length 1 + b % 8          offset,
 *   25   3  reserved 1                                            length - 1
 *
 * Operations from byte 28 until the input ends or RF_FUZZ_MAX_OPS are read:
 * an opcode byte, then the fields ops.def gives the op, in rf_op_format()'s
 * order -- zone, handle, pfn, end, order, quota, region, mt.  An op whose
 * opcode is the last byte still decodes, its fields reading 0.
 *
 *   opcode   table[b], version 1's table (rf_fmt_v1_table) for rf_decode(), a
 *            profile's for rf_decode_profile() (format_profile.c): 256 entries;
 *            version 1's is weighted so that a fuzzer mostly
 *            allocates and frees (alloc 79, free 73, isolate 16, move 13,
 *            unisolate 13, steal 11, move_block 11, ra_request 11,
 *            isolate_range 8, unisolate_range 8, free_pfn 5, reserve 4,
 *            check 3, free_all 1).  Entries 0..13 hold each kind once, in
 *            ops.def order, so a kind's canonical byte (its first entry) is
 *            its place in ops.def: alloc 0, free 1, ... free_all 12, check 13.
 *   zone     1 byte: b < 0xf8: b % nr_zones; 0xf8..0xff: nr_zones, the
 *            invalid zone (3% of bytes).  Canonical: the zone, 0xf8 for nr_zones.
 *   handle   2 bytes: 0..65535 as is.
 *   pfn      2 bytes: node_start_pfn + w % (pages + 16): the node and the 16
 *            pfns past it.  Canonical: pfn - node_start_pfn.
 *   end      2 bytes, a length from pfn.  move (inclusive end): pfn + w % pages;
 *            isolate_range, unisolate_range: pfn + 1 + w % pages.  Canonical:
 *            end - pfn, resp. end - pfn - 1.
 *   order    1 byte: as zone -- b < 0xf8: b % max_order; else max_order.
 *   quota    1 byte: b % 5.
 *   region   1 byte: b % 128 below 64: that region; 64..127: -1, the lowest
 *            held region (half the bytes: the series' own request).  Canonical:
 *            the region, 0x40 for -1.
 *   mt       1 byte, biased to the allocation types: b < 0xf8: b % 3
 *            (UNMOVABLE, RECLAIMABLE, MOVABLE); 0xf8 + t: RESERVE, ISOLATE, -1
 *            for t % 3 == 0, 1, 2.  Canonical: 0..2 as is, RESERVE 0xf8,
 *            ISOLATE 0xf9, -1 0xfa.
 *
 * rf_encode() writes these canonical bytes for any program inside the ranges
 * of format.h (format_ranges.c) and returns 0 for any other.  The fields an
 * op does not carry (ops.def) are no part of it: they are neither written
 * nor looked at, and rf_decode() and rf_program_parse() leave them 0.
 *
 * Versions.  Only version 1 exists, so every first byte decodes with these
 * rules and rf_encode() writes 1.  A version 2 would claim first-byte values
 * of its own (2, or a range such as 0x80..0xff) and decode every other value
 * -- 1 and 0 above all -- with these version-1 rules, unchanged: every file
 * rf_encode() has written keeps its program.  A fuzzer's own finds with a
 * first byte version 2 claims would change meaning, so crash inputs worth
 * keeping are kept as text (rf-text decode) or re-encoded first.
 */
#include <string.h>

#include "format_decode.h"

#define AL RF_OP_ALLOC
#define FR RF_OP_FREE
#define FP RF_OP_FREE_PFN
#define ST RF_OP_STEAL
#define MV RF_OP_MOVE
#define MB RF_OP_MOVE_BLOCK
#define IS RF_OP_ISOLATE
#define UI RF_OP_UNISOLATE
#define IR RF_OP_ISOLATE_RANGE
#define UR RF_OP_UNISOLATE_RANGE
#define RS RF_OP_RESERVE
#define RA RF_OP_RA_REQUEST
#define FA RF_OP_FREE_ALL
#define CK RF_OP_CHECK

/* Version 1's opcode table: frozen, whatever ops.def comes to hold. */
const unsigned char rf_fmt_v1_table[256] = {
	/* 0x00 */ AL, FR, FP, ST, MV, MB, IS, UI, IR, UR, RS, RA, FA, CK, AL, AL,
	/* 0x10 */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
	/* 0x20 */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
	/* 0x30 */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
	/* 0x40 */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL,
	/* 0x50 */ AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, AL, FR, FR, FR, FR,
	/* 0x60 */ FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR,
	/* 0x70 */ FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR,
	/* 0x80 */ FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR,
	/* 0x90 */ FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR, FR,
	/* 0xa0 */ FR, FR, FR, FR, FP, FP, FP, FP, ST, ST, ST, ST, ST, ST, ST, ST,
	/* 0xb0 */ ST, ST, MV, MV, MV, MV, MV, MV, MV, MV, MV, MV, MV, MV, MB, MB,
	/* 0xc0 */ MB, MB, MB, MB, MB, MB, MB, MB, IS, IS, IS, IS, IS, IS, IS, IS,
	/* 0xd0 */ IS, IS, IS, IS, IS, IS, IS, UI, UI, UI, UI, UI, UI, UI, UI, UI,
	/* 0xe0 */ UI, UI, UI, IR, IR, IR, IR, IR, IR, IR, UR, UR, UR, UR, UR, UR,
	/* 0xf0 */ UR, RS, RS, RS, RA, RA, RA, RA, RA, RA, RA, RA, RA, RA, CK, CK,
};

#undef AL
#undef FR
#undef FP
#undef ST
#undef MV
#undef MB
#undef IS
#undef UI
#undef IR
#undef UR
#undef RS
#undef RA
#undef FA
#undef CK

/* ------------------------------------------------------------ decode */

/* The decoder itself is format_decode.h's, compiled in format_profile.c. */
void rf_decode(const uint8_t *data, size_t size, struct rf_program *prog)
{
	rf_fmt_decode(rf_fmt_v1_table, false, data, size, prog);
}

/* ------------------------------------------------------------ encode */

struct writer {
	uint8_t *out;
	size_t cap, len;
};

static void put8(struct writer *w, unsigned long b)
{
	if (w->len < w->cap)
		w->out[w->len] = (uint8_t)b;
	w->len++;
}

static void put16(struct writer *w, unsigned long v)
{
	put8(w, v & 0xff);
	put8(w, (v >> 8) & 0xff);
}

/* The first entry of @kind, or -1 for an op version 1 does not know (one
 * added to ops.def after it: such a program cannot be encoded). */
static int opcode_of(const unsigned char table[256], enum rf_op_kind kind)
{
	for (int b = 0; b < 256; b++)
		if (table[b] == kind)
			return b;
	return -1;
}

static unsigned int mt_byte(int mt)
{
	switch (mt) {
	case MIGRATE_RESERVE:
		return MT_TAIL;
	case MIGRATE_ISOLATE:
		return MT_TAIL + 1;
	case -1:
		return MT_TAIL + 2;
	default:
		return (unsigned int)mt;
	}
}

static unsigned int past_byte(unsigned int v, unsigned int nr)
{
	return v < nr ? v : INVALID_BYTE;
}

static void encode_ranges(struct writer *w, const struct rf_geometry *g, unsigned int nr,
			  const struct rf_pfn_range *r)
{
	for (unsigned int i = 0; i < RANGE_SLOTS; i++) {
		if (i < nr) {
			put16(w, r[i].start - g->node_start_pfn);
			put8(w, r[i].end - r[i].start - 1);
		} else {
			put16(w, 0);
			put8(w, 0);
		}
	}
}

static void encode_geometry(struct writer *w, const struct rf_program *prog)
{
	const struct rf_geometry *g = &prog->geo;

	put8(w, RF_FORMAT_VERSION);
	put8(w, RF_RUN_BOTH - prog->modes);
	put8(w, g->max_order - 2);
	put8(w, g->pageblock_order - 1);

	/* The smallest extra that decodes to this region_shift. */
	unsigned int least = rf_fmt_min_region_shift(g->node_spanned_pages), extra = 0;

	while (extra < RF_FUZZ_REGION_EXTRA &&
	       (g->max_order - 1 + extra > least ? g->max_order - 1 + extra : least) !=
		       g->region_shift)
		extra++;
	put8(w, extra);
	put16(w, g->node_spanned_pages - RF_FUZZ_MIN_PAGES);
	put16(w, g->node_start_pfn);
	put8(w, g->nr_zones - 1);
	for (unsigned int i = 1; i < RF_FUZZ_MAX_ZONES; i++)
		put16(w, i < g->nr_zones ? g->zone_start_pfn[i] - g->zone_start_pfn[i - 1] - 1 : 0);
	put8(w, g->nr_holes);
	encode_ranges(w, g, g->nr_holes, g->holes);
	put8(w, g->nr_reserved);
	encode_ranges(w, g, g->nr_reserved, g->reserved);
}

static void encode_op(struct writer *w, const struct rf_geometry *g,
		      const unsigned char table[256], const struct rf_op *op)
{
	unsigned int fl = rf_op_fields(op->kind);

	put8(w, (unsigned int)opcode_of(table, op->kind));
	if (fl & F_ZONE)
		put8(w, past_byte(op->zone, g->nr_zones));
	if (fl & F_HANDLE)
		put16(w, op->handle);
	if (fl & F_PFN)
		put16(w, op->pfn - g->node_start_pfn);
	if (fl & F_END)
		put16(w, op->end - op->pfn - (op->kind == RF_OP_MOVE ? 0 : 1));
	if (fl & F_ORDER)
		put8(w, past_byte(op->order, g->max_order));
	if (fl & F_QUOTA)
		put8(w, op->quota);
	if (fl & F_REGION)
		put8(w, op->region < 0 ? REGION_LOWEST : (unsigned int)op->region);
	if (fl & F_MT)
		put8(w, mt_byte(op->mt));
}

static size_t encode_program(const unsigned char table[256], const struct rf_program *prog,
			     uint8_t *out, size_t cap)
{
	struct writer w = { out, out ? cap : 0, 0 };

	if (!prog || !rf_fmt_program_ok(prog))
		return 0;
	for (uint32_t i = 0; i < prog->nr_ops; i++)
		if (opcode_of(table, prog->ops[i].kind) < 0)
			return 0;
	encode_geometry(&w, prog);
	for (uint32_t i = 0; i < prog->nr_ops; i++)
		encode_op(&w, &prog->geo, table, &prog->ops[i]);
	return w.len;
}

size_t rf_encode_op(const struct rf_geometry *g, const struct rf_op *op, uint8_t *out, size_t cap)
{
	struct writer w = { out, out ? cap : 0, 0 };

	if (!rf_fmt_geometry_ok(g) || !rf_fmt_op_ok(g, op) || opcode_of(rf_fmt_v1_table, op->kind) < 0)
		return 0;
	encode_op(&w, g, rf_fmt_v1_table, op);
	return w.len;
}

size_t rf_encode(const struct rf_program *prog, uint8_t *out, size_t cap)
{
	return encode_program(rf_fmt_v1_table, prog, out, cap);
}
