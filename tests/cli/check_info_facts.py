"""Compare one `profview info --json` object with a NAME.facts.json file
on every figure both define (names per docs/semantics.md); exit 1 on any
difference, printing each."""
import json
import sys

info = json.loads(open(sys.argv[1]).readline())
facts = json.load(open(sys.argv[2]))
pairs = [
    ("word_size", "word_size"), ("address_size", "addr_size"),
    ("byte_order", "endianness"), ("version", "version"),
    ("samples", "stack_samples"), ("threads", "threads"),
    ("symbols", "virtual_ip_records"),
    ("native_symbols", "native_symbol_records"),
    ("truncated", "truncated"), ("trailer", "trailer"),
    ("interpreter", "interpreter"), ("period_usec", "period_usec"),
    ("meta", "meta"), ("flags", "flags"), ("compression", "compression"),
    ("mode_byte", "mode_byte"),
]
diffs = []
for mine, theirs in pairs:
    if theirs in facts and info[mine] != facts[theirs]:
        diffs.append((mine, info[mine], facts[theirs]))
for key in ("start_time", "end_time"):
    want = facts[key]["utc"] if facts.get(key) else None
    if info[key] != want:
        diffs.append((key, info[key], want))
if facts.get("truncated") and info["truncated_offset"] != facts["truncated_at_offset"]:
    diffs.append(("truncated_offset", info["truncated_offset"],
                  facts["truncated_at_offset"]))
if facts.get("bytes_after_trailer") is not None and \
        info["bytes_after_trailer"] != facts["bytes_after_trailer"]:
    diffs.append(("bytes_after_trailer", info["bytes_after_trailer"],
                  facts["bytes_after_trailer"]))
per_thread = sorted(t["samples"] for t in info["thread_list"])
if "samples_per_thread" in facts and per_thread != sorted(facts["samples_per_thread"]):
    diffs.append(("samples_per_thread", per_thread, facts["samples_per_thread"]))
for d in diffs:
    print("%s: %s: profview %r, facts %r" % (sys.argv[2], d[0], d[1], d[2]))
sys.exit(1 if diffs else 0)
