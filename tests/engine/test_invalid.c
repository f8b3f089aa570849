// SPDX-License-Identifier: MIT
/*
 * Invalid calls.  The contract of engine.h: every entry point validates its
 * arguments first; an invalid call returns a negative rf_status and leaves
 * the node exactly as it was; the engine never prints, aborts or exits.
 *
 * Every refusal below is checked with CHECK_REFUSED: the status, and that the
 * whole observable state -- pages, lists, counters, pageblocks, regions, the
 * region allocator and the statistics, read through the introspection API
 * (see the snapshots just below) -- did not move.  The refusals are made on a
 * busy node, not a freshly booted one, so that a call wrongly accepted has
 * something to change:
 *
 *   pfn 64      72      80      88      96                              192
 *       ......xx..r.....|................|zone 1: six 16-page regions ...|
 *       zone 0: [64, 96), hole [70, 72), reserved 74
 *
 * MAX_ORDER 4 (top blocks of 8), pageblocks of 4, regions of 16, two zones
 * (for the zone-crossing refusals), a hole and a reserved page (for the frees
 * of pages that were never allocatable).  The busy state: allocations of
 * every order and allocatable type in both zones, a block freed again, a
 * RESERVE pageblock in each zone, one isolated pageblock in zone 0, and a
 * pageblock that isolation refuses (not MOVABLE, holding an UNMOVABLE
 * allocation).  In v4 boot sent zone 1's regions 1-5 to the region allocator
 * and the allocations took two of them out again, so the RA still holds
 * regions; busy() checks that (rf_ra_lowest_region() >= 0) before any test
 * relies on it.
 *
 * Statuses asked for where engine.h leaves a choice open are accepted either
 * way and marked "either" below.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#define NODE_START	64UL
#define NODE_PAGES	128UL
#define NODE_END	(NODE_START + NODE_PAGES)	/* 192 */
#define Z1_START	96UL
#define HOLE_START	70UL
#define HOLE_END	72UL
#define RSV_PFN		74UL
#define MAXO		4u
#define PB		4UL				/* pageblock_nr_pages */

#define SENTINEL_PFN	0x5a5a5a5aUL

/* ================= whole-state snapshots of our own ================= */

/*
 * The state is read field by field through the introspection API into a
 * list of named facts; two lists are compared fact by fact.  This covers what
 * testlib's t_snap() covers (and each list walked backwards too).
 *
 * Why not t_snap() itself: in the clang ASan+UBSan build (RF_SANITIZE, with
 * -fno-sanitize-recover) t_snap() aborts the process on its first call --
 * tests/lib/snapshot.c put() computes s->text + s->len while s->text is still
 * NULL ("applying zero offset to null pointer").  CHECK_REFUSED is therefore
 * redefined below on these snapshots, with the same meaning: the status, and
 * nothing observable changed.
 */

struct fact {
	char name[72];
	long long v;
};

struct facts {
	struct fact *f;
	size_t n, cap;
};

static void fact(struct facts *s, long long v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fact(struct facts *s, long long v, const char *fmt, ...)
{
	va_list ap;

	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->f = realloc(s->f, s->cap * sizeof(*s->f));
		if (!s->f) {
			fprintf(stderr, "out of memory\n");
			exit(2);
		}
	}
	va_start(ap, fmt);
	vsnprintf(s->f[s->n].name, sizeof(s->f[s->n].name), fmt, ap);
	va_end(ap);
	s->f[s->n++].v = v;
}

/* Every field the introspection API gives, one fact per field. */
static struct facts collect(const struct rf_node *n)
{
	const struct rf_geometry *g = rf_node_geometry(n);
	bool v4 = rf_node_config(n)->mode == RF_MODE_V4;
	unsigned long end = g->node_start_pfn + g->node_spanned_pages;
	unsigned long guard = g->node_spanned_pages + 2;
	struct facts s = { 0 };

	fact(&s, rf_page_group_by_mobility_disabled(n), "mobility_disabled");
	fact(&s, (long long)rf_pageblock_nr_pages(n), "pageblock_nr_pages");
	for (unsigned int z = 0; z < g->nr_zones; z++) {
		struct rf_zone_info zi;

		fact(&s, rf_zone_info(n, z, &zi), "z%u.rf_zone_info", z);
		fact(&s, (long long)zi.zone_start_pfn, "z%u.zone_start_pfn", z);
		fact(&s, (long long)zi.zone_end_pfn, "z%u.zone_end_pfn", z);
		fact(&s, (long long)zi.present_pages, "z%u.present_pages", z);
		fact(&s, (long long)zi.managed_pages, "z%u.managed_pages", z);
		fact(&s, zi.nr_free_pages, "z%u.nr_free_pages", z);
		fact(&s, zi.nr_regions, "z%u.nr_regions", z);
		fact(&s, (long long)zi.stats.nr_alloc, "z%u.stats.nr_alloc", z);
		fact(&s, (long long)zi.stats.nr_alloc_fail, "z%u.stats.nr_alloc_fail", z);
		fact(&s, (long long)zi.stats.nr_free, "z%u.stats.nr_free", z);
		fact(&s, (long long)zi.stats.nr_fallback, "z%u.stats.nr_fallback", z);
		fact(&s, (long long)zi.stats.nr_steal_block, "z%u.stats.nr_steal_block", z);
		fact(&s, (long long)zi.stats.nr_retype, "z%u.stats.nr_retype", z);
		fact(&s, (long long)zi.stats.nr_reserve_alloc, "z%u.stats.nr_reserve_alloc", z);
		fact(&s, (long long)zi.stats.nr_ra_handout, "z%u.stats.nr_ra_handout", z);
		fact(&s, (long long)zi.stats.nr_ra_pull, "z%u.stats.nr_ra_pull", z);
		fact(&s, (long long)zi.stats.nr_ra_request, "z%u.stats.nr_ra_request", z);
		fact(&s, (long long)zi.stats.nr_ra_return, "z%u.stats.nr_ra_return", z);
		fact(&s, rf_ra_lowest_region(n, z), "z%u.ra_lowest_region", z);
		for (unsigned int o = 0; o < g->max_order; o++) {
			fact(&s, (long long)rf_nr_free(n, z, o), "z%u.o%u.nr_free", z, o);
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				const char *mn = rf_migratetype_name(mt);
				unsigned long k = 0, p;

				for (p = rf_list_first(n, z, o, mt); p != RF_NO_PFN && k < guard;
				     p = rf_list_next(n, z, o, mt, p), k++)
					fact(&s, (long long)p, "z%u.o%u.%s.next[%lu]", z, o, mn, k);
				fact(&s, (long long)k, "z%u.o%u.%s.length", z, o, mn);
				k = 0;
				for (p = rf_list_last(n, z, o, mt); p != RF_NO_PFN && k < guard;
				     p = rf_list_prev(n, z, o, mt, p), k++)
					fact(&s, (long long)p, "z%u.o%u.%s.prev[%lu]", z, o, mn, k);
				fact(&s, rf_list_next_region(n, z, o, mt), "z%u.o%u.%s.next_region",
				     z, o, mn);
			}
		}
		for (unsigned int r = 0; r < zi.nr_regions; r++) {
			struct rf_region_info ri;

			fact(&s, rf_region_info(n, z, r, &ri), "z%u.r%u.rf_region_info", z, r);
			fact(&s, (long long)ri.start_pfn, "z%u.r%u.start_pfn", z, r);
			fact(&s, (long long)ri.end_pfn, "z%u.r%u.end_pfn", z, r);
			fact(&s, (long long)ri.present_pages, "z%u.r%u.present_pages", z, r);
			fact(&s, (long long)ri.nr_free, "z%u.r%u.nr_free", z, r);
			for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
				fact(&s, (long long)ri.nr_alloc[mt], "z%u.r%u.nr_alloc[%s]", z, r,
				     rf_migratetype_name(mt));
			fact(&s, ri.in_ra, "z%u.r%u.in_ra", z, r);
			fact(&s, (long long)ri.ra_blocks, "z%u.r%u.ra_blocks", z, r);
			fact(&s, rf_ra_bitmap_bit(n, z, r), "z%u.r%u.ra_bitmap_bit", z, r);
			unsigned long k = 0;

			for (unsigned long p = rf_ra_first(n, z, r); p != RF_NO_PFN && k < guard;
			     p = rf_ra_next(n, z, r, p), k++)
				fact(&s, (long long)p, "z%u.r%u.ra[%lu]", z, r, k);
			if (!v4)
				continue;
			for (unsigned int o = 0; o < g->max_order; o++) {
				for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
					struct rf_run_info run;
					const char *mn = rf_migratetype_name(mt);

					fact(&s, rf_run_info(n, z, o, mt, r, &run),
					     "z%u.r%u.o%u.%s.rf_run_info", z, r, o, mn);
					fact(&s, (long long)run.tail_pfn, "z%u.r%u.o%u.%s.run.tail",
					     z, r, o, mn);
					fact(&s, (long long)run.nr_blocks,
					     "z%u.r%u.o%u.%s.run.nr_blocks", z, r, o, mn);
					fact(&s, run.bitmap_bit, "z%u.r%u.o%u.%s.run.bitmap_bit", z,
					     r, o, mn);
					fact(&s, run.summary_bit, "z%u.r%u.o%u.%s.run.summary_bit",
					     z, r, o, mn);
				}
			}
		}
	}
	for (unsigned long pfn = g->node_start_pfn; pfn < end; pfn++) {
		struct rf_page_info pi;

		if (pfn == g->node_start_pfn || !(pfn & (rf_pageblock_nr_pages(n) - 1))) {
			fact(&s, rf_pageblock_migratetype(n, pfn), "pageblock %#lx type", pfn);
			fact(&s, rf_pageblock_unmovable(n, pfn), "pageblock %#lx unmovable", pfn);
		}
		fact(&s, rf_page_info(n, pfn, &pi), "page %#lx rf_page_info", pfn);
		fact(&s, pi.present, "page %#lx present", pfn);
		fact(&s, pi.reserved, "page %#lx reserved", pfn);
		fact(&s, pi.buddy, "page %#lx buddy", pfn);
		fact(&s, pi.allocated, "page %#lx allocated", pfn);
		fact(&s, pi.linked, "page %#lx linked", pfn);
		fact(&s, pi.order, "page %#lx order", pfn);
		fact(&s, pi.freepage_mt, "page %#lx freepage_mt", pfn);
		fact(&s, pi.alloc_mt, "page %#lx alloc_mt", pfn);
		fact(&s, pi.zone, "page %#lx zone", pfn);
		fact(&s, rf_pfn_zone(n, pfn), "page %#lx rf_pfn_zone", pfn);
		fact(&s, rf_pfn_region(n, pfn), "page %#lx rf_pfn_region", pfn);
	}
	return s;
}

