#!/usr/bin/env bash
# The OSS-Fuzz and ClusterFuzzLite integration, as ctest runs it:
# scripts/oss-fuzz-check refuses bad arguments (exit 2, nothing made), then
# makes the four builds OSS-Fuzz and ClusterFuzzLite make of this project and
# checks each as OSS-Fuzz checks a build, with fixed seeds and run counts.
# Skipped (exit 77) only where there is no clang: OSS-Fuzz builds with
# nothing else.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v clang >/dev/null ||
	{ echo "oss_fuzz_check: SKIPPED: no clang here, and OSS-Fuzz builds only with clang"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "oss_fuzz_check: FAILED: $*" >&2; exit 1; }

echo "== bad arguments: exit 2, a message, nothing made"
mkdir "$tmp/kept" "$tmp/scratch"
for args in "--build libfuzzer+memory" "--runs 0" "--runs many" "--keep $tmp/kept" "--frobnicate"; do
	status=0
	# shellcheck disable=SC2086
	TMPDIR=$tmp/scratch "$root/scripts/oss-fuzz-check" $args >"$tmp/out" 2>&1 || status=$?
	[ $status -eq 2 ] || { cat "$tmp/out"; fail "'$args' exited $status, expected 2"; }
	grep -q 'oss-fuzz-check: ' "$tmp/out" || fail "'$args' said nothing of what was wrong"
	[ -z "$(find "$tmp/scratch" "$tmp/kept" -mindepth 1)" ] || fail "'$args' made files"
done

echo "== the four builds, checked"
status=0
"$root/scripts/oss-fuzz-check" 2>&1 | tee "$tmp/check.out" || status=$?
[ $status -eq 0 ] || fail "scripts/oss-fuzz-check exited $status"
for build in libfuzzer+address libfuzzer+undefined afl+address coverage; do
	grep -q "^$build: ok" "$tmp/check.out" || fail "no '$build: ok' line"
done
grep -q '^config: .*, ok$' "$tmp/check.out" || fail "no 'config: ... ok' line"
echo "oss_fuzz_check: every build passed OSS-Fuzz's checks"
