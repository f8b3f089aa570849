// SPDX-License-Identifier: MIT
/*
 * The picture of an engine state (fuzzers/picture.h), read back from the
 * gnuplot data it writes -- what is drawn, not how gnuplot paints it
 * (tests/scripts/picture.sh checks the PNG):
 *
 *  - every pageblock of every zone is one cell, an unaligned zone's shared
 *    pageblock in both strips; a hole's pageblocks are frames only;
 *  - a pageblock's dark part is as tall as its share of pages in use, its
 *    pale part as its free share;
 *  - a region border where each region starts and where the zone ends; the
 *    regions the region allocator holds hatched (none in vanilla);
 *  - the failure's pfn marked inside its pageblock's cell, and not marked
 *    (but said) when it is outside the node;
 *  - a node of 2^22 pages in pageblocks of 2 still fits the rows allowed,
 *    2^k pageblocks a cell, and the key says so;
 *  - the same state gives the same bytes; quotes in text are gnuplot's;
 *  - rf_picture_file draws the state where the run stopped: at the failure,
 *    at the end of a clean run, or the set-up for a program without ops.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "picture.h"
#include "testlib.h"

/* picture.c's shape kinds, as the data spells them. */
enum { CELL, FREE, USED, RA, BORDER, FAIL, FAIL_MARK, NR_KINDS };

/* The key draws one of each kind but cells: one per migratetype (and free
 * and used halves), and one under the RA's hatching. */
static const unsigned int key_shapes[NR_KINDS] = { 6, 5, 5, 1, 1, 1, 1 };

/* The tallest picture: 40 rows and the headings, title and key around them. */
#define MAX_HEIGHT 2000
#define CELL_H 24

struct shape {
	int kind;
	double x0, y0, x1, y1;
	int mt;
};

struct drawn {
	char *data;
	struct shape *s;
	unsigned int nr;
	unsigned int count[NR_KINDS];
	int width, height;
};

static void parse(struct drawn *d)
{
	const char *p = strstr(d->data, "$shapes << EOD\n");
	size_t cap = 0;

	d->nr = 0;
	CHECK(sscanf(d->data, "%*[^\n]\n%*[^\n]\npic_width = %d\npic_height = %d", &d->width,
		     &d->height) == 2);
	CHECK(p != NULL);
	for (p = p ? strchr(p, '\n') + 1 : ""; *p && strncmp(p, "EOD\n", 4); p = strchr(p, '\n') + 1) {
		struct shape s;

		if (*p == '#')
			continue;
		if (sscanf(p, "%d %lf %lf %lf %lf %d", &s.kind, &s.x0, &s.y0, &s.x1, &s.y1, &s.mt) != 6 ||
		    s.kind < 0 || s.kind >= NR_KINDS) {
			t_fail(__FILE__, __LINE__, "a $shapes line that does not parse: %.40s", p);
			break;
		}
		if (d->nr == cap) {
			cap = cap ? 2 * cap : 256;
			d->s = realloc(d->s, cap * sizeof(*d->s));
		}
		d->s[d->nr++] = s;
		d->count[s.kind]++;
	}
	CHECK(d->width > 0 && d->width <= 1000);
	CHECK(d->height > 0 && d->height <= MAX_HEIGHT);
}

static struct rf_outcome clean_outcome(void)
{
	struct rf_outcome o;

	memset(&o, 0, sizeof(o));
	o.result.ops_run = 3;
	return o;
}

static struct rf_outcome failed_at(unsigned long pfn)
{
	struct rf_outcome o = clean_outcome();

	o.failed = true;
	o.failure.check = (enum rf_check)0;
	o.failure.op_index = 2;
	o.failure.mode = t_mode;
	o.failure.pfn = pfn;
	snprintf(o.failure.op_text, sizeof(o.failure.op_text), "alloc zone=0 order=0 mt=MOVABLE");
	snprintf(o.failure.message, sizeof(o.failure.message), "what was found");
	return o;
}

