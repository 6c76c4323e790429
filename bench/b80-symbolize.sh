#!/bin/sh
# Symbolizer throughput: 100k random .text addresses in a binary with
# libpython-sized DWARF (about 2 MB of text, 9 MB of DWARF; generated and
# built once with gcc -g -O2 in BENCH_OUT, see bench/lib.sh), timed in the same run as
# `addr2line -i -f -C -e BIN` and `llvm-symbolizer --inlines` fed the same
# addresses.  Prints addresses/s for each.
set -eu
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top/bench/lib.sh"
build=${BUILD:-build/rel}
drv=$top/$build/bench/bench_symbolize
out=$BENCH_OUT/symbolize
lib=$out/libbig.so
n=${PV_BENCH_ADDRS:-100000}

if [ ! -x "$drv" ]; then
	echo "b-symbolize: $drv is not built (make $build/bench/bench_symbolize)"
	exit 1
fi
if [ ! -f "$lib" ]; then
	echo "building the benchmark binary (once; about a minute)..."
	rm -rf "$out"
	sh "$top/tests/symbolizer/gen-src.sh" "$out" 30 110 1 250
	jobs=$(nproc 2>/dev/null || echo 2)
	(cd "$out" && ls gen*.c | xargs -P "$jobs" -I{} \
		gcc -g -O2 -fPIC -c {} && gcc -shared -o libbig.so gen*.o)
fi
text=$(size -A "$lib" | awk '$1 == ".text" { print $2 }')
dwarf=$(size -A "$lib" | awk '$1 ~ /^\.debug/ { s += $2 } END { print s }')
echo "binary: $lib, .text $text bytes, DWARF $dwarf bytes"
"$drv" "$lib" "$n" 1
