// SPDX-License-Identifier: MIT
/*
 * The picture of an engine state, laid out in pixels and written as a
 * gnuplot data file for fuzzers/picture.gp (picture.h says why gnuplot).
 *
 * Each zone is a strip of cells, one cell a pageblock, wrapped into rows of
 * COLS cells.  A row starts at a pfn that is a multiple of a row's pages, so
 * a column means the same offset in every row; since a row and a region both
 * hold a power of two of pageblocks, region borders fall on the same columns
 * in every row, or every region starts a row.  A cell is its pageblock's
 * migratetype colour, pale for free pages and dark for pages in use, the
 * dark part's height the share in use.  A node with more pageblocks than
 * MAX_ROWS rows hold -- zones go up to 2^22 pages -- merges 2, 4, ...
 * pageblocks into a cell, coloured by their most common type; the zone's
 * heading says how many.
 *
 * The data: gnuplot variables for the size, a datablock $shapes of boxes and
 * lines ("kind x0 y0 x1 y1 mt", the kinds below), and text as 'set label'
 * commands naming a style that the script defines.
 */
#define _POSIX_C_SOURCE 200809L	/* open_memstream */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "picture.h"

#define WIDTH 1000
#define LEFT 96			/* the row labels' margin */
#define GRID 888		/* the widest a row may be */
#define MAX_CELL_W 120
#define MAX_COLS 64
#define MAX_ROWS 40		/* over every zone; more pageblocks share cells */
#define CELL_H 24
#define GAP 14			/* above each row: region numbers, the failure's mark */
#define HEAD 24			/* a zone's heading */
#define TEXT_CHARS 150		/* characters in a line of the title or key */

/* What a $shapes line draws (picture.gp paints each kind). */
enum shape {
	SHAPE_CELL,		/* a cell's frame, white */
	SHAPE_FREE,		/* its free pages: mt's pale colour */
	SHAPE_USED,		/* its pages in use: mt's dark colour */
	SHAPE_RA,		/* hatched: in a region the RA holds */
	SHAPE_BORDER,		/* a region border: a line x0,y0 to x1,y1 */
	SHAPE_FAIL,		/* the failure's pfn: a line */
	SHAPE_FAIL_MARK,	/* and a triangle at x0,y0 */
};

struct cell {
	unsigned long present, free, ra;	/* pages */
	unsigned long types[MIGRATE_TYPES];	/* its pageblocks by migratetype */
};

struct zone_plan {
	struct rf_zone_info zi;
	unsigned long first_cell, nr_cells;	/* cells count from pfn 0 */
	unsigned long first_row;		/* the row of first_cell, from pfn 0 */
	unsigned int rows;
	int top;				/* the heading's top, in pixels */
	struct cell *cells;
};

/* Text cut into lines (add_lines). */
struct lines {
	char line[6][TEXT_CHARS + 8];
	int nr;
};

struct plan {
	const struct rf_node *node;
	const struct rf_picture_about *a;
	unsigned long pb_pages, cell_pages;
	unsigned long per_cell;			/* pageblocks in a cell */
	unsigned int cols, cw;			/* cells in a row, a cell's width */
	unsigned int nr_zones;
	struct zone_plan z[RF_MAX_ZONES];
	struct lines title;			/* the title's lines after the first */
	struct lines explain;			/* the key's sentence */
	FILE *text;				/* labels, written after $shapes */
	int key_top, height;
};

static unsigned long min_ul(unsigned long a, unsigned long b)
{
	return a < b ? a : b;
}

static unsigned long max_ul(unsigned long a, unsigned long b)
{
	return a > b ? a : b;
}

/* ---- the layout ---- */

static unsigned int rows_of(const struct plan *p, unsigned long per_cell)
{
	unsigned int rows = 0;

	for (unsigned int z = 0; z < p->nr_zones; z++) {
		unsigned long first = p->z[z].zi.zone_start_pfn / p->pb_pages / per_cell;
		unsigned long last = (p->z[z].zi.zone_end_pfn - 1) / p->pb_pages / per_cell;

		rows += (unsigned int)(last / p->cols - first / p->cols + 1);
	}
	return rows;
}

