# Exit statuses from the one mapping (cli/cli.h): 4 out of memory, 5 an
# output that cannot be written; a failed run leaves an existing -o file
# as it was; `help X` is X's --help; --version and -V.
. tests/cli/lib.sh
out=$TESTS_OUT/t0003
mkdir -p "$out"
log=samples/pypy-x86_64/recursion.prof

# output that cannot be written: 5, with one line saying so
if [ -w /dev/full ]; then
	expect_exit 5 "$PROFVIEW" top "$log" -o /dev/full 2>"$out/err"
	grep -q "cannot write" "$out/err" || fail "/dev/full: $(cat "$out/err")"
	expect_exit 5 "$PROFVIEW" flame "$log" >/dev/full 2>"$out/err"
	expect_exit 5 "$PROFVIEW" info "$log" >/dev/full 2>"$out/err"
fi
expect_exit 5 "$PROFVIEW" fold "$log" -o "$out/no/such/dir/x.txt" 2>"$out/err"
grep -q "cannot write" "$out/err" || fail "no dir: $(cat "$out/err")"

# a failing view leaves the old output untouched and no temporary file
echo old >"$out/keep.out"
expect_exit 2 "$PROFVIEW" memory --format svg "$log" -o "$out/keep.out" 2>/dev/null
[ "$(cat "$out/keep.out")" = old ] || fail "old output overwritten"
[ "$(ls -A "$out" | grep -c 'keep\.out\.')" = 0 ] || fail "temporary file left"
# a good run replaces it
"$PROFVIEW" fold "$log" -o "$out/keep.out" || fail "fold -o"
grep -q '^<module>' "$out/keep.out" ||
	grep -q ';' "$out/keep.out" || fail "fold output: $(head -2 "$out/keep.out")"

# out of memory: 4 (not under the sanitizers, which reserve address space)
if [ "${SAN:-}" != 1 ]; then
	awk 'BEGIN { srand(1); for (i = 0; i < 300000; i++) {
		s = "f0_" int(rand() * 100000)
		for (d = 1; d < 12; d++) s = s ";f" d "_" int(rand() * 100000)
		print s " 1" } }' >"$out/big.folded"
	(ulimit -v 80000; "$PROFVIEW" top "$out/big.folded" >/dev/null \
		2>"$out/err"; echo $? >"$out/rc")
	[ "$(cat "$out/rc")" = 4 ] ||
		fail "out of memory: exit $(cat "$out/rc"): $(cat "$out/err")"
	grep -q "out of memory" "$out/err" || fail "oom: $(cat "$out/err")"
	rm -f "$out/big.folded"
fi

# help X comes from the table and equals X --help
for c in info top tree lines export memory report diff flame symbolize fold; do
	"$PROFVIEW" help $c >"$out/h1" || fail "help $c"
	"$PROFVIEW" $c --help >"$out/h2" || fail "$c --help"
	cmp -s "$out/h1" "$out/h2" || fail "help $c differs from $c --help"
	head -1 "$out/h1" | grep -q "^usage: profview $c" || fail "help $c usage"
done
expect_exit 2 "$PROFVIEW" help no-such-command 2>/dev/null

# --version and -V, listed in --help
v=$("$PROFVIEW" --version) || fail "--version"
[ "$("$PROFVIEW" -V)" = "$v" ] || fail "-V differs from --version"
echo "$v" | grep -q '^profview [0-9a-z]' || fail "version: $v"
"$PROFVIEW" --help | grep -q -- '--version' || fail "--help lacks --version"
"$PROFVIEW" --help | grep -q -- '-V' || fail "--help lacks -V"
echo "exit statuses 4 and 5, kept outputs, help from the table, version ok"
