#!/usr/bin/env python3
"""cutlog.py IN OUT [SAMPLES] - a small seed from a real vmprof log.

Keeps the header, meta and time records, the first SAMPLES (default 8)
stack samples, the code names and native symbols those samples use, and
the trailer: a valid log of a few kilobytes with the real layout.
Versions 1-6 without the memory-word quirk (the walk stops otherwise).
"""
import struct
import sys


def main():
    src, dst = sys.argv[1], sys.argv[2]
    keep_n = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    b = open(src, 'rb').read()
    if b[4] == 3 and b[0] == 0 and b[5] == 0:
        W, be = 4, False
    elif b[7] == 3 and b[0] == 0 and b[4] == 0:
        W, be = 4, True
    elif b[8] == 3:
        W, be = 8, False
    else:
        W, be = 8, True
    e = '>' if be else '<'
    word = e + ('i' if W == 4 else 'q')

    def get(off, n, signed=True):
        fmt = {4: 'i', 8: 'q'}[n] if signed else {4: 'I', 8: 'Q'}[n]
        return struct.unpack_from(e + fmt, b, off)[0]

    A = 8 if W == 4 and get(16, 4) == 1 else W
    pos = 5 * W
    assert b[pos] == 5, 'header record expected'
    version = b[pos + 1] << 8 | b[pos + 2]
    flags = b[pos + 3] if version >= 4 else 0
    n = 5 if version >= 4 else 4
    hdr_end = pos + n + b[pos + n - 1]
    has_thread = version >= 1
    has_mem = (version >= 4 and flags & 1) or version == 3
    out = [b[:hdr_end]]
    names = []
    used = set()
    kept = 0
    pos = hdr_end
    while pos < len(b):
        m = b[pos]
        if m == 1:
            depth = get(pos + 1 + W, W)
            size = 1 + 2 * W + A * (depth + has_thread + has_mem)
            if kept < keep_n:
                out.append(b[pos:pos + size])
                for i in range(depth):
                    used.add(get(pos + 1 + 2 * W + i * A, A, False))
                kept += 1
        elif m in (2, 8):
            ln = get(pos + 1 + A, W)
            size = 1 + A + W + ln
            names.append((get(pos + 1, A, False), b[pos:pos + size]))
        elif m == 6:
            size = 25
            out.append(b[pos:pos + size])
        elif m == 7:
            kl = get(pos + 1, W)
            vl = get(pos + 1 + W + kl, W)
            size = 1 + 2 * W + kl + vl
            out.append(b[pos:pos + size])
        elif m == 3:
            tail = b[pos:pos + (25 if version >= 5 else 1)]
            break
        else:
            sys.exit('%s: offset %d: marker %#x' % (src, pos, m))
        pos += size
    else:
        tail = b''
    for addr, rec in names:
        if addr in used or (addr & ~1) in used or (addr | 1) in used:
            out.append(rec)
    out.append(tail)
    open(dst, 'wb').write(b''.join(out))


main()
