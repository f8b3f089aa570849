// SPDX-License-Identifier: MIT
/*
 * Test-only corruptions (<regionfuzz/testhooks.h>): each damages one thing so
 * that a test can prove the oracle check guarding it fires.  Built into its
 * own library; the engine never calls it.
 */
#include <regionfuzz/testhooks.h>

#include "internal.h"

/* The free block headed at @pfn, or NULL. */
static struct page *free_head(struct node *n, unsigned long pfn)
{
	if (!node_spans_pfn(n, pfn) || !PageBuddy(pfn_to_page(n, pfn)))
		return NULL;
	return pfn_to_page(n, pfn);
}

static struct free_list *v4_list(struct node *n, unsigned int zone, unsigned int order, int mt)
{
	if (!n->v4 || zone >= n->nr_zones || order >= n->max_order || !valid_migratetype(mt))
		return NULL;
	return &n->zones[zone].free_area[order].free_list[mt];
}

int rf_test_corrupt(struct rf_node *node, enum rf_corruption what, unsigned int zone,
		    unsigned long pfn, unsigned int order, int mt, long value)
{
	struct node *n = (struct node *)node;
	struct zone *z = node_spans_pfn(n, pfn) ? pfn_to_zone(n, pfn) : zone_of_index(n, zone);
	struct page *p = free_head(n, pfn);
	struct free_list *fl = v4_list(n, zone, order, mt);
	uint32_t idx = node_spans_pfn(n, pfn) ? pfn_to_idx(n, pfn) : 0;
	uint32_t r = z && node_spans_pfn(n, pfn) ? pfn_to_zone_region(z, pfn) : 0;

	if (!z)
		return RF_EINVAL;
	switch (what) {
	case RF_CORRUPT_NR_FREE:
		if (order >= n->max_order)
			return RF_EINVAL;
		z->free_area[order].nr_free += (unsigned long)value;
		return RF_OK;
	case RF_CORRUPT_NR_FREE_PAGES:
		z->nr_free_pages += value;
		return RF_OK;
	case RF_CORRUPT_LIST_PREV:
		if (!p || !node_spans_pfn(n, (unsigned long)value))
			return RF_EINVAL;
		n->lru[idx].prev = pfn_to_idx(n, (unsigned long)value);
		return RF_OK;
	case RF_CORRUPT_UNLINK:
	case RF_CORRUPT_LEAK:
		if (!p || !list_linked(n->lru, idx))
			return RF_EINVAL;
		list_del(n->lru, idx);
		if (p->list_mt < MIGRATE_TYPES)
			z->free_area[p->order].free_list[p->list_mt].nr_entries--;
		z->free_area[p->order].nr_free--;
		if (what == RF_CORRUPT_LEAK) {
			z->region[r].nr_free -= 1UL << p->order;
			z->nr_free_pages -= 1L << p->order;
			rmv_page_order(p);
		}
		return RF_OK;
	case RF_CORRUPT_RESERVE_PAGE:
		if (!node_spans_pfn(n, pfn))
			return RF_EINVAL;
		pfn_to_page(n, pfn)->flags |= PG_reserved;
		return RF_OK;
	case RF_CORRUPT_FREEPAGE_MT:
		if (!node_spans_pfn(n, pfn) || !valid_migratetype(mt))
			return RF_EINVAL;
		set_freepage_migratetype(pfn_to_page(n, pfn), mt);
		return RF_OK;
	case RF_CORRUPT_PAGEBLOCK_MT:
		if (!node_spans_pfn(n, pfn) || !valid_migratetype(mt))
			return RF_EINVAL;
		n->pageblock_mt[pfn_to_pageblock(n, pfn)] = (uint8_t)mt;
		return RF_OK;
	case RF_CORRUPT_MOVE_RAW:
		if (!p || !valid_migratetype(mt))
			return RF_EINVAL;
		list_move(n->lru, idx, z->free_area[p->order].free_list[mt].head);
		/* The model's own entry counts follow; nothing of the kernel's does. */
		if (p->list_mt < MIGRATE_TYPES)
			z->free_area[p->order].free_list[p->list_mt].nr_entries--;
		z->free_area[p->order].free_list[mt].nr_entries++;
		p->list_mt = (uint8_t)mt;
		return RF_OK;
	case RF_CORRUPT_MOVE:
		if (!p || !valid_migratetype(mt))
			return RF_EINVAL;
		move_page_freelist(z, idx, get_freepage_migratetype(p), mt, p->order);
		set_freepage_migratetype(p, mt);
		return RF_OK;
	case RF_CORRUPT_ROTATE: {
		if (n->v4 || order >= n->max_order || !valid_migratetype(mt))
			return RF_EINVAL;

		uint32_t head = z->free_area[order].free_list[mt].head;
		uint32_t first = n->lru[head].next;

		if (list_empty(n->lru, head) || n->lru[first].next == head)
			return RF_EINVAL;
		list_del(n->lru, first);
		list_add_tail(n->lru, first, head);
		return RF_OK;
	}
	case RF_CORRUPT_SPLIT: {
		if (!p || !p->order || !list_linked(n->lru, idx))
			return RF_EINVAL;

		unsigned int o = p->order - 1;
		int lmt = get_freepage_migratetype(p);
		uint32_t half = idx + (1u << o);

		del_from_freelist(z, idx, lmt, p->order);
		z->free_area[p->order].nr_free--;
		set_page_order(p, o);
		set_page_order(&n->pages[half], o);
		set_freepage_migratetype(&n->pages[half], lmt);
		add_to_freelist(z, idx, lmt, o, false);
		add_to_freelist(z, half, lmt, o, false);
		z->free_area[o].nr_free += 2;
		return RF_OK;
	}
	case RF_CORRUPT_ALLOC_HEAD:
		if (!node_spans_pfn(n, pfn) || !(pfn_to_page(n, pfn)->flags & PG_head))
			return RF_EINVAL;
		pfn_to_page(n, pfn)->flags &= (uint8_t)~PG_head;
		return RF_OK;
	case RF_CORRUPT_FAKE_FREE:
		if (!node_spans_pfn(n, pfn) || order >= n->max_order || !valid_migratetype(mt))
			return RF_EINVAL;
		set_page_order(pfn_to_page(n, pfn), order);
		list_add(n->lru, idx, z->free_area[order].free_list[mt].head);
		z->free_area[order].free_list[mt].nr_entries++;
		pfn_to_page(n, pfn)->list_mt = (uint8_t)mt;
		return RF_OK;
	case RF_CORRUPT_REGION_NR_FREE:
		if (!node_spans_pfn(n, pfn))
			return RF_EINVAL;
		z->region[r].nr_free += (unsigned long)value;
		return RF_OK;
	case RF_CORRUPT_RUN_TAIL:
		if (!fl || !node_spans_pfn(n, (unsigned long)value))
			return RF_EINVAL;
		fl->run[r].tail = pfn_to_idx(n, (unsigned long)value);
		return RF_OK;
	case RF_CORRUPT_RUN_COUNT:
		if (!fl)
			return RF_EINVAL;
		fl->run[r].nr_blocks += (uint32_t)value;
		return RF_OK;
	case RF_CORRUPT_NEXT_REGION:
		if (!fl)
			return RF_EINVAL;
		fl->next_region = value < 0 ? NO_REGION : (uint32_t)value;
		return RF_OK;
	case RF_CORRUPT_BITMAP:
		if (!fl)
			return RF_EINVAL;
		if (region_bitmap_test(&fl->nonempty, r))
			region_bitmap_clear(&fl->nonempty, r);
		else
			region_bitmap_set(&fl->nonempty, r);
		return RF_OK;
	case RF_CORRUPT_RA_BIT:
		if (!n->v4)
			return RF_EINVAL;
		if (region_bitmap_test(&z->region_allocator.held, r))
			region_bitmap_clear(&z->region_allocator.held, r);
		else
			region_bitmap_set(&z->region_allocator.held, r);
		return RF_OK;
	case RF_CORRUPT_RA_COUNT:
		if (!n->v4)
			return RF_EINVAL;
		/* One region's count only: the zone's total now disagrees too. */
		z->region_allocator.region[r].nr_blocks += (unsigned long)value;
		return RF_OK;
	case RF_CORRUPT_RA_LOWEST:
		if (!n->v4)
			return RF_EINVAL;
		z->region_allocator.next_region = value < 0 ? NO_REGION : (uint32_t)value;
		return RF_OK;
	case RF_CORRUPT_RA_LEAK: {
		if (!n->v4)
			return RF_EINVAL;

		struct ra_region *rr = &z->region_allocator.region[r];
		uint32_t first = n->lru[rr->head].next;

		if (rr->nr_blocks < 2 || first == rr->head)
			return RF_EINVAL;
		list_del(n->lru, first);
		rr->nr_blocks--;
		z->region_allocator.nr_blocks--;
		set_freepage_migratetype(&n->pages[first], MIGRATE_MOVABLE);
		add_to_freelist(z, first, MIGRATE_MOVABLE, n->max_order - 1, false);
		z->region[r].nr_free -= 1UL << (n->max_order - 1);
		z->free_area[n->max_order - 1].nr_free++;
		return RF_OK;
	}
	}
	return RF_EINVAL;
}
