#!/bin/sh
# A real browser: headless chromium (Debian package) drives a generated
# SVG through playwright-core (npm, installed into a git-ignored
# directory): hover details, click zoom, search with "Matched" and the
# highlighted count checked against the frames' own weights, Ctrl-F, reset.
. tests/cli/lib.sh
[ -x /usr/bin/chromium ] || skip "chromium not installed: browser test skipped"
command -v node >/dev/null || skip "node not installed: browser test skipped"
dir=tests/browser
npm_tool playwright-core ||
	skip "cannot install playwright-core from npm: browser test skipped"
out=$TESTS_OUT/t0303
mkdir -p "$out"
svg=$out/recursion.svg
"$PROFVIEW" flame samples/pypy-x86_64/recursion.prof -o "$svg" || fail "flame"
# what the search must report, computed from the SVG itself: frames named
# fib or hanoi, and the samples under the outermost of them
want=$(python3 - "$svg" <<'PY'
import sys, xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
frames = next(g for g in root.iter(NS + "g") if g.get("id") == "pvf-frames")
count = total = 0
def walk(g, inside):
    global count, total
    for c in g:
        if c.tag != NS + "g":
            continue
        name = c.find(NS + "title").text.split("\n")[0]
        w = int(c.get("data-v").split()[1])
        hit = name in ("fib", "hanoi")
        count += hit
        if hit and not inside:
            total += w
        walk(c, inside or hit)
walk(frames, False)
all_w = int(root.get("data-total"))
print("%.2f %d" % (100.0 * total / all_w, count))
PY
)
# shellcheck disable=SC2086
node "$dir/flame.js" "$(cd "$out" && pwd)/recursion.svg" $want || fail "browser checks"
