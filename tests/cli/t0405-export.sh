# export: each format is valid JSON whose figures agree with info and top
# on real logs (speedscope per-thread weights: sample counts, or the
# sample spans in milliseconds for timed logs; vmprof-web tree counts;
# profview JSON tables); speedscope files keep to the fields and types
# of speedscope's schema.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT
for log in samples/cpython-x86_64/threads.prof samples/pypy-x86_64/recursion.prof \
	   samples/cpython-s390x/lineloop.prof samples/cpython-x86_64/memgrow.prof; do
	"$P" info --json "$log" >"$O/e-info.json" || fail "info $log"
	for f in speedscope vmprof-web json; do
		"$P" export --format $f --quiet "$log" -o "$O/e-$f.json" ||
			fail "export --format $f $log"
	done
	python3 - "$O" <<'PY' || fail "export of $log is wrong"
import json, sys
sys.path.insert(0, "tests/cli")
import spans
o = sys.argv[1]
info = json.loads(open(o + "/e-info.json").readline())
per_thread = sorted(t["samples"] for t in info["thread_list"] if t["samples"])
ss = json.load(open(o + "/e-speedscope.json"))
pj = json.load(open(o + "/e-json.json"))
# speedscope's file-format-schema.json: required fields and their types
assert ss["$schema"] == "https://www.speedscope.app/file-format-schema.json"
assert set(ss) <= {"$schema", "shared", "profiles", "name",
                   "activeProfileIndex", "exporter"}, set(ss)
assert isinstance(ss["name"], str) and isinstance(ss["exporter"], str)
nf = len(ss["shared"]["frames"])
for fr in ss["shared"]["frames"]:
    assert isinstance(fr["name"], str) and set(fr) <= {"name", "file", "line", "col"}
    assert isinstance(fr.get("file", ""), str) and isinstance(fr.get("line", 0), int)
timed = info["sample_times"] in ("recorded", "spread")
got, want = [], []
for prof in ss["profiles"]:
    assert set(prof) == {"type", "name", "unit", "startValue", "endValue",
                         "samples", "weights"}, set(prof)
    assert prof["type"] == "sampled" and len(prof["samples"]) == len(prof["weights"])
    assert prof["unit"] == ("milliseconds" if timed else "none"), prof["unit"]
    assert all(isinstance(i, int) and 0 <= i < nf for s in prof["samples"] for i in s)
    assert all(isinstance(w, (int, float)) and w >= 0 for w in prof["weights"])
    # consecutive identical samples are merged
    assert all(a != b for a, b in zip(prof["samples"], prof["samples"][1:]))
    assert abs(prof["endValue"] - prof["startValue"] - sum(prof["weights"])) < 1e-3
    got.append(sum(prof["weights"]))
if timed:
    for t in pj["threads"]:
        if t["samples"]:
            sp = spans.thread_spans(t["times"], info)
            want.append(sum(e - s for s, e, i in sp) / 1e6)
    got.sort(), want.sort()
    assert len(got) == len(want) and all(
        abs(g - w) <= max(1e-3 * len(t["samples"]), 1e-3 * w)
        for g, w in zip(got, want)), (got, want)
else:
    assert sorted(got) == per_thread, (got, per_thread)
vm = json.load(open(o + "/e-vmprof-web.json"))["data"]["profiles"]
def check(n):
    name, addr, count, meta, kids = n
    assert isinstance(addr, str) and addr.isdigit() and isinstance(meta, dict)
    assert sum(k[2] for k in kids) <= count, name
    for k in kids:
        check(k)
check(vm)
assert vm[2] == info["samples"], (vm[2], info["samples"])
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
# an unknown format is a usage error that lists the formats
"$P" export --format nope samples/cpython-x86_64/threads.prof 2>"$O/e-err"
[ $? = 2 ] || fail "unknown format: exit status"
for f in pprof callgrind chrome-trace speedscope vmprof-web json; do
	grep -q "$f" "$O/e-err" || fail "the formats listed lack $f"
done
# --format vmprof: the vmprof log merge writes, the same bytes
"$P" export --format vmprof samples/cpython-x86_64/threads.prof \
	-o "$O/e.prof" || fail "--format vmprof"
"$P" merge samples/cpython-x86_64/threads.prof -o "$O/m.prof" ||
	fail "merge"
cmp -s "$O/e.prof" "$O/m.prof" || fail "--format vmprof is not merge's log"
echo "exports agree"
