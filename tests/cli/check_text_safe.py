#!/usr/bin/python3
"""check_text_safe.py FILE...: each file is valid UTF-8 and holds no C0
control but the newline (and no tab), no DEL and no C1 control: text a
terminal shows without running anything in it.  Exits 1 naming the first
offence."""
import re
import sys

bad = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        sys.exit("%s: not UTF-8 at byte %d" % (path, e.start))
    m = bad.search(text)
    if m:
        sys.exit("%s: control U+%04X at character %d: %r" %
                 (path, ord(m.group()), m.start(),
                  text[max(0, m.start() - 20):m.start() + 20]))
