# info --json agrees with NAME.facts.json on every figure both have, for
# every real log (ours in samples/, the peer logs from ../shared).
. tests/cli/lib.sh
n=0
for log in $(all_logs); do
	facts=$(companion "$log" facts.json)
	[ -f "$facts" ] || fail "no facts for $log"
	"$PROFVIEW" info --json "$log" >"$TESTS_OUT/info.json" 2>"$TESTS_OUT/info.err" ||
		fail "info failed on $log: $(cat "$TESTS_OUT/info.err")"
	python3 tests/cli/check_info_facts.py "$TESTS_OUT/info.json" "$facts" ||
		fail "info disagrees with $facts"
	n=$((n + 1))
done
[ $n -ge 30 ] || [ -z "$SHARED" ] || fail "only $n logs checked"
[ $n -ge 20 ] || fail "only $n logs checked"
echo "$n logs agree with their facts"
