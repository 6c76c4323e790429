#!/bin/sh
# b89-merge-many.sh - `profview merge` of 10,000 small logs on one machine.
#
# LOGS names (default 10000: symbolic links, in $BENCH_OUT, to the PyPy
# sample logs, six programs in turn) merged into one vmprof log with -j 1
# and with -j 2: best wall time of RUNS (default 3) alternating runs each,
# peak RSS of each, and their ratio; the same merge of 100 of the names
# for the memory comparison.  Checks that -j 1 and -j 2 write the same
# bytes and that the merged log holds every sample of its inputs.
# Goals: memory of 10,000 logs within 2x of 100 logs (it grows with what
# the logs hold, not with how many there are); -j 2 at most 0.6x -j 1.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
: "${PROFVIEW:=$top/$BUILD/profview}"
: "${RUNS:=3}"
: "${LOGS:=10000}"
dir=$BENCH_OUT/b89
rm -rf "$dir"
mkdir -p "$dir/logs"

# the names: log00001.prof ... pointing at the sample logs in turn
set -- "$top"/samples/pypy-x86_64/*.prof
nsrc=$#
i=0
for s in "$@"; do eval "src$i=\$s"; i=$((i + 1)); done
i=1
while [ $i -le "$LOGS" ]; do
	eval "s=\$src$(( (i - 1) % nsrc ))"
	ln -s "$s" "$dir/logs/log$(printf %05d $i).prof"
	i=$((i + 1))
done
set -- "$dir"/logs/*.prof
cat "$@" >/dev/null

# merge J OUT LOG...: wall milliseconds; peak RSS (KB) in $dir/rss
merge() {
	j=$1 o=$2; shift 2
	t0=$(date +%s%N)
	/usr/bin/time -f %M -o "$dir/rss" "$PROFVIEW" merge --quiet -j "$j" \
		-o "$o" "$@"
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000000 ))"
}

b1=; b2=; r1=; r2=
i=0
while [ $i -lt "$RUNS" ]; do
	t=$(merge 1 "$dir/j1.prof" "$@"); r1=$(cat "$dir/rss")
	[ -z "$b1" ] || [ "$t" -lt "$b1" ] && b1=$t
	t=$(merge 2 "$dir/j2.prof" "$@"); r2=$(cat "$dir/rss")
	[ -z "$b2" ] || [ "$t" -lt "$b2" ] && b2=$t
	i=$((i + 1))
done
cmp -s "$dir/j1.prof" "$dir/j2.prof" && same=yes || same=NO
# every sample kept: the merged log's total against the inputs' sum (the
# i-th sample log has LOGS / nsrc names, one more while i < LOGS % nsrc)
total() {
	"$PROFVIEW" top --quiet --json "$1" | /usr/bin/python3 -c \
		'import json, sys; print(json.load(sys.stdin)["total_samples"])'
}
sum=0
i=0
while [ $i -lt "$nsrc" ]; do
	eval "s=\$src$i"
	k=$(( LOGS / nsrc + (i < LOGS % nsrc ? 1 : 0) ))
	sum=$(( sum + $(total "$s") * k ))
	i=$((i + 1))
done
got=$(total "$dir/j1.prof")

# memory on 100 of the names
set -- $(ls "$dir"/logs/*.prof | head -n 100)
merge 1 "$dir/small.prof" "$@" >/dev/null
r100=$(cat "$dir/rss")

load=$(cut -d' ' -f1 /proc/loadavg)
awk -v a="$b1" -v b="$b2" -v m1="$r1" -v m2="$r2" -v m0="$r100" \
    -v n="$LOGS" -v runs="$RUNS" -v same="$same" -v load="$load" \
    -v sum="$sum" -v got="$got" -v size="$(wc -c < "$dir/j1.prof")" 'BEGIN {
	printf "merge    %d logs: -j 1 %.3f s, -j 2 %.3f s (best of %d alternating runs; load %s)\n",
		n, a / 1000, b / 1000, runs, load
	printf "merge    ratio -j2/-j1 = %.2f (goal <= 0.6): %s; same bytes: %s\n",
		b / a, b / a <= 0.6 ? "met" : "MISSED", same
	printf "merge    peak memory: 100 logs %.1f MB, %d logs -j 1 %.1f MB, -j 2 %.1f MB\n",
		m0 / 1024, n, m1 / 1024, m2 / 1024
	printf "merge    ratio %d/100 = %.2fx (goal <= 2x): %s\n", n, m1 / m0,
		m1 / m0 <= 2 ? "met" : "MISSED"
	printf "merge    output %d bytes holding %d samples (inputs: %d): %s\n",
		size, got, sum, got == sum ? "all kept" : "WRONG"
}'
