// SPDX-License-Identifier: MIT
/*
 * Set-ups kept between programs.  A fuzzer runs thousands of programs a
 * second, most on a handful of geometries, and setting a node up (the boot:
 * every page initialised, every boot chunk freed through the buddy
 * allocator) and then proving the set-up state with a full walk cost more
 * than a typical program's ops.  Set-up is a function of the geometry and the
 * configuration alone, so each engine mode keeps its last set-up: the node as
 * it was set up, whether its full walk passed, and what record_setup() read
 * from it; a program on the same geometry starts from a copy (rf_node_copy).
 *
 * A small table per mode, least recently used out: libFuzzer mutates a
 * random corpus entry each time, so consecutive programs change geometry
 * all the time, but a corpus holds few distinct geometries: about two
 * hundred after 20,000 libFuzzer runs of the main target, most of the runs
 * on a few dozen.  Keeping 256 rather than 64 halved the misses there (740
 * to 360) and made the target 7 % faster; an entry costs two nodes of at
 * most RF_FUZZ_MAX_PAGES pages, some 100 KiB.  A miss costs only the set-up
 * it would have cost anyway.  Each entry's working node is lent to
 * one session at a time; a second session open at once gets its own.
 */
#include <stdlib.h>
#include <string.h>

#include "oracle_internal.h"

#define SETUP_CACHE_ENTRIES 256

struct setup_entry {
	bool valid;
	unsigned long last_used;
	bool verified;			/* the set-up state passed the full walk */
	struct rf_geometry geo;
	unsigned long options;
	struct rf_node *pristine;	/* as set up, never run */
	struct rf_node *spare;		/* same shape; NULL while lent */
	struct rf_node *lent;
	struct walk_scratch scratch;	/* the full walk's buffers, lent with the node */
	long nr_free_pages[RF_MAX_ZONES];
	unsigned long *blocks;		/* free_blocks() of the set-up */
	size_t nr_blocks;
};

static struct setup_entry cache[2][SETUP_CACHE_ENTRIES];	/* [enum rf_mode] */
static unsigned long setup_clock;	/* stamps for least recently used */

/* The entry of @geo and @options, or the one to replace with it. */
static struct setup_entry *entry_find(enum rf_mode mode, const struct rf_geometry *geo,
				      unsigned long options, bool *hit)
{
	struct setup_entry *victim = &cache[mode][0];

	for (int i = 0; i < SETUP_CACHE_ENTRIES; i++) {
		struct setup_entry *e = &cache[mode][i];

		/* The size and start first: most entries differ there, and a
		 * lookup passes over a hundred of them on average. */
		if (e->valid && e->options == options &&
		    e->geo.node_spanned_pages == geo->node_spanned_pages &&
		    e->geo.node_start_pfn == geo->node_start_pfn && rf_geometry_equal(&e->geo, geo)) {
			*hit = true;
			return e;
		}
		if (!e->valid || (victim->valid && e->last_used < victim->last_used))
			victim = e;
	}
	*hit = false;
	return victim;
}

/* The entry that lent @node, if any. */
static struct setup_entry *entry_of(enum rf_mode mode, const struct rf_node *node)
{
	for (int i = 0; i < SETUP_CACHE_ENTRIES; i++)
		if (cache[mode][i].valid && cache[mode][i].lent == node)
			return &cache[mode][i];
	return NULL;
}

static void entry_clear(struct setup_entry *e)
{
	rf_node_destroy(e->pristine);
	rf_node_destroy(e->spare);
	walk_scratch_free(&e->scratch);
	free(e->blocks);
	/* A lent node is destroyed when it comes back and no longer matches. */
	memset(e, 0, sizeof(*e));
}

/* What CONTRACT-RESTORED compares against: NR_FREE_PAGES and the free
 * blocks, into *@blocks of *@cap entries (grown as needed). */
static int read_setup(const struct rf_node *node, long nr_free_pages[RF_MAX_ZONES],
		      unsigned long **blocks, size_t *cap, size_t *nr_blocks)
{
	const struct rf_geometry *g = rf_node_geometry(node);

	for (unsigned int z = 0; z < g->nr_zones; z++) {
		struct rf_zone_info zi;

		rf_zone_info(node, z, &zi);
		nr_free_pages[z] = zi.nr_free_pages;
	}
	return free_blocks(node, blocks, cap, nr_blocks);
}

