# lines, group-by, formats and terminal rules of top and tree on real logs.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT
j() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$2"; }

# lines: per-line counts agree with the peer's lines output
for d in cpython-x86_64 cpython-s390x; do
	log=samples/$d/lineloop.prof
	for fn in hot_lines checksum main; do
		"$P" lines --json "$log" "^$fn\$" >"$O/l.json" || fail "lines $fn"
		python3 tests/cli/check_peer_lines.py "$O/l.json" \
			samples/$d/lineloop.lines.txt "$fn" || fail "lines $log $fn"
	done
done
"$P" lines samples/cpython-x86_64/lineloop.prof '^hot_lines$' --source-dir samples \
	>"$O/l.txt" || fail "lines --source-dir"
grep -q '^    19      144.*# EXPENSIVE$' "$O/l.txt" || fail "lines: no source beside counts"
"$P" lines samples/cpython-x86_64/recursion.prof fib >"$O/l.txt" 2>"$O/l.err"
[ $? = 2 ] || fail "lines on a log without line data must exit 2"
grep -qx 'profview: this log has no line data; record it in lines mode' "$O/l.err" ||
	fail "lines: wrong message: $(cat "$O/l.err")"

# --group-by: groups add up to the whole
log=samples/cpython-x86_64/threads.prof
"$P" top --json --group-by thread "$log" >"$O/g.json"
[ "$(j "sum(g['total_samples'] for g in d['groups'])" "$O/g.json")" = \
  "$(j "d['total_samples']" "$O/g.json")" ] || fail "group-by thread sums"
[ "$(j "len(d['groups'])" "$O/g.json")" = 4 ] || fail "4 threads expected"
"$P" top --json --group-by log "$log" samples/cpython-x86_64/recursion.prof >"$O/g.json"
[ "$(j "[g['total_samples'] for g in d['groups']]" "$O/g.json")" = "[501, 500]" ] ||
	fail "group-by log: $(j "[g['total_samples'] for g in d['groups']]" "$O/g.json")"
"$P" tree --json --group-by log --prune 0 "$log" samples/cpython-x86_64/recursion.prof >"$O/g.json"
[ "$(j "[g['total_samples'] for g in d['groups']]" "$O/g.json")" = "[501, 500]" ] ||
	fail "tree group-by log"

# CSV: a header and the same rows as JSON
"$P" top --csv --limit 0 "$log" >"$O/t.csv"
"$P" top --json --limit 0 "$log" >"$O/t.json"
python3 - "$O/t.csv" "$O/t.json" <<'PY' || fail "csv differs from json"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
js = json.load(open(sys.argv[2]))["rows"]
assert [(r["function"], int(r["self"]), int(r["total"])) for r in rows] == \
       [(r["function"], r["self"], r["total"]) for r in js]
PY

# --by line on a lines-mode log: the hot line of hot_lines
"$P" top --json --by line samples/cpython-x86_64/lineloop.prof >"$O/t.json"
j "[(r['function'], r['line'], r['self']) for r in d['rows']][:2]" "$O/t.json" |
	grep -q "('checksum', 28, 188)" || fail "--by line"

# sorting and limits
"$P" top --json --sort total --limit 3 samples/cpython-x86_64/recursion.prof >"$O/t.json"
[ "$(j "[r['total'] for r in d['rows']]" "$O/t.json")" = "[500, 500, 250]" ] ||
	fail "--sort total"

# tree: depth, prune and guides
"$P" tree --depth 2 samples/cpython-x86_64/recursion.prof >"$O/t.txt"
[ "$(wc -l <"$O/t.txt")" = 3 ] || fail "--depth 2 shows $(wc -l <"$O/t.txt") lines"
LC_ALL=C "$P" tree --prune 10 samples/cpython-x86_64/recursion.prof >"$O/t.txt"
grep -q '`- main' "$O/t.txt" || fail "ASCII guides under LC_ALL=C"
LC_ALL=C.UTF-8 "$P" tree --prune 10 samples/cpython-x86_64/recursion.prof >"$O/t.txt"
grep -q '└─ main' "$O/t.txt" || fail "Unicode guides under a UTF-8 locale"
grep -q "$(printf '\033')" "$O/t.txt" && fail "colour on a pipe"
"$P" top --color always samples/cpython-x86_64/recursion.prof | grep -q "$(printf '\033')" ||
	fail "--color always"
# a --group-by heading is a log's path, untrusted bytes: its control
# characters are shown escaped, never sent to the terminal
e=$O/t0406-esc
rm -rf "$e"
mkdir -p "$e"
odd=$(printf '%s/a\tb\033[2Jc.prof' "$e")
ln -s "$(pwd)/samples/cpython-x86_64/recursion.prof" "$odd"
for c in "tree --depth 1" "top --limit 1"; do
	"$P" $c --group-by log "$odd" >"$O/t.txt" || fail "$c --group-by log"
	grep -qxF "$e/a\\x09b\\x1b[2Jc.prof" "$O/t.txt" ||
		fail "$c: heading not escaped: $(cat "$O/t.txt")"
	grep -q "$(printf '\033')" "$O/t.txt" && fail "$c: ESC in a heading"
done
echo "views agree"
