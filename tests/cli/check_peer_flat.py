"""Compare `profview top --json --limit 0 --keep-root` with the peer
viewer's flat output (NAME.flat.txt: self percentage per function).

The peer's percentages are of its filtered root (filter_top: the first
`<module>` node, or the biggest branch), so ours are taken over the
samples of the functions the peer lists; when the peer's root holds every
sample, which is the usual case, that is our plain self %.  Names the peer
cannot tell apart are skipped: `<unknown code>` lumps every address
without a record.  Its `<native symbol 0xA>` placeholder is our
`<native 0xB>`, B = A without the tag bit; a symbol text it could not
split (a Windows path holds a colon) is printed whole with `:None:None`.
Exit 1 when a shared function differs by more than the peer's rounding."""
import json
import re
import sys

top = json.load(open(sys.argv[1]))
flat = open(sys.argv[2], errors="replace").read().splitlines()


def key_of(text):
    """(function, file, line) from the peer's `name:file:line`."""
    if text.endswith(":None:None"):
        sym = text[:-len(":None:None")]
        lang, rest = sym.split(":", 1)
        fn, line, path = rest.split(":", 2)
        return fn, path, line
    fn, tail = text.split(":", 1)
    path, _, line = tail.rpartition(":")
    m = re.match(r"<native symbol 0x([0-9a-fA-F]+)>$", fn)
    if m:
        fn = "<native 0x%x>" % (int(m.group(1), 16) & ~1)
    return fn, path, line


peer = {}
for ln in flat:
    m = re.match(r"\s*([0-9.]+)% - (.*)$", ln)
    if not m or m.group(2).startswith("<unknown code>"):
        continue
    k = key_of(m.group(2))
    peer[k] = peer.get(k, 0.0) + float(m.group(1))

ours = {}
for r in top["rows"]:
    path = "-" if r["kind"] == "native" else r["file"]
    k = (r["function"], path, str(r["line"]))
    ours[k] = ours.get(k, 0) + r["self"]

shared = [k for k in peer if k in ours]
# the samples of the peer's root: what the shared functions hold, scaled
# by the share the peer gives them (less than 100 only when it lumps
# unresolved addresses into `<unknown code>`)
peer_shared = sum(peer[k] for k in shared)
base = sum(ours[k] for k in shared) * 100.0 / peer_shared if peer_shared else 0
bad = 0
for k, pct in sorted(peer.items(), key=lambda kv: -kv[1]):
    if k not in ours:
        if pct >= 0.1:
            bad += 1
            print("%s: %s: %.3f%% in the peer, absent from profview" %
                  (sys.argv[2], ":".join(k), pct))
        continue
    mine = 100.0 * ours[k] / base if base else 0.0
    # the peer prints 3 decimals: allow its rounding or one sample
    if abs(mine - pct) > max(0.002, 100.0 / top["total_samples"]):
        bad += 1
        print("%s: %s: peer %.3f%%, profview %.4f%%" %
              (sys.argv[2], ":".join(k), pct, mine))
print("%s: %d functions compared (peer root holds %.1f%% of the samples)" %
      (sys.argv[2], len(shared),
       100.0 * base / top["total_samples"] if top["total_samples"] else 0))
sys.exit(1 if bad else 0)
