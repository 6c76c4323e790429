#!/bin/sh
# b91-export.sh - `profview export` in every format on the 300 MB
# benchmark log (bench/biglog.sh with SIZE_MB, default 300), against
# `profview info` on the same log in the same run, warm cache.  Each is
# run RUNS times (default 3), interleaved with info; prints one line per
# format: best wall time, the ratio to info's best, peak RSS (from
# /usr/bin/time -v) and the bytes written (to /dev/null).
# Goals: every export at most 4x the time of info and under 200 MB.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
: "${PROFVIEW:=$top/$BUILD/profview}"
: "${RUNS:=3}"
: "${SIZE_MB:=300}"
export SIZE_MB
log=$(sh "$top/bench/biglog.sh")
tmp=$(mktemp -d)
bench_at_exit 'rm -rf "$tmp"'

now() { date +%s%N; }
# best NAME CMD...: appends one run's wall time (ns) to $tmp/NAME
best() {
	name=$1; shift
	t0=$(now)
	"$@" >/dev/null
	t1=$(now)
	echo $((t1 - t0)) >>"$tmp/$name"
}
min() { sort -n "$1" | head -n 1; }

formats="pprof callgrind chrome-trace speedscope vmprof-web json"
cat "$log" >/dev/null
"$PROFVIEW" info "$log" >/dev/null
i=0
while [ $i -lt "$RUNS" ]; do
	best info "$PROFVIEW" info "$log"
	for f in $formats; do
		best "$f" "$PROFVIEW" export --format "$f" "$log"
	done
	i=$((i + 1))
done
info=$(min "$tmp/info")
printf "log %s (%s MB), %d runs each, best of them\n" "$log" \
	$(($(wc -c <"$log") / 1048576)) "$RUNS"
printf "%-13s %8s %7s %9s %12s  %s\n" format time "x info" "peak RSS" \
	"bytes out" verdict
printf "%-13s %7.3fs %7s\n" info "$(echo "$info" | awk '{print $1/1e9}')" "1.00"
for f in $formats; do
	/usr/bin/time -v "$PROFVIEW" export --format "$f" "$log" 2>"$tmp/time" |
		wc -c >"$tmp/bytes"
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	t=$(min "$tmp/$f")
	awk -v f="$f" -v t="$t" -v i="$info" -v rss="$rss" -v b="$(cat "$tmp/bytes")" \
	    'BEGIN {
		r = t / i
		printf "%-13s %7.3fs %6.2fx %6.1f MB %12d  time %s, memory %s\n",
			f, t / 1e9, r, rss / 1024, b,
			r <= 4 ? "met" : "MISSED", rss < 200 * 1024 ? "met" : "MISSED"
	}'
done
