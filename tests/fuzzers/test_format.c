// SPDX-License-Identifier: MIT
/*
 * The program format (fuzzers/format.h): bytes and text.
 *
 *  - Hand-written texts parse to the program they say, and print back to the
 *    same text; non-canonical spellings (comments, any field order, decimal
 *    or hex, numbers for migratetypes, CRLF) parse to the same program.
 *  - Each kind of parse error gives its message, line number included.
 *  - The byte layout: a hand-made input decodes to the program the layout
 *    comment in format_bytes.c says, and that program encodes to it.
 *  - Decoding is total: the empty input, short inputs, constant inputs and
 *    20000 seeded random inputs of 0..600 bytes all give programs inside the
 *    ranges of format.h -- checked here by an independent reading of those
 *    ranges, not by the format's own code -- and each round-trips: encode
 *    succeeds, decode(encode(p)) == p, parse(print(p)) == p, and
 *    encode(decode(encode(p))) == encode(p) byte for byte.  The inputs go
 *    through a libFuzzer-style entry, so the ASan+UBSan build of this suite
 *    is the "decode never crashes" fuzz run.
 *  - Every op kind and every invalid call the format promises is reached by
 *    decoding random bytes; the opcode table has the weights it claims.
 *
 * The format knows nothing of engine modes: every test runs in both, and the
 * random tests draw a different seed in each, so the two runs cover
 * different inputs.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <regionfuzz/oracle.h>

#include "format.h"
#include "target.h"
#include "testlib.h"

/* ------------------------------------------------------------ helpers */

/* Programs are 200 KB: three of them, shared by the tests. */
static struct rf_program prog_a, prog_b, prog_c;

static uint64_t seed_for(uint64_t base)
{
	return base ^ (t_mode == RF_MODE_V4 ? 0x5eed0004ULL : 0x5eed0001ULL);
}

/* @prog's text, malloc'ed. */
static char *print_to_string(const struct rf_program *prog)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	rf_program_print(f, prog);
	fclose(f);
	return buf;
}

static unsigned long node_end(const struct rf_geometry *g)
{
	return g->node_start_pfn + g->node_spanned_pages;
}

/* Report a failure at the caller's line @where, about @what, and return
 * false from the checking function it is used in. */
#define FAIL_AT(...)                                                           \
	do {                                                                   \
		char m_[512];                                                  \
		snprintf(m_, sizeof(m_), __VA_ARGS__);                         \
		t_fail(__FILE__, where, "%s: %s", what, m_);                   \
		return false;                                                  \
	} while (0)

/*
 * @prog is inside the ranges of format.h.  Written from the header's table,
 * independently of format_ranges.c; the first violation is reported with
 * @what and @where.
 */
static bool in_format_ranges(const struct rf_program *p, const char *what, int where)
{
	const struct rf_geometry *g = &p->geo;
	char why[200];

	if (rf_geometry_check(g, why, sizeof(why)) != RF_OK)
		FAIL_AT("rf_geometry_check refuses: %s", why);
	if (g->max_order < 2 || g->max_order > 11)
		FAIL_AT("max_order %u", g->max_order);
	if (g->pageblock_order < 1 || g->pageblock_order > g->max_order - 1)
		FAIL_AT("pageblock_order %u", g->pageblock_order);
	if (g->node_spanned_pages < RF_FUZZ_MIN_PAGES || g->node_spanned_pages > RF_FUZZ_MAX_PAGES)
		FAIL_AT("pages %lu", g->node_spanned_pages);
	if (g->node_start_pfn > 0xffff)
		FAIL_AT("start %#lx", g->node_start_pfn);

	unsigned long regions = ((g->node_spanned_pages - 1) >> g->region_shift) + 1;
	unsigned int least = 0;

	while (((g->node_spanned_pages - 1) >> least) + 1 > RF_FUZZ_MAX_REGIONS)
		least++;
	if (regions > RF_FUZZ_MAX_REGIONS)
		FAIL_AT("%lu regions", regions);
	if (g->region_shift < g->max_order - 1)
		FAIL_AT("region_shift %u below MAX_ORDER-1", g->region_shift);
	/* The brief's rule: max(max_order-1 + extra, least), extra 0..3. */
	if (g->region_shift > (g->max_order + 2 > least ? g->max_order + 2 : least))
		FAIL_AT("region_shift %u above max(MAX_ORDER-1 + 3, %u)", g->region_shift, least);
	if (g->nr_zones < 1 || g->nr_zones > 3)
		FAIL_AT("%u zones", g->nr_zones);
	if (g->zone_start_pfn[0] != g->node_start_pfn)
		FAIL_AT("zone 0 at %#lx", g->zone_start_pfn[0]);
	for (unsigned int i = 1; i < g->nr_zones; i++)
		if (g->zone_start_pfn[i] <= g->zone_start_pfn[i - 1] ||
		    g->zone_start_pfn[i] >= node_end(g))
			FAIL_AT("zone %u at %#lx", i, g->zone_start_pfn[i]);
	if (g->nr_holes > 2 || g->nr_reserved > 2)
		FAIL_AT("%u holes, %u reserved", g->nr_holes, g->nr_reserved);
	for (unsigned int i = 0; i < g->nr_holes; i++)
		if (g->holes[i].start < g->node_start_pfn || g->holes[i].end > node_end(g) ||
		    g->holes[i].end <= g->holes[i].start || g->holes[i].end - g->holes[i].start > 64)
			FAIL_AT("hole %#lx-%#lx", g->holes[i].start, g->holes[i].end);
	for (unsigned int i = 0; i < g->nr_reserved; i++)
		if (g->reserved[i].start < g->node_start_pfn || g->reserved[i].end > node_end(g) ||
		    g->reserved[i].end <= g->reserved[i].start ||
		    g->reserved[i].end - g->reserved[i].start > 8)
			FAIL_AT("reserved %#lx-%#lx", g->reserved[i].start, g->reserved[i].end);
	if (p->modes != RF_RUN_VANILLA && p->modes != RF_RUN_V4 && p->modes != RF_RUN_BOTH)
		FAIL_AT("modes %u", p->modes);
	if (p->nr_ops > RF_FUZZ_MAX_OPS)
		FAIL_AT("%u ops", p->nr_ops);
	for (uint32_t i = 0; i < p->nr_ops; i++) {
		const struct rf_op *op = &p->ops[i];
		unsigned int fl = rf_op_fields(op->kind);

		if ((unsigned int)op->kind >= RF_OP_NR)
			FAIL_AT("op %u: kind %d", i, (int)op->kind);
		if (fl & F_ZONE ? op->zone > g->nr_zones : op->zone != 0)
			FAIL_AT("op %u: zone %u", i, op->zone);
		if (fl & F_ORDER ? op->order > g->max_order : op->order != 0)
			FAIL_AT("op %u: order %u", i, op->order);
		if (fl & F_MT ? op->mt < -1 || op->mt >= MIGRATE_TYPES : op->mt != 0)
			FAIL_AT("op %u: mt %d", i, op->mt);
		if (fl & F_HANDLE ? op->handle > 65535 : op->handle != 0)
			FAIL_AT("op %u: handle %u", i, op->handle);
		if (fl & F_PFN ? op->pfn < g->node_start_pfn || op->pfn > node_end(g) + 15
			       : op->pfn != 0)
			FAIL_AT("op %u: pfn %#lx", i, op->pfn);
		if (!(fl & F_END) ? op->end != 0
		    : op->kind == RF_OP_MOVE
			    ? op->end < op->pfn || op->end > op->pfn + g->node_spanned_pages - 1
			    : op->end < op->pfn + 1 || op->end > op->pfn + g->node_spanned_pages)
			FAIL_AT("op %u: %s pfn %#lx end %#lx", i, rf_op_name(op->kind), op->pfn, op->end);
		if (fl & F_QUOTA ? op->quota > 4 : op->quota != 0)
			FAIL_AT("op %u: quota %u", i, op->quota);
		if (fl & F_REGION ? op->region < -1 || op->region > RF_FUZZ_MAX_REGIONS - 1
				  : op->region != 0)
			FAIL_AT("op %u: region %d", i, op->region);
	}
	return true;
}
#define CHECK_IN_RANGES(p, what) in_format_ranges(p, what, __LINE__)

