#!/usr/bin/python3
"""hostile.py KIND OUT [N]: writes a hostile vmprof log (or folded stacks)
for the reliability tests, built at test time from the byte layout in
docs/format.md (version 6, 8-byte words, little-endian, memory mode, so
every view accepts it).

  names-heavy OUT  the same, the markup names with many more samples
  names OUT      names, files and meta holding terminal escapes, markup,
                 spreadsheet formulas, a 3000-byte multibyte name, a
                 newline, and a meta key that is not UTF-8
  empty OUT      a whole log (header, meta, trailer) with no sample
  deep OUT N     one stack N frames deep (N distinct functions)
  threads OUT N  N threads, one sample each (two functions)
  deepfold OUT N folded stacks: one line N frames deep
  bigcount OUT   folded stacks: one line whose count is near 2^63
  lines OUT PATH...  a lines-mode log: function fn_I in file PATH_I
  native OUT ADDR    a native-mode log whose leaf is the native function
                     starting at ADDR (hex)
  evilelf OUT        a shared library (built with gcc) whose one function's
                     symbol name holds a newline and terminal escapes
"""
import struct
import sys

q = lambda v: struct.pack("<q", v)

ESC = "\x1b"
HOSTILE = [
    # an OSC window title and a screen clear, a C1 control (CSI, U+009B)
    ESC + "]0;pwned" + "\x07" + "title_fn",
    "clear" + ESC + "[2J" + ESC + "[H_fn",
    "c1\u009b31m_fn",
    "bell\x07tab\tcr\rdel\x7f_fn",
    # markup for the report and for markdown
    "<!--<script>alert(1)</script>",
    "<img src=//host/x>",
    "[link](http://host/)*bold*_u_`tick`|pipe",
    # spreadsheet formulas
    "=HYPERLINK(\"http://host\")",
    "+cmd",
    "-2+3",
    "@SUM(A1)",
    # a long name of multibyte characters (3 bytes each)
    "\u20ac" * 1000,
]


def header(b, flags=0x01):
    b += q(0) + q(3) + q(0) + q(1000) + q(0)
    b += bytes([0x05, 0, 6, flags, 7]) + b"cpython"
    b += bytes([0x06]) + q(1700000000) + q(0) + bytes(8)


def meta(b, k, v):
    b += bytes([0x07]) + q(len(k)) + k + q(len(v)) + v


def name(b, addr, text):
    b += bytes([0x02]) + q(addr) + q(len(text)) + text


def sample(b, addrs, thread=0x1000, mem=1000):
    """addrs leaf first"""
    b += bytes([0x01]) + q(1) + q(len(addrs))
    for a in addrs:
        b += q(a)
    b += q(thread) + q(mem)


def trailer(b):
    b += bytes([0x03]) + q(1700000003) + q(0) + bytes(8)


def names_log(out, heavy=False):
    b = bytearray()
    header(b)
    meta(b, b"os", b"linux")
    meta(b, b"title", ("t" + ESC + "]0;meta" + "\x07").encode())
    meta(b, b"bad\xffkey", b"value of a key that is not UTF-8")
    addrs = []
    for i, n in enumerate(HOSTILE):
        addr = 0x4000 + 16 * i
        f = "dir/" + ESC + "[31mred" + ("\u20ac" * 400 if i == 0 else "") + \
            ".py"
        name(b, addr, ("py:%s:%d:%s" % (n, i + 1, f)).encode())
        addrs.append(addr)
    root = 0x3000
    name(b, root, b"py:main:1:main.py")
    for i, a in enumerate(addrs):
        # heavy: the markup names grow a lot (a diff then names them)
        n = 300 if heavy and HOSTILE[i][0] in "<[" else i + 1
        for _ in range(n):
            sample(b, [a, root])
    trailer(b)
    open(out, "wb").write(bytes(b))


def empty_log(out):
    b = bytearray()
    header(b)
    meta(b, b"os", b"linux")
    trailer(b)
    open(out, "wb").write(bytes(b))


