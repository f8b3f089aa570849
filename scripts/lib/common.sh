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
