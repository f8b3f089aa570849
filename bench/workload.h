/* SPDX-License-Identifier: MIT */
/*
 * The benchmark workload: a fixed, seeded, mixed stream of operations --
 * allocations of several orders and all three types, frees of random live
 * blocks, move_freepages(_block) within a pageblock, and isolation of
 * MAX_ORDER-1 chunks with their undo -- recorded once, then replayed on each
 * engine configuration so that all of them face the same stream.
 */
#ifndef RF_BENCH_WORKLOAD_H
#define RF_BENCH_WORKLOAD_H

#include <stdint.h>

#include <regionfuzz/engine.h>
#include <regionfuzz/oracle.h>

struct stream {
	struct rf_op *ops;
	unsigned long nr;
};

/*
 * Record @nr operations for @geo with @seed.  The mix keeps memory between a
 * third and four fifths used, judged on a vanilla engine run as it records.
 */
int workload_record(struct stream *st, const struct rf_geometry *geo, uint64_t seed,
		    unsigned long nr);
void workload_free(struct stream *st);

/* Apply the stream to a fresh engine of @mode, straight through the API, as
 * the oracle's executor would (handles index the live allocations). */
int workload_replay(const struct stream *st, const struct rf_geometry *geo, enum rf_mode mode,
		    double *seconds);

#endif /* RF_BENCH_WORKLOAD_H */
