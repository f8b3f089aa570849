/* SPDX-License-Identifier: MIT */
/*
 * Doubly linked circular lists in the kernel's list_head style, but linked by
 * 32-bit indices into one array of links (struct lru) instead of pointers.
 *
 * Pages own the first nr_pages links (link i is the lru of page i); every list
 * head is a sentinel link placed after them.  As in the kernel, list_del()
 * needs no knowledge of which list an entry is on -- the vanilla allocator
 * relies on that -- and a deleted entry is poisoned so that "is it linked?"
 * can be answered.
 */
#ifndef RF_ENGINE_LIST_H
#define RF_ENGINE_LIST_H

#include <stdbool.h>
#include <stdint.h>

#define LIST_POISON UINT32_MAX

struct lru {
	uint32_t next;
	uint32_t prev;
};

static inline void INIT_LIST_HEAD(struct lru *l, uint32_t head)
{
	l[head].next = head;
	l[head].prev = head;
}

static inline bool list_empty(const struct lru *l, uint32_t head)
{
	return l[head].next == head;
}

static inline bool list_linked(const struct lru *l, uint32_t entry)
{
	return l[entry].next != LIST_POISON;
}

/* Link @entry between the adjacent @prev and @next. */
static inline void __list_add(struct lru *l, uint32_t entry, uint32_t prev,
			      uint32_t next)
{
	l[next].prev = entry;
	l[entry].next = next;
	l[entry].prev = prev;
	l[prev].next = entry;
}

/* Right after @where (at the head when @where is the list head). */
static inline void list_add(struct lru *l, uint32_t entry, uint32_t where)
{
	__list_add(l, entry, where, l[where].next);
}

/* Right before @where (at the tail when @where is the list head). */
static inline void list_add_tail(struct lru *l, uint32_t entry, uint32_t where)
{
	__list_add(l, entry, l[where].prev, where);
}

static inline void list_del(struct lru *l, uint32_t entry)
{
	uint32_t prev = l[entry].prev, next = l[entry].next;

	l[next].prev = prev;
	l[prev].next = next;
	l[entry].next = LIST_POISON;
	l[entry].prev = LIST_POISON;
}

static inline void list_move(struct lru *l, uint32_t entry, uint32_t head)
{
	list_del(l, entry);
	list_add(l, entry, head);
}

#endif /* RF_ENGINE_LIST_H */
