#!/bin/sh
# b60-memory: `memory` and `report` on the ~1 GB benchmark log (wall time,
# peak RSS, output size), and `memory` on a memory-mode log of about 10M
# samples (memgrow.prof's samples repeated) to show the SVG stays under
# 500 KB however long the log.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
PROFVIEW=${PROFVIEW:-$top/$BUILD/profview}
out=$BENCH_OUT
mkdir -p "$out"
run() {   # label output-file command...
	label=$1 file=$2; shift 2
	/usr/bin/time -v "$@" 2>"$out/b60.time" >/dev/null
	rc=$?
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/b60.time")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/b60.time")
	size=$(stat -c %s "$file" 2>/dev/null || echo 0)
	printf '%-34s exit %s  wall %s  peak RSS %s MiB  output %s bytes\n' \
		"$label" "$rc" "$wall" "$((rss / 1024))" "$size"
}
big=$(sh "$top/bench/biglog.sh") || exit 1
echo "big log: $big ($(stat -c %s "$big") bytes)"
run "memory (no memory data: exit 2)" /dev/null "$PROFVIEW" memory "$big" -o "$out/b60-big.svg"
run "report" "$out/b60-big.html" "$PROFVIEW" report "$big" -o "$out/b60-big.html"

# a memory-mode log of ~10M samples: memgrow.prof is ~130 bytes a sample
mem=$(LOG=$top/samples/cpython-x86_64/memgrow.prof SIZE_MB=1300 \
	sh "$top/bench/biglog.sh") || exit 1
n=$("$PROFVIEW" info --json "$mem" | python3 -c 'import json,sys; print(json.load(sys.stdin)["samples"])')
echo "memory-mode log: $mem ($(stat -c %s "$mem") bytes, $n samples)"
run "memory (svg)" "$out/b60-mem.svg" "$PROFVIEW" memory "$mem" -o "$out/b60-mem.svg"
run "memory --format png" "$out/b60-mem.png" "$PROFVIEW" memory "$mem" -o "$out/b60-mem.png"
run "memory --format csv (unreduced)" "$out/b60-mem.csv" "$PROFVIEW" memory "$mem" -o "$out/b60-mem.csv"
run "report (memory-mode log)" "$out/b60-mem.html" "$PROFVIEW" report "$mem" -o "$out/b60-mem.html"
svg=$(stat -c %s "$out/b60-mem.svg")
[ "$svg" -lt 512000 ] && echo "SVG of $n samples: $svg bytes (< 500 KB)" ||
	echo "SVG of $n samples: $svg bytes: OVER the 500 KB bound"
rm -f "$out/b60-mem.csv" "$out/b60.time"
