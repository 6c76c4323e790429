# symbolize writes its records in the log's own layout: logs generated
# here (big-endian 8- and 4-byte words, Windows 64-bit's 4-byte words
# with 8-byte addresses, little-endian 4-byte PyPy pairs; plain, lines
# and pair modes) with native frames in samples/.../libcburn.so at a
# chosen load address (--module).  Each copy passes the byte-level check,
# names the functions nm lists at those addresses, beats the recorder's
# placeholder under vmprof's rule, and views agree with --module.  A
# legacy raw-stack log is keyed by the PC itself.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/sym-layouts
LIB=samples/cpython-x86_64/libcburn.so
mkdir -p "$O"
command -v nm >/dev/null || skip "nm (binutils) missing: skipped"
nm --defined-only $LIB >"$O/nm.txt" || fail "nm $LIB"

for layout in w8be-plain w4be-lines win64-plain w4le-pypy; do
	python3 - "$O" $layout <<'PY' || fail "cannot generate $layout"
import struct, sys
o, layout = sys.argv[1:3]
syms = {}
for line in open(o + "/nm.txt"):
    a, t, name = line.split()
    if t == "T":
        syms[name] = int(a, 16)
funcs = ["cb_middle", "cb_leaf_float", "cburn_float", "cburn_hash"]
W, e, win64 = {"w8be-plain": (8, ">", 0), "w4be-lines": (4, ">", 0),
               "win64-plain": (4, "<", 1), "w4le-pypy": (4, "<", 0)}[layout]
A = 8 if win64 or W == 8 else 4
base = 0x7f0000000000 if A == 8 else 0x40000000
mode = layout.split("-")[1]
flags = {"plain": 0x04, "lines": 0x06, "pypy": 0x0c}[mode]
wf, af = ("i" if W == 4 else "q"), ("I" if A == 4 else "Q")
word = lambda v: struct.pack(e + wf, v)
addr = lambda v: struct.pack(e + af, v)
out = bytearray()
for v in (0, 3, 0, 1000, win64):
    out += word(v)
interp = b"pypy" if mode == "pypy" else b"cpython"
out += bytes([5, 0, 6, flags, len(interp)]) + interp
out += b"\x06" + struct.pack(e + "qq", 1700000000, 5) + b"\0" * 8
for k, v in ((b"os", b"win64" if win64 else b"linux"),
             (b"bits", b"%d" % (8 * A))):
    out += b"\x07" + word(len(k)) + k + word(len(v)) + v
def name(marker, key, text):
    return bytes([marker]) + addr(key) + word(len(text)) + text
code = [0x1000, 0x2000] if mode != "pypy" else [8, 12]
native = [(base + syms[f]) | 1 for f in funcs]
keys = set()
for i in range(40):
    # leaf first: one or two native frames, then Python frames
    nat = [native[i % 4]] + ([native[0]] if i % 4 else [])
    keys.update(nat)
    if mode == "plain":
        slots = nat + code
    elif mode == "lines":
        slots = [x for n in nat for x in (0, n)]
        slots += [x for c in code for x in (((-(7 + i % 3)) & (2**(8*A)-1)), c)]
    else:
        slots = [x for n in nat for x in (7, n)]
        slots += [x for c in code for x in (1, c)]
    thread = 0 if mode == "pypy" else 0xabc0
    out += b"\x01" + word(1) + word(len(slots))
    out += b"".join(addr(s) for s in slots) + addr(thread)
out += name(2, code[0], b"py:outer:1:app.py")
out += name(2, code[1], b"py:inner:5:app.py")
# the recorder's stand-in for one key, as CPython's post-processing writes
out += name(8, native[0], b"n:<native symbol 0x%x>:0:-" % native[0])
out += b"\x03" + struct.pack(e + "qq", 1700000002, 5) + b"\0" * 8
open("%s/%s.prof" % (o, layout), "wb").write(out)
open("%s/%s.want" % (o, layout), "w").write("".join(
    "0x%x %s\n" % (n, f) for n, f in zip(native, funcs)))
open("%s/%s.base" % (o, layout), "w").write("%x" % base)
PY
	L=$O/$layout.prof
	MOD="--module $LIB@$(cat "$O/$layout.base")"
	"$P" info --quiet $L >/dev/null || fail "$layout: generated log unreadable"
	"$P" symbolize --quiet $L $MOD -o "$O/$layout.c.prof" ||
		fail "$layout: symbolize"
	python3 tests/cli/check_symbolized.py $L "$O/$layout.c.prof" \
		"$O/$layout.new.json" || fail "$layout: byte-level check"
	python3 - "$O" $layout <<'PY' || fail "$layout: wrong names"
import json, sys
o, layout = sys.argv[1:3]
new = json.load(open("%s/%s.new.json" % (o, layout)))
want = dict(l.split() for l in open("%s/%s.want" % (o, layout)))
assert set(new) == set(want), (sorted(new), sorted(want))
for k, f in want.items():
    assert new[k].startswith("n:%s:" % f), (k, new[k], f)
    assert new[k].endswith("cburn.c"), new[k]
PY
	"$P" top --limit 0 --quiet "$O/$layout.c.prof" >"$O/top1" ||
		fail "$layout: top copy"
	"$P" top --limit 0 --quiet $L $MOD >"$O/top0" || fail "$layout: top"
	cmp -s "$O/top0" "$O/top1" || {
		diff "$O/top0" "$O/top1"; fail "$layout: top differs"; }
	grep -q " cb_middle " "$O/top1" || fail "$layout: cb_middle not shown"
done

# a legacy (version 1) raw machine stack: the key is the PC itself, inside
# cb_middle, and the record names the function around it
python3 - "$O" <<'PY' || fail "cannot generate the legacy log"
import struct, sys
o = sys.argv[1]
syms = {l.split()[2]: int(l.split()[0], 16) for l in open(o + "/nm.txt")}
w = lambda v: struct.pack("<q", v)
a = lambda v: struct.pack("<Q", v)
out = bytearray(b"".join(w(v) for v in (0, 3, 0, 1000, 0)))
out += bytes([5, 0, 1, 7]) + b"cpython"
pc = 0x7f0000000000 + syms["cb_middle"] + 7
for i in range(10):
    out += b"\x01" + w(1) + w(2) + a(pc) + a(0x1000) + a(0x55)
t = b"py:main:1:app.py"
out += b"\x02" + a(0x1000) + w(len(t)) + t + b"\x03"
open(o + "/legacy.prof", "wb").write(out)
open(o + "/legacy.want", "w").write("0x%x\tn:cb_middle:" % pc)
PY
MOD="--module $LIB@7f0000000000"
"$P" symbolize --quiet --list "$O/legacy.prof" $MOD >"$O/legacy.list" ||
	fail "legacy: --list"
[ "$(wc -l <"$O/legacy.list")" = 1 ] &&
	grep -qF "$(cat "$O/legacy.want")" "$O/legacy.list" ||
	fail "legacy: $(cat "$O/legacy.list")"
"$P" symbolize --quiet "$O/legacy.prof" $MOD -o "$O/legacy.c.prof" ||
	fail "legacy: symbolize"
"$P" top --quiet "$O/legacy.c.prof" >"$O/top1"
"$P" top --quiet "$O/legacy.prof" $MOD >"$O/top0"
cmp -s "$O/top0" "$O/top1" || fail "legacy: top differs"
grep -q " cb_middle " "$O/top1" || fail "legacy: cb_middle not shown"
exit 0