/* Field by field: the geometry's used entries, modes, and every op's fields. */
static bool same_program(const struct rf_program *a, const struct rf_program *b,
			 const char *what, int where)
{
	const struct rf_geometry *x = &a->geo, *y = &b->geo;

	if (x->max_order != y->max_order || x->pageblock_order != y->pageblock_order ||
	    x->region_shift != y->region_shift || x->node_start_pfn != y->node_start_pfn ||
	    x->node_spanned_pages != y->node_spanned_pages)
		FAIL_AT("geometry %u/%u/%u/%#lx/%lu vs %u/%u/%u/%#lx/%lu", x->max_order,
		     x->pageblock_order, x->region_shift, x->node_start_pfn, x->node_spanned_pages,
		     y->max_order, y->pageblock_order, y->region_shift, y->node_start_pfn,
		     y->node_spanned_pages);
	if (x->nr_zones != y->nr_zones || x->nr_holes != y->nr_holes ||
	    x->nr_reserved != y->nr_reserved)
		FAIL_AT("counts %u/%u/%u vs %u/%u/%u", x->nr_zones, x->nr_holes, x->nr_reserved,
		     y->nr_zones, y->nr_holes, y->nr_reserved);
	for (unsigned int i = 0; i < x->nr_zones && i < RF_MAX_ZONES; i++)
		if (x->zone_start_pfn[i] != y->zone_start_pfn[i])
			FAIL_AT("zone %u: %#lx vs %#lx", i, x->zone_start_pfn[i], y->zone_start_pfn[i]);
	for (unsigned int i = 0; i < x->nr_holes && i < RF_MAX_RANGES; i++)
		if (x->holes[i].start != y->holes[i].start || x->holes[i].end != y->holes[i].end)
			FAIL_AT("hole %u", i);
	for (unsigned int i = 0; i < x->nr_reserved && i < RF_MAX_RANGES; i++)
		if (x->reserved[i].start != y->reserved[i].start ||
		    x->reserved[i].end != y->reserved[i].end)
			FAIL_AT("reserved %u", i);
	if (a->modes != b->modes)
		FAIL_AT("modes %u vs %u", a->modes, b->modes);
	if (a->nr_ops != b->nr_ops)
		FAIL_AT("%u ops vs %u", a->nr_ops, b->nr_ops);
	for (uint32_t i = 0; i < a->nr_ops; i++) {
		const struct rf_op *o = &a->ops[i], *q = &b->ops[i];

		if (o->kind != q->kind || o->zone != q->zone || o->order != q->order ||
		    o->mt != q->mt || o->handle != q->handle || o->pfn != q->pfn ||
		    o->end != q->end || o->quota != q->quota || o->region != q->region) {
			char l1[160], l2[160];

			rf_op_format(l1, sizeof(l1), o);
			rf_op_format(l2, sizeof(l2), q);
			FAIL_AT("op %u: '%s' vs '%s'", i, l1, l2);
		}
	}
	return true;
}
#define CHECK_SAME(a, b, what) same_program(a, b, what, __LINE__)

/* Parse @text, expecting success. */
static bool parse_ok(const char *text, struct rf_program *p, int where)
{
	char err[512] = "";

	if (rf_program_parse(text, p, err, sizeof(err))) {
		t_fail(__FILE__, where, "parse failed: %s", err);
		return false;
	}
	return true;
}
#define PARSE_OK(text, p) parse_ok(text, p, __LINE__)

/* print(@p) is exactly @want. */
static void check_prints_as(const struct rf_program *p, const char *want, int where)
{
	char *got = print_to_string(p);

	if (!got || strcmp(got, want))
		t_fail(__FILE__, where, "printed\n%s\nexpected\n%s", got ? got : "(null)", want);
	free(got);
}
#define CHECK_PRINTS_AS(p, want) check_prints_as(p, want, __LINE__)

/* ------------------------------------------------------------ text */

static const char example_text[] =
	"# regionfuzz program, format 1\n"
	"# 2 operations: op i is on line 8 + i\n"
	"geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n"
	"zones 0x0 0x800\n"
	"holes 0x10-0x20\n"
	"reserved 0x30-0x31\n"
	"modes both\n"
	"alloc zone=0 order=3 mt=MOVABLE\n"
	"free handle=5\n";

/* The example of format.h, with its canonical bytes (format_bytes.c's layout). */
static const uint8_t example_bytes[] = {
	0x01,			/* version 1 */
	0x00,			/* modes: both */
	0x09,			/* max_order 11 = 2 + 9 */
	0x08,			/* pageblock_order 9 = 1 + 8 */
	0x00,			/* region_shift 10 = max(MAX_ORDER-1 + 0, 6) */
	0x00, 0x0f,		/* pages 4096 = 256 + 0x0f00 */
	0x00, 0x00,		/* start 0 */
	0x01,			/* 2 zones */
	0xff, 0x07,		/* zone 1 at 0 + 1 + 0x7ff */
	0x00, 0x00,		/* (zone 2: unused) */
	0x01,			/* 1 hole */
	0x10, 0x00, 0x0f,	/* at 0x10, 15 + 1 pages */
	0x00, 0x00, 0x00,	/* (unused) */
	0x01,			/* 1 reserved range */
	0x30, 0x00, 0x00,	/* at 0x30, 0 + 1 pages */
	0x00, 0x00, 0x00,	/* (unused) */
	0x00, 0x00, 0x03, 0x02,	/* alloc zone=0 order=3 mt=MOVABLE */
	0x01, 0x05, 0x00,	/* free handle=5 */
};

static void text_example(void)
{
	struct rf_program *p = &prog_a;

	if (!PARSE_OK(example_text, p))
		return;
	CHECK_EQ(p->geo.max_order, 11);
	CHECK_EQ(p->geo.pageblock_order, 9);
	CHECK_EQ(p->geo.region_shift, 10);
	CHECK_EQ(p->geo.node_start_pfn, 0);
	CHECK_EQ(p->geo.node_spanned_pages, 4096);
	CHECK_EQ(p->geo.nr_zones, 2);
	CHECK_EQ(p->geo.zone_start_pfn[0], 0);
	CHECK_EQ(p->geo.zone_start_pfn[1], 0x800);
	CHECK_EQ(p->geo.nr_holes, 1);
	CHECK_EQ(p->geo.holes[0].start, 0x10);
	CHECK_EQ(p->geo.holes[0].end, 0x20);
	CHECK_EQ(p->geo.nr_reserved, 1);
	CHECK_EQ(p->geo.reserved[0].start, 0x30);
	CHECK_EQ(p->geo.reserved[0].end, 0x31);
	CHECK_EQ(p->modes, RF_RUN_BOTH);
	CHECK_EQ(p->nr_ops, 2);
	CHECK_EQ(p->ops[0].kind, RF_OP_ALLOC);
	CHECK_EQ(p->ops[0].zone, 0);
	CHECK_EQ(p->ops[0].order, 3);
	CHECK_EQ(p->ops[0].mt, MIGRATE_MOVABLE);
	CHECK_EQ(p->ops[1].kind, RF_OP_FREE);
	CHECK_EQ(p->ops[1].handle, 5);
	CHECK_IN_RANGES(p, "example");
	CHECK_PRINTS_AS(p, example_text);
}

/* Every op, every field, the extremes of each range and every invalid call. */
static const char every_op_text[] =
	"# regionfuzz program, format 1\n"
	"# 17 operations: op i is on line 7 + i\n"
	"geometry max_order=4 pageblock_order=2 region_shift=6 start=0x100 pages=512\n"
	"zones 0x100 0x180 0x2ff\n"
	"holes 0x110-0x150 0x2fe-0x2ff\n"
	"modes v4\n"
	"alloc zone=3 order=4 mt=-1\n"
	"free handle=65535\n"
	"free_pfn pfn=0x30f order=0\n"
	"steal zone=2 order=1 mt=RECLAIMABLE\n"
	"move zone=0 pfn=0x100 end=0x2ff mt=RESERVE\n"
	"move zone=0 pfn=0x30f end=0x30f mt=UNMOVABLE\n"
	"move_block pfn=0x140 mt=ISOLATE\n"
	"isolate pfn=0x200\n"
	"unisolate pfn=0x200 mt=MOVABLE\n"
	"isolate_range pfn=0x100 end=0x300 mt=MOVABLE\n"
	"unisolate_range pfn=0x2ff end=0x300 mt=UNMOVABLE\n"
	"reserve zone=1 quota=4\n"
	"ra_request zone=0 region=-1 mt=MOVABLE\n"
	"ra_request zone=3 region=63 mt=ISOLATE\n"
	"free_all\n"
	"check\n"
	"free handle=0\n";

/* The same program, spelled every other way the parser accepts. */
static const char every_op_loose[] =
	"\n"
	"  # the header comes first; its lines in any order after geometry\n"
	"geometry pages=512 start=256 region_shift=0x6 max_order=4 pageblock_order=2\r\n"
	"modes v4   # on the v4 engine only\n"
	"holes 272-0x150\t0X2FE-767\n"
	"zones 256 0x180 767\n"
	"\n"
	"alloc mt=-1 order=4 zone=3\n"
	"\tfree handle=0xffff\n"
	"free_pfn order=00 pfn=783\n"
	"steal mt=1 zone=2 order=1\n"
	"move mt=3 end=767 pfn=256 zone=0\n"
	"move pfn=0x30f zone=0 mt=0 end=0x30f\n"
	"move_block mt=4 pfn=0x140\n"
	"isolate pfn=512 # a pageblock\n"
	"unisolate mt=2 pfn=0x200\n"
	"isolate_range end=0x300 pfn=0x100 mt=MOVABLE\n"
	"unisolate_range mt=UNMOVABLE end=768 pfn=767\n"
	"reserve quota=4 zone=1\n"
	"ra_request region=-1 mt=2 zone=0\n"
	"ra_request mt=ISOLATE region=0x3f zone=3\n"
	"free_all\n"
	"check   \n"
	"free handle=0";	/* no newline at the end */

