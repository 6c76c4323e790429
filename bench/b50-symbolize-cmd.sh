#!/bin/sh
# b50-symbolize-cmd.sh - `profview symbolize` on a ~1 GB native-mode log
# (bench/biglog.sh over samples/pypy-x86_64/callpaths-native.prof: PyPy
# pairs with native frames), against `info` (one read) and `cp` (one copy)
# of the same file, warm cache, RUNS times each (default 3), interleaved.
# Prints best and median wall times, MB/s, the ratio symbolize/(info+cp)
# (symbolize reads the log, then copies it) and symbolize's peak RSS.
# Goal: close to info + cp; memory within info's budget (100 MB).
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
: "${PROFVIEW:=$top/$BUILD/profview}"
: "${RUNS:=3}"
src=$top/samples/pypy-x86_64/callpaths-native
log=$(LOG=$src.prof sh "$top/bench/biglog.sh")
bytes=$(wc -c <"$log")
out=$BENCH_OUT/b50-copy.prof
tmp=$(mktemp -d)
bench_at_exit 'rm -rf "$tmp" "$out"'
sym="--maps $src.maps --quiet"

now() { date +%s%N; }
run() {
	name=$1; shift
	t0=$(now)
	"$@" >/dev/null
	t1=$(now)
	echo $((t1 - t0)) >>"$tmp/$name"
}

cat "$log" >/dev/null
i=0
while [ $i -lt "$RUNS" ]; do
	run cp cp "$log" "$out"
	run info "$PROFVIEW" info "$log"
	run sym "$PROFVIEW" symbolize "$log" $sym -o "$out"
	i=$((i + 1))
done
/usr/bin/time -v "$PROFVIEW" symbolize "$log" $sym -o "$out" \
	2>"$tmp/time" || { cat "$tmp/time" >&2; exit 1; }
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
added=$(( $(wc -c <"$out") - bytes ))
"$PROFVIEW" symbolize "$log" $sym --list >"$tmp/list"
nrec=$(wc -l <"$tmp/list")

stats() { sort -n "$1" | awk '{ v[NR] = $1 } END {
	m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "%d %d\n", v[1], m }'; }
set -- $(stats "$tmp/cp") $(stats "$tmp/info") $(stats "$tmp/sym")
awk -v b="$bytes" -v cb="$1" -v cm="$2" -v ib="$3" -v im="$4" \
    -v sb="$5" -v sm="$6" -v rss="$rss" -v n="$RUNS" -v path="$log" \
    -v add="$added" -v nrec="$nrec" 'BEGIN {
	mb = b / 1048576
	printf "log          %s (%.1f MB)\n", path, mb
	printf "runs         %d each, interleaved, warm cache\n", n
	printf "cp           best %.3f s, median %.3f s\n", cb / 1e9, cm / 1e9
	printf "info         best %.3f s, median %.3f s\n", ib / 1e9, im / 1e9
	printf "symbolize    best %.3f s (%.0f MB/s), median %.3f s\n",
		sb / 1e9, mb / (sb / 1e9), sm / 1e9
	printf "ratio        symbolize / (info + cp): best %.2f, median %.2f\n",
		sb / (ib + cb), sm / (im + cm)
	printf "records      %d added (%d bytes)\n", nrec, add
	printf "peak RSS     %.1f MB (goal < 100 MB)\n", rss / 1024
}'
