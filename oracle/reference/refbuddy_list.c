// SPDX-License-Identifier: MIT
/*
 * A free list as a plain array of head pfns in list order: v[lo] is the list
 * head, v[hi - 1] its tail.  Room is kept on both sides so that adding at
 * either end does not move the whole list; deleting searches from the head.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refbuddy_internal.h"

_Noreturn void rl_die(const char *why)
{
	fprintf(stderr, "refbuddy: %s\n", why);
	abort();
}

size_t rl_count(const struct rl_list *l)
{
	return l->hi - l->lo;
}

unsigned long rl_get(const struct rl_list *l, size_t i)
{
	if (i >= rl_count(l))
		rl_die("list index out of range");
	return l->v[l->lo + i];
}

/* Re-lay the entries in the middle of an array with room on both sides. */
static void recentre(struct rl_list *l)
{
	size_t n = rl_count(l);
	size_t cap = l->cap;

	if (cap < 2 * n + 8)
		cap = 2 * n + 16;

	unsigned long *v = malloc(cap * sizeof(*v));

	if (!v)
		rl_die("out of memory");
	size_t lo = (cap - n) / 2;

	if (n)
		memcpy(v + lo, l->v + l->lo, n * sizeof(*v));
	free(l->v);
	l->v = v;
	l->cap = cap;
	l->lo = lo;
	l->hi = lo + n;
}

void rl_add_head(struct rl_list *l, unsigned long pfn)
{
	if (l->lo == 0)
		recentre(l);
	l->v[--l->lo] = pfn;
}

void rl_add_tail(struct rl_list *l, unsigned long pfn)
{
	if (l->hi == l->cap)
		recentre(l);
	l->v[l->hi++] = pfn;
}

void rl_del(struct rl_list *l, unsigned long pfn)
{
	for (size_t i = l->lo; i < l->hi; i++) {
		if (l->v[i] != pfn)
			continue;
		/* Close the gap from whichever side is shorter. */
		if (i - l->lo < l->hi - 1 - i) {
			memmove(l->v + l->lo + 1, l->v + l->lo, (i - l->lo) * sizeof(*l->v));
			l->lo++;
		} else {
			memmove(l->v + i, l->v + i + 1, (l->hi - 1 - i) * sizeof(*l->v));
			l->hi--;
		}
		return;
	}
	rl_die("deleting a pfn that is not on the list");
}

void rl_release(struct rl_list *l)
{
	free(l->v);
	l->v = NULL;
	l->lo = l->hi = l->cap = 0;
}
