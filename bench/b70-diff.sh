#!/bin/sh
# b70-diff.sh - `profview diff` of two ~1 GB logs against `profview info`
# on one of them, in the same run with a warm page cache.  The logs are
# bench/biglog.sh's (recursion.prof's samples repeated to 1024 MB) and a
# 1000 MB one made the same way, so the two sides differ in length but
# hold the same program.  Each command runs RUNS times (default 5),
# interleaved; best and median wall times, the ratio diff/info and diff's
# peak RSS (/usr/bin/time -v) are printed.
# Goal (issue 7): diff within 2.5x the time of info.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
: "${PROFVIEW:=$top/$BUILD/profview}"
: "${RUNS:=5}"
new=$(sh "$top/bench/biglog.sh")
base=$(SIZE_MB=1000 sh "$top/bench/biglog.sh")
tmp=$(mktemp -d)
bench_at_exit 'rm -rf "$tmp"'

now() { date +%s%N; }
run() {
	name=$1; shift
	t0=$(now)
	"$@" >/dev/null
	t1=$(now)
	echo $((t1 - t0)) >>"$tmp/$name"
}

cat "$base" "$new" >/dev/null   # warm the cache
"$PROFVIEW" diff "$base" "$new" >"$tmp/out"
i=0
while [ $i -lt "$RUNS" ]; do
	run info "$PROFVIEW" info "$new"
	run diff "$PROFVIEW" diff "$base" "$new"
	i=$((i + 1))
done
/usr/bin/time -v "$PROFVIEW" diff "$base" "$new" >/dev/null 2>"$tmp/time" || {
	cat "$tmp/time" >&2
	exit 1
}
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")

stats() { sort -n "$1" | awk '{ v[NR] = $1 } END {
	m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "%d %d\n", v[1], m }'; }
set -- $(stats "$tmp/info") $(stats "$tmp/diff")
echo "base         $base ($(wc -c <"$base") bytes)"
echo "new          $new ($(wc -c <"$new") bytes)"
echo "verdict line $(head -n 1 "$tmp/out")"
awk -v ib="$1" -v im="$2" -v db="$3" -v dm="$4" -v rss="$rss" \
    -v n="$RUNS" 'BEGIN {
	printf "runs         %d each, interleaved, warm cache\n", n
	printf "info (new)   best %.3f s, median %.3f s\n", ib / 1e9, im / 1e9
	printf "diff         best %.3f s, median %.3f s\n", db / 1e9, dm / 1e9
	printf "ratio        best %.2fx, median %.2fx (goal < 2.5x)\n",
		db / ib, dm / im
	printf "peak RSS     %.1f MB\n", rss / 1024
	printf "verdict      %s\n", (dm / im < 2.5) ? "met" : "MISSED"
}'
