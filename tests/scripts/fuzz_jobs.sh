#!/usr/bin/env bash
# scripts/fuzz --jobs 2 under libFuzzer's fork mode, bounded by a run count
# and a seed (fork mode's jobs run for set times, so what they find varies;
# every check below holds whatever it is): two workers grow one corpus
# through the final -merge=1, the output has one kind of progress line and
# one summary, progress.tsv and its three PNG plots are written, and a
# test-only bug that every job trips over is summed up as one failure id.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "fuzz_jobs: FAILED: $*" >&2; exit 1; }

echo "== a bad --jobs changes nothing"
status=0
"$root/scripts/fuzz" --jobs 0 --work "$tmp/bad" >"$tmp/bad.out" 2>&1 || status=$?
[ $status -eq 2 ] && grep -q -- '--jobs must be a positive number' "$tmp/bad.out" ||
	fail "--jobs 0 exited $status: $(cat "$tmp/bad.out")"
[ ! -e "$tmp/bad" ] || fail "--jobs 0 made its work folder"
# Fork mode hands its paths to sh unquoted: a space is refused up front.
status=0
"$root/scripts/fuzz" --jobs 2 --work "$tmp/a space" >"$tmp/bad.out" 2>&1 || status=$?
[ $status -eq 2 ] && grep -q 'needs paths without spaces' "$tmp/bad.out" ||
	fail "--jobs 2 with a space in --work exited $status: $(cat "$tmp/bad.out")"
[ ! -e "$tmp/a space" ] || fail "the refused run made its work folder"
status=0
"$root/scripts/fuzz" --engine afl --work "$tmp/a space" >"$tmp/bad.out" 2>&1 || status=$?
[ $status -eq 2 ] && grep -q 'AFL++ needs paths without spaces' "$tmp/bad.out" ||
	fail "--engine afl with a space in --work exited $status: $(cat "$tmp/bad.out")"
[ ! -e "$tmp/a space" ] || fail "the refused AFL++ run made its work folder"

echo "== two jobs grow one corpus"
status=0
"$root/scripts/fuzz" v4 --jobs 2 --runs 4000 --seed 1 --work "$tmp/work" >"$tmp/fuzz.out" 2>&1 || status=$?
sed -n '/^== summary/,$p' "$tmp/fuzz.out"
[ $status -eq 0 ] || { cat "$tmp/fuzz.out"; fail "scripts/fuzz --jobs 2 exited $status"; }
[ "$(grep -c '^== summary' "$tmp/fuzz.out")" -eq 1 ] || fail "not exactly one summary"
grep -q '^  progress: ' "$tmp/fuzz.out" || fail "no progress line"
! grep -qE '^ *#[0-9]+' "$tmp/fuzz.out" || fail "libFuzzer's own status lines reached the output"
# Two workers: fork mode with two jobs, and jobs that reported back.
grep -q '^INFO: -fork=2: ' "$tmp/work/log" || fail "libFuzzer did not run in fork mode with 2 jobs"
grep -qE '^#[0-9]+: cov: .* job: [0-9]+' "$tmp/work/log" || fail "no fork job reported back"
# The summary's count is what the merge itself says it added.
kept=$(sed -n 's/^fuzz: merging what the jobs kept (\([0-9]*\) inputs).*/\1/p' "$tmp/fuzz.out")
merged=$(sed -n 's/^   new inputs: *\([0-9]*\) merged .*/\1/p' "$tmp/fuzz.out")
outer=$(sed -n 's/^MERGE-OUTER: \([0-9]*\) new files.*/\1/p' "$tmp/work/merge.log")
[ -n "$kept" ] && [ -n "$merged" ] && [ -n "$outer" ] || fail "no merge in the output or in merge.log"
[ "$merged" -gt 0 ] && [ "$merged" -eq "$outer" ] ||
	fail "the summary says $merged merged, the merge says $outer (of $kept kept)"
[ ! -e "$tmp/work/new" ] || fail "new/ is left after the merge"

echo "== progress.tsv and the plots"
tsv=$tmp/work/progress.tsv
[ "$(head -1 "$tsv")" = "$(printf 'seconds\texecs\texec_per_s\tedges\tfeatures\tcorpus\tcrashes')" ] ||
	fail "progress.tsv's header is $(head -1 "$tsv")"
awk -F'\t' 'NR > 1 { n++; for (i = 1; i <= 7; i++) if ($i !~ /^[0-9]+$/) bad = 1 }
	END { exit !(n >= 1 && !bad) }' "$tsv" || fail "progress.tsv has no rows, or a field that is not a count"
for png in coverage speed corpus; do
	f=$tmp/work/plots/$png.png
	[ "$(head -c 8 "$f" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$f is not a PNG"
	grep -q "plots: *$f\$\|^ *$f\$" "$tmp/fuzz.out" || fail "the summary does not name $f"
done

echo "== a bug every job trips over: one failure id"
status=0
"$root/scripts/fuzz" v4 --options clean+INJECT_MOVE_COUNT --jobs 2 --runs 300 --seed 1 \
	--work "$tmp/bug" >"$tmp/bug.out" 2>&1 || status=$?
sed -n '/^   crashes:/,$p' "$tmp/bug.out"
[ $status -eq 1 ] || { cat "$tmp/bug.out"; fail "exited $status, expected 1 (crashes)"; }
crashes=$(sed -n 's/^   crashes: *\([0-9]*\)$/\1/p' "$tmp/bug.out")
ids=$(grep -c '^   - .*: CONTRACT-MOVE \[v4\]' "$tmp/bug.out")
[ "$ids" -eq 1 ] && [ "$(grep -c '^   - ' "$tmp/bug.out")" -eq 1 ] || fail "$ids CONTRACT-MOVE lines, expected one line in all"
[ "$crashes" -eq 1 ] || grep -q "(and $((crashes - 1)) more with this id)" "$tmp/bug.out" ||
	fail "$crashes crash files, but the line does not count the others"
echo "fuzz_jobs: ok"
