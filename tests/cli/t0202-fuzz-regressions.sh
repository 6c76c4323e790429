# Every input in tests/fuzz (faults the fuzzers found, since fixed) goes
# through every view without a crash or sanitizer report: exit 0, or 2/3
# with one error line (the view's needs unmet, or an unreadable log).
. tests/cli/lib.sh
out=$TESTS_OUT/t0202
mkdir -p "$out"
n=0
for f in tests/fuzz/*.prof; do
	[ -f "$f" ] || continue
	for v in "info" "info --json" "top" "top --csv --group-by thread" \
		 "top --json --group-by log" "tree" "tree --json" \
		 "lines @ main" "export --format json" \
		 "export --format speedscope" "export --format vmprof" \
		 "memory --format svg" "memory --format csv" "report" \
		 "diff @ @" "flame" "fold" "timeline" "heatmap"; do
		case $v in *@*) args=$(echo "$v" | sed "s#@#$f#g") ;;
			   *) args="$v $f" ;; esac
		"$PROFVIEW" $args >"$out/out" 2>"$out/err"
		rc=$?
		case $rc in
		0) ;;
		2|3) [ "$(grep -vc '^Try\|warning' "$out/err")" = 1 ] ||
			fail "$f: $v: want one error line: $(cat "$out/err")" ;;
		*) fail "$f: $v exited $rc: $(tail -n 5 "$out/err")" ;;
		esac
		if grep -q "runtime error\|Sanitizer" "$out/err"; then
			fail "$f: $v: $(cat "$out/err")"
		fi
	done
	n=$((n + 1))
done
[ $n -gt 0 ] || fail "no inputs in tests/fuzz"
echo "$n inputs"
