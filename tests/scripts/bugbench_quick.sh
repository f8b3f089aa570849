#!/usr/bin/env bash
# The quick bug benchmark CI runs: every bug of bugs/ fuzzed once (seed 1) for
# a fixed number of runs on its target, and the clean engine for the same
# runs on every target.  Fails when a bug is missed or does not apply or
# build, or when the clean engine crashes -- scripts/bugbench's own verdict --
# and when the table does not list every patch of bugs/.  Fixed seed and run
# count: the same verdict on a slow machine as on a fast one.
#   usage: bugbench_quick.sh SCRATCH [RUNS]
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
scratch=${1:?usage: bugbench_quick.sh SCRATCH [RUNS]}
runs=${2:-10000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

status=0
"$RF_ROOT/scripts/bugbench" --runs "$runs" --trials 1 --scratch "$scratch" --out "$out" || status=$?
[ $status -eq 0 ] || { echo "bugbench_quick: FAILED: scripts/bugbench exited $status (its table above)" >&2; exit 1; }

# Every patch has its row, and each row says 1/1: the verdict above covers them all.
patches=$(find "$RF_ROOT/bugs" -maxdepth 1 -name '*.patch' | wc -l)
rows=$(tail -n +2 "$out/bugbench.csv" | grep -vc '^clean-' || true)
[ "$rows" -eq "$patches" ] || { echo "bugbench_quick: FAILED: $rows rows for $patches patches in bugs/" >&2; exit 1; }
missed=$(tail -n +2 "$out/bugbench.csv" | awk -F, '$1 !~ /^clean-/ && $8 !~ /^GAP/ && $3 != $4' | wc -l)
crashed=$(tail -n +2 "$out/bugbench.csv" | awk -F, '$1 ~ /^clean-/ && $3 != 0' | wc -l)
[ "$missed" -eq 0 ] && [ "$crashed" -eq 0 ] ||
	{ echo "bugbench_quick: FAILED: $missed bug(s) missed, $crashed clean target(s) crashed" >&2; exit 1; }
echo "bugbench_quick: $patches bugs detected in $runs runs each (seed 1); the clean engine ran $runs runs per target without a crash"
