# Each shared filter end to end on real logs, with sample counts checked
# against figures obtained another way (info, unfiltered top).
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT
j() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$2"; }

# --thread: each thread's total is what info counts for it
log=samples/cpython-x86_64/threads.prof
"$P" info --json "$log" >"$O/f-info.json"
for n in 1 2 3 4; do
	want=$(j "[t['samples'] for t in d['thread_list'] if t['number']==$n][0]" "$O/f-info.json")
	"$P" top --json --thread $n "$log" >"$O/f-top.json" || fail "top --thread $n"
	got=$(j "d['total_samples']" "$O/f-top.json")
	[ "$got" = "$want" ] || fail "--thread $n: $got samples, info says $want"
done
raw=$(j "d['thread_list'][1]['raw_id']" "$O/f-info.json")
want=$(j "d['thread_list'][1]['samples']" "$O/f-info.json")
"$P" top --json --thread "$raw" "$log" >"$O/f-top.json"
[ "$(j "d['total_samples']" "$O/f-top.json")" = "$want" ] || fail "--thread $raw"
expect_exit 2 "$P" top --thread 9 "$log" 2>/dev/null

# --from/--to: samples are spread evenly over the duration (no v7 times)
log=samples/cpython-x86_64/recursion.prof
"$P" info --json "$log" >"$O/f-info.json"
want=$(j "sum(1 for i in range(d['samples']) if 0.5 <= i*d['duration_sec']/d['samples'] < 1.5)" "$O/f-info.json")
"$P" top --json --from 0.5 --to 1.5 "$log" >"$O/f-top.json"
got=$(j "d['total_samples']" "$O/f-top.json")
[ "$got" = "$want" ] || fail "--from 0.5 --to 1.5: $got samples, expected $want"

# --focus / --ignore / --hide against the unfiltered totals
"$P" top --json --limit 0 "$log" >"$O/f-all.json"
fib=$(j "[r['total'] for r in d['rows'] if r['function']=='fib'][0]" "$O/f-all.json")
all=$(j "d['total_samples']" "$O/f-all.json")
"$P" top --json --focus '^fib$' "$log" >"$O/f-top.json"
[ "$(j "d['total_samples']" "$O/f-top.json")" = "$fib" ] || fail "--focus fib"
"$P" top --json --ignore '^fib$' "$log" >"$O/f-top.json"
[ "$(j "d['total_samples']" "$O/f-top.json")" = "$((all - fib))" ] || fail "--ignore fib"
"$P" top --json --limit 0 --hide '^run_fib$' "$log" >"$O/f-top.json"
[ "$(j "d['total_samples']" "$O/f-top.json")" = "$all" ] || fail "--hide keeps samples"
[ "$(j "len([r for r in d['rows'] if r['function']=='run_fib'])" "$O/f-top.json")" = 0 ] ||
	fail "--hide left run_fib"
[ "$(j "[r['total'] for r in d['rows'] if r['function']=='fib'][0]" "$O/f-top.json")" = "$fib" ] ||
	fail "--hide changed fib"
# filters compose: focus then hide, in tree too
"$P" tree --json --prune 0 --focus '^hanoi$' --hide '^run_hanoi$' "$log" >"$O/f-tree.json"
j "d['roots'][0]['children'][0]['children'][0]['function']" "$O/f-tree.json" | grep -qx hanoi ||
	fail "tree --focus --hide: main's child is not hanoi"
expect_exit 2 "$P" top --focus '(' "$log" 2>/dev/null

# --keep-root shows the harness the default strips
"$P" tree --json --prune 0 --keep-root "$log" >"$O/f-tree.json"
[ "$(j "d['roots'][0]['file']" "$O/f-tree.json")" = "<string>" ] || fail "--keep-root"
"$P" tree --json --prune 0 "$log" >"$O/f-tree.json"
[ "$(j "d['roots'][0]['file']" "$O/f-tree.json")" = "programs/recursion.py" ] ||
	fail "harness not stripped"
echo "filters agree"
