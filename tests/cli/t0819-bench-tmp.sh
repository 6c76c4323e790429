#!/bin/sh
# The benchmarks keep their large inputs in a temporary directory that is
# removed when they end (bench/lib.sh), however they end; BENCH_KEEP=DIR
# keeps them for reuse; no script writes into the checkout.
. tests/cli/lib.sh
out=$TESTS_OUT/t0819
rm -rf "$out"
mkdir -p "$out"
top=$(pwd)

# every benchmark script sources lib.sh and names no bench/out
for b in bench/b[0-9]*.sh bench/run.sh; do
	grep -q '^\. "\$top/bench/lib.sh"$' "$b" || fail "$b does not source bench/lib.sh"
	grep -q 'bench/out' "$b" && fail "$b writes into bench/out"
done

# a script run alone: its directory holds a big log while it runs, and is
# gone once it exits normally, fails, or is killed
cat >"$out/b.sh" <<'SH'
top=$1
. "$top/bench/lib.sh"
echo "$BENCH_OUT" >"$2"
log=$(SIZE_MB=2 LOG=$top/samples/cpython-x86_64/recursion.prof \
	sh "$top/bench/biglog.sh") || exit 9
case $log in "$BENCH_OUT"/*) ;; *) exit 8 ;; esac
[ -s "$log" ] || exit 7
if [ "${3:-}" = wait ]; then
	sleep 30 &
	bench_at_exit "kill $!"
	touch "$2.ready"
	wait
fi
[ "${3:-}" = fail ] && exit 3
exit 0
SH
export BUILD="${BUILD:-build/rel}"
sh "$out/b.sh" "$top" "$out/dir1" || fail "bench script: exit $?"
d=$(cat "$out/dir1")
[ -n "$d" ] && [ ! -e "$d" ] || fail "$d left behind"
sh "$out/b.sh" "$top" "$out/dir2" fail
[ $? = 3 ] || fail "failing script: wrong status"
[ ! -e "$(cat "$out/dir2")" ] || fail "a failing script left its directory"
sh "$out/b.sh" "$top" "$out/dir3" wait &
pid=$!
i=0
while [ ! -e "$out/dir3.ready" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -d "$(cat "$out/dir3")" ] || fail "no directory while running"
kill -TERM $pid
wait $pid
sleep 0.2
[ ! -e "$(cat "$out/dir3")" ] || fail "a killed script left its directory"

# BENCH_KEEP: kept, and the big log is reused
BENCH_KEEP=$out/keep sh "$out/b.sh" "$top" "$out/dir4" || fail "BENCH_KEEP run"
[ "$(cat "$out/dir4")" = "$out/keep" ] || fail "BENCH_KEEP not used"
ls "$out"/keep/big-*.prof >/dev/null 2>&1 || fail "BENCH_KEEP: no log kept"
before=$(stat -c %Y "$out"/keep/big-*.prof)
BENCH_KEEP=$out/keep sh "$out/b.sh" "$top" "$out/dir5" || fail "second run"
[ "$(stat -c %Y "$out"/keep/big-*.prof)" = "$before" ] || fail "log made again"
# biglog.sh alone, with no directory: refused, nothing written
env -u BENCH_OUT -u BENCH_KEEP sh bench/biglog.sh >/dev/null 2>&1
[ $? = 2 ] || fail "biglog.sh without a directory"
[ ! -e bench/out ] || [ -z "$(ls -A bench/out 2>/dev/null)" ] ||
	echo "note: bench/out exists (from an older checkout)"
exit 0
