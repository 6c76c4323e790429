# export --format chrome-trace: on every log (samples/, and the corpus
# when present: its version 7 log has recorded times; two merged), a
# Trace Event Format file whose events nest, stay inside the log's
# duration and cover each thread's samples (tests/cli/check_trace.py).
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/t0407
mkdir -p "$O"
check() {
	"$P" export --format chrome-trace --quiet "$@" -o "$O/t.json" ||
		fail "chrome-trace $*"
	"$P" export --format json --quiet "$@" -o "$O/p.json" || fail "json $*"
	: >"$O/info.json"
	for f in "$@"; do
		"$P" info --json --quiet "$f" >>"$O/info.json" || fail "info $f"
	done
	python3 tests/cli/check_trace.py "$O/t.json" "$O/p.json" "$O/info.json" ||
		fail "chrome-trace of $* is wrong"
}
for log in $(all_logs); do
	check "$log"
done
check samples/cpython-x86_64/threads.prof samples/pypy-x86_64/threads.prof
grep -q '"times":"recorded"' "$O/t.json" && fail "merged v6 logs said recorded"
# an aggregate log (profview merge) has no times: samples back to back
"$P" merge samples/cpython-x86_64/threads.prof samples/cpython-x86_64/recursion.prof \
	-o "$O/agg.prof" || fail "merge"
check "$O/agg.prof"
grep -q '"times":"counts"' "$O/t.json" || fail "an aggregate log is not counts"
echo "chrome traces agree"
