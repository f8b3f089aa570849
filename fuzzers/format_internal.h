/* SPDX-License-Identifier: MIT */
/*
 * What a program can hold (format.h), in one place: the byte side (encode)
 * and the text side (parse) both ask these functions, so the two can never
 * disagree about a range.
 */
#ifndef RF_FUZZ_FORMAT_INTERNAL_H
#define RF_FUZZ_FORMAT_INTERNAL_H

#include <stdbool.h>

#include "format.h"

/* The limits of format.h that are not in its #defines. */
#define RF_FUZZ_MAX_START_PFN 0xffffUL
#define RF_FUZZ_MAX_ZONES 3
#define RF_FUZZ_MAX_HOLES 2
#define RF_FUZZ_MAX_HOLE_PAGES 64UL
#define RF_FUZZ_MAX_RESERVED 2
#define RF_FUZZ_MAX_RESERVED_PAGES 8UL
#define RF_FUZZ_REGION_EXTRA 3		/* region_shift up to MAX_ORDER-1 + 3 */
#define RF_FUZZ_PFN_PAST 16UL		/* pfns up to 15 past the node end */
#define RF_FUZZ_MAX_QUOTA 4
#define RF_FUZZ_MAX_HANDLE 65535

/* An inclusive range of values. */
struct rf_fmt_range {
	long lo, hi;
};

/* The smallest region_shift that keeps a node of @pages pages within
 * RF_FUZZ_MAX_REGIONS regions, counted as rf_geometry_check counts them. */
unsigned int rf_fmt_min_region_shift(unsigned long pages);
/* The region_shift values a program holds: max(max_order-1 + extra,
 * rf_fmt_min_region_shift(pages)) for extra 0..RF_FUZZ_REGION_EXTRA. */
struct rf_fmt_range rf_fmt_region_shift_range(unsigned int max_order, unsigned long pages);

/*
 * The values field @field (one F_* bit) of an op of @kind can hold with
 * geometry @g; for F_END the range depends on the op's @pfn.  Valid only for
 * a geometry rf_fmt_geometry_ok() accepts and a field the op carries.
 */
struct rf_fmt_range rf_fmt_field_range(const struct rf_geometry *g, enum rf_op_kind kind,
				       unsigned int field, unsigned long pfn);

/* The value of field @field (one F_* bit) of @op, as a long. */
long rf_fmt_field_value(const struct rf_op *op, unsigned int field);

/* @g is inside the fuzzing ranges of format.h (and rf_geometry_check accepts it). */
bool rf_fmt_geometry_ok(const struct rf_geometry *g);
/* @op is an op a program with geometry @g can hold: a known kind, and every
 * field it carries in range.  Fields it does not carry are not looked at. */
bool rf_fmt_op_ok(const struct rf_geometry *g, const struct rf_op *op);
/* The whole program: geometry, modes, at most RF_FUZZ_MAX_OPS ops, each ok. */
bool rf_fmt_program_ok(const struct rf_program *prog);

/* Version 1's opcode table (format_bytes.c), and decoding with any table
 * (format_profile.c). */
extern const unsigned char rf_fmt_v1_table[256];
void rf_fmt_decode(const unsigned char table[256], bool edge_geometry, const uint8_t *data,
		   size_t size, struct rf_program *prog);

#endif /* RF_FUZZ_FORMAT_INTERNAL_H */
