#!/bin/sh
# Input that is neither a vmprof log nor folded stacks: one line, exit 3,
# saying both formats were tried and what the input looks like; info on
# folded stacks names them with their counts, not "version 0".
. tests/cli/lib.sh
out=$TESTS_OUT/t0812
mkdir -p "$out"

# kind_is FILE WORDS: info FILE fails with exit 3 in one line naming both
# formats and WORDS
kind_is() {
	expect_exit 3 "$PROFVIEW" info "$1" 2>"$out/err" >/dev/null
	[ "$(wc -l <"$out/err")" = 1 ] || fail "$1: not one line: $(cat "$out/err")"
	grep -q "offset 0: not a vmprof log (.*) nor folded stacks: .*$2" \
		"$out/err" || fail "$1: want '$2': $(cat "$out/err")"
}

kind_is "$PROFVIEW" "it looks like an ELF file"
kind_is samples/cpython-x86_64/libcburn.so "an ELF file"
"$PROFVIEW" flame --format png -o "$out/img.png" \
	samples/cpython-x86_64/lineloop.prof || fail "png"
kind_is "$out/img.png" "it looks like a PNG image"
kind_is samples/cpython-x86_64/cburn.c "text that is not folded stacks"
"$PROFVIEW" top --json samples/cpython-x86_64/lineloop.prof >"$out/top.json" ||
	fail "json"
kind_is "$out/top.json" "it looks like JSON"
gzip -c samples/cpython-x86_64/cburn.c >"$out/text.gz"
kind_is "$out/text.gz" "gzip data that holds no log but text"
zstd -q -c samples/cpython-x86_64/libcburn.so >"$out/elf.zst"
kind_is "$out/elf.zst" "zstd data that holds no log but an ELF file"

# folded stacks: named as such with their lines and samples
printf 'main;f;g 5\nmain;h 3\n# a comment\nmain 2\n' >"$out/f.folded"
"$PROFVIEW" info "$out/f.folded" >"$out/info" || fail "info folded"
grep -q "^  format       folded stacks: 3 lines, 10 samples" "$out/info" ||
	fail "folded info: $(cat "$out/info")"
grep -q "version 0" "$out/info" && fail "version 0: $(cat "$out/info")"
"$PROFVIEW" info --json "$out/f.folded" >"$out/info.json" || fail "json"
grep -q '"format":"folded stacks","folded_lines":3' "$out/info.json" ||
	fail "folded json: $(cat "$out/info.json")"
"$PROFVIEW" info samples/cpython-x86_64/lineloop.prof >"$out/log" || fail "log"
grep -q "^  format       version [1-9]" "$out/log" || fail "log: $(cat "$out/log")"
exit 0
