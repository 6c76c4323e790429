#!/bin/sh
# b40-top.sh - `top` on the ~1 GB log against `info` on the same log: the
# goal is top within 1.2x of info's time (the aggregation costs a pass
# over the distinct stacks, not over the samples).  Prints both times,
# peak RSS and the ratio.  BIGLOG overrides the log (else bench/biglog.sh
# makes or finds it); RUNS (default 5) takes the best of several runs.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
: "${PROFVIEW:=$top/build/rel/profview}"
: "${RUNS:=5}"
if [ -z "${BIGLOG:-}" ]; then
	[ -f "$top/bench/biglog.sh" ] || { echo "bench/biglog.sh missing: set BIGLOG"; exit 1; }
	BIGLOG=$(sh "$top/bench/biglog.sh") || exit 1
fi
echo "log: $BIGLOG ($(($(wc -c <"$BIGLOG") / 1048576)) MiB)"
best() {   # best wall time and its peak RSS over RUNS runs of "$@"
	b=; rss=
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %M" -o "$BENCH_OUT/b40.time" "$@" >/dev/null 2>&1
		read -r t m <"$BENCH_OUT/b40.time"
		if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; rss=$m; fi
		i=$((i + 1))
	done
	echo "$b $rss"
}
set -- $(best "$PROFVIEW" info "$BIGLOG"); ti=$1; mi=$2
set -- $(best "$PROFVIEW" top "$BIGLOG"); tt=$1; mt=$2
echo "info: ${ti} s, peak RSS $((mi / 1024)) MiB"
echo "top:  ${tt} s, peak RSS $((mt / 1024)) MiB"
awk "BEGIN{r = $tt / $ti; printf \"top/info: %.3f (goal <= 1.2): %s\n\", r, r <= 1.2 ? \"met\" : \"NOT met\"}"
