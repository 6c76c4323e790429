"""Independent reading and writing of memory-mode vmprof logs for the
memory and report tests, written from the byte layout in docs/format.md
(not from profview's reader).

  memlog.py samples LOG FACTS   print "index time kib thread" per sample
  memlog.py write OUT          write a 3-thread memory-mode log (v6)
"""
import json
import struct
import sys


def read_samples(path, facts):
    """(memory KiB, raw thread) of every whole 0x01 record, in file
    order, for a version 6 little-endian log (layout: docs/format.md 5-6)."""
    data = open(path, "rb").read()
    W, A = facts["word_size"], facts["addr_size"]
    wf = {4: "<i", 8: "<q"}[W]
    af = {4: "<I", 8: "<Q"}[A]
    pos = facts["first_sample_offset"]
    out = []

    def word(p):
        return struct.unpack_from(wf, data, p)[0]

    def addr(p):
        return struct.unpack_from(af, data, p)[0]

    while pos < len(data):
        m = data[pos]
        pos += 1
        if m == 0x01:
            depth = word(pos + W)
            pos += 2 * W + depth * A
            thread = addr(pos)
            mem = addr(pos + A)
            pos += 2 * A
            out.append((mem, thread))
        elif m in (0x02, 0x08):
            pos += A
            pos += W + word(pos)
        elif m == 0x06:
            pos += 24
        elif m == 0x07:
            pos += W + word(pos)
            pos += W + word(pos)
        elif m == 0x03:
            break
        else:
            raise SystemExit("%s: unexpected marker 0x%02x at %d"
                             % (path, m, pos - 1))
    return out


def sample_times(n, facts):
    """docs/semantics.md 7: sample i of N at i * duration / N."""
    d = facts["duration_sec"]
    return [i * d / n for i in range(n)]


def write_threads_log(out):
    """A small v6 memory-mode log, 8-byte words, three threads whose
    samples interleave, memory rising then falling."""
    b = bytearray()
    q = lambda v: struct.pack("<q", v)
    b += q(0) + q(3) + q(0) + q(1000) + q(0)
    b += bytes([0x05, 0, 6, 0x01, 7]) + b"cpython"
    b += bytes([0x06]) + q(1700000000) + q(0) + bytes(8)
    for k, v in (("os", "linux"), ("bits", "64")):
        b += bytes([0x07]) + q(len(k)) + k.encode() + q(len(v)) + v.encode()
    threads = (0x1000, 0x2000, 0x3000)
    for i in range(300):
        t = threads[i % 3]
        mem = 20000 + (i if i < 200 else 400 - i) * 100 + (i % 3)
        b += bytes([0x01]) + q(1) + q(1) + q(0x4000) + q(t) + q(mem)
    b += bytes([0x02]) + q(0x4000)
    name = b"py:work:1:work.py"
    b += q(len(name)) + name
    b += bytes([0x03]) + q(1700000003) + q(0) + bytes(8)
    open(out, "wb").write(bytes(b))


if __name__ == "__main__":
    if sys.argv[1] == "samples":
        facts = json.load(open(sys.argv[3]))
        s = read_samples(sys.argv[2], facts)
        for i, (t, (m, th)) in enumerate(zip(sample_times(len(s), facts), s)):
            print(i, t, m, th)
    else:
        write_threads_log(sys.argv[2])
