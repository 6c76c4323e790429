"""Validates speedscope files against speedscope's own JSON Schema (the
file-format-schema.json its npm package ships) with a real validator
(Debian's python3-jsonschema; run it with /usr/bin/python3).

usage: check_speedscope_schema.py SCHEMA FILE...

First makes sure the validator rejects what the schema forbids (a wrong
unit, a sample frame that is a string, a missing field), so a schema that
failed to load or a validator that accepts anything cannot pass.  Then
every FILE must be valid.  Exit 1 with the first error."""
import copy
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)


def errors(doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.path))


files = sys.argv[2:]
assert files, "no file to check"
first = json.load(open(files[0]))
assert first.get("profiles"), "%s: no profile" % files[0]
for what, spoil in (
        ("unit 'ms'", lambda d: d["profiles"][0].__setitem__("unit", "ms")),
        ("a string frame index",
         lambda d: d["profiles"][0]["samples"].append(["0"])),
        ("no shared frames", lambda d: d.pop("shared")),
        ("a frame without a name",
         lambda d: d["shared"]["frames"].append({"file": "x.py"}))):
    bad = copy.deepcopy(first)
    spoil(bad)
    if not errors(bad):
        sys.exit("the validator accepts %s: schema not in force" % what)

for f in files:
    doc = json.load(open(f))
    errs = errors(doc)
    if errs:
        # the deepest reason: a profile matches no variant of anyOf
        e = jsonschema.exceptions.best_match(errs)
        while e.context:
            e = jsonschema.exceptions.best_match(e.context)
        sys.exit("%s: not valid for speedscope's schema at %s: %s" %
                 (f, "/".join(str(p) for p in e.absolute_path) or "(top)",
                  e.message[:300]))
print("%d speedscope files valid" % len(files))
