#!/bin/sh
# biglog.sh - prints the path of the ~1 GB benchmark log, making it first
# when absent: a real log from samples/ with its stack samples repeated
# (bench/scale_log.c), in BENCH_OUT (set by bench/lib.sh: a temporary
# directory of the benchmark) or BENCH_KEEP (a directory kept for reuse).
# Environment: SIZE_MB (default 1024), LOG (the log to scale; default
# samples/pypy-x86_64/recursion.prof), BUILD.
#
# Why that log: PyPy's pair mode ((kind, address) slots) with deep
# recursive stacks is the most work per byte for the reader -- the longest
# records, the largest stack tree -- and its 3711 code names make the
# symbol side realistic.  Its samples all lie in one block after the
# names, so the copies are plain 0x01 records.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
: "${BUILD:=build/rel}"
: "${SIZE_MB:=1024}"
: "${LOG:=$top/samples/pypy-x86_64/recursion.prof}"
name=$(basename "$LOG" .prof)
dir=${BENCH_OUT:-${BENCH_KEEP:-}}
if [ -z "$dir" ]; then
	echo "bench/biglog.sh: set BENCH_KEEP=DIR, the directory to keep" \
		"the log in (the bench scripts set BENCH_OUT)" >&2
	exit 2
fi
out=$dir/big-$name-${SIZE_MB}M.prof
if [ ! -s "$out" ]; then
	mkdir -p "$dir"
	make -C "$top" --no-print-directory -s "$BUILD/bench/scale_log" >&2
	"$top/$BUILD/bench/scale_log" "$LOG" "$out.tmp" \
		$((SIZE_MB * 1024 * 1024)) >&2
	mv "$out.tmp" "$out"
fi
echo "$out"
