# Files a log makes profview read besides itself: lines' source files
# (named by the log, so untrusted) and --maps.  lines reads only Python
# source names, never climbs out of --source-dir (.., symlinks), never
# reads /proc, /sys, /dev, FIFOs or huge files, and reads nothing with
# --no-source; --maps takes only a regular file under a size cap, and a
# FIFO or device is refused at once.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/t0913
rm -rf "$O"
mkdir -p "$O/src/pkg" "$O/outside"
printf 'def x():\n    SECRET_TOKEN = 1\n' >"$O/outside/secret.py"
printf 'def fn_0():\n    APPCODE = 1\n' >"$O/src/pkg/app.py"
ln -s ../../outside/secret.py "$O/src/pkg/link.py"
mkfifo "$O/src/pkg/fifo.py"
head -c 17000000 /dev/zero | tr '\0' '\n' >"$O/src/pkg/big.py"
cp "$O/outside/secret.py" "$O/outside/abs.py"
/usr/bin/python3 tests/cli/hostile.py lines "$O/l.prof" pkg/app.py \
	../outside/secret.py pkg/../../outside/secret.py pkg/link.py \
	pkg/fifo.py pkg/big.py /proc/self/environ /dev/zero \
	"$O/outside/abs.py" || fail "hostile.py lines"

"$P" lines "$O/l.prof" 'fn_' --source-dir "$O/src" >"$O/out" 2>"$O/err" &
pid=$!
( sleep 20; kill $pid 2>/dev/null ) &
wait $pid
rc=$?
[ $rc = 0 ] || fail "lines exited $rc (a FIFO blocks?): $(cat "$O/err")"
grep -q APPCODE "$O/out" || fail "the source inside --source-dir was not read"
grep -q SECRET_TOKEN "$O/out" && fail "lines read a file outside --source-dir"
[ "$(grep -c '^(source not read' "$O/out")" = 8 ] ||
	fail "want 8 sources not read: $(grep '^fn_\|^(source' "$O/out")"
/usr/bin/python3 tests/cli/check_text_safe.py "$O/out" || fail "lines text"
# without --source-dir the recorded path is read (a Python file), but
# still no device, /proc file or FIFO
(cd "$O/src" && "$P" lines "$O/l.prof" 'fn_' --json) >"$O/out.json" 2>"$O/err" ||
	fail "lines --json: $(cat "$O/err")"
/usr/bin/python3 - "$O/out.json" "$O" <<'PY' || fail "lines --json sources"
import json, os, sys
d = json.load(open(sys.argv[1]))
src = {f["file"]: f["source"] for f in d["functions"]}
real = os.path.realpath(sys.argv[2])
assert src["pkg/app.py"] == real + "/src/pkg/app.py", src
assert src[real + "/outside/abs.py"] or src[sys.argv[2] + "/outside/abs.py"], src
for f in ("../outside/secret.py", "pkg/../../outside/secret.py",
          "pkg/fifo.py", "pkg/big.py", "/proc/self/environ", "/dev/zero"):
    assert src[f] is None, (f, src[f])
PY
# --no-source: counts only, no file read
"$P" lines "$O/l.prof" 'fn_0' --source-dir "$O/src" --no-source >"$O/out" ||
	fail "--no-source"
grep -q APPCODE "$O/out" && fail "--no-source read a file"
grep -q '^     2        3  100.0%' "$O/out" || fail "--no-source lost the counts"

# --maps: a device, FIFO, directory or huge file is refused, one line,
# exit 3, without blocking or reading forever
LOG=samples/cpython-x86_64/native_calls.prof
mkfifo "$O/maps.fifo"
head -c 70000000 /dev/zero | tr '\0' 'x' >"$O/big.maps"
for m in /dev/zero "$O/maps.fifo" "$O" "$O/big.maps"; do
	timeout 20 "$P" top "$LOG" --maps "$m" >/dev/null 2>"$O/err"
	rc=$?
	[ $rc = 3 ] || fail "--maps $m exited $rc: $(cat "$O/err")"
	[ "$(wc -l <"$O/err")" = 1 ] || fail "--maps $m: $(cat "$O/err")"
	grep -q "^profview: $m: cannot read: " "$O/err" || fail "--maps $m: $(cat "$O/err")"
done
rm -f "$O/big.maps" "$O/src/pkg/big.py"
echo ok