/* Columns, pageblocks per cell and every zone's rows. */
static void plan_grid(struct plan *p)
{
	unsigned long span = 1;

	for (unsigned int z = 0; z < p->nr_zones; z++) {
		const struct rf_zone_info *zi = &p->z[z].zi;

		span = max_ul(span, (zi->zone_end_pfn - 1) / p->pb_pages -
					    zi->zone_start_pfn / p->pb_pages + 1);
	}
	p->cols = 1;
	while (p->cols < MAX_COLS && p->cols < span)
		p->cols *= 2;
	p->cw = GRID / p->cols < MAX_CELL_W ? GRID / p->cols : MAX_CELL_W;
	p->per_cell = 1;
	while (rows_of(p, p->per_cell) > MAX_ROWS)
		p->per_cell *= 2;
	p->cell_pages = p->pb_pages * p->per_cell;
	for (unsigned int z = 0; z < p->nr_zones; z++) {
		struct zone_plan *zp = &p->z[z];
		unsigned long last = (zp->zi.zone_end_pfn - 1) / p->cell_pages;

		zp->first_cell = zp->zi.zone_start_pfn / p->cell_pages;
		zp->nr_cells = last - zp->first_cell + 1;
		zp->first_row = zp->first_cell / p->cols;
		zp->rows = (unsigned int)(last / p->cols - zp->first_row + 1);
	}
}

/* ---- the state, cell by cell ---- */

/* Present and free pages: a page is free inside a free block (RA-held ones
 * included), whose head says its order. */
static void count_pages(const struct plan *p, struct zone_plan *zp)
{
	static struct rf_page_info info[4096];
	unsigned long free_end = 0, end = zp->zi.zone_end_pfn;

	for (unsigned long pfn = zp->zi.zone_start_pfn; pfn < end;) {
		unsigned long n = min_ul(end - pfn, sizeof(info) / sizeof(info[0]));

		if (rf_page_info_range(p->node, pfn, n, info))
			return;
		for (unsigned long i = 0; i < n; i++) {
			struct cell *c = &zp->cells[(pfn + i) / p->cell_pages - zp->first_cell];

			if (!info[i].present)
				continue;
			c->present++;
			if (info[i].buddy)
				free_end = max_ul(free_end, pfn + i + (1UL << info[i].order));
			c->free += pfn + i < free_end;
		}
		pfn += n;
	}
}

static void count_types(const struct plan *p, struct zone_plan *zp)
{
	unsigned long start = zp->zi.zone_start_pfn;

	for (unsigned long pb = start / p->pb_pages * p->pb_pages; pb < zp->zi.zone_end_pfn;
	     pb += p->pb_pages) {
		int mt = rf_pageblock_migratetype(p->node, max_ul(pb, start));

		if (mt >= 0 && mt < MIGRATE_TYPES)
			zp->cells[pb / p->cell_pages - zp->first_cell].types[mt]++;
	}
}

/* Pages of the regions the region allocator holds, cell by cell. */
static void count_ra(const struct plan *p, struct zone_plan *zp, unsigned int zone)
{
	for (unsigned int r = 0; r < zp->zi.nr_regions; r++) {
		struct rf_region_info ri;

		if (rf_region_info(p->node, zone, r, &ri) || !ri.in_ra || ri.end_pfn <= ri.start_pfn)
			continue;
		for (unsigned long c = ri.start_pfn / p->cell_pages;
		     c <= (ri.end_pfn - 1) / p->cell_pages; c++)
			zp->cells[c - zp->first_cell].ra +=
				min_ul(ri.end_pfn, (c + 1) * p->cell_pages) -
				max_ul(ri.start_pfn, c * p->cell_pages);
	}
}

/* The most common type of a cell's pageblocks (the lower on a tie), or -1. */
static int cell_type(const struct cell *c)
{
	int mt = -1;

	for (int t = 0; t < MIGRATE_TYPES; t++)
		if (c->types[t] && (mt < 0 || c->types[t] > c->types[mt]))
			mt = t;
	return mt;
}

/* ---- pixels ---- */

