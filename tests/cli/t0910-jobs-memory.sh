#!/bin/sh
# Many logs and many samples: -j N gives the same bytes for every N (views,
# warnings, errors); views that need no time order give the same figures
# aggregated as in time order; and info/top do not keep a row per sample.
. tests/cli/lib.sh

out=$TESTS_OUT/t0901
mkdir -p "$out"
logs=$(ls samples/*/*.prof samples/*/*.prof.gz samples/*/*.prof.zst \
	2>/dev/null)
[ -n "$logs" ] || fail "no sample logs"
# every log three times over: 60-odd logs, damaged ones included
set -- $logs $logs $logs
[ $# -gt 40 ] || fail "only $# logs"

for cmd in top tree flame fold "top --group-by log" "tree --json" \
	   "export --format vmprof-web" "export --format pprof" \
	   "export --format callgrind" "peek ."; do
	for j in 1 2 3; do
		$PROFVIEW $cmd -j $j "$@" >"$out/o.$j" 2>"$out/e.$j" ||
			fail "$cmd -j $j exited $?"
	done
	for j in 2 3; do
		cmp -s "$out/o.1" "$out/o.$j" ||
			fail "$cmd: -j 1 and -j $j print different output"
		cmp -s "$out/e.1" "$out/e.$j" ||
			fail "$cmd: -j 1 and -j $j print different warnings"
	done
	[ -s "$out/o.1" ] || fail "$cmd printed nothing"
done
grep -q 'warning' "$out/e.1" || fail "no warning from the damaged logs"

# one big folded-stacks file is read by two threads (one parses batches of
# lines, the other builds stacks): the same bytes for every N.  Made from
# the sample logs' own stacks, 24 times over under a few different roots,
# out of order, with repeats, comments, blank, CRLF and bad lines, so it
# spans many batches of lines.
$PROFVIEW fold $logs >"$out/base.folded" 2>/dev/null ||
	fail "fold of the sample logs failed"
awk 'NR == FNR { line[n++] = $0; next }
     END {
	for (r = 0; r < 24; r++)
		for (i = 0; i < n; i++) {
			k = (i * 7919 + r * 104729) % n
			printf "root%d;%s\n", (r * 5 + k) % 3, line[k]
			if (k % 97 == 0) print "# a comment"
			if (k % 89 == 0) print ""
			if (k % 83 == 0) print "no count here"
			if (k % 79 == 0) printf "root1;%s\r\n", line[k]
		}
     }' "$out/base.folded" /dev/null >"$out/big.folded"
[ "$(wc -l <"$out/big.folded")" -gt 9000 ] ||
	fail "the folded file has only $(wc -l <"$out/big.folded") lines"
for cmd in fold tree flame "top --csv" info; do
	for j in 1 2 3; do
		$PROFVIEW $cmd -j $j "$out/big.folded" >"$out/f.$j" \
			2>"$out/fe.$j" || fail "folded $cmd -j $j exited $?"
	done
	for j in 2 3; do
		cmp -s "$out/f.1" "$out/f.$j" ||
			fail "folded $cmd: -j 1 and -j $j print different output"
		cmp -s "$out/fe.1" "$out/fe.$j" ||
			fail "folded $cmd: -j 1 and -j $j warn differently"
	done
done
grep -q 'lines without a trailing sample count were skipped' "$out/fe.1" ||
	fail "no warning for the folded file's bad lines"
total=$(awk '/^#/ || NF < 2 { next } { sub(/\r$/, "")
	if ($NF ~ /^[0-9]+$/) s += $NF } END { print s }' "$out/big.folded")
grep -q "^  samples *$total\$" "$out/f.1" ||
	fail "folded info does not count the $total samples of the file"
# the same stacks in order and out of order make the same profile
grep '^root' "$out/big.folded" | sort >"$out/sorted.folded"
$PROFVIEW fold -j 2 "$out/sorted.folded" | sort >"$out/fs.2"
$PROFVIEW fold -j 1 "$out/big.folded" 2>/dev/null | sort >"$out/fs.1"
cmp -s "$out/fs.1" "$out/fs.2" || fail "sorted and shuffled input differ"

# a missing file in the middle: the same message and status for any N
for j in 1 2; do
	$PROFVIEW top -j $j $logs "$out/missing.prof" $logs \
		>/dev/null 2>"$out/err.$j"
	echo $? >>"$out/err.$j"
done
cmp -s "$out/err.1" "$out/err.2" || fail "-j 1 and -j 2 fail differently"
grep -q 'missing.prof: cannot open' "$out/err.1" ||
	fail "no message for the missing log"
[ "$(tail -n 1 "$out/err.1")" = 3 ] || fail "missing log: not exit 3"

# bad -j values are usage errors
expect_exit 2 $PROFVIEW top -j 0 $logs 2>/dev/null
expect_exit 2 $PROFVIEW top --jobs x $logs 2>/dev/null
expect_exit 2 $PROFVIEW top -j 1.5 $logs 2>/dev/null

# agg_vs_ord WHAT CMD LOG...: CMD aggregated (the default for these views)
# and in time order (forced by a --to that keeps every sample) exit alike
# and print the same bytes
agg_vs_ord() {
	what=$1 cmd=$2
	shift 2
	$PROFVIEW $cmd "$@" >"$out/agg" 2>/dev/null
	a=$?
	$PROFVIEW $cmd --to 1000000000 "$@" >"$out/ord" 2>/dev/null
	b=$?
	[ $a = $b ] || fail "$cmd $what: exit $a aggregated, $b in order"
	cmp -s "$out/agg" "$out/ord" ||
		fail "$cmd $what: aggregated and time-order output differ"
}

# the same figures on every log
for f in $(all_logs); do
	for cmd in top tree fold "lines --json" "top --group-by thread"; do
		agg_vs_ord "$f" "$cmd" "$f"
	done
done

# the same over many logs at once: aggregated, the views give the threads
# of different logs with the same id and period one row (pool_threads),
# in time order each log keeps its own; the figures must not change.  The
# logs have one to several threads; two are rewritten to a 3 ms period, so
# their samples weigh three times the others' (a thread row shared across
# periods would weigh them wrong).
for f in pypy-x86_64/recursion cpython-x86_64/threads; do
	/usr/bin/python3 - "samples/$f.prof" "$out/${f%%/*}-3ms.prof" <<'PY' ||
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
struct.pack_into('<q', b, 24, 3000)   # header word 3: the period in us
open(sys.argv[2], 'wb').write(b)
PY
	fail "writing the 3 ms copy of $f"
done
set -- "$@" "$out/pypy-x86_64-3ms.prof" "$out/cpython-x86_64-3ms.prof" \
	"$out/cpython-x86_64-3ms.prof"
$PROFVIEW info "$out/cpython-x86_64-3ms.prof" | grep -q 'period *3000 us' ||
	fail "the 3 ms copy: $($PROFVIEW info "$out/cpython-x86_64-3ms.prof")"
for cmd in top tree fold "lines --json" "peek ." "top --by file --csv"; do
	agg_vs_ord "on $# logs" "$cmd" "$@"
done
# and per thread: fold --per-thread keeps them apart; without its thread
# frames it sums to the pooled fold
$PROFVIEW fold --per-thread "$@" 2>/dev/null |
	awk '{ n = $NF; sub(/ [0-9]+$/, ""); sub(/^[^;]*;/, "")
	       s[$0] += n } END { for (k in s) print k, s[k] }' |
	sort >"$out/pt"
$PROFVIEW fold "$@" 2>/dev/null | sort >"$out/pooled"
[ -s "$out/pooled" ] || fail "fold of $# logs printed nothing"
cmp -s "$out/pt" "$out/pooled" ||
	fail "fold --per-thread without thread frames differs from fold"

# info and top on 2M samples hold no more than on 3000: the rows are
# per distinct stack and thread (a row per sample would take 24 MB more)
for cmd in info top; do
	small=$(/usr/bin/python3 tests/cli/manysamples.py 3000 "$out/small" \
		$PROFVIEW $cmd) || fail "$cmd on 3000 samples failed"
	big=$(/usr/bin/python3 tests/cli/manysamples.py 2000000 "$out/big" \
		$PROFVIEW $cmd) || fail "$cmd on 2M samples failed"
	[ $((big - small)) -lt 8192 ] ||
		fail "$cmd: peak RSS $small KB on 3000 samples, $big KB on 2M"
done
/usr/bin/python3 tests/cli/manysamples.py 2000000 "$out/big" $PROFVIEW info \
	>/dev/null
grep -q '^  samples *2000000$' "$out/big" || fail "info does not count 2M"
grep -q '#1 0x7000 (1000000), #2 0x7100 (1000000)' "$out/big" ||
	fail "info's thread counts are not exact"
echo "ok"
