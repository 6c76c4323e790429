# symbolize with debug files that dwz has shrunk (as Fedora's are): the
# strings and types two libraries share moved to a common file that each
# debug file names by build id (.gnu_debugaltlink).  Inlined functions
# are named from it; without it they are "??".  A debuginfod server
# (started here on a free loopback port) serves the three files, and the
# common one is fetched too: the views equal those with every file local.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/sym-debuginfod-dwz
rm -rf "$O"
mkdir -p "$O/srv" "$O/bin"
for t in gcc objcopy nm readelf dwz debuginfod; do
	command -v $t >/dev/null || fail "$t missing (make test installs it)"
done
export DEBUGINFOD_CACHE_PATH="$O/cache"
unset DEBUGINFOD_URLS

for m in a b; do
	sh tests/symbolizer/gen-src.sh "$O/$m" 1 10 $([ $m = a ] && echo 3 ||
		echo 4) 5
	gcc -g -O2 -shared -fPIC -o "$O/$m/full.so" "$O/$m/gen0.c" ||
		fail "build $m"
	nm -S --defined-only "$O/$m/full.so" >"$O/$m/nm.txt"
	objcopy --only-keep-debug "$O/$m/full.so" "$O/srv/lib$m.debug"
	objcopy --strip-all "$O/$m/full.so" "$O/bin/lib$m.so"
done
(cd "$O/srv" && dwz -m common.debug -M /usr/lib/debug/.dwz/common.debug \
	liba.debug libb.debug) || fail "dwz"
readelf -S "$O/srv/liba.debug" | grep -q gnu_debugaltlink ||
	fail "dwz left no .gnu_debugaltlink"
python3 tests/cli/mk_native_log.py "$O/r.prof" 7f0000000000 \
	"$O/a/nm.txt" 7f1000000000 "$O/b/nm.txt"
MOD="--module $O/bin/liba.so@7f0000000000 --module $O/bin/libb.so@7f1000000000"

# local: the debug files by build id, first without the common file
place() {
	id=$(readelf -n "$1" | awk '/Build ID:/ { print $3 }')
	[ -n "$id" ] || fail "$1: no build id"
	d=$O/debug/.build-id/$(echo $id | cut -c1-2)
	mkdir -p "$d"
	cp "$1" "$d/$(echo $id | cut -c3-).debug"
}
place "$O/srv/liba.debug"
place "$O/srv/libb.debug"
"$P" top --quiet --limit 0 "$O/r.prof" $MOD --debug-dir "$O/debug" \
	>"$O/top-noalt.txt" || fail "top without the common file"
grep -q "??" "$O/top-noalt.txt" ||
	fail "no inlined name needs the common file: the test proves nothing"
place "$O/srv/common.debug"
"$P" top --quiet --limit 0 "$O/r.prof" $MOD --debug-dir "$O/debug" \
	>"$O/top-local.txt" || fail "top local"
grep -q "??" "$O/top-local.txt" && fail "local: $(cat "$O/top-local.txt")"

PORT=$(python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
debuginfod -F -p "$PORT" -d "$O/db.sqlite" -t 0 -g 0 "$O/srv" \
	>"$O/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT INT TERM
COMMON=$(readelf -n "$O/srv/common.debug" | awk '/Build ID:/ { print $3 }')
i=0
until python3 -c 'import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=2).read(1)' \
	"$URL/buildid/$COMMON/debuginfo" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 60 ] || { cat "$O/server.log"; fail "server not ready"; }
	kill -0 $SERVER 2>/dev/null ||
		{ cat "$O/server.log"; fail "server died"; }
	sleep 0.5
done

"$P" top --quiet --limit 0 "$O/r.prof" $MOD --debuginfod "$URL" \
	>"$O/top-dfd.txt" || fail "top with debuginfod"
cmp -s "$O/top-local.txt" "$O/top-dfd.txt" || {
	diff "$O/top-local.txt" "$O/top-dfd.txt"
	fail "debuginfod differs from local"; }
[ -e "$O/cache/$COMMON/debuginfo" ] || fail "the common file was not fetched"
exit 0
