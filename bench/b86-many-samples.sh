#!/bin/sh
# b86-many-samples.sh - memory bounded by what the views need: `info`,
# `top` and `flame` on one log of NSAMPLES (default 320M) small samples,
# about 11 GB of log in a ~1 MB zstd file that bench/gen_manysamples.c
# writes into a temporary directory first.  Prints each command's peak
# RSS and wall time, and checks that info counts every sample.
# Goal: each under 200 MB.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
: "${PROFVIEW:=$top/$BUILD/profview}"
: "${NSAMPLES:=320000000}"
gen=$top/$BUILD/bench/gen_manysamples
[ -x "$gen" ] || (cd "$top" && make -s "$BUILD/bench/gen_manysamples") ||
	{ echo "cannot build gen_manysamples"; exit 1; }
tmp=$(mktemp -d)
bench_at_exit 'rm -rf "$tmp"'
log=$tmp/many.prof.zst

"$gen" "$log" "$NSAMPLES" 2>"$tmp/gen"
echo "input    $(cat "$tmp/gen" | sed 's/^gen_manysamples: //'), $(wc -c <"$log") bytes of zstd"
worst=0
for cmd in info top flame; do
	/usr/bin/time -f '%M %e' "$PROFVIEW" $cmd "$log" >"$tmp/out" \
		2>"$tmp/time" || { cat "$tmp/time"; exit 1; }
	set -- $(tail -n 1 "$tmp/time")
	printf '%-8s peak %6.1f MB, wall %6.1f s\n' "$cmd" \
		"$(echo "$1 / 1024" | bc -l)" "$2"
	[ "$1" -gt "$worst" ] && worst=$1
	if [ $cmd = info ]; then
		n=$(sed -n 's/^  samples *\([0-9]*\).*/\1/p' "$tmp/out")
		[ "$n" = "$NSAMPLES" ] && v=exact || v="WRONG (expected $NSAMPLES)"
		echo "info     counts $n samples: $v"
	fi
done
awk -v w="$worst" 'BEGIN {
	printf "verdict  largest peak %.1f MB (goal < 200 MB): %s\n",
		w / 1024, w < 200 * 1024 ? "met" : "MISSED" }'
