# symbolize a library built with -gsplit-dwarf: the functions get their
# files and lines from the .dwo files, then, once those are packed by
# llvm-dwp and removed, from BINARY.dwp; --verbose counts the split units
# found and where.  (tests/unit/test_symbolizer_reach.c compares every
# inline level with a build without split DWARF.)
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/sym-split
rm -rf "$O"
mkdir -p "$O"
CLANG=$(command -v clang || command -v clang-14) ||
	fail "clang missing (make test installs it)"
DWP=$(command -v llvm-dwp || command -v llvm-dwp-14) ||
	fail "llvm-dwp missing (make test installs it)"
command -v nm >/dev/null || fail "nm missing (make test installs it)"
unset DEBUGINFOD_URLS

sh tests/symbolizer/gen-src.sh "$O" 2 8 9
(cd "$O" && "$CLANG" -g -O2 -gsplit-dwarf -fPIC -c gen0.c gen1.c &&
	"$CLANG" -shared -o libsplit.so gen0.o gen1.o) || fail "build"
[ -f "$O/gen0.dwo" ] || fail "no .dwo written"
nm --defined-only "$O/libsplit.so" >"$O/nm.txt"
python3 tests/cli/mk_native_log.py "$O/r.prof" 7f0000000000 "$O/nm.txt"
MOD="--module $O/libsplit.so@7f0000000000"

"$P" symbolize --verbose --list "$O/r.prof" $MOD >"$O/dwo.txt" \
	2>"$O/dwo.err" || fail "dwo: $(cat "$O/dwo.err")"
python3 tests/cli/check_names.py "$O/r.prof.want" "$O/dwo.txt" dwarf ||
	fail "names from the .dwo files"
grep -q "split DWARF: 2 of 2 units found (0 from the .dwp)" "$O/dwo.err" ||
	fail "dwo --verbose: $(cat "$O/dwo.err")"

(cd "$O" && "$DWP" -o libsplit.so.dwp gen0.dwo gen1.dwo &&
	rm gen0.dwo gen1.dwo) || fail "llvm-dwp"
"$P" symbolize --verbose --list "$O/r.prof" $MOD >"$O/dwp.txt" \
	2>"$O/dwp.err" || fail "dwp: $(cat "$O/dwp.err")"
cmp -s "$O/dwo.txt" "$O/dwp.txt" || fail "the .dwp names otherwise"
grep -q "split DWARF: 2 of 2 units found (2 from the .dwp)" "$O/dwp.err" ||
	fail "dwp --verbose: $(cat "$O/dwp.err")"

# neither: the line tables stay (in the binary), names from the symbols
mv "$O/libsplit.so.dwp" "$O/away.dwp"
"$P" symbolize --verbose --list "$O/r.prof" $MOD >"$O/none.txt" \
	2>"$O/none.err" || fail "none: $(cat "$O/none.err")"
grep -q "split DWARF: 0 of 2 units found" "$O/none.err" ||
	fail "none --verbose: $(cat "$O/none.err")"
exit 0
