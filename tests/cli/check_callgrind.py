"""Checks callgrind_annotate's reading of `profview export --format
callgrind` against `profview top --json --limit 0`:

  check_callgrind.py SELF INCLUSIVE TOPJSON

SELF and INCLUSIVE are callgrind_annotate's output without and with
--inclusive=yes.  Functions are `file:name` (native code without a file:
its module; no file at all: ???), with 'LINE after the name when two
functions of one file share it.  Every function with samples must show
its self and total samples; no other function may appear.  Exit 1 with
the differences."""
import collections
import json
import re
import sys

row = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$")


def read(path):
    out, on = {}, False
    for line in open(path):
        line = line.rstrip("\n")
        if "file:function" in line:
            on = True
            continue
        m = row.match(line)
        if on and m:
            out[m.group(2)] = int(m.group(1).replace(",", ""))
    return out


self_cg, incl_cg = read(sys.argv[1]), read(sys.argv[2])
rows = json.load(open(sys.argv[3]))["rows"]
n = collections.Counter((r["file"] or "???", r["function"]) for r in rows)
bad = []
want_self, want_incl = {}, {}
for r in rows:
    f = r["file"] or "???"
    key = "%s:%s" % (f, r["function"])
    if n[(f, r["function"])] > 1:
        key += "'%d" % r["line"]
    want_self[key], want_incl[key] = r["self"], r["total"]
for name, got, want in (("self", self_cg, want_self),
                        ("inclusive", incl_cg, want_incl)):
    for k, v in want.items():
        if v and got.get(k) != v:
            bad.append("%s %s: callgrind %s, top %d" % (name, k, got.get(k), v))
    for k, v in got.items():
        if k not in want:
            bad.append("%s: callgrind has %s (%d), top does not" % (name, k, v))
for b in bad[:20]:
    print(b)
sys.exit(1 if bad else 0)
