# merge writes one vmprof log that every view reads with the figures of its
# inputs: each sample log alone, every group of logs that can share a log,
# merged logs merged again in any grouping and order (the same bytes),
# logs of different periods (weighted), filters before writing, diff
# against a third log; an aggregate has no time order; mixed layouts stop.
. tests/cli/lib.sh
out=$TESTS_OUT/t1101
rm -rf "$out"
mkdir -p "$out"
P=$PROFVIEW

# same_views NAME "INPUTS" MERGED: every view prints the same for both
same_views() {
	for v in top tree fold lines flame peek; do
		# lines takes a FUNCTION pattern after the logs, peek before
		# them: every function
		pat= pre=
		[ $v = lines ] && pat=.
		[ $v = peek ] && pre=.
		# the flame graph's default title names its logs
		[ $v = flame ] && pre="--title same"
		# shellcheck disable=SC2086
		"$P" $v --quiet $pre $2 $pat >"$out/$1.$v.in" 2>&1
		a=$?
		"$P" $v --quiet $pre "$3" $pat >"$out/$1.$v.out" 2>&1
		b=$?
		[ "$a" = "$b" ] ||
			fail "$1: $v exits $a on the inputs, $b merged"
		cmp -s "$out/$1.$v.in" "$out/$1.$v.out" ||
			fail "$1: $v differs: $(diff "$out/$1.$v.in" \
				"$out/$1.$v.out" | head -5)"
	done
}

