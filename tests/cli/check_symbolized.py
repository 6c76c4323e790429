#!/usr/bin/env python3
"""check_symbolized.py ORIG COPY [NEW.json] - byte-level check of a copy
written by `profview symbolize`, with a record parser of its own (docs/format.md
sections 3-7), independent of profview's reader:

- the copy is ORIG's bytes up to its trailer (or, without one, up to the
  end of its last whole record), then only whole 0x08 records, then the
  trailer and what follows it, unchanged;
- every native slot value of the samples that got a new record is named
  by that record under vmprof's own rule for duplicate keys (sort the
  (key, text) pairs, keep the last: the largest text wins);
- writes the new records as {"0xKEY": "text"} to NEW.json when given.
"""
import json
import struct
import sys


class Log:
    def __init__(self, data):
        self.d = data
        b = data
        if b[4] == 3 and b[:4] == b"\0" * 4 and b[5:8] == b"\0" * 3:
            self.W, self.e = 4, "<"
        elif b[7] == 3 and b[:7] == b"\0" * 7:
            self.W, self.e = 4, ">"
        elif b[8] == 3:
            self.W, self.e = 8, "<"
        elif b[15] == 3:
            self.W, self.e = 8, ">"
        else:
            raise SystemExit("not a vmprof log")
        w4 = self.word(4 * self.W)
        self.A = 8 if (self.W == 4 and w4 == 1) else self.W
        pos = 5 * self.W
        if b[pos] == 0x05:
            self.version = b[pos + 2]
            n = 5 if self.version >= 4 else 4
            self.flags = b[pos + 3] if self.version >= 4 else 0
            pos += n + b[pos + n - 1]
        else:
            assert b[pos] == 0x04
            self.version, self.flags = 0, 0
            pos += 2 + b[pos + 1]
        self.body = pos
        self.pairs = self.version == 2 or (self.version >= 4 and
                                           self.flags & 0x08)
        self.lines = not self.pairs and self.version >= 4 and \
            self.flags & 0x02
        self.mem = (self.version >= 4 and self.flags & 0x01) or \
            self.version == 3

    def word(self, off):
        f = self.e + ("i" if self.W == 4 else "q")
        return struct.unpack_from(f, self.d, off)[0]

    def addr(self, off):
        f = self.e + ("I" if self.A == 4 else "Q")
        return struct.unpack_from(f, self.d, off)[0]

    def record(self, pos):
        """(size, marker) of the record at pos, or None when cut off."""
        b, W, A = self.d, self.W, self.A
        if pos >= len(b):
            return None
        m = b[pos]
        try:
            if m == 0x01:
                depth = self.word(pos + 1 + W)
                extra = (self.version >= 1) + bool(self.mem)
                size = 1 + 2 * W + A * (depth + extra)
            elif m in (0x02, 0x08):
                size = 1 + A + W + self.word(pos + 1 + A)
            elif m == 0x03:
                size = 1 + (24 if self.version >= 5 else 0)
            elif m == 0x06:
                size = 25
            elif m == 0x07:
                k = self.word(pos + 1)
                v = self.word(pos + 1 + W + k)
                size = 1 + 2 * W + k + v
            else:
                return None
        except struct.error:
            return None
        if pos + size > len(b) and m != 0x03:
            return None
        return size, m

    def walk(self):
        """Records before the trailer: list of (pos, size, marker); the
        trailer's offset (or None) and the end of the last whole record."""
        out, pos = [], self.body
        while True:
            r = self.record(pos)
            if r is None:
                return out, None, pos
            size, m = r
            if m == 0x03:
                return out, pos, pos
            out.append((pos, size, m))
            pos += size

    def native_keys(self, recs):
        keys = set()
        A, W = self.A, self.W
        for pos, size, m in recs:
            if m != 0x01:
                continue
            depth = self.word(pos + 1 + W)
            slots = [self.addr(pos + 1 + 2 * W + i * A) for i in range(depth)]
            if self.pairs:
                keys |= {slots[i + 1] for i in range(0, depth - 1, 2)
                         if slots[i] == 7}
            elif self.lines:
                keys |= {slots[i + 1] for i in range(0, depth - 1, 2)
                         if slots[i + 1] & 1}
            elif self.version >= 2:
                keys |= {s for s in slots if s & 1}
        return keys

    def names(self, recs):
        pairs = []
        for pos, size, m in recs:
            if m in (0x02, 0x08):
                key = self.addr(pos + 1)
                text = self.d[pos + 1 + self.A + self.W:pos + size]
                pairs.append((key, text))
        return pairs


def main():
    orig = Log(open(sys.argv[1], "rb").read())
    copy = Log(open(sys.argv[2], "rb").read())
    o_recs, o_trailer, o_end = orig.walk()
    c_recs, c_trailer, c_end = copy.walk()
    d, c = orig.d, copy.d
    assert c[:o_end] == d[:o_end], "records before the insertion changed"
    tail = d[o_end:] if o_trailer is not None else b""
    assert c.endswith(tail), "trailer or bytes after it changed"
    new = c[o_end:len(c) - len(tail)]
    assert (c_trailer is not None) == (o_trailer is not None), \
        "trailer lost or added"
    if c_trailer is not None:
        assert c_trailer == o_end + len(new), "new records not before trailer"
    # the inserted bytes are whole 0x08 records and nothing else
    added = {}
    for pos, size, m in c_recs:
        if pos < o_end:
            continue
        assert m == 0x08, "record 0x%02x inserted" % m
        assert pos + size <= o_end + len(new), "record crosses the end"
        key = copy.addr(pos + 1)
        assert key not in added, "key 0x%x written twice" % key
        added[key] = c[pos + 1 + copy.A + copy.W:pos + size]
    assert sum(s for p, s, m in c_recs if p >= o_end) == len(new), \
        "inserted bytes are not whole records"
    # original records all still there, in order
    assert [(p, s, m) for p, s, m in c_recs if p < o_end] == o_recs
    # vmprof's duplicate rule: sorted (key, text), the last one kept
    peer = dict(sorted(copy.names(c_recs)))
    keys = copy.native_keys(c_recs)
    assert keys, "no native frames in the samples"
    lost = [k for k in keys if k in added and peer[k] != added[k]]
    assert not lost, "vmprof's rule keeps the old name for %s" % \
        ", ".join("0x%x" % k for k in sorted(lost))
    stray = [k for k in added if k not in keys]
    assert not stray, "records for keys no sample holds: %s" % stray
    if len(sys.argv) > 3:
        json.dump({"0x%x" % k: v.decode("utf-8", "replace")
                   for k, v in added.items()},
                  open(sys.argv[3], "w"), indent=0, sort_keys=True)
    print("ok: %d records added before %s, %d native keys, %d named by them"
          % (len(added), "the trailer" if c_trailer is not None else
             "the end", len(keys), sum(k in added for k in keys)))


main()
