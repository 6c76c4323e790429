# symbolize a stripped library that carries MiniDebugInfo, made the way
# Fedora's find-debuginfo makes it: the symbols .dynsym lacks (the static
# functions), kept from the debug file, xz-compressed into .gnu_debugdata.
# Without it the static functions stay [libmini.so+0x...]; with it every
# function is named (no file or line: there is no DWARF), --verbose says
# MiniDebugInfo, and a damaged stream is one warning.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/sym-minidebuginfo
rm -rf "$O"
mkdir -p "$O/src" "$O/bin"
for t in gcc objcopy nm xz; do
	command -v $t >/dev/null || fail "$t missing (make test installs it)"
done
unset DEBUGINFOD_URLS

sh tests/symbolizer/gen-src.sh "$O/src" 1 15 8
gcc -g -O2 -shared -fPIC -o "$O/full.so" "$O/src/gen0.c" || fail "build"
nm --defined-only "$O/full.so" >"$O/nm.txt"
python3 tests/cli/mk_native_log.py "$O/r.prof" 7f0000000000 "$O/nm.txt"

# find-debuginfo's add_minidebug step
cd "$O"
objcopy --only-keep-debug full.so full.debug
nm -D full.so --format=posix --defined-only | awk '{ print $1 }' |
	sort >dynsyms
nm full.debug --format=posix --defined-only |
	awk '{ if ($2 == "T" || $2 == "t" || $2 == "D") print $1 }' |
	sort >funcsyms
comm -13 dynsyms funcsyms >keep_symbols
objcopy -S --remove-section .gdb_index --remove-section .comment \
	--keep-symbols=keep_symbols full.debug mini_debuginfo
xz mini_debuginfo
objcopy --strip-all full.so bin/libplain.so
objcopy --strip-all --add-section .gnu_debugdata=mini_debuginfo.xz \
	full.so bin/libmini.so
# a copy whose stream is cut short
head -c 100 mini_debuginfo.xz >cut.xz
objcopy --strip-all --add-section .gnu_debugdata=cut.xz full.so \
	bin/libcut.so
cd - >/dev/null
grep -q fn0_0 "$O/dynsyms" && fail "fn0_0 is exported: the test needs it static"

for lib in plain mini cut; do
	cp "$O/bin/lib$lib.so" "$O/bin/libx.so"
	"$P" symbolize --verbose --offline --list "$O/r.prof" \
		--module "$O/bin/libx.so@7f0000000000" >"$O/$lib.txt" \
		2>"$O/$lib.err" || fail "$lib: $(cat "$O/$lib.err")"
done
python3 tests/cli/check_names.py "$O/r.prof.want" "$O/plain.txt" exported ||
	fail "stripped without MiniDebugInfo"
grep -q "names from dynamic symbols only" "$O/plain.err" ||
	fail "plain --verbose: $(cat "$O/plain.err")"
python3 tests/cli/check_names.py "$O/r.prof.want" "$O/mini.txt" symtab ||
	fail "MiniDebugInfo"
grep -q "libx.so: names from MiniDebugInfo" "$O/mini.err" ||
	fail "mini --verbose: $(cat "$O/mini.err")"
grep -q "warning" "$O/mini.err" && fail "mini warned: $(cat "$O/mini.err")"
python3 tests/cli/check_names.py "$O/r.prof.want" "$O/cut.txt" exported ||
	fail "damaged MiniDebugInfo"
[ "$(grep -c "gnu_debugdata is not a whole xz stream" "$O/cut.err")" = 1 ] ||
	fail "damaged: $(cat "$O/cut.err")"
exit 0
