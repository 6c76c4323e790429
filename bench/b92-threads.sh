#!/bin/sh
# b92-threads: views that group by thread on logs with many threads (one
# sample each, tests/cli/hostile.py threads): top --group-by thread,
# memory --per-thread.  Each must stay linear in the number of
# threads: the figures for 10k, 100k and 1M threads should grow about
# tenfold per step, not a hundredfold.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
PROFVIEW=${PROFVIEW:-$top/$BUILD/profview}
tmp=$(mktemp -d)
bench_at_exit 'rm -rf "$tmp"'
run() {   # label command...
	label=$1; shift
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>&1
	rc=$?
	read -r wall rss <"$tmp/time"
	printf '%-44s exit %s  wall %6s s  peak RSS %s MiB\n' "$label" "$rc" \
		"$wall" "$((rss / 1024))"
}
for n in 10000 100000 1000000; do
	/usr/bin/python3 "$top/tests/cli/hostile.py" threads "$tmp/t.prof" $n
	run "top --group-by thread --csv ($n threads)" \
		"$PROFVIEW" top --group-by thread --csv "$tmp/t.prof"
	run "memory --per-thread ($n threads)" \
		"$PROFVIEW" memory --per-thread "$tmp/t.prof" -o "$tmp/m.svg"
done
