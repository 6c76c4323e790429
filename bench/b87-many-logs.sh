#!/bin/sh
# b87-many-logs.sh - many logs: memory bounded by content, and every core.
#
# 1. Memory: `profview top` on 20 and on 2000 names of the same 500-sample
#    PyPy log (samples/pypy-x86_64/callpaths.prof); prints both peak RSS
#    figures and their ratio.  Goal: 2000 within 2x of 20.
# 2. Cores: `profview top` on 1000 names of it with -j 1 and with -j 2,
#    best wall time of RUNS (default 3) interleaved runs each, and the
#    ratio.  Goal: -j 2 at most 0.6x the time of -j 1 (on two cores).
# Also checks that -j 1 and -j 2 print the same bytes.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
: "${PROFVIEW:=$top/$BUILD/profview}"
: "${RUNS:=3}"
log=$top/samples/pypy-x86_64/callpaths.prof
tmp=$(mktemp -d)
bench_at_exit 'rm -rf "$tmp"'

# run N CMD...: CMD with the log's path N times after it (one process)
run() {
	n=$1; shift
	cmd=$*
	set --
	i=0
	while [ $i -lt "$n" ]; do set -- "$@" "$log"; i=$((i + 1)); done
	$cmd "$@"
}
# peak N: peak RSS in KB of top on N names
peak() {
	run "$1" /usr/bin/time -f %M "$PROFVIEW" top >/dev/null 2>"$tmp/rss" ||
		{ cat "$tmp/rss" >&2; exit 1; }
	tail -n 1 "$tmp/rss"
}
# wall N J: wall milliseconds of top -j J on N names
wall() {
	t0=$(date +%s%N)
	run "$1" "$PROFVIEW" top -j "$2" >/dev/null
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000000 ))"
}

cat "$log" >/dev/null
p20=$(peak 20)
p2000=$(peak 2000)
awk -v a="$p20" -v b="$p2000" 'BEGIN {
	printf "memory   top on 20 names: %.1f MB peak; on 2000 names: %.1f MB peak\n",
		a / 1024, b / 1024
	printf "memory   ratio 2000/20 = %.2fx (goal <= 2x): %s\n", b / a,
		b / a <= 2 ? "met" : "MISSED"
}'

run 1000 "$PROFVIEW" top -j 1 >"$tmp/j1"
run 1000 "$PROFVIEW" top -j 2 >"$tmp/j2"
cmp -s "$tmp/j1" "$tmp/j2" && same=yes || same=NO
b1=; b2=
i=0
while [ $i -lt "$RUNS" ]; do
	t=$(wall 1000 1); [ -z "$b1" ] || [ "$t" -lt "$b1" ] && b1=$t
	t=$(wall 1000 2); [ -z "$b2" ] || [ "$t" -lt "$b2" ] && b2=$t
	i=$((i + 1))
done
awk -v a="$b1" -v b="$b2" -v n="$RUNS" -v same="$same" 'BEGIN {
	printf "cores    top on 1000 logs: -j 1 %.3f s, -j 2 %.3f s (best of %d)\n",
		a / 1000, b / 1000, n
	printf "cores    ratio -j2/-j1 = %.2f (goal <= 0.6): %s; same output: %s\n",
		b / a, b / a <= 0.6 ? "met" : "MISSED", same
}'