static void text_every_op(void)
{
	struct rf_program *p = &prog_a, *q = &prog_b;

	if (!PARSE_OK(every_op_text, p))
		return;
	CHECK_EQ(p->modes, RF_RUN_V4);
	CHECK_EQ(p->geo.nr_zones, 3);
	CHECK_EQ(p->geo.zone_start_pfn[2], 0x2ff);
	CHECK_EQ(p->geo.nr_holes, 2);
	CHECK_EQ(p->geo.nr_reserved, 0);
	CHECK_EQ(p->nr_ops, 17);
	CHECK_EQ(p->ops[0].zone, 3);		/* one past the zones */
	CHECK_EQ(p->ops[0].order, 4);		/* MAX_ORDER */
	CHECK_EQ(p->ops[0].mt, -1);
	CHECK_EQ(p->ops[1].handle, 65535);
	CHECK_EQ(p->ops[2].pfn, 0x30f);		/* 15 past the node */
	CHECK_EQ(p->ops[4].end, 0x2ff);
	CHECK_EQ(p->ops[4].mt, MIGRATE_RESERVE);
	CHECK_EQ(p->ops[6].mt, MIGRATE_ISOLATE);
	CHECK_EQ(p->ops[9].end, 0x300);
	CHECK_EQ(p->ops[11].quota, 4);
	CHECK_EQ(p->ops[12].region, -1);
	CHECK_EQ(p->ops[13].region, 63);
	CHECK_EQ(p->ops[14].kind, RF_OP_FREE_ALL);
	CHECK_EQ(p->ops[15].kind, RF_OP_CHECK);
	for (unsigned int k = 0; k < RF_OP_NR; k++) {
		bool seen = false;

		for (uint32_t i = 0; i < p->nr_ops; i++)
			seen |= p->ops[i].kind == (enum rf_op_kind)k;
		if (!seen)
			t_fail(__FILE__, __LINE__, "%s is missing from the text", rf_op_name(k));
	}
	CHECK_IN_RANGES(p, "every op");
	CHECK_PRINTS_AS(p, every_op_text);

	if (PARSE_OK(every_op_loose, q)) {
		CHECK_SAME(p, q, "loose spelling");
		CHECK_PRINTS_AS(q, every_op_text);
	}

	/* Both kinds of text encode, and the bytes decode to the same program. */
	uint8_t buf[4096];
	size_t n = rf_encode(p, buf, sizeof(buf));

	CHECK(n > 0 && n <= sizeof(buf));
	rf_decode(buf, n, &prog_c);
	CHECK_SAME(p, &prog_c, "decode(encode(every op))");
}

/* A program with no ops, and no holes or reserved lines at all. */
static void text_minimal(void)
{
	static const char text[] =
		"# regionfuzz program, format 1\n"
		"# no operations\n"
		"geometry max_order=2 pageblock_order=1 region_shift=2 start=0x0 pages=256\n"
		"zones 0x0\n"
		"modes both\n";
	struct rf_program *p = &prog_a;

	if (!PARSE_OK(text, p))
		return;
	CHECK_EQ(p->nr_ops, 0);
	CHECK_EQ(p->geo.nr_holes, 0);
	CHECK_EQ(p->geo.nr_reserved, 0);
	CHECK_PRINTS_AS(p, text);
	/* The empty byte input is this program. */
	rf_decode(NULL, 0, &prog_b);
	CHECK_SAME(p, &prog_b, "decode of nothing");
	/* Empty holes and reserved lines are accepted too. */
	if (PARSE_OK("geometry max_order=2 pageblock_order=1 region_shift=2 start=0 pages=256\n"
		     "zones 0\nholes\nreserved\nmodes both\n", &prog_c))
		CHECK_SAME(p, &prog_c, "empty holes and reserved lines");
}

/* ------------------------------------------------------------ parse errors */

#define BASE "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n" \
	     "zones 0x0 0x800\n"                                                          \
	     "modes both\n"
#define GEO_KEYS "(geometry takes max_order, pageblock_order, region_shift, start, pages)"
#define ALLOC_KEYS "(alloc takes zone, order, mt)"

static const struct {
	const char *text;
	const char *want;
} parse_errors[] = {
	/* -- the shape of the text */
	{ "", "line 1: the text ends with no 'geometry' line" },
	{ "# nothing\n\n", "line 2: the text ends with no 'geometry' line" },
	{ "alloc zone=0 order=0 mt=MOVABLE\n",
	  "line 1: 'alloc' before the geometry line: a program starts with 'geometry ...'" },
	{ "zones 0x0\n",
	  "line 1: 'zones' before the geometry line: a program starts with 'geometry "
	  "max_order=... pageblock_order=... region_shift=... start=... pages=...'" },
	{ BASE "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n",
	  "line 4: a second 'geometry' line (the first is line 1)" },
	{ BASE "modes v4\n", "line 4: a second 'modes' line (the first is line 3)" },
	{ BASE "alloc zone=0 order=0 mt=MOVABLE\nholes 0x10-0x20\n",
	  "line 5: 'holes' after the operations (the first is on line 4): the header comes first" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n"
	  "zones 0x0\nalloc zone=0 order=0 mt=MOVABLE\n",
	  "line 3: alloc before the 'modes' line: the header (geometry, zones, modes; holes and "
	  "reserved if any) comes first" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n"
	  "modes both\ncheck\n",
	  "line 3: check before the 'zones' line: the header (geometry, zones, modes; holes and "
	  "reserved if any) comes first" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n"
	  "zones 0x0\n",
	  "line 2: the text ends with no 'modes' line" },
	{ BASE "frob x=1\n",
	  "line 4: unknown line 'frob': expected geometry, zones, holes, reserved, modes or an "
	  "operation (alloc, free, free_pfn, steal, move, move_block, isolate, unisolate, "
	  "isolate_range, unisolate_range, reserve, ra_request, free_all, check)" },
	{ BASE "Alloc zone=0 order=0 mt=MOVABLE\n",
	  "line 4: unknown line 'Alloc': expected geometry, zones, holes, reserved, modes or an "
	  "operation (alloc, free, free_pfn, steal, move, move_block, isolate, unisolate, "
	  "isolate_range, unisolate_range, reserve, ra_request, free_all, check)" },
	{ BASE "alloc zone=0 order=0 mt=MOVABLE a b c d e f g h i j k l m n o p q r s t u v w x y z "
	       "1 2 3 4\n",
	  "line 4: more than 32 words" },

	/* -- geometry */
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0\n",
	  "line 1: geometry: missing pages= " GEO_KEYS },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096 node=0\n",
	  "line 1: geometry: unknown field 'node' " GEO_KEYS },
	{ "geometry max_order=11 max_order=11\n", "line 1: geometry: max_order= given twice" },
	{ "geometry max_order 11\n", "line 1: 'max_order' is not key=value " GEO_KEYS },
	{ "geometry max_order=eleven\n",
	  "line 1: max_order=eleven: not a number (decimal, or hex as 0x1f)" },
	{ "geometry max_order=12 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n",
	  "line 1: max_order=12: a program holds MAX_ORDER 2..11" },
	{ "geometry max_order=11 pageblock_order=11 region_shift=10 start=0x0 pages=4096\n",
	  "line 1: pageblock_order=11: a program holds pageblock_order 1..10 with MAX_ORDER 11" },
	{ "geometry max_order=11 pageblock_order=0 region_shift=10 start=0x0 pages=4096\n",
	  "line 1: pageblock_order=0: a program holds pageblock_order 1..10 with MAX_ORDER 11" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=8192\n",
	  "line 1: pages=8192: a program holds nodes of 256..4096 pages" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=255\n",
	  "line 1: pages=255: a program holds nodes of 256..4096 pages" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x10000 pages=4096\n",
	  "line 1: start=0x10000: a program holds node starts 0x0..0xffff" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=-1 pages=4096\n",
	  "line 1: start=-1: a program holds node starts 0x0..0xffff" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=9 start=0x0 pages=4096\n",
	  "line 1: region_shift=9 is too small: a region holds a MAX_ORDER-1 block, so MAX_ORDER "
	  "11 needs at least 10" },
	{ "geometry max_order=3 pageblock_order=1 region_shift=5 start=0x0 pages=4096\n",
	  "line 1: region_shift=5 is too small: this node needs at least 6 to stay within 64 "
	  "regions" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=14 start=0x0 pages=4096\n",
	  "line 1: region_shift=14 is too large: a program holds region_shift 10..13 here "
	  "(MAX_ORDER-1 plus up to 3)" },
	{ "geometry max_order=2 pageblock_order=1 region_shift=7 start=0x0 pages=4096\n",
	  "line 1: region_shift=7 is too large: this node holds region_shift 6 only (the least "
	  "within 64 regions, above MAX_ORDER-1 + 3)" },

	/* -- zones, holes, reserved, modes */
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\nzones\n",
	  "line 2: zones: no zone start given (zone 0 starts at the node start 0x0)" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n"
	  "zones 0x10\n",
	  "line 2: zone 0 starts at 0x10, not at the node start 0x0" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n"
	  "zones 0x0 0x800 0x800\n",
	  "line 2: zone 2 starts at 0x800: zones are non-empty, in order, inside the node "
	  "[0x0, 0x1000)" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n"
	  "zones 0x0 0x1000\n",
	  "line 2: zone 1 starts at 0x1000: zones are non-empty, in order, inside the node "
	  "[0x0, 0x1000)" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n"
	  "zones 0x0 1 2 3\n",
	  "line 2: 4 zones: a program holds 1..3" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n"
	  "zones 0x0 0x8g0\n",
	  "line 2: zones: '0x8g0' is not a number (decimal, or hex as 0x1f)" },
	{ BASE "holes 0x10-0x20 0x30-0x40 0x50-0x60\n",
	  "line 4: 3 hole ranges: a program holds 0..2" },
	{ BASE "holes 0x10\n",
	  "line 4: hole: '0x10' is not a range first-end (half open, as 0x10-0x20)" },
	{ BASE "holes 0x10-\n",
	  "line 4: hole: '0x10-' is not a range first-end (half open, as 0x10-0x20)" },
	{ BASE "holes 0x20-0x10\n",
	  "line 4: hole range 0x20-0x10 is empty or reversed (first-end, end excluded)" },
	{ BASE "holes 0x20-0x20\n",
	  "line 4: hole range 0x20-0x20 is empty or reversed (first-end, end excluded)" },
	{ BASE "holes 0xff0-0x1001\n",
	  "line 4: hole range 0xff0-0x1001 is outside the node [0x0, 0x1000)" },
	{ BASE "holes 0x10-0x51\n",
	  "line 4: hole range 0x10-0x51 spans 65 pages: a program holds hole ranges of 1..64 "
	  "pages" },
	{ BASE "reserved 0x10-0x19\n",
	  "line 4: reserved range 0x10-0x19 spans 9 pages: a program holds reserved ranges of "
	  "1..8 pages" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n"
	  "modes all\n",
	  "line 2: modes all: a program runs on vanilla, v4 or both" },
	{ "geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096\n"
	  "modes v4 vanilla\n",
	  "line 2: modes takes one word: vanilla, v4 or both" },

	/* -- op lines */
	{ BASE "alloc zone=0 order=0 mt=MOVABLE color=red\n",
	  "line 4: alloc: unknown field 'color' " ALLOC_KEYS },
	{ BASE "alloc zone=0 order=0 mt=MOVABLE handle=1\n",
	  "line 4: alloc takes no handle= " ALLOC_KEYS },
	{ BASE "alloc zone=0 zone=1 order=0 mt=MOVABLE\n", "line 4: alloc: zone= given twice" },
	{ BASE "alloc zone=0 order=0\n", "line 4: alloc: missing mt= " ALLOC_KEYS },
	{ BASE "alloc zone=0 order=0 MOVABLE\n",
	  "line 4: 'MOVABLE' is not key=value " ALLOC_KEYS },
	{ BASE "alloc zone=0 order=0 mt=MOVABLE =5\n",
	  "line 4: '=5' is not key=value " ALLOC_KEYS },
	{ BASE "alloc zone=0 order=three mt=MOVABLE\n",
	  "line 4: order=three: not a number (decimal, or hex as 0x1f)" },
	{ BASE "alloc zone=0 order= mt=MOVABLE\n",
	  "line 4: order=: not a number (decimal, or hex as 0x1f)" },
	{ BASE "alloc zone=0 order=0 mt=movable\n",
	  "line 4: mt=movable: not a migratetype (UNMOVABLE, RECLAIMABLE, MOVABLE, RESERVE, "
	  "ISOLATE, or -1..4)" },
	{ BASE "alloc zone=3 order=0 mt=MOVABLE\n",
	  "line 4: zone=3: a program holds zones 0..2 with 2 zones" },
	{ BASE "alloc zone=-1 order=0 mt=MOVABLE\n",
	  "line 4: zone=-1: a program holds zones 0..2 with 2 zones" },
	{ BASE "alloc zone=0 order=12 mt=MOVABLE\n",
	  "line 4: order=12: a program holds orders 0..11 with MAX_ORDER 11" },
	{ "# regionfuzz program, format 1\n" BASE "\n# the example of format.h\n"
	  "alloc zone=0 order=13 mt=MOVABLE\n",
	  "line 7: order=13: a program holds orders 0..11 with MAX_ORDER 11" },
	{ BASE "steal zone=0 order=0 mt=5\n",
	  "line 4: mt=5: a program holds mt -1..4 (UNMOVABLE, RECLAIMABLE, MOVABLE, RESERVE, "
	  "ISOLATE, or a number)" },
	{ BASE "steal zone=0 order=0 mt=-2\n",
	  "line 4: mt=-2: a program holds mt -1..4 (UNMOVABLE, RECLAIMABLE, MOVABLE, RESERVE, "
	  "ISOLATE, or a number)" },
	{ BASE "free handle=65536\n", "line 4: handle=65536: a program holds handles 0..65535" },
	{ BASE "free handle=99999999999999999999999\n",
	  "line 4: handle=99999999999999999999999: a program holds handles 0..65535" },
	{ BASE "free_pfn pfn=0x1010 order=0\n",
	  "line 4: pfn=0x1010: a program holds pfns 0x0..0x100f: the node [0x0, 0x1000) and 16 "
	  "past it" },
	{ BASE "move zone=0 pfn=0x10 end=0xf mt=MOVABLE\n",
	  "line 4: end=0xf: move holds end pfn .. pfn + pages - 1 (inclusive), here "
	  "0x10..0x100f" },
	{ BASE "move zone=0 end=0x1010 pfn=0x10 mt=MOVABLE\n",
	  "line 4: end=0x1010: move holds end pfn .. pfn + pages - 1 (inclusive), here "
	  "0x10..0x100f" },
	{ BASE "isolate_range pfn=0x10 end=0x10 mt=MOVABLE\n",
	  "line 4: end=0x10: isolate_range holds end pfn + 1 .. pfn + pages, here 0x11..0x1010" },
	{ BASE "unisolate_range pfn=0x10 end=0x1011 mt=MOVABLE\n",
	  "line 4: end=0x1011: unisolate_range holds end pfn + 1 .. pfn + pages, here "
	  "0x11..0x1010" },
	{ BASE "reserve zone=0 quota=5\n",
	  "line 4: quota=5: a program holds quotas 0..4 pageblocks" },
	{ BASE "ra_request zone=0 region=64 mt=MOVABLE\n",
	  "line 4: region=64: a program holds regions -1..63 (-1: the lowest held)" },
	{ BASE "ra_request zone=0 region=-2 mt=MOVABLE\n",
	  "line 4: region=-2: a program holds regions -1..63 (-1: the lowest held)" },
	{ BASE "free_all now=1\n", "line 4: free_all: unknown field 'now' (free_all takes no fields)" },
	{ BASE "check zone=0\n", "line 4: check takes no zone= (check takes no fields)" },
};