static int row_top(const struct zone_plan *zp, unsigned long row)
{
	return zp->top + HEAD + (int)row * (GAP + CELL_H) + GAP;
}

/* Where @pfn's page starts in its row (@end: where the page before it ends,
 * for a border after the last page of a row). */
static double pfn_x(const struct plan *p, const struct zone_plan *zp, unsigned long pfn,
		    bool end, int *top)
{
	unsigned long q = end ? pfn - 1 : pfn;
	unsigned long cell = q / p->cell_pages;
	double in_cell = (double)(q % p->cell_pages + end) / (double)p->cell_pages;

	*top = row_top(zp, cell / p->cols - zp->first_row);
	return LEFT + ((double)(cell % p->cols) + in_cell) * p->cw;
}

/* Region borders and numbers, unless regions are smaller than cells. */
static bool regions_drawn(const struct plan *p)
{
	return 1UL << rf_node_geometry(p->node)->region_shift >= p->cell_pages;
}

static void shape(FILE *f, enum shape kind, double x0, double y0, double x1, double y1, int mt)
{
	fprintf(f, "%d %.1f %.1f %.1f %.1f %d\n", kind, x0, y0, x1, y1, mt);
}

/* The height of @n pages of @pages in a cell, rounded; any page at all
 * shows as a sliver. */
static unsigned long height_of(unsigned long n, unsigned long pages)
{
	return n ? max_ul(2, (CELL_H * n + pages / 2) / pages) : 0;
}

/* A cell: the frame, then from its foot the pages in use and the free ones. */
static void cell_shapes(FILE *f, double x, int y, double w, const struct cell *c, int mt,
			unsigned long pages)
{
	unsigned long used = height_of(c->present - c->free, pages), pale = height_of(c->free, pages);

	shape(f, SHAPE_CELL, x, y, x + w, y + CELL_H, mt);
	if (mt < 0 || !pages)
		return;
	/* Two slivers in a nearly full cell: the larger part gives way. */
	if (used + pale > CELL_H) {
		if (used > pale)
			used = CELL_H - pale;
		else
			pale = CELL_H - used;
	}
	if (pale)
		shape(f, SHAPE_FREE, x, y + CELL_H - used - pale, x + w, y + CELL_H - used, mt);
	if (used)
		shape(f, SHAPE_USED, x, y + CELL_H - used, x + w, y + CELL_H, mt);
}

static void zone_shapes(FILE *f, const struct plan *p, const struct zone_plan *zp, unsigned int zone)
{
	for (unsigned long i = 0; i < zp->nr_cells; i++) {
		const struct cell *c = &zp->cells[i];
		unsigned long cell = zp->first_cell + i;
		int y = row_top(zp, cell / p->cols - zp->first_row);
		double x = LEFT + (double)(cell % p->cols) * p->cw;

		cell_shapes(f, x, y, p->cw, c, cell_type(c), p->cell_pages);
		if (c->ra)
			shape(f, SHAPE_RA, x, y, x + p->cw, y + CELL_H, 0);
	}
	/* Borders where regions start and where the zone ends. */
	if (!regions_drawn(p))
		return;
	for (unsigned int r = 0; r <= zp->zi.nr_regions; r++) {
		struct rf_region_info ri = { .start_pfn = zp->zi.zone_end_pfn };
		bool end = r == zp->zi.nr_regions;
		int top;

		if (!end && rf_region_info(p->node, zone, r, &ri))
			continue;

		double x = pfn_x(p, zp, ri.start_pfn, end, &top);

		shape(f, SHAPE_BORDER, x, top - 4, x, top + CELL_H + 1, 0);
	}
}

/* Where the failure's pfn is marked: true with its x and its row's top. */
static bool fail_mark(const struct plan *p, double *x, int *top)
{
	const struct rf_outcome *o = p->a->o;
	int zone = o->failed && o->failure.pfn != RF_NO_PFN ? rf_pfn_zone(p->node, o->failure.pfn) : -1;

	if (zone < 0)
		return false;
	*x = pfn_x(p, &p->z[zone], o->failure.pfn, false, top) + 0.5 * p->cw / (double)p->cell_pages;
	return true;
}

