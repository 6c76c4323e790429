# symbolize on PyPy's native mode (kind 7 pairs, start|1 keys): the copy
# names every native frame (functions when this host's libpypy has
# symbols for them, else [libpypy3.9-c.so+0xOFFSET] with offsets an
# independent computation from the maps agrees with), keeps every
# original byte, and the views agree with --maps on the original.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/sym-pypy
S=samples/pypy-x86_64
LOG=$S/callpaths-native.prof
MAPS=$S/callpaths-native.maps
LIB=/usr/lib/x86_64-linux-gnu/libpypy3.9-c.so
mkdir -p "$O"
[ -f "$LIB" ] || skip "no $LIB here (Debian package pypy3): skipped"

"$P" symbolize $LOG --maps $MAPS -o "$O/c.prof" 2>"$O/err" ||
	fail "symbolize"
cat "$O/err"
python3 tests/cli/check_symbolized.py $LOG "$O/c.prof" "$O/new.json" ||
	fail "byte-level check of the copy"
"$P" top --limit 0 --quiet "$O/c.prof" >"$O/top1" || fail "top copy"
"$P" top --limit 0 --quiet $LOG --maps $MAPS >"$O/top0" || fail "top --maps"
cmp -s "$O/top0" "$O/top1" || { diff "$O/top0" "$O/top1"; fail "top differs"; }
"$P" info --json $LOG >"$O/i0.json"
"$P" info --json "$O/c.prof" >"$O/i1.json"

python3 - "$O" $MAPS $LIB <<'PY' || fail "PyPy copy"
import json, re, struct, sys
o, maps, lib = sys.argv[1:4]
a = json.load(open(o + "/i0.json")); b = json.load(open(o + "/i1.json"))
new = json.load(open(o + "/new.json"))
assert a["samples"] == b["samples"] and a["symbols"] == b["symbols"]
assert b["native_symbols"] == a["native_symbols"] + len(new)
# this host's library: likely the same build when its code segment is
# where and as large as the profiled process mapped it
e = open(lib, "rb").read()
phoff, = struct.unpack_from("<Q", e, 0x20)
phsz, phn = struct.unpack_from("<HH", e, 0x36)
loads = set()
for i in range(phn):
    t, fl, off, va, pa, fsz, msz, al = struct.unpack_from(
        "<IIQQQQQQ", e, phoff + i * phsz)
    if t == 1 and fl & 1:
        loads.add((off & ~0xfff, (off & 0xfff) + fsz + 0xfff & ~0xfff))
maps_lib = []
for line in open(maps):
    f = line.split()
    if len(f) >= 6 and f[5] == lib:
        lo, hi = (int(x, 16) for x in f[0].split("-"))
        maps_lib.append((lo, hi, int(f[2], 16), f[1]))
same = all((pg, hi - lo) in loads for lo, hi, pg, pr in maps_lib
           if "x" in pr)
base = min(lo - pg for lo, hi, pg, pr in maps_lib)
named = 0
for k, text in new.items():
    key = int(k, 16)
    m = re.match(r"n:\[libpypy3\.9-c\.so\+0x([0-9a-f]+)\]:0:(.*)$", text)
    if m:
        # an independent module offset: address minus the load base
        assert int(m.group(1), 16) == (key & ~1) - base, (k, text)
        assert m.group(2) == lib, text
    else:
        assert text.startswith("n:") and not text.startswith("n:<"), text
        named += 1
assert new
print("libpypy here %s the profiled build; %d of %d native addresses "
      "named by function" % ("matches" if same else "differs from",
                             named, len(new)))
if not same or not named:
    print("function names not checked: this host's %s has no symbols "
          "for these addresses (stripped, no debug file)" % lib)
PY
exit 0
