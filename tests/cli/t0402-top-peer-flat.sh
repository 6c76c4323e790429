# top's self percentages agree with the peer viewer's flat output
# (NAME.flat.txt) on every real log that has one.
. tests/cli/lib.sh
n=0
for log in $(all_logs); do
	flat=$(companion "$log" flat.txt)
	[ -f "$flat" ] || continue
	"$PROFVIEW" top --json --limit 0 --keep-root --quiet "$log" \
		>"$TESTS_OUT/top-flat.json" || fail "top failed on $log"
	python3 tests/cli/check_peer_flat.py "$TESTS_OUT/top-flat.json" "$flat" ||
		fail "top disagrees with $flat"
	n=$((n + 1))
done
[ $n -ge 20 ] || fail "only $n logs compared"
echo "$n logs agree with the peer's flat output"
