#!/bin/sh
# The flame graph's colour legend lists exactly the kinds of the frames it
# draws (Python, JIT, native, thread, other), in SVG and PNG; another
# palette has none; the diff flame graph explains its red/blue scale.
. tests/cli/lib.sh
out=$TESTS_OUT/t0817
mkdir -p "$out"

# legend SVG: the keys, one per line
keys() {
	/usr/bin/python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
for g in root.iter(ns + "g"):
    if g.get("id", "").endswith("-legend"):
        for k in g.findall(ns + "g"):
            print(k.get("data-key"))
PY
}
# drawn SVG: the legend classes of the frames drawn, from their tooltips
# ("kind+kind, N samples, P%"): JIT wins, then the first kind listed
drawn() {
	/usr/bin/python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
order = ["Python", "JIT", "native", "thread",
         "other (GC, blackhole, assembler, unknown)"]
cls = {"python": 0, "jit": 1, "native": 2, "inline": 2, "thread": 3}
seen = set()
frames = [g for g in root.iter(ns + "g") if g.get("id", "").endswith("-frames")][0]
for g in frames.iter(ns + "g"):
    if g is frames:
        continue
    kinds = g.find(ns + "title").text.split("\n")[-1].split(",")[0]
    if kinds == "root":
        continue
    ks = kinds.split("+")
    seen.add(1 if "jit" in ks else cls.get(ks[0], 4))
for i in sorted(seen):
    print(order[i])
PY
}

check() {   # NAME LOG [OPTIONS...]: legend = kinds drawn
	name=$1 log=$2
	shift 2
	"$PROFVIEW" flame "$@" "$log" -o "$out/$name.svg" || fail "flame $log"
	keys "$out/$name.svg" >"$out/$name.keys"
	drawn "$out/$name.svg" >"$out/$name.drawn"
	cmp -s "$out/$name.keys" "$out/$name.drawn" ||
		fail "$log: legend '$(tr '\n' ' ' <"$out/$name.keys")'," \
			"frames '$(tr '\n' ' ' <"$out/$name.drawn")'"
}

check pn samples/pypy-x86_64/callpaths-native.prof
for k in Python JIT native; do
	grep -qx "$k" "$out/pn.keys" || fail "callpaths-native: no $k in legend"
done
check cn samples/cpython-x86_64/native_calls.prof \
	--maps samples/cpython-x86_64/native_calls.maps \
	--search-dir samples/cpython-x86_64
[ "$(tr '\n' ' ' <"$out/cn.keys")" = "Python native " ] ||
	fail "native_calls: legend '$(cat "$out/cn.keys")'"
check py samples/cpython-x86_64/lineloop.prof
[ "$(cat "$out/py.keys")" = "Python" ] ||
	fail "pure Python log: legend '$(cat "$out/py.keys")'"
check th samples/pypy-x86_64/threads.prof --per-thread
grep -qx thread "$out/th.keys" || fail "--per-thread: no thread key"
# another palette does not colour by kind: no legend
"$PROFVIEW" flame --colors hot samples/pypy-x86_64/callpaths-native.prof \
	-o "$out/hot.svg" || fail "--colors hot"
[ -z "$(keys "$out/hot.svg")" ] || fail "--colors hot has a kind legend"

# PNG: the legend row is drawn (20 px more than without it)
pngh() {
	/usr/bin/python3 -c 'import struct,sys
print(struct.unpack(">I", open(sys.argv[1],"rb").read()[20:24])[0])' "$1"
}
"$PROFVIEW" flame samples/pypy-x86_64/callpaths-native.prof -o "$out/k.png" &&
"$PROFVIEW" flame --colors hot samples/pypy-x86_64/callpaths-native.prof \
	-o "$out/h.png" || fail "flame png"
[ $(($(pngh "$out/k.png") - $(pngh "$out/h.png"))) = 20 ] ||
	fail "png heights $(pngh "$out/k.png") vs $(pngh "$out/h.png")"

# diff: the scale, both ends at the largest change the subtitle names
"$PROFVIEW" diff --flame samples/diff/base.prof.gz samples/diff/slow.prof.gz \
	-o "$out/d.svg" 2>/dev/null || fail "diff --flame"
big=$(grep -o 'largest change [0-9.]* points' "$out/d.svg" |
	sed 's/largest change \([0-9.]*\) points/\1/')
[ -n "$big" ] || fail "diff: no largest change in the subtitle"
keys "$out/d.svg" >"$out/d.keys"
printf '%s\n' "shrank (full blue: -$big points)" "shrank a little" \
	"unchanged" "grew a little" "grew (full red: +$big points)" \
	>"$out/d.want"
cmp -s "$out/d.keys" "$out/d.want" ||
	fail "diff legend: $(cat "$out/d.keys")"
exit 0
