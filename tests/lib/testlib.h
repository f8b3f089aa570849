/* SPDX-License-Identifier: MIT */
/*
 * A small test library in the style of tools/testing/memblock and radix-tree:
 * every check prints file:line and what it expected, then the test goes on,
 * so one run reports every failure; the run ends with a count and an exit
 * status.  A test body is written once and run under each engine mode it is
 * marked for, as memblock runs one body under each allocation direction.
 */
#ifndef RF_TESTLIB_H
#define RF_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>

#include <regionfuzz/engine.h>
#include <regionfuzz/introspect.h>

enum t_modes { VANILLA = 1 << RF_MODE_VANILLA, V4 = 1 << RF_MODE_V4, BOTH = VANILLA | V4 };

struct t_case {
	const char *name;
	void (*fn)(void);
	unsigned int modes;
};

#define TEST(fn, modes) { #fn, fn, modes }

/* The mode the current body runs under. */
extern enum rf_mode t_mode;
extern unsigned long t_failures;

/* The exit status of a suite with no test for the mode asked: ctest shows it
 * as skipped (SKIP_RETURN_CODE), neither passed nor failed. */
#define T_SKIPPED 77

/* Run @cases (NULL-terminated by name) for the modes named on the command line
 * (--mode vanilla|v4; both by default); returns the process exit status. */
int t_main(int argc, char **argv, const char *suite, const struct t_case *cases);

void t_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond))                                                   \
			t_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);        \
	} while (0)

#define CHECK_EQ(got, want)                                                    \
	do {                                                                   \
		long long g_ = (long long)(got), w_ = (long long)(want);       \
		if (g_ != w_)                                                  \
			t_fail(__FILE__, __LINE__, "%s == %lld, expected %s == %lld", \
			       #got, g_, #want, w_);                           \
	} while (0)

#define CHECK_STATUS(call, want)                                               \
	do {                                                                   \
		int s_ = (call);                                               \
		if (s_ != (want))                                              \
			t_fail(__FILE__, __LINE__, "%s returned %d (%s), expected %s", \
			       #call, s_, rf_strerror(s_), #want);             \
	} while (0)

/* ---- building nodes ---- */

/* One zone at @start of @pages pages. */
struct rf_geometry t_geo(unsigned int max_order, unsigned int pageblock_order,
			 unsigned int region_shift, unsigned long start, unsigned long pages);
/* A node in the current mode; NULL (and a failure) if set-up refused. */
struct rf_node *t_node(const struct rf_geometry *geo);
struct rf_node *t_node_opts(const struct rf_geometry *geo, unsigned long options);

/* Allocate, expecting success: returns the pfn (RF_NO_PFN on failure). */
unsigned long t_alloc(struct rf_node *n, unsigned int zone, unsigned int order, int mt);
void t_free(struct rf_node *n, unsigned long pfn, unsigned int order);
/* Allocate every free page of every zone as order-0 MOVABLE; returns how many. */
unsigned long t_drain(struct rf_node *n);

/* ---- looking at the state ---- */

/* @pfn heads a free block of @order on free_list[@mt] of its zone. */
bool t_on_list(const struct rf_node *n, unsigned long pfn, unsigned int order, int mt);
#define CHECK_FREE(n, pfn, order, mt)                                          \
	do {                                                                   \
		if (!t_on_list(n, pfn, order, mt))                             \
			t_fail(__FILE__, __LINE__,                             \
			       "pfn %#lx is not a free order-%u block on the %s list", \
			       (unsigned long)(pfn), (unsigned int)(order),    \
			       rf_migratetype_name(mt));                       \
	} while (0)

/* The list's entries, in order, equal @want[0..nr). */
bool t_list_is(const struct rf_node *n, unsigned int zone, unsigned int order, int mt,
	       const unsigned long *want, size_t nr);
#define CHECK_LIST(n, zone, order, mt, ...)                                    \
	do {                                                                   \
		const unsigned long w_[] = { __VA_ARGS__ };                    \
		if (!t_list_is(n, zone, order, mt, w_, sizeof(w_) / sizeof(w_[0]))) \
			t_fail(__FILE__, __LINE__, "free_list[%u][%s] differs", \
			       (unsigned int)(order), rf_migratetype_name(mt)); \
	} while (0)
#define CHECK_LIST_EMPTY(n, zone, order, mt)                                   \
	CHECK_EQ(rf_list_first(n, zone, order, mt), RF_NO_PFN)

/* free_area[o].nr_free of @zone for every order o, from order 0 up. */
#define CHECK_NR_FREE(n, zone, ...)                                            \
	do {                                                                   \
		const unsigned long nf_[] = { __VA_ARGS__ };                   \
		for (unsigned int o_ = 0; o_ < sizeof(nf_) / sizeof(nf_[0]); o_++) \
			if (rf_nr_free(n, zone, o_) != nf_[o_])                \
				t_fail(__FILE__, __LINE__,                     \
				       "zone %u nr_free[%u] == %lu, expected %lu", \
				       (unsigned int)(zone), o_,               \
				       rf_nr_free(n, zone, o_), nf_[o_]);       \
	} while (0)

/* The freepage migratetype recorded at @pfn, or -1 outside the node. */
int t_freepage_mt(const struct rf_node *n, unsigned long pfn);
/* @pfn heads an allocated block of @order, allocated as @mt, on no list. */
bool t_allocated_as(const struct rf_node *n, unsigned long pfn, unsigned int order, int mt);
/* The pageblocks at @start, @start + @step, ... below @end are all of type @mt. */
bool t_pageblocks_are(const struct rf_node *n, unsigned long start, unsigned long end,
		      unsigned long step, int mt);
/* Zone 0's event counters. */
struct rf_zone_stats t_stats(const struct rf_node *n);
/* Every list of @mt in @zone is empty. */
bool t_lists_empty(const struct rf_node *n, unsigned int zone, int mt);
/* v4: zone 0's run of @region on free_list[@order][@mt] ends at @tail with
 * @blocks entries, and the list's bitmap bit says whether it exists. */
bool t_run_is(const struct rf_node *n, unsigned int order, int mt, unsigned int region,
	      unsigned long tail, unsigned long blocks);

/* Free pages on every list of @zone plus (v4) the region allocator. */
unsigned long t_free_pages(const struct rf_node *n, unsigned int zone);
long t_nr_free_pages(const struct rf_node *n, unsigned int zone);	/* NR_FREE_PAGES */

/* Print free_area of @zone, one line per order and type, to stderr. */
void t_dump_lists(const struct rf_node *n, unsigned int zone);

/* ---- whole-state snapshots, for "nothing changed" ---- */
struct t_snapshot;
struct t_snapshot *t_snap(const struct rf_node *n);
/* Equal, or a failure naming the first difference. */
bool t_snap_same(const struct t_snapshot *a, const struct t_snapshot *b, const char *file,
		 int line);
void t_snap_free(struct t_snapshot *s);

/* @call must return @want and change nothing at all. */
#define CHECK_REFUSED(n, call, want)                                           \
	do {                                                                   \
		struct t_snapshot *before_ = t_snap(n);                        \
		CHECK_STATUS(call, want);                                      \
		struct t_snapshot *after_ = t_snap(n);                         \
		t_snap_same(before_, after_, __FILE__, __LINE__);              \
		t_snap_free(before_);                                          \
		t_snap_free(after_);                                           \
	} while (0)

/* @call succeeds (RF_OK) and changes nothing observable at all. */
#define CHECK_NOTHING_CHANGES(n, call) CHECK_REFUSED(n, call, RF_OK)

#endif /* RF_TESTLIB_H */
