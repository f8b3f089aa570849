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

# rf_install WHAT PACKAGE...: WHAT is missing; install the Debian packages with
# apt-get when running as root on Debian, else stop and say what to install.
rf_install() {
	local what=$1
	shift
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
		rf_note "installing $* (for $what)"
		DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >/dev/null ||
			rf_die "apt-get update failed; install by hand: apt-get install $*"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" </dev/null >/dev/null ||
			rf_die "apt-get install failed; install by hand: apt-get install $*"
		return 0
	fi
	rf_die "missing $what; install it with: sudo apt-get install $*"
}

# rf_need CMD PACKAGE [CMD PACKAGE ...]: make sure each command exists,
# installing the missing ones' packages (rf_install).
rf_need() {
	local missing_pkgs=() missing_cmds=()
	while [ $# -ge 2 ]; do
		command -v "$1" >/dev/null 2>&1 || { missing_cmds+=("$1"); missing_pkgs+=("$2"); }
		shift 2
	done
	[ ${#missing_cmds[@]} -eq 0 ] || rf_install "${missing_cmds[*]}" "${missing_pkgs[@]}"
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

# ---- a fuzzing run's progress (scripts/fuzz) ----
#
# A sample is one tab-separated line: seconds since the run started, then
# executions, executions per second, covered edges, features ("-" under AFL++,
# which has none), corpus inputs and crash files so far.  The sampler appends
# one to a TSV file every few seconds and prints it as a progress line;
# gnuplot draws the file (scripts/lib/progress.gp).

# shellcheck disable=SC2034 # used by scripts/fuzz
RF_PROGRESS_HEADER=$'seconds\texecs\texec_per_s\tedges\tfeatures\tcorpus\tcrashes'

# rf_libfuzzer_messages [fork]: libFuzzer's output for the terminal, without
# its status lines (the progress lines say the same, one every few seconds)
# or its NEW_FUNC lines.  In fork mode also without the ERROR lines the parent
# relays from every crashing job (the progress lines count the crashes, the
# summary names them) and without the parent's own final statistics, which
# count none of its jobs' work.
rf_libfuzzer_messages() {
	awk -v fork="${1:-}" '
		/^#[0-9]+/ || /NEW_FUNC/ { next }
		fork != "" && (/ERROR:/ || /runtime error:/ || /^stat::/) { next }
		{ print "  " $0; fflush() }'
}

# rf_afl_messages: afl-fuzz without its UI, cut to its warnings and errors,
# without their colours, each once (resuming, it warns of every queue entry
# that adds nothing on its first run).
rf_afl_messages() {
	awk '/\[-\]/ || /\[!\]/ || /PROGRAM ABORT/ {
		gsub(/\033\[[0-9;]*m/, "")
		if (!seen[$0]++) { print "  " $0; fflush() }
	}'
}

# rf_status_libfuzzer LOG: "execs exec/s edges features corpus" from the last
# whole status line of LOG; nothing before the first.  One process prints
# "#N <event> cov: E ft: F corp: C/SIZE ... exec/s: R rss: M", R its average
# since the start; fork mode's parent prints "#N: cov: E ft: F corp: C exec/s R
# oom/timeout/crash: ... time: Ts job: J" as each job ends, R that job's own
# rate, so all jobs together ran N/T a second.  A line still being written
# lacks its last field, and is passed over.
rf_status_libfuzzer() {
	tail -c 65536 "$1" 2>/dev/null | awk '
		function after(name,   i) {
			for (i = 1; i < NF; i++) if ($i == name) return $(i + 1) + 0
			return 0
		}
		/^#[0-9]+[ \t]/ && / rss: [0-9]+Mb/ {
			n = substr($1, 2) + 0
			s = sprintf("%.0f %.0f %d %d %d", n, after("exec/s:"), after("cov:"), after("ft:"), after("corp:"))
		}
		/^#[0-9]+: cov: / && / time: [0-9]+s job: / {
			n = substr($1, 2) + 0; t = after("time:")
			s = sprintf("%.0f %.0f %d %d %d", n, t ? n / t : 0, after("cov:"), after("ft:"), after("corp:"))
		}
		END { if (s != "") print s }'
}

# rf_status_afl [--final] INSTANCE_DIR...: the same for AFL++ instances,
# executions and rates summed, edges and corpus the largest of any one
# instance (instances take in each other's finds: a sum would count an input
# once per instance).  The counts are the instance's since its output folder
# was made, over resumed runs too.  Without its UI, AFL++ rewrites fuzzer_stats
# once a minute, the first time with calibration's rate, and from its first
# minute on appends a row to plot_data every 5 s: while it runs the figures
# come from plot_data, its rate the one of the last few seconds; --final takes
# fuzzer_stats, which it rewrites as it ends.
rf_status_afl() {
	local final='' d
	[ "$1" != --final ] || { final=1; shift; }
	for d in "$@"; do
		if [ -n "$final" ] && [ -f "$d/fuzzer_stats" ]; then
			awk -F' *: *' '
				$1 == "execs_done" { x = $2 } $1 == "execs_per_sec" { r = $2 }
				$1 == "edges_found" { e = $2 } $1 == "corpus_count" { c = $2 }
				END { print x + 0, r + 0, e + 0, c + 0 }' "$d/fuzzer_stats"
		elif [ -z "$final" ] && [ -f "$d/plot_data" ]; then
			tail -n 1 "$d/plot_data" | awk -F', *' '
				$1 !~ /^#/ && NF >= 13 { print $12 + 0, $11 + 0, $13 + 0, $4 + 0 }'
		fi
	done | awk '
		{ execs += $1; rate += $2; if ($3 > edges) edges = $3; if ($4 > corpus) corpus = $4; n++ }
		END { if (n) printf "%.0f %.0f %d - %d\n", execs, rate, edges, corpus }'
}

# rf_progress_sample TSV START CMD...: CMD prints "execs exec/s edges features
# corpus crashes"; append them to TSV with the seconds since START (epoch
# seconds) and print the row.  Nothing when CMD has nothing yet.
rf_progress_sample() {
	local tsv=$1 start=$2 now fields
	shift 2
	fields=$("$@") || return 0
	[ -n "$fields" ] || return 0
	printf -v now '%(%s)T' -1
	printf '%d\t%s\n' $((now - start)) "${fields// /$'\t'}" | tee -a "$tsv"
}

# rf_progress_line ROW: a sample as a line for people.
rf_progress_line() {
	awk -F'\t' '{ printf "  progress: %5d s  execs %s  exec/s %s  edges %s  features %s  corpus %s  crashes %s\n",
		$1, $2, $3, $4, $5, $6, $7; fflush() }'
}

# rf_progress_sampler TSV START EVERY CMD...: a sample every EVERY seconds until
# this script ends or kills it; a progress line every 5 s for the first
# minute, then every 30 s.  Run it in the background.
rf_progress_sampler() {
	local tsv=$1 start=$2 every=$3 row shown=-100 now
	shift 3
	# Stopped, it ends between samples, never in the middle of one: the
	# trap runs once the command in hand is done, and wait gives way to it.
	trap 'exit 0' TERM
	while kill -0 $$ 2>/dev/null; do
		sleep "$every" &
		wait $!
		row=$(rf_progress_sample "$tsv" "$start" "$@")
		[ -n "$row" ] || continue
		printf -v now '%(%s)T' -1
		if [ $((now - start - shown)) -ge $((now - start < 60 ? 5 : 30)) ]; then
			rf_progress_line <<<"$row"
			shown=$((now - start))
		fi
	done
}

# rf_progress_plot TSV OUTDIR TITLE: the pictures of a run's samples, as PNG:
# OUTDIR/coverage.png (edges and features), OUTDIR/speed.png (exec/s and all
# executions), OUTDIR/corpus.png (corpus inputs and crashes).  Prints their
# paths, one a line; on a failure it says so and prints none (the run's
# summary matters more than its pictures).
rf_progress_plot() {
	local tsv=$1 out=$2 title=$3
	mkdir -p "$out"
	rm -f "$out"/coverage.png "$out"/speed.png "$out"/corpus.png
	[ "$(wc -l <"$tsv")" -ge 2 ] || { rf_note "no progress samples in $tsv: no plots"; return 0; }
	local has_features
	has_features=$(awk -F'\t' 'NR > 1 && $5 != "-" { print 1; exit }' "$tsv")
	# gnuplot warns of flat curves ("empty y range"): kept in a log.
	if ! gnuplot -c "$RF_ROOT/scripts/lib/progress.gp" "$tsv" "$out" "$title" "${has_features:-0}" 2>"$out/gnuplot.log"; then
		rf_note "gnuplot failed to draw $tsv, no plots: $(tail -2 "$out/gnuplot.log" | tr '\n' ' ')"
		return 0
	fi
	printf '%s\n' "$out/coverage.png" "$out/speed.png" "$out/corpus.png"
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

# rf_failure_id: "ID [engine]" from the first failure report on stdin --
# rf-tool run's "FILE: FAILED ID [engine] at op N" or the oracle's own
# "==regionfuzz== FAILED ID (what) at op N [engine]"; nothing when there is
# none.  sed stops at the first (no head, whose early exit is a SIGPIPE that
# pipefail would turn into a failure).
rf_failure_id() {
	sed -n 's/.*FAILED \([A-Z0-9-]*\) .*\[\([a-z0-9]*\)\].*/\1 [\2]/;T;p;q'
}

# rf_engine_options OPTS: check an engine option string (rf-tool --help) and
# export it for every tool and fuzzer this script runs.
rf_engine_options() {
	"$RF_ROOT/build/release/fuzzers/rf-tool" --options "$1" targets >/dev/null ||
		rf_die "bad --options '$1' (see rf-tool --help: clean, faithful, clean-V2, clean+INJECT_NR_DELTA)"
	export RF_ENGINE_OPTIONS=$1
}
