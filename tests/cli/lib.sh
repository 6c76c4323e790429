# lib.sh - helpers for the end-to-end scripts in tests/cli (sourced).
# Each script runs from the repository root with PROFVIEW, SHARED (may be
# empty), TESTS_OUT and TOP set by tests/run.sh.
set -u
: "${PROFVIEW:=./profview}"
: "${TESTS_OUT:=/tmp/profview-tests}"
: "${SHARED=}"
mkdir -p "$TESTS_OUT"

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "$*"; exit 77; }

# expect_exit CODE CMD...: runs CMD, fails unless it exits with CODE.
expect_exit() {
	want=$1; shift
	"$@"; got=$?
	[ "$got" = "$want" ] || fail "'$*' exited $got, expected $want"
}

need_shared() {
	[ -n "$SHARED" ] && [ -d "$SHARED/corpus" ] ||
		skip "shared corpus not present (../shared): skipped"
}

# Logs of the corpus: ours from samples/, peer logs from ../shared when
# present.  Prints one path per line.
all_logs() {
	ls samples/*/*.prof samples/*/*.prof.gz samples/*/*.prof.zst 2>/dev/null
	if [ -n "$SHARED" ] && [ -d "$SHARED/corpus/peer" ]; then
		ls "$SHARED"/corpus/peer/*.prof
	fi
}

# companion LOG SUFFIX: the file that goes with a corpus log
# (samples/x/NAME.prof[.gz|.zst] -> samples/x/NAME.SUFFIX).
companion() {
	echo "$1" | sed "s/\.prof\(\.gz\|\.zst\)\{0,1\}\$/.$2/"
}
