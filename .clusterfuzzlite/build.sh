#!/bin/bash -eu
# The fuzz targets for OSS-Fuzz and ClusterFuzzLite.  The builder runs this in
# the source tree (the Dockerfile's WORKDIR) with $CC $CXX $CFLAGS $CXXFLAGS
# $LIB_FUZZING_ENGINE $OUT $SRC $WORK $SANITIZER $FUZZING_ENGINE set; it puts
# into $OUT, for every target of fuzzers/targets.def:
#   fuzz_<target>                  linked with $LIB_FUZZING_ENGINE
#   fuzz_<target>_seed_corpus.zip  the seed programs and the regressions
#   fuzz_<target>.dict             the target's dictionary
#   fuzz_<target>.options          libFuzzer's options for the target
# oss-fuzz/build.sh runs this same file; scripts/oss-fuzz-check runs it the
# way the builder does and checks what the builder's checks check.

src=$PWD
[ -f "$src/fuzzers/targets.def" ] ||
	{ echo "build.sh: run it in the regionfuzz source tree (the Dockerfile's WORKDIR), not $src" >&2; exit 1; }
source "$src/scripts/lib/common.sh"
build=$WORK/regionfuzz

# Coverage feedback from the engine and the decoder only, as in the project's
# own fuzzing presets (fuzzers/coverage.ignorelist says why).  The coverage
# build (SANITIZER=coverage) has no feedback instrumentation to thin.
ignorelist=$src/fuzzers/coverage.ignorelist
if [ "$FUZZING_ENGINE" = afl ]; then
	# afl-clang-fast reads the list from the environment; and AFL++ wants the
	# same edges from every run of an input, so no kept set-ups
	# (oracle/setup_cache.c).
	export AFL_LLVM_DENYLIST=$ignorelist
	CFLAGS="$CFLAGS -DRF_SETUP_CACHE_OFF"
elif [ "$FUZZING_ENGINE" = libfuzzer ] && [ "$SANITIZER" != coverage ]; then
	CFLAGS="$CFLAGS -fsanitize-coverage-ignorelist=$ignorelist"
fi
export CFLAGS

# No build type: the builder's flags are the whole optimisation and debug
# story.  Warnings are not errors with a compiler this project does not pin.
# Ninja when there is one (the Dockerfiles install it): it runs the many
# small steps of the corpus at a fraction of make's cost.
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake "${generator[@]}" -S "$src" -B "$build" -DCMAKE_BUILD_TYPE= -DRF_TESTS=OFF -DRF_WERROR=OFF \
	-DRF_LIB_FUZZING_ENGINE="$LIB_FUZZING_ENGINE"
# oss_fuzz: every fuzz_<target> and its corpus (fuzzers/targets.cmake).
cmake --build "$build" --parallel "$(nproc)" --target oss_fuzz

for t in $(rf_targets); do
	cp "$build/fuzzers/fuzz_$t" "$OUT/"
	# The seeds and the regressions alike: every regression runs clean on the
	# clean engine (ctest's corpus.<t>.regressions checks it), and each is an
	# edge state that once broke the engine or the oracle -- worth mutating
	# around, and worth replaying on every build.
	rm -f "$OUT/fuzz_${t}_seed_corpus.zip"
	(cd "$build/corpus/$t" && zip -q -X "$OUT/fuzz_${t}_seed_corpus.zip" ./*)
	cp "$build/corpus/$t.dict" "$OUT/fuzz_$t.dict"
	# The longest input scripts/fuzz lets libFuzzer make (the decoder reads
	# at most RF_FUZZ_MAX_OPS ops of any input).
	printf '[libfuzzer]\nmax_len = 4096\n' >"$OUT/fuzz_$t.options"
done
