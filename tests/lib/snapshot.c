// SPDX-License-Identifier: MIT
/*
 * A snapshot is the whole observable state of a node written out as text,
 * one fact per line, through the introspection API only.  Two snapshots are
 * compared line by line, so a difference is reported as the first fact that
 * changed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

struct t_snapshot {
	char *text;
	size_t len, cap;
};

static void put(struct t_snapshot *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct t_snapshot *s, const char *fmt, ...)
{
	va_list ap;

	for (;;) {
		va_start(ap, fmt);
		int need = vsnprintf(s->text ? s->text + s->len : NULL, s->cap - s->len, fmt, ap);
		va_end(ap);
		if (need >= 0 && (size_t)need < s->cap - s->len) {
			s->len += (size_t)need;
			return;
		}
		s->cap = s->cap * 2 + (size_t)need + 64;
		s->text = realloc(s->text, s->cap);
		if (!s->text) {
			fprintf(stderr, "snapshot: out of memory\n");
			exit(2);
		}
	}
}

static void snap_list(struct t_snapshot *s, const struct rf_node *n, unsigned int z,
		      unsigned int o, int mt)
{
	unsigned long guard = rf_node_geometry(n)->node_spanned_pages + 1;

	put(s, "list z%u o%u %s:", z, o, rf_migratetype_name(mt));
	for (unsigned long p = rf_list_first(n, z, o, mt); p != RF_NO_PFN && guard--;
	     p = rf_list_next(n, z, o, mt, p))
		put(s, " %#lx", p);
	put(s, "\n");
	if (rf_node_config(n)->mode == RF_MODE_V4)
		put(s, "  next_region %ld\n", rf_list_next_region(n, z, o, mt));
}

static void snap_zone(struct t_snapshot *s, const struct rf_node *n, unsigned int z)
{
	const struct rf_geometry *g = rf_node_geometry(n);
	struct rf_zone_info zi;

	rf_zone_info(n, z, &zi);
	put(s, "zone %u [%#lx, %#lx) present %lu managed %lu NR_FREE_PAGES %ld regions %u\n", z,
	    zi.zone_start_pfn, zi.zone_end_pfn, zi.present_pages, zi.managed_pages,
	    zi.nr_free_pages, zi.nr_regions);
	put(s, "stats %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu\n", zi.stats.nr_alloc,
	    zi.stats.nr_alloc_fail, zi.stats.nr_free, zi.stats.nr_fallback,
	    zi.stats.nr_steal_block, zi.stats.nr_retype, zi.stats.nr_reserve_alloc,
	    zi.stats.nr_ra_handout, zi.stats.nr_ra_pull, zi.stats.nr_ra_request,
	    zi.stats.nr_ra_return);
	for (unsigned int o = 0; o < g->max_order; o++) {
		put(s, "nr_free o%u %lu\n", o, rf_nr_free(n, z, o));
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			snap_list(s, n, z, o, mt);
	}
	for (unsigned int r = 0; r < zi.nr_regions; r++) {
		struct rf_region_info ri;

		rf_region_info(n, z, r, &ri);
		put(s, "region %u [%#lx, %#lx) present %lu nr_free %lu alloc %lu %lu %lu ra %d %lu\n",
		    r, ri.start_pfn, ri.end_pfn, ri.present_pages, ri.nr_free, ri.nr_alloc[0],
		    ri.nr_alloc[1], ri.nr_alloc[2], ri.in_ra, ri.ra_blocks);
		if (rf_node_config(n)->mode != RF_MODE_V4)
			continue;
		put(s, "  ra bit %d:", rf_ra_bitmap_bit(n, z, r));
		for (unsigned long p = rf_ra_first(n, z, r), k = 0; p != RF_NO_PFN && k < ri.ra_blocks + 1;
		     p = rf_ra_next(n, z, r, p), k++)
			put(s, " %#lx", p);
		put(s, "\n");
		for (unsigned int o = 0; o < g->max_order; o++) {
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct rf_run_info run;

				rf_run_info(n, z, o, mt, r, &run);
				if (run.nr_blocks || run.tail_pfn != RF_NO_PFN || run.bitmap_bit ||
				    run.summary_bit)
					put(s, "  run o%u %s: tail %#lx blocks %lu bits %d%d\n", o,
					    rf_migratetype_name(mt), run.tail_pfn, run.nr_blocks,
					    run.bitmap_bit, run.summary_bit);
			}
		}
	}
	if (rf_node_config(n)->mode == RF_MODE_V4)
		put(s, "ra lowest %ld\n", rf_ra_lowest_region(n, z));
}

struct t_snapshot *t_snap(const struct rf_node *n)
{
	const struct rf_geometry *g = rf_node_geometry(n);
	struct t_snapshot *s = calloc(1, sizeof(*s));

	if (!s) {
		fprintf(stderr, "snapshot: out of memory\n");
		exit(2);
	}
	put(s, "mobility_disabled %d\n", rf_page_group_by_mobility_disabled(n));
	for (unsigned int z = 0; z < g->nr_zones; z++)
		snap_zone(s, n, z);

	unsigned long end = g->node_start_pfn + g->node_spanned_pages;
	unsigned long pb = rf_pageblock_nr_pages(n);

	for (unsigned long pfn = g->node_start_pfn; pfn < end; pfn++) {
		struct rf_page_info pi;

		rf_page_info(n, pfn, &pi);
		if (pfn == g->node_start_pfn || !(pfn & (pb - 1)))
			put(s, "pageblock %#lx %s unmovable %ld\n", pfn,
			    rf_migratetype_name(rf_pageblock_migratetype(n, pfn)),
			    rf_pageblock_unmovable(n, pfn));
		put(s, "page %#lx p%d r%d b%d a%d l%d o%u f%d m%d z%u\n", pfn, pi.present, pi.reserved,
		    pi.buddy, pi.allocated, pi.linked, pi.order, pi.freepage_mt, pi.alloc_mt, pi.zone);
	}
	return s;
}

static const char *line_at(const char *text, size_t off, size_t *len)
{
	const char *nl = strchr(text + off, '\n');

	*len = nl ? (size_t)(nl - (text + off)) : strlen(text + off);
	return text + off;
}

bool t_snap_same(const struct t_snapshot *a, const struct t_snapshot *b, const char *file,
		 int line)
{
	size_t oa = 0, ob = 0;

	while (oa < a->len || ob < b->len) {
		size_t la, lb;
		const char *pa = line_at(a->text ? a->text : "", oa, &la);
		const char *pb = line_at(b->text ? b->text : "", ob, &lb);

		if (la != lb || memcmp(pa, pb, la)) {
			t_fail(file, line, "state changed:\n    before: %.*s\n    after:  %.*s",
			       (int)la, pa, (int)lb, pb);
			return false;
		}
		oa += la + 1;
		ob += lb + 1;
	}
	return true;
}

void t_snap_free(struct t_snapshot *s)
{
	if (s)
		free(s->text);
	free(s);
}
