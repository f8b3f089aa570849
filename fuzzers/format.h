/* SPDX-License-Identifier: MIT */
/*
 * The program format: how fuzz inputs (bytes) and reproducers (text) become
 * programs of allocator operations for the oracle (struct rf_program).
 *
 * Bytes.  Decoding is total -- every byte string is a valid program, values
 * are reduced into range, never rejected -- deterministic, and bounded
 * (RF_FUZZ_MAX_OPS operations).  The first byte is the format version; the
 * geometry follows, then operations until the input ends.  A byte string that
 * runs out mid-field reads zeros.  Invalid calls are reachable on purpose:
 * zone and order one past their range, a bad migratetype, pfns just past the
 * node; the engine must refuse them.
 *
 * Text.  Every program prints as readable lines and parses back; the bytes
 * encode() writes are canonical, so decode(encode(p)) == p, and for a file
 * made by encode(), encode(decode(bytes)) == bytes.
 *
 *   # regionfuzz program, format 1
 *   geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096
 *   zones 0x0 0x800
 *   holes 0x10-0x20
 *   reserved 0x30-0x31
 *   modes both
 *   alloc zone=0 order=3 mt=MOVABLE
 *   free handle=5
 *
 * An op line is exactly what rf_op_format() prints; '#' starts a comment; an
 * empty "holes" or "reserved" line may be left out.
 *
 * What a program can hold (bytes and text alike; values one past a range are
 * the invalid calls made on purpose):
 *   geometry   max_order 2..11, pageblock_order 1..max_order-1, pages
 *              RF_FUZZ_MIN_PAGES..RF_FUZZ_MAX_PAGES, start 0..0xffff, at most
 *              RF_FUZZ_MAX_REGIONS regions (region_shift from max_order-1 up,
 *              at least what keeps the count down), 1..3 zones, 0..2 holes of
 *              1..64 pages, 0..2 reserved ranges of 1..8 pages, all inside the
 *              node; modes vanilla, v4 or both
 *   zone       0..nr_zones               order    0..max_order
 *   mt         -1, or 0..MIGRATE_TYPES-1 handle   0..65535
 *   pfn        start .. start + pages + 15
 *   end        move: pfn .. pfn + pages - 1; isolate/unisolate_range: pfn + 1 .. pfn + pages
 *   quota      0..4                      region   -1..RF_FUZZ_MAX_REGIONS-1
 */
#ifndef RF_FUZZ_FORMAT_H
#define RF_FUZZ_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <regionfuzz/oracle.h>

#define RF_FORMAT_VERSION 1
#define RF_FUZZ_MAX_OPS 512

/* Fuzzing geometries: nodes of 2^8 .. 2^12 pages (small, so that thousands of
 * inputs run each second), at most 64 regions. */
#define RF_FUZZ_MIN_PAGES 256UL
#define RF_FUZZ_MAX_PAGES 4096UL
#define RF_FUZZ_MAX_REGIONS 64

/* Any bytes to a program: total, deterministic, bounded. */
void rf_decode(const uint8_t *data, size_t size, struct rf_program *prog);

/*
 * A target's reading of bytes (format_profile.c): how often each op comes up
 * in random bytes, and whether the geometry header leans toward the edges.
 * A profile only reads the bytes rf_encode() never writes differently --
 * opcodes 0..13 are each kind once in every profile, and edge_geometry only
 * re-reads header bytes past the canonical ones -- so a canonical file (every
 * corpus file, everything rf-text encode writes) means the same program to
 * every target; a fuzzer's raw find means its own target's program.
 */
struct rf_profile {
	const char *name;
	/* Relative frequency of each op among random opcode bytes: the 242
	 * opcode bytes past the fixed 14 are shared out in this proportion. */
	unsigned char weight[RF_OP_NR];
	/* max_order bytes >= 0x80 read as 2, 3, 4 or 11, pageblock_order bytes
	 * >= 0x80 as 1, max_order-2 or max_order-1. */
	bool edge_geometry;
};

/* The mix rf_decode() reads: version 1's opcode table. */
extern const struct rf_profile rf_profile_default;

/* rf_decode() with @p's op mix and geometry bias. */
void rf_decode_profile(const struct rf_profile *p, const uint8_t *data, size_t size,
		       struct rf_program *prog);
/* The 256-entry opcode table @p's weights give, into @table. */
void rf_profile_table(const struct rf_profile *p, unsigned char table[256]);

/*
 * The canonical bytes of @prog into @out (up to @cap); returns the length
 * they need, which may exceed @cap (then call again with more room), or 0
 * when @prog cannot be expressed (a value outside the fuzzing ranges: the
 * programs rf_decode and rf_program_parse produce always can).
 */
size_t rf_encode(const struct rf_program *prog, uint8_t *out, size_t cap);

/* One op's canonical bytes, as rf_encode() writes them in a program on @g:
 * the length they need, or 0 if @op is not one such a program can hold. */
size_t rf_encode_op(const struct rf_geometry *g, const struct rf_op *op, uint8_t *out, size_t cap);

/* The text form. */
void rf_program_print(FILE *f, const struct rf_program *prog);
/*
 * Parse a whole text; 0 on success, else -1 with a message in @err naming
 * the line and what is wrong ("line 7: order=13: a program holds orders
 * 0..11 with MAX_ORDER 11").
 */
int rf_program_parse(const char *text, struct rf_program *prog, char *err, size_t errlen);

#endif /* RF_FUZZ_FORMAT_H */
