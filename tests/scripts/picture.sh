#!/usr/bin/env bash
# scripts/reproduce --picture, as users run it: a regression that fails on the
# faithful engine (corpus/v4/regressions/V3-handout-retypes-head-only.txt,
# POL-RA-TYPE) drawn at its failure, the same PNG bytes the second time, the
# default name in the current folder, and bad arguments refused with nothing
# written.  What the picture shows -- at a failure, at the end of a clean run
# -- is tests/fuzzers/test_picture.c's business; this checks that a real PNG
# comes out of the scripts.  Two runs: each one's release build check costs
# seconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
reproduce=$root/scripts/reproduce
regression=$root/corpus/v4/regressions/V3-handout-retypes-head-only.txt
fail() { echo "picture: FAILED: $*" >&2; exit 1; }

# png_ok FILE: the PNG signature, an IHDR chunk first, a sane size.
png_ok() {
	local sig chunk width height
	sig=$(od -An -tx1 -N8 "$1" | tr -d ' \n')
	[ "$sig" = 89504e470d0a1a0a ] || fail "$1 does not start with the PNG signature ($sig)"
	chunk=$(od -An -c -j12 -N4 "$1" | tr -d ' \n')
	[ "$chunk" = IHDR ] || fail "$1: the first chunk is '$chunk', not IHDR"
	width=$(od -An -tu4 --endian=big -j16 -N4 "$1" | tr -d ' ')
	height=$(od -An -tu4 --endian=big -j20 -N4 "$1" | tr -d ' ')
	[ "$width" -ge 600 ] && [ "$width" -le 2000 ] && [ "$height" -ge 150 ] && [ "$height" -le 2000 ] ||
		fail "$1 is ${width}x$height pixels"
	echo "  $1: PNG, ${width}x$height"
}

# run EXPECTED ARGS...: scripts/reproduce exits EXPECTED.
run() {
	local want=$1 status=0
	shift
	"$reproduce" "$@" >"$tmp/out" 2>&1 || status=$?
	[ $status -eq "$want" ] || { tail -5 "$tmp/out"; fail "reproduce $* exited $status, expected $want"; }
}

echo "== the failure on the faithful engine"
run 1 "$regression" --faithful --picture "$tmp/failed.png"
grep -q 'FAILED POL-RA-TYPE' "$tmp/out" || fail "no POL-RA-TYPE report"
grep -q "wrote the picture of the state at the failure to $tmp/failed.png" "$tmp/out" ||
	fail "no word of the picture"
png_ok "$tmp/failed.png"

echo "== the same again, the default name in the current folder: the same bytes"
(cd "$tmp" && run 1 "$regression" --faithful --picture) || exit 1
png_ok "$tmp/V3-handout-retypes-head-only.png"
cmp -s "$tmp/failed.png" "$tmp/V3-handout-retypes-head-only.png" ||
	fail "the second picture differs from the first"

echo "== bad arguments: refused, nothing written"
before=$(ls "$tmp" | tr '\n' ' ')
run 2 "$regression" --picture "$tmp/state.jpg"
grep -q 'name the picture \*.png' "$tmp/out" || fail "no word on the name"
run 2 "$regression" --picture "$tmp/no/such/folder/state.png"
echo "not a picture" >"$tmp/notes.png"
run 2 "$regression" --picture "$tmp/notes.png"
[ "$(cat "$tmp/notes.png")" = "not a picture" ] || fail "a file that is not a PNG was replaced"
cp "$regression" "$tmp/program.png"
run 2 "$tmp/program.png" --picture "$tmp/program.png"
cmp -s "$regression" "$tmp/program.png" || fail "the input was overwritten"
rm "$tmp/notes.png" "$tmp/program.png"
[ "$(ls "$tmp" | tr '\n' ' ')" = "$before" ] || fail "files appeared: $(ls "$tmp" | tr '\n' ' ')"

echo "picture: ok"
