# shellcheck shell=bash
# Helpers shared by the scripts: where things are, and getting what is missing.

RF_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RF_JOBS=${RF_JOBS:-$(nproc 2>/dev/null || echo 2)}

rf_die() {
	echo "$(basename "$0"): $*" >&2
	exit 2
}

rf_note() {
	echo "$(basename "$0"): $*" >&2
}

# rf_need CMD PACKAGE [CMD PACKAGE ...]: make sure each command exists.  Missing
# ones are installed with apt-get when running as root on Debian; otherwise the
# script stops and says exactly what to install.
rf_need() {
	local missing_pkgs=() missing_cmds=()
	while [ $# -ge 2 ]; do
		command -v "$1" >/dev/null 2>&1 || { missing_cmds+=("$1"); missing_pkgs+=("$2"); }
		shift 2
	done
	[ ${#missing_cmds[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
		rf_note "installing ${missing_pkgs[*]} (for ${missing_cmds[*]})"
		DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >/dev/null ||
			rf_die "apt-get update failed; install by hand: apt-get install ${missing_pkgs[*]}"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_pkgs[@]}" </dev/null >/dev/null ||
			rf_die "apt-get install failed; install by hand: apt-get install ${missing_pkgs[*]}"
		return 0
	fi
	rf_die "missing ${missing_cmds[*]}; install them with: sudo apt-get install ${missing_pkgs[*]}"
}

# The tools every build needs.
rf_need_build_tools() {
	rf_need cmake cmake gcc gcc clang clang make make
}

# rf_build PRESET: configure if needed and build.
rf_build() {
	local preset=$1
	(cd "$RF_ROOT" && cmake --preset "$preset" >/dev/null && cmake --build --preset "$preset") ||
		rf_die "the $preset build failed (see above)"
}

# The fuzz targets, one per line, from fuzzers/targets.def.
rf_targets() {
	sed -n 's/^TARGET(\([a-z0-9_]*\),.*/\1/p' "$RF_ROOT/fuzzers/targets.def"
}

rf_is_target() {
	rf_targets | grep -qx -- "$1"
}

rf_is_uint() {
	[[ $1 =~ ^[0-9]+$ ]]
}

# libFuzzer's output, thinned to a status line every few seconds (its NEW
# lines can come thousands a second); the final statistics pass through.
rf_progress_libfuzzer() {
	local line last=-10
	while IFS= read -r line; do
		case $line in
		'#'*pulse* | '#'*NEW* | '#'*REDUCE* | '#'*INITED* | '#'*DONE* | '#'*RELOAD*)
			if [ $((SECONDS - last)) -ge 5 ] || [[ $line == *INITED* || $line == *DONE* ]]; then
				echo "  $line"
				last=$SECONDS
			fi ;;
		'#'*) ;;
		*) echo "  $line" ;;
		esac
	done
}

# afl-fuzz without its UI prints little: show its warnings, and every ten
# seconds one line from the fuzzer_stats files of every instance.
rf_progress_afl() {
	local dir=$1 line
	(
		while sleep 10; do
			[ -d "$dir" ] || continue
			rf_afl_stats "$dir" | awk '{printf "  progress: %s\n", $0}'
		done
	) &
	local ticker=$!
	while IFS= read -r line; do
		case $line in *'[-]'* | *'[!]'* | *PROGRAM\ ABORT*) echo "  $line" ;; esac
	done
	kill $ticker 2>/dev/null || true
	wait $ticker 2>/dev/null || true
}

# One line: the instances' execs, exec/s, edges and corpus, summed or maxed.
rf_afl_stats() {
	cat "$1"/*/fuzzer_stats 2>/dev/null | awk -F' *: *' '
		$1 == "execs_done" { execs += $2 }
		$1 == "execs_per_sec" { rate += $2 }
		$1 == "edges_found" && $2 > edges { edges = $2 }
		$1 == "corpus_count" { corpus += $2 }
		$1 == "saved_crashes" || $1 == "unique_crashes" { crashes += $2 }
		END { printf "execs %d, exec/s %.0f, edges %d, corpus %d, crashes %d\n", execs, rate, edges, corpus, crashes }'
}

rf_afl_summary() {
	local dir=$1
	cat "$dir"/*/fuzzer_stats 2>/dev/null | awk -F' *: *' '
		$1 == "execs_done" { execs += $2 }
		$1 == "execs_per_sec" { rate += $2 }
		$1 == "edges_found" && $2 > edges { edges = $2 }
		$1 == "bitmap_cvg" { cvg = $2 }
		$1 == "corpus_count" { corpus += $2 }
		$1 == "corpus_found" { found += $2 }
		END {
			printf "   execs:         %d\n", execs
			printf "   exec/s:        %.0f\n", rate
			printf "   coverage:      %d edges (bitmap %s)\n", edges, cvg
			printf "   new inputs:    %d (corpus: %d)\n", found, corpus
		}'
}

# rf_target_of FILE: the target a file belongs to, from a folder in its path
# named after one (corpus/steal/..., work/ra_moves-libfuzzer/...); v4 if none.
rf_target_of() {
	local part t
	# Split on newlines too: rf_targets gives one target a line.
	local IFS=$'/\n'
	for part in $(realpath -m "$1"); do
		for t in $(rf_targets); do
			case $part in "$t" | "$t"-*) echo "$t"; return ;; esac
		done
	done
	echo v4
}

# rf_engine_options OPTS: check an engine option string (rf-tool --help) and
# export it for every tool and fuzzer this script runs.
rf_engine_options() {
	"$RF_ROOT/build/release/fuzzers/rf-tool" --options "$1" targets >/dev/null ||
		rf_die "bad --options '$1' (see rf-tool --help: clean, faithful, clean-V2, clean+INJECT_NR_DELTA)"
	export RF_ENGINE_OPTIONS=$1
}
