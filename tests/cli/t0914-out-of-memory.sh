# Out of memory is exit 4 and nothing else: a copy of profview whose
# allocations fail one at a time (tests/failalloc/failalloc.c) runs
# commands with the 1st, 2nd, ... allocation failing.  Each run either
# succeeds with the same output as a run where nothing fails (a cache
# that could not grow) or exits 4 saying "out of memory", leaving no -o
# file and no temporary file; never a crash, another status, or a
# shorter output with status 0.
. tests/cli/lib.sh
out=$TESTS_OUT/t0914
rm -rf "$out"
mkdir -p "$out"
FA=${BUILD:-build/rel}/tests/failalloc/profview
[ -x "$FA" ] || fail "$FA not built (make test builds it)"
# the runs that fail on purpose may leave what they had allocated
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
L=samples/pypy-x86_64/callpaths.prof
L2=samples/pypy-x86_64/recursion.prof
M=samples/cpython-x86_64/memgrow.prof
LL=samples/cpython-x86_64/lineloop.prof
runs=0 nomem=0 all=1

# check MODE CMD...: MODE is -o (the output to a file) or stdout
check() {
	mode=$1; shift
	n=$(PV_FAIL_ALLOC=0 "$FA" "$@" 2>&1 >/dev/null |
	    sed -n 's/^failalloc: \([0-9]*\) allocations$/\1/p')
	[ -n "$n" ] && [ "$n" -gt 0 ] || fail "$*: allocations not counted"
	if [ "$mode" = -o ]; then
		"$FA" "$@" -o "$out/ref" 2>"$out/err" ||
			fail "$*: exit $? without failures: $(cat "$out/err")"
	else
		"$FA" "$@" >"$out/ref" 2>"$out/err" ||
			fail "$*: exit $? without failures: $(cat "$out/err")"
	fi
	# every allocation for the first command (loading a log is the
	# same for all); for the others every one from the 50th (after the
	# load, where the views begin) to the 130th, and about 20 spread
	# over the rest
	k=1 step=1 dense=$(( all ? n : 130 ))
	[ "$all" = 1 ] || k=50
	all=0
	while [ "$k" -le "$n" ]; do
		rm -f "$out/o"
		if [ "$mode" = -o ]; then
			PV_FAIL_ALLOC=$k "$FA" "$@" -o "$out/o" >/dev/null \
				2>"$out/err"
		else
			PV_FAIL_ALLOC=$k "$FA" "$@" >"$out/o" 2>"$out/err"
		fi
		rc=$?
		runs=$((runs + 1))
		case $rc in
		0)	cmp -s "$out/o" "$out/ref" ||
				fail "$* (allocation $k failing): exit 0 with other output" ;;
		4)	nomem=$((nomem + 1))
			grep -Eq 'out of memory|Cannot allocate memory' \
				"$out/err" && [ "$(wc -l <"$out/err")" = 1 ] ||
				fail "$* (allocation $k failing): $(cat "$out/err")"
			[ "$mode" = stdout ] || [ ! -e "$out/o" ] ||
				fail "$* (allocation $k failing): exit 4 left -o" ;;
		*)	fail "$* (allocation $k failing): exit $rc: $(head -c 300 "$out/err")" ;;
		esac
		[ -z "$(ls -A "$out" | grep '^\.')" ] ||
			fail "$* (allocation $k failing): temporary file left"
		[ "$k" -lt "$dense" ] || step=$(( (n - dense) / 20 + 1 ))
		k=$((k + step))
	done
}

check -o top "$L"
check -o tree --json "$L"
check -o flame "$L"
check -o timeline "$L"
check -o report "$L"
check -o memory "$M"
check -o export --format pprof "$M"
check -o export --format speedscope "$L"
check -o merge "$L" "$L2"
check stdout info --json "$L"
check stdout peek . "$L"
check stdout diff "$L" "$L2"
check stdout lines --json "$LL" .
[ "$nomem" -gt 0 ] || fail "no run failed: the allocations did not fail"
echo "$runs runs, $nomem out of memory"