/* @after equals @before field by field, except that the fact named @bumped
 * (if not NULL) grew by exactly one. */
static void check_only_bumped(const char *file, int line, const struct facts *before,
			      const struct facts *after, const char *bumped)
{
	bool seen = false;
	unsigned int reported = 0;

	if (before->n != after->n)
		t_fail(file, line, "the state has %zu facts before and %zu after", before->n,
		       after->n);
	for (size_t i = 0; i < before->n && i < after->n; i++) {
		const struct fact *a = &before->f[i], *b = &after->f[i];

		if (strcmp(a->name, b->name)) {
			t_fail(file, line, "state changed at fact %zu: before %s = %lld, after %s = %lld",
			       i, a->name, a->v, b->name, b->v);
			return;
		}
		long long want = a->v;

		if (bumped && !strcmp(a->name, bumped)) {
			want++;
			seen = true;
		}
		if (b->v != want && reported++ < 8)
			t_fail(file, line, "%s: %lld before, %lld after, expected %lld", a->name,
			       a->v, b->v, want);
	}
	if (bumped && !seen)
		t_fail(file, line, "no fact named %s", bumped);
}

static void facts_free(struct facts *s)
{
	free(s->f);
	s->f = NULL;
}

#undef CHECK_REFUSED
/* @call must return @want and change nothing at all (see above). */
#define CHECK_REFUSED(n, call, want) CHECK_REFUSED_EITHER(n, call, want, want)

/* @call must return @w1 or @w2 (where engine.h allows either) and change nothing. */
#define CHECK_REFUSED_EITHER(n, call, w1, w2)                                  \
	do {                                                                   \
		struct facts before_ = collect(n);                             \
		int s_ = (call);                                               \
		if (s_ != (w1) && s_ != (w2))                                  \
			t_fail(__FILE__, __LINE__, "%s returned %d (%s), expected %s%s%s", \
			       #call, s_, rf_strerror(s_), #w1, (w1) == (w2) ? "" : " or ", \
			       (w1) == (w2) ? "" : #w2);                       \
		struct facts after_ = collect(n);                              \
		check_only_bumped(__FILE__, __LINE__, &before_, &after_, NULL); \
		facts_free(&before_);                                          \
		facts_free(&after_);                                           \
	} while (0)

static struct rf_geometry busy_geometry(void)
{
	struct rf_geometry g = t_geo(MAXO, 2, 4, NODE_START, NODE_PAGES);

	g.nr_zones = 2;
	g.zone_start_pfn[1] = Z1_START;
	g.nr_holes = 1;
	g.holes[0] = (struct rf_pfn_range){ HOLE_START, HOLE_END };
	g.nr_reserved = 1;
	g.reserved[0] = (struct rf_pfn_range){ RSV_PFN, RSV_PFN + 1 };
	return g;
}

struct busy {
	struct rf_node *n;
	unsigned long m0;	/* zone 1, order 0, MOVABLE */
	unsigned long u1;	/* zone 1, order 1, UNMOVABLE */
	unsigned long r2;	/* zone 1, order 2, RECLAIMABLE */
	unsigned long m3;	/* zone 1, order 3, MOVABLE */
	unsigned long freed;	/* zone 1, order 2, allocated and freed again */
	unsigned long zm2;	/* zone 0, order 2, MOVABLE */
	unsigned long iso;	/* first pfn of the isolated pageblock (zone 0) */
	unsigned long busy_pb;	/* a pageblock set_migratetype_isolate refuses */
	long ra_region;		/* v4: a zone-1 region the RA holds; else -1 */
};

static bool pageblock_is_busy(const struct rf_node *n, unsigned long pfn)
{
	int mt = rf_pageblock_migratetype(n, pfn);

	return mt >= 0 && mt != MIGRATE_MOVABLE && rf_pageblock_unmovable(n, pfn) > 0;
}

static bool pageblock_has_free_page(const struct rf_node *n, unsigned long pb)
{
	struct rf_page_info pi;

	for (unsigned long pfn = pb; pfn < pb + PB; pfn++)
		if (!rf_page_info(n, pfn, &pi) && pi.buddy)
			return true;
	return false;
}

/* Build the busy node; false (and a failure) if it could not be built. */
static bool busy(struct busy *b)
{
	struct rf_geometry g = busy_geometry();

	memset(b, 0, sizeof(*b));
	b->iso = b->busy_pb = RF_NO_PFN;
	b->ra_region = -1;
	b->n = t_node(&g);
	if (!b->n)
		return false;

	struct rf_node *n = b->n;

	b->m0 = t_alloc(n, 1, 0, MIGRATE_MOVABLE);
	b->u1 = t_alloc(n, 1, 1, MIGRATE_UNMOVABLE);
	b->r2 = t_alloc(n, 1, 2, MIGRATE_RECLAIMABLE);
	b->m3 = t_alloc(n, 1, 3, MIGRATE_MOVABLE);
	t_alloc(n, 1, 0, MIGRATE_UNMOVABLE);
	t_alloc(n, 1, 0, MIGRATE_RECLAIMABLE);
	b->freed = t_alloc(n, 1, 2, MIGRATE_MOVABLE);
	t_alloc(n, 1, 1, MIGRATE_MOVABLE);
	t_free(n, b->freed, 2);

	t_alloc(n, 0, 0, MIGRATE_UNMOVABLE);
	unsigned long zm1 = t_alloc(n, 0, 1, MIGRATE_MOVABLE);
	b->zm2 = t_alloc(n, 0, 2, MIGRATE_MOVABLE);
	t_free(n, zm1, 1);

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 1), RF_OK);
	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 1, 1), RF_OK);

	/* Isolate the highest MOVABLE pageblock of zone 0 that has free pages. */
	for (unsigned long pb = Z1_START - PB; pb >= NODE_START; pb -= PB) {
		if (rf_pageblock_migratetype(n, pb) == MIGRATE_MOVABLE &&
		    pageblock_has_free_page(n, pb)) {
			b->iso = pb;
			break;
		}
	}
	CHECK(b->iso != RF_NO_PFN);
	if (b->iso != RF_NO_PFN) {
		CHECK_STATUS(rf_set_migratetype_isolate(n, b->iso), RF_OK);
		CHECK_EQ(rf_pageblock_migratetype(n, b->iso), MIGRATE_ISOLATE);
	}

	for (unsigned long pb = NODE_START; pb < NODE_END; pb += PB) {
		if (pageblock_is_busy(n, pb)) {
			b->busy_pb = pb;
			break;
		}
	}
	CHECK(b->busy_pb != RF_NO_PFN);

	if (t_mode == RF_MODE_V4) {
		b->ra_region = rf_ra_lowest_region(n, 1);
		CHECK(b->ra_region >= 0);
	}
	return true;
}

static void busy_done(struct busy *b)
{
	rf_node_destroy(b->n);
	b->n = NULL;
}

/* The first pfn in [start, end) heading a free block (RF_NO_PFN if none). */
static unsigned long find_free_head(const struct rf_node *n, unsigned long start,
				    unsigned long end, unsigned int *order)
{
	struct rf_page_info pi;

	for (unsigned long pfn = start; pfn < end; pfn++) {
		if (!rf_page_info(n, pfn, &pi) && pi.buddy) {
			*order = pi.order;
			return pfn;
		}
	}
	return RF_NO_PFN;
}

/* ================= strings ================= */

static void strings_for_every_value(void)
{
	const int statuses[] = { RF_OK, RF_ENOMEM, RF_EBUSY, RF_ENOENT, RF_EINVAL, RF_ERANGE,
				 RF_EXDEV, RF_ENOTALLOC, RF_EMODE, RF_EGEOMETRY, RF_ENOSPC };
	const int bad_status[] = { 1, 2, RF_ENOSPC - 1, -100, INT_MIN, INT_MAX };
	const size_t ns = sizeof(statuses) / sizeof(statuses[0]);
	const char *msg[sizeof(statuses) / sizeof(statuses[0]) + 1];

	for (size_t i = 0; i < ns; i++) {
		msg[i] = rf_strerror(statuses[i]);
		CHECK(msg[i] != NULL && msg[i][0] != '\0');
	}
	for (size_t i = 0; i < sizeof(bad_status) / sizeof(bad_status[0]); i++) {
		const char *s = rf_strerror(bad_status[i]);

		if (!s || !s[0])
			t_fail(__FILE__, __LINE__, "rf_strerror(%d) is empty", bad_status[i]);
	}
	/* Each known status has its own message, not the one for unknown values. */
	msg[ns] = rf_strerror(INT_MIN);
	for (size_t i = 0; i <= ns; i++)
		for (size_t j = i + 1; j <= ns; j++)
			if (msg[i] && msg[j] && !strcmp(msg[i], msg[j]))
				t_fail(__FILE__, __LINE__, "rf_strerror() gives \"%s\" for two values",
				       msg[i]);

	const char *name[MIGRATE_TYPES + 1];
	const int bad_mt[] = { -1, MIGRATE_TYPES, MIGRATE_TYPES + 1, 255, INT_MIN, INT_MAX };

	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		name[mt] = rf_migratetype_name(mt);
		CHECK(name[mt] != NULL && name[mt][0] != '\0');
	}
	for (size_t i = 0; i < sizeof(bad_mt) / sizeof(bad_mt[0]); i++) {
		const char *s = rf_migratetype_name(bad_mt[i]);

		if (!s || !s[0])
			t_fail(__FILE__, __LINE__, "rf_migratetype_name(%d) is empty", bad_mt[i]);
	}
	name[MIGRATE_TYPES] = rf_migratetype_name(-1);
	for (int i = 0; i <= MIGRATE_TYPES; i++)
		for (int j = i + 1; j <= MIGRATE_TYPES; j++)
			if (name[i] && name[j] && !strcmp(name[i], name[j]))
				t_fail(__FILE__, __LINE__,
				       "rf_migratetype_name() gives \"%s\" for two values", name[i]);
}