def deep_log(out, n):
    b = bytearray()
    header(b)
    for i in range(n):
        name(b, 0x10000 + 16 * i, ("py:f%d:%d:deep.py" % (i, i + 1)).encode())
    stack = [0x10000 + 16 * i for i in range(n)][::-1]
    sample(b, stack)
    sample(b, stack[n // 2:])
    trailer(b)
    open(out, "wb").write(bytes(b))


def threads_log(out, n):
    b = bytearray()
    header(b)
    name(b, 0x4000, b"py:work:1:work.py")
    name(b, 0x3000, b"py:main:1:main.py")
    for t in range(n):
        sample(b, [0x4000 if t % 2 else 0x3000], thread=0x100000 + t,
               mem=1000 + t)
    trailer(b)
    open(out, "wb").write(bytes(b))


def manymeta_log(out, n):
    """n distinct meta keys, and every 1000th key once more"""
    b = bytearray()
    header(b)
    for i in range(n):
        meta(b, b"k%d" % i, b"v%d" % i)
        if i % 1000 == 999:
            meta(b, b"k%d" % (i - 999), b"again")
    name(b, 0x3000, b"py:main:1:main.py")
    sample(b, [0x3000])
    trailer(b)
    open(out, "wb").write(bytes(b))


def lines_log(out, paths):
    b = bytearray()
    header(b, flags=0x03)   # memory and lines
    name(b, 0x3000, b"py:main:1:main.py")
    for i, p in enumerate(paths):
        name(b, 0x4000 + 16 * i, ("py:fn_%d:1:%s" % (i, p)).encode())
    for i in range(len(paths)):
        for _ in range(3):
            # (line, code) pairs, leaf first
            sample(b, [2, 0x4000 + 16 * i, 5, 0x3000])
    trailer(b)
    open(out, "wb").write(bytes(b))


def native_log(out, addr):
    b = bytearray()
    header(b, flags=0x05)   # memory and native
    name(b, 0x3000, b"py:main:1:main.py")
    for _ in range(5):
        sample(b, [addr | 1, 0x3000])
    trailer(b)
    open(out, "wb").write(bytes(b))


EVIL_SYMBOL = "evil\\nname\x1b]0;t\x07x"


def evil_elf(out):
    """gas takes raw ESC and BEL in a quoted name but writes "\\n" as two
    characters: the string table is patched to hold a real newline."""
    import os
    import subprocess
    import tempfile
    d = tempfile.mkdtemp()
    asm = os.path.join(d, "evil.s")
    n = EVIL_SYMBOL
    open(asm, "w").write(
        '\t.text\n\t.globl "%s"\n\t.type "%s", @function\n"%s":\n'
        '\tnop\n\tnop\n\tret\n\t.size "%s", .-"%s"\n' % ((n,) * 5))
    subprocess.check_call(["gcc", "-shared", "-nostdlib", "-o", out, asm],
                          stderr=subprocess.DEVNULL)
    data = open(out, "rb").read()
    data = data.replace(b"evil\\nname", b"evil\n_name")
    open(out, "wb").write(data)


if __name__ == "__main__":
    kind, out = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 and kind in (
        "deep", "threads", "deepfold", "manymeta") else 0
    if kind == "names":
        names_log(out)
    elif kind == "names-heavy":
        names_log(out, heavy=True)
    elif kind == "empty":
        empty_log(out)
    elif kind == "deep":
        deep_log(out, n)
    elif kind == "threads":
        threads_log(out, n)
    elif kind == "manymeta":
        manymeta_log(out, n)
    elif kind == "deepfold":
        open(out, "w").write(";".join("f%d" % i for i in range(n)) + " 1\n")
    elif kind == "native":
        native_log(out, int(sys.argv[3], 16))
    elif kind == "evilelf":
        evil_elf(out)
    elif kind == "lines":
        lines_log(out, sys.argv[3:])
    elif kind == "bigcount":
        open(out, "w").write("main;work 9223372036854775807\nmain 1\n")
    else:
        sys.exit("unknown kind " + kind)
