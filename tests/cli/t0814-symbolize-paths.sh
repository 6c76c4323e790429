#!/bin/sh
# symbolize and --maps name native frames with clean paths: the line
# table's "./cburn.c" joined to the unit's directory "." reads
# "cburn.c:LINE", never "././cburn.c"; no location holds "/./", "//" or
# a leading "./".
. tests/cli/lib.sh
O=$TESTS_OUT/t0814
mkdir -p "$O"
S=samples/cpython-x86_64
SYM="--maps $S/native_calls.maps --search-dir $S"

"$PROFVIEW" symbolize --quiet $S/native_calls.prof $SYM -o "$O/c.prof" ||
	fail "symbolize"
"$PROFVIEW" top --limit 0 --csv "$O/c.prof" >"$O/copy.csv" || fail "top copy"
"$PROFVIEW" top --limit 0 --csv --quiet $S/native_calls.prof $SYM \
	>"$O/maps.csv" || fail "top --maps"
for f in "$O/copy.csv" "$O/maps.csv"; do
	grep -q '^cb_middle,cburn\.c,' "$f" || fail "cb_middle not named: $f"
	# the cburn.c frames: their file is exactly cburn.c
	n=$(grep -c 'cburn\.c' "$f")
	[ "$n" -ge 4 ] || fail "$n cburn.c rows in $f"
	grep 'cburn\.c' "$f" | grep -v ',cburn\.c,' && fail "unclean file in $f"
	grep -E '(^|,)\./|/\./|//' "$f" && fail "unclean path in $f"
done
exit 0