/* ================= geometry and set-up ================= */

static bool contains_nocase(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);

	for (; *hay; hay++) {
		size_t i = 0;

		while (i < nl && hay[i] &&
		       (hay[i] | 0x20) == (needle[i] | 0x20))	/* ASCII letters, '_' unharmed */
			i++;
		if (i == nl)
			return true;
	}
	return false;
}

/* A why buffer exactly @len bytes long (so ASan sees any write past it) plus
 * a canary copy to tell what was written. */
static char *why_buffer(size_t len)
{
	char *w = malloc(len ? len : 1);

	if (!w) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	memset(w, '#', len ? len : 1);
	return w;
}

static void destroy_if_created(int status, struct rf_node *out, struct rf_node *sentinel)
{
	if (status == RF_OK && out && out != sentinel)
		rf_node_destroy(out);
}

/*
 * rf_geometry_check() and rf_node_create() on @g/@cfg must return @want
 * (@want2 too, when not RF_OK: "either"), leave *out alone, and handle every
 * kind of why buffer: a full one (filled with a sentence naming @keyword for
 * a geometry error), none, a zero-length one (untouched), one byte (just the
 * terminator) and a short one (terminated inside it).
 */
static void check_create_refused(const char *file, int line, const struct rf_geometry *g,
				 const struct rf_config *cfg, bool null_out, int want, int want2,
				 const char *keyword)
{
	static char sentinel_storage;
	struct rf_node *const sentinel = (struct rf_node *)(void *)&sentinel_storage;
	const size_t lens[] = { 256, 0, 1, 7 };
	bool geometry_error = want == RF_EGEOMETRY;

#define BAD_STATUS(s) ((s) != want && (s) != want2)

	if (g && geometry_error) {
		char why[256] = "";
		int s = rf_geometry_check(g, why, sizeof(why));

		if (BAD_STATUS(s))
			t_fail(file, line, "rf_geometry_check returned %d (%s), expected %s", s,
			       rf_strerror(s), rf_strerror(want));
		if (!memchr(why, '\0', sizeof(why)) || !why[0])
			t_fail(file, line, "rf_geometry_check left no sentence in why");
		else if (keyword && !contains_nocase(why, keyword))
			t_fail(file, line, "rf_geometry_check's why \"%s\" does not name \"%s\"",
			       why, keyword);
		s = rf_geometry_check(g, NULL, 256);
		if (BAD_STATUS(s))
			t_fail(file, line, "rf_geometry_check (why NULL) returned %d", s);
		for (size_t i = 1; i < sizeof(lens) / sizeof(lens[0]); i++) {
			char *w = why_buffer(lens[i]);

			s = rf_geometry_check(g, w, lens[i]);
			if (BAD_STATUS(s))
				t_fail(file, line, "rf_geometry_check (whylen %zu) returned %d",
				       lens[i], s);
			if (lens[i] == 0 && w[0] != '#')
				t_fail(file, line, "rf_geometry_check wrote into a zero-length why");
			if (lens[i] && !memchr(w, '\0', lens[i]))
				t_fail(file, line, "rf_geometry_check left why (len %zu) unterminated",
				       lens[i]);
			free(w);
		}
	}

	/* The full buffer. */
	{
		char why[256];
		struct rf_node *out = sentinel;

		memset(why, '#', sizeof(why));
		int s = rf_node_create(g, cfg, null_out ? NULL : &out, why, sizeof(why));

		if (BAD_STATUS(s))
			t_fail(file, line, "rf_node_create returned %d (%s), expected %s", s,
			       rf_strerror(s), rf_strerror(want));
		destroy_if_created(s, out, sentinel);
		if (!null_out && out != sentinel)
			t_fail(file, line, "a refused rf_node_create wrote *out");
		if (s == RF_EGEOMETRY) {
			if (!memchr(why, '\0', sizeof(why)) || !why[0])
				t_fail(file, line, "rf_node_create left no sentence in why");
			else if (keyword && !contains_nocase(why, keyword))
				t_fail(file, line, "rf_node_create's why \"%s\" does not name \"%s\"",
				       why, keyword);
		} else if (why[0] != '#' && !memchr(why, '\0', sizeof(why))) {
			t_fail(file, line, "rf_node_create left why unterminated");
		}
	}
	/* No buffer, then short ones. */
	{
		struct rf_node *out = sentinel;
		int s = rf_node_create(g, cfg, null_out ? NULL : &out, NULL, 256);

		if (BAD_STATUS(s))
			t_fail(file, line, "rf_node_create (why NULL) returned %d", s);
		destroy_if_created(s, out, sentinel);
		if (!null_out && out != sentinel)
			t_fail(file, line, "a refused rf_node_create (why NULL) wrote *out");
	}
	for (size_t i = 1; i < sizeof(lens) / sizeof(lens[0]); i++) {
		struct rf_node *out = sentinel;
		char *w = why_buffer(lens[i]);
		int s = rf_node_create(g, cfg, null_out ? NULL : &out, w, lens[i]);

		if (BAD_STATUS(s))
			t_fail(file, line, "rf_node_create (whylen %zu) returned %d", lens[i], s);
		destroy_if_created(s, out, sentinel);
		if (!null_out && out != sentinel)
			t_fail(file, line, "a refused rf_node_create (whylen %zu) wrote *out",
			       lens[i]);
		if (lens[i] == 0 && w[0] != '#')
			t_fail(file, line, "rf_node_create wrote into a zero-length why");
		if (lens[i] && w[0] != '#' && !memchr(w, '\0', lens[i]))
			t_fail(file, line, "rf_node_create left why (len %zu) unterminated",
			       lens[i]);
		if (s == RF_EGEOMETRY && lens[i] == 1 && w[0] != '\0')
			t_fail(file, line, "rf_node_create: a one-byte why is not terminated");
		if (s == RF_EGEOMETRY && lens[i] > 1 && (!memchr(w, '\0', lens[i]) || !w[0]))
			t_fail(file, line, "rf_node_create: why (len %zu) holds no sentence",
			       lens[i]);
		free(w);
	}
#undef BAD_STATUS
}

#define CHECK_GEOMETRY_REFUSED(g, keyword)                                     \
	do {                                                                   \
		struct rf_config cfg_ = { .mode = t_mode, .options = 0 };      \
		check_create_refused(__FILE__, __LINE__, &(g), &cfg_, false,   \
				     RF_EGEOMETRY, RF_EGEOMETRY, keyword);     \
	} while (0)

#define CHECK_GEOMETRY_ACCEPTED(g)                                             \
	do {                                                                   \
		char why_[256] = "";                                           \
		int s_ = rf_geometry_check(&(g), why_, sizeof(why_));          \
		if (s_ != RF_OK)                                               \
			t_fail(__FILE__, __LINE__, "rf_geometry_check refused a geometry " \
			       "inside MODEL.md 1: %s", why_);                 \
	} while (0)

/* The geometry all the refused variants start from: valid, two zones, a hole
 * and a reserved range, so that each variant differs in one parameter. */
static struct rf_geometry base(void)
{
	return busy_geometry();
}

