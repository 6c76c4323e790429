#!/bin/sh
# profview flame on every corpus log: well-formed XML (parsed back by
# libxml2), byte-identical on a second run, frames nested inside their
# parents with the root at 100% of the samples info counts, percentages
# equal to weight/total; PNG and PDF come out as such.
. tests/cli/lib.sh
out=$TESTS_OUT/t0301
mkdir -p "$out"
n=0
for log in $(all_logs); do
	name=$(echo "$log" | tr '/' '_')
	svg=$out/$name.svg
	"$PROFVIEW" flame --quiet "$log" -o "$svg" ||
		fail "$log: flame exited $?"
	xmllint --noout "$svg" || fail "$log: SVG is not well-formed"
	"$PROFVIEW" flame --quiet "$log" > "$svg.2" || fail "$log: second run"
	cmp -s "$svg" "$svg.2" || fail "$log: two runs differ"
	total=$("$PROFVIEW" info --json --quiet "$log" | python3 -c '
import json, sys
print(sum(json.loads(l)["samples"] for l in sys.stdin))')
	python3 tests/cli/check_flame.py geometry "$svg" "$total" >/dev/null ||
		fail "$log: geometry"
	n=$((n + 1))
done
[ $n -ge 20 ] || fail "only $n logs (samples/ alone has more)"

log=samples/pypy-x86_64/recursion.prof
# several logs merge: the root weighs the sum of both
"$PROFVIEW" flame "$log" samples/cpython-x86_64/lineloop.prof -o "$out/m.svg" ||
	fail "merge"
t=$("$PROFVIEW" info --json "$log" samples/cpython-x86_64/lineloop.prof 2>/dev/null |
	python3 -c 'import json,sys; print(sum(json.loads(l)["samples"] for l in sys.stdin))')
python3 tests/cli/check_flame.py geometry "$out/m.svg" "$t" >/dev/null ||
	fail "merged geometry"

# options change the drawing and keep it valid
for opts in "--icicle" "--reverse" "--per-thread" "--sort samples" \
	"--colors hot" "--truncate start" "--width 600 --frame-height 20" \
	"--keep-root" "--title T --subtitle S"; do
	# shellcheck disable=SC2086
	"$PROFVIEW" flame $opts "$log" -o "$out/o.svg" 2>/dev/null ||
		fail "flame $opts"
	xmllint --noout "$out/o.svg" || fail "flame $opts: not well-formed"
	python3 tests/cli/check_flame.py geometry "$out/o.svg" \
		"$("$PROFVIEW" info --json "$log" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["samples"])')" \
		>/dev/null || fail "flame $opts: geometry"
	cmp -s "$out/o.svg" "$svg" && fail "flame $opts: same as without"
done
"$PROFVIEW" flame --width 600 "$log" | grep -q '<svg[^>]* width="600"' ||
	fail "--width not applied"
"$PROFVIEW" flame --per-thread samples/cpython-x86_64/threads.prof 2>/dev/null |
	grep -c '<title>thread [0-9]' | grep -qv '^[01]$' ||
	fail "--per-thread: fewer than two thread frames"
"$PROFVIEW" flame --title 'A&B<c>' "$log" | grep -q 'A&amp;B&lt;c&gt;' ||
	fail "title not escaped"

# formats: from --format or from the -o extension
"$PROFVIEW" flame --width 800 "$log" -o "$out/g.png" || fail "png"
python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read(24)
if d[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG")
w, h = struct.unpack(">II", d[16:24])
sys.exit(0 if w == 800 else "PNG is %d px wide, asked 800" % w)' "$out/g.png" ||
	fail "PNG"
"$PROFVIEW" flame --format pdf "$log" > "$out/g.pdf" || fail "pdf"
head -c 5 "$out/g.pdf" | grep -q '%PDF-' || fail "not a PDF"
# the same bytes a second later: no creation time of the day in it
sleep 1
"$PROFVIEW" flame --format pdf "$log" > "$out/g2.pdf" || fail "pdf again"
cmp -s "$out/g.pdf" "$out/g2.pdf" || fail "PDF not deterministic"

# usage errors
expect_exit 2 "$PROFVIEW" flame --format gif "$log"
expect_exit 2 "$PROFVIEW" flame --colors pink "$log"
expect_exit 2 "$PROFVIEW" flame --width abc "$log"
expect_exit 2 "$PROFVIEW" flame
# every option is in --help and in README.md
for o in format title subtitle width frame-height minwidth max-size icicle \
	reverse per-thread colors sort truncate; do
	"$PROFVIEW" flame --help | grep -q -- "--$o" || fail "--$o not in help"
	grep -q -- "--$o" README.md || fail "--$o not in README.md"
done
echo "ok: $n logs"