# 1. every log alone, and its layout key (logs with one key merge)
n=0
for log in $(all_logs); do
	n=$((n + 1))
	"$P" merge --quiet "$log" -o "$out/one$n.prof" ||
		fail "merge $log"
	same_views "one$n" "$log" "$out/one$n.prof"
	key=$("$P" info --json "$log" 2>/dev/null | /usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
f = d["flags"]
lay = "legacy" if d["version"] <= 1 else "pairs" if f["rpython"] or \
	d["version"] == 2 else "lines" if f["lines"] else "plain"
print("%s-%s-%s-%s-%s" % (d["interpreter"], lay, d["word_size"],
	d["address_size"], d["byte_order"]))') || fail "info $log"
	echo "$log" >>"$out/group.$key"
done
[ "$n" -ge 20 ] || fail "only $n logs"

# 2. each group: merged at once, in reverse, and in two groupings
groups=0
for g in "$out"/group.*; do
	[ "$(wc -l <"$g")" -ge 3 ] || continue
	groups=$((groups + 1))
	logs=$(cat "$g")
	name=$(basename "$g")
	# shellcheck disable=SC2086
	"$P" merge --quiet $logs -o "$out/$name.all" || fail "merge $name"
	same_views "$name" "$logs" "$out/$name.all"
	set -- $logs
	a=$1 b=$2
	shift 2
	"$P" merge --quiet "$a" "$b" -o "$out/$name.ab" &&
	"$P" merge --quiet "$out/$name.ab" "$@" -o "$out/$name.left" &&
	"$P" merge --quiet "$@" -o "$out/$name.rest" &&
	"$P" merge --quiet "$out/$name.rest" "$b" "$a" -o "$out/$name.right" &&
	"$P" merge --quiet $(echo $logs | tr ' ' '\n' | tac) \
		-o "$out/$name.rev" || fail "merge groupings of $name"
	# shellcheck disable=SC2086
	"$P" merge --quiet -j 1 $logs -o "$out/$name.j1" &&
	"$P" merge --quiet -j 3 $logs -o "$out/$name.j3" ||
		fail "merge -j of $name"
	for x in left right rev j1 j3; do
		cmp -s "$out/$name.all" "$out/$name.$x" ||
			fail "$name: merge ($x) gives other bytes"
	done
	# the merged log reads without warnings and says what it is
	"$P" info "$out/$name.all" >"$out/$name.info" 2>"$out/$name.err" ||
		fail "info $name"
	[ ! -s "$out/$name.err" ] || fail "warnings: $(cat "$out/$name.err")"
	grep -q '^  aggregate    yes' "$out/$name.info" ||
		fail "info: $(cat "$out/$name.info")"
	# runs side by side have a span, not a sample rate
	! grep -q 'samples/s' "$out/$name.info" ||
		fail "info gives a merged log a sample rate"
done
[ "$groups" -ge 3 ] || fail "only $groups groups of three logs"

# 3. different periods: weighted by period, the same after merging
S=samples/pypy-x86_64
/usr/bin/python3 - "$S/recursion.prof" "$out/p3000.prof" <<'PY' ||
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
struct.pack_into('<q', b, 24, 3000)
open(sys.argv[2], 'wb').write(b)
PY
	fail "writing the 3 ms log"
"$P" merge --quiet "$S/callpaths.prof" "$out/p3000.prof" -o "$out/per.prof" ||
	fail "merge periods"
same_views per "$S/callpaths.prof $out/p3000.prof" "$out/per.prof"
"$P" merge --quiet "$out/per.prof" "$S/lineloop.prof" -o "$out/per2.prof" &&
"$P" merge --quiet "$S/lineloop.prof" "$out/p3000.prof" "$S/callpaths.prof" \
	-o "$out/per3.prof" || fail "merge periods again"
cmp -s "$out/per2.prof" "$out/per3.prof" ||
	fail "weighted merge not associative"
same_views per2 "$S/callpaths.prof $out/p3000.prof $S/lineloop.prof" \
	"$out/per2.prof"

# 4. filters apply before writing
"$P" merge --quiet --focus fib "$S/callpaths.prof" "$S/recursion.prof" \
	-o "$out/focus.prof" || fail "merge --focus"
# (less the line saying how many samples the filter kept)
"$P" top --quiet --focus fib "$S/callpaths.prof" "$S/recursion.prof" |
	grep -v ' kept by the filters$' >"$out/focus.in"
"$P" top --quiet "$out/focus.prof" >"$out/focus.out"
cmp -s "$out/focus.in" "$out/focus.out" || fail "merge --focus: other figures"
[ "$(wc -c <"$out/focus.prof")" -lt \
  "$(wc -c <"$out/group.pypy-pairs-8-8-little.all" 2>/dev/null || echo 0)" ] ||
	[ ! -e "$out/group.pypy-pairs-8-8-little.all" ] ||
	fail "a focused log is not smaller"

# 5. diff against a third log: the same as with the logs themselves
D=samples/diff
"$P" merge --quiet $D/slow.prof.gz $D/same.prof.gz -o "$out/new.prof" ||
	fail "merge diff sides"
"$P" diff --json --base $D/base.prof.gz $D/slow.prof.gz $D/same.prof.gz \
	>"$out/diff.in"
"$P" diff --json $D/base.prof.gz "$out/new.prof" >"$out/diff.out"
/usr/bin/python3 - "$out/diff.in" "$out/diff.out" <<'PY' || fail "diff differs"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for d in (a, b):
    d.pop("new_files")   # the names of the logs: all that may differ
sys.exit(0 if a == b else 1)
PY

# 6. an aggregate has no memory curve and no sample times
"$P" merge --quiet samples/cpython-x86_64/memgrow.prof -o "$out/mem.prof"
expect_exit 2 "$P" memory "$out/mem.prof" -o "$out/mem.svg" 2>"$out/mem.err"
[ "$(wc -l <"$out/mem.err")" = 1 ] && grep -q aggregate "$out/mem.err" ||
	fail "memory: $(cat "$out/mem.err")"
expect_exit 2 "$P" top --from 0.5 "$out/mem.prof" 2>"$out/from.err" >/dev/null
[ "$(wc -l <"$out/from.err")" = 1 ] || fail "--from: $(cat "$out/from.err")"
for v in timeline heatmap; do
	expect_exit 2 "$P" $v "$out/mem.prof" -o "$out/t.svg" 2>"$out/$v.err"
	[ "$(wc -l <"$out/$v.err")" = 1 ] && grep -q aggregate "$out/$v.err" ||
		fail "$v: $(cat "$out/$v.err")"
done

# 7. mixed layouts stop with one line naming both logs
C=samples/cpython-x86_64/recursion.prof
expect_exit 2 "$P" merge "$S/callpaths.prof" $C -o "$out/mix.prof" \
	2>"$out/mix.err"
[ "$(wc -l <"$out/mix.err")" = 1 ] && grep -q "$C" "$out/mix.err" &&
	grep -q "$S/callpaths.prof" "$out/mix.err" ||
	fail "mixed: $(cat "$out/mix.err")"
[ ! -e "$out/mix.prof" ] || fail "a failed merge left its output"
expect_exit 2 "$P" merge "$S/callpaths.prof" samples/pypy-i386/callpaths.prof \
	-o "$out/mix.prof" 2>"$out/mix.err"
grep -q "word sizes" "$out/mix.err" || fail "word sizes: $(cat "$out/mix.err")"

"$P" fold "$S/recursion.prof" >"$out/r.folded"
expect_exit 2 "$P" merge "$out/r.folded" -o "$out/mix.prof" 2>"$out/mix.err"
grep -q "r.folded: folded stacks" "$out/mix.err" ||
	fail "folded: $(cat "$out/mix.err")"

# 8. --expand: count-1 records only, the same figures
"$P" merge --quiet --expand $C -o "$out/exp.prof" || fail "merge --expand"
"$P" merge --quiet $C -o "$out/c.prof"
"$P" top --quiet "$out/exp.prof" >"$out/exp.top"
"$P" top --quiet "$out/c.prof" >"$out/c.top"
cmp -s "$out/exp.top" "$out/c.top" || fail "--expand: other figures"
"$P" info --json "$out/exp.prof" | /usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
sys.exit(0 if d["samples"] == d["counted_samples"] else 1)' ||
	fail "--expand wrote counts other than 1"
"$P" info --json "$out/c.prof" | /usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
sys.exit(0 if d["samples"] < d["counted_samples"] else 1)' ||
	fail "merged records carry no counts"
exit 0
