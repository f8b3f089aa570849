// SPDX-License-Identifier: MIT
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

enum rf_mode t_mode;
unsigned long t_failures;
static const char *t_current;
static bool t_current_failed;

void t_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: [%s, %s] ", file, line, t_current ? t_current : "-",
		t_mode == RF_MODE_V4 ? "v4" : "vanilla");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	t_failures++;
	t_current_failed = true;
}

int t_main(int argc, char **argv, const char *suite, const struct t_case *cases)
{
	unsigned int want = BOTH;
	const char *only = NULL;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--mode") && i + 1 < argc) {
			const char *m = argv[++i];

			if (!strcmp(m, "vanilla"))
				want = VANILLA;
			else if (!strcmp(m, "v4"))
				want = V4;
			else {
				fprintf(stderr, "%s: unknown mode '%s' (vanilla or v4)\n", argv[0], m);
				return 2;
			}
		} else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
			only = argv[++i];
		} else {
			fprintf(stderr, "usage: %s [--mode vanilla|v4] [--only TEST]\n", argv[0]);
			return 2;
		}
	}

	unsigned long run = 0, failed = 0;

	for (const struct t_case *c = cases; c->name; c++) {
		if (only && strcmp(only, c->name))
			continue;
		for (int m = RF_MODE_VANILLA; m <= RF_MODE_V4; m++) {
			if (!(c->modes & want & (1u << m)))
				continue;
			t_mode = (enum rf_mode)m;
			t_current = c->name;
			t_current_failed = false;
			c->fn();
			run++;
			if (t_current_failed)
				failed++;
			printf("%s %s.%s [%s]\n", t_current_failed ? "FAIL" : "ok  ", suite, c->name,
			       m == RF_MODE_V4 ? "v4" : "vanilla");
		}
	}
	t_current = NULL;
	printf("%s: %lu run, %lu failed, %lu failed checks\n", suite, run, failed, t_failures);
	if (!run && only) {
		fprintf(stderr, "%s: no test named '%s'\n", suite, only);
		return 1;
	}
	if (!run) {
		printf("%s: no test of this suite runs in this mode\n", suite);
		return T_SKIPPED;
	}
	return failed ? 1 : 0;
}

struct rf_geometry t_geo(unsigned int max_order, unsigned int pageblock_order,
			 unsigned int region_shift, unsigned long start, unsigned long pages)
{
	struct rf_geometry g;

	memset(&g, 0, sizeof(g));
	g.max_order = max_order;
	g.pageblock_order = pageblock_order;
	g.region_shift = region_shift;
	g.node_start_pfn = start;
	g.node_spanned_pages = pages;
	g.nr_zones = 1;
	g.zone_start_pfn[0] = start;
	return g;
}

struct rf_node *t_node_opts(const struct rf_geometry *geo, unsigned long options)
{
	struct rf_config cfg = { .mode = t_mode, .options = options };
	struct rf_node *n = NULL;
	char why[200] = "";
	int err = rf_node_create(geo, &cfg, &n, why, sizeof(why));

	if (err) {
		t_fail(__FILE__, __LINE__, "rf_node_create: %s: %s", rf_strerror(err), why);
		return NULL;
	}
	return n;
}

struct rf_node *t_node(const struct rf_geometry *geo)
{
	return t_node_opts(geo, 0);
}

unsigned long t_alloc(struct rf_node *n, unsigned int zone, unsigned int order, int mt)
{
	unsigned long pfn = RF_NO_PFN;
	int err = rf_alloc_pages(n, zone, order, mt, &pfn);

	if (err) {
		t_fail(__FILE__, __LINE__, "rf_alloc_pages(zone %u, order %u, %s): %s", zone, order,
		       rf_migratetype_name(mt), rf_strerror(err));
		return RF_NO_PFN;
	}
	return pfn;
}

void t_free(struct rf_node *n, unsigned long pfn, unsigned int order)
{
	int err = rf_free_pages(n, pfn, order);

	if (err)
		t_fail(__FILE__, __LINE__, "rf_free_pages(%#lx, %u): %s", pfn, order, rf_strerror(err));
}

unsigned long t_drain(struct rf_node *n)
{
	unsigned long count = 0, pfn;

	for (unsigned int z = 0; z < rf_node_geometry(n)->nr_zones; z++)
		while (rf_alloc_pages(n, z, 0, MIGRATE_MOVABLE, &pfn) == RF_OK)
			count++;
	return count;
}

static unsigned int zone_of(const struct rf_node *n, unsigned long pfn)
{
	int z = rf_pfn_zone(n, pfn);

	return z < 0 ? 0 : (unsigned int)z;
}

bool t_on_list(const struct rf_node *n, unsigned long pfn, unsigned int order, int mt)
{
	unsigned int zone = zone_of(n, pfn);
	struct rf_page_info pi;

	if (rf_page_info(n, pfn, &pi) || !pi.buddy || pi.order != order)
		return false;
	for (unsigned long p = rf_list_first(n, zone, order, mt); p != RF_NO_PFN;
	     p = rf_list_next(n, zone, order, mt, p))
		if (p == pfn)
			return true;
	return false;
}

