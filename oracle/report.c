// SPDX-License-Identifier: MIT
/*
 * Failure reports: the check id (the crash bucket), the op, what was expected
 * and found, and a small picture of the state around the pfn involved.  The
 * default handler prints it and aborts so that libFuzzer and AFL++ record a
 * crash; tests install their own handler.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle_internal.h"

static char pageblock_char(int mt)
{
	static const char c[MIGRATE_TYPES] = { 'U', 'R', 'M', 'S', 'I' };

	return mt >= 0 && mt < MIGRATE_TYPES ? c[mt] : '?';
}

/* The smallest block -- free or allocated -- holding @pfn: its head, or RF_NO_PFN. */
static unsigned long block_of(const struct rf_node *node, unsigned long pfn,
			      struct rf_page_info *head)
{
	unsigned int max = rf_node_geometry(node)->max_order;

	for (unsigned int o = 0; o < max; o++) {
		unsigned long h = pfn & ~((1UL << o) - 1);

		if (rf_page_info(node, h, head) == RF_OK && (head->buddy || head->allocated) &&
		    head->order >= o)
			return h;
	}
	return RF_NO_PFN;
}

static char page_char(const struct rf_node *node, unsigned long pfn)
{
	struct rf_page_info pi, head;

	if (rf_page_info(node, pfn, &pi))
		return ' ';
	if (!pi.present)
		return 'x';
	if (pi.reserved)
		return 'r';

	unsigned long h = block_of(node, pfn, &head);

	if (h == RF_NO_PFN)
		return '?';
	if (head.allocated)
		return h == pfn ? 'A' : 'a';
	return h == pfn ? (char)('0' + head.order) : '.';
}

void picture_write(char *buf, size_t len, const struct rf_node *node, unsigned long pfn)
{
	const struct rf_geometry *g = rf_node_geometry(node);
	unsigned long start = g->node_start_pfn, end = start + g->node_spanned_pages;
	unsigned long pb = rf_pageblock_nr_pages(node);
	size_t used = 0;

#define PUT(...) (used += (size_t)snprintf(buf + used, used < len ? len - used : 0, __VA_ARGS__))
	if (!len)
		return;
	buf[0] = '\0';
	if (pfn == RF_NO_PFN || pfn < start || pfn >= end)
		pfn = start;

	/* Up to 32 pageblocks around pfn's, with region borders and RA holdings. */
	unsigned long pb_first = (pfn & ~(pb - 1)) > 16 * pb ? (pfn & ~(pb - 1)) - 16 * pb : 0;

	if (pb_first < (start & ~(pb - 1)))
		pb_first = start & ~(pb - 1);
	PUT("  pageblocks from %#lx (U R M S=reserve I=isolate, | region border, * held by the RA):\n    ",
	    pb_first);
	for (unsigned long p = pb_first, i = 0; p < end && i < 32; p += pb, i++) {
		unsigned long q = p < start ? start : p;
		long region = rf_pfn_region(node, q);
		int zone = rf_pfn_zone(node, q);
		struct rf_region_info ri;

		if (region >= 0 && zone >= 0 && !rf_region_info(node, (unsigned int)zone,
								 (unsigned int)region, &ri) &&
		    ri.start_pfn >= p && ri.start_pfn < p + pb)
			PUT("|");
		PUT("%c", pageblock_char(rf_pageblock_migratetype(node, q)));
		if (region >= 0 && zone >= 0 && rf_ra_bitmap_bit(node, (unsigned int)zone,
								  (unsigned int)region))
			PUT("*");
	}
	PUT("\n");

	/* Up to 64 pages around pfn, one character each. */
	unsigned long first = pfn > 32 ? pfn - 32 : 0, last;

	if (first < start)
		first = start;
	last = first + 64 < end ? first + 64 : end;
	PUT("  pages %#lx..%#lx (digit: free block head of that order, . free, A/a allocated, x hole, r reserved):\n    ",
	    first, last - 1);
	for (unsigned long p = first; p < last; p++)
		PUT("%c", page_char(node, p));
	PUT("\n    %*s^ %#lx\n", (int)(pfn - first), "", pfn);
#undef PUT
}

void oracle_fail(struct exec *ex, const struct side *s, enum rf_check check, unsigned long pfn,
		 const char *fmt, ...)
{
	struct rf_failure *f = &ex->res->failure;
	va_list ap;

	if (ex->failed)
		return;
	ex->failed = true;
	ex->res->failed = true;
	memset(f, 0, sizeof(*f));
	f->check = check;
	f->op_index = ex->op_index;
	f->mode = s ? s->mode : RF_MODE_VANILLA;
	f->pfn = pfn;
	if (ex->op) {
		rf_op_format(f->op_text, sizeof(f->op_text), ex->op);
	} else {
		snprintf(f->op_text, sizeof(f->op_text), "%s", "(set-up or final walk)");
	}
	va_start(ap, fmt);
	vsnprintf(f->message, sizeof(f->message), fmt, ap);
	va_end(ap);
	if (s && s->node)
		picture_write(f->picture, sizeof(f->picture), s->node, pfn);
	if (ex->cfg->on_fail) {
		ex->cfg->on_fail(f, ex->cfg->fail_ctx);
		return;
	}
	rf_failure_print(stderr, f);
	fflush(stderr);
	abort();
}

void rf_failure_print(FILE *out, const struct rf_failure *f)
{
	fprintf(out, "==regionfuzz== FAILED %s (%s) at op %ld [%s]\n", rf_check_id(f->check),
		rf_check_layer(f->check), f->op_index == RF_NO_OP ? -1L : (long)f->op_index,
		f->mode == RF_MODE_V4 ? "v4" : "vanilla");
	fprintf(out, "  op:     %s\n", f->op_text);
	fprintf(out, "  check:  %s\n", rf_check_help(f->check));
	fprintf(out, "  found:  %s\n", f->message);
	if (f->picture[0])
		fprintf(out, "%s", f->picture);
}
