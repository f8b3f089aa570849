// SPDX-License-Identifier: MIT
/*
 * What the study writes: CSV files (one header line, comma-separated, no
 * quoting -- every field is a number or a plain word), the zone map, and the
 * tables printed to stdout and kept in summary.txt.  Nothing here prints a
 * time or an address, so one seed always writes the same bytes.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "study.h"

const char *mode_name(enum rf_mode mode)
{
	return mode == RF_MODE_V4 ? "v4" : "vanilla";
}

/* mkdir -p: the output folder's parents may not exist yet. */
static int make_dirs(const char *dir)
{
	char path[4096];
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof(path))
		return -1;
	memcpy(path, dir, len + 1);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(path, 0777) && errno != EEXIST ? -1 : 0;
}

int output_open(struct output *o, const char *dir)
{
	o->dir = dir;
	if (make_dirs(dir)) {
		fprintf(stderr, "rf-study: cannot create %s: %s\n", dir, strerror(errno));
		return -1;
	}
	o->summary = output_file(o, "summary.txt");
	return o->summary ? 0 : -1;
}

int output_close(struct output *o)
{
	int err = o->summary && fclose(o->summary);

	o->summary = NULL;
	return err ? -1 : 0;
}

FILE *output_file(const struct output *o, const char *name)
{
	char path[4096];
	FILE *f;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", o->dir, name) >= sizeof(path)) {
		fprintf(stderr, "rf-study: path too long: %s/%s\n", o->dir, name);
		return NULL;
	}
	f = fopen(path, "w");
	if (!f)
		fprintf(stderr, "rf-study: cannot write %s: %s\n", path, strerror(errno));
	return f;
}

void output_printf(struct output *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (o->summary) {
		va_start(ap, fmt);
		vfprintf(o->summary, fmt, ap);
		va_end(ap);
	}
}

void census_csv_header(FILE *f)
{
	fputs("regions,allocated,minimum,free_regions,referenced,mixed,ra_regions,free_pages,"
	      "fallbacks,steals,retypes,ra_handouts,ra_pulls,ra_returns,alloc_fail", f);
}

void census_csv_row(FILE *f, const struct census *c)
{
	fprintf(f, "%u,%lu,%u,%u,%u,%u,%u,%lu,%lu,%lu,%lu,%lu,%lu,%lu,%lu", c->regions,
		c->allocated, c->minimum,
		c->free_regions, c->referenced, c->mixed, c->ra_regions, c->free_pages,
		c->stats.nr_fallback, c->stats.nr_steal_block, c->stats.nr_retype,
		c->stats.nr_ra_handout, c->stats.nr_ra_pull, c->stats.nr_ra_return,
		c->stats.nr_alloc_fail);
}

void probe_csv_header(FILE *f)
{
	fputs(",probe_order,probe_attempts,probe_successes,"
	      "probe_max_order,probe_max_attempts,probe_max_successes", f);
}

void probe_csv_row(FILE *f, const struct probe *pageblock, const struct probe *max)
{
	if (!pageblock) {
		fputs(",,,,,,", f);
		return;
	}
	fprintf(f, ",%u,%lu,%lu,%u,%lu,%lu", pageblock->order, pageblock->attempts,
		pageblock->successes, max->order, max->attempts, max->successes);
}

/* Allocated pages per pageblock, from one walk over the node's pages. */
static unsigned long *pageblock_allocated(const struct rf_node *node)
{
	const struct rf_geometry *geo = rf_node_geometry(node);
	unsigned long pb = rf_pageblock_nr_pages(node);
	unsigned long start = geo->node_start_pfn, end = start + geo->node_spanned_pages;
	unsigned long *alloc = calloc((geo->node_spanned_pages + pb - 1) / pb, sizeof(*alloc));
	struct rf_page_info pi;

	if (!alloc)
		return NULL;
	for (unsigned long pfn = start; pfn < end;) {
		if (rf_page_info(node, pfn, &pi) != RF_OK || !(pi.allocated || pi.buddy)) {
			pfn++;
			continue;
		}

		unsigned long size = 1UL << pi.order;

		/* A block of pageblock_order or more fills each pageblock it covers. */
		for (unsigned long q = pfn; pi.allocated && q < pfn + size; q += pb)
			alloc[(q - start) / pb] += size < pb ? size : pb;
		pfn += size;
	}
	return alloc;
}

int output_zonemap(const struct output *o, const struct rf_node *node, const char *mode)
{
	const struct rf_geometry *geo = rf_node_geometry(node);
	unsigned long pb = rf_pageblock_nr_pages(node);
	unsigned long per_region = (1UL << geo->region_shift) / pb;
	unsigned long nr = geo->node_spanned_pages / pb;
	unsigned long *alloc = pageblock_allocated(node);
	char name[64];
	FILE *f;

	snprintf(name, sizeof(name), "zonemap-%s.csv", mode);
	f = alloc ? output_file(o, name) : NULL;
	if (!f) {
		free(alloc);
		return -1;
	}
	fputs("region,pageblock,migratetype,type,allocated_pages\n", f);
	for (unsigned long i = 0; i < nr; i++) {
		unsigned long pfn = geo->node_start_pfn + i * pb;
		int mt = rf_pageblock_migratetype(node, pfn);

		fprintf(f, "%lu,%lu,%d,%s,%lu\n", i / per_region, i % per_region, mt,
			rf_migratetype_name(mt), alloc[i]);
	}
	free(alloc);
	return fclose(f) ? -1 : 0;
}
