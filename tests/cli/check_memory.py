"""Checks `profview memory` output against a log read independently
(memlog.py) and its NAME.facts.json.

  check_memory.py svg SVG LOG FACTS   values plotted, peak, ticks
  check_memory.py csv CSV LOG FACTS [FROM TO]   every row, unreduced
Exit 1 with one line per problem.
"""
import csv
import math
import sys
import xml.etree.ElementTree as ET

import memlog

NS = "{http://www.w3.org/2000/svg}"
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


def expected(log, facts_path):
    import json
    facts = json.load(open(facts_path))
    s = memlog.read_samples(log, facts)
    check(len(s) == facts["stack_samples"],
          "independent reader found %d samples, facts say %d"
          % (len(s), facts["stack_samples"]))
    mem = [m for m, _ in s]
    mk = facts["memory_kib"]
    check((mem[0], mem[-1], min(mem), max(mem)) ==
          (mk["first"], mk["last"], mk["min"], mk["max"]),
          "independent reader disagrees with the facts' memory_kib")
    return facts, mem, memlog.sample_times(len(mem), facts)


def check_svg(svg, log, facts_path):
    facts, mem, times = expected(log, facts_path)
    root = ET.parse(svg).getroot()
    px, py, pw, ph = map(float, root.get("data-plot").split())
    t0, t1 = map(float, root.get("data-time-range").split())
    m0, m1 = map(float, root.get("data-mib-range").split())
    series = root.findall(NS + "g[@class='series']")
    check(len(series) == 1, "%d series, expected 1" % len(series))
    g = series[0]
    mk = facts["memory_kib"]
    for attr, want in (("data-min-kib", mk["min"]), ("data-max-kib", mk["max"]),
                       ("data-first-kib", mk["first"]),
                       ("data-last-kib", mk["last"]),
                       ("data-samples", facts["stack_samples"])):
        check(int(g.get(attr)) == want,
              "%s is %s, the log says %s" % (attr, g.get(attr), want))
    ipeak = mem.index(max(mem))
    check(abs(float(g.get("data-peak-time")) - times[ipeak]) < 1e-4,
          "peak time %s, the log's first maximum is sample %d at %.6f s"
          % (g.get("data-peak-time"), ipeak, times[ipeak]))

    # every drawn point is a sample: its value at its time (inverting the
    # pixel mapping; coordinates carry 2 decimals)
    pts = [tuple(map(float, p.split(",")))
           for p in g.find(NS + "polyline").get("points").split()]
    tol_t = 0.006 * (t1 - t0) / pw
    tol_k = 0.006 * (m1 - m0) / ph * 1024
    drawn = []
    for x, y in pts:
        t = t0 + (x - px) / pw * (t1 - t0)
        k = (m0 + (py + ph - y) / ph * (m1 - m0)) * 1024
        near = [i for i, ti in enumerate(times) if abs(ti - t) <= tol_t + 1e-6]
        check(any(abs(mem[i] - k) <= tol_k + 0.5 for i in near),
              "point (%.2f,%.2f) = %.4f s, %.1f KiB matches no sample"
              % (x, y, t, k))
        drawn.append(k)
    check(abs(max(drawn) - max(mem)) <= tol_k + 0.5,
          "highest point drawn %.1f KiB, the log's max %d" % (max(drawn), max(mem)))
    check(abs(min(drawn) - min(mem)) <= tol_k + 0.5,
          "lowest point drawn %.1f KiB, the log's min %d" % (min(drawn), min(mem)))
    c = g.find(NS + "circle[@class='peak']")
    check(abs(float(c.get("cx")) - (px + (times[ipeak] - t0) / (t1 - t0) * pw)) < 0.02,
          "peak marker not at the peak's time")
    label = root.find(NS + "text[@class='peak-label']").text
    check("%.1f MiB" % (max(mem) / 1024.0) in label,
          "peak label '%s' lacks the peak value" % label)

    # ticks: round values covering the data
    for cls, lo, hi in (("xticks", times[0], times[-1]),
                        ("yticks", min(mem) / 1024.0, max(mem) / 1024.0)):
        v = [float(t.get("data-value"))
             for t in root.find(NS + "g[@class='%s']" % cls)]
        check(len(v) >= 4, "%s: only %d ticks" % (cls, len(v)))
        check(v[0] <= lo + 1e-9 and v[-1] >= hi - 1e-9,
              "%s %s..%s do not cover the data %s..%s" % (cls, v[0], v[-1], lo, hi))
        step = v[1] - v[0]
        mant = step / 10 ** math.floor(math.log10(step))
        check(any(abs(mant - m) < 1e-6 for m in (1, 2, 2.5, 5)),
              "%s step %s is not round" % (cls, step))
        check(all(abs(b - a - step) < 1e-6 * max(1, step) for a, b in zip(v, v[1:])),
              "%s ticks not evenly spaced" % cls)


def check_csv(path, log, facts_path, lo=None, hi=None):
    facts, mem, times = expected(log, facts_path)
    rows = list(csv.reader(open(path)))
    check(rows[0] == ["time_s", "rss_kib", "thread"], "header %r" % rows[0])
    want = [(t, m) for t, m in zip(times, mem)
            if lo is None or lo <= t < hi]
    got = [(float(r[0]), int(r[1]), r[2]) for r in rows[1:]]
    check(len(got) == len(want), "%d rows, expected %d" % (len(got), len(want)))
    for (gt, gm, th), (wt, wm) in zip(got, want):
        if gm != wm or abs(gt - wt) > 1e-5 or th != "1":
            check(False, "row %s,%s,%s, the log has %.6f,%s" % (gt, gm, th, wt, wm))
            break


if __name__ == "__main__":
    if sys.argv[1] == "svg":
        check_svg(*sys.argv[2:5])
    else:
        rng = [float(a) for a in sys.argv[5:7]] or [None, None]
        check_csv(*sys.argv[2:5], *rng)
    for p in problems:
        print("%s: %s" % (sys.argv[2], p))
    sys.exit(1 if problems else 0)
