# top --json self counts agree with top5_self of NAME.facts.json for every
# real log (ours in samples/, the peer logs from ../shared).
. tests/cli/lib.sh
n=0
for log in $(all_logs); do
	facts=$(companion "$log" facts.json)
	[ -f "$facts" ] || fail "no facts for $log"
	"$PROFVIEW" top --json --limit 0 --quiet "$log" >"$TESTS_OUT/top.json" ||
		fail "top failed on $log"
	python3 tests/cli/check_top_facts.py "$TESTS_OUT/top.json" "$facts" ||
		fail "top disagrees with $facts"
	n=$((n + 1))
done
[ $n -ge 20 ] || fail "only $n logs checked"
echo "$n logs agree with their facts"