static int entry_fill(struct setup_entry *e, const struct rf_geometry *geo,
		      const struct rf_config *cfg, char *why, size_t whylen)
{
	int err;

	entry_clear(e);
	err = rf_node_create(geo, cfg, &e->pristine, why, whylen);
	if (!err)	/* a copy, not a second boot */
		err = rf_node_clone(e->pristine, &e->spare);
	size_t cap = 0;

	if (!err)
		err = read_setup(e->pristine, e->nr_free_pages, &e->blocks, &cap, &e->nr_blocks);
	if (err) {
		entry_clear(e);
		return err;
	}
	e->geo = *rf_node_geometry(e->pristine);
	e->options = cfg->options;
	e->valid = true;
	return RF_OK;
}

/*
 * AFL++ runs each new input several times and calls the edges that differ
 * between runs unstable: a kept set-up would hide the boot's edges on all but
 * the first run of a geometry (its stability fell to 70 %).  Its builds
 * define RF_SETUP_CACHE_OFF and set every program up afresh.
 */
#ifdef RF_SETUP_CACHE_OFF
static const bool setup_cache_on = false;
#else
static const bool setup_cache_on = true;
#endif

/* A fresh node, set up for this session alone. */
static int setup_fresh(struct side *s, const struct rf_geometry *geo, const struct rf_config *cfg,
		       char *why, size_t whylen)
{
	int err = rf_node_create(geo, cfg, &s->node, why, whylen);

	return err ? err : read_setup(s->node, s->setup_nr_free_pages, &s->setup_blocks,
				      &s->setup_blocks_cap, &s->nr_setup_blocks);
}

/* A node of @geo and @cfg in its set-up state, and what CONTRACT-RESTORED wants. */
int setup_node(struct side *s, const struct rf_geometry *geo, const struct rf_config *cfg,
	       bool *verified, char *why, size_t whylen)
{
	bool hit;
	struct setup_entry *e;
	int err;

	*verified = false;
	if (!setup_cache_on)
		return setup_fresh(s, geo, cfg, why, whylen);
	e = entry_find(cfg->mode, geo, cfg->options, &hit);
	if (!hit) {
		err = entry_fill(e, geo, cfg, why, whylen);
		if (err)
			return err;
	}
	e->last_used = ++setup_clock;
	if (e->spare) {
		s->node = e->spare;
		e->lent = e->spare;
		e->spare = NULL;
		s->scratch = e->scratch;
		memset(&e->scratch, 0, sizeof(e->scratch));
		if (rf_node_copy(s->node, e->pristine))
			return RF_EINVAL;	/* cannot happen: same geometry and options */
	} else {
		err = rf_node_clone(e->pristine, &s->node);
		if (err)
			return err;
	}
	*verified = e->verified;
	memcpy(s->setup_nr_free_pages, e->nr_free_pages, sizeof(e->nr_free_pages));
	unsigned long *b = buffer_reserve(s->setup_blocks, &s->setup_blocks_cap, e->nr_blocks,
					  sizeof(*b));

	if (!b)
		return RF_ENOSPC;
	s->setup_blocks = b;
	s->nr_setup_blocks = e->nr_blocks;
	if (e->nr_blocks)
		memcpy(s->setup_blocks, e->blocks, e->nr_blocks * sizeof(*e->blocks));
	return RF_OK;
}

/* The set-up state of @s's node passed the full walk: later copies need none. */
void setup_node_verified(const struct side *s)
{
	struct setup_entry *e = entry_of(s->mode, s->node);

	if (e)
		e->verified = true;
}

/* The session is done with its node: back to its entry as the spare, with
 * the walk's buffers, or destroyed. */
void setup_node_release(struct side *s)
{
	struct setup_entry *e = s->node ? entry_of(s->mode, s->node) : NULL;

	if (e) {
		e->lent = NULL;
		if (!e->spare) {
			e->spare = s->node;
			walk_scratch_free(&e->scratch);
			e->scratch = s->scratch;
			memset(&s->scratch, 0, sizeof(s->scratch));
			s->node = NULL;
			return;
		}
	}
	rf_node_destroy(s->node);
	walk_scratch_free(&s->scratch);
	s->node = NULL;
}

void rf_session_cache_clear(void)
{
	exec_spare_free();
	for (int m = 0; m < 2; m++)
		for (int i = 0; i < SETUP_CACHE_ENTRIES; i++)
			entry_clear(&cache[m][i]);
}
