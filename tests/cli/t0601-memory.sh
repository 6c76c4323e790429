# profview memory on the real memory-mode logs: the values drawn, the
# peak, the ticks and the CSV agree with the logs read independently
# (memlog.py) and their facts; PNG/PDF are real images; output is
# deterministic; logs without memory data exit 2 with one line.
. tests/cli/lib.sh
out=$TESTS_OUT/t0601
mkdir -p "$out"
for log in samples/cpython-x86_64/memgrow.prof samples/pypy-x86_64/memgrow.prof \
	   samples/pypy-i386/memgrow.prof; do
	facts=${log%.prof}.facts.json
	name=$(echo "$log" | tr / _)
	"$PROFVIEW" memory "$log" >"$out/$name.svg" || fail "memory $log"
	xmllint --noout "$out/$name.svg" || fail "$log: SVG is not well-formed"
	python3 tests/cli/check_memory.py svg "$out/$name.svg" "$log" "$facts" ||
		fail "$log: SVG values disagree with the log"
	"$PROFVIEW" memory "$log" -o "$out/$name.2.svg" || fail "memory -o"
	cmp -s "$out/$name.svg" "$out/$name.2.svg" || fail "$log: SVG not deterministic"
	"$PROFVIEW" memory --format csv "$log" >"$out/$name.csv" || fail "csv $log"
	python3 tests/cli/check_memory.py csv "$out/$name.csv" "$log" "$facts" ||
		fail "$log: CSV does not round-trip"
	# the shared time filter applies
	"$PROFVIEW" memory "$log" --from 0.5 --to 1.5 -o "$out/$name.win.csv" ||
		fail "csv window $log"
	python3 tests/cli/check_memory.py csv "$out/$name.win.csv" "$log" "$facts" 0.5 1.5 ||
		fail "$log: --from/--to not applied to the CSV"
done

# PNG and PDF through cairo, the format taken from -o's extension too
log=samples/cpython-x86_64/memgrow.prof
"$PROFVIEW" memory "$log" -o "$out/m.png" --width 800 --height 400 || fail "png"
python3 - "$out/m.png" <<'PY' || fail "PNG is not an 800x400 image"
import struct, sys
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n"
assert struct.unpack(">II", d[16:24]) == (800, 400)
PY
"$PROFVIEW" memory "$log" --format pdf >"$out/m.pdf" || fail "pdf"
head -c 5 "$out/m.pdf" | grep -q '%PDF-' || fail "PDF lacks its header"
"$PROFVIEW" memory "$log" --format pdf >"$out/m2.pdf"
cmp -s "$out/m.pdf" "$out/m2.pdf" || fail "PDF not deterministic"

# several logs overlaid: one series each, a legend, the highest peak marked
"$PROFVIEW" memory samples/*/memgrow.prof >"$out/all.svg" || fail "overlay"
python3 - "$out/all.svg" <<'PY' || fail "overlay lacks series or legend"
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
r = ET.parse(sys.argv[1]).getroot()
s = r.findall(ns + "g[@class='series']")
assert len(s) == 3, len(s)
labels = sorted(g.get("data-label") for g in s)
assert labels == sorted(["samples/cpython-x86_64/memgrow.prof",
                         "samples/pypy-i386/memgrow.prof",
                         "samples/pypy-x86_64/memgrow.prof"]), labels
legend = r.find(ns + "g[@class='legend']")
assert sorted(t.text for t in legend.findall(ns + "text")) == labels
top = max(int(g.get("data-max-kib")) for g in s)
assert "%.1f MiB" % (top / 1024) in r.find(ns + "text[@class='peak-label']").text
PY

# --per-thread on a log with three interleaved threads
python3 tests/cli/memlog.py write "$out/threads.prof"
"$PROFVIEW" memory --per-thread "$out/threads.prof" >"$out/threads.svg" ||
	fail "per-thread"
python3 - "$out/threads.svg" <<'PY' || fail "per-thread series wrong"
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
r = ET.parse(sys.argv[1]).getroot()
s = r.findall(ns + "g[@class='series']")
got = [(g.get("data-label"), g.get("data-samples"), g.get("data-max-kib"),
        g.get("data-first-kib")) for g in s]
# thread k+1 has samples i = k, k+3, ... (memlog.py's formula)
mem = lambda i: 20000 + (i if i < 200 else 400 - i) * 100 + i % 3
want = [("thread %d" % (k + 1), "100",
         str(max(mem(i) for i in range(k, 300, 3))), str(mem(k)))
        for k in range(3)]
assert got == want, got
PY
"$PROFVIEW" memory --thread 2 --format csv "$out/threads.prof" >"$out/t2.csv"
[ "$(sed 1d "$out/t2.csv" | cut -d, -f3 | sort -u)" = 2 ] ||
	fail "--thread 2 kept other threads"
[ "$(sed 1d "$out/t2.csv" | wc -l)" = 100 ] || fail "--thread 2: not 100 rows"

# no memory data: one line on stderr, exit 2, nothing written
for log in samples/cpython-x86_64/recursion.prof samples/pypy-x86_64/threads.prof; do
	expect_exit 2 "$PROFVIEW" memory "$log" -o "$out/none.svg" 2>"$out/none.err"
	[ "$(wc -l <"$out/none.err")" = 1 ] || fail "not one line: $(cat "$out/none.err")"
	grep -q "no memory data" "$out/none.err" || fail "unclear: $(cat "$out/none.err")"
	[ ! -e "$out/none.svg" ] || fail "wrote output without data"
	expect_exit 2 "$PROFVIEW" memory --format csv "$log" 2>/dev/null >/dev/null
done
log=samples/cpython-x86_64/memgrow.prof
expect_exit 2 "$PROFVIEW" memory --format gif "$log" 2>/dev/null
expect_exit 2 "$PROFVIEW" memory "$log" --from 100 2>"$out/empty.err" >/dev/null
grep -q "no samples" "$out/empty.err" || fail "empty window: $(cat "$out/empty.err")"
"$PROFVIEW" memory --help | grep -q -- "--per-thread" || fail "help lacks --per-thread"
echo "memory: values, peak, ticks, CSV, formats, overlay, threads, errors ok"