bool t_list_is(const struct rf_node *n, unsigned int zone, unsigned int order, int mt,
	       const unsigned long *want, size_t nr)
{
	size_t i = 0;
	bool same = true;

	for (unsigned long p = rf_list_first(n, zone, order, mt); p != RF_NO_PFN;
	     p = rf_list_next(n, zone, order, mt, p), i++) {
		if (i >= nr || p != want[i])
			same = false;
		if (i > nr + 1000)
			break;
	}
	if (i != nr)
		same = false;
	if (!same) {
		fprintf(stderr, "  free_list[%u][%s] is:      ", order, rf_migratetype_name(mt));
		i = 0;
		for (unsigned long p = rf_list_first(n, zone, order, mt); p != RF_NO_PFN && i < 64;
		     p = rf_list_next(n, zone, order, mt, p), i++)
			fprintf(stderr, " %#lx", p);
		fprintf(stderr, "\n  expected:                  ");
		for (i = 0; i < nr; i++)
			fprintf(stderr, " %#lx", want[i]);
		fputc('\n', stderr);
	}
	return same;
}

unsigned long t_free_pages(const struct rf_node *n, unsigned int zone)
{
	const struct rf_geometry *g = rf_node_geometry(n);
	struct rf_zone_info zi;
	unsigned long total = 0;

	for (unsigned int o = 0; o < g->max_order; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			for (unsigned long p = rf_list_first(n, zone, o, mt); p != RF_NO_PFN;
			     p = rf_list_next(n, zone, o, mt, p))
				total += 1UL << o;
	if (rf_zone_info(n, zone, &zi))
		return total;
	for (unsigned int r = 0; r < zi.nr_regions; r++) {
		struct rf_region_info ri;

		if (!rf_region_info(n, zone, r, &ri))
			total += ri.ra_blocks << (g->max_order - 1);
	}
	return total;
}

long t_nr_free_pages(const struct rf_node *n, unsigned int zone)
{
	struct rf_zone_info zi;

	return rf_zone_info(n, zone, &zi) ? -1 : zi.nr_free_pages;
}

void t_dump_lists(const struct rf_node *n, unsigned int zone)
{
	const struct rf_geometry *g = rf_node_geometry(n);

	for (unsigned int o = 0; o < g->max_order; o++) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			unsigned long p = rf_list_first(n, zone, o, mt);

			if (p == RF_NO_PFN)
				continue;
			fprintf(stderr, "  order %u %-11s:", o, rf_migratetype_name(mt));
			for (int i = 0; p != RF_NO_PFN && i < 32; i++, p = rf_list_next(n, zone, o, mt, p))
				fprintf(stderr, " %#lx", p);
			fputc('\n', stderr);
		}
	}
}

int t_freepage_mt(const struct rf_node *n, unsigned long pfn)
{
	struct rf_page_info pi;

	return rf_page_info(n, pfn, &pi) ? -1 : pi.freepage_mt;
}

bool t_allocated_as(const struct rf_node *n, unsigned long pfn, unsigned int order, int mt)
{
	struct rf_page_info pi;

	return !rf_page_info(n, pfn, &pi) && pi.allocated && !pi.buddy && !pi.linked &&
	       pi.order == order && pi.alloc_mt == mt;
}

bool t_lists_empty(const struct rf_node *n, unsigned int zone, int mt)
{
	for (unsigned int o = 0; o < rf_node_geometry(n)->max_order; o++)
		if (rf_list_first(n, zone, o, mt) != RF_NO_PFN)
			return false;
	return true;
}

bool t_run_is(const struct rf_node *n, unsigned int order, int mt, unsigned int region,
	      unsigned long tail, unsigned long blocks)
{
	struct rf_run_info ri;
	struct rf_zone_info zi;

	if (rf_run_info(n, 0, order, mt, region, &ri) || rf_zone_info(n, 0, &zi))
		return false;

	/* The bulk read must say the same of the region. */
	struct rf_run_info *all = calloc(zi.nr_regions, sizeof(*all));
	bool same = all && !rf_run_info_all(n, 0, order, mt, all) && region < zi.nr_regions &&
		    all[region].tail_pfn == ri.tail_pfn && all[region].nr_blocks == ri.nr_blocks &&
		    all[region].bitmap_bit == ri.bitmap_bit && all[region].summary_bit == ri.summary_bit;

	free(all);
	return same && ri.tail_pfn == tail && ri.nr_blocks == blocks && ri.bitmap_bit == (blocks != 0);
}

bool t_pageblocks_are(const struct rf_node *n, unsigned long start, unsigned long end,
		      unsigned long step, int mt)
{
	bool same = true;

	for (unsigned long pfn = start; pfn < end; pfn += step)
		same &= rf_pageblock_migratetype(n, pfn) == mt;
	return same;
}

struct rf_zone_stats t_stats(const struct rf_node *n)
{
	struct rf_zone_info zi;

	rf_zone_info(n, 0, &zi);
	return zi.stats;
}
