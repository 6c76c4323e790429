#!/bin/sh
# b90-timeline.sh - `profview timeline` and `profview heatmap` (SVG) on
# the ~1 GB benchmark log (bench/biglog.sh) against `profview info` on it,
# warm cache, best of RUNS (default 3) interleaved runs each; prints the
# ratios to info and each command's peak RSS (/usr/bin/time -v).
# Goals: each at most 1.5x info; peak RSS under 100 MB.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
: "${PROFVIEW:=$top/$BUILD/profview}"
: "${RUNS:=3}"
log=$(sh "$top/bench/biglog.sh")
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
best() { sort -n "$tmp/$1" | head -n 1; }
rss() {   # rss CMD...: peak RSS in KB
	/usr/bin/time -v "$@" >/dev/null 2>"$tmp/time" || {
		cat "$tmp/time" >&2
		exit 1
	}
	sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time"
}

cat "$log" >/dev/null   # warm the cache
i=0
while [ $i -lt "$RUNS" ]; do
	run info "$PROFVIEW" info "$log"
	run timeline "$PROFVIEW" timeline "$log" -o "$tmp/t.svg"
	run heatmap "$PROFVIEW" heatmap "$log" -o "$tmp/h.svg"
	i=$((i + 1))
done
ri=$(rss "$PROFVIEW" info "$log")
rt=$(rss "$PROFVIEW" timeline "$log" -o "$tmp/t.svg")
rh=$(rss "$PROFVIEW" heatmap "$log" -o "$tmp/h.svg")
samples=$("$PROFVIEW" info --json "$log" |
	sed -n 's/.*"samples": *\([0-9]*\).*/\1/p' | head -n 1)
awk -v path="$log" -v s="$samples" -v n="$RUNS" \
    -v i="$(best info)" -v t="$(best timeline)" -v h="$(best heatmap)" \
    -v ri="$ri" -v rt="$rt" -v rh="$rh" \
    -v st="$(wc -c <"$tmp/t.svg")" -v sh="$(wc -c <"$tmp/h.svg")" 'BEGIN {
	printf "log          %s (%s samples)\n", path, s
	printf "runs         best of %d each, interleaved, warm cache\n", n
	printf "info         %.3f s, peak RSS %.1f MB\n", i / 1e9, ri / 1024
	printf "timeline     %.3f s (%.2fx info), peak RSS %.1f MB, SVG %d bytes\n",
		t / 1e9, t / i, rt / 1024, st
	printf "heatmap      %.3f s (%.2fx info), peak RSS %.1f MB, SVG %d bytes\n",
		h / 1e9, h / i, rh / 1024, sh
	ok_t = t / i <= 1.5 && rt < 100 * 1024
	ok_h = h / i <= 1.5 && rh < 100 * 1024
	printf "verdict      timeline %s, heatmap %s (goals <= 1.5x info, < 100 MB)\n",
		ok_t ? "met" : "MISSED", ok_h ? "met" : "MISSED"
}'
