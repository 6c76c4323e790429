# peek: on every sample log, callers and callees of every function agree
# with an independent count over the folded stacks (tests/cli/check_peek.py);
# the text form has one aligned block per function, --limit cuts each list;
# filters apply; a pattern that matches nothing is a usage error.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/t0411
mkdir -p "$O"
for log in $(ls samples/*/*.prof samples/*/*.prof.zst samples/*/*.prof.gz); do
	"$P" peek --json --limit 0 --quiet . "$log" >"$O/peek.json" ||
		fail "peek $log"
	"$P" fold --quiet "$log" >"$O/fold.txt" || fail "fold $log"
	python3 tests/cli/check_peek.py "$O/peek.json" "$O/fold.txt" ||
		fail "peek disagrees with fold on $log"
done
log=samples/cpython-x86_64/recursion.prof
"$P" peek '^is_odd$' "$log" >"$O/peek.txt" || fail "peek text"
grep -q '^is_odd  programs/recursion.py:38$' "$O/peek.txt" || fail "heading"
grep -q '^  self 127 (25.40%), total 240 (48.00%) of all samples$' \
	"$O/peek.txt" || fail "self/total line"
grep -q '^      240 100.00%  is_even   programs/recursion.py:32$' \
	"$O/peek.txt" || fail "caller row"
# --limit per list, with what was left out said
"$P" peek --limit 1 '^main$' "$log" >"$O/peek1.txt" || fail "peek --limit"
grep -q '(2 more callee; --limit 0 shows all)' "$O/peek1.txt" ||
	fail "--limit 1 did not cut the callees"
# the shared filters apply: focus on hanoi leaves main one callee
"$P" peek --json --focus '^hanoi$' '^main$' "$log" >"$O/f.json" || fail "focus"
python3 -c '
import json, sys
f = json.load(open(sys.argv[1]))["functions"][0]
assert [c["function"] for c in f["callees"]] == ["run_hanoi"], f
assert f["total"] == 176, f' "$O/f.json" || fail "--focus ignored by peek"
# names from a log never reach the terminal raw: no control characters
printf 'main;evil\033[2Jname\tx 5\nmain;a\001b\302\233c 2\n' >"$O/esc.txt"
"$P" peek main "$O/esc.txt" >"$O/esc.out" || fail "peek of odd names"
python3 -c '
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", t), repr(t)
assert "evil\\x1b[2Jname\\x09x" in t, t' "$O/esc.out" || fail "control characters in peek"
expect_exit 2 "$P" peek '^no_such_function$' "$log" 2>/dev/null
expect_exit 2 "$P" peek '(' "$log" 2>/dev/null
echo "peek agrees"
