#!/bin/sh
# Filters that drop samples: top and tree say "N of M samples" in their
# header, N and M as the unfiltered and filtered JSON totals give them;
# a filter that keeps none warns on stderr naming the filters and the
# numbers; no filter (or --hide, which drops no sample) adds no line.
. tests/cli/lib.sh
out=$TESTS_OUT/t0813
mkdir -p "$out"
log=samples/cpython-x86_64/lineloop.prof

total() { sed -n 's/^{"total_samples":\([0-9]*\).*/\1/p' "$1"; }

"$PROFVIEW" top --json "$log" >"$out/all.json" || fail "top json"
"$PROFVIEW" top --json --focus checksum "$log" >"$out/f.json" || fail "focus json"
all=$(total "$out/all.json"); kept=$(total "$out/f.json")
[ -n "$all" ] && [ -n "$kept" ] && [ "$kept" -gt 0 ] && [ "$kept" -lt "$all" ] ||
	fail "totals '$kept' of '$all'"

for view in top tree; do
	"$PROFVIEW" $view --focus checksum "$log" >"$out/$view" 2>"$out/err" ||
		fail "$view --focus"
	head -1 "$out/$view" | grep -q "^$kept of $all samples (.*%) kept by the filters$" ||
		fail "$view header: $(head -2 "$out/$view")"
	[ -s "$out/err" ] && fail "$view: stderr: $(cat "$out/err")"
	"$PROFVIEW" $view "$log" >"$out/$view.plain" || fail "$view"
	"$PROFVIEW" $view --hide checksum "$log" >>"$out/$view.plain" || fail "$view"
	grep -q "kept by the filters" "$out/$view.plain" &&
		fail "$view without dropping filters: $(head -1 "$out/$view.plain")"
done
"$PROFVIEW" tree --ignore checksum "$log" | head -1 |
	grep -q "^$((all - kept)) of $all samples" || fail "tree --ignore"

# nothing kept: one warning with the filters and numbers, exit 0
"$PROFVIEW" top --focus typo "$log" >"$out/none" 2>"$out/err" || fail "exit"
grep -qx "profview: warning: filters kept 0 of $all samples: --focus 'typo'" \
	"$out/err" || fail "warning: $(cat "$out/err")"
"$PROFVIEW" tree --ignore . --focus 'a b' "$log" >/dev/null 2>"$out/err"
grep -qx "profview: warning: filters kept 0 of $all samples: --ignore '.' --focus 'a b'" \
	"$out/err" || fail "two filters: $(cat "$out/err")"
"$PROFVIEW" top --from 100s "$log" >/dev/null 2>"$out/err"
grep -qx "profview: warning: filters kept 0 of $all samples: --from 100s" \
	"$out/err" || fail "--from: $(cat "$out/err")"
"$PROFVIEW" top --quiet --focus typo "$log" >/dev/null 2>"$out/err"
[ -s "$out/err" ] && fail "--quiet: $(cat "$out/err")"
"$PROFVIEW" top --json --focus typo "$log" 2>/dev/null | grep -q '^{"total_samples":0' ||
	fail "json total_samples"
exit 0
