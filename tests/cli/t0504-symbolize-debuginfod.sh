# symbolize against debuginfod: a stripped library whose debug file only a
# debuginfod server (Debian's, started here on a free loopback port over a
# directory holding that debug file) has.  Offline, its static functions
# stay [libreach.so+0x...]; with --debuginfod they get names, lines and
# files, --verbose says so, and the answer lands in DEBUGINFOD_CACHE_PATH,
# so a second run needs no server.  --offline makes no request at all.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/sym-debuginfod
rm -rf "$O"
mkdir -p "$O/src" "$O/bin" "$O/srv"
for t in gcc objcopy nm readelf debuginfod; do
	command -v $t >/dev/null || fail "$t missing (make test installs it)"
done

sh tests/symbolizer/gen-src.sh "$O/src" 1 15 5
gcc -g -O2 -shared -fPIC -Wl,--build-id -o "$O/full.so" "$O/src/gen0.c" ||
	fail "build"
nm --defined-only "$O/full.so" >"$O/nm.txt"
objcopy --only-keep-debug "$O/full.so" "$O/srv/libreach.so.debug"
objcopy --strip-all "$O/full.so" "$O/bin/libreach.so"
python3 tests/cli/mk_native_log.py "$O/r.prof" 7f0000000000 "$O/nm.txt"
MOD="--module $O/bin/libreach.so@7f0000000000"
export DEBUGINFOD_CACHE_PATH="$O/cache"
unset DEBUGINFOD_URLS

# no server: exported names only
"$P" symbolize --quiet --list "$O/r.prof" $MOD >"$O/l0.txt" || fail "list"
python3 tests/cli/check_names.py "$O/r.prof.want" "$O/l0.txt" exported ||
	fail "without debuginfod"
# the same debug file found locally by build id: what debuginfod must match
BUILDID=$(readelf -n "$O/full.so" | awk '/Build ID:/ { print $3 }')
[ -n "$BUILDID" ] || fail "no build id"
D=$O/debug/.build-id/$(echo $BUILDID | cut -c1-2)
mkdir -p "$D"
cp "$O/srv/libreach.so.debug" "$D/$(echo $BUILDID | cut -c3-).debug"
"$P" symbolize --verbose --list "$O/r.prof" $MOD --debug-dir "$O/debug" \
	>"$O/local.txt" 2>"$O/local.err" || fail "local debug file"
python3 tests/cli/check_names.py "$O/r.prof.want" "$O/local.txt" dwarf ||
	fail "with the local debug file"
grep -q "libreach.so: names from local debug file ($D/" "$O/local.err" ||
	fail "local --verbose: $(cat "$O/local.err")"

PORT=$(python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
debuginfod -F -p "$PORT" -d "$O/db.sqlite" -t 0 -g 0 "$O/srv" \
	>"$O/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT INT TERM
# ready once the debug file is indexed (asked with a client of its own, so
# our cache starts empty)
i=0
until python3 -c 'import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=2).read(1)' \
	"$URL/buildid/$BUILDID/debuginfo" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 60 ] || { cat "$O/server.log"; fail "server not ready"; }
	kill -0 $SERVER 2>/dev/null ||
		{ cat "$O/server.log"; fail "server died"; }
	sleep 0.5
done

# --offline: not a single request, whatever DEBUGINFOD_URLS says
DEBUGINFOD_URLS=$URL "$P" symbolize --offline --quiet --list "$O/r.prof" \
	$MOD >"$O/l1.txt" || fail "offline list"
python3 tests/cli/check_names.py "$O/r.prof.want" "$O/l1.txt" exported ||
	fail "--offline"
[ ! -d "$O/cache" ] || [ -z "$(ls -A "$O/cache")" ] ||
	fail "--offline filled the cache: $(ls -R "$O/cache")"

# --debuginfod URL: every function with DWARF's file and line
"$P" symbolize --verbose --list "$O/r.prof" $MOD --debuginfod "$URL" \
	>"$O/l2.txt" 2>"$O/err2" || fail "debuginfod list: $(cat "$O/err2")"
python3 tests/cli/check_names.py "$O/r.prof.want" "$O/l2.txt" dwarf ||
	fail "with --debuginfod"
cmp -s "$O/local.txt" "$O/l2.txt" || fail "debuginfod and local differ"
grep -q "module $O/bin/libreach.so: names from debuginfod ($O/cache/" \
	"$O/err2" || fail "--verbose: $(cat "$O/err2")"
grep -q "warning\|debuginfod:" "$O/err2" && fail "warned: $(cat "$O/err2")"
# the same through DEBUGINFOD_URLS, in a view
DEBUGINFOD_URLS="$URL" "$P" top --quiet --limit 0 "$O/r.prof" $MOD \
	>"$O/top.txt" || fail "top"
grep -q " fn0_0  *[^ ]*gen0.c:" "$O/top.txt" ||
	fail "top: static fn0_0 not named: $(cat "$O/top.txt")"

# the cache: a second run with the server gone gives the same names
kill $SERVER
wait $SERVER 2>/dev/null
"$P" symbolize --quiet --list "$O/r.prof" $MOD --debuginfod "$URL" \
	>"$O/l3.txt" || fail "cached list"
cmp -s "$O/l2.txt" "$O/l3.txt" || fail "the cache did not serve the file"
# and usage
expect_exit 2 "$P" symbolize --list "$O/r.prof" $MOD --debuginfod \
	2>/dev/null
"$P" symbolize --help | grep -q -- "--debuginfod URL" ||
	fail "--help lacks --debuginfod"
exit 0
