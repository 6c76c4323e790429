"""Writes NAME.facts.json for a log recorded here, from a byte-level parse
of the log written for this purpose (it shares no code with profview), so
that profview's reading of these logs is checked like the rest of samples/.

usage: python3 tools/facts.py LOG [LOG...]     (writes LOG-without-.prof*.facts.json)

Knows what PyPy's recorder writes: the static header, records 0x01, 0x02,
0x03, 0x05, 0x06, 0x07 and 0x08, gzip input.  Also counts, per function,
the samples it is the leaf of (kind 6 assembler entries skipped) and the
samples it appears in at least once, so tests can check diff's figures.
"""
import datetime
import gzip
import json
import struct
import sys


def utc(sec, usec):
    t = datetime.datetime.fromtimestamp(sec, datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ".%06d+00:00" % usec


def parse(path):
    raw = open(path, "rb").read()
    comp = "none"
    if raw[:2] == b"\x1f\x8b":
        raw, comp = gzip.decompress(raw), "gzip"
    if raw[8] == 3:
        ws, en = 8, "<"
    elif raw[4] == 3:
        ws, en = 4, "<"
    elif raw[15] == 3:
        ws, en = 8, ">"
    else:
        ws, en = 4, ">"
    wf = en + ("q" if ws == 8 else "i")
    af = en + ("Q" if ws == 8 else "I")

    def word(p):
        return struct.unpack_from(wf, raw, p)[0]

    period = word(3 * ws)
    pos = 5 * ws
    f = {"file": path.rsplit("/", 1)[-1], "compression": comp,
         "word_size": ws, "addr_size": ws,
         "endianness": "little" if en == "<" else "big",
         "period_usec": period, "meta": {}, "start_time": None,
         "end_time": None, "trailer": False, "truncated": False,
         "stack_samples": 0, "virtual_ip_records": 0,
         "native_symbol_records": 0}
    names, threads, stacks = {}, {}, []
    version = mode = 0
    while pos < len(raw):
        m = raw[pos]
        pos += 1
        if m == 0x05:
            version, mode, n = raw[pos + 1], raw[pos + 2], raw[pos + 3]
            f["interpreter"] = raw[pos + 4:pos + 4 + n].decode()
            pos += 4 + n
        elif m in (0x06, 0x03):
            sec, usec = struct.unpack_from(en + "qq", raw, pos)
            pos += 24
            key = "start_time" if m == 0x06 else "end_time"
            f[key] = {"sec": sec, "usec": usec, "utc": utc(sec, usec)}
            if m == 0x03:
                f["trailer"] = True
                break
        elif m == 0x07:
            n = word(pos)
            k = raw[pos + ws:pos + ws + n].decode()
            pos += ws + n
            n = word(pos)
            f["meta"][k] = raw[pos + ws:pos + ws + n].decode()
            pos += ws + n
        elif m in (0x02, 0x08):
            uid = struct.unpack_from(af, raw, pos)[0]
            n = word(pos + ws)
            names[uid] = raw[pos + 2 * ws:pos + 2 * ws + n].decode("latin-1")
            pos += 2 * ws + n
            key = "virtual_ip_records" if m == 0x02 else \
                "native_symbol_records"
            f[key] += 1
        elif m == 0x01:
            depth = word(pos + ws)
            pos += 2 * ws
            slots = struct.unpack_from(en + af[1] * depth, raw, pos)
            pos += ws * depth
            tid = struct.unpack_from(af, raw, pos)[0]
            pos += ws * (2 if mode & 1 else 1)
            threads[tid] = threads.get(tid, 0) + 1
            stacks.append(slots)
            f["stack_samples"] += 1
        else:
            sys.exit("%s: unexpected marker 0x%02x at %d" % (path, m, pos - 1))
    f["version"] = version
    f["mode_byte"] = mode
    f["flags"] = {b: bool(mode & (1 << i)) for i, b in enumerate(
        ("memory", "lines", "native", "rpython", "real_time"))}
    f["threads"] = len(threads)
    f["samples_per_thread"] = sorted(threads.values())

    def label(uid):
        parts = names.get(uid, "").split(":")
        if len(parts) >= 4 and parts[0] == "py":
            return parts[1], ":".join(parts[3:]), int(parts[2])
        return names.get(uid, "<unknown 0x%x>" % uid), "", 0

    leaf, seen = {}, {}
    for slots in stacks:
        # (kind, value) pairs, leaf first; kind 6 is not a frame
        frames = [slots[i + 1] for i in range(0, len(slots) - 1, 2)
                  if slots[i] != 6]
        if not frames:
            continue
        k = label(frames[0])
        leaf[k] = leaf.get(k, 0) + 1
        for k in set(label(u) for u in frames):
            seen[k] = seen.get(k, 0) + 1
    f["functions"] = [{"name": k[0], "file": k[1], "line": k[2],
                       "self": leaf.get(k, 0), "total": seen[k]}
                      for k in sorted(seen, key=lambda k: (-seen[k], k))]
    return f


for log in sys.argv[1:]:
    out = log
    for ext in (".gz", ".prof"):
        if out.endswith(ext):
            out = out[:-len(ext)]
    with open(out + ".facts.json", "w") as fh:
        json.dump(parse(log), fh, indent=1)
        fh.write("\n")
