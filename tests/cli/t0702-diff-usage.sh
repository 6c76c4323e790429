# diff's exit statuses: 2 for usage errors, 3 for unreadable input, and
# --help lists every option.
. tests/cli/lib.sh
out=$TESTS_OUT/t0702
mkdir -p "$out"
S=samples/diff
expect_exit 2 "$PROFVIEW" diff 2>/dev/null
expect_exit 2 "$PROFVIEW" diff $S/base.prof.gz 2>/dev/null
expect_exit 2 "$PROFVIEW" diff $S/base.prof.gz $S/same.prof.gz $S/slow.prof.gz 2>"$out/err"
grep -q -- '--base' "$out/err" || fail "no hint at --base: $(cat "$out/err")"
expect_exit 2 "$PROFVIEW" diff --fail-above abc $S/base.prof.gz $S/slow.prof.gz 2>/dev/null
expect_exit 2 "$PROFVIEW" diff --fail-above -1 $S/base.prof.gz $S/slow.prof.gz 2>/dev/null
expect_exit 2 "$PROFVIEW" diff --alpha 0 $S/base.prof.gz $S/slow.prof.gz 2>/dev/null
expect_exit 2 "$PROFVIEW" diff --correction sidak $S/base.prof.gz $S/slow.prof.gz 2>/dev/null
expect_exit 2 "$PROFVIEW" diff --json --markdown $S/base.prof.gz $S/slow.prof.gz 2>/dev/null
expect_exit 2 "$PROFVIEW" diff --csv $S/base.prof.gz $S/slow.prof.gz 2>/dev/null
expect_exit 2 "$PROFVIEW" diff --focus '(' $S/base.prof.gz $S/slow.prof.gz 2>/dev/null
expect_exit 3 "$PROFVIEW" diff $S/base.prof.gz "$out/missing.prof" 2>/dev/null
expect_exit 3 "$PROFVIEW" diff --fail-above 1 "$out/missing.prof" $S/slow.prof.gz 2>/dev/null
printf 'not a log\n' >"$out/text.prof"
expect_exit 3 "$PROFVIEW" diff "$out/text.prof" $S/slow.prof.gz 2>"$out/err"
grep -q "^profview: $out/text.prof: offset 0" "$out/err" || fail "$(cat "$out/err")"
"$PROFVIEW" diff --help >"$out/help" || fail "--help"
for o in --base --fail-above --threshold --alpha --correction --absolute \
	--limit --markdown --json -o --focus --ignore --hide --thread; do
	grep -q -- "$o" "$out/help" || fail "--help lacks $o"
done
# a side left empty by the filters: exit 3 with a reason, not a verdict
expect_exit 3 "$PROFVIEW" diff --focus '^no_such_function$' $S/base.prof.gz \
	$S/slow.prof.gz 2>"$out/err"
grep -q 'base side has no samples left after the filters' "$out/err" ||
	fail "empty side: $(cat "$out/err")"
# -o writes the file, exit status still the verdict
expect_exit 1 "$PROFVIEW" diff --fail-above 5 -o "$out/o.txt" \
	$S/base.prof.gz $S/slow.prof.gz
head -n 1 "$out/o.txt" | grep -q FAIL || fail "-o"
echo "usage errors 2, unreadable input 3"
