"""Check `profview top --json --limit 0` self counts against top5_self in
a NAME.facts.json (the independent parser's innermost-frame counts).

Names in the facts are `lang:name:line:file`; a `n:<native symbol 0xA>`
placeholder is our `<native 0xB>` with B = A without the tag bit.
`<unresolved>` lumps together every address without a record (ours keeps
them apart as `<unknown 0x..>`), so it is skipped.  Exit 1 on any
difference, printing each."""
import json
import re
import sys

top = json.load(open(sys.argv[1]))
facts = json.load(open(sys.argv[2]))
rows = top["rows"]


def ours(name):
    m = re.match(r"n:<native symbol 0x([0-9a-fA-F]+)>:0:-$", name)
    if m:
        want = "<native 0x%x>" % (int(m.group(1), 16) & ~1)
        return [r for r in rows if r["function"] == want]
    lang, rest = name.split(":", 1)
    if lang == "n":
        fn = rest.rsplit(":", 2)[0]
        return [r for r in rows if r["kind"] == "native" and r["function"] == fn]
    fn, line, path = rest.split(":", 2)
    return [r for r in rows if r["function"] == fn and r["file"] == path and
            r["line"] == int(line) and r["kind"] in ("python", "jit")]


bad = checked = 0
for entry in facts.get("top5_self", []):
    if entry["name"] == "<unresolved>":
        continue
    got = sum(r["self"] for r in ours(entry["name"]))
    checked += 1
    if got != entry["samples"]:
        bad += 1
        print("%s: %s: profview self %d, facts %d" %
              (sys.argv[2], entry["name"], got, entry["samples"]))
print("%s: %d functions checked" % (sys.argv[2], checked))
sys.exit(1 if bad else 0)
