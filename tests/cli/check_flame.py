#!/usr/bin/env python3
"""Checks a profview flame SVG.

  check_flame.py geometry SVG TOTAL   frames nest inside their parents, the
                                      root spans the graph and weighs TOTAL,
                                      titles' percentages match the weights
  check_flame.py same SVG1 SVG2       both draw the same frames (name,
                                      position, width, weight); either may
                                      be an HTML page (profview report)
                                      holding the graph as inline SVG
Exit 1 with a message on the first problem.
"""
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def parse(path):
    doc = open(path, encoding="utf-8").read()
    if not doc.lstrip().lower().startswith("<!doctype html"):
        return ET.fromstring(doc)
    # the flame graph inside a page: the one <svg class="pvflame">
    svg = re.findall(r'<svg[^>]*class="pvflame".*?</svg>', doc, re.S)
    if len(svg) != 1:
        sys.exit("%s: %d flame graphs in the page" % (path, len(svg)))
    return ET.fromstring(svg[0])


def frames(path):
    root = parse(path)
    box = [g for g in root.iter(NS + "g") if (g.get("id") or "").endswith("-frames")]
    if len(box) != 1:
        sys.exit("%s: no frames group" % path)
    out = []

    def walk(g, parent):
        for c in g:
            if c.tag != NS + "g":
                continue
            start, weight = (int(v) for v in c.get("data-v").split())
            title = c.find(NS + "title").text or ""
            rect = c.find(NS + "rect")
            f = {
                "name": title.split("\n")[0],
                "title": title,
                "start": start,
                "weight": weight,
                "x": float(rect.get("x")),
                "y": float(rect.get("y")),
                "w": float(rect.get("width")),
                "parent": parent,
            }
            out.append(f)
            walk(c, len(out) - 1)

    walk(box[0], None)
    return root, out


def geometry(path, total):
    root, fr = frames(path)
    if not fr:
        sys.exit("no frames")
    top = fr[0]
    iw = float(root.get("data-iw"))
    if top["parent"] is not None or top["name"] != "all":
        sys.exit("first frame is not the root 'all'")
    if top["weight"] != total:
        sys.exit("root weighs %d, expected %d" % (top["weight"], total))
    if abs(top["w"] - iw) > 0.011:
        sys.exit("root is %.2f px wide, graph is %.2f" % (top["w"], iw))
    for i, f in enumerate(fr):
        m = re.search(r", (\d+) \w+, ([0-9.]+)%$", f["title"].split("\n")[-1]) or \
            re.search(r", (\d+) \w+, ([0-9.]+)%", f["title"])
        if not m:
            sys.exit("frame %d: no weight in title %r" % (i, f["title"]))
        if int(m.group(1)) != f["weight"]:
            sys.exit("frame %d: title says %s, data-v %d" % (i, m.group(1), f["weight"]))
        want = 100.0 * f["weight"] / total if total else 0
        if abs(float(m.group(2)) - want) > 0.0051:
            sys.exit("frame %d: %s%% but %d/%d is %.4f%%" % (i, m.group(2), f["weight"], total, want))
        p = f["parent"]
        if p is None:
            continue
        par = fr[p]
        if f["weight"] > par["weight"]:
            sys.exit("frame %d (%s) weighs more than its parent" % (i, f["name"]))
        if f["w"] > par["w"] + 0.011:
            sys.exit("frame %d (%s) is wider than its parent" % (i, f["name"]))
        if f["x"] < par["x"] - 0.011 or f["x"] + f["w"] > par["x"] + par["w"] + 0.02:
            sys.exit("frame %d (%s) sticks out of its parent" % (i, f["name"]))
        if f["start"] < par["start"] or f["start"] + f["weight"] > par["start"] + par["weight"]:
            sys.exit("frame %d (%s) range outside its parent" % (i, f["name"]))
        if abs(f["y"] - par["y"]) < 1:
            sys.exit("frame %d (%s) on its parent's row" % (i, f["name"]))
    # siblings never overlap
    kids = {}
    for i, f in enumerate(fr):
        kids.setdefault(f["parent"], []).append(f)
    for p, ks in kids.items():
        ks = sorted(ks, key=lambda f: f["start"])
        for a, b in zip(ks, ks[1:]):
            if a["start"] + a["weight"] > b["start"]:
                sys.exit("siblings %s and %s overlap" % (a["name"], b["name"]))
        if p is not None and sum(k["weight"] for k in ks) > fr[p]["weight"]:
            sys.exit("children of %s weigh more than it" % fr[p]["name"])
    print("%d frames ok" % len(fr))


def same(a, b):
    _, fa = frames(a)
    _, fb = frames(b)
    key = lambda f: (f["name"], f["start"], f["weight"], f["x"], f["y"], f["w"])
    ka = [key(f) for f in fa]
    kb = [key(f) for f in fb]
    if ka != kb:
        for x, y in zip(ka, kb):
            if x != y:
                sys.exit("first difference: %r vs %r" % (x, y))
        sys.exit("%d frames vs %d" % (len(ka), len(kb)))
    print("%d frames identical" % len(ka))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "geometry":
        geometry(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "same":
        same(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


main()
