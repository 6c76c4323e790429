# Every input in tests/fuzz (faults the fuzzer found, since fixed) reads
# without a crash or sanitizer report: exit 0, or 3 with one error line.
. tests/cli/lib.sh
out=$TESTS_OUT/t0202
mkdir -p "$out"
n=0
for f in tests/fuzz/*.prof; do
	[ -f "$f" ] || continue
	for opt in "" --json; do
		"$PROFVIEW" info $opt "$f" >"$out/out" 2>"$out/err"
		rc=$?
		case $rc in
		0) ;;
		3) [ "$(grep -vc warning "$out/err")" = 1 ] ||
			fail "$f: want one error line: $(cat "$out/err")" ;;
		*) fail "$f: info $opt exited $rc: $(tail -n 5 "$out/err")" ;;
		esac
		if grep -q "runtime error\|Sanitizer" "$out/err"; then
			fail "$f: $(cat "$out/err")"
		fi
	done
	n=$((n + 1))
done
[ $n -gt 0 ] || fail "no inputs in tests/fuzz"
echo "$n inputs"
