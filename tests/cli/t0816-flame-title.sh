#!/bin/sh
# The flame graph's default title names the log(s), the samples and the
# recorded duration (as info and top count them); the diff flame graph's
# names its base and new logs; --title still wins.
. tests/cli/lib.sh
out=$TESTS_OUT/t0816
mkdir -p "$out"
S=samples/cpython-x86_64
a=$S/lineloop.prof
b=$S/recursion.prof

title() { grep -o 'class="title"[^>]*>[^<]*<' "$1" | sed 's/.*>\(.*\)</\1/'; }
# want LOGS...: "NAMES: N samples, D s recorded" from top --json and info
want() {
	n=$("$PROFVIEW" top --json "$@" | sed -n 's/^{"total_samples":\([0-9]*\).*/\1/p')
	d=$("$PROFVIEW" info --json "$@" | /usr/bin/python3 -c '
import json, sys
print("%.2f" % sum(json.loads(l)["duration_sec"] for l in sys.stdin))')
	echo "$n samples, $d s recorded"
}

"$PROFVIEW" flame "$a" >"$out/a.svg" || fail "flame"
[ "$(title "$out/a.svg")" = "lineloop.prof: $(want "$a")" ] ||
	fail "title: '$(title "$out/a.svg")', want 'lineloop.prof: $(want "$a")'"
"$PROFVIEW" flame "$a" "$b" >"$out/ab.svg" || fail "flame 2"
[ "$(title "$out/ab.svg")" = "lineloop.prof + recursion.prof: $(want "$a" "$b")" ] ||
	fail "two logs: '$(title "$out/ab.svg")'"
"$PROFVIEW" flame --title 'My run' "$a" >"$out/t.svg" || fail "--title"
[ "$(title "$out/t.svg")" = "My run" ] || fail "--title: $(title "$out/t.svg")"

"$PROFVIEW" diff --flame "$a" "$b" >"$out/d.svg" 2>/dev/null || fail "diff"
[ "$(title "$out/d.svg")" = "base: lineloop.prof, new: recursion.prof" ] ||
	fail "diff title: '$(title "$out/d.svg")'"
"$PROFVIEW" diff --flame --base "$a" --base "$b" "$a" >"$out/d2.svg" \
	2>/dev/null || fail "diff --base"
[ "$(title "$out/d2.svg")" = "base: lineloop.prof + recursion.prof, new: lineloop.prof" ] ||
	fail "diff --base title: '$(title "$out/d2.svg")'"
exit 0
