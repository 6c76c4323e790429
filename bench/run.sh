#!/bin/sh
# Runs every benchmark script bench/bNN-*.sh in order; each prints its figures.
# BUILD (build dir) and PROFVIEW are passed on, and BENCH_OUT: one
# temporary directory for the large inputs of every script (removed at the
# end; BENCH_KEEP=DIR keeps them in DIR instead, see bench/lib.sh).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
: "${BUILD:=build/rel}"
PROFVIEW=${PROFVIEW:-$top/$BUILD/profview}
export BUILD PROFVIEW TOP="$top"
. "$top/bench/lib.sh"
for b in "$top"/bench/b[0-9]*.sh; do
	[ -f "$b" ] || continue
	echo "== $(basename "$b")"
	sh "$b" || echo "(benchmark $(basename "$b") failed)"
done