static void draw_as(struct drawn *d, const struct rf_node *n, const struct rf_outcome *o,
		    const char *file)
{
	struct rf_picture_about a = { "v4", file, 0, 1u << t_mode, t_mode, o };
	size_t len = 0;
	FILE *f = open_memstream(&d->data, &len);

	memset(d, 0, sizeof(*d));
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK_EQ(rf_picture_write(f, n, &a), 0);
	fclose(f);
	parse(d);
}

static void draw(struct drawn *d, const struct rf_node *n, const struct rf_outcome *o)
{
	draw_as(d, n, o, "prog.txt");
}

static void drawn_free(struct drawn *d)
{
	free(d->data);
	free(d->s);
}

/* Shapes drawn for the state, the key's left out. */
static unsigned int in_grid(const struct drawn *d, int kind)
{
	return d->count[kind] - key_shapes[kind];
}

/* The @i-th cell frame, in the order drawn: pfn order, zone by zone. */
static const struct shape *cell(const struct drawn *d, unsigned int i)
{
	for (unsigned int k = 0; k < d->nr; k++)
		if (d->s[k].kind == CELL && !i--)
			return &d->s[k];
	return NULL;
}

/* A shape of @kind inside @c's frame, or NULL. */
static const struct shape *inside(const struct drawn *d, const struct shape *c, int kind)
{
	for (unsigned int k = 0; c && k < d->nr; k++)
		if (d->s[k].kind == kind && d->s[k].x0 == c->x0 && d->s[k].x1 == c->x1 &&
		    d->s[k].y0 >= c->y0 && d->s[k].y1 <= c->y1)
			return &d->s[k];
	return NULL;
}

static unsigned int regions_held(const struct rf_node *n, unsigned int zone)
{
	struct rf_zone_info zi;
	unsigned int held = 0;

	rf_zone_info(n, zone, &zi);
	for (unsigned int r = 0; r < zi.nr_regions; r++) {
		struct rf_region_info ri;

		held += !rf_region_info(n, zone, r, &ri) && ri.in_ra;
	}
	return held;
}

/* ------------------------------------------------------------- tests */

/*
 * 256 pages at 0, pageblocks of 4, regions of 32: one row of 64 cells, all
 * free after set-up, eight regions; v4's set-up banks whole regions.
 */
static void set_up_state(void)
{
	struct rf_geometry g = t_geo(4, 2, 5, 0, 256);
	struct rf_node *n = t_node(&g);
	struct rf_outcome o = clean_outcome();
	struct drawn d;

	draw(&d, n, &o);
	CHECK_EQ(in_grid(&d, CELL), 64);
	CHECK_EQ(in_grid(&d, FREE), 64);
	CHECK_EQ(in_grid(&d, USED), 0);
	CHECK_EQ(in_grid(&d, BORDER), 8 + 1);
	CHECK_EQ(in_grid(&d, FAIL), 0);
	CHECK_EQ(in_grid(&d, RA), 8 * regions_held(n, 0));
	if (t_mode == RF_MODE_V4)
		CHECK(regions_held(n, 0) > 0);
	for (unsigned int i = 0; i < 64; i++) {
		const struct shape *c = cell(&d, i), *fr = inside(&d, c, FREE);

		CHECK(fr && fr->y1 - fr->y0 == CELL_H && fr->mt == MIGRATE_MOVABLE);
	}
	CHECK(strstr(d.data, "No failure: every check held over 3 ops") != NULL);
	CHECK(strstr(d.data, "'zone 0'") != NULL);
	drawn_free(&d);
	rf_node_destroy(n);
}

/* One page of four in use: a dark quarter under three pale quarters. */
static void share_in_use(void)
{
	struct rf_geometry g = t_geo(4, 2, 5, 0, 256);
	struct rf_node *n = t_node(&g);
	struct rf_outcome o = clean_outcome();
	unsigned long pfn = t_alloc(n, 0, 0, MIGRATE_UNMOVABLE);
	struct drawn d;

	draw(&d, n, &o);
	CHECK_EQ(in_grid(&d, USED), 1);

	const struct shape *c = cell(&d, (unsigned int)(pfn / 4));
	const struct shape *used = inside(&d, c, USED), *fr = inside(&d, c, FREE);

	CHECK(used && fr);
	if (used && fr) {
		CHECK_EQ(used->y1 - used->y0, CELL_H / 4);
		CHECK_EQ(fr->y1 - fr->y0, CELL_H * 3 / 4);
		CHECK(used->y1 == c->y1 && fr->y1 == used->y0);
		CHECK_EQ(used->mt, rf_pageblock_migratetype(n, pfn));
	}
	drawn_free(&d);
	rf_node_destroy(n);
}

