#!/bin/sh
# b88-folded-cores.sh - one big folded-stacks file on every core.
#
# `profview flame` on 200k distinct folded stacks, shuffled (b30's input:
# `gen_folded shuffled 200000`, about 390 MB, made in a temporary
# directory and removed at the end), with -j 1 and -j 2, best wall time
# of RUNS (default 5) alternating runs each, plus `info` (the reader
# alone) with -j 2; user+sys CPU time of one run each.  Goal: flame under
# 1 s (with the default -j, i.e. every core).  Also checks that -j 1 and
# -j 2 draw the same bytes.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
: "${BUILD:=build/rel}"
: "${PROFVIEW:=$top/$BUILD/profview}"
: "${RUNS:=5}"
gen=$top/$BUILD/bench/gen_folded
[ -x "$gen" ] || (cd "$top" && make -s "$BUILD/bench/gen_folded") ||
	{ echo "cannot build gen_folded"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f=$tmp/shuffled200k.folded
"$gen" shuffled 200000 >"$f"
cat "$f" >/dev/null   # warm: the figures are profview's, not the disk's
echo "input    $(basename "$f"): $(($(wc -c <"$f") / 1048576)) MB, $(wc -l <"$f") lines"

# wall CMD J: wall milliseconds of `profview CMD -j J` on the file
wall() {
	t0=$(date +%s%N)
	"$PROFVIEW" "$1" -j "$2" "$f" >/dev/null
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000000 ))"
}
# cpu CMD J: user+sys seconds and peak RSS (MB) of one run
cpu() {
	/usr/bin/time -f '%U %S %M' "$PROFVIEW" "$1" -j "$2" "$f" 2>&1 \
		>/dev/null | tail -n 1 |
		awk '{ printf "%.2f s CPU, %d MB peak", $1 + $2, $3 / 1024 }'
}

"$PROFVIEW" flame -j 1 "$f" >"$tmp/j1.svg"
"$PROFVIEW" flame -j 2 "$f" >"$tmp/j2.svg"
cmp -s "$tmp/j1.svg" "$tmp/j2.svg" && same=yes || same=NO
f1=; f2=; i2=
i=0
while [ $i -lt "$RUNS" ]; do
	t=$(wall flame 1); [ -z "$f1" ] || [ "$t" -lt "$f1" ] && f1=$t
	t=$(wall flame 2); [ -z "$f2" ] || [ "$t" -lt "$f2" ] && f2=$t
	t=$(wall info 2); [ -z "$i2" ] || [ "$t" -lt "$i2" ] && i2=$t
	i=$((i + 1))
done
echo "cpu      flame -j 1: $(cpu flame 1); flame -j 2: $(cpu flame 2)"
load=$(awk '{ print $1 }' /proc/loadavg 2>/dev/null || echo "?")
awk -v a="$f1" -v b="$f2" -v c="$i2" -v n="$RUNS" -v same="$same" \
    -v load="$load" 'BEGIN {
	printf "wall     flame -j 1 %.3f s, flame -j 2 %.3f s, info -j 2 %.3f s (best of %d alternating runs; load %s)\n",
		a / 1000, b / 1000, c / 1000, n, load
	printf "folded   200k shuffled stacks flamed in %.3f s with -j 2 (goal < 1 s): %s; -j2/-j1 = %.2f; same output: %s\n",
		b / 1000, b < 1000 ? "met" : "MISSED", b / a, same
}'
