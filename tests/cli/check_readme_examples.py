"""check_readme_examples.py PROFVIEW README WORKDIR: runs the example
command lines of README.md (indented lines that start with "profview ",
continued by a trailing backslash) in order, in WORKDIR, where samples/
links to the repository's samples and `profview` is PROFVIEW on PATH.

README says which names are placeholders for the reader's own files
(the backquoted names after "placeholders for your own files:"): an
example that names one is not run; every other example must run and exit
0 (1 is allowed with --fail-above, a regression verdict).  Prints one
line per problem and exits 1 if there is any."""
import os
import re
import shlex
import subprocess
import sys

profview, readme, work = sys.argv[1:4]
text = open(readme, encoding="utf-8").read()
m = re.search(r"placeholders\s+for\s+your\s+own\s+files:(.*?)\.\n", text, re.S)
if not m:
    print("README names no placeholders ('placeholders for your own files:')")
    sys.exit(1)
placeholders = re.findall(r"`([^`]+)`", m.group(1))
tools = [p for p in placeholders if " " in p or p.endswith(".pl")]
names = [p for p in placeholders if p not in tools]

examples, cur = [], None
for line in text.split("\n"):
    if cur is not None:
        cur += " " + line.strip().rstrip("\\").strip()
        if not line.rstrip().endswith("\\"):
            examples.append(cur)
            cur = None
        continue
    if line.startswith("    profview ") and not line.startswith("    profview: "):
        body = line[4:].rstrip()
        if body.endswith("\\"):
            cur = body.rstrip("\\").strip()
        else:
            examples.append(body)


def placeholder_in(cmd):
    if any(t in cmd for t in tools):
        return True
    try:
        words = shlex.split(cmd, comments=True)
    except ValueError:
        return True
    for w in words:
        for n in names:
            if w == n or (n.endswith("/") and w.startswith(n)) or \
               w.startswith(n.rstrip("/") + "/") or w.endswith(":" + n) or \
               ("//" + n) in w:
                return True
    return False


os.makedirs(os.path.join(work, "bin"), exist_ok=True)
link = os.path.join(work, "bin", "profview")
if not os.path.lexists(link):
    os.symlink(os.path.abspath(profview), link)
sl = os.path.join(work, "samples")
if not os.path.lexists(sl):
    os.symlink(os.path.abspath("samples"), sl)
env = dict(os.environ, PATH=os.path.join(work, "bin") + ":" + os.environ["PATH"])
problems, ran, skipped = [], 0, 0
for cmd in examples:
    if placeholder_in(cmd):
        skipped += 1
        print("not run (placeholder): %s" % cmd)
        continue
    ran += 1
    r = subprocess.run(["sh", "-c", cmd + " >/dev/null" if ">" not in cmd
                        else cmd], cwd=work, env=env, capture_output=True,
                       text=True, timeout=120)
    ok = r.returncode == 0 or (r.returncode == 1 and "--fail-above" in cmd)
    if not ok:
        problems.append("exit %d: %s: %s" % (r.returncode, cmd,
                                             r.stderr.strip()[:300]))
for p in problems:
    print(p)
print("README examples: %d run, %d with placeholders" % (ran, skipped))
if ran < 20:
    print("too few examples ran")
    sys.exit(1)
sys.exit(1 if problems else 0)
