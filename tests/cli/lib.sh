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

# npm_tool MODULE: makes tests/browser/node_modules/MODULE present (the
# directory is git-ignored).  Every npm tool the tests use is installed in
# one command, because an install prunes the packages it does not name.
# Returns nonzero when npm or the registry cannot provide it.
NPM_TOOLS="playwright-core speedscope"
npm_tool() {
	[ -d "tests/browser/node_modules/$1" ] && return 0
	command -v npm >/dev/null || return 1
	# shellcheck disable=SC2086
	(cd tests/browser && npm install --no-audit --no-fund --silent \
		--no-save $NPM_TOOLS >/dev/null 2>&1)
	[ -d "tests/browser/node_modules/$1" ]
}

# need_tool MESSAGE: a tool the project installs is missing: a failure in
# CI (CI=true), a skip elsewhere.
need_tool() {
	[ "${CI:-}" = true ] && fail "$* (make test installs it)"
	skip "$*: skipped"
}
