"""mk_native_log.py OUT BASE NMFILE [BASE NMFILE...]: a CPython
native-mode vmprof log (version 5, 8-byte little-endian words) whose
samples hold the functions `nm --defined-only` listings (NMFILE) name,
each module loaded at its BASE (hex), for the symbolize tests.

Each function of tests/symbolizer/gen-src.sh (fnF_K, entryF: code symbols
T or t) gets three samples whose stack is that native frame (start|1, as
vmprof writes it) under two Python frames.  From an `nm -S` listing
(with sizes) the middle of every code symbol is one sample more (likely
inlined code, for the views).  Also writes OUT.want: one
line "KEY NAME" per function, KEY the slot value in hex, and OUT.static:
the names of the static ones.
"""
import re
import struct
import sys

out = sys.argv[1]
funcs, static = {}, set()
inner = []
for base, nmfile in zip(sys.argv[2::2], sys.argv[3::2]):
    for line in open(nmfile):
        f = line.split()
        if len(f) == 4:                      # nm -S: with the size
            size = int(f.pop(1), 16)
            if f[1] in "Tt":
                inner.append(int(base, 16) + int(f[0], 16) + size // 2
                             | 1)
        if (len(f) == 3 and f[1] in "Tt" and
                re.match(r"(fn\d+_\d+|entry\d+)$", f[2])):
            funcs.setdefault(int(base, 16) + int(f[0], 16), f[2])
            if f[1] == "t":
                static.add(f[2])
w = lambda v: struct.pack("<q", v)
a = lambda v: struct.pack("<Q", v)
log = bytearray(b"".join(w(v) for v in (0, 3, 0, 1000, 0)))
log += bytes([5, 0, 6, 0x04, 7]) + b"cpython"
log += b"\x06" + struct.pack("<qq", 1700000000, 5) + b"\0" * 8
code = [0x1000, 0x2000]
want = []
for addr, name in sorted(funcs.items()):
    key = addr | 1
    want.append("0x%x %s\n" % (key, name))
    for _ in range(3):
        slots = [key] + code
        log += b"\x01" + w(1) + w(len(slots))
        log += b"".join(a(s) for s in slots) + a(0xabc0)
for addr in inner:
    slots = [addr] + code
    log += b"\x01" + w(1) + w(len(slots))
    log += b"".join(a(s) for s in slots) + a(0xabc0)
for c, t in ((code[0], b"py:outer:1:app.py"), (code[1], b"py:inner:5:app.py")):
    log += b"\x02" + a(c) + w(len(t)) + t
log += b"\x03" + struct.pack("<qq", 1700000002, 5) + b"\0" * 8
open(out, "wb").write(log)
open(out + ".want", "w").write("".join(want))
open(out + ".static", "w").write("".join("%s\n" % n for n in sorted(static)))