static void geometry_out_of_range(void)
{
	struct rf_geometry g = base();

	CHECK_GEOMETRY_ACCEPTED(g);

	/* MAX_ORDER: 2 .. 11. */
	g = base(); g.max_order = 1;		CHECK_GEOMETRY_REFUSED(g, "MAX_ORDER");
	g = base(); g.max_order = 0;		CHECK_GEOMETRY_REFUSED(g, "MAX_ORDER");
	g = base(); g.max_order = 12;		CHECK_GEOMETRY_REFUSED(g, "MAX_ORDER");
	g = base(); g.max_order = UINT_MAX;	CHECK_GEOMETRY_REFUSED(g, "MAX_ORDER");

	/* pageblock_order: 1 .. MAX_ORDER-1. */
	g = base(); g.pageblock_order = 0;	CHECK_GEOMETRY_REFUSED(g, "pageblock");
	g = base(); g.pageblock_order = MAXO;	CHECK_GEOMETRY_REFUSED(g, "pageblock");
	g = base(); g.pageblock_order = UINT_MAX; CHECK_GEOMETRY_REFUSED(g, "pageblock");

	/* Region size 2^(MAX_ORDER-1) .. 2^RF_MAX_REGION_SHIFT. */
	g = base(); g.region_shift = MAXO - 2;	CHECK_GEOMETRY_REFUSED(g, "region");
	g = base(); g.region_shift = 0;		CHECK_GEOMETRY_REFUSED(g, "region");
	g = base(); g.region_shift = RF_MAX_REGION_SHIFT + 1; CHECK_GEOMETRY_REFUSED(g, "region");
	g = base(); g.region_shift = 64;	CHECK_GEOMETRY_REFUSED(g, "region");
	g = base(); g.region_shift = UINT_MAX;	CHECK_GEOMETRY_REFUSED(g, "region");
	g = base(); g.max_order = 11; g.pageblock_order = 9; g.region_shift = 9;
	CHECK_GEOMETRY_REFUSED(g, "region");

	/* Pages: 1 .. RF_MAX_NODE_PAGES. */
	g = t_geo(MAXO, 2, 4, 0, 0);		CHECK_GEOMETRY_REFUSED(g, "pages");
	g = t_geo(MAXO, 2, 20, 0, RF_MAX_NODE_PAGES + 1); CHECK_GEOMETRY_REFUSED(g, "pages");
	g = t_geo(MAXO, 2, 40, 0, ULONG_MAX);	CHECK_GEOMETRY_REFUSED(g, "pages");

	/* Node start: at most RF_MAX_NODE_START_PFN. */
	g = t_geo(MAXO, 2, 4, RF_MAX_NODE_START_PFN + 1, 128);
	CHECK_GEOMETRY_REFUSED(g, "node_start_pfn");
	g = t_geo(MAXO, 2, 4, ULONG_MAX - 64, 128);
	CHECK_GEOMETRY_REFUSED(g, "node_start_pfn");

	/* Regions: at most RF_MAX_NODE_REGIONS per node. */
	g = t_geo(2, 1, 1, 0, 2UL * RF_MAX_NODE_REGIONS + 1);
	CHECK_GEOMETRY_REFUSED(g, "region");
	g = t_geo(2, 1, 1, 0, RF_MAX_NODE_PAGES);
	CHECK_GEOMETRY_REFUSED(g, "region");

	/* Zones: 1 .. 3, zone 0 at the node start, strictly increasing, inside. */
	g = base(); g.nr_zones = 0;		CHECK_GEOMETRY_REFUSED(g, "zone");
	g = base(); g.nr_zones = RF_MAX_ZONES + 1; CHECK_GEOMETRY_REFUSED(g, "zone");
	g = base(); g.nr_zones = UINT_MAX;	CHECK_GEOMETRY_REFUSED(g, "zone");
	g = base(); g.zone_start_pfn[0] = NODE_START + 1; CHECK_GEOMETRY_REFUSED(g, "zone");
	g = base(); g.zone_start_pfn[0] = NODE_START - 1; CHECK_GEOMETRY_REFUSED(g, "zone");
	g = base(); g.zone_start_pfn[0] = 0;	CHECK_GEOMETRY_REFUSED(g, "zone");
	/* out of order */
	g = base(); g.nr_zones = 3; g.zone_start_pfn[1] = 160; g.zone_start_pfn[2] = 128;
	CHECK_GEOMETRY_REFUSED(g, "zone");
	g = base(); g.zone_start_pfn[1] = NODE_START - 8; CHECK_GEOMETRY_REFUSED(g, "zone");
	/* empty */
	g = base(); g.zone_start_pfn[1] = NODE_START;	CHECK_GEOMETRY_REFUSED(g, "zone");
	g = base(); g.nr_zones = 3; g.zone_start_pfn[2] = Z1_START; CHECK_GEOMETRY_REFUSED(g, "zone");
	g = base(); g.zone_start_pfn[1] = NODE_END;	CHECK_GEOMETRY_REFUSED(g, "zone");
	/* outside the node */
	g = base(); g.zone_start_pfn[1] = NODE_END + 100; CHECK_GEOMETRY_REFUSED(g, "zone");
	g = base(); g.nr_zones = 3; g.zone_start_pfn[2] = ULONG_MAX; CHECK_GEOMETRY_REFUSED(g, "zone");

	/* Holes and reserved ranges: at most RF_MAX_RANGES, non-empty, inside. */
	static const struct {
		const char *what;
		bool holes;
	} kinds[] = { { "hole", true }, { "reserved", false } };

	for (size_t k = 0; k < 2; k++) {
		const char *kw = kinds[k].what;
#define RANGES(gg) (kinds[k].holes ? (gg).holes : (gg).reserved)
#define NR(gg) (*(kinds[k].holes ? &(gg).nr_holes : &(gg).nr_reserved))
		g = base(); NR(g) = RF_MAX_RANGES + 1;
		CHECK_GEOMETRY_REFUSED(g, kw);
		g = base(); NR(g) = UINT_MAX;
		CHECK_GEOMETRY_REFUSED(g, kw);
		g = base(); RANGES(g)[0] = (struct rf_pfn_range){ 80, 80 };
		CHECK_GEOMETRY_REFUSED(g, kw);
		g = base(); RANGES(g)[0] = (struct rf_pfn_range){ 84, 80 };
		CHECK_GEOMETRY_REFUSED(g, kw);
		g = base(); RANGES(g)[0] = (struct rf_pfn_range){ NODE_START - 2, NODE_START + 2 };
		CHECK_GEOMETRY_REFUSED(g, kw);
		g = base(); RANGES(g)[0] = (struct rf_pfn_range){ NODE_END - 2, NODE_END + 1 };
		CHECK_GEOMETRY_REFUSED(g, kw);
		g = base(); RANGES(g)[0] = (struct rf_pfn_range){ NODE_END + 8, NODE_END + 16 };
		CHECK_GEOMETRY_REFUSED(g, kw);
		g = base(); RANGES(g)[0] = (struct rf_pfn_range){ 0, ULONG_MAX };
		CHECK_GEOMETRY_REFUSED(g, kw);
		/* the bad one last of several */
		g = base(); NR(g) = 3;
		RANGES(g)[0] = (struct rf_pfn_range){ 100, 101 };
		RANGES(g)[1] = (struct rf_pfn_range){ 110, 112 };
		RANGES(g)[2] = (struct rf_pfn_range){ 130, 129 };
		CHECK_GEOMETRY_REFUSED(g, kw);
#undef RANGES
#undef NR
	}

	/* NULL geometry: either status. */
	{
		struct rf_config cfg = { .mode = t_mode, .options = 0 };

		check_create_refused(__FILE__, __LINE__, NULL, &cfg, false, RF_EGEOMETRY,
				     RF_EINVAL, NULL);
		CHECK(rf_geometry_check(NULL, NULL, 0) != RF_OK);
	}
}

/* The edges of MODEL.md 1 must be accepted: the refusals above are not too wide. */
static void geometry_edges_accepted(void)
{
	struct rf_geometry g;

	g = t_geo(2, 1, 1, 0, 64);		CHECK_GEOMETRY_ACCEPTED(g);
	g = t_geo(11, 10, 10, 0, 4096);		CHECK_GEOMETRY_ACCEPTED(g);
	g = t_geo(11, 1, 40, 0, 4096);		CHECK_GEOMETRY_ACCEPTED(g);
	g = t_geo(MAXO, 2, 4, 0, 1);		CHECK_GEOMETRY_ACCEPTED(g);
	g = t_geo(11, 9, 10, 0, RF_MAX_NODE_PAGES); CHECK_GEOMETRY_ACCEPTED(g);
	g = t_geo(MAXO, 2, 4, RF_MAX_NODE_START_PFN, 128); CHECK_GEOMETRY_ACCEPTED(g);
	g = t_geo(2, 1, 1, 0, 2UL * RF_MAX_NODE_REGIONS); CHECK_GEOMETRY_ACCEPTED(g);
	g = t_geo(MAXO, 2, 4, 3, 100);
	g.nr_zones = 3; g.zone_start_pfn[1] = 5; g.zone_start_pfn[2] = 102;
	g.nr_holes = RF_MAX_RANGES; g.nr_reserved = RF_MAX_RANGES;
	for (unsigned int i = 0; i < RF_MAX_RANGES; i++) {
		g.holes[i] = (struct rf_pfn_range){ 3 + 10 * i, 4 + 10 * i };
		g.reserved[i] = (struct rf_pfn_range){ 7 + 10 * i, 9 + 10 * i };
	}
	CHECK_GEOMETRY_ACCEPTED(g);
	/* rf_geometry_default() fills in a valid geometry across the page range. */
	for (unsigned int shift = 0; shift <= 26; shift++) {
		char why[256] = "";

		rf_geometry_default(&g, shift);
		if (rf_geometry_check(&g, why, sizeof(why)) != RF_OK)
			t_fail(__FILE__, __LINE__, "rf_geometry_default(%u) is refused: %s", shift,
			       why);
	}
	rf_node_destroy(NULL);	/* a no-op, not a crash */
}

static void bad_configuration(void)
{
	struct rf_geometry g = base();
	struct rf_config cfg;

	cfg = (struct rf_config){ .mode = (enum rf_mode)2, .options = 0 };
	check_create_refused(__FILE__, __LINE__, &g, &cfg, false, RF_EINVAL, RF_EINVAL, NULL);
	cfg = (struct rf_config){ .mode = (enum rf_mode)-1, .options = 0 };
	check_create_refused(__FILE__, __LINE__, &g, &cfg, false, RF_EINVAL, RF_EINVAL, NULL);
	cfg = (struct rf_config){ .mode = (enum rf_mode)INT_MAX, .options = 0 };
	check_create_refused(__FILE__, __LINE__, &g, &cfg, false, RF_EINVAL, RF_EINVAL, NULL);

	const unsigned long bad_opts[] = { ~RF_OPT_ALL & 1UL, 1UL << 31, 1UL << 63, ~0UL,
					   ~RF_OPT_ALL };

	for (size_t i = 0; i < sizeof(bad_opts) / sizeof(bad_opts[0]); i++) {
		if (!(bad_opts[i] & ~RF_OPT_ALL))
			continue;	/* a known option: not a refusal */
		cfg = (struct rf_config){ .mode = t_mode, .options = bad_opts[i] };
		check_create_refused(__FILE__, __LINE__, &g, &cfg, false, RF_EINVAL, RF_EINVAL,
				     NULL);
	}

	cfg = (struct rf_config){ .mode = t_mode, .options = 0 };
	check_create_refused(__FILE__, __LINE__, &g, &cfg, true, RF_EINVAL, RF_EINVAL, NULL);
	check_create_refused(__FILE__, __LINE__, &g, NULL, false, RF_EINVAL, RF_EINVAL, NULL);
	/* A geometry error wins over a NULL out: either status. */
	g.max_order = 12;
	check_create_refused(__FILE__, __LINE__, &g, &cfg, true, RF_EGEOMETRY, RF_EINVAL, NULL);

	/* And the good configuration is accepted. */
	g = base();
	struct rf_node *n = NULL;

	CHECK_STATUS(rf_node_create(&g, &cfg, &n, NULL, 0), RF_OK);
	CHECK(n != NULL);
	rf_node_destroy(n);
}

