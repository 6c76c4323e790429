#!/bin/sh
# On a terminal (a pty, width forced by COLUMNS) every line of `top` and
# `tree` fits the width: top shortens locations from the left
# ("…/pkg/mod.py:12") before it shortens names, tree elides its labels and
# guides; piped output is the full text, the same as on a terminal wide
# enough for it.
. tests/cli/lib.sh
out=$TESTS_OUT/t0818
mkdir -p "$out"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
tty() {   # WIDTH CMD...: what CMD writes to a terminal of WIDTH columns
	w=$1
	shift
	COLUMNS=$w /usr/bin/python3 tests/cli/on_tty.py "$PROFVIEW" "$@" \
		2>/dev/null | tr -d '\r'
}
# fits WIDTH FILE: every line at most WIDTH code points
fits() {
	/usr/bin/python3 - "$1" "$2" <<'PY' || fail "$2: a line wider than $1"
import sys
w = int(sys.argv[1])
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
bad = [l for l in lines if len(l) > w]
for l in bad[:3]:
    print("%d > %d: %s" % (len(l), w, l))
sys.exit(1 if bad or len(lines) < 3 else 0)
PY
}

# folded stacks with long paths and one long name
d=/home/builder/projects/service/src/company/analytics/pipeline
{
	echo "main ($d/app/main.py:1);load ($d/io/loader.py:40);parse_record ($d/io/pkg/mod.py:12) 60"
	echo "main ($d/app/main.py:1);compute ($d/core/stats.py:7) 30"
	echo "main ($d/app/main.py:1);a_function_with_a_long_name_indeed ($d/core/stats.py:99) 10"
} >"$out/long.folded"

# piped: whole names and paths, byte-identical to a terminal wide enough
"$PROFVIEW" top --color never "$out/long.folded" >"$out/pipe.txt" || fail "top"
grep -q "  $d/io/pkg/mod.py:12\$" "$out/pipe.txt" || fail "piped top cut a path"
tty 1000 top --color never "$out/long.folded" >"$out/wide.txt"
cmp -s "$out/pipe.txt" "$out/wide.txt" || fail "top: pipe and wide terminal differ"
"$PROFVIEW" tree --color never "$out/long.folded" >"$out/tpipe.txt" || fail "tree"
tty 1000 tree --color never "$out/long.folded" >"$out/twide.txt"
cmp -s "$out/tpipe.txt" "$out/twide.txt" || fail "tree: pipe and wide terminal differ"

# 100 columns: the paths give way from the left, whole directories first;
# the names stay whole
tty 100 top --color never "$out/long.folded" >"$out/t100.txt"
fits 100 "$out/t100.txt"
grep -q ' parse_record  *…/[a-z/]*pkg/mod.py:12$' "$out/t100.txt" ||
	fail "100 columns: no '…/…pkg/mod.py:12': $(cat "$out/t100.txt")"
grep -q ' a_function_with_a_long_name_indeed  ' \
	"$out/t100.txt" || fail "100 columns: a name was cut before the paths"
# 80 columns: paths at their shortest first, then the long name
tty 80 top --color never "$out/long.folded" >"$out/t80.txt"
fits 80 "$out/t80.txt"
grep -q ' parse_record  *…/[a-z/]*pkg/mod.py:12$' "$out/t80.txt" ||
	fail "80 columns: $(cat "$out/t80.txt")"
grep -q ' a_function[a-z_]*…[a-z_]*  ' "$out/t80.txt" ||
	fail "80 columns: the long name is whole"
# ASCII without a UTF-8 locale
LANG=C LC_ALL=C tty 80 top --color never "$out/long.folded" >"$out/ta.txt"
grep -q ' parse_record  *\.\.\./[a-z/]*pkg/mod.py:12$' "$out/ta.txt" ||
	fail "ASCII: $(cat "$out/ta.txt")"

# real logs at 100, 80 and 60 columns, colour on: every line fits
S=samples/pypy-x86_64
for w in 100 80 60; do
	for args in "top --limit 0" "top --by file" "top --by module" \
		"tree --prune 0" "tree --prune 0 --collapse-recursion"; do
		for log in $S/callpaths-native.prof $S/recursion.prof; do
			tty $w $args --color always "$log" --maps \
				$S/callpaths-native.maps |
				sed 's/\x1b\[[0-9;]*m//g' >"$out/r.txt"
			fits $w "$out/r.txt"
		done
	done
done
# the tree keeps its figures and names whole where they fit
tty 80 tree --color never samples/cpython-x86_64/recursion.prof >"$out/tr.txt"
grep -q '^ 100.0%   0.0%       500  └─ main  programs/recursion.py:61$' \
	"$out/tr.txt" || fail "tree at 80 columns: $(head -3 "$out/tr.txt")"
exit 0
