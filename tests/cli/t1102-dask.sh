# cluster/profview-dask on a real Dask cluster: a dask-scheduler and two
# dask-worker processes on 127.0.0.1 (a free port, started here and
# stopped at the end) give the same bytes as a local merge; so do they
# when one worker is killed while it reads a log, and --local 2; an
# unreadable log stops the job (exit 3) or, with --keep-going, is skipped.
. tests/cli/lib.sh
out=$TESTS_OUT/t1102
rm -rf "$out"
mkdir -p "$out/work"
PY=/usr/bin/python3
DASK=cluster/profview-dask

if ! $PY -c 'import distributed' 2>/dev/null ||
   ! command -v dask-scheduler >/dev/null ||
   ! command -v dask-worker >/dev/null; then
	[ "${CI:-}" = true ] && fail "python3-distributed is not installed"
	skip "python3-distributed is not installed: skipped"
fi
export PROFVIEW

pids=
cleanup() {
	for p in $pids; do
		kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null
	done
	for p in $pids; do
		wait "$p" 2>/dev/null
	done
}
trap cleanup EXIT INT TERM

# twelve logs that share a layout, a few in each partition
S=samples/pypy-x86_64
logs=
for i in 1 2; do
	for l in callpaths recursion lineloop threads memgrow \
		callpaths-native; do
		cp "$S/$l.prof" "$out/$l-$i.prof"
		logs="$logs $out/$l-$i.prof"
	done
done
# shellcheck disable=SC2086
"$PROFVIEW" merge --quiet $logs -o "$out/local.prof" || fail "local merge"

port=$($PY -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
sched=tcp://127.0.0.1:$port
setsid dask-scheduler --host 127.0.0.1 --port "$port" --no-dashboard \
	>"$out/scheduler.log" 2>&1 &
pids="$pids $!"
for w in 1 2; do
	setsid dask-worker "$sched" --host 127.0.0.1 --nworkers 1 --nthreads 1 \
		--no-dashboard --local-directory "$out/work" \
		>"$out/worker$w.log" 2>&1 &
	pids="$pids $!"
done
timeout 60 $PY -c 'import sys
from distributed import Client
c = Client(sys.argv[1], timeout=30)
c.wait_for_workers(2, timeout=45)
c.close()' "$sched" 2>"$out/wait.err" ||
	fail "the cluster did not start: $(tail -3 "$out/scheduler.log")"

# 1. the cluster merges as one machine does
# shellcheck disable=SC2086
timeout 120 $PY $DASK --scheduler "$sched" --partition-size 3 \
	-o "$out/cluster.prof" $logs 2>"$out/cluster.err" ||
	fail "profview-dask: $(cat "$out/cluster.err")"
cmp -s "$out/local.prof" "$out/cluster.prof" ||
	fail "the cluster's merge differs from the local one"

# 2. one worker killed while its task reads a log: a FIFO holds the
# task until the worker running it is gone
mkfifo "$out/slow.prof"
printf '%s\n' "$out/slow.prof" $logs >"$out/list"
timeout 120 $PY $DASK --scheduler "$sched" --partition-size 1 \
	--from-list "$out/list" -o "$out/killed.prof" 2>"$out/killed.err" &
driver=$!
# find_reader [OLD]: "PID PPID" of the profview waiting on the FIFO (not
# OLD): the worker running it is its parent
find_reader() {
	timeout 60 $PY - "$out/slow.prof" "${1:-0}" <<'PY'
import os, sys, time
for _ in range(600):
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            argv = open("/proc/%s/cmdline" % pid, "rb").read().split(b"\0")
            stat = open("/proc/%s/stat" % pid).read()
        except OSError:
            continue
        if len(argv) > 2 and argv[1] == b"merge" and pid != sys.argv[2] \
                and argv[2] == sys.argv[1].encode():
            print(pid, stat.rsplit(")", 1)[1].split()[1])
            sys.exit(0)
    time.sleep(0.1)
sys.exit(1)
PY
}
set -- $(find_reader) || fail "no worker started on the FIFO log"
[ $# = 2 ] || fail "no worker started on the FIFO log"
kill -9 "$2" || fail "could not kill worker $2"
# the rerun, on whichever worker, reads the log through the FIFO: wait
# for its reader, so the killed one cannot take the bytes
set -- $(find_reader "$1")
[ $# = 2 ] || fail "the killed worker's task did not run again"
cat "$S/callpaths.prof" >"$out/slow.prof" &
feeder=$!
wait "$driver" ||
	fail "profview-dask after a worker died: $(cat "$out/killed.err")"
wait "$feeder"
# shellcheck disable=SC2086
"$PROFVIEW" merge --quiet "$S/callpaths.prof" $logs -o "$out/local2.prof"
cmp -s "$out/local2.prof" "$out/killed.prof" ||
	fail "a killed worker changed the result"

# 3. --local 2: a LocalCluster of two worker processes
# shellcheck disable=SC2086
timeout 120 $PY $DASK --local 2 --partition-size 4 -o "$out/lc.prof" $logs \
	2>"$out/lc.err" || fail "--local 2: $(cat "$out/lc.err")"
cmp -s "$out/local.prof" "$out/lc.prof" || fail "--local 2 differs"

# 4. an unreadable log: exit 3 naming it; --keep-going skips and lists it
printf 'not a log' >"$out/bad.prof"
# shellcheck disable=SC2086
timeout 120 $PY $DASK --scheduler "$sched" --partition-size 5 \
	-o "$out/bad-out.prof" $logs "$out/bad.prof" 2>"$out/bad.err"
rc=$?
[ "$rc" = 3 ] || fail "unreadable log: exit $rc: $(cat "$out/bad.err")"
grep -q "$out/bad.prof" "$out/bad.err" ||
	fail "not named: $(cat "$out/bad.err")"
[ ! -e "$out/bad-out.prof" ] || fail "a failed job wrote its output"
# shellcheck disable=SC2086
timeout 120 $PY $DASK --scheduler "$sched" --partition-size 5 --keep-going \
	-o "$out/kg.prof" $logs "$out/bad.prof" "$out/missing.prof" \
	2>"$out/kg.err" || fail "--keep-going: $(cat "$out/kg.err")"
cmp -s "$out/local.prof" "$out/kg.prof" || fail "--keep-going differs"
grep -q "2 logs skipped" "$out/kg.err" &&
	grep -q "^  $out/bad.prof: " "$out/kg.err" &&
	grep -q "^  $out/missing.prof: cannot open" "$out/kg.err" ||
	fail "--keep-going list: $(cat "$out/kg.err")"
exit 0
