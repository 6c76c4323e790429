#!/bin/sh
# Runs every benchmark script bench/bNN-*.sh in order; each prints its figures.
# BUILD (build dir) and PROFVIEW are passed on.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
: "${BUILD:=build/rel}"
PROFVIEW=${PROFVIEW:-$top/$BUILD/profview}
export BUILD PROFVIEW TOP="$top"
mkdir -p "$top/bench/out"
for b in "$top"/bench/b[0-9]*.sh; do
	[ -f "$b" ] || continue
	echo "== $(basename "$b")"
	sh "$b" || echo "(benchmark $(basename "$b") failed)"
done
