# symbolize when the debuginfod server is down or never answers: two
# stripped libraries need their debug files; the run still finishes,
# names what the symbol tables name, and says so in exactly one warning.
# A server that accepts connections and stays silent costs a bounded wait
# (DEBUGINFOD_TIMEOUT seconds, then no more requests), not curl's 90 s
# per library and retry.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/sym-debuginfod-down
rm -rf "$O"
mkdir -p "$O/a" "$O/b" "$O/bin"
for t in gcc objcopy nm; do
	command -v $t >/dev/null || fail "$t missing (make test installs it)"
done
for m in a b; do
	seed=$([ $m = a ] && echo 3 || echo 4)
	sh tests/symbolizer/gen-src.sh "$O/$m" 1 9 $seed
	gcc -g -O2 -shared -fPIC -o "$O/$m/full.so" "$O/$m/gen0.c" ||
		fail "build $m"
	nm --defined-only "$O/$m/full.so" >"$O/$m/nm.txt"
	objcopy --strip-all "$O/$m/full.so" "$O/bin/lib$m.so"
done
python3 tests/cli/mk_native_log.py "$O/r.prof" 7f0000000000 "$O/a/nm.txt" \
	7f1000000000 "$O/b/nm.txt"
MOD="--module $O/bin/liba.so@7f0000000000 --module $O/bin/libb.so@7f1000000000"
export DEBUGINFOD_CACHE_PATH="$O/cache"
unset DEBUGINFOD_URLS

free_port() {
	python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# nothing listens: refused at once
DEAD=$(free_port)
"$P" symbolize --list "$O/r.prof" $MOD --debuginfod "http://127.0.0.1:$DEAD" \
	>"$O/l1.txt" 2>"$O/err1" || fail "refused: $(cat "$O/err1")"
python3 tests/cli/check_names.py "$O/r.prof.want" "$O/l1.txt" exported ||
	fail "refused: names"
[ "$(grep -c "warning: debuginfod" "$O/err1")" = 1 ] ||
	fail "refused: not one warning: $(cat "$O/err1")"

# no usable libdebuginfod (it is loaded only when a server is to be asked):
# a library of that name without its functions stands in for a broken
# install; the run goes on with one warning, like a server that is down
mkdir -p "$O/nolib"
echo 'int profview_not_debuginfod;' >"$O/nolib/x.c"
gcc -shared -fPIC -o "$O/nolib/libdebuginfod.so.1" "$O/nolib/x.c" ||
	fail "build the stand-in library"
LD_LIBRARY_PATH="$O/nolib" "$P" symbolize --list "$O/r.prof" $MOD \
	--debuginfod "http://127.0.0.1:$DEAD" >"$O/l0.txt" 2>"$O/err0" ||
	fail "no library: $(cat "$O/err0")"
python3 tests/cli/check_names.py "$O/r.prof.want" "$O/l0.txt" exported ||
	fail "no library: names"
[ "$(grep -c "warning: debuginfod: libdebuginfod.so.1 lacks" "$O/err0")" = 1 ] ||
	fail "no library: not one warning: $(cat "$O/err0")"

# a server that accepts and never answers
SILENT=$(free_port)
python3 - "$SILENT" "$O/ready" <<'PY' &
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(16)
open(sys.argv[2], "w").close()
held = []
while True:
    c, _ = s.accept()
    held.append(c)          # read nothing, answer nothing
PY
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT INT TERM
i=0
until [ -e "$O/ready" ]; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "silent server did not start"
	sleep 0.1
done
t0=$(date +%s)
DEBUGINFOD_TIMEOUT=2 DEBUGINFOD_URLS="http://127.0.0.1:$SILENT" \
	"$P" symbolize --list "$O/r.prof" $MOD >"$O/l2.txt" 2>"$O/err2" ||
	fail "silent: $(cat "$O/err2")"
t1=$(date +%s)
echo "silent server: $((t1 - t0)) s"
python3 tests/cli/check_names.py "$O/r.prof.want" "$O/l2.txt" exported ||
	fail "silent: names"
[ "$(grep -c "warning: debuginfod" "$O/err2")" = 1 ] ||
	fail "silent: not one warning: $(cat "$O/err2")"
grep -q "no answer from http://127.0.0.1:$SILENT within 2 s" "$O/err2" ||
	fail "silent: $(cat "$O/err2")"
# one bounded wait of 2 s (plus start-up), not one per library
[ $((t1 - t0)) -le 6 ] || fail "silent: took $((t1 - t0)) s"
exit 0
