"""Compare `profview lines --json` with the peer's NAME.lines.txt for one
function of a file (default programs/lineloop.py): every line the peer gives hits must have the same count (the
function must not be recursive: the peer counts a line once per frame,
profview once per sample).  Exit 1 on any difference."""
import json
import re
import sys

ours = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
func = sys.argv[3]
path = "programs/lineloop.py" if len(sys.argv) < 5 else sys.argv[4]
block = re.search(r"File: %s\nFunction: %s at line \d+\n\n.*?\n=+\n(.*?)\n\n" %
                  (re.escape(path), re.escape(func)), text, re.S)
if not block:
    print("no %s in %s" % (func, sys.argv[2]))
    sys.exit(1)
peer = {}
for ln in block.group(1).splitlines():
    m = re.match(r"\s*(\d+)\s+(\d+)\s+[0-9.]+", ln)
    if m:
        peer[int(m.group(1))] = int(m.group(2))
fn = [f for f in ours["functions"]
      if f["function"] == func and f["file"] == path][0]
mine = {l["line"]: l["samples"] for l in fn["lines"] if l["samples"]}
if mine != peer:
    print("%s: %s: profview %r, peer %r" % (sys.argv[2], func, mine, peer))
    sys.exit(1)
print("%s: %s: %d lines agree" % (sys.argv[2], func, len(peer)))
