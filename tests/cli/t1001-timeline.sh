# timeline and heatmap on real logs: JSON buckets against an independent
# computation from the exported per-sample times and from info's thread
# counts; SVG well-formed and under 1 MB; PNG/PDF signatures; time-less
# input refused; lanes per --thread and per merged log.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/timeline
mkdir -p "$O"

check() {   # check LOG TOP [TIMELINE-OPTS [FILTERS]]: JSON vs export, info
	log=$1 top=$2 opts=${3:-} filters=${4:-}
	# shellcheck disable=SC2086
	"$P" timeline --json --top "$top" $opts $filters "$log" >"$O/t.json" \
		2>/dev/null || fail "timeline --json $opts $filters $log"
	# shellcheck disable=SC2086
	"$P" export --format json $filters "$log" >"$O/e.json" 2>/dev/null ||
		fail "export $log"
	"$P" info --json "$log" >"$O/i.json" 2>/dev/null
	all=--all
	[ -z "$filters" ] || all=
	python3 tests/cli/check_timeline.py "$O/t.json" "$O/e.json" \
		"$O/i.json" "$top" $all || fail "timeline --json $* $log"
}

logs="samples/cpython-x86_64/threads.prof samples/cpython-s390x/threads.prof
samples/pypy-x86_64/threads-truncated.prof samples/pypy-x86_64/memgrow.prof
samples/cpython-x86_64/lineloop.prof"
v7=
[ -n "$SHARED" ] && [ -f "$SHARED/corpus/peer/cpuburn-v7-sampletimes.prof" ] &&
	v7=$SHARED/corpus/peer/cpuburn-v7-sampletimes.prof
for log in $logs $v7; do
	check "$log" 8
done
check samples/cpython-x86_64/threads.prof 3 "--bucket 50ms"
grep -q '"bucket_sec":0.05,' "$O/t.json" || fail "--bucket 50ms not kept"
check samples/cpython-x86_64/threads.prof 8 "" \
	"--thread 2 --from 10% --to 1500ms"

# --thread picks lanes
"$P" timeline --json --thread 3 samples/cpython-x86_64/threads.prof >"$O/t.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); \
assert [t['thread'] for t in d['threads']] == [3], d['threads']" "$O/t.json" ||
	fail "--thread 3 lanes"

# SVG: well-formed, under 1 MB even with narrow buckets and many functions,
# deterministic; the subtitle says how times are known
for log in $logs; do
	for opt in "" "--bucket 100us --top 30"; do
		# shellcheck disable=SC2086
		"$P" timeline $opt "$log" -o "$O/t.svg" 2>/dev/null ||
			fail "timeline $opt $log"
		xmllint --noout "$O/t.svg" || fail "$log: SVG not well-formed"
		size=$(wc -c <"$O/t.svg")
		[ "$size" -lt 1048576 ] || fail "$log $opt: SVG of $size bytes"
	done
done
log=samples/cpython-x86_64/threads.prof
"$P" timeline "$log" -o "$O/a.svg"
"$P" timeline "$log" -o "$O/b.svg"
cmp -s "$O/a.svg" "$O/b.svg" || fail "timeline output differs between runs"
grep -q 'spread evenly' "$O/a.svg" || fail "subtitle: spread times"
[ "$(grep -o 'class="lane"' "$O/a.svg" | wc -l)" = 4 ] ||
	fail "4 lanes expected"
grep -q '<title>0.000000–0.020000 s, thread 1: [0-9]* samples*' "$O/a.svg" ||
	fail "bucket tooltip with range and counts"
"$P" timeline samples/pypy-x86_64/threads-truncated.prof -o "$O/c.svg" \
	2>/dev/null
grep -q 'index x period: the log has no end time' "$O/c.svg" ||
	fail "subtitle of a log cut short"
# memory curve only for memory-mode logs
"$P" timeline samples/pypy-x86_64/memgrow.prof -o "$O/m.svg"
grep -q 'class="memory"' "$O/m.svg" || fail "memgrow: no memory curve"
grep -q 'class="memory"' "$O/a.svg" && fail "threads: memory curve drawn"
# colours: a function's swatch is the colour of its frames in the flame
# graph
"$P" flame "$log" -o "$O/f.svg"
python3 - "$O/a.svg" "$O/f.svg" <<'PY' || fail "legend colours"
import re, sys
svg = open(sys.argv[1]).read()
flame = open(sys.argv[2]).read()
legend = svg[svg.index('class="legend"'):svg.index('class="lanes"')]
pairs = re.findall(r'<title>([^<]*) [^ <]*:\d+</title>'
                   r'<rect[^>]*fill="(#[0-9a-f]{6})"', legend)
assert len(pairs) >= 3, pairs
frames = re.findall(r'<title>([^\n<]*)\n[^<]*</title>'
                    r'<rect[^>]*fill="(#[0-9a-f]{6})"', flame)
for name, color in pairs:
    got = {c for n, c in frames if n == name}
    assert got == {color}, (name, color, got)
