"""Writes the hostile inputs of the export tests, from the byte layout of
the format spec (not from profview's code):

  hostile_exports.py threads OUT N   a v6 log (8-byte words) whose N
                                     samples each come from another thread
  hostile_exports.py deep OUT N      folded stacks: one N-frame stack,
                                     one N-deep direct recursion
"""
import struct
import sys


def threads_log(out, n):
    q = lambda v: struct.pack("<q", v)
    b = bytearray()
    b += q(0) + q(3) + q(0) + q(1000) + q(0)
    b += bytes([0x05, 0, 6, 0x00, 7]) + b"cpython"
    b += bytes([0x06]) + q(1700000000) + q(0) + bytes(8)
    for k, v in (("os", "linux"), ("bits", "64")):
        b += bytes([0x07]) + q(len(k)) + k.encode() + q(len(v)) + v.encode()
    names = [(0x4000, b"py:main:1:w.py"), (0x4010, b"py:work:5:w.py")]
    for addr, name in names:
        b += bytes([0x02]) + q(addr) + q(len(name)) + name
    # sample: marker, count, depth, frames (leaf first), thread id
    rec = bytes([0x01]) + q(1) + q(2) + q(0x4010) + q(0x4000)
    b += b"".join(rec + q(0x10000 + 16 * i) for i in range(n))
    b += bytes([0x03]) + q(1700000003) + q(0) + bytes(8)
    open(out, "wb").write(bytes(b))


def deep(out, n):
    with open(out, "w") as f:
        f.write(";".join("f%d" % i for i in range(n)) + " 3\n")
        f.write(";".join(["rec"] * n) + " 2\n")


if __name__ == "__main__":
    {"threads": threads_log, "deep": deep}[sys.argv[1]](sys.argv[2],
                                                        int(sys.argv[3]))