static void text_parse_errors(void)
{
	char err[512];

	for (size_t i = 0; i < sizeof(parse_errors) / sizeof(parse_errors[0]); i++) {
		memset(err, 0, sizeof(err));
		int r = rf_program_parse(parse_errors[i].text, &prog_a, err, sizeof(err));

		if (r != -1 || strcmp(err, parse_errors[i].want))
			t_fail(__FILE__, __LINE__, "case %zu: returned %d with\n  '%s'\nexpected\n  '%s'",
			       i, r, err, parse_errors[i].want);
	}
}

/* Errors that need a generated text: too many ops, a line too long. */
static void text_parse_limits(void)
{
	size_t cap = 64 * 1024;
	char *text = malloc(cap), err[512];
	size_t n = 0;

	if (!text)
		return;
	n += (size_t)snprintf(text + n, cap - n, "%s", BASE);
	for (int i = 0; i < RF_FUZZ_MAX_OPS; i++)
		n += (size_t)snprintf(text + n, cap - n, "free handle=%d\n", i);
	/* 512 ops parse. */
	if (PARSE_OK(text, &prog_a))
		CHECK_EQ(prog_a.nr_ops, RF_FUZZ_MAX_OPS);
	/* The 513th does not; it is on line 3 + 513. */
	snprintf(text + n, cap - n, "alloc zone=0 order=0 mt=MOVABLE\n");
	CHECK_EQ(rf_program_parse(text, &prog_a, err, sizeof(err)), -1);
	if (strcmp(err, "line 516: alloc: operation 513: a program holds at most 512 operations"))
		t_fail(__FILE__, __LINE__, "got '%s'", err);

	/* A line of 1023 characters is fine, 1024 is not. */
	n = (size_t)snprintf(text, cap, "%scheck", BASE);
	memset(text + n, ' ', 1023 - 5);
	text[n + 1023 - 5] = '\0';
	PARSE_OK(text, &prog_a);
	strcat(text, " ");
	CHECK_EQ(rf_program_parse(text, &prog_a, err, sizeof(err)), -1);
	if (strcmp(err, "line 4: longer than 1023 characters"))
		t_fail(__FILE__, __LINE__, "got '%s'", err);

	/* A short error buffer gets a truncated message, NUL-terminated. */
	char small[12];

	memset(small, 'x', sizeof(small));
	CHECK_EQ(rf_program_parse("frob\n", &prog_a, small, sizeof(small)), -1);
	CHECK(!strcmp(small, "line 1: unk"));
	CHECK_EQ(rf_program_parse("frob\n", &prog_a, NULL, 0), -1);
	free(text);
}

/* ------------------------------------------------------------ bytes */

static void bytes_layout(void)
{
	struct rf_program *p = &prog_a;
	uint8_t buf[256];

	if (!PARSE_OK(example_text, p))
		return;
	size_t n = rf_encode(p, buf, sizeof(buf));

	CHECK_EQ(n, sizeof(example_bytes));
	if (n == sizeof(example_bytes) && memcmp(buf, example_bytes, n)) {
		for (size_t i = 0; i < n; i++)
			if (buf[i] != example_bytes[i])
				t_fail(__FILE__, __LINE__, "byte %zu: %#x, expected %#x", i, buf[i],
				       example_bytes[i]);
	}
	rf_decode(example_bytes, sizeof(example_bytes), &prog_b);
	CHECK_SAME(p, &prog_b, "decode(example bytes)");

	/* Every first byte decodes with the version-1 rules. */
	uint8_t other[sizeof(example_bytes)];

	memcpy(other, example_bytes, sizeof(other));
	for (unsigned int v = 0; v < 256; v += 17) {
		other[0] = (uint8_t)v;
		rf_decode(other, sizeof(other), &prog_c);
		CHECK_SAME(p, &prog_c, "another version byte");
	}
}

