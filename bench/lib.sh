# bench/lib.sh - sourced by every bench/bNN-*.sh once $top is set: sets
# BENCH_OUT, the directory for the large inputs and outputs a benchmark
# makes (the big logs of bench/biglog.sh, generated folded stacks, built
# binaries), and removes it when the script ends.
#
#   BENCH_KEEP=DIR  use DIR (made if missing) and keep it: a later run
#                   finds the big logs there and does not make them again
#   BENCH_OUT=DIR   given by bench/run.sh (`make bench`), which makes one
#                   temporary directory for all the scripts (so they share
#                   the big logs) and removes it at its end
#   neither         a new `mktemp -d` (under TMPDIR, default /tmp),
#                   removed when the script exits, also on Ctrl-C or kill
#
# bench_at_exit CMD: run CMD (a server to stop, ...) when the script
# exits, before the directory is removed.
bench_own=
bench_exit_cmds=:
if [ -n "${BENCH_KEEP:-}" ]; then
	mkdir -p "$BENCH_KEEP" && BENCH_OUT=$(cd "$BENCH_KEEP" && pwd) ||
		exit 1
elif [ -z "${BENCH_OUT:-}" ]; then
	BENCH_OUT=$(mktemp -d "${TMPDIR:-/tmp}/profview-bench.XXXXXX") ||
		exit 1
	bench_own=$BENCH_OUT
fi
export BENCH_OUT
bench_at_exit() {
	bench_exit_cmds="$bench_exit_cmds; $1"
}
bench_cleanup() {
	eval "$bench_exit_cmds" || :
	[ -z "$bench_own" ] || rm -rf "$bench_own"
}
trap 'bench_cleanup' EXIT
trap 'exit 130' INT TERM HUP
