#!/bin/sh
# b87-many-logs.sh - many logs: memory bounded by content, and every core.
#
# 1. Memory: `profview top` on 20 and on 2000 names of the same 500-sample
#    PyPy log (samples/pypy-x86_64/callpaths.prof); prints both peak RSS
#    figures and their ratio.  Goal: 2000 within 2x of 20.
# 2. Cores: `profview top` on 1000 names of it with -j 1 and with -j 2,
#    RUNS pairs (default 21) of one -j 1 run and one -j 2 run back to
#    back: the best wall time of each, and the median of the pairs'
#    ratios; also the CPU time of one run each.  Goal: -j 2 at most 0.6x
#    the time of -j 1 (on two cores), judged on the median pair ratio.
#    Why pairs: on a shared virtual machine the speed of a core can
#    change by 1.7x from one run to the next (the same -j 1 run takes
#    0.21 s or 0.36 s), so the best of each series compares runs made
#    at different speeds; the two runs of a pair are made at about the
#    same one.
# 3. Start-up: the median wall time of 51 runs of `profview --version`
#    (loading its libraries), a part of every run that no -j shortens.
# Also checks that -j 1 and -j 2 print the same bytes.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
: "${PROFVIEW:=$top/$BUILD/profview}"
: "${RUNS:=21}"
log=$top/samples/pypy-x86_64/callpaths.prof
tmp=$(mktemp -d)
bench_at_exit 'rm -rf "$tmp"'

# run N CMD...: CMD with the log's path N times after it (one process)
run() {
	n=$1; shift
	cmd=$*
	set --
	i=0
	while [ $i -lt "$n" ]; do set -- "$@" "$log"; i=$((i + 1)); done
	$cmd "$@"
}
# peak N: peak RSS in KB of top on N names
peak() {
	run "$1" /usr/bin/time -f %M "$PROFVIEW" top >/dev/null 2>"$tmp/rss" ||
		{ cat "$tmp/rss" >&2; exit 1; }
	tail -n 1 "$tmp/rss"
}
# wall J LOG...: wall milliseconds of top -j J on the logs (the command
# line is built before the clock starts: building 1000 arguments in sh
# takes longer than a tenth of the run)
wall() {
	j=$1; shift
	t0=$(date +%s%N)
	"$PROFVIEW" top -j "$j" "$@" >/dev/null
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000000 ))"
}

cat "$log" >/dev/null
p20=$(peak 20)
p2000=$(peak 2000)
awk -v a="$p20" -v b="$p2000" 'BEGIN {
	printf "memory   top on 20 names: %.1f MB peak; on 2000 names: %.1f MB peak\n",
		a / 1024, b / 1024
	printf "memory   ratio 2000/20 = %.2fx (goal <= 2x): %s\n", b / a,
		b / a <= 2 ? "met" : "MISSED"
}'

set --
i=0
while [ $i -lt 1000 ]; do set -- "$@" "$log"; i=$((i + 1)); done
"$PROFVIEW" top -j 1 "$@" >"$tmp/j1"
"$PROFVIEW" top -j 2 "$@" >"$tmp/j2"
cmp -s "$tmp/j1" "$tmp/j2" && same=yes || same=NO
# CPU time of one run each (user + system): what -j 2 costs in work
cpu() {
	/usr/bin/time -f '%U %S' "$PROFVIEW" top -j "$@" 2>&1 >/dev/null |
		tail -n 1 | awk '{ printf "%.3f", $1 + $2 }'
}
c1=$(cpu 1 "$@")
c2=$(cpu 2 "$@")
b1=; b2=
: >"$tmp/ratios"
i=0
while [ $i -lt "$RUNS" ]; do
	t1=$(wall 1 "$@"); [ -z "$b1" ] || [ "$t1" -lt "$b1" ] && b1=$t1
	t2=$(wall 2 "$@"); [ -z "$b2" ] || [ "$t2" -lt "$b2" ] && b2=$t2
	echo "$t1 $t2" | awk '{ printf "%.4f\n", $2 / $1 }' >>"$tmp/ratios"
	i=$((i + 1))
done
med=$(sort -n "$tmp/ratios" | awk '{ r[NR] = $1 }
	END { print NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')
load=$(awk '{ print $1 }' /proc/loadavg 2>/dev/null || echo "?")
awk -v a="$b1" -v b="$b2" -v n="$RUNS" -v same="$same" -v c1="$c1" \
    -v c2="$c2" -v load="$load" -v med="$med" 'BEGIN {
	printf "cores    top on 1000 logs: -j 1 %.3f s, -j 2 %.3f s (best of %d pairs of runs; load %s)\n",
		a / 1000, b / 1000, n, load
	printf "cores    CPU time (user+sys): -j 1 %s s, -j 2 %s s\n", c1, c2
	printf "cores    ratio of the best times -j2/-j1 = %.2f\n", b / a
	printf "cores    median ratio of the pairs -j2/-j1 = %.2f (goal <= 0.6): %s; same output: %s\n",
		med, med <= 0.6 ? "met" : "MISSED", same
}'

# start-up, timed from one Python process (a `date` per run would cost as
# much as what it measures)
/usr/bin/python3 - "$PROFVIEW" <<'PY'
import statistics, subprocess, sys, time
t = []
for _ in range(51):
    t0 = time.perf_counter()
    subprocess.run([sys.argv[1], "--version"], stdout=subprocess.DEVNULL,
                   check=True)
    t.append(time.perf_counter() - t0)
print("start    profview --version: median %.1f ms of 51 runs"
      % (1000 * statistics.median(t)))
PY
