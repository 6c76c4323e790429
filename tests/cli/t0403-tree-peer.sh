# tree's totals per call path agree with the peer viewer's tree output
# (NAME.tree.txt) on every real log that has one, with recursion folded
# as the peer folds it and the harness kept as the peer keeps it.
. tests/cli/lib.sh
n=0 compared=0
for log in $(all_logs); do
	t=$(companion "$log" tree.txt)
	[ -f "$t" ] || continue
	"$PROFVIEW" tree --json --prune 0 --keep-root --collapse-recursion \
		--quiet "$log" >"$TESTS_OUT/tree-peer.json" ||
		fail "tree failed on $log"
	python3 tests/cli/check_peer_tree.py "$TESTS_OUT/tree-peer.json" "$t" \
		>"$TESTS_OUT/tree-peer.out" || {
		cat "$TESTS_OUT/tree-peer.out"
		fail "tree disagrees with $t"
	}
	grep -q "nodes compared" "$TESTS_OUT/tree-peer.out" &&
		compared=$((compared + 1))
	n=$((n + 1))
done
# Logs whose threads start in different functions have several roots,
# which the peer grafts under one: no shared figure (README).  The rest
# must all be compared: 19 in samples/, 24 with the peer logs of ../shared.
want=19
[ -n "$SHARED" ] && [ -d "$SHARED/corpus/peer" ] && want=24
[ $compared -ge $want ] || fail "only $compared of $n logs compared (want $want)"
echo "$compared of $n logs agree with the peer's tree (the rest have several roots)"
