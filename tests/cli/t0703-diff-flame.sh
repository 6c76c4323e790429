# diff --flame: a well-formed, deterministic SVG whose frame colours
# follow the sign of each frame's change, with the before/after figures
# of the recorded logs, and the base's vanished call paths listed.
. tests/cli/lib.sh
command -v xmllint >/dev/null || skip "xmllint (libxml2-utils) missing"
out=$TESTS_OUT/t0703
mkdir -p "$out"
S=samples/diff

"$PROFVIEW" diff --flame $S/base.prof.gz $S/slow.prof.gz >"$out/a.svg" \
	2>"$out/err" || fail "diff --flame: $(cat "$out/err")"
grep -q '^profview diff: ' "$out/err" || fail "no verdict on stderr"
xmllint --noout "$out/a.svg" || fail "SVG not well-formed"
"$PROFVIEW" diff --flame -o "$out/b.svg" $S/base.prof.gz $S/slow.prof.gz \
	2>/dev/null || fail "-o"
cmp -s "$out/a.svg" "$out/b.svg" || fail "two runs differ"

python3 - "$out/a.svg" $S <<'PY' || fail "colours or figures"
import json, re, sys
svg, S = sys.argv[1], sys.argv[2]
text = open(svg).read()
fr = re.findall(r'<title>([^<]*)</title><rect [^>]*fill="#([0-9a-f]{6})"', text)
bad, seen = [], {"red": 0, "blue": 0}
figs = {}
for title, fill in fr:
    m = re.search(r'before ([0-9.]+)%, after ([0-9.]+)%, ([-+][0-9.]+) points',
                  title)
    if not m:
        if "new frame" in title:
            continue
        if title.startswith("all\n"):
            continue
        bad.append("no figures: %r" % title)
        continue
    before, after, d = float(m.group(1)), float(m.group(2)), float(m.group(3))
    r, g, b = (int(fill[i:i + 2], 16) for i in (0, 2, 4))
    name = title.split("\n")[0]
    figs[name] = (before, after)
    if abs(d) < 0.005:
        continue        # too small to show a sign at two decimals
    if d > 0:
        ok = r == 255 and g == b and g < 255
        seen["red"] += 1
    else:
        ok = b == 255 and r == g and r < 255
        seen["blue"] += 1
    if not ok:
        bad.append("%s %+.2f coloured #%s" % (name, d, fill))
if not seen["red"] or not seen["blue"]:
    bad.append("want red and blue frames: %s" % seen)
# checksum (called from main only) against the independent facts
def share(log, name):
    f = json.load(open("%s/%s.facts.json" % (S, log)))
    t = [x["total"] for x in f["functions"]
         if x["name"] == name and x["file"] == "workload.py"][0]
    return 100.0 * t / f["stack_samples"]
b, a = figs.get("checksum", (None, None))
if b is None or abs(b - share("base", "checksum")) > 0.006 or \
        abs(a - share("slow", "checksum")) > 0.006:
    bad.append("checksum figures %s, facts %.2f -> %.2f" % (
        figs.get("checksum"), share("base", "checksum"),
        share("slow", "checksum")))
# the larger the change, the deeper the colour: checksum is the largest
m = re.search(r'<title>checksum\n[^<]*</title><rect [^>]*fill="#([0-9a-f]{6})"',
              text)
if not m or m.group(1) != "ff0000":
    bad.append("checksum not fully red: %s" % (m and m.group(1)))
for x in bad:
    print(x)
sys.exit(1 if bad else 0)
PY

# a base with another program merged in: its call paths vanished and are
# listed under the graph
"$PROFVIEW" diff --flame --base $S/base.prof.gz \
	--base samples/pypy-x86_64/callpaths.prof $S/slow.prof.gz \
	>"$out/gone.svg" 2>/dev/null || fail "merged base"
xmllint --noout "$out/gone.svg" || fail "gone: not well-formed"
grep -q '>1 call path of the base vanished:<' "$out/gone.svg" ||
	fail "no vanished list"
grep -q '>gone: &lt;module&gt; ([0-9.]*% before)<' "$out/gone.svg" ||
	fail "vanished path missing"
grep -q '>no call path of the base vanished<' "$out/a.svg" ||
	fail "unchanged paths: want the 'none vanished' note"

# the exit status still follows --fail-above
expect_exit 1 "$PROFVIEW" diff --flame --fail-above 5 $S/base.prof.gz \
	$S/slow.prof.gz >/dev/null 2>"$out/err"
grep -q '^profview diff: FAIL' "$out/err" || fail "verdict: $(cat "$out/err")"
echo "differential flame graph: well-formed, deterministic, colours by sign"