/* The documented reductions: one byte changed at a time from a zero header. */
static void bytes_fields(void)
{
	uint8_t in[64];
	struct rf_program *p = &prog_a;

	memset(in, 0, sizeof(in));
	in[0] = 1;
	rf_decode(in, 28, p);
	CHECK_EQ(p->modes, RF_RUN_BOTH);
	CHECK_EQ(p->geo.max_order, 2);
	CHECK_EQ(p->geo.pageblock_order, 1);
	CHECK_EQ(p->geo.region_shift, 2);	/* 256 pages: 64 regions of 4 */
	CHECK_EQ(p->geo.node_spanned_pages, RF_FUZZ_MIN_PAGES);
	CHECK_EQ(p->nr_ops, 0);

	in[1] = 1;
	rf_decode(in, 28, p);
	CHECK_EQ(p->modes, RF_RUN_V4);
	in[1] = 2 + 3 * 10;	/* modulo 3 */
	rf_decode(in, 28, p);
	CHECK_EQ(p->modes, RF_RUN_VANILLA);

	in[2] = 9 + 10 * 7;	/* max_order 2 + 79 % 10 = 11 */
	in[3] = 8;
	in[4] = 3;		/* region_shift 10 + 3 */
	in[5] = 0xff;		/* pages: 256 + 0x0fff % 3841 */
	in[6] = 0x0f;
	in[7] = 0x34;		/* start 0x1234 */
	in[8] = 0x12;
	in[9] = 5;		/* 3 zones */
	in[10] = 0xff;		/* zone 1 at start + 1 + 0xffff % (pages - 2) */
	in[11] = 0xff;
	in[12] = 0;		/* zone 2 right after zone 1 */
	in[13] = 0;
	in[14] = 2;		/* 2 holes */
	in[15] = 0xfe;		/* hole 0: offset 0xfe, 0x3f + 1 pages */
	in[16] = 0;
	in[17] = 0x3f;
	in[18] = 0xff;		/* hole 1: offset 0xffff % pages, clipped at the node end */
	in[19] = 0xff;
	in[20] = 0xff;
	in[21] = 4;		/* 1 reserved range */
	in[22] = 0;
	in[23] = 0;
	in[24] = 0xff;		/* 1 + 255 % 8 = 8 pages */
	rf_decode(in, 28, p);

	unsigned long pages = 256 + 0x0fff % 3841;

	CHECK_EQ(p->geo.max_order, 11);
	CHECK_EQ(p->geo.pageblock_order, 9);
	CHECK_EQ(p->geo.region_shift, 13);
	CHECK_EQ(p->geo.node_spanned_pages, pages);
	CHECK_EQ(p->geo.node_start_pfn, 0x1234);
	CHECK_EQ(p->geo.nr_zones, 3);
	CHECK_EQ(p->geo.zone_start_pfn[1], 0x1234 + 1 + 0xffff % (pages - 2));
	CHECK_EQ(p->geo.zone_start_pfn[2], p->geo.zone_start_pfn[1] + 1);
	CHECK_EQ(p->geo.nr_holes, 2);
	CHECK_EQ(p->geo.holes[0].start, 0x1234 + 0xfe);
	CHECK_EQ(p->geo.holes[0].end, 0x1234 + 0xfe + 0x40);
	CHECK_EQ(p->geo.holes[1].start, 0x1234 + 0xffff % pages);
	CHECK_EQ(p->geo.holes[1].end,
		 0x1234 + (0xffff % pages + 64 < pages ? 0xffff % pages + 64 : pages));
	CHECK_EQ(p->geo.nr_reserved, 1);
	CHECK_EQ(p->geo.reserved[0].end - p->geo.reserved[0].start, 8);
	CHECK_IN_RANGES(p, "edited header");

	/* The ops: each field as format_bytes.c documents it. */
	static const uint8_t ops[] = {
		0x00, 0x01, 0x02, 0x01,		/* alloc zone=1 order=2 mt=RECLAIMABLE */
		0x4f, 0xf8, 0xff, 0xfa,		/* alloc, zone 3 (invalid), order 11, mt -1 */
		0x0e, 0x05, 0x04, 0xf8,		/* alloc zone=2 order=4 mt=RESERVE */
		0x0f, 0x03, 0x0b, 0xf9,		/* alloc zone=0 order=0 mt=ISOLATE */
		0x01, 0x34, 0x12,		/* free handle=0x1234 */
		0x02, 0x10, 0x00, 0x02,		/* free_pfn pfn=start+0x10 order=2 */
		0x04, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00,	/* move zone=0 pfn=start+5 end=pfn */
		0x08, 0x00, 0x00, 0x00, 0x00, 0x02,	/* isolate_range pfn=start end=pfn+1 */
		0x0a, 0x00, 0x09,		/* reserve zone=0 quota=9%5=4 */
		0x0b, 0x00, 0x3f, 0x02,		/* ra_request zone=0 region=63 mt=MOVABLE */
		0x0b, 0x00, 0xc0, 0x02,		/* ra_request region=0xc0%128=64: -1 */
		0x0c, 0x0d, 0xff,		/* free_all, check, and check again (0xff) */
		0x06,				/* isolate, its pfn cut off: start */
	};

	uint8_t whole[28 + sizeof(ops)];

	memcpy(whole, in, 28);
	memcpy(whole + 28, ops, sizeof(ops));
	rf_decode(whole, sizeof(whole), p);
	CHECK_EQ(p->nr_ops, 15);
	CHECK_EQ(p->ops[0].kind, RF_OP_ALLOC);
	CHECK_EQ(p->ops[0].zone, 1);
	CHECK_EQ(p->ops[0].order, 2);
	CHECK_EQ(p->ops[0].mt, MIGRATE_RECLAIMABLE);
	CHECK_EQ(p->ops[1].kind, RF_OP_ALLOC);
	CHECK_EQ(p->ops[1].zone, 3);
	CHECK_EQ(p->ops[1].order, 11);
	CHECK_EQ(p->ops[1].mt, -1);
	CHECK_EQ(p->ops[2].zone, 2);
	CHECK_EQ(p->ops[2].order, 4);
	CHECK_EQ(p->ops[2].mt, MIGRATE_RESERVE);
	CHECK_EQ(p->ops[3].zone, 0);
	CHECK_EQ(p->ops[3].order, 0);
	CHECK_EQ(p->ops[3].mt, MIGRATE_ISOLATE);
	CHECK_EQ(p->ops[4].kind, RF_OP_FREE);
	CHECK_EQ(p->ops[4].handle, 0x1234);
	CHECK_EQ(p->ops[5].kind, RF_OP_FREE_PFN);
	CHECK_EQ(p->ops[5].pfn, 0x1234 + 0x10);
	CHECK_EQ(p->ops[5].order, 2);
	CHECK_EQ(p->ops[6].kind, RF_OP_MOVE);
	CHECK_EQ(p->ops[6].pfn, 0x1234 + 5);
	CHECK_EQ(p->ops[6].end, 0x1234 + 5);
	CHECK_EQ(p->ops[6].mt, MIGRATE_UNMOVABLE);
	CHECK_EQ(p->ops[7].kind, RF_OP_ISOLATE_RANGE);
	CHECK_EQ(p->ops[7].pfn, 0x1234);
	CHECK_EQ(p->ops[7].end, 0x1235);
	CHECK_EQ(p->ops[7].mt, MIGRATE_MOVABLE);
	CHECK_EQ(p->ops[8].kind, RF_OP_RESERVE);
	CHECK_EQ(p->ops[8].quota, 4);
	CHECK_EQ(p->ops[9].kind, RF_OP_RA_REQUEST);
	CHECK_EQ(p->ops[9].region, 63);
	CHECK_EQ(p->ops[10].region, -1);
	CHECK_EQ(p->ops[11].kind, RF_OP_FREE_ALL);
	CHECK_EQ(p->ops[12].kind, RF_OP_CHECK);
	CHECK_EQ(p->ops[13].kind, RF_OP_CHECK);
	CHECK_EQ(p->ops[14].kind, RF_OP_ISOLATE);
	CHECK_EQ(p->ops[14].pfn, 0x1234);
	CHECK_IN_RANGES(p, "hand-made ops");
}

/* Each one-byte field's mapping, for all 256 bytes, as format_bytes.c documents it. */
static void bytes_field_maps(void)
{
	uint8_t in[28 + 4] = { 1, 0, 9, 8 };	/* MAX_ORDER 11 */
	unsigned int valid_mt = 0, invalid_zone = 0;

	in[9] = 2;				/* 3 zones */
	for (unsigned int b = 0; b < 256; b++) {
		struct rf_program *p = &prog_a;

		/* alloc zone=b order=b mt=b */
		in[28] = 0x00;
		in[29] = in[30] = in[31] = (uint8_t)b;
		rf_decode(in, sizeof(in), p);
		CHECK_EQ(p->geo.nr_zones, 3);
		CHECK_EQ(p->ops[0].zone, b < 0xf8 ? b % 3 : 3);
		CHECK_EQ(p->ops[0].order, b < 0xf8 ? b % 11 : 11);
		static const int tail[3] = { MIGRATE_RESERVE, MIGRATE_ISOLATE, -1 };

		CHECK_EQ(p->ops[0].mt, b < 0xf8 ? (int)(b % 3) : tail[(b - 0xf8) % 3]);
		valid_mt += p->ops[0].mt >= 0 && p->ops[0].mt < MIGRATE_PCPTYPES;
		invalid_zone += p->ops[0].zone == 3;

		/* ra_request zone=0 region=b mt=0 */
		in[28] = 0x0b;
		in[29] = 0;
		in[30] = (uint8_t)b;
		in[31] = 0;
		rf_decode(in, sizeof(in), p);
		CHECK_EQ(p->ops[0].region, b % 128 < 64 ? (int)(b % 128) : -1);

		/* reserve zone=0 quota=b */
		in[28] = 0x0a;
		in[30] = (uint8_t)b;
		rf_decode(in, sizeof(in), p);
		CHECK_EQ(p->ops[0].quota, (b) % 5);

		/* free handle=b | b << 8 */
		in[28] = 0x01;
		in[29] = (uint8_t)b;
		in[30] = (uint8_t)(255 - b);
		rf_decode(in, sizeof(in), p);
		CHECK_EQ(p->ops[0].handle, b | (255 - b) << 8);
	}
	/* Mostly the allocation types; the invalid zone now and then. */
	CHECK_EQ(valid_mt, 248);
	CHECK_EQ(invalid_zone, 8);
}

