"""check_names.py WANT LIST MODE: the records `profview symbolize --list`
printed (LIST) against the functions the log holds (WANT, from
mk_native_log.py: "KEY NAME" lines; WANT.static names the static ones).

MODE dwarf: every function named, with its declaration line and gen*.c
(debug information was found); symtab: every function named, the file
being the module (a symbol table without DWARF); exported: the exported
functions named, each static one left as [module+0xOFFSET].
"""
import sys

want_path, list_path, mode = sys.argv[1:4]
want = dict(l.split() for l in open(want_path))
static = {l.strip() for l in open(want_path.replace(".want", ".static"))}
got = {}
for line in open(list_path):
    key, text = line.rstrip("\n").split("\t", 1)
    got[key] = text.split(":", 3)          # n, NAME, LINE, FILE
assert static and len(static) < len(want), (static, want)
bad = []
for key, name in sorted(want.items()):
    rec = got.get(key)
    if mode == "exported" and name in static:
        ok = rec is not None and rec[1].startswith("[") and \
            rec[1].endswith("]")
    elif mode == "dwarf":
        ok = rec is not None and rec[1] == name and int(rec[2]) > 0 and \
            rec[3].split("/")[-1].startswith("gen")
    else:
        ok = rec is not None and rec[1] == name and \
            not rec[3].endswith(".c")
    if not ok:
        bad.append("%s %s: %s" % (key, name, rec))
if bad:
    sys.exit("%s, %d of %d wrong:\n  %s" % (mode, len(bad), len(want),
                                              "\n  ".join(bad[:8])))
print("%s: %d functions (%d static) as expected" % (mode, len(want),
                                                     len(static)))