/* ================= allocation ================= */

static void alloc_bad_arguments(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;
	unsigned long pfn = SENTINEL_PFN;
	const unsigned int bad_zone[] = { 2, RF_MAX_ZONES, RF_MAX_ZONES + 1, UINT_MAX };
	const unsigned int bad_order[] = { MAXO, MAXO + 1, RF_MAX_MAX_ORDER, 255, 256, UINT_MAX };
	const int bad_mt[] = { MIGRATE_RESERVE, MIGRATE_ISOLATE, -1, MIGRATE_TYPES,
			       MIGRATE_TYPES + 1, INT_MIN, INT_MAX };

	for (size_t i = 0; i < sizeof(bad_zone) / sizeof(bad_zone[0]); i++)
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			CHECK_REFUSED(n, rf_alloc_pages(n, bad_zone[i], 0, mt, &pfn), RF_EINVAL);
	for (unsigned int z = 0; z < 2; z++)
		for (size_t i = 0; i < sizeof(bad_order) / sizeof(bad_order[0]); i++)
			CHECK_REFUSED(n, rf_alloc_pages(n, z, bad_order[i], MIGRATE_MOVABLE, &pfn),
				      RF_EINVAL);
	for (unsigned int z = 0; z < 2; z++)
		for (size_t i = 0; i < sizeof(bad_mt) / sizeof(bad_mt[0]); i++)
			CHECK_REFUSED(n, rf_alloc_pages(n, z, 0, bad_mt[i], &pfn), RF_EINVAL);
	CHECK_REFUSED(n, rf_alloc_pages(n, 0, 0, MIGRATE_RESERVE, NULL), RF_EINVAL);
	CHECK_EQ(pfn, SENTINEL_PFN);	/* a refusal writes no pfn */
	busy_done(&b);
}

#define CHECK_FAILED_ALLOC(n, zone, call)                                      \
	do {                                                                   \
		char bump_[72];                                                \
		snprintf(bump_, sizeof(bump_), "z%u.stats.nr_alloc_fail", (unsigned int)(zone)); \
		struct facts b_ = collect(n);                                  \
		CHECK_STATUS(call, RF_ENOMEM);                                 \
		struct facts a_ = collect(n);                                  \
		check_only_bumped(__FILE__, __LINE__, &b_, &a_, bump_);        \
		facts_free(&b_);                                               \
		facts_free(&a_);                                               \
	} while (0)

/*
 * A failed allocation is not a misuse: it returns RF_ENOMEM and counts one
 * nr_alloc_fail, and nothing else moves.  Zone 0 of the busy node is
 * exhausted (its isolated pageblock keeps free pages, which nothing may
 * allocate), then every order and type is asked for.
 */
static void failed_alloc_changes_only_the_fail_count(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;
	unsigned long pfn;
	unsigned long drained = 0;

	while (rf_alloc_pages(n, 0, 0, MIGRATE_MOVABLE, &pfn) == RF_OK && drained < NODE_PAGES)
		drained++;
	CHECK(drained > 0);
	/* The isolated pageblock still holds free pages: the zone is not empty. */
	CHECK(b.iso != RF_NO_PFN && pageblock_has_free_page(n, b.iso));

	for (unsigned int o = 0; o < MAXO; o++) {
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			pfn = SENTINEL_PFN;
			CHECK_FAILED_ALLOC(n, 0, rf_alloc_pages(n, 0, o, mt, &pfn));
			CHECK_EQ(pfn, SENTINEL_PFN);
			CHECK_FAILED_ALLOC(n, 0, rf_alloc_pages(n, 0, o, mt, NULL));
		}
	}
	/* The fallback alone, "as an allocation", fails the same way. */
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
		pfn = SENTINEL_PFN;
		CHECK_FAILED_ALLOC(n, 0, rf_steal(n, 0, 0, mt, &pfn));
		CHECK_EQ(pfn, SENTINEL_PFN);
	}
	/* And a request too big for a zone that has free blocks: zone 1 drained
	 * down to what is below order 3 (v4: with the RA emptied on the way). */
	for (unsigned int o = MAXO - 1;; o--) {
		while (rf_alloc_pages(n, 1, o, MIGRATE_MOVABLE, &pfn) == RF_OK)
			;
		if (o == 1)
			break;
	}
	CHECK(rf_nr_free(n, 1, 0) > 0);
	CHECK_EQ(rf_ra_lowest_region(n, 1), -1);
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
		CHECK_FAILED_ALLOC(n, 1, rf_alloc_pages(n, 1, 1, mt, &pfn));
	busy_done(&b);
}

/* ================= freeing ================= */

static void free_bad_arguments(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;
	struct rf_page_info pi;

	/* Outside the node. */
	const unsigned long outside[] = { NODE_START - 1, 0, NODE_END, NODE_END + 1, 1UL << 40,
					  ULONG_MAX - 1, ULONG_MAX };

	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++)
		for (unsigned int o = 0; o < MAXO; o++)
			CHECK_REFUSED(n, rf_free_pages(n, outside[i], o), RF_ERANGE);

	/* order >= MAX_ORDER, on a block that is allocated. */
	const unsigned int bad_order[] = { MAXO, MAXO + 1, RF_MAX_MAX_ORDER, 255, 256, 258,
					   UINT_MAX };

	for (size_t i = 0; i < sizeof(bad_order) / sizeof(bad_order[0]); i++) {
		CHECK_REFUSED(n, rf_free_pages(n, b.r2, bad_order[i]), RF_EINVAL);
		CHECK_REFUSED(n, rf_free_pages(n, b.m3, bad_order[i]), RF_EINVAL);
	}

	/* The wrong order for an allocated block. */
	CHECK_REFUSED(n, rf_free_pages(n, b.r2, 0), RF_ENOTALLOC);
	CHECK_REFUSED(n, rf_free_pages(n, b.r2, 1), RF_ENOTALLOC);
	CHECK_REFUSED(n, rf_free_pages(n, b.r2, 3), RF_ENOTALLOC);
	CHECK_REFUSED(n, rf_free_pages(n, b.m0, 1), RF_ENOTALLOC);
	CHECK_REFUSED(n, rf_free_pages(n, b.m3, 2), RF_ENOTALLOC);
	CHECK_REFUSED(n, rf_free_pages(n, b.u1, 0), RF_ENOTALLOC);

	/* Tail pages of allocated blocks, at every order. */
	for (unsigned long p = b.r2 + 1; p < b.r2 + 4; p++)
		for (unsigned int o = 0; o < MAXO; o++)
			CHECK_REFUSED(n, rf_free_pages(n, p, o), RF_ENOTALLOC);
	for (unsigned long p = b.m3 + 1; p < b.m3 + 8; p++)
		CHECK_REFUSED(n, rf_free_pages(n, p, 0), RF_ENOTALLOC);
	CHECK_REFUSED(n, rf_free_pages(n, b.m3 + 4, 2), RF_ENOTALLOC);
	CHECK_REFUSED(n, rf_free_pages(n, b.u1 + 1, 0), RF_ENOTALLOC);

	/* Free pages: every free block head and a page inside each, at every order. */
	unsigned int nr_free_heads = 0;

	for (unsigned long p = NODE_START; p < NODE_END; p++) {
		if (rf_page_info(n, p, &pi) || !pi.buddy)
			continue;
		nr_free_heads++;
		for (unsigned int o = 0; o < MAXO; o++)
			CHECK_REFUSED(n, rf_free_pages(n, p, o), RF_ENOTALLOC);
		if (pi.order)
			CHECK_REFUSED(n, rf_free_pages(n, p + 1, 0), RF_ENOTALLOC);
	}
	CHECK(nr_free_heads > 0);

	/* A free page of the isolated pageblock (on an ISOLATE list). */
	if (b.iso != RF_NO_PFN) {
		unsigned int o;
		unsigned long p = find_free_head(n, b.iso, b.iso + PB, &o);

		CHECK(p != RF_NO_PFN);
		if (p != RF_NO_PFN)
			CHECK_REFUSED(n, rf_free_pages(n, p, o), RF_ENOTALLOC);
	}

	/* v4: a block the region allocator holds. */
	if (t_mode == RF_MODE_V4 && b.ra_region >= 0) {
		unsigned long p = rf_ra_first(n, 1, (unsigned int)b.ra_region);

		CHECK(p != RF_NO_PFN);
		if (p != RF_NO_PFN) {
			CHECK_REFUSED(n, rf_free_pages(n, p, MAXO - 1), RF_ENOTALLOC);
			CHECK_REFUSED(n, rf_free_pages(n, p, 0), RF_ENOTALLOC);
		}
	}

	/* A reserved page and the hole: never allocated (the brief: ENOTALLOC). */
	for (unsigned int o = 0; o < MAXO; o++) {
		CHECK_REFUSED(n, rf_free_pages(n, RSV_PFN, o), RF_ENOTALLOC);
		CHECK_REFUSED(n, rf_free_pages(n, HOLE_START, o), RF_ENOTALLOC);
		CHECK_REFUSED(n, rf_free_pages(n, HOLE_END - 1, o), RF_ENOTALLOC);
	}

	/* Double frees: the block freed during set-up, and a fresh one. */
	CHECK_REFUSED(n, rf_free_pages(n, b.freed, 2), RF_ENOTALLOC);
	{
		unsigned long x = t_alloc(n, 1, 1, MIGRATE_UNMOVABLE);

		if (x != RF_NO_PFN) {
			t_free(n, x, 1);
			CHECK_REFUSED(n, rf_free_pages(n, x, 1), RF_ENOTALLOC);
			CHECK_REFUSED(n, rf_free_pages(n, x, 0), RF_ENOTALLOC);
		}
		x = t_alloc(n, 0, 0, MIGRATE_MOVABLE);
		if (x != RF_NO_PFN) {
			t_free(n, x, 0);
			CHECK_REFUSED(n, rf_free_pages(n, x, 0), RF_ENOTALLOC);
		}
	}
	busy_done(&b);
}

