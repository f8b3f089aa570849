// SPDX-License-Identifier: MIT
/*
 * Buffers the oracle keeps from one session to the next (shadows, live sets,
 * the set-up's block list, scratch): grown when a bigger geometry needs more,
 * never shrunk, so that a fuzz target on the geometries it has seen
 * allocates nothing per input.
 */
#include <stdlib.h>

#include "oracle_internal.h"

void *buffer_reserve(void *buf, size_t *cap, size_t need, size_t size)
{
	if (!need)
		need = 1;	/* so that success is never a NULL buffer */
	if (buf && need <= *cap)
		return buf;

	size_t want = *cap * 2 > need ? *cap * 2 : need;
	void *b = realloc(buf, want * size);

	if (b)
		*cap = want;
	return b;
}
