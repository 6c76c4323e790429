"""Checks a `profview report` page.

  check_report.py static HTML [FACTS]   well-formed HTML5, self-contained,
                                        function table agrees with facts
  check_report.py probe DOM MEMORY [PEEK]  what report_probe.js saw in
                                        chromium (PEEK: peek --json of the log)
Exit 1 with one line per problem."""
import html.parser
import json
import re
import sys

VOID = {"meta", "input", "br", "img", "hr", "link", "wbr", "col", "area",
        "base", "embed", "source", "track", "param"}
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


class Walk(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.rows, self.doctype = [], set(), [], None
        self.svg = 0
        self.cell = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            check(a["id"] not in self.ids, "duplicate id %s" % a["id"])
            self.ids.add(a["id"])
        for k in ("src", "href"):
            v = a.get(k)
            check(v is None or v.startswith("#"),
                  "external reference %s=%s" % (k, v))
        check(tag != "link", "a <link> element")
        if tag == "svg":
            self.svg += 1
        if tag == "tr" and self.stack and self.stack[-1] == "tbody":
            self.rows.append([])
        if tag == "td" and self.rows and "tbody" in self.stack:
            self.cell = [a.get("data-v"), ""]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        check(tag in VOID or self.svg, "<%s/> outside SVG" % tag)
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        check(self.stack and self.stack[-1] == tag,
              "</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else ""))
        if self.stack:
            self.stack.pop()
        if tag == "svg":
            self.svg -= 1
        if tag == "td" and self.cell is not None:
            self.rows[-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data


def static(path, facts_path=None):
    doc = open(path, encoding="utf-8").read()
    check(doc.startswith("<!DOCTYPE html>"), "no HTML5 doctype")
    check(not re.search(r"https?://(?!www\.w3\.org/2000/svg)", doc),
          "a network address in the page")
    w = Walk()
    w.feed(doc)
    w.close()
    check(w.doctype and w.doctype.lower() == "doctype html", "doctype")
    check(not w.stack, "unclosed elements %s" % w.stack)
    for i in ("summary", "flame", "top", "tree", "pv-flame", "pv-top",
              "pv-filter", "pv-tree", "pv-data"):
        check(i in w.ids, "no element #%s" % i)
    # navigation: one link per section of the page, and only those
    nav = re.search(r"<nav>(.*?)</nav>", doc, re.S)
    check(nav, "no <nav>")
    links = re.findall(r'<a href="#([^"]+)"', nav.group(1)) if nav else []
    sections = re.findall(r'<section id="([^"]+)"', doc)
    check(links == sections, "navigation %s, sections %s" % (links, sections))
    # the summary: every row a label and a value; no bare "none"
    summ = re.search(r'<section id="summary">(.*?)</section>', doc, re.S)
    check(summ, "no summary section")
    for row in re.findall(r"<tr>(.*?)</tr>", summ.group(1) if summ else "",
                          re.S):
        cells = [html.unescape(re.sub(r"<[^>]*>", "", c)).strip()
                 for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
        check(len(cells) == 2 and cells[0] and cells[1],
              "summary row %s: not a label and a value" % cells)
        if len(cells) == 2:
            check(cells[1].lower() not in ("none", "(none)", "-", "?"),
                  "summary %s: bare '%s'" % (cells[0], cells[1]))
            check(not re.search(r"(^|, )none$", cells[1]),
                  "summary %s: unlabelled 'none' in '%s'" % (cells[0],
                                                           cells[1]))
    data = re.search(r'<script id="pv-data" type="application/json">(.*?)</script>',
                     doc, re.S)
    check(data, "no data block")
    if data:
        d = json.loads(data.group(1))
        n = d["n"]
        check(all(p < k for k, (p, _, _, _) in enumerate(n)),
              "tree rows not parents first")
        check(sum(t for p, _, _, t in n if p < 0) == d["total"] - 0 or
              d["folded_below"] > 0, "roots do not add up to the total")
    if facts_path:
        facts = json.load(open(facts_path))
        self_of = {}
        for r in w.rows:
            self_of[(r[0][1], r[1][1])] = int(r[2][0])
        for t in facts["top5_self"]:
            _, name, line, file = t["name"].split(":", 3)
            got = self_of.get((name, "%s:%s" % (file, line)))
            check(got == t["samples"], "self of %s: page %s, facts %s"
                  % (t["name"], got, t["samples"]))
    return w


def probe(dom, memory, peek_json=None):
    m = re.search(r'<pre id="pv-test-result">(.*?)</pre>', open(dom).read(), re.S)
    check(m, "the probe wrote no result (script failed to run?)")
    if not m:
        return
    r = json.loads(html.unescape(m.group(1)))
    check(not r["errors"], "console/script errors: %s" % r["errors"])
    check(r["nameSort"] == "ascending", "name header: aria-sort %s" % r["nameSort"])
    check(r["byName"] == sorted(r["byName"], key=lambda s: s.casefold()),
          "rows not in name order after clicking Function: %s" % r["byName"])
    check(r["totalSort"] == "descending" and
          r["byTotal"] == sorted(r["byTotal"], reverse=True),
          "rows not by total descending: %s" % r["byTotal"])
    check(r["byTotalAgain"] == sorted(r["byTotal"]),
          "second click did not reverse the order")
    want = [x for x in r["all"] if r["query"] in x.lower()]
    check(r["filtered"] and r["filtered"] == want and len(want) < len(r["all"]) + 1,
          "filter '%s' shows %s, expected %s" % (r["query"], r["filtered"], want))
    check(r["flameFrames"] > 3, "flame graph has %d frames" % r["flameFrames"])
    check("clicked" in r, "no narrow flame frame to click")
    if "clicked" in r:
        check(r["zoomAttr"] == r["clicked"], "zoom is %s after clicking %s"
              % (r["zoomAttr"], r["clicked"]))
        check(r["zoomedWidth"] >= r["flameWidth"] - 1,
              "zoomed frame is %s px wide of %s (was %s)"
              % (r["zoomedWidth"], r["flameWidth"], r["clickedWidth"]))
        check(r["resetZoom"] == "", "reset left zoom at %s" % r["resetZoom"])
        check(abs(r["resetWidth"] - r["clickedWidth"]) < 0.01,
              "after reset the frame is %s px wide, was %s"
              % (r["resetWidth"], r["clickedWidth"]))
    check(r["treeNodes"] > 3, "call tree shows %d nodes" % r["treeNodes"])
    check(r.get("openedKids", 1) > 0, "opening a tree node showed no children")
    check(r["memory"] == (memory == "1"), "memory curve present: %s" % r["memory"])
    check(r.get("nav") and all(x[1] for x in r["nav"]),
          "navigation links without a visible target: %s" % r.get("nav"))
    # the peek panel: hidden until a click, then the clicked function's
    # callers and callees as `profview peek --json` counts them
    p = r.get("peek")
    check(p is not None, "no peek result")
    if p is None:
        return
    check(r["peekHiddenBefore"] and not p["hidden"] and p["selected"],
          "peek panel: hidden before %s, after %s, row selected %s"
          % (r["peekHiddenBefore"], p["hidden"], p["selected"]))
    check(p["heading"].startswith(p["name"]), "peek heading %r for row %r"
          % (p["heading"], p["name"]))
    if peek_json:
        funcs = json.load(open(peek_json))["functions"]
        want = [f for f in funcs if f["function"] == p["name"] and
                p["where"] == "%s%s" % (f["file"], ":%d" % f["line"] if f["line"] else "")]
        check(len(want) == 1, "peek: %r %r not in peek --json" % (p["name"], p["where"]))
        if len(want) == 1:
            for k in ("callers", "callees"):
                w = sorted([x["function"], x["samples"]] for x in want[0][k])
                check(sorted(p[k]) == w, "peek %s of %s: page %s, peek %s"
                      % (k, p["name"], sorted(p[k]), w))


if __name__ == "__main__":
    import html
    if sys.argv[1] == "static":
        static(*sys.argv[2:4])
    else:
        probe(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    for p in problems:
        print("%s: %s" % (sys.argv[2], p))
    sys.exit(1 if problems else 0)