/* ================= the fallback path ================= */

static bool type_has_block_at_or_above(const struct rf_node *n, unsigned int zone,
				       unsigned int order, int mt)
{
	for (unsigned int o = order; o < MAXO; o++)
		if (rf_list_first(n, zone, o, mt) != RF_NO_PFN)
			return true;
	return false;
}

static void steal_bad_arguments(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;
	unsigned long pfn = SENTINEL_PFN;
	const int bad_mt[] = { MIGRATE_RESERVE, MIGRATE_ISOLATE, -1, MIGRATE_TYPES, INT_MIN,
			       INT_MAX };

	CHECK(!rf_page_group_by_mobility_disabled(n));
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
		CHECK_REFUSED(n, rf_steal(n, 2, 0, mt, &pfn), RF_EINVAL);
		CHECK_REFUSED(n, rf_steal(n, RF_MAX_ZONES, 0, mt, &pfn), RF_EINVAL);
		CHECK_REFUSED(n, rf_steal(n, UINT_MAX, 0, mt, &pfn), RF_EINVAL);
		for (unsigned int z = 0; z < 2; z++) {
			CHECK_REFUSED(n, rf_steal(n, z, MAXO, mt, &pfn), RF_EINVAL);
			CHECK_REFUSED(n, rf_steal(n, z, 256, mt, &pfn), RF_EINVAL);
			CHECK_REFUSED(n, rf_steal(n, z, UINT_MAX, mt, &pfn), RF_EINVAL);
		}
	}
	for (unsigned int z = 0; z < 2; z++)
		for (size_t i = 0; i < sizeof(bad_mt) / sizeof(bad_mt[0]); i++)
			CHECK_REFUSED(n, rf_steal(n, z, 0, bad_mt[i], &pfn), RF_EINVAL);

	/* The precondition: the type still has a block of that order or above. */
	unsigned int refused = 0;

	for (unsigned int z = 0; z < 2; z++) {
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			for (unsigned int o = 0; o < MAXO; o++) {
				if (!type_has_block_at_or_above(n, z, o, mt))
					continue;
				CHECK_REFUSED(n, rf_steal(n, z, o, mt, &pfn), RF_EINVAL);
				refused++;
			}
		}
	}
	CHECK(refused >= 4);
	CHECK(type_has_block_at_or_above(n, 1, 0, MIGRATE_MOVABLE));

	/* v4: nor does the fallback run while the RA holds a region (__rmqueue
	 * would have taken one): every type and order of zone 1 is refused. */
	if (t_mode == RF_MODE_V4 && b.ra_region >= 0) {
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			for (unsigned int o = 0; o < MAXO; o++)
				CHECK_REFUSED(n, rf_steal(n, 1, o, mt, &pfn), RF_EINVAL);
	}
	CHECK_EQ(pfn, SENTINEL_PFN);
	busy_done(&b);
}

/* ================= move_freepages ================= */

static void move_freepages_bad_arguments(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;
	unsigned long moved = SENTINEL_PFN;
	unsigned int o;
	unsigned long f1 = find_free_head(n, Z1_START, NODE_END, &o);
	unsigned long f0 = find_free_head(n, NODE_START, Z1_START, &o);
	const int bad_mt[] = { -1, MIGRATE_TYPES, MIGRATE_TYPES + 1, INT_MIN, INT_MAX };

	CHECK(f1 != RF_NO_PFN && f0 != RF_NO_PFN);
	if (f1 == RF_NO_PFN || f0 == RF_NO_PFN) {
		busy_done(&b);
		return;
	}
	/* Ranges that hold free blocks, so that an accepted call would move them. */
	unsigned long s1 = f1, e1 = f1 + 7 < NODE_END ? f1 + 7 : NODE_END - 1;
	unsigned long s0 = f0, e0 = f0 + 3 < Z1_START ? f0 + 3 : Z1_START - 1;

	/* Bad zone and type. */
	CHECK_REFUSED(n, rf_move_freepages(n, 2, s1, e1, MIGRATE_UNMOVABLE, &moved), RF_EINVAL);
	CHECK_REFUSED(n, rf_move_freepages(n, UINT_MAX, s1, e1, MIGRATE_UNMOVABLE, &moved),
		      RF_EINVAL);
	for (size_t i = 0; i < sizeof(bad_mt) / sizeof(bad_mt[0]); i++) {
		CHECK_REFUSED(n, rf_move_freepages(n, 1, s1, e1, bad_mt[i], &moved), RF_EINVAL);
		CHECK_REFUSED(n, rf_move_freepages(n, 0, s0, e0, bad_mt[i], NULL), RF_EINVAL);
	}
	/* Reversed (end is inclusive: start == end is a one-page range, valid). */
	CHECK_REFUSED(n, rf_move_freepages(n, 1, e1, s1, MIGRATE_UNMOVABLE, &moved), RF_EINVAL);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, s1 + 1, s1, MIGRATE_UNMOVABLE, &moved),
		      RF_EINVAL);
	CHECK_REFUSED(n, rf_move_freepages(n, 0, e0, s0, MIGRATE_RECLAIMABLE, &moved),
		      RF_EINVAL);

	/* Outside the node. */
	CHECK_REFUSED(n, rf_move_freepages(n, 0, NODE_START - 4, e0, MIGRATE_UNMOVABLE, &moved),
		      RF_ERANGE);
	CHECK_REFUSED(n, rf_move_freepages(n, 0, 0, e0, MIGRATE_UNMOVABLE, &moved), RF_ERANGE);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, s1, NODE_END, MIGRATE_UNMOVABLE, &moved),
		      RF_ERANGE);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, s1, ULONG_MAX, MIGRATE_UNMOVABLE, &moved),
		      RF_ERANGE);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, NODE_END, NODE_END + 8, MIGRATE_UNMOVABLE,
					   &moved), RF_ERANGE);
	CHECK_REFUSED(n, rf_move_freepages(n, 0, 0, ULONG_MAX, MIGRATE_UNMOVABLE, &moved),
		      RF_ERANGE);

	/* Crossing the zone boundary, named by either zone. */
	CHECK_REFUSED(n, rf_move_freepages(n, 0, s0, Z1_START + 7, MIGRATE_UNMOVABLE, &moved),
		      RF_EXDEV);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, s0, Z1_START + 7, MIGRATE_UNMOVABLE, &moved),
		      RF_EXDEV);
	CHECK_REFUSED(n, rf_move_freepages(n, 0, NODE_START, NODE_END - 1, MIGRATE_RECLAIMABLE,
					   &moved), RF_EXDEV);
	/* A range wholly inside the other zone: "outside the zone" (RF_ERANGE) or
	 * "not inside one zone" (RF_EXDEV) -- either. */
	CHECK_REFUSED_EITHER(n, rf_move_freepages(n, 0, s1, e1, MIGRATE_UNMOVABLE, &moved),
			     RF_ERANGE, RF_EXDEV);
	CHECK_REFUSED_EITHER(n, rf_move_freepages(n, 1, s0, e0, MIGRATE_UNMOVABLE, &moved),
			     RF_ERANGE, RF_EXDEV);
	CHECK_EQ(moved, SENTINEL_PFN);

	/* move_freepages_block: bad type, pfn outside the node. */
	for (size_t i = 0; i < sizeof(bad_mt) / sizeof(bad_mt[0]); i++) {
		CHECK_REFUSED(n, rf_move_freepages_block(n, f1, bad_mt[i], &moved), RF_EINVAL);
		CHECK_REFUSED(n, rf_move_freepages_block(n, f0, bad_mt[i], NULL), RF_EINVAL);
	}
	const unsigned long outside[] = { NODE_START - 1, 0, NODE_END, NODE_END + 4, ULONG_MAX };

	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			CHECK_REFUSED(n, rf_move_freepages_block(n, outside[i], mt, &moved),
				      RF_ERANGE);
	CHECK_EQ(moved, SENTINEL_PFN);
	busy_done(&b);
}

/* ================= reserve ================= */

static unsigned long zone_pageblocks(const struct rf_node *n, unsigned int zone)
{
	struct rf_zone_info zi;

	if (rf_zone_info(n, zone, &zi))
		return 0;
	/* Every pageblock with at least one pfn in the zone. */
	return ((zi.zone_end_pfn - 1) / PB) - (zi.zone_start_pfn / PB) + 1;
}

static void reserve_bad_arguments(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;

	for (unsigned int q = 0; q < 3; q++) {
		CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, 2, q), RF_EINVAL);
		CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, RF_MAX_ZONES, q), RF_EINVAL);
		CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, UINT_MAX, q), RF_EINVAL);
	}
	for (unsigned int z = 0; z < 2; z++) {
		CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, z, UINT_MAX), RF_EINVAL);
		CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, z, 1u << 20), RF_EINVAL);
		CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, z, (unsigned int)NODE_PAGES),
			      RF_EINVAL);
	}
	busy_done(&b);
}

/*
 * "Quota too large", at its edge: a quota of more pageblocks than the zone has
 * at all can never be met and is a caller's mistake (reserve.c says so too).
 * Zone 1 is [96, 192): 24 whole pageblocks, no partial one.  A quota of 24
 * is accepted; 25 must be refused and change nothing.  Zone 0 likewise: 8
 * pageblocks, 9 refused.
 */
