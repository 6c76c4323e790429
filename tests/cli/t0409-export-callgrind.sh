# export --format callgrind, read by valgrind's callgrind_annotate: on
# every sample log (and a native one with --maps), self samples and
# inclusive samples (--inclusive=yes) equal profview top's self and total
# (tests/cli/check_callgrind.py).
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/t0409
mkdir -p "$O"
if ! command -v callgrind_annotate >/dev/null; then
	[ "${CI:-}" = true ] && fail "callgrind_annotate missing (make deps)"
	skip "callgrind_annotate (valgrind) missing: skipped"
fi
check() {
	"$P" export --format callgrind --quiet "$@" -o "$O/cg.out" ||
		fail "export callgrind $*"
	(cd "$O" && callgrind_annotate --auto=no --threshold=100 cg.out >self.txt &&
		callgrind_annotate --auto=no --inclusive=yes --threshold=100 cg.out \
			>incl.txt) || fail "callgrind_annotate on $*"
	"$P" top --json --limit 0 --quiet "$@" >"$O/top.json" || fail "top $*"
	python3 tests/cli/check_callgrind.py "$O/self.txt" "$O/incl.txt" \
		"$O/top.json" || fail "callgrind disagrees with top on $*"
}
for log in $(ls samples/*/*.prof samples/*/*.prof.zst samples/*/*.prof.gz); do
	check "$log"
done
d=samples/cpython-x86_64
check $d/native_calls.prof --maps $d/native_calls.maps --search-dir $d
echo "callgrind agrees"