/* The opcode table: its weights, and each kind's canonical byte. */
static void bytes_opcode_table(void)
{
	/* Per 256, as format_bytes.c gives them; ops.def order. */
	static const unsigned int want[RF_OP_NR] = {
		[RF_OP_ALLOC] = 79,	    [RF_OP_FREE] = 73,		[RF_OP_FREE_PFN] = 5,
		[RF_OP_STEAL] = 11,	    [RF_OP_MOVE] = 13,		[RF_OP_MOVE_BLOCK] = 11,
		[RF_OP_ISOLATE] = 16,	    [RF_OP_UNISOLATE] = 13,	[RF_OP_ISOLATE_RANGE] = 8,
		[RF_OP_UNISOLATE_RANGE] = 8, [RF_OP_RESERVE] = 4,	[RF_OP_RA_REQUEST] = 11,
		[RF_OP_FREE_ALL] = 1,	    [RF_OP_CHECK] = 3,
	};
	/* The brief's percentages, for a loose check of the table's intent. */
	static const double pct[RF_OP_NR] = {
		[RF_OP_ALLOC] = 30,	   [RF_OP_FREE] = 28,	       [RF_OP_FREE_PFN] = 2,
		[RF_OP_STEAL] = 4,	   [RF_OP_MOVE] = 5,	       [RF_OP_MOVE_BLOCK] = 4,
		[RF_OP_ISOLATE] = 6,	   [RF_OP_UNISOLATE] = 5,      [RF_OP_ISOLATE_RANGE] = 3,
		[RF_OP_UNISOLATE_RANGE] = 3, [RF_OP_RESERVE] = 1.5,    [RF_OP_RA_REQUEST] = 4,
		[RF_OP_FREE_ALL] = 0.5,	   [RF_OP_CHECK] = 1,
	};
	unsigned int count[RF_OP_NR] = { 0 };
	int first[RF_OP_NR];
	uint8_t in[29] = { 1 };

	for (unsigned int k = 0; k < RF_OP_NR; k++)
		first[k] = -1;
	for (unsigned int b = 0; b < 256; b++) {
		in[28] = (uint8_t)b;
		rf_decode(in, sizeof(in), &prog_a);
		CHECK_EQ(prog_a.nr_ops, 1);

		unsigned int k = prog_a.ops[0].kind;

		if (k >= RF_OP_NR) {
			t_fail(__FILE__, __LINE__, "byte %#x: kind %u", b, k);
			continue;
		}
		count[k]++;
		if (first[k] < 0)
			first[k] = (int)b;
	}
	for (unsigned int k = 0; k < RF_OP_NR; k++) {
		if (count[k] != want[k])
			t_fail(__FILE__, __LINE__, "%s: %u entries, expected %u", rf_op_name(k),
			       count[k], want[k]);
		double got = 100.0 * count[k] / 256;

		if (got < pct[k] * 0.7 || got > pct[k] * 1.35 + 0.3)
			t_fail(__FILE__, __LINE__, "%s: %.1f%% of opcodes, meant to be about %.1f%%",
			       rf_op_name(k), got, pct[k]);
		/* The canonical byte: the first entry, which is the ops.def index. */
		CHECK_EQ(first[k], (int)k);

		struct rf_program *p = &prog_b;

		rf_decode(NULL, 0, p);
		memset(&p->ops[0], 0, sizeof(p->ops[0]));
		p->ops[0].kind = (enum rf_op_kind)k;
		p->ops[0].end = k == RF_OP_ISOLATE_RANGE || k == RF_OP_UNISOLATE_RANGE ? 1 : 0;
		p->nr_ops = 1;

		uint8_t out[64];
		size_t n = rf_encode(p, out, sizeof(out));

		CHECK(n > 28);
		if (n > 28)
			CHECK_EQ(out[28], k);
	}
}

/* Short, empty, constant and truncated inputs. */
static void bytes_short_inputs(void)
{
	static const uint8_t fills[] = { 0x00, 0x01, 0x7f, 0x80, 0xf7, 0xf8, 0xfa, 0xff };
	uint8_t in[700];
	char what[80];

	rf_decode(NULL, 0, &prog_a);
	CHECK_IN_RANGES(&prog_a, "decode(NULL, 0)");
	CHECK_EQ(prog_a.nr_ops, 0);
	rf_decode(in, 0, &prog_b);
	CHECK_SAME(&prog_a, &prog_b, "decode of 0 bytes");
	/* NULL with a size is nothing as well: no read. */
	rf_decode(NULL, 100, &prog_b);
	CHECK_SAME(&prog_a, &prog_b, "decode(NULL, 100)");

	for (size_t f = 0; f < sizeof(fills); f++) {
		memset(in, fills[f], sizeof(in));
		for (size_t len = 0; len <= sizeof(in); len += len < 64 ? 1 : 37) {
			snprintf(what, sizeof(what), "%zu bytes of %#x", len, fills[f]);
			rf_decode(in, len, &prog_a);
			CHECK_IN_RANGES(&prog_a, what);
			CHECK(prog_a.nr_ops <= (len > 28 ? len - 28 : 0));
		}
	}

	/* A header cut short reads zeros for the rest: decode(b[0..k]) is
	 * decode(b[0..k] followed by zeros to 28 bytes), with no ops. */
	for (unsigned int i = 0; i < 28; i++)
		in[i] = (uint8_t)(0x9d * i + 7);
	for (unsigned int k = 0; k <= 28; k++) {
		uint8_t padded[28] = { 0 };

		memcpy(padded, in, k);
		rf_decode(in, k, &prog_a);
		rf_decode(padded, 28, &prog_b);
		snprintf(what, sizeof(what), "header cut at %u", k);
		CHECK_SAME(&prog_a, &prog_b, what);
		CHECK_EQ(prog_a.nr_ops, 0);
	}

	/* An op whose opcode is the last byte still decodes, its fields 0. */
	memset(in, 0, 28);
	in[28] = 0x07;		/* unisolate: pfn and mt cut off */
	rf_decode(in, 29, &prog_a);
	CHECK_EQ(prog_a.nr_ops, 1);
	CHECK_EQ(prog_a.ops[0].kind, RF_OP_UNISOLATE);
	CHECK_EQ(prog_a.ops[0].pfn, prog_a.geo.node_start_pfn);
	CHECK_EQ(prog_a.ops[0].mt, MIGRATE_UNMOVABLE);

	/* At most RF_FUZZ_MAX_OPS ops, whatever the length. */
	static uint8_t big[28 + 4 * RF_FUZZ_MAX_OPS];

	memset(big, 0x0d, sizeof(big));		/* check, check, ... */
	rf_decode(big, sizeof(big), &prog_a);
	CHECK_EQ(prog_a.nr_ops, RF_FUZZ_MAX_OPS);
}

/* ------------------------------------------------------------ the property */

struct stats {
	unsigned long inputs, ops, max_len;
	bool kind[RF_OP_NR];
	bool zone_past, order_past, pfn_past, region_lowest, region_some;
	bool mt[MIGRATE_TYPES + 1];		/* mt + 1 */
	bool modes[4], zones[4], holes[3], reserved[3], max_order[12];
	bool region_extra, clipped_hole, end_low, end_high;
};

static unsigned char encoded[8192], reencoded[8192];

/*
 * One input through everything, as a libFuzzer entry would take it
 * (LLVMFuzzerTestOneInput's signature): every property, no assumptions about
 * the bytes.  Returns false on the first broken property.
 */
