# The report's timeline and heatmap in headless chromium: dragging a range
# redraws the flame graph and the function table for it, and shows the
# --from/--to that select the same samples.  What the page draws is
# checked against `profview flame` and `profview top` run with those
# options; "Whole run" restores the page.
. tests/cli/lib.sh
out=$TESTS_OUT/t1003
mkdir -p "$out"
if ! command -v chromium >/dev/null; then
	[ "${CI:-}" = true ] && fail "chromium missing (make test installs it)"
	skip "chromium not installed: browser checks skipped"
fi
chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d)" "$@" 2>>"$out/chromium.log"
}
for log in samples/cpython-x86_64/threads.prof \
	samples/pypy-x86_64/memgrow.prof; do
	name=$(basename "$log" .prof)
	"$PROFVIEW" report "$log" -o "$out/$name.html" || fail "report $log"
	grep -q 'id="pv-timeline"' "$out/$name.html" || fail "$log: no timeline"
	grep -q 'id="pv-heatmap"' "$out/$name.html" || fail "$log: no heatmap"
	python3 - "$out/$name.html" "$out/$name.probe.html" <<'PY'
import sys
doc = open(sys.argv[1], encoding="utf-8").read()
catch = ("<script>window.__pvErrors=[];window.addEventListener('error',"
         "function(e){window.__pvErrors.push(String(e.message))});</script>")
probe = open("tests/cli/report_range_probe.js").read()
doc = doc.replace("<head>", "<head>" + catch, 1)
doc = doc.replace("</body>", "<script>" + probe + "</script></body>", 1)
open(sys.argv[2], "w", encoding="utf-8").write(doc)
PY
	chrome --window-size=1400,900 --dump-dom "file://$out/$name.probe.html" \
		>"$out/$name.dom" || fail "chromium failed on $name"
	python3 - "$out/$name.dom" "$PROFVIEW" "$log" <<'PY' || fail "$log: range"
import html, json, re, subprocess, sys
from collections import Counter
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="pv-test-result">(.*?)</pre>', dom, re.S)
assert m, "no probe result"
r = json.loads(html.unescape(m.group(1)))
assert not r["errors"], r["errors"]
prof, log = sys.argv[2], sys.argv[3]

def run(*args):
    return subprocess.run([prof] + list(args) + [log], check=True,
                          capture_output=True, text=True).stdout

def check(s, what):
    assert s["from"] is not None and s["to"] is not None, what
    assert s["cmd"] == "--from %s --to %s" % (s["from"], s["to"]), s["cmd"]
    assert not s["flameShown"], what + ": the whole-run flame graph shown"
    opts = s["cmd"].split()
    top = json.loads(run("top", "--json", "--limit", "0", *opts))
    want = Counter((x["function"], x["self"], x["total"]) for x in top["rows"])
    got = Counter((n, sf, tt) for n, w, sf, tt in s["rows"])
    assert got == want, (what, "table", sorted(got - want)[:5],
                         sorted(want - got)[:5])
    assert s["total"] == top["total_samples"], (s["total"],
                                                 top["total_samples"])
    svg = run("flame", *opts)
    frames = Counter()
    for g in re.finditer(r'<g data-v="\d+ (\d+)"><title>([^\n<]*)', svg):
        frames[(html.unescape(g.group(2)), int(g.group(1)))] += 1
    got = Counter((n, w) for n, w in s["frames"])
    assert got == frames, (what, "flame", sorted(got - frames)[:5],
                           sorted(frames - got)[:5])
    assert s["total"] > 0 and len(s["frames"]) > 2, what + ": empty range"

t = r["timeline"]
check(t, "timeline drag")
a, b = r["dragged"]
assert float(t["from"]) <= a + 1e-9 and float(t["to"]) >= b - 1e-9, (t, a, b)
assert r["bands"] == 1, r["bands"]
c = r["cleared"]
assert c["flameShown"] and c["from"] is None and c["cmd"] == "", c
assert c["rows"] == r["before"]["rows"], "table not restored"
h = r["heatmap"]
check(h, "heatmap drag")
lo, hi = r["heatCells"]
assert float(h["from"]) <= lo + 1e-9, (h, lo)
assert float(h["to"]) >= hi - 1e-9, (h, hi)
print("%s: timeline %s, heatmap %s: %d frames, %d rows agree" % (
    log, t["cmd"], h["cmd"], len(h["frames"]), len(h["rows"])))
PY
done
exit 0