PY

# merged logs: one lane group per log, thread numbers continued
"$P" timeline samples/cpython-x86_64/threads.prof \
	samples/cpython-x86_64/recursion.prof -o "$O/g.svg"
[ "$(grep -o 'class="group"' "$O/g.svg" | wc -l)" = 2 ] ||
	fail "merged logs: 2 lane groups expected"

# PNG and PDF through cairo
for cmd in timeline heatmap; do
	"$P" $cmd "$log" -o "$O/x.png" || fail "$cmd png"
	head -c 8 "$O/x.png" | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a' ||
		fail "$cmd: not a PNG"
	"$P" $cmd "$log" --format pdf -o "$O/x.out" || fail "$cmd pdf"
	head -c 5 "$O/x.out" | grep -q '%PDF-' || fail "$cmd: not a PDF"
done

# heatmap: cells against the exported times (column = second, row =
# 20 ms slice); well-formed, under 1 MB
for log in $logs; do
	"$P" heatmap "$log" -o "$O/h.svg" 2>/dev/null || fail "heatmap $log"
	xmllint --noout "$O/h.svg" || fail "heatmap $log: not well-formed"
	[ "$(wc -c <"$O/h.svg")" -lt 1048576 ] || fail "heatmap $log: over 1 MB"
	"$P" export --format json "$log" >"$O/e.json" 2>/dev/null
	python3 - "$O/h.svg" "$O/e.json" <<'PY' || fail "heatmap $log cells"
import json, math, re, sys
from collections import Counter
svg = open(sys.argv[1]).read()
ex = json.load(open(sys.argv[2]))
rows = int(re.search(r'data-rows="(\d+)"', svg).group(1))
col = float(re.search(r'data-column="([^"]+)"', svg).group(1))
t0 = float(re.search(r'data-t0="([^"]+)"', svg).group(1))
times = [t for th in ex['threads'] for t in th['times']]
want = Counter()
fuzzy = 0
for t in times:
    x = (t - t0) / col
    c = math.floor(x)
    r = min(math.floor((x - c) * rows), rows - 1)
    if abs(x * rows - round(x * rows)) < 2e-6 * rows / col:
        fuzzy += 1
    want[(c, r)] += 1
cw = float(re.search(r'data-cw="([^"]+)"', svg).group(1))
ch = float(re.search(r'data-ch="([^"]+)"', svg).group(1))
px = float(re.search(r'data-px="([^"]+)"', svg).group(1))
py = float(re.search(r'data-py="([^"]+)"', svg).group(1))
have = Counter()
for m in re.finditer(r'<rect class="c" x="([^"]+)" y="([^"]+)"[^>]*'
                     r'data-n="(\d+)"><title>([^<]*)</title>', svg):
    c = round((float(m.group(1)) - px) / cw)
    r = round((float(m.group(2)) - py) / ch)
    have[(c, r)] += int(m.group(3))
    plural = '' if m.group(3) == '1' else 's'
    assert m.group(4).endswith(' sample' + plural), m.group(4)
assert sum(have.values()) == len(times), (sum(have.values()), len(times))
diff = sum(abs(want[k] - have[k]) for k in set(want) | set(have))
assert diff <= 2 * fuzzy, (diff, fuzzy)
PY
done

# time-less input: one clear line, exit status 2
printf 'a;b 3\na;c 2\n' >"$O/x.folded"
for cmd in timeline heatmap; do
	expect_exit 2 "$P" $cmd "$O/x.folded" 2>"$O/err" >/dev/null
	[ "$(wc -l <"$O/err")" = 1 ] && grep -q 'carry no times' "$O/err" ||
		fail "$cmd on folded stacks: $(cat "$O/err")"
done
# an aggregate written by profview merge keeps no time order
"$P" merge samples/cpython-x86_64/threads.prof \
	samples/cpython-x86_64/recursion.prof -o "$O/agg.prof" ||
	fail "merge for the aggregate case"
for cmd in timeline heatmap; do
	expect_exit 2 "$P" $cmd "$O/agg.prof" 2>"$O/err" >/dev/null
	[ "$(wc -l <"$O/err")" = 1 ] && grep -q 'no sample times' "$O/err" ||
		fail "$cmd on an aggregate: $(cat "$O/err")"
done
"$P" report "$O/agg.prof" -o "$O/agg.html" || fail "report of an aggregate"
grep -q 'id="pv-timeline"' "$O/agg.html" &&
	fail "report of an aggregate draws a timeline"
expect_exit 2 "$P" timeline --top 0 "$log" 2>/dev/null
expect_exit 2 "$P" timeline --bucket 10% "$log" 2>/dev/null
expect_exit 2 "$P" timeline --bucket 0 "$log" 2>/dev/null
expect_exit 2 "$P" timeline --json --bucket 1us "$log" 2>/dev/null
expect_exit 2 "$P" heatmap --rows 1 "$log" 2>/dev/null
exit 0
