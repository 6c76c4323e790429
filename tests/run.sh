#!/bin/sh
# Runs every test: the cmocka unit binaries given as arguments, then each
# end-to-end script tests/cli/t*.sh (exit 0 pass, 77 skip, else fail).
# Ends with one line "N passed, N failed, N skipped".
#
# Environment: PROFVIEW (the binary under test), BUILD (build dir),
# SHARED (the shared corpus; default ../shared beside the repository).
top=$(cd "$(dirname "$0")/.." && pwd)
: "${PROFVIEW:=$top/profview}"
: "${BUILD:=build/rel}"
if [ -z "${SHARED+x}" ]; then
	SHARED=$top/../shared
	[ -d "$SHARED/corpus" ] || SHARED=
fi
TESTS_OUT=$top/$BUILD/test-out
export PROFVIEW BUILD SHARED TESTS_OUT
# tests reach only the debuginfod servers they start themselves
unset DEBUGINFOD_URLS
export TOP="$top"
mkdir -p "$TESTS_OUT"

pass=0 fail=0 skip=0 failed=
for bin in "$@"; do
	name=$(basename "$bin")
	log="$TESTS_OUT/$name.log"
	if (cd "$top" && "$bin") >"$log" 2>&1; then
		# cmocka's skip(): a test that could not run is no pass
		skipped=$(grep -c '^\[  SKIPPED \]' "$log")
		if [ "$skipped" -gt 0 ]; then
			skip=$((skip + 1))
			echo "SKIP $name: $skipped test(s) skipped:" \
				"$(grep -m1 'skipped:' "$log")"
		else
			pass=$((pass + 1))
			echo "PASS $name"
		fi
	else
		fail=$((fail + 1))
		failed="$failed $name"
		echo "FAIL $name"
		tail -n 30 "$log" | sed 's/^/    /'
	fi
done
for t in "$top"/tests/cli/t*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	log="$TESTS_OUT/$name.log"
	(cd "$top" && sh "$t") >"$log" 2>&1
	rc=$?
	if [ $rc = 0 ]; then
		pass=$((pass + 1))
		echo "PASS $name"
	elif [ $rc = 77 ]; then
		skip=$((skip + 1))
		echo "SKIP $name: $(tail -n 1 "$log")"
	else
		fail=$((fail + 1))
		failed="$failed $name"
		echo "FAIL $name (exit $rc)"
		tail -n 30 "$log" | sed 's/^/    /'
	fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
