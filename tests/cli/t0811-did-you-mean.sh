#!/bin/sh
# A mistyped command or long option: exit 2 and "did you mean" naming the
# nearest command (from the command table) or option (from the options
# the command takes); a name near nothing gets no guess.
. tests/cli/lib.sh
out=$TESTS_OUT/t0811
mkdir -p "$out"
log=samples/cpython-x86_64/lineloop.prof

expect_exit 2 "$PROFVIEW" tpo "$log" 2>"$out/err"
grep -q "^profview: 'tpo' is not a command; did you mean 'top'?" "$out/err" ||
	fail "tpo: $(cat "$out/err")"
expect_exit 2 "$PROFVIEW" help tre 2>"$out/err"
grep -q "did you mean 'tree'?" "$out/err" || fail "help tre: $(cat "$out/err")"

# every command, its last two letters swapped, is found again
for cmd in $("$PROFVIEW" help | awk '/^  [a-z]/ { print $1 }'); do
	typo=$(echo "$cmd" | sed 's/\(.\)\(.\)$/\2\1/')
	[ "$typo" = "$cmd" ] && continue
	expect_exit 2 "$PROFVIEW" "$typo" 2>"$out/err"
	grep -q "did you mean '$cmd'?" "$out/err" ||
		fail "$typo: $(cat "$out/err")"
done

expect_exit 2 "$PROFVIEW" top --lmit 5 "$log" 2>"$out/err"
grep -q "^profview: unknown option '--lmit'; did you mean '--limit'?$" \
	"$out/err" || fail "--lmit: $(cat "$out/err")"
expect_exit 2 "$PROFVIEW" top --lmit=5 "$log" 2>"$out/err"
grep -q "did you mean '--limit'?" "$out/err" || fail "--lmit=5: $(cat "$out/err")"
# shared options too, and only those the command takes
expect_exit 2 "$PROFVIEW" tree --fcous x "$log" 2>"$out/err"
grep -q "did you mean '--focus'?" "$out/err" || fail "--fcous: $(cat "$out/err")"
expect_exit 2 "$PROFVIEW" info --lmit 5 "$log" 2>"$out/err"
grep -q "did you mean '--limit'" "$out/err" &&
	fail "info has no --limit: $(cat "$out/err")"

# far from everything: no guess
expect_exit 2 "$PROFVIEW" xyzzyq 2>"$out/err"
grep -q "did you mean" "$out/err" && fail "xyzzyq: $(cat "$out/err")"
grep -q "'xyzzyq' is not a command" "$out/err" || fail "xyzzyq: $(cat "$out/err")"
expect_exit 2 "$PROFVIEW" top --zzzzzz "$log" 2>"$out/err"
grep -q "did you mean" "$out/err" && fail "--zzzzzz: $(cat "$out/err")"
exit 0