static bool fuzz_one_input(const uint8_t *data, size_t size, struct stats *st)
{
	struct rf_program *p = &prog_a, *q = &prog_b, *r = &prog_c;
	char what[64], err[512];

	snprintf(what, sizeof(what), "input %lu (%zu bytes)", st ? st->inputs : 0, size);
	rf_decode(data, size, p);
	if (!CHECK_IN_RANGES(p, what))
		return false;

	/* Canonical bytes. */
	size_t need = rf_encode(p, NULL, 0);
	size_t n = rf_encode(p, encoded, sizeof(encoded));

	if (!n || n != need || n > sizeof(encoded)) {
		t_fail(__FILE__, __LINE__, "%s: encode gave %zu (then %zu)", what, need, n);
		return false;
	}
	rf_decode(encoded, n, q);
	if (!CHECK_SAME(p, q, what))
		return false;

	size_t n2 = rf_encode(q, reencoded, sizeof(reencoded));

	if (n2 != n || memcmp(encoded, reencoded, n)) {
		t_fail(__FILE__, __LINE__, "%s: encode(decode(encode(p))) differs", what);
		return false;
	}

	/* Text. */
	char *text = print_to_string(p);

	if (!text || rf_program_parse(text, r, err, sizeof(err))) {
		t_fail(__FILE__, __LINE__, "%s: parse(print(p)) failed: %s\n%s", what,
		       text ? err : "no text", text ? text : "");
		free(text);
		return false;
	}
	bool same = CHECK_SAME(p, r, what);
	char *again = same ? print_to_string(r) : NULL;

	if (same && (!again || strcmp(text, again))) {
		t_fail(__FILE__, __LINE__, "%s: print(parse(print(p))) != print(p)", what);
		same = false;
	}
	free(text);
	free(again);
	if (!same)
		return false;

	if (!st)
		return true;
	/* What this input reached. */
	const struct rf_geometry *g = &p->geo;
	unsigned long end = g->node_start_pfn + g->node_spanned_pages;
	unsigned int least = 0;

	while (((g->node_spanned_pages - 1) >> least) + 1 > RF_FUZZ_MAX_REGIONS)
		least++;
	st->inputs++;
	st->ops += p->nr_ops;
	if (n > st->max_len)
		st->max_len = n;
	st->modes[p->modes] = true;
	st->zones[g->nr_zones] = true;
	st->holes[g->nr_holes] = true;
	st->reserved[g->nr_reserved] = true;
	st->max_order[g->max_order] = true;
	st->region_extra |= g->region_shift > g->max_order - 1 && g->region_shift > least;
	for (unsigned int i = 0; i < g->nr_holes; i++)
		st->clipped_hole |= g->holes[i].end == end;
	for (uint32_t i = 0; i < p->nr_ops; i++) {
		const struct rf_op *op = &p->ops[i];
		unsigned int fl = rf_op_fields(op->kind);

		st->kind[op->kind] = true;
		st->zone_past |= (fl & F_ZONE) && op->zone == g->nr_zones;
		st->order_past |= (fl & F_ORDER) && op->order == g->max_order;
		st->pfn_past |= (fl & F_PFN) && op->pfn >= end;
		if (fl & F_MT)
			st->mt[op->mt + 1] = true;
		st->region_lowest |= (fl & F_REGION) && op->region == -1;
		st->region_some |= (fl & F_REGION) && op->region > 0;
		if (fl & F_END) {
			unsigned long len = op->end - op->pfn;

			st->end_low |= len <= 1;
			st->end_high |= len + 16 >= g->node_spanned_pages;
		}
	}
	return true;
}

static void property_random_bytes(void)
{
	uint64_t s = seed_for(0x666f726d6174ULL);
	static uint8_t in[600];
	struct stats st;
	unsigned long broken = 0;

	memset(&st, 0, sizeof(st));
	for (int i = 0; i < 20000; i++) {
		size_t len = (size_t)(rf_rand(&s) % (sizeof(in) + 1));
		unsigned int style = (unsigned int)(rf_rand(&s) % 8);

		for (size_t j = 0; j < len; j += 8) {
			uint64_t v = rf_rand(&s);

			for (size_t k = 0; k < 8 && j + k < len; k++)
				in[j + k] = (uint8_t)(v >> (8 * k));
		}
		/* Now and then the bytes a fuzzer's mutations favour. */
		if (style == 0)
			for (size_t j = 0; j < len; j++)
				in[j] = in[j] & 1 ? 0xff : 0x00;
		else if (style == 1)
			for (size_t j = 0; j < len; j++)
				in[j] &= 0x0f;
		if (!fuzz_one_input(in, len, &st) && ++broken >= 5) {
			t_fail(__FILE__, __LINE__, "stopping after 5 broken inputs");
			break;
		}
	}
	printf("  %lu inputs, %lu ops decoded, longest canonical encoding %lu bytes\n", st.inputs,
	       st.ops, st.max_len);

	/* What random bytes reach: every op and every invalid call made on purpose. */
	for (unsigned int k = 0; k < RF_OP_NR; k++)
		if (!st.kind[k])
			t_fail(__FILE__, __LINE__, "no input decoded to a %s", rf_op_name(k));
	CHECK(st.zone_past);		/* zone = nr_zones */
	CHECK(st.order_past);		/* order = MAX_ORDER */
	CHECK(st.pfn_past);		/* a pfn past the node */
	for (int mt = -1; mt < MIGRATE_TYPES; mt++)
		if (!st.mt[mt + 1])
			t_fail(__FILE__, __LINE__, "no input decoded mt %d", mt);
	CHECK(st.region_lowest);
	CHECK(st.region_some);
	CHECK(st.modes[RF_RUN_VANILLA] && st.modes[RF_RUN_V4] && st.modes[RF_RUN_BOTH]);
	CHECK(st.zones[1] && st.zones[2] && st.zones[3]);
	CHECK(st.holes[0] && st.holes[1] && st.holes[2]);
	CHECK(st.reserved[0] && st.reserved[1] && st.reserved[2]);
	for (unsigned int mo = 2; mo <= 11; mo++)
		if (!st.max_order[mo])
			t_fail(__FILE__, __LINE__, "no input decoded MAX_ORDER %u", mo);
	CHECK(st.region_extra);
	CHECK(st.clipped_hole);
	CHECK(st.end_low);
	CHECK(st.end_high);
}

/* Inputs shaped as canonical files: valid headers with random ops behind. */
static void property_canonical_files(void)
{
	uint64_t s = seed_for(0xca707ULL);
	uint8_t in[28 + 7 * 64];

	for (int i = 0; i < 2000; i++) {
		size_t len = sizeof(in);

		for (size_t j = 0; j < len; j++)
			in[j] = (uint8_t)rf_rand(&s);
		rf_decode(in, len, &prog_a);

		size_t n = rf_encode(&prog_a, encoded, sizeof(encoded));

		/* For a file made by encode(), encode(decode(bytes)) == bytes.  (The
		 * file may be longer than the input: a cut-off last op is written
		 * whole.) */
		rf_decode(encoded, n, &prog_b);
		size_t n2 = rf_encode(&prog_b, reencoded, sizeof(reencoded));

		if (n2 != n || memcmp(encoded, reencoded, n)) {
			t_fail(__FILE__, __LINE__, "file %d: encode(decode(bytes)) != bytes", i);
			break;
		}
		/* Every prefix of a canonical file decodes to a prefix of its ops
		 * (the last one maybe with fields cut to 0). */
		size_t cut = 28 + (size_t)(rf_rand(&s) % (n - 27));

		rf_decode(encoded, cut, &prog_c);
		if (prog_c.nr_ops > prog_b.nr_ops) {
			t_fail(__FILE__, __LINE__, "file %d cut at %zu: more ops", i, cut);
			break;
		}
		for (uint32_t k = 0; k + 1 < prog_c.nr_ops; k++) {
			if (memcmp(&prog_c.ops[k], &prog_b.ops[k], sizeof(struct rf_op))) {
				t_fail(__FILE__, __LINE__, "file %d cut at %zu: op %u differs", i, cut, k);
				return;
			}
		}
	}
}

/* ------------------------------------------------------------ profiles */

/* The default profile's table is version 1's, entry for entry; every
 * target's table starts with the fixed canonical opcodes and gives each op a
 * share near its weight. */
static void profile_tables(void)
{
	uint8_t in[29] = { 1 };
	unsigned char table[256];

	rf_profile_table(&rf_profile_default, table);
	for (unsigned int b = 0; b < 256; b++) {
		in[28] = (uint8_t)b;
		rf_decode(in, sizeof(in), &prog_a);
		if (prog_a.ops[0].kind != table[b])
			t_fail(__FILE__, __LINE__, "byte %#x: rf_decode reads %s, the default profile %s",
			       b, rf_op_name(prog_a.ops[0].kind), rf_op_name(table[b]));
	}
	for (const struct rf_target *const *t = rf_targets; *t; t++) {
		const struct rf_profile *p = (*t)->profile;
		unsigned int count[RF_OP_NR] = { 0 }, total = 0;

		rf_profile_table(p, table);
		for (unsigned int k = 0; k < RF_OP_NR; k++)
			CHECK_EQ(table[k], k);
		for (unsigned int b = 0; b < 256; b++)
			count[table[b]]++;
		for (unsigned int k = 0; k < RF_OP_NR; k++)
			total += p->weight[k];
		for (unsigned int k = 0; k < RF_OP_NR; k++) {
			double want = 1 + 242.0 * p->weight[k] / total;

			if (count[k] + 1 < want || count[k] > want + 1)
				t_fail(__FILE__, __LINE__, "%s: %s has %u entries for weight %u (want ~%.1f)",
				       (*t)->name, rf_op_name(k), count[k], p->weight[k], want);
		}
	}
}

/* Canonical bytes are one program for every target; raw bytes are not. */
static void profile_canonical_bytes_agree(void)
{
	uint64_t s = seed_for(0x70726f66ULL);
	uint8_t in[28 + 7 * 64];
	unsigned long differ = 0;

	for (int i = 0; i < 500; i++) {
		for (size_t j = 0; j < sizeof(in); j++)
			in[j] = (uint8_t)rf_rand(&s);
		for (const struct rf_target *const *t = rf_targets; *t; t++) {
			rf_target_decode(*t, in, sizeof(in), &prog_a);
			rf_decode(in, sizeof(in), &prog_c);
			differ += memcmp(&prog_a.geo, &prog_c.geo, sizeof(prog_a.geo)) ||
				  prog_a.nr_ops != prog_c.nr_ops ||
				  memcmp(prog_a.ops, prog_c.ops, prog_a.nr_ops * sizeof(prog_a.ops[0]));

			size_t n = rf_encode(&prog_a, encoded, sizeof(encoded));

			CHECK(n > 0);
			for (const struct rf_target *const *u = rf_targets; *u; u++) {
				rf_target_decode(*u, encoded, n, &prog_b);
				if (!CHECK_SAME(&prog_a, &prog_b, (*u)->name))
					return;
			}
		}
	}
	/* The mixes are meant to differ: raw bytes read differently. */
	CHECK(differ > 0);
}