static void reserve_quota_beyond_zone_pageblocks(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;

	CHECK_EQ(zone_pageblocks(n, 0), 8);
	CHECK_EQ(zone_pageblocks(n, 1), 24);
	for (unsigned int z = 0; z < 2; z++) {
		unsigned int nr = (unsigned int)zone_pageblocks(n, z);

		CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, z, nr + 1), RF_EINVAL);
		CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, z, nr + 2), RF_EINVAL);
	}
	busy_done(&b);

	/* The edge itself is accepted, on a fresh node (what it leaves behind is
	 * the reserve tests' business: in v4 the hand-outs it causes retype). */
	struct rf_geometry g = busy_geometry();
	struct rf_node *f = t_node(&g);

	if (!f)
		return;
	CHECK_STATUS(rf_setup_zone_migrate_reserve(f, 1, 24), RF_OK);
	CHECK_STATUS(rf_setup_zone_migrate_reserve(f, 0, 8), RF_OK);
	rf_node_destroy(f);
}

/* ================= isolation ================= */

static void isolate_pageblock_bad_arguments(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;
	const unsigned long outside[] = { NODE_START - 1, NODE_START - PB, 0, NODE_END,
					  NODE_END + PB, 1UL << 40, ULONG_MAX };
	const int bad_undo_mt[] = { MIGRATE_ISOLATE, -1, MIGRATE_TYPES, MIGRATE_TYPES + 1,
				    INT_MIN, INT_MAX };

	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		CHECK_REFUSED(n, rf_set_migratetype_isolate(n, outside[i]), RF_ERANGE);
		for (int mt = 0; mt < MIGRATE_ISOLATE; mt++)
			CHECK_REFUSED(n, rf_unset_migratetype_isolate(n, outside[i], mt),
				      RF_ERANGE);
	}
	/* Undo with a bad type, on the isolated pageblock (an accepted call would
	 * move its free pages) and on an ordinary one. */
	if (b.iso != RF_NO_PFN) {
		for (size_t i = 0; i < sizeof(bad_undo_mt) / sizeof(bad_undo_mt[0]); i++) {
			CHECK_REFUSED(n, rf_unset_migratetype_isolate(n, b.iso, bad_undo_mt[i]),
				      RF_EINVAL);
			CHECK_REFUSED(n, rf_unset_migratetype_isolate(n, b.iso + 1, bad_undo_mt[i]),
				      RF_EINVAL);
		}
	}
	for (size_t i = 0; i < sizeof(bad_undo_mt) / sizeof(bad_undo_mt[0]); i++)
		CHECK_REFUSED(n, rf_unset_migratetype_isolate(n, Z1_START, bad_undo_mt[i]),
			      RF_EINVAL);

	/* Busy: a pageblock that is not MOVABLE and holds an UNMOVABLE allocation. */
	if (b.busy_pb != RF_NO_PFN) {
		for (unsigned long p = b.busy_pb; p < b.busy_pb + PB; p++)
			CHECK_REFUSED(n, rf_set_migratetype_isolate(n, p), RF_EBUSY);
	}
	busy_done(&b);
}

static void isolate_range_bad_arguments(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;
	const int bad_mt[] = { MIGRATE_ISOLATE, -1, MIGRATE_TYPES, MIGRATE_TYPES + 1, INT_MIN,
			       INT_MAX };
	/* A zone-1 range of MOVABLE pageblocks with free pages, and one around the
	 * isolated pageblock. */
	unsigned int o;
	unsigned long f1 = find_free_head(n, Z1_START, NODE_END, &o);
	unsigned long s1 = f1 != RF_NO_PFN ? f1 & ~(PB - 1) : Z1_START;
	unsigned long e1 = s1 + PB;
	unsigned long si = b.iso != RF_NO_PFN ? b.iso : NODE_START;
	unsigned long ei = si + PB;

	CHECK(f1 != RF_NO_PFN);
	for (int undo = 0; undo < 2; undo++) {
		int (*fn)(struct rf_node *, unsigned long, unsigned long, int) =
			undo ? rf_undo_isolate_page_range : rf_start_isolate_page_range;
		unsigned long s = undo ? si : s1, e = undo ? ei : e1;
		int mt = MIGRATE_MOVABLE;

		/* Empty and reversed. */
		CHECK_REFUSED(n, fn(n, s, s, mt), RF_EINVAL);
		CHECK_REFUSED(n, fn(n, e, s, mt), RF_EINVAL);
		CHECK_REFUSED(n, fn(n, s + 1, s, mt), RF_EINVAL);
		CHECK_REFUSED(n, fn(n, ULONG_MAX, 0, mt), RF_EINVAL);
		/* Outside the node, in part or in whole. */
		CHECK_REFUSED(n, fn(n, NODE_START - PB, e, mt), RF_ERANGE);
		CHECK_REFUSED(n, fn(n, 0, e, mt), RF_ERANGE);
		CHECK_REFUSED(n, fn(n, s, NODE_END + 1, mt), RF_ERANGE);
		CHECK_REFUSED(n, fn(n, s, ULONG_MAX, mt), RF_ERANGE);
		CHECK_REFUSED(n, fn(n, NODE_END, NODE_END + 8, mt), RF_ERANGE);
		CHECK_REFUSED(n, fn(n, 0, NODE_START, mt), RF_ERANGE);
		CHECK_REFUSED(n, fn(n, 0, ULONG_MAX, mt), RF_ERANGE);
		/* Crossing zones. */
		CHECK_REFUSED(n, fn(n, Z1_START - PB, Z1_START + PB, mt), RF_EXDEV);
		CHECK_REFUSED(n, fn(n, si, e1 > Z1_START ? e1 : Z1_START + PB, mt), RF_EXDEV);
		CHECK_REFUSED(n, fn(n, NODE_START, NODE_END, mt), RF_EXDEV);
		/* A bad type (ISOLATE included: one cannot go back to it). */
		for (size_t i = 0; i < sizeof(bad_mt) / sizeof(bad_mt[0]); i++) {
			CHECK_REFUSED(n, fn(n, s, e, bad_mt[i]), RF_EINVAL);
			CHECK_REFUSED(n, fn(n, si, ei, bad_mt[i]), RF_EINVAL);
		}
	}
	busy_done(&b);
}

/* ================= the region allocator ================= */

static void region_allocator_bad_arguments(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;
	const int any_region[] = { -1, 0, 1, 3, 5, 6, INT_MAX, INT_MIN };

	if (t_mode == RF_MODE_VANILLA) {
		/* The operation does not exist: whatever the arguments. */
		for (unsigned int z = 0; z < 2; z++)
			for (size_t i = 0; i < sizeof(any_region) / sizeof(any_region[0]); i++)
				for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
					CHECK_REFUSED(n, rf_del_from_region_allocator(
							      n, z, any_region[i], mt), RF_EMODE);
		busy_done(&b);
		return;
	}

	struct rf_zone_info zi;

	CHECK_STATUS(rf_zone_info(n, 1, &zi), RF_OK);
	CHECK_EQ(zi.nr_regions, 6);
	CHECK(b.ra_region >= 0);
	if (b.ra_region < 0) {
		busy_done(&b);
		return;
	}

	int held = (int)b.ra_region;
	const int bad_mt[] = { MIGRATE_RESERVE, MIGRATE_ISOLATE, -1, MIGRATE_TYPES, INT_MIN,
			       INT_MAX };

	/* Bad zone, with a region and type that zone 1 would accept. */
	CHECK_REFUSED(n, rf_del_from_region_allocator(n, 2, held, MIGRATE_MOVABLE), RF_EINVAL);
	CHECK_REFUSED(n, rf_del_from_region_allocator(n, RF_MAX_ZONES, -1, MIGRATE_MOVABLE),
		      RF_EINVAL);
	CHECK_REFUSED(n, rf_del_from_region_allocator(n, UINT_MAX, held, MIGRATE_MOVABLE),
		      RF_EINVAL);
	/* Bad type, on the held region and on "the lowest". */
	for (size_t i = 0; i < sizeof(bad_mt) / sizeof(bad_mt[0]); i++) {
		CHECK_REFUSED(n, rf_del_from_region_allocator(n, 1, held, bad_mt[i]), RF_EINVAL);
		CHECK_REFUSED(n, rf_del_from_region_allocator(n, 1, -1, bad_mt[i]), RF_EINVAL);
	}
	/* Region index out of range: a bad argument (RF_EINVAL) or "not in the RA"
	 * (RF_ENOENT) -- either. */
	const int bad_region[] = { (int)zi.nr_regions, (int)zi.nr_regions + 1, 1000, INT_MAX };

	for (size_t i = 0; i < sizeof(bad_region) / sizeof(bad_region[0]); i++)
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			CHECK_REFUSED_EITHER(n, rf_del_from_region_allocator(n, 1, bad_region[i],
									     mt),
					     RF_EINVAL, RF_ENOENT);

	/* Regions the RA does not hold: RF_ENOENT. */
	unsigned int not_held = 0;

	for (unsigned int r = 0; r < zi.nr_regions; r++) {
		struct rf_region_info ri;

		CHECK_STATUS(rf_region_info(n, 1, r, &ri), RF_OK);
		if (ri.in_ra)
			continue;
		not_held++;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			CHECK_REFUSED(n, rf_del_from_region_allocator(n, 1, (int)r, mt), RF_ENOENT);
	}
	CHECK(not_held >= 2);
	/* Zone 0's RA is empty: nothing to give, by index or as "the lowest". */
	CHECK_EQ(rf_ra_lowest_region(n, 0), -1);
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
		CHECK_REFUSED(n, rf_del_from_region_allocator(n, 0, -1, mt), RF_ENOENT);
		CHECK_REFUSED(n, rf_del_from_region_allocator(n, 0, INT_MIN, mt), RF_ENOENT);
		CHECK_REFUSED(n, rf_del_from_region_allocator(n, 0, 0, mt), RF_ENOENT);
		CHECK_REFUSED(n, rf_del_from_region_allocator(n, 0, 1, mt), RF_ENOENT);
	}
	busy_done(&b);
}

