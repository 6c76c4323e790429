#!/bin/sh
# profview fold: folded stacks whose counts add up to the samples, and the
# round trip `fold LOG | flame -` draws the same frames at the same
# widths as `flame LOG`, for every corpus log.  Folded input is detected
# from content on stdin, in files and compressed; hostile names (markup,
# quotes, invalid UTF-8, control bytes) still give well-formed SVG.
. tests/cli/lib.sh
out=$TESTS_OUT/t0302
mkdir -p "$out"
n=0
for log in $(all_logs); do
	name=$(echo "$log" | tr '/' '_')
	"$PROFVIEW" fold --quiet "$log" > "$out/$name.folded" ||
		fail "$log: fold exited $?"
	"$PROFVIEW" flame --quiet "$log" -o "$out/$name.a.svg" || fail "$log: flame"
	"$PROFVIEW" flame --quiet - < "$out/$name.folded" > "$out/$name.b.svg" ||
		fail "$log: flame of folded stdin"
	python3 tests/cli/check_flame.py same "$out/$name.a.svg" \
		"$out/$name.b.svg" >/dev/null || fail "$log: round trip differs"
	# counts add up to the samples info reports (less empty stacks)
	python3 - "$out/$name.folded" "$("$PROFVIEW" info --json --quiet "$log")" <<'PY' ||
import json, sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
total = sum(int(l.rsplit(b" ", 1)[1]) for l in lines if l)
info = json.loads(sys.argv[2])
want = info["samples"] - info["empty_samples"]
sys.exit(0 if total == want else "fold counts %d, info %d" % (total, want))
PY
		fail "$log: folded counts"
	n=$((n + 1))
done
[ $n -ge 20 ] || fail "only $n logs (samples/ alone has more)"

# fold of folded is the same text (stable, sorted, nothing lost)
f=$out/samples_pypy-x86_64_recursion.prof.folded
"$PROFVIEW" fold "$f" > "$out/again.folded" || fail "fold of folded"
cmp -s "$f" "$out/again.folded" || fail "fold is not stable through folded input"
# compressed folded input
gzip -c "$f" > "$out/r.folded.gz"
"$PROFVIEW" fold "$out/r.folded.gz" | cmp -s - "$f" || fail "gzip folded"

# flamegraph.pl-style input: unsorted, repeated lines, comments, CRLF
printf '# comment\r\nmain;a;b 3\r\nmain;c 2\nmain;a;b 4\nmain;a 1\n\nmain;x::y;memcpy_[k] 5\n' \
	> "$out/style.folded"
"$PROFVIEW" fold "$out/style.folded" > "$out/style.out" || fail "style"
grep -qx 'main;a;b 7' "$out/style.out" || fail "repeated lines not summed"
grep -qx 'main;a 1' "$out/style.out" || fail "self line"
grep -qx 'main;x::y;memcpy_\[k\] 5' "$out/style.out" || fail "perf names"
t=$("$PROFVIEW" info --json "$out/style.folded" | python3 -c 'import json,sys; print(json.load(sys.stdin)["samples"])')
[ "$t" = 15 ] || fail "folded samples $t, expected 15"
"$PROFVIEW" flame "$out/style.folded" -o "$out/style.svg" || fail "flame style"
python3 tests/cli/check_flame.py geometry "$out/style.svg" 15 >/dev/null ||
	fail "style geometry"
# native guess colours memcpy_[k] orange-red (kind palette), the rest not
grep -A2 '<title>memcpy_\[k\]' "$out/style.svg" | grep -q 'native' ||
	fail "kernel frame not native"

# hostile names
printf 'main;<script>alert(1)</script>;a&b "q" '"'"'s\001\033 9\nmain;bad\377\376utf;\303 4\nmain;ok (f<&>.py:3) 2\n' \
	> "$out/hostile.folded"
"$PROFVIEW" flame "$out/hostile.folded" -o "$out/hostile.svg" || fail "hostile"
xmllint --noout "$out/hostile.svg" || fail "hostile: not well-formed"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$out/hostile.svg" ||
	fail "hostile: markup not escaped"
grep -q '<script>alert' "$out/hostile.svg" && fail "hostile: raw markup"
python3 -c '
import sys
t = open(sys.argv[1], "rb").read().decode("utf-8")   # raises if invalid
assert "bad\ufffd\ufffdutf" in t, "invalid bytes not replaced"
assert "f<&>.py:3" in t.replace("&lt;", "<").replace("&amp;", "&").replace("&gt;", ">")
' "$out/hostile.svg" || fail "hostile: text"
python3 tests/cli/check_flame.py geometry "$out/hostile.svg" 15 >/dev/null ||
	fail "hostile geometry"
"$PROFVIEW" flame --format png "$out/hostile.folded" > "$out/hostile.png" ||
	fail "hostile png"

# not folded, not vmprof: exit 3 with the reader's message
printf 'hello world\nno counts here\n' > "$out/text.txt"
expect_exit 3 "$PROFVIEW" flame "$out/text.txt"
for o in per-thread; do
	"$PROFVIEW" fold --help | grep -q -- "--$o" || fail "--$o not in help"
	grep -q -- "--$o" README.md || fail "--$o not in README.md"
done
echo "ok: $n logs"
