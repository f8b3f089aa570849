#!/usr/bin/env bash
# "Decoding never crashes on any input", fuzzed: fuzz_format (the format
# suite's properties behind a libFuzzer entry) from nothing, a fixed seed and
# a fixed number of runs, under ASan+UBSan.  Longer runs: the same binary,
# build/libfuzzer/fuzzers/fuzz_format, with -max_total_time.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
runs=${1:-30000}
rf_need_build_tools
rf_build libfuzzer >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$RF_ROOT/build/libfuzzer/fuzzers/fuzz_format" -seed=1 -runs="$runs" -max_len=2048 \
	-artifact_prefix="$work/" "$work" 2>"$work/log" || { tail -40 "$work/log"; exit 1; }
grep -a 'DONE' "$work/log" | tail -1
echo "format_fuzz: $runs inputs, every property held"
