# --from/--to with units on every view: seconds, ms, us and a share of
# the duration select the samples the exported times say they should;
# malformed values and a window that ends before it starts exit 2.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/units
mkdir -p "$O"

log=samples/cpython-x86_64/threads.prof
"$P" export --format json "$log" >"$O/e.json"
"$P" info --json "$log" >"$O/i.json"
count() {   # count FROM TO: samples `top` keeps
	"$P" top --json --from "$1" --to "$2" "$log" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["total_samples"])'
}
want() {    # want FROM_SEC TO_SEC: samples with FROM <= t < TO from export
	python3 - "$O/e.json" "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a, b = float(sys.argv[2]), float(sys.argv[3])
print(sum(1 for t in d['threads'] for x in t['times'] if a <= x < b))
PY
}
info() { python3 -c "import json; print(json.load(open('$O/i.json'))['$1'])"; }
dur=$(info duration_sec)
w=$(want 0.25 1.5)
for pair in "0.25 1.5" "0.25s 1.5s" "250ms 1500ms" "250000us 1500000us" \
	"250000µs 1.5"; do
	# shellcheck disable=SC2086
	got=$(count $pair)
	[ "$got" = "$w" ] || fail "--from/--to $pair: $got samples, want $w"
done
w=$(want "$(python3 -c "print(0.1 * $dur)")" \
	"$(python3 -c "print(0.6 * $dur)")")
got=$(count 10% 60%)
# a sample exactly at a boundary may round either way in the export
python3 -c "import sys; sys.exit(abs($got - $w) > 1)" ||
	fail "--from 10% --to 60%: $got samples, want $w"
[ "$(count 0% 100%)" = "$(info samples)" ] ||
	fail "0% to 100% keeps every sample"

# every view takes them (flame, memory, timeline, report, export)
for cmd in "flame" "fold" "tree" "export --format json" "timeline" "heatmap" \
	"report"; do
	# shellcheck disable=SC2086
	"$P" $cmd --from 500ms --to 90% "$log" >/dev/null ||
		fail "$cmd --from 500ms --to 90%"
done
"$P" memory --from 10% --to 1s samples/pypy-x86_64/memgrow.prof >/dev/null ||
	fail "memory --from 10% --to 1s"

# errors: exit 2 with one line naming the value
for bad in x 1.5sec -1 10%% 101% 1e400 '' 5min; do
	expect_exit 2 "$P" top --from "$bad" "$log" 2>"$O/err" >/dev/null
	grep -q "from takes a time" "$O/err" || fail "--from '$bad': $(cat "$O/err")"
done
expect_exit 2 "$P" top --from 2 --to 1 "$log" 2>"$O/err" >/dev/null
grep -q 'lies after' "$O/err" || fail "--from 2 --to 1: $(cat "$O/err")"
expect_exit 2 "$P" top --from 1500ms --to 1s "$log" 2>/dev/null >/dev/null
expect_exit 2 "$P" top --from 90% --to 1s "$log" 2>"$O/err" >/dev/null
grep -q 'lies after' "$O/err" || fail "--from 90% --to 1s: $(cat "$O/err")"
expect_exit 2 "$P" timeline --from 90% --to 10% "$log" 2>/dev/null >/dev/null
exit 0
