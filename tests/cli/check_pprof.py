"""Checks what Google's pprof reads from `profview export --format pprof`
against profview's own views of the same log:

  check_pprof.py TOP TRACES TOPJSON FOLD PROFJSON

TOP is `pprof -top -filefunctions -sample_index=samples` (every node),
TRACES `pprof -traces -sample_index=samples`, TOPJSON `profview top
--json --limit 0`, FOLD `profview fold`, PROFJSON `profview export
--format json`.  pprof groups functions by name and file: self (flat) is
compared for every group, total (cum) where one profview function forms
the group (two functions of one file with the same name share a group,
and a sample holding both counts once in it).  The traces, summed over
threads, are the folded stacks with the locations stripped; summed per
thread label they are each thread's samples with a stack.  Exit 1 with
the differences."""
import collections
import json
import os
import re
import sys

top_txt, traces_txt, top_json, fold_txt, prof_json = sys.argv[1:6]
bad = []

# ---- top ----
row = re.compile(r"^\s*(\d+)\s+[\d.]+%\s+[\d.]+%\s+(\d+)\s+[\d.]+%\s+(.*)$")
pp = {}
for line in open(top_txt):
    m = row.match(line.rstrip("\n"))
    if m:
        pp[m.group(3)] = (int(m.group(1)), int(m.group(2)))
ours = collections.defaultdict(list)
for r in json.load(open(top_json))["rows"]:
    # pprof shows file names cleaned (./a/../b is b)
    f = os.path.normpath(r["file"]) if r["file"] else ""
    key = r["function"] + (" " + f if f else "")
    ours[key].append(r)
for key, rows in ours.items():
    got = pp.get(key)
    if got is None:
        bad.append("pprof -top lacks %r" % key)
        continue
    if got[0] != sum(r["self"] for r in rows):
        bad.append("%r: flat %d, self %d" % (key, got[0], sum(r["self"] for r in rows)))
    if len(rows) == 1 and got[1] != rows[0]["total"]:
        bad.append("%r: cum %d, total %d" % (key, got[1], rows[0]["total"]))
for key in pp:
    if key not in ours:
        bad.append("pprof -top has %r, profview top does not" % key)

# ---- traces ----
paths = collections.Counter()
per_thread = collections.Counter()
blocks = open(traces_txt).read().split("-----------+")[1:]
for b in blocks:
    frames, labels, value = [], {}, None
    for line in b.split("\n")[1:]:
        if not line.strip():
            continue
        m = re.match(r"^\s*(\d+)   (.*)$", line)
        if m:
            value, frames = int(m.group(1)), [m.group(2)]
        elif line.startswith(" " * 13):
            frames.append(line[13:])
        else:
            key, val = line.split(":", 1)
            labels[key.strip()] = val.strip()
    if value is None:
        continue
    paths[";".join(reversed(frames))] += value
    per_thread[labels.get("thread")] += value
loc = re.compile(r"^(.*) \([^()]*:\d+\)$")
want = collections.Counter()
for line in open(fold_txt):
    stack, n = line.rstrip("\n").rsplit(" ", 1)
    names = [loc.sub(r"\1", f) for f in stack.split(";")]
    want[";".join(names)] += int(n)
for k in set(paths) | set(want):
    if paths[k] != want[k]:
        bad.append("stack %r: pprof %d, fold %d" % (k[-120:], paths[k], want[k]))
pj = json.load(open(prof_json))
for t in pj["threads"]:
    n = sum(1 for s in t["samples"] if s != -1)
    if n and per_thread[str(t["number"])] != n:
        bad.append("thread %d: pprof %d, profview %d" %
                   (t["number"], per_thread[str(t["number"])], n))
for b in bad[:20]:
    print(b)
sys.exit(1 if bad else 0)
