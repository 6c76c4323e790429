# symbolize: the copy of a native-mode CPython log reads with the same
# samples and more native symbols, names in views without --maps exactly
# what --maps gives on the original, keeps every original byte (checked
# by an independent parser), and wins under vmprof's duplicate-key rule.
# Compressed, standard-input, in-place, cut-off and repeated runs.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/sym
S=samples/cpython-x86_64
LOG=$S/native_calls.prof
SYM="--maps $S/native_calls.maps --search-dir $S"
mkdir -p "$O"

"$P" symbolize $LOG $SYM -o "$O/c.prof" 2>"$O/err" || fail "symbolize"
grep -q "records added" "$O/err" || fail "no summary: $(cat "$O/err")"
python3 tests/cli/check_symbolized.py $LOG "$O/c.prof" "$O/new.json" ||
	fail "byte-level check of the copy"

# info: same samples and code names, more native symbols
"$P" info --json $LOG >"$O/i0.json" || fail "info original"
"$P" info --json "$O/c.prof" >"$O/i1.json" || fail "info copy"
python3 - "$O" <<'PY' || fail "info of the copy"
import json, sys
o = sys.argv[1]
a = json.load(open(o + "/i0.json")); b = json.load(open(o + "/i1.json"))
new = json.load(open(o + "/new.json"))
for k in ("samples", "symbols", "threads", "version", "trailer",
          "start_time", "end_time", "word_size", "byte_order"):
    assert a[k] == b[k], (k, a[k], b[k])
assert b["native_symbols"] == a["native_symbols"] + len(new), \
    (a["native_symbols"], b["native_symbols"], len(new))
assert b["bytes"] > a["bytes"] and not b["truncated"]
PY

# views: the copy without --maps names what --maps names on the original
"$P" top --limit 0 --quiet "$O/c.prof" >"$O/top1" || fail "top copy"
"$P" top --limit 0 --quiet $LOG $SYM >"$O/top0" || fail "top --maps"
cmp -s "$O/top0" "$O/top1" || {
	diff "$O/top0" "$O/top1"; fail "top differs on the copy"; }
for f in cb_middle cb_leaf_float cburn_float cburn_callback; do
	grep -q " $f  *[^ ]*cburn.c:" "$O/top1" || fail "$f not named in the copy"
done
"$P" top --limit 0 --quiet $LOG >"$O/top-raw" || fail "top original"
! grep -qF "cburn.c:" "$O/top-raw" || fail "the original already had file:line"
"$P" tree --quiet "$O/c.prof" >"$O/tree1" || fail "tree copy"
"$P" tree --quiet $LOG $SYM >"$O/tree0" || fail "tree --maps"
cmp -s "$O/tree0" "$O/tree1" || fail "tree differs on the copy"

# the listed records are the written ones
"$P" symbolize --quiet --list $LOG $SYM >"$O/list" || fail "--list"
python3 - "$O" <<'PY' || fail "--list disagrees with the copy"
import json, sys
o = sys.argv[1]
new = json.load(open(o + "/new.json"))
got = dict(l.rstrip("\n").split("\t", 1) for l in open(o + "/list"))
assert got == new, (got, new)
PY

# gzip and zstd input: written out decompressed, the same bytes
gzip -c $LOG >"$O/in.prof.gz"
"$P" symbolize "$O/in.prof.gz" $SYM -o "$O/gz.prof" 2>"$O/err" ||
	fail "symbolize gzip"
grep -q "gzip-compressed; the copy is written uncompressed" "$O/err" ||
	fail "no note on decompression"
cmp -s "$O/c.prof" "$O/gz.prof" || fail "gzip input gives other bytes"
if command -v zstd >/dev/null; then
	zstd -q -c $LOG >"$O/in.prof.zst"
	"$P" symbolize --quiet "$O/in.prof.zst" $SYM >"$O/zst.prof" ||
		fail "symbolize zstd to stdout"
	cmp -s "$O/c.prof" "$O/zst.prof" || fail "zstd input gives other bytes"
fi
# standard input, standard output
cat $LOG | "$P" symbolize --quiet - $SYM >"$O/stdin.prof" ||
	fail "symbolize from stdin"
cmp -s "$O/c.prof" "$O/stdin.prof" || fail "stdin gives other bytes"
# in place: OUT is LOG
cp $LOG "$O/inplace.prof"
"$P" symbolize --quiet "$O/inplace.prof" $SYM -o "$O/inplace.prof" ||
	fail "symbolize in place"
cmp -s "$O/c.prof" "$O/inplace.prof" || fail "in place gives other bytes"
# a second run adds nothing: the copy already names everything so
"$P" symbolize "$O/c.prof" $SYM -o "$O/c2.prof" 2>"$O/err" ||
	fail "symbolize the copy"
grep -q "; 0 records added" "$O/err" || fail "second run: $(cat "$O/err")"
cmp -s "$O/c.prof" "$O/c2.prof" || fail "second run changed the copy"

# cut off: no trailer, the last record torn; records go after the last
# whole record and the torn bytes are dropped
python3 - $LOG "$O/cut.prof" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(d[:len(d) * 2 // 3])
PY
"$P" symbolize "$O/cut.prof" $SYM -o "$O/cut-c.prof" 2>"$O/err" ||
	fail "symbolize cut log"
grep -q "no trailer: records appended after the last whole record" \
	"$O/err" || fail "no note on the missing trailer: $(cat "$O/err")"
python3 tests/cli/check_symbolized.py "$O/cut.prof" "$O/cut-c.prof" ||
	fail "byte-level check of the cut copy"
"$P" info --json --quiet "$O/cut.prof" >"$O/i0.json"
"$P" info --json --quiet "$O/cut-c.prof" >"$O/i1.json"
python3 - "$O" <<'PY' || fail "cut copy"
import json, sys
o = sys.argv[1]
a = json.load(open(o + "/i0.json")); b = json.load(open(o + "/i1.json"))
assert a["truncated"] and not b["truncated"], (a["truncated"], b["truncated"])
assert a["samples"] == b["samples"] and not b["trailer"]
PY
"$P" top --limit 0 --quiet "$O/cut-c.prof" >"$O/top1"
"$P" top --limit 0 --quiet "$O/cut.prof" $SYM >"$O/top0"
cmp -s "$O/top0" "$O/top1" || fail "top differs on the cut copy"

# usage and input errors
expect_exit 2 "$P" symbolize $LOG -o "$O/x.prof" 2>/dev/null
expect_exit 2 "$P" symbolize $LOG $LOG $SYM -o "$O/x.prof" 2>/dev/null
expect_exit 2 "$P" symbolize $SYM -o "$O/x.prof" 2>/dev/null
expect_exit 3 "$P" symbolize "$O/missing.prof" $SYM -o "$O/x.prof" 2>/dev/null
printf 'a;b;c 3\n' >"$O/folded.txt"
expect_exit 3 "$P" symbolize "$O/folded.txt" $SYM -o "$O/x.prof" 2>/dev/null
[ ! -e "$O/x.prof" ] || fail "a failed run left an output file"
ls "$O"/x.prof.* >/dev/null 2>&1 && fail "a failed run left a temporary file"
"$P" symbolize --help | grep -q -- "--list" || fail "--help lacks --list"
"$P" symbolize --help | grep -q -- "--search-dir" || fail "--help lacks symbols"
exit 0
