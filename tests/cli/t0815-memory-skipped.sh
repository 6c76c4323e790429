#!/bin/sh
# memory over several logs names each log it does not draw and why: no
# memory data, or beyond the series the chart draws; every log with
# memory data is either drawn (in the legend) or named.
. tests/cli/lib.sh
out=$TESTS_OUT/t0815
mkdir -p "$out"
M=samples/cpython-x86_64/memgrow.prof
plain=samples/cpython-x86_64/lineloop.prof

"$PROFVIEW" memory -o "$out/a.svg" "$M" "$plain" 2>"$out/err" || fail "two logs"
grep -qx "profview: $plain: warning: not drawn: no memory data (not recorded in memory mode)" \
	"$out/err" || fail "no memory data: $(cat "$out/err")"
[ "$(wc -l <"$out/err")" = 1 ] || fail "one line: $(cat "$out/err")"

# 20 copies: the chart draws some, the others are named, each once
logs=
for i in $(seq 10 29); do
	cp "$M" "$out/m$i.prof"
	logs="$logs $out/m$i.prof"
done
"$PROFVIEW" memory -o "$out/b.svg" $logs 2>"$out/err" || fail "20 logs"
named=$(grep -c "warning: not drawn: only the [0-9]* logs with the most memory samples are drawn" "$out/err")
drawn=0
for l in $logs; do
	if grep -q "$l" "$out/b.svg"; then
		drawn=$((drawn + 1))
		grep -q "^profview: $l:" "$out/err" && fail "$l drawn and named"
	else
		grep -q "^profview: $l: warning: not drawn" "$out/err" ||
			fail "$l neither drawn nor named"
	fi
done
[ "$drawn" -gt 0 ] && [ $((drawn + named)) = 20 ] ||
	fail "drawn $drawn + named $named != 20: $(cat "$out/err")"
"$PROFVIEW" memory --quiet -o "$out/b.svg" $logs 2>"$out/err" || fail "quiet"
[ -s "$out/err" ] && fail "--quiet: $(cat "$out/err")"
# one log: nothing to say
"$PROFVIEW" memory -o "$out/c.svg" "$M" 2>"$out/err" || fail "one log"
[ -s "$out/err" ] && fail "one log: $(cat "$out/err")"
exit 0
