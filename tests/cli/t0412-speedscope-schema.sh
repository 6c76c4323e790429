# export --format speedscope is valid for speedscope's own JSON Schema
# (file-format-schema.json from its npm package), checked by a real
# validator (Debian's python3-jsonschema): every log (samples/, and the
# corpus when present), several logs merged, an aggregate log written by
# `merge`, folded stacks, and a filtered and a per-log-named export.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/t0412
rm -rf "$O"
mkdir -p "$O"
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null ||
	need_tool "python3-jsonschema missing"
npm_tool speedscope || need_tool "cannot install speedscope from npm"
schema=tests/browser/node_modules/speedscope/dist/release/file-format-schema.json
[ -s "$schema" ] || fail "speedscope's package has no $schema"

n=0
# ss WHAT ARGS...: one speedscope export into $O/sN.json
ss() {
	what=$1; shift
	n=$((n + 1))
	"$P" export --format speedscope --quiet "$@" -o "$O/s$n.json" ||
		fail "speedscope of $what"
}
for log in $(all_logs); do
	ss "$log" "$log"
done
ss "merged logs" samples/cpython-x86_64/threads.prof \
	samples/pypy-x86_64/threads.prof samples/cpython-s390x/recursion.prof
"$P" merge samples/cpython-x86_64/threads.prof \
	samples/cpython-x86_64/recursion.prof -o "$O/agg.prof" || fail "merge"
ss "an aggregate log" "$O/agg.prof"
ss "an aggregate and a log" "$O/agg.prof" samples/cpython-x86_64/lineloop.prof
"$P" fold samples/pypy-x86_64/recursion.prof >"$O/r.folded" || fail "fold"
ss "folded stacks" "$O/r.folded"
ss "filters" --focus fib --from 10% samples/pypy-x86_64/recursion.prof
[ "$n" -gt 8 ] || fail "only $n exports"
# shellcheck disable=SC2046
/usr/bin/python3 tests/cli/check_speedscope_schema.py "$schema" \
	$(i=1; while [ $i -le $n ]; do echo "$O/s$i.json"; i=$((i + 1)); done) ||
	fail "a speedscope export is not valid for speedscope's schema"
