"""Checks `profview peek --json --limit 0 . LOG` against callers and
callees computed here from `profview fold LOG` (independently of
profview's call graph):

  check_peek.py PEEKJSON FOLD

From each folded stack (weight w, locations stripped from the names):
self[leaf] += w; total[f] += w once per distinct f; for each distinct
adjacent pair (caller, callee), with "(root)" above the first frame,
callers[callee][caller] += w and callees[caller][callee] += w.  Names
that two functions share are left out (fold keeps them apart only by
location).  Also: a function that does not call itself (directly or through others)
has callers adding up to its total and self plus callees too.  Exit 1 on a
difference."""
import collections
import json
import re
import sys

peek = json.load(open(sys.argv[1]))
loc = re.compile(r"^(.*) \([^()]*:\d+\)$")
self_, total = collections.Counter(), collections.Counter()
callers = collections.defaultdict(collections.Counter)
callees = collections.defaultdict(collections.Counter)
recursive = set()   # on some stack twice: calls itself, maybe through others
for line in open(sys.argv[2]):
    stack, n = line.rstrip("\n").rsplit(" ", 1)
    w = int(n)
    names = [loc.sub(r"\1", f) for f in stack.split(";")]
    self_[names[-1]] += w
    for f in names:
        if names.count(f) > 1:
            recursive.add(f)
    for f in set(names):
        total[f] += w
    pairs = set(zip(["(root)"] + names[:-1], names))
    for a, b in pairs:
        callers[b][a] += w
        callees[a][b] += w

count = collections.Counter(f["function"] for f in peek["functions"])
shared = {k for k, v in count.items() if v > 1}
bad = []
for f in peek["functions"]:
    name = f["function"]
    if name in shared:
        continue
    if (f["self"], f["total"]) != (self_[name], total[name]):
        bad.append("%s: self/total %d/%d, fold %d/%d" %
                   (name, f["self"], f["total"], self_[name], total[name]))
    for what, want in (("callers", callers[name]), ("callees", callees[name])):
        got = {r["function"]: r["samples"] for r in f[what]}
        if any(k in shared for k in got) or any(k in shared for k in want):
            continue
        if got != dict(want):
            bad.append("%s %s: %s, fold %s" % (name, what, got, dict(want)))
    if name not in recursive:
        if sum(r["samples"] for r in f["callers"]) != f["total"]:
            bad.append("%s: callers do not add up to the total" % name)
        if f["self"] + sum(r["samples"] for r in f["callees"]) != f["total"]:
            bad.append("%s: self + callees do not add up to the total" % name)
for b in bad[:20]:
    print(b)
sys.exit(1 if bad else 0)