static void fail_shapes(FILE *f, const struct plan *p)
{
	double x;
	int top;

	if (!fail_mark(p, &x, &top))
		return;
	shape(f, SHAPE_FAIL, x, top - 2, x, top + CELL_H + 2, 0);
	shape(f, SHAPE_FAIL_MARK, x, top - 6, x, top - 6, 0);
}

/* ---- text ---- */

/* A label in one of picture.gp's styles (title, text, head, small), kept
 * in p->text until the shapes are written. */
static void label(const struct plan *p, double x, double y, const char *align, const char *style,
		  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void label(const struct plan *p, double x, double y, const char *align, const char *style,
		  const char *fmt, ...)
{
	FILE *f = p->text;
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	/* gnuplot's single quotes: a quote doubled, and nothing else special. */
	fprintf(f, "set label '");
	for (const char *c = text; *c; c++) {
		if (*c == '\'')
			fputs("''", f);
		else
			fputc((unsigned char)*c < ' ' || *c == 0x7f ? '?' : *c, f);
	}
	fprintf(f, "' at %.1f,%.1f %s font f_%s tc rgb ink_%s noenhanced front\n", x, y, align,
		style, style);
}

/* @text cut at spaces into lines of at most TEXT_CHARS, after those in @t;
 * what does not fit in the lines left ends in "...". */
static void add_lines(struct lines *t, const char *text)
{
	const int max = (int)(sizeof(t->line) / sizeof(t->line[0]));

	while (*text && t->nr < max) {
		size_t n = strlen(text);

		if (n > TEXT_CHARS) {
			n = TEXT_CHARS;
			while (n > TEXT_CHARS / 2 && text[n] != ' ')
				n--;
		}
		if (t->nr == max - 1 && text[n])
			snprintf(t->line[t->nr], sizeof(t->line[0]), "%.*s ...", (int)n, text);
		else
			snprintf(t->line[t->nr], sizeof(t->line[0]), "%.*s", (int)n, text);
		t->nr++;
		text += n;
		while (*text == ' ')
			text++;
	}
}

static const char *mode_name(enum rf_mode m)
{
	return m == RF_MODE_V4 ? "v4" : "vanilla";
}

/* The title's first line, and its lines after it into @p. */
static void plan_title(struct plan *p, char *first, size_t len)
{
	const struct rf_picture_about *a = p->a;
	const struct rf_failure *f = &a->o->failure;
	char buf[1024], opts[256];

	rf_options_format(a->options, opts, sizeof(opts));
	if (a->o->failed && f->op_index != RF_NO_OP)
		snprintf(first, len, "FAILED %s (%s) at op %u on the %s engine", rf_check_id(f->check),
			 rf_check_layer(f->check), f->op_index, mode_name(f->mode));
	else if (a->o->failed)
		snprintf(first, len, "FAILED %s (%s) in the set-up or the final walk on the %s engine",
			 rf_check_id(f->check), rf_check_layer(f->check), mode_name(f->mode));
	else
		snprintf(first, len, "No failure: every check held over %u op%s; the %s engine at the end",
			 a->o->result.ops_run, a->o->result.ops_run == 1 ? "" : "s", mode_name(a->mode));
	snprintf(buf, sizeof(buf), "%s on target %s, engine options %s%s", a->file, a->target, opts,
		 a->modes == RF_RUN_BOTH ? ", both engines ran" : "");
	add_lines(&p->title, buf);
	if (!a->o->failed)
		return;
	snprintf(buf, sizeof(buf), "op: %s", f->op_text);
	add_lines(&p->title, buf);
	snprintf(buf, sizeof(buf), "found: %s", f->message);
	add_lines(&p->title, buf);
	if (f->pfn != RF_NO_PFN) {
		snprintf(buf, sizeof(buf), "the failure's pfn: %#lx%s", f->pfn,
			 rf_pfn_zone(p->node, f->pfn) < 0 ? ", outside every zone (not marked)"
							  : ", marked in red");
		add_lines(&p->title, buf);
	}
}

/* 2^@shift as a number, or as a power beyond four digits; in @buf. */
static const char *pages_text(unsigned int shift, char buf[16])
{
	if (shift < 14)
		snprintf(buf, 16, "%lu", 1UL << shift);
	else
		snprintf(buf, 16, "2^%u", shift);
	return buf;
}

static void zone_text(const struct plan *p, const struct zone_plan *zp, unsigned int zone)
{
	const struct rf_zone_info *zi = &zp->zi;
	const struct rf_geometry *g = rf_node_geometry(p->node);
	unsigned long region_pages = 1UL << g->region_shift;
	unsigned long rows_pages = p->cols * p->cell_pages;
	char ra[64] = "", present[48] = "", pb[16], region[16];
	unsigned int held = 0;

	for (unsigned int r = 0; r < zi->nr_regions; r++) {
		struct rf_region_info ri;

		held += !rf_region_info(p->node, zone, r, &ri) && ri.in_ra;
	}
	if (p->a->mode == RF_MODE_V4)
		snprintf(ra, sizeof(ra), "; the RA holds %u region%s", held, held == 1 ? "" : "s");
	label(p, LEFT - 8, zp->top + 16, "right", "head", "zone %u", zone);
	if (zi->present_pages != zi->zone_end_pfn - zi->zone_start_pfn)
		snprintf(present, sizeof(present), " (%lu present)", zi->present_pages);
	label(p, LEFT, zp->top + 16, "left", "text",
	      "pfn 0x%lx-0x%lx, %lu pages%s; pageblocks of %s pages, %u region%s of %s; "
	      "NR_FREE_PAGES %ld%s",
	      zi->zone_start_pfn, zi->zone_end_pfn - 1, zi->zone_end_pfn - zi->zone_start_pfn,
	      present, pages_text(g->pageblock_order, pb), zi->nr_regions,
	      zi->nr_regions == 1 ? "" : "s", pages_text(g->region_shift, region), zi->nr_free_pages, ra);
	for (unsigned int row = 0; row < zp->rows; row++)
		label(p, LEFT - 6, row_top(zp, row) + CELL_H / 2 + 4, "right", "small", "0x%lx",
		      (zp->first_row + row) * rows_pages);

	/* Region numbers where there is room: every region, or every other... */
	if (!regions_drawn(p))
		return;

	double w = (double)min_ul(region_pages, rows_pages) / p->cell_pages * p->cw;
	unsigned int step = 1;

	double mark_x = 0;
	int mark_top = 0;
	bool marked = fail_mark(p, &mark_x, &mark_top);

	while (w * step < 28)
		step *= 2;
	for (unsigned int r = 0; r < zi->nr_regions; r += step) {
		struct rf_region_info ri;
		int top;

		if (rf_region_info(p->node, zone, r, &ri))
			continue;

		double x = pfn_x(p, zp, ri.start_pfn, false, &top) + 3;

		/* Beside the failure's mark rather than under it. */
		if (marked && mark_top == top && mark_x > x - 8 && mark_x < x + 20)
			x = mark_x + 7;
		label(p, x, top - 4, "left", "small", "r%u", r);
	}
}

static void plan_key(struct plan *p)
{
	char what[64] = "a pageblock", explain[512];

	if (p->per_cell > 1)
		snprintf(what, sizeof(what), "%lu pageblocks (their most common type)", p->per_cell);
	snprintf(explain, sizeof(explain),
		 "A cell is %s in its migratetype's colour: dark for its pages in use (allocated or "
		 "reserved), pale for its free pages, each part as tall as its share; white where "
		 "there is no page (a hole, or outside the zone).  A row starts at the pfn on its "
		 "left, a cell every %lu pages.", what, p->cell_pages);
	add_lines(&p->explain, explain);
}

static void key(FILE *f, const struct plan *p)
{
	struct cell half = { .present = 2, .free = 1 };
	int y = p->key_top;

	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		double x = LEFT + 160.0 * mt;

		cell_shapes(f, x, y, 16, &half, mt, 2);
		label(p, x + 22, y + CELL_H / 2 + 4, "left", "text", "%s", rf_migratetype_name(mt));
	}
	y += CELL_H + 12;
	for (int i = 0; i < p->explain.nr; i++, y += 16)
		label(p, LEFT, y + 4, "left", "text", "%s", p->explain.line[i]);
	y += 8;
	shape(f, SHAPE_BORDER, LEFT + 8, y, LEFT + 8, y + CELL_H, 0);
	label(p, LEFT + 22, y + CELL_H / 2 + 4, "left", "text", "a region border; rN: region N");
	shape(f, SHAPE_CELL, LEFT + 320, y, LEFT + 336, y + CELL_H, -1);
	shape(f, SHAPE_RA, LEFT + 320, y, LEFT + 336, y + CELL_H, 0);
	label(p, LEFT + 342, y + CELL_H / 2 + 4, "left", "text",
	      "a region the region allocator holds (v4)");
	shape(f, SHAPE_FAIL, LEFT + 648, y + 4, LEFT + 648, y + CELL_H + 2, 0);
	shape(f, SHAPE_FAIL_MARK, LEFT + 648, y, LEFT + 648, y, 0);
	label(p, LEFT + 660, y + CELL_H / 2 + 4, "left", "text", "the failure's pfn");
}

