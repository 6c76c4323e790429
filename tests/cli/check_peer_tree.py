"""Compare `profview tree --json --prune 0 --keep-root --collapse-recursion`
with the peer viewer's tree output (NAME.tree.txt).

The peer folds direct recursion and starts at its filtered root
(filter_top: the first `<module>` frame, or the biggest branch); its
first column is a node's share of that root, to one decimal.  We find
the peer's root in our tree (the heaviest node with the same name and
location), then check every peer path below it: the node must exist and
hold the same share, within the rounding and one sample.  Nodes the peer
names only by address (`<unknown code>`, JIT code) are skipped with
their subtrees.  Exit 1 on any difference."""
import json
import re
import sys

ours = json.load(open(sys.argv[1]))
lines = open(sys.argv[2], errors="replace").read().splitlines()

LINE = re.compile(r"\s*([0-9.]+)% ((?:\|\.)*) ?(.*?)  ([0-9.]+)%  (.*)$")
peer = []          # (level, key, pct)
for ln in lines:
    m = LINE.match(ln)
    if not m:
        continue
    level = len(m.group(2)) // 2
    name, loc = m.group(3), m.group(5)
    peer.append((level, (name, loc), float(m.group(1))))


def key(n):
    loc = n.get("file", "")
    if n.get("kind") == "native":
        loc = "-"
    return (n["function"], "%s:%s" % (loc, n.get("line", 0)))


def native_loc(k):
    """Our key for a peer key: placeholders are renamed, and a symbol
    text the peer could not split (a Windows path holds a colon) is
    printed whole with the location `<unknown>`."""
    name, loc = k
    m = re.match(r"<native symbol 0x([0-9a-fA-F]+)>$", name)
    if m:
        addr = int(m.group(1), 16)
        # an untagged address is a code id with no record: <unknown ..>
        name = ("<native 0x%x>" % (addr & ~1)) if addr & 1 else \
            "<unknown 0x%x>" % addr
        loc = "-:0" if addr & 1 else ":0"
    elif loc == "<unknown>" and name.startswith("py:"):
        fn, line, path = name[3:].split(":", 2)
        name, loc = fn, "%s:%s" % (path, line)
    return (name, loc)


def all_nodes(roots):
    stack = list(roots)
    while stack:
        n = stack.pop()
        yield n
        stack.extend(n["children"])


if len(ours["roots"]) > 1:
    # the peer takes every stack to start at the first sample's root
    # frame and grafts the rest of it there: with several roots (threads
    # starting in different functions) its tree mixes them, so there is
    # no shared figure to compare
    print("%s: %d roots (threads with different roots): not comparable" %
          (sys.argv[2], len(ours["roots"])))
    sys.exit(0)
if not peer:
    print("%s: no tree lines" % sys.argv[2])
    sys.exit(1)
root_key = native_loc(peer[0][1])
cands = [n for n in all_nodes(ours["roots"]) if key(n) == root_key]
if not cands:
    print("%s: the peer's root %r is not in our tree" % (sys.argv[2], root_key))
    sys.exit(1)
root = max(cands, key=lambda n: n["total"])
one = 100.0 / root["total"] if root["total"] else 100.0
path = [root]
bad = checked = 0
skip_below = None
for level, k, pct in peer[1:]:
    if skip_below is not None and level > skip_below:
        continue
    skip_below = None
    k = native_loc(k)
    if k[0] in ("<unknown code>", "JIT code") or k[1] == "<unknown>":
        skip_below = level
        continue
    del path[level:]
    if len(path) < level:
        continue     # parent was skipped
    parent = path[-1]
    found = [c for c in parent["children"] if key(c) == k]
    if not found:
        if pct >= 0.2:
            bad += 1
            print("%s: level %d %s: %.1f%% in the peer, absent from profview" %
                  (sys.argv[2], level, ":".join(k), pct))
        skip_below = level
        continue
    node = found[0]
    path.append(node)
    mine = 100.0 * node["total"] / root["total"]
    checked += 1
    if abs(mine - pct) > 0.05 + one:
        bad += 1
        print("%s: level %d %s: peer %.1f%%, profview %.2f%%" %
              (sys.argv[2], level, ":".join(k), pct, mine))
print("%s: %d nodes compared" % (sys.argv[2], checked))
sys.exit(1 if bad else 0)