/* ================= introspection given bad arguments ================= */

static void introspection_bad_arguments(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;
	struct facts before = collect(n);
	const unsigned long outside[] = { NODE_START - 1, 0, NODE_END, NODE_END + 1,
					  ULONG_MAX - 1, ULONG_MAX };
	const unsigned int bad_zone[] = { 2, RF_MAX_ZONES, UINT_MAX };
	const unsigned int bad_order[] = { MAXO, RF_MAX_MAX_ORDER, UINT_MAX };
	const int bad_mt[] = { -1, MIGRATE_TYPES, INT_MIN, INT_MAX };
	struct rf_zone_info zi;
	struct rf_page_info pi;
	struct rf_region_info ri;
	struct rf_run_info run, runs[64];	/* more than any zone's regions here */
	unsigned int o = 0;
	unsigned long on_list = find_free_head(n, Z1_START, NODE_END, &o);

	CHECK(on_list != RF_NO_PFN);

	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		unsigned long p = outside[i];

		CHECK_EQ(rf_pfn_zone(n, p), -1);
		CHECK_EQ(rf_pfn_region(n, p), -1);
		CHECK_STATUS(rf_page_info(n, p, &pi), RF_ERANGE);
		CHECK(rf_pageblock_migratetype(n, p) < 0);
		CHECK(rf_pageblock_unmovable(n, p) < 0);
		for (unsigned int z = 0; z < 2; z++) {
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				CHECK_EQ(rf_list_next(n, z, o, mt, p), RF_NO_PFN);
				CHECK_EQ(rf_list_prev(n, z, o, mt, p), RF_NO_PFN);
			}
			CHECK_EQ(rf_ra_next(n, z, 0, p), RF_NO_PFN);
		}
	}
	/* The end of a list walk stays the end. */
	CHECK_EQ(rf_list_next(n, 1, 0, MIGRATE_MOVABLE, RF_NO_PFN), RF_NO_PFN);
	CHECK_EQ(rf_list_prev(n, 1, 0, MIGRATE_MOVABLE, RF_NO_PFN), RF_NO_PFN);

	for (size_t i = 0; i < sizeof(bad_zone) / sizeof(bad_zone[0]); i++) {
		unsigned int z = bad_zone[i];

		CHECK(rf_zone_info(n, z, &zi) < 0);
		CHECK(rf_region_info(n, z, 0, &ri) < 0);
		CHECK_EQ(rf_ra_lowest_region(n, z), -1);
		CHECK(!rf_ra_bitmap_bit(n, z, 0));
		CHECK_EQ(rf_ra_first(n, z, 0), RF_NO_PFN);
		CHECK_EQ(rf_ra_next(n, z, 0, on_list), RF_NO_PFN);
		for (unsigned int oo = 0; oo < MAXO; oo++) {
			CHECK_EQ(rf_nr_free(n, z, oo), 0);
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				CHECK_EQ(rf_list_first(n, z, oo, mt), RF_NO_PFN);
				CHECK_EQ(rf_list_last(n, z, oo, mt), RF_NO_PFN);
				CHECK_EQ(rf_list_next(n, z, oo, mt, on_list), RF_NO_PFN);
				CHECK_EQ(rf_list_prev(n, z, oo, mt, on_list), RF_NO_PFN);
				CHECK_EQ(rf_list_next_region(n, z, oo, mt), -1);
				CHECK(rf_run_info(n, z, oo, mt, 0, &run) < 0);
				CHECK(rf_run_info_all(n, z, oo, mt, runs) < 0);
			}
		}
	}
	for (unsigned int z = 0; z < 2; z++) {
		for (size_t i = 0; i < sizeof(bad_order) / sizeof(bad_order[0]); i++) {
			unsigned int oo = bad_order[i];

			CHECK_EQ(rf_nr_free(n, z, oo), 0);
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				CHECK_EQ(rf_list_first(n, z, oo, mt), RF_NO_PFN);
				CHECK_EQ(rf_list_last(n, z, oo, mt), RF_NO_PFN);
				CHECK_EQ(rf_list_next(n, z, oo, mt, on_list), RF_NO_PFN);
				CHECK_EQ(rf_list_prev(n, z, oo, mt, on_list), RF_NO_PFN);
				CHECK_EQ(rf_list_next_region(n, z, oo, mt), -1);
				CHECK(rf_run_info(n, z, oo, mt, 0, &run) < 0);
				CHECK(rf_run_info_all(n, z, oo, mt, runs) < 0);
			}
		}
		for (size_t i = 0; i < sizeof(bad_mt) / sizeof(bad_mt[0]); i++) {
			int mt = bad_mt[i];

			for (unsigned int oo = 0; oo < MAXO; oo++) {
				CHECK_EQ(rf_list_first(n, z, oo, mt), RF_NO_PFN);
				CHECK_EQ(rf_list_last(n, z, oo, mt), RF_NO_PFN);
				CHECK_EQ(rf_list_next(n, z, oo, mt, on_list), RF_NO_PFN);
				CHECK_EQ(rf_list_prev(n, z, oo, mt, on_list), RF_NO_PFN);
				CHECK_EQ(rf_list_next_region(n, z, oo, mt), -1);
				CHECK(rf_run_info(n, z, oo, mt, 0, &run) < 0);
				CHECK(rf_run_info_all(n, z, oo, mt, runs) < 0);
			}
		}
		/* Region out of range. */
		CHECK_STATUS(rf_zone_info(n, z, &zi), RF_OK);
		const unsigned int bad_region[] = { zi.nr_regions, zi.nr_regions + 1, 64, 4096,
						    UINT_MAX };

		for (size_t i = 0; i < sizeof(bad_region) / sizeof(bad_region[0]); i++) {
			unsigned int r = bad_region[i];

			CHECK(rf_region_info(n, z, r, &ri) < 0);
			CHECK(!rf_ra_bitmap_bit(n, z, r));
			CHECK_EQ(rf_ra_first(n, z, r), RF_NO_PFN);
			CHECK_EQ(rf_ra_next(n, z, r, on_list), RF_NO_PFN);
			for (unsigned int oo = 0; oo < MAXO; oo++)
				for (int mt = 0; mt < MIGRATE_TYPES; mt++)
					CHECK(rf_run_info(n, z, oo, mt, r, &run) < 0);
		}
		/* rf_run_info is v4 bookkeeping: RF_EMODE in vanilla, good arguments or not. */
		CHECK(zi.nr_regions <= sizeof(runs) / sizeof(runs[0]));
		if (t_mode == RF_MODE_VANILLA) {
			CHECK_STATUS(rf_run_info(n, z, 0, MIGRATE_MOVABLE, 0, &run), RF_EMODE);
			CHECK_STATUS(rf_run_info_all(n, z, 0, MIGRATE_MOVABLE, runs), RF_EMODE);
			CHECK_EQ(rf_ra_lowest_region(n, z), -1);
		} else {
			CHECK_STATUS(rf_run_info(n, z, 0, MIGRATE_MOVABLE, 0, &run), RF_OK);
			CHECK_STATUS(rf_run_info_all(n, z, 0, MIGRATE_MOVABLE, runs), RF_OK);
		}
	}
	/* Reading is not writing. */
	struct facts after = collect(n);

	check_only_bumped(__FILE__, __LINE__, &before, &after, NULL);
	facts_free(&before);
	facts_free(&after);
	busy_done(&b);
}

/* The busy node is what the tests above rely on. */
static void busy_state_is_busy(void)
{
	struct busy b;

	if (!busy(&b))
		return;

	struct rf_node *n = b.n;
	struct rf_zone_info zi;
	bool reserve[2] = { false, false };

	for (unsigned long pb = NODE_START; pb < NODE_END; pb += PB)
		if (rf_pageblock_migratetype(n, pb) == MIGRATE_RESERVE)
			reserve[rf_pfn_zone(n, pb)] = true;
	CHECK(reserve[0] && reserve[1]);
	for (unsigned int z = 0; z < 2; z++) {
		CHECK_STATUS(rf_zone_info(n, z, &zi), RF_OK);
		CHECK(zi.stats.nr_alloc >= 3);
		CHECK(zi.stats.nr_free >= 1);
	}
	CHECK(b.iso != RF_NO_PFN);
	CHECK(b.busy_pb != RF_NO_PFN);
	if (t_mode == RF_MODE_V4) {
		CHECK(b.ra_region >= 0);
		CHECK_STATUS(rf_zone_info(n, 1, &zi), RF_OK);
		CHECK(zi.stats.nr_ra_handout >= 1);
	}
	busy_done(&b);
}

static const struct t_case cases[] = {
	TEST(busy_state_is_busy, BOTH),
	TEST(strings_for_every_value, BOTH),
	TEST(geometry_out_of_range, BOTH),
	TEST(geometry_edges_accepted, BOTH),
	TEST(bad_configuration, BOTH),
	TEST(alloc_bad_arguments, BOTH),
	TEST(failed_alloc_changes_only_the_fail_count, BOTH),
	TEST(free_bad_arguments, BOTH),
	TEST(steal_bad_arguments, BOTH),
	TEST(move_freepages_bad_arguments, BOTH),
	TEST(reserve_bad_arguments, BOTH),
	TEST(reserve_quota_beyond_zone_pageblocks, BOTH),
	TEST(isolate_pageblock_bad_arguments, BOTH),
	TEST(isolate_range_bad_arguments, BOTH),
	TEST(region_allocator_bad_arguments, BOTH),
	TEST(introspection_bad_arguments, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "invalid", cases);
}