/* Every zone's heading and rows placed from the top down, then the key. */
static void plan_pixels(struct plan *p)
{
	int y = 38 + 17 * p->title.nr + 8;

	for (unsigned int z = 0; z < p->nr_zones; z++) {
		p->z[z].top = y;
		y += HEAD + (int)p->z[z].rows * (GAP + CELL_H) + 12;
	}
	p->key_top = y + 8;
	p->height = p->key_top + CELL_H + 12 + p->explain.nr * 16 + 8 + CELL_H + 16;
}

int rf_picture_write(FILE *f, const struct rf_node *node, const struct rf_picture_about *a)
{
	static struct plan p;
	char first[256], *text = NULL;
	size_t text_len = 0;
	int status = 0;

	memset(&p, 0, sizeof(p));
	p.node = node;
	p.a = a;
	p.pb_pages = rf_pageblock_nr_pages(node);
	p.nr_zones = rf_node_geometry(node)->nr_zones;
	for (unsigned int z = 0; z < p.nr_zones; z++)
		rf_zone_info(node, z, &p.z[z].zi);
	plan_grid(&p);
	for (unsigned int z = 0; z < p.nr_zones; z++) {
		struct zone_plan *zp = &p.z[z];

		zp->cells = calloc(zp->nr_cells, sizeof(*zp->cells));
		if (!zp->cells)
			status = -1;
		else {
			count_pages(&p, zp);
			count_types(&p, zp);
			count_ra(&p, zp, z);
		}
	}
	p.text = status ? NULL : open_memstream(&text, &text_len);
	if (!p.text) {
		status = -1;
		goto out;
	}
	plan_title(&p, first, sizeof(first));
	plan_key(&p);
	plan_pixels(&p);

	fprintf(f, "# A picture of the %s engine's state: rf-tool reproduce --picture-data wrote it,\n"
		   "# fuzzers/picture.gp draws it.  Pixels from the top left.\n",
		mode_name(a->mode));
	fprintf(f, "pic_width = %d\npic_height = %d\n", WIDTH, p.height);
	fprintf(f, "$shapes << EOD\n# kind x0 y0 x1 y1 migratetype\n");
	label(&p, 16, 24, "left", "title", "%s", first);
	for (int i = 0; i < p.title.nr; i++)
		label(&p, 16, 44 + 17 * i, "left", "text", "%s", p.title.line[i]);
	for (unsigned int z = 0; z < p.nr_zones; z++) {
		zone_shapes(f, &p, &p.z[z], z);
		zone_text(&p, &p.z[z], z);
	}
	fail_shapes(f, &p);
	key(f, &p);
	fprintf(f, "EOD\n");
	if (fclose(p.text))
		status = -1;
	else
		fwrite(text, 1, text_len, f);
	free(text);
out:
	for (unsigned int z = 0; z < p.nr_zones; z++)
		free(p.z[z].cells);
	return status;
}
