# export: each format is valid JSON whose figures agree with info and top
# on real logs (speedscope per-thread weights, vmprof tree counts,
# profview JSON tables).
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT
for log in samples/cpython-x86_64/threads.prof samples/pypy-x86_64/recursion.prof \
	   samples/cpython-s390x/lineloop.prof samples/cpython-x86_64/memgrow.prof; do
	"$P" info --json "$log" >"$O/e-info.json" || fail "info $log"
	for f in speedscope vmprof json; do
		"$P" export --format $f --quiet "$log" -o "$O/e-$f.json" ||
			fail "export --format $f $log"
	done
	python3 - "$O" <<'PY' || fail "export of $log is wrong"
import json, sys
o = sys.argv[1]
info = json.loads(open(o + "/e-info.json").readline())
per_thread = sorted(t["samples"] for t in info["thread_list"] if t["samples"])
ss = json.load(open(o + "/e-speedscope.json"))
assert ss["$schema"].endswith("file-format-schema.json")
nf = len(ss["shared"]["frames"])
got = []
for prof in ss["profiles"]:
    assert prof["type"] == "sampled" and len(prof["samples"]) == len(prof["weights"])
    assert all(0 <= i < nf for s in prof["samples"] for i in s)
    assert prof["endValue"] == sum(prof["weights"])
    got.append(sum(prof["weights"]))
assert sorted(got) == per_thread, (got, per_thread)
vm = json.load(open(o + "/e-vmprof.json"))["data"]["profiles"]
def check(n):
    name, addr, count, meta, kids = n
    assert isinstance(addr, str) and addr.isdigit() and isinstance(meta, dict)
    assert sum(k[2] for k in kids) <= count, name
    for k in kids:
        check(k)
check(vm)
assert vm[2] == info["samples"], (vm[2], info["samples"])
pj = json.load(open(o + "/e-json.json"))
assert pj["format"] == "profview-profile"
for i, (prefix, frame) in enumerate(pj["stacks"]):
    assert -1 <= prefix < i and 0 <= frame < len(pj["frames"])
for fr in pj["frames"]:
    assert fr["func"] is None or 0 <= fr["func"] < len(pj["funcs"])
counts = sorted(len(t["samples"]) for t in pj["threads"] if t["samples"])
assert counts == per_thread, (counts, per_thread)
for t in pj["threads"]:
    assert len(t["times"]) == len(t["samples"])
    assert all(a <= b for a, b in zip(t["times"], t["times"][1:]))
    if info["flags"]["memory"]:
        assert len(t["memory_kib"]) == len(t["samples"])
PY
done
# a filter reaches the export: one thread only
"$P" export --format speedscope --thread 1 samples/cpython-x86_64/threads.prof \
	-o "$O/e-one.json" || fail "export --thread"
python3 -c "import json,sys; assert len(json.load(open(sys.argv[1]))['profiles']) == 1" \
	"$O/e-one.json" || fail "export --thread 1 kept other threads"
expect_exit 2 "$P" export samples/cpython-x86_64/threads.prof 2>/dev/null
echo "exports agree"
