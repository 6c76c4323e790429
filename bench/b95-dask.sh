#!/bin/sh
# b95-dask.sh - cluster/profview-dask on a LocalCluster of two worker
# processes against `profview merge` of the same logs on one machine.
# LOGS small logs (default 1000: links to the PyPy sample logs, six
# programs) in partitions of PART (default 100).  Prints the wall time of
# each (best of RUNS, default 3), the time a LocalCluster of two workers
# takes to start and stop (part of the Dask figure), and the overhead
# ratio dask/local; checks the two outputs are the same bytes.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
: "${BUILD:=build/rel}"
: "${PROFVIEW:=$top/$BUILD/profview}"
: "${LOGS:=1000}"
: "${PART:=100}"
: "${RUNS:=3}"
export PROFVIEW
tmp=$(mktemp -d)
bench_at_exit 'rm -rf "$tmp"'

S=$top/samples/pypy-x86_64
set -- callpaths recursion lineloop threads memgrow callpaths-native
i=0
while [ $i -lt "$LOGS" ]; do
	for l in "$@"; do
		[ $i -lt "$LOGS" ] || break
		ln "$S/$l.prof" "$tmp/$i.prof" 2>/dev/null ||
			cp "$S/$l.prof" "$tmp/$i.prof"
		echo "$tmp/$i.prof" >>"$tmp/list"
		i=$((i + 1))
	done
done

now() { date +%s%N; }
best() { sort -n "$1" | head -n 1; }
ms() { echo "$1" | awk '{ printf "%.0f", $1 / 1e6 }'; }

r=0
while [ $r -lt "$RUNS" ]; do
	t0=$(now)
	xargs "$PROFVIEW" merge --quiet -o "$tmp/local.prof" <"$tmp/list"
	t1=$(now)
	/usr/bin/python3 "$top/cluster/profview-dask" --local 2 \
		--partition-size "$PART" --from-list "$tmp/list" \
		-o "$tmp/dask.prof" 2>"$tmp/err" ||
		{ cat "$tmp/err" >&2; exit 1; }
	t2=$(now)
	DASK_LOGGING__DISTRIBUTED=error /usr/bin/python3 -W ignore -c '
from distributed import Client, LocalCluster
c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                 host="127.0.0.1", dashboard_address=None)
Client(c).close()
c.close()'
	t3=$(now)
	echo $((t1 - t0)) >>"$tmp/local"
	echo $((t2 - t1)) >>"$tmp/dask"
	echo $((t3 - t2)) >>"$tmp/start"
	r=$((r + 1))
done
cmp -s "$tmp/local.prof" "$tmp/dask.prof" || {
	echo "b95: the Dask merge differs from the local one" >&2
	exit 1
}
l=$(best "$tmp/local") d=$(best "$tmp/dask") s=$(best "$tmp/start")
ratio() { awk "BEGIN { printf \"%.2f\", $1 }"; }
echo "logs:                    $LOGS (partitions of $PART)"
echo "profview merge:          $(ms "$l") ms"
echo "profview-dask --local 2: $(ms "$d") ms" \
	"(of which cluster start/stop $(ms "$s") ms)"
echo "overhead ratio:          $(ratio "$d / $l") (dask / local), same bytes"
echo "without start-up:        $(ratio "($d - $s) / $l") (dask - start / local)"
