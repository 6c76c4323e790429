# Exports on hostile inputs built here (tests/cli/hostile_exports.py):
# a 20000-frame stack and a 20000-deep recursion in every format (no
# recursion in the writers: the vmprof-web tree nests 20000 deep and is
# whole); 300000 threads in one pass (json and speedscope used to loop
# over every sample for every thread: hours at this size); a failed
# write or allocation is an error, never a short file with status 0.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/t0410
mkdir -p "$O"
py=/usr/bin/python3
$py tests/cli/hostile_exports.py deep "$O/deep.txt" 20000 || fail "gen deep"
for f in pprof callgrind chrome-trace speedscope vmprof-web json; do
	"$P" export --format $f "$O/deep.txt" -o "$O/deep.$f" ||
		fail "export --format $f of a 20000-frame stack"
done
# the vmprof-web tree: balanced, 20001 levels (synthetic root), 5 samples
$py - "$O/deep.vmprof-web" <<'PY' || fail "vmprof-web of the deep stack"
import sys
s = open(sys.argv[1]).read()
depth = top = 0
instr = esc = False
for ch in s:
    if instr:
        if esc: esc = False
        elif ch == "\\": esc = True
        elif ch == '"': instr = False
    elif ch == '"': instr = True
    elif ch in "[{": depth += 1; top = max(top, depth)
    elif ch in "]}": depth -= 1
assert depth == 0 and top > 2 * 20000, (depth, top)
assert s.startswith('{"data":{"VM":"","profiles":["py:<all samples>:0:-","0",5,')
PY
$py -c '
import json, sys
sys.setrecursionlimit(10000)
d = json.load(open(sys.argv[1]))
assert sorted(len(s) for s in d["profiles"][0]["samples"]) == [20000, 20000]
assert sum(d["profiles"][0]["weights"]) == 5
t = json.load(open(sys.argv[2]))
x = [e for e in t["traceEvents"] if e["ph"] == "X"]
assert len(x) == 40000 and sum(e["args"]["samples"] for e in x) == 20000 * 5
' "$O/deep.speedscope" "$O/deep.chrome-trace" || fail "deep speedscope/chrome-trace"

$py tests/cli/hostile_exports.py threads "$O/thr.prof" 300000 || fail "gen threads"
for f in json speedscope chrome-trace pprof; do
	timeout 120 "$P" export --format $f "$O/thr.prof" -o "$O/thr.$f" ||
		fail "export --format $f of 300000 threads"
done
$py -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["threads"]) == 300000
assert all(t["samples"] == [1] for t in d["threads"])
s = json.load(open(sys.argv[2]))
assert len(s["profiles"]) == 300000
' "$O/thr.json" "$O/thr.speedscope" || fail "300000 threads exported wrong"

# a write that fails is an error in every format
for f in pprof callgrind chrome-trace speedscope vmprof-web json; do
	"$P" export --format $f samples/cpython-x86_64/threads.prof -o /dev/full \
		2>/dev/null && fail "--format $f to a full disk exited 0"
done
# under a memory limit an export either completes or fails: never a short
# document with status 0 (the sanitizers reserve too much address space)
if [ "${SAN:-}" != 1 ]; then
	oom=0 kb=200000
	# down in steps until the program no longer even loads
	while [ $kb -gt 20000 ]; do
		(ulimit -v $kb && exec "$P" export --format json "$O/thr.prof" \
			-o "$O/lim.json") 2>"$O/lim.err"
		rc=$?
		[ $rc = 127 ] && break
		if [ $rc = 0 ]; then
			$py -c 'import json,sys
assert len(json.load(open(sys.argv[1]))["threads"]) == 300000' \
			"$O/lim.json" || fail "status 0 at $kb KB with a short document"
		else
			grep -q "out of memory" "$O/lim.err" ||
				fail "failed at $kb KB: $(cat "$O/lim.err")"
			oom=1
		fi
		kb=$((kb - 10000))
	done
	[ $oom = 1 ] || fail "no limit made the export run out of memory"
fi
echo "hostile exports handled"
