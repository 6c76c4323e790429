# profview report: a well-formed, self-contained, deterministic page whose
# table agrees with the facts; in headless chromium it loads without
# errors, sorts on a header click, filters, zooms on a flame click and
# opens tree nodes, shows a function's callers and callees (as `profview
# peek` counts them) when its row is clicked; its flame graph draws the
# frames `profview flame`
# draws.  A screenshot is left in $TESTS_OUT/t0602/.
. tests/cli/lib.sh
out=$TESTS_OUT/t0602
mkdir -p "$out"
rm -f "$out/list"
# name  log  memory-mode
set -- memgrow samples/cpython-x86_64/memgrow.prof 1 \
	pypy-recursion samples/pypy-x86_64/recursion.prof 0 \
	callpaths samples/cpython-x86_64/callpaths-lines.prof 0
while [ $# -gt 0 ]; do
	name=$1 log=$2 mem=$3; shift 3
	"$PROFVIEW" report "$log" -o "$out/$name.html" || fail "report $log"
	"$PROFVIEW" report "$log" >"$out/$name.2.html" || fail "report $log"
	cmp -s "$out/$name.html" "$out/$name.2.html" || fail "$log: not deterministic"
	python3 tests/cli/check_report.py static "$out/$name.html" \
		"$(companion "$log" facts.json)" || fail "$log: page wrong"
	# the page's flame graph is the one `profview flame` draws
	"$PROFVIEW" flame "$log" -o "$out/$name.svg" || fail "flame $log"
	python3 tests/cli/check_flame.py same "$out/$name.html" "$out/$name.svg" \
		>/dev/null || fail "$log: the report's flame graph differs"
	echo "$name $log $mem" >>"$out/list"
done
# several logs merged, one of them with memory
"$PROFVIEW" report samples/cpython-x86_64/memgrow.prof \
	samples/cpython-x86_64/recursion.prof -o "$out/merged.html" || fail "merged"
python3 tests/cli/check_report.py static "$out/merged.html" || fail "merged page"
grep -q 'id="memory"' "$out/merged.html" || fail "merged page lacks memory"
"$PROFVIEW" flame samples/cpython-x86_64/memgrow.prof \
	samples/cpython-x86_64/recursion.prof -o "$out/merged.svg" || fail "merged flame"
python3 tests/cli/check_flame.py same "$out/merged.html" "$out/merged.svg" \
	>/dev/null || fail "merged: the report's flame graph differs"
grep -q 'id="memory"' "$out/pypy-recursion.html" && fail "memory section without data"
# an aggregate (merged) log and folded stacks: no times, no memory, so no
# timeline, heatmap or memory section and no link to one (check_report.py
# matches the links to the sections); in chromium below as well
"$PROFVIEW" merge samples/cpython-x86_64/memgrow.prof -o "$out/agg.prof" ||
	fail "merge"
"$PROFVIEW" fold samples/cpython-x86_64/recursion.prof >"$out/rec.folded" ||
	fail "fold"
for name in agg.prof rec.folded; do
	"$PROFVIEW" report "$out/$name" -o "$out/$name.html" || fail "report $name"
	python3 tests/cli/check_report.py static "$out/$name.html" ||
		fail "$name: page wrong"
	for s in timeline heatmap memory; do
		grep -q "#$s\"\|id=\"$s\"" "$out/$name.html" &&
			fail "$name: a $s link or section"
	done
	echo "$name $out/$name 0" >>"$out/list"
done
grep -q 'href="#memory"' "$out/memgrow.html" || fail "memgrow: no memory link"
grep -q 'href="#timeline"' "$out/memgrow.html" || fail "memgrow: no timeline link"

command -v chromium >/dev/null || skip "chromium not installed: browser checks skipped"
chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d)" "$@" 2>>"$out/chromium.log"
}
while read -r name log mem; do
	# the probe records errors from the first script on, so the report's
	# own script runs under it
	python3 - "$out/$name.html" "$out/$name.probe.html" <<'PY'
import sys
doc = open(sys.argv[1], encoding="utf-8").read()
catch = ("<script>window.__pvErrors=[];window.addEventListener('error',"
         "function(e){window.__pvErrors.push(String(e.message))});"
         "(function(){var ce=console.error;console.error=function(){"
         "window.__pvErrors.push([].join.call(arguments,' '));"
         "ce.apply(console,arguments)}})();</script>")
probe = open("tests/cli/report_probe.js").read()
doc = doc.replace("<head>", "<head>" + catch, 1)
doc = doc.replace("</body>", "<script>" + probe + "</script></body>", 1)
open(sys.argv[2], "w", encoding="utf-8").write(doc)
PY
	chrome --window-size=1280,900 --dump-dom "file://$out/$name.probe.html" \
		>"$out/$name.dom" || fail "chromium failed on $name: $(tail -3 "$out/chromium.log")"
	"$PROFVIEW" peek --json --limit 0 --quiet . "$log" >"$out/$name.peek.json" ||
		fail "peek $log"
	python3 tests/cli/check_report.py probe "$out/$name.dom" "$mem" \
		"$out/$name.peek.json" ||
		fail "$name: the page misbehaves in chromium"
done <"$out/list"
chrome --window-size=1280,2400 --screenshot="$out/report.png" \
	"file://$out/memgrow.html" >/dev/null || fail "screenshot failed"
[ -s "$out/report.png" ] || fail "no screenshot"
rm -f "$out/list"
echo "report: structure, facts, chromium clicks ok; screenshot $out/report.png"
