#!/bin/sh
# debuginfod's cache: `profview symbolize --list` on a log naming every
# function of a stripped library with libpython-sized DWARF (b80's
# binary), its debug file found (a) locally under --debug-dir, (b) from a
# debuginfod server started here on a loopback port, first run (download)
# and later runs (libdebuginfod's cache).  Prints the seconds of each
# (best of 5 for (a) and the cached runs, taken in turns) and cached /
# local, which should be at most 1.2: a cached debug file costs what a
# local one does.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
build=${BUILD:-build/rel}
P=${PROFVIEW:-$top/$build/profview}
sym=$BENCH_OUT/symbolize
out=$BENCH_OUT/debuginfod
lib=$sym/libbig.so
unset DEBUGINFOD_URLS

if [ ! -f "$lib" ]; then
	echo "building the benchmark binary (once; about a minute)..."
	rm -rf "$sym"
	sh "$top/tests/symbolizer/gen-src.sh" "$sym" 30 110 1 250
	jobs=$(nproc 2>/dev/null || echo 2)
	(cd "$sym" && ls gen*.c | xargs -P "$jobs" -I{} \
		gcc -g -O2 -fPIC -c {} && gcc -shared -o libbig.so gen*.o)
fi
rm -rf "$out"
mkdir -p "$out/bin" "$out/srv"
id=$(readelf -n "$lib" | awk '/Build ID:/ { print $3 }')
[ -n "$id" ] || { echo "b85: $lib has no build id"; exit 1; }
dbg=$out/debug/.build-id/$(echo "$id" | cut -c1-2)
mkdir -p "$dbg"
objcopy --only-keep-debug "$lib" "$dbg/$(echo "$id" | cut -c3-).debug"
cp "$dbg/$(echo "$id" | cut -c3-).debug" "$out/srv/libbig.so.debug"
objcopy --strip-all "$lib" "$out/bin/libbig.so"
nm --defined-only "$lib" >"$out/nm.txt"
python3 "$top/tests/cli/mk_native_log.py" "$out/r.prof" 7f0000000000 \
	"$out/nm.txt"
MOD="--module $out/bin/libbig.so@7f0000000000"
echo "binary: $lib ($(wc -l <"$out/r.prof.want") functions in the log)," \
	"debug file $(wc -c <"$out/srv/libbig.so.debug") bytes"

# seconds of one run of the command
once() {
	python3 - "$@" <<'PY'
import subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL)
print("%.3f" % (time.perf_counter() - t))
PY
}
min() { printf '%s\n' "$@" | sort -n | head -n 1; }

port=$(python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
debuginfod -F -p "$port" -d "$out/db.sqlite" -t 0 -g 0 "$out/srv" \
	>"$out/server.log" 2>&1 &
server=$!
bench_at_exit 'kill $server 2>/dev/null; wait $server 2>/dev/null'
i=0
until python3 -c 'import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=2).read(1)' \
	"$url/buildid/$id/debuginfo" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -ge 120 ]; then
		echo "b85: debuginfod did not index the debug file"
		exit 1
	fi
	sleep 0.5
done

export DEBUGINFOD_CACHE_PATH="$out/cache"
first_s=$(once "$P" symbolize --list "$out/r.prof" $MOD --debuginfod "$url")
# local and cached runs alternate (best of 5 each), so that a change in
# the machine's load hits both alike
l= c=
for i in 1 2 3 4 5; do
	l="$l $(once "$P" symbolize --offline --list "$out/r.prof" $MOD \
		--debug-dir "$out/debug")"
	c="$c $(once "$P" symbolize --list "$out/r.prof" $MOD \
		--debuginfod "$url")"
done
local_s=$(min $l)
second_s=$(min $c)
# the answers are the same
"$P" symbolize --quiet --offline --list "$out/r.prof" $MOD \
	--debug-dir "$out/debug" >"$out/local.txt"
"$P" symbolize --quiet --list "$out/r.prof" $MOD --debuginfod "$url" \
	>"$out/cached.txt"
cmp -s "$out/local.txt" "$out/cached.txt" ||
	{ echo "b85: local and debuginfod answers differ"; exit 1; }
python3 - "$local_s" "$first_s" "$second_s" <<'PY'
import sys
local, first, second = map(float, sys.argv[1:4])
ratio = second / local
print("local debug file: %.3f s; debuginfod first run: %.3f s, "
      "second run (cache): %.3f s" % (local, first, second))
print("second / local: %.2fx (goal <= 1.2x): %s"
      % (ratio, "OK" if ratio <= 1.2 else "OVER"))
PY
