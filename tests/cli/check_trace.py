"""Checks a `profview export --format chrome-trace` file against the same
profile's `export --format json` and `info --json` (one line per log):
the JSON is a Trace Event Format object; every thread with samples has a
named track; on each track the complete events nest (sorted by start,
longer first, each lies inside the one that encloses its start); every
event lies within its log's duration; the outermost events of a thread
cover its non-empty samples exactly (args.samples) and their durations
add up to the thread's sample spans (tests/cli/spans.py).  Exit 1 with
the first difference."""
import json
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import spans  # noqa: E402

trace = json.load(open(sys.argv[1]))
pj = json.load(open(sys.argv[2]))
infos = [json.loads(line) for line in open(sys.argv[3]) if line.strip()]

assert isinstance(trace["traceEvents"], list)
logs = trace["otherData"]["logs"]
assert len(logs) == len(infos) == len(pj["sources"])
for lg, info in zip(logs, infos):
    # an aggregate log (merge) has no times: its samples are laid out
    # back to back, one slot each
    none = info["sample_times"].startswith("none")
    want = "counts" if none else info["sample_times"]
    assert lg["times"] == want, (lg, info["sample_times"])

tracks, named = {}, set()
for ev in trace["traceEvents"]:
    if ev["ph"] == "M":
        if ev["name"] == "thread_name":
            named.add((ev["pid"], ev["tid"]))
        continue
    assert ev["ph"] == "X", ev
    assert ev["dur"] >= 0 and ev["ts"] >= 0, ev
    tracks.setdefault((ev["pid"], ev["tid"]), []).append(ev)

checked = 0
for th in pj["threads"]:
    key = (th["source"] + 1, th["number"])
    counts = th.get("counts", [1] * len(th["samples"]))
    nonempty = sum(c for s, c in zip(th["samples"], counts) if s != -1)
    if not th["samples"]:
        continue
    assert key in named, "thread %s has no track" % (key,)
    evs = tracks.get(key, [])
    if not nonempty:
        assert not evs
        continue
    info = infos[th["source"]]
    end = spans.end_ns(info)
    # nesting
    evs.sort(key=lambda e: (e["ts"], -e["dur"]))
    stack, roots = [], []
    for e in evs:
        a, b = e["ts"], e["ts"] + e["dur"]
        if end is not None:
            assert b <= end / 1000 + 1e-3, ("past the end", e, end)
        while stack and a >= stack[-1][1] - 1e-6 and not (
                a == stack[-1][0] and b <= stack[-1][1]):
            stack.pop()
        if stack:
            pa, pb = stack[-1]
            assert pa - 1e-6 <= a and b <= pb + 1e-6, ("overlap", e, stack[-1])
        else:
            roots.append(e)
        stack.append((a, b))
    got = sum(e["args"]["samples"] for e in roots)
    assert got == nonempty, ("samples covered", key, got, nonempty)
    if info["sample_times"].startswith("none"):
        checked += 1
        continue
    sp = spans.thread_spans(th["times"], info)
    want = sum(e - s for s, e, i in sp if th["samples"][i] != -1) / 1000.0
    cover = sum(e["dur"] for e in roots)
    assert abs(cover - want) <= max(1.0 * len(sp), 1e-3 * want), \
        ("coverage", key, cover, want)
    checked += 1
assert set(tracks) <= named
print("%d threads checked" % checked)
