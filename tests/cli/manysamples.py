#!/usr/bin/env python3
"""Runs a profview command on a generated log of many small samples fed
through a pipe, and prints the command's peak resident set size in KB.

  manysamples.py NSAMPLES OUT PROFVIEW ARGS...

The log (version 4, 8-byte words, CPython layout) names three functions
and repeats a pattern of six samples (three stacks, two threads), so its
content stays the same size however many samples it holds.  The command
gets the log as '-' after ARGS; its standard output goes to OUT.  Exits
with the command's status."""
import resource
import struct
import subprocess
import sys


def log(n):
    w = lambda v: struct.pack("<q", v)
    head = w(0) + w(3) + w(0) + w(1000) + w(0)
    head += bytes([5, 0, 4, 0, 7]) + b"cpython"
    for i, name in enumerate([b"py:main:1:prog.py", b"py:work:10:prog.py",
                              b"py:leaf:20:prog.py"]):
        head += b"\x02" + w(0x1000 + 0x10 * i) + w(len(name)) + name
    yield head
    stacks = [[0x1000], [0x1010, 0x1000], [0x1020, 0x1010, 0x1000]]
    pat = b""
    for k in range(6):
        s = stacks[k % 3]
        pat += b"\x01" + w(1) + w(len(s)) + b"".join(w(a) for a in s)
        pat += w(0x7000 + 0x100 * (k % 2))
    chunk = pat * 10000
    left = n
    while left >= 60000:
        yield chunk
        left -= 60000
    whole, rest = divmod(left, 6)
    yield pat * whole
    for k in range(rest):
        s = stacks[k % 3]
        yield (b"\x01" + w(1) + w(len(s)) + b"".join(w(a) for a in s)
               + w(0x7000 + 0x100 * (k % 2)))
    yield b"\x03"


def main():
    n = int(sys.argv[1])
    with open(sys.argv[2], "wb") as out:
        p = subprocess.Popen(sys.argv[3:] + ["-"], stdin=subprocess.PIPE,
                             stdout=out)
        try:
            for part in log(n):
                p.stdin.write(part)
            p.stdin.close()
        except BrokenPipeError:
            pass
        rc = p.wait()
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    sys.exit(rc)


main()
