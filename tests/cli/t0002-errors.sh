# Bad input: one line "profview: FILE: offset N: ...", exit 3; usage
# errors exit 2; damage after the header warns once and keeps the samples.
. tests/cli/lib.sh
out=$TESTS_OUT/t0002
mkdir -p "$out"

printf 'hello, this is not a profile\n' >"$out/text.prof"
expect_exit 3 "$PROFVIEW" info "$out/text.prof" 2>"$out/err"
grep -q "^profview: $out/text.prof: offset 0: not a vmprof log" "$out/err" ||
	fail "bad message: $(cat "$out/err")"
[ "$(wc -l <"$out/err")" = 1 ] || fail "more than one line: $(cat "$out/err")"

: >"$out/empty.prof"
expect_exit 3 "$PROFVIEW" info "$out/empty.prof" 2>/dev/null
expect_exit 3 "$PROFVIEW" info "$out/does-not-exist.prof" 2>/dev/null
expect_exit 2 "$PROFVIEW" info 2>/dev/null
expect_exit 2 "$PROFVIEW" info --no-such-option samples/pypy-x86_64/recursion.prof 2>/dev/null
expect_exit 2 "$PROFVIEW" no-such-command 2>/dev/null
# an option without its value is named as such, not as an unknown option
for args in "top --thread" "flame -o" "tree --prune"; do
	expect_exit 2 "$PROFVIEW" $args 2>"$out/err"
	opt=${args#* }
	grep -q "^profview: option '$opt' needs a value$" "$out/err" ||
		fail "$args: $(cat "$out/err")"
done
expect_exit 2 "$PROFVIEW" top --keep-root=1 x 2>"$out/err"
grep -q "takes no value" "$out/err" || fail "--keep-root=1: $(cat "$out/err")"
expect_exit 0 "$PROFVIEW" help >/dev/null
expect_exit 0 "$PROFVIEW" help info >/dev/null
expect_exit 0 "$PROFVIEW" info --help >/dev/null
"$PROFVIEW" --version | grep -q '^profview [0-9]' || fail "--version"

# A log cut inside a record: every whole sample kept, one warning with the
# offset, exit 0; --strict makes it exit 3.
log=samples/pypy-x86_64/threads-truncated.prof
"$PROFVIEW" info --json "$log" >"$out/cut.json" 2>"$out/cut.err" || fail "cut log"
[ "$(grep -c warning "$out/cut.err")" = 1 ] || fail "want one warning: $(cat "$out/cut.err")"
grep -q "offset 285487" "$out/cut.err" || fail "offset missing: $(cat "$out/cut.err")"
grep -q '"samples":285' "$out/cut.json" || fail "samples: $(cat "$out/cut.json")"
expect_exit 3 "$PROFVIEW" info --strict "$log" >/dev/null 2>&1

# Cut every 97th byte position of a real log: never a crash, always
# exit 0 (damage after the header) or 3 (header unreadable).
src=samples/cpython-x86_64/native_calls-lines-memory.prof
size=$(wc -c <"$src")
i=1
while [ $i -lt "$size" ]; do
	head -c $i "$src" >"$out/cut.prof"
	"$PROFVIEW" info --json "$out/cut.prof" >/dev/null 2>"$out/cut.err"
	rc=$?
	[ $rc = 0 ] || [ $rc = 3 ] || fail "exit $rc for a cut at $i: $(cat "$out/cut.err")"
	i=$((i + 97))
done

# Standard input, compressed or not.
"$PROFVIEW" info --json - <samples/pypy-x86_64/recursion-gzip.prof.gz |
	grep -q '"samples":500' || fail "gzip on stdin"
echo ok