/*
 * Two zones split at 0x81, inside pageblock 0x80, which both strips draw;
 * a hole over pageblocks 0x40 and 0x44: frames with nothing in them.
 */
static void zones_and_holes(void)
{
	struct rf_geometry g = t_geo(4, 2, 5, 0, 256);
	struct rf_outcome o = clean_outcome();
	struct drawn d;

	g.nr_zones = 2;
	g.zone_start_pfn[1] = 0x81;
	g.nr_holes = 1;
	g.holes[0] = (struct rf_pfn_range){ 0x40, 0x48 };

	struct rf_node *n = t_node(&g);

	draw(&d, n, &o);
	CHECK_EQ(in_grid(&d, CELL), 33 + 32);
	CHECK(strstr(d.data, "'zone 1'") != NULL);
	for (unsigned int pb = 0x40 / 4; pb < 0x48 / 4; pb++) {
		CHECK(inside(&d, cell(&d, pb), FREE) == NULL);
		CHECK(inside(&d, cell(&d, pb), USED) == NULL);
	}
	/* Zone 0's last cell and zone 1's first are the same pageblock. */
	const struct shape *a = cell(&d, 32), *b = cell(&d, 33);

	CHECK(a && b && a->x0 == b->x0 && a->y0 < b->y0);
	drawn_free(&d);
	rf_node_destroy(n);
}

static void failure_marked(void)
{
	struct rf_geometry g = t_geo(4, 2, 5, 0, 256);
	struct rf_node *n = t_node(&g);
	struct rf_outcome at = failed_at(0x24), outside = failed_at(0x5000),
			  none = failed_at(RF_NO_PFN);
	struct drawn d;

	draw(&d, n, &at);
	CHECK_EQ(in_grid(&d, FAIL), 1);
	CHECK_EQ(in_grid(&d, FAIL_MARK), 1);

	const struct shape *c = cell(&d, 0x24 / 4);

	for (unsigned int k = 0; c && k < d.nr; k++)
		if (d.s[k].kind == FAIL && d.s[k].y0 < c->y1 + 5)
			CHECK(d.s[k].x0 > c->x0 && d.s[k].x0 < c->x0 + (c->x1 - c->x0) / 4 &&
			      d.s[k].y0 <= c->y0 && d.s[k].y1 >= c->y1);
	CHECK(strstr(d.data, "FAILED ") != NULL);
	CHECK(strstr(d.data, "at op 2 on the ") != NULL);
	CHECK(strstr(d.data, "the failure''s pfn: 0x24, marked in red") != NULL);
	drawn_free(&d);

	draw(&d, n, &outside);
	CHECK_EQ(in_grid(&d, FAIL), 0);
	CHECK(strstr(d.data, "0x5000, outside every zone (not marked)") != NULL);
	drawn_free(&d);

	draw(&d, n, &none);
	CHECK_EQ(in_grid(&d, FAIL), 0);
	CHECK(strstr(d.data, "the failure''s pfn: ") == NULL);
	drawn_free(&d);
	rf_node_destroy(n);
}

/* 2^21 pageblocks: 1024 a cell, 32 rows of 64; regions still bordered.
 * The layout knows no modes; one 2^22-page node is enough (seconds under ASan). */
static void big_zone_merges_cells(void)
{
	struct rf_geometry g = t_geo(2, 1, 16, 0, 1UL << 22);
	struct rf_node *n = t_node(&g);
	struct rf_outcome o = clean_outcome();
	struct drawn d;

	draw(&d, n, &o);
	CHECK_EQ(in_grid(&d, CELL), 2048);
	CHECK_EQ(in_grid(&d, BORDER), 64 + 1);
	CHECK(strstr(d.data, "A cell is 1024 pageblocks (their most common type)") != NULL);
	CHECK(strstr(d.data, "2048 pages.") != NULL);	/* "a cell every", maybe wrapped */
	drawn_free(&d);
	rf_node_destroy(n);
}

