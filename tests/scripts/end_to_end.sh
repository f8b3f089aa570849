#!/usr/bin/env bash
# The users' path through a bug, end to end, with the scripts they run: a
# test-only bug injected through an engine option (INJECT_MOVE_COUNT:
# move_freepages reports one page too many), a starting corpus that never
# moves a page, scripts/fuzz finding the bug, scripts/minimize cutting the
# crash to a short program with the same failure id, scripts/reproduce
# printing it, and the regression check ctest runs on corpus/*/regressions
# accepting it.  Fixed seed and run counts: the same result on every run.
# The work folder's path has a space, as a user's may.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
opts=clean+INJECT_MOVE_COUNT
fail() { echo "end_to_end: FAILED: $*" >&2; exit 1; }

# A corpus with no move in it: the fuzzer has to make one.
mkdir "$tmp/seeds"
cat >"$tmp/seeds/alloc-free.txt" <<'PROGRAM'
geometry max_order=6 pageblock_order=3 region_shift=7 start=0x0 pages=512
zones 0x0
modes both
alloc zone=0 order=2 mt=MOVABLE
alloc zone=0 order=0 mt=UNMOVABLE
free handle=0
PROGRAM

echo "== scripts/fuzz finds the injected bug"
status=0
"$root/scripts/fuzz" v4 --options "$opts" --corpus "$tmp/seeds" --runs 100000 --seed 1 \
	--work "$tmp/work dir" >"$tmp/fuzz.out" 2>&1 || status=$?
tail -8 "$tmp/fuzz.out"
[ $status -eq 1 ] || fail "scripts/fuzz exited $status, expected 1 (a crash)"
grep -q 'crash-.*: CONTRACT-MOVE \[v4\]' "$tmp/fuzz.out" || fail "no CONTRACT-MOVE crash in the summary"
# The work folder started empty: what the run added is what corpus/ holds.
added=$(sed -n 's/^   new inputs: *\([0-9]*\) .*/\1/p' "$tmp/fuzz.out")
files=$(find "$tmp/work dir/corpus" -type f | wc -l)
[ "$files" -gt 0 ] && [ "${added:-x}" = "$files" ] ||
	fail "the summary counts ${added:-no} new inputs, corpus/ holds $files files"
crash=$(ls "$tmp/work dir"/crashes/crash-* | head -1)
crash_sum=$(md5sum <"$crash")

echo "== scripts/minimize cuts it down"
"$root/scripts/minimize" "$crash" --options "$opts" -o "$tmp/min.txt" >"$tmp/min.out" 2>&1 ||
	{ cat "$tmp/min.out"; fail "scripts/minimize failed"; }
cat "$tmp/min.txt"
grep -qx "# expect CONTRACT-MOVE on v4 with $opts" "$tmp/min.txt" || fail "no '# expect' line"
ops=$(grep -cvE '^(#|geometry|zones|modes|holes|reserved)' "$tmp/min.txt")
[ "$ops" -ge 1 ] && [ "$ops" -le 5 ] || fail "$ops ops after minimizing, expected 1 to 5"
[ "$(md5sum <"$crash")" = "$crash_sum" ] || fail "minimizing changed the crash file"

echo "== the minimizer never overwrites: not the input, not an existing output"
before=$(md5sum <"$tmp/min.txt")
status=0
"$root/scripts/minimize" "$crash" --options "$opts" -o "$tmp/min.txt" >/dev/null 2>&1 || status=$?
[ $status -eq 2 ] && [ "$(md5sum <"$tmp/min.txt")" = "$before" ] || fail "an existing output was not protected"
status=0
"$root/scripts/minimize" "$tmp/min.txt" -o "$tmp/min.txt" --force >/dev/null 2>&1 || status=$?
[ $status -eq 2 ] && [ "$(md5sum <"$tmp/min.txt")" = "$before" ] || fail "the input was not protected"

echo "== scripts/reproduce prints it readably"
status=0
"$root/scripts/reproduce" "$tmp/min.txt" --options "$opts" >"$tmp/repro.out" 2>&1 || status=$?
cat "$tmp/repro.out"
[ $status -eq 1 ] || fail "scripts/reproduce exited $status, expected 1"
grep -q '^# the run, op by op' "$tmp/repro.out" || fail "no op-by-op listing"
grep -q 'FAILED CONTRACT-MOVE (contract) at op' "$tmp/repro.out" || fail "no failure report"
status=0
"$root/scripts/reproduce" "$tmp/min.txt" >/dev/null 2>&1 || status=$?
[ $status -eq 0 ] || fail "the program fails on the clean engine too"

echo "== as a regression file, it passes the check ctest runs"
"$root/build/release/fuzzers/rf-tool" check v4 "$tmp/min.txt" || fail "rf-tool check refused it"
echo "end_to_end: ok"
