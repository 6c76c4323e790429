#!/bin/sh
# b20-info.sh - `profview info` on the ~1 GB log against `cat FILE
# >/dev/null`, in the same run with a warm page cache.  Each is run RUNS
# times (default 5), interleaved so both see the same machine state; the
# best and the median wall times are printed with MB/s, the ratio
# info/cat, and info's peak RSS from /usr/bin/time -v.
# Goals (issue 2): info under 3x the time of cat; peak RSS under 100 MB.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
: "${PROFVIEW:=$top/$BUILD/profview}"
: "${RUNS:=5}"
log=$(sh "$top/bench/biglog.sh")
bytes=$(wc -c <"$log")
tmp=$(mktemp -d)
bench_at_exit 'rm -rf "$tmp"'

now() { date +%s%N; }
# run NAME CMD...: appends the wall time of one run in ns to $tmp/NAME
run() {
	name=$1; shift
	t0=$(now)
	"$@" >/dev/null
	t1=$(now)
	echo $((t1 - t0)) >>"$tmp/$name"
}

cat "$log" >/dev/null   # warm the cache
"$PROFVIEW" info "$log" >/dev/null
i=0
while [ $i -lt "$RUNS" ]; do
	run cat cat "$log"
	run info "$PROFVIEW" info "$log"
	i=$((i + 1))
done
/usr/bin/time -v "$PROFVIEW" info "$log" >/dev/null 2>"$tmp/time" || {
	cat "$tmp/time" >&2
	exit 1
}
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
samples=$("$PROFVIEW" info --json "$log" |
	sed -n 's/.*"samples": *\([0-9]*\).*/\1/p' | head -n 1)

# best and median (ns) of a file of numbers
stats() { sort -n "$1" | awk '{ v[NR] = $1 } END {
	m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "%d %d\n", v[1], m }'; }
set -- $(stats "$tmp/cat") $(stats "$tmp/info")
awk -v b="$bytes" -v cb="$1" -v cm="$2" -v ib="$3" -v im="$4" \
    -v rss="$rss" -v n="$RUNS" -v s="$samples" -v path="$log" 'BEGIN {
	mb = b / 1048576
	printf "log          %s\n", path
	printf "size         %.1f MB, %s samples\n", mb, s
	printf "runs         %d each, interleaved, warm cache\n", n
	printf "cat          best %.3f s (%.0f MB/s), median %.3f s (%.0f MB/s)\n",
		cb / 1e9, mb / (cb / 1e9), cm / 1e9, mb / (cm / 1e9)
	printf "info         best %.3f s (%.0f MB/s), median %.3f s (%.0f MB/s)\n",
		ib / 1e9, mb / (ib / 1e9), im / 1e9, mb / (im / 1e9)
	printf "ratio        best %.2fx, median %.2fx (goal < 3x)\n",
		ib / cb, im / cm
	printf "peak RSS     %.1f MB (goal < 100 MB)\n", rss / 1024
	printf "verdict      time %s, memory %s\n",
		(im / cm < 3) ? "met" : "MISSED", (rss < 100 * 1024) ? "met" : "MISSED"
}'