static void same_state_same_bytes(void)
{
	struct rf_geometry g = t_geo(4, 2, 5, 0x100, 512);
	struct rf_node *n = t_node(&g);
	struct rf_outcome o = failed_at(0x180);
	struct drawn a, b;

	t_alloc(n, 0, 2, MIGRATE_RECLAIMABLE);
	draw_as(&a, n, &o, "it's\tmine.txt");
	draw_as(&b, n, &o, "it's\tmine.txt");
	CHECK(!strcmp(a.data, b.data));
	/* gnuplot's single quotes double a quote; control characters go. */
	CHECK(strstr(a.data, "'it''s?mine.txt on target v4") != NULL);
	drawn_free(&a);
	drawn_free(&b);
	rf_node_destroy(n);
}

/* ------------------------------------------- the state a run stopped at */

static void file_of(const char *text, const char *options, struct drawn *d)
{
	static struct rf_program prog;
	const struct rf_target *t = rf_target_find("v4");
	char path[] = "/tmp/rf-test-picture-XXXXXX", err[512];
	unsigned long opts = 0;
	struct rf_outcome o;
	size_t len;
	int fd = mkstemp(path);

	memset(d, 0, sizeof(*d));
	CHECK(fd >= 0 && t);
	if (fd < 0 || !t)
		return;
	close(fd);
	CHECK_EQ(rf_program_parse(text, &prog, err, sizeof(err)), 0);
	CHECK_EQ(rf_options_parse(options, &opts, err, sizeof(err)), 0);
	rf_target_set_options(opts);
	rf_target_outcome(t, &prog, NULL, false, &o);
	if (rf_picture_file(t, &prog, "prog.txt", &o, path, err, sizeof(err)))
		t_fail(__FILE__, __LINE__, "rf_picture_file: %s", err);
	d->data = rf_read_file(path, &len, err, sizeof(err));
	unlink(path);
	CHECK(d->data != NULL);
	if (d->data)
		parse(d);
}

#define GEOMETRY "geometry max_order=4 pageblock_order=2 region_shift=5 start=0x0 pages=256\n" \
		 "zones 0x0\n"

/* The state after the last op: two pages of a pageblock in use. */
static void file_clean_run(void)
{
	struct drawn d;

	file_of(GEOMETRY "modes v4\nalloc zone=0 order=1 mt=UNMOVABLE\n", "clean", &d);
	CHECK_EQ(in_grid(&d, USED), 1);
	CHECK(strstr(d.data, "No failure: every check held over 1 op; the v4 engine") != NULL);
	drawn_free(&d);

	file_of(GEOMETRY "modes v4\n", "clean", &d);
	CHECK_EQ(in_grid(&d, USED), 0);
	CHECK(strstr(d.data, "over 0 ops") != NULL);
	drawn_free(&d);
}

/*
 * corpus/v4/regressions/V3-handout-retypes-head-only.txt on the faithful
 * engine: the failure at op 0, its pfn 0x24 marked, the page it allocated
 * (0x30) in use.
 */
static void file_failed_run(void)
{
	struct drawn d;

	file_of(GEOMETRY "modes v4\nalloc zone=0 order=0 mt=RECLAIMABLE\n", "faithful", &d);
	CHECK(strstr(d.data, "FAILED POL-RA-TYPE (policy) at op 0 on the v4 engine") != NULL);
	CHECK_EQ(in_grid(&d, FAIL_MARK), 1);
	CHECK(inside(&d, cell(&d, 0x30 / 4), USED) != NULL);
	drawn_free(&d);
	rf_target_set_options(RF_OPT_FIXES);
}

static const struct t_case cases[] = {
	TEST(set_up_state, BOTH),
	TEST(share_in_use, BOTH),
	TEST(zones_and_holes, BOTH),
	TEST(failure_marked, BOTH),
	TEST(big_zone_merges_cells, V4),
	TEST(same_state_same_bytes, BOTH),
	TEST(file_clean_run, V4),
	TEST(file_failed_run, V4),
	{ NULL, NULL, 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "picture", cases);
}