/* The geometry target's edge reading: only bytes >= 0x80 of max_order and
 * pageblock_order change meaning, and they land on the edges. */
static void profile_edge_geometry(void)
{
	const struct rf_target *g = rf_target_find("geometry");
	uint8_t in[28] = { 1 };
	bool seen_mo[12] = { false }, seen_pb_top = false, seen_pb_one = false;

	if (!g || !g->profile->edge_geometry) {
		t_fail(__FILE__, __LINE__, "the geometry target reads no edge geometry");
		return;
	}
	for (unsigned int b = 0; b < 256; b++) {
		for (unsigned int c = 0; c < 256; c += 5) {
			in[2] = (uint8_t)b;
			in[3] = (uint8_t)c;
			rf_target_decode(g, in, sizeof(in), &prog_a);
			rf_decode(in, sizeof(in), &prog_b);
			if (b < 0x80 && c < 0x80 && !CHECK_SAME(&prog_a, &prog_b, "below 0x80"))
				return;
			if (b >= 0x80) {
				unsigned int mo = prog_a.geo.max_order;

				CHECK(mo == 2 || mo == 3 || mo == 4 || mo == 11);
				seen_mo[mo] = true;
			}
			if (c >= 0x80) {
				seen_pb_top |= prog_a.geo.pageblock_order == prog_a.geo.max_order - 1;
				seen_pb_one |= prog_a.geo.pageblock_order == 1;
			}
		}
	}
	CHECK(seen_mo[2] && seen_mo[3] && seen_mo[4] && seen_mo[11]);
	CHECK(seen_pb_top && seen_pb_one);
}

/* ------------------------------------------------------------ encode refuses */

static void encode_refuses(void)
{
	struct rf_program *p = &prog_a;
	uint8_t buf[4096];

#define REFUSED(edit)                                                          \
	do {                                                                   \
		if (PARSE_OK(example_text, p)) {                               \
			edit;                                                  \
			if (rf_encode(p, buf, sizeof(buf)) != 0)               \
				t_fail(__FILE__, __LINE__, "encode took a program with %s", #edit); \
		}                                                              \
	} while (0)
	REFUSED(p->geo.max_order = 12);
	REFUSED(p->geo.pageblock_order = 11);
	REFUSED(p->geo.node_spanned_pages = RF_FUZZ_MAX_PAGES + 1);
	REFUSED(p->geo.node_spanned_pages = RF_FUZZ_MIN_PAGES - 1);
	REFUSED(p->geo.node_start_pfn = 0x10000);
	REFUSED(p->geo.region_shift = 9);
	REFUSED(p->geo.region_shift = 14);
	REFUSED(p->geo.zone_start_pfn[1] = 0x1000);
	REFUSED(p->geo.holes[0].end = 0x51);
	REFUSED(p->geo.reserved[0].end = 0x39);
	REFUSED(p->geo.nr_holes = 3);
	REFUSED(p->modes = 0);
	REFUSED(p->modes = 4);
	REFUSED(p->nr_ops = RF_FUZZ_MAX_OPS + 1);
	REFUSED(p->ops[0].kind = RF_OP_NR);
	REFUSED(p->ops[0].zone = 3);
	REFUSED(p->ops[0].order = 12);
	REFUSED(p->ops[0].mt = MIGRATE_TYPES);
	REFUSED(p->ops[0].mt = -2);
	REFUSED(p->ops[1].handle = 65536);
	REFUSED((p->ops[1].kind = RF_OP_FREE_PFN, p->ops[1].pfn = 0x1010));
	REFUSED((p->ops[1].kind = RF_OP_MOVE, p->ops[1].pfn = 0x10, p->ops[1].end = 0xf));
	REFUSED((p->ops[1].kind = RF_OP_ISOLATE_RANGE, p->ops[1].pfn = 0x10, p->ops[1].end = 0x10));
	REFUSED((p->ops[1].kind = RF_OP_RESERVE, p->ops[1].quota = 5));
	REFUSED((p->ops[1].kind = RF_OP_RA_REQUEST, p->ops[1].region = 64));
#undef REFUSED

	/* Fields an op does not carry are not part of it: not encoded, not checked. */
	if (PARSE_OK(example_text, p)) {
		p->ops[1].zone = 7;
		p->ops[1].pfn = ~0UL;
		CHECK(rf_encode(p, buf, sizeof(buf)) == sizeof(example_bytes));
	}

	/* A small buffer: the length needed, and not a byte written past @cap. */
	if (PARSE_OK(example_text, p)) {
		memset(buf, 0xaa, sizeof(buf));
		CHECK_EQ(rf_encode(p, buf, 10), sizeof(example_bytes));
		CHECK(!memcmp(buf, example_bytes, 10));
		CHECK_EQ(buf[10], 0xaa);
		CHECK_EQ(rf_encode(p, NULL, 0), sizeof(example_bytes));
	}

	/* The oracle's random programs: whatever encodes round-trips. */
	uint64_t s = seed_for(0x6e6e);
	unsigned long encodable = 0;

	for (int i = 0; i < 200; i++) {
		struct rf_geometry g;

		rf_random_geometry(&g, &s);
		rf_random_program(p, &g, 1 + (uint32_t)(rf_rand(&s) % 8), &s);

		size_t n = rf_encode(p, buf, sizeof(buf));

		if (!n)
			continue;
		encodable++;
		rf_decode(buf, n, &prog_b);
		CHECK_IN_RANGES(&prog_b, "a random program, encoded");
		/* Equal in the fields each op carries. */
		for (uint32_t k = 0; k < p->nr_ops; k++) {
			unsigned int fl = rf_op_fields(p->ops[k].kind);
			struct rf_op *o = &p->ops[k];

			o->zone = fl & F_ZONE ? o->zone : 0;
			o->order = fl & F_ORDER ? o->order : 0;
			o->mt = fl & F_MT ? o->mt : 0;
			o->handle = fl & F_HANDLE ? o->handle : 0;
			o->pfn = fl & F_PFN ? o->pfn : 0;
			o->end = fl & F_END ? o->end : 0;
			o->quota = fl & F_QUOTA ? o->quota : 0;
			o->region = fl & F_REGION ? o->region : 0;
		}
		CHECK_SAME(p, &prog_b, "a random program, encoded");
	}
	printf("  %lu of 200 rf_random_program programs encodable\n", encodable);
}

/* ------------------------------------------------------------ the oracle runs them */

struct failures {
	unsigned long n;
};

static void count_failure(const struct rf_failure *f, void *ctx)
{
	(void)f;
	((struct failures *)ctx)->n++;
}

/* Decoded geometries are accepted by node creation in both modes, and the
 * executor runs decoded programs to the end (findings are the oracle's
 * business, not the format's: they are counted, not failed). */
static void decoded_programs_run(void)
{
	uint64_t s = seed_for(0x72756e);
	uint8_t in[300];
	struct failures fl = { 0 };

	for (int i = 0; i < 40; i++) {
		size_t len = (size_t)(rf_rand(&s) % sizeof(in));

		for (size_t j = 0; j < len; j++)
			in[j] = (uint8_t)rf_rand(&s);
		rf_decode(in, len, &prog_a);

		struct rf_exec_config cfg = {
			.modes = RF_RUN_BOTH,
			.reference = true,
			.level = RF_LEVEL_CHEAP,
			.options = RF_OPT_FIXES,
			.on_fail = count_failure,
			.fail_ctx = &fl,
		};
		struct rf_exec_result res;
		char why[200] = "";
		int err = rf_exec(&prog_a, &cfg, &res, why, sizeof(why));

		if (err != RF_OK)
			t_fail(__FILE__, __LINE__, "input %d: rf_exec refused: %s: %s", i,
			       rf_strerror(err), why);
		else if (!res.failed)
			CHECK_EQ(res.ops_run, prog_a.nr_ops);
	}
	printf("  40 decoded programs run; %lu oracle findings (not the format's)\n", fl.n);
}

static const struct t_case cases[] = {
	TEST(text_example, BOTH),
	TEST(text_every_op, BOTH),
	TEST(text_minimal, BOTH),
	TEST(text_parse_errors, BOTH),
	TEST(text_parse_limits, BOTH),
	TEST(bytes_layout, BOTH),
	TEST(bytes_fields, BOTH),
	TEST(bytes_field_maps, BOTH),
	TEST(bytes_opcode_table, BOTH),
	TEST(bytes_short_inputs, BOTH),
	TEST(property_random_bytes, BOTH),
	TEST(property_canonical_files, BOTH),
	TEST(profile_tables, BOTH),
	TEST(profile_canonical_bytes_agree, BOTH),
	TEST(profile_edge_geometry, BOTH),
	TEST(encode_refuses, BOTH),
	TEST(decoded_programs_run, BOTH),
	{ NULL, NULL, 0 },
};

#ifdef RF_FORMAT_FUZZER
/*
 * Built as fuzz_format by the fuzzing builds (fuzzers/targets.cmake): the
 * same properties as property_random_bytes, on inputs a coverage-guided
 * fuzzer chooses -- the default profile's decode, canonical bytes and text
 * round trips, and every target's own reading in range.  A broken property
 * has printed its check; abort() makes it a crash with that input saved.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)cases;
	if (!fuzz_one_input(data, size, NULL))
		abort();
	for (const struct rf_target *const *t = rf_targets; *t; t++) {
		rf_decode_profile((*t)->profile, data, size, &prog_a);
		if (!CHECK_IN_RANGES(&prog_a, (*t)->name))
			abort();
	}
	return 0;
}
#else
int main(int argc, char **argv)
{
	return t_main(argc, argv, "format", cases);
}
#endif
