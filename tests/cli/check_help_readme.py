#!/usr/bin/env python3
"""Checks that the options of every command agree across its option
tables (the C source), its --help text and README.md.

  check_help_readme.py PROFVIEW

For each command `profview help` lists (but help itself):
  - every long option in `profview CMD --help` is accepted by CMD (it is
    not refused as unrecognized);
  - every long option CMD's own option table and its shared option groups
    (cli/parse.c) declare is in its --help;
  - README.md names every option of --help in CMD's own section
    (### CMD) or in a section about shared options (outside the
    per-command sections).
Prints one line per problem and exits 1 when there is any."""
import glob
import re
import subprocess
import sys

OPT = re.compile(r"(?<![\w-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)")
problems = []


def run(*args):
    p = subprocess.run(list(args), capture_output=True, text=True,
                       timeout=60)
    return p.returncode, p.stdout, p.stderr


def commands(prof):
    _, out, _ = run(prof, "help")
    body = out.split("Commands:", 1)[1].split("\n\n", 1)[0]
    names = [ln.split()[0] for ln in body.splitlines() if ln.strip()]
    return [n for n in names if n != "help"]


OPTDECL = re.compile(r'CLI_OPT_(?:FLAG|ARG)\([^,]*,\s*"([a-z0-9-]+)"')


def tables(path):
    """name -> long option names of each `struct cli_option NAME[]` in a
    C file, and the file's text."""
    src = open(path).read()
    out = {}
    for m in re.finditer(r"struct cli_option (\w+)\[\] = \{(.*?)\n\};", src,
                         re.S):
        out[m.group(1)] = OPTDECL.findall(m.group(2))
    return out, src


def declared(cmd):
    """Long options the command's source declares: its own table, and
    the shared groups its entry takes (cli/parse.c), plus those every
    command has."""
    files = [f for f in sorted(glob.glob("cli/*.c"))
             if re.search(r'\.name = "%s",' % cmd, open(f).read())]
    if len(files) != 1:
        problems.append("%s: no single source file declares it (%s)"
                        % (cmd, files))
        return set()
    own, src = tables(files[0])
    shared, psrc = tables("cli/parse.c")
    groups = dict(re.findall(r'\{ CLI_G_([A-Z]+), (?:NULL|"[^"]*"),\s*(\w+_opts)',
                             psrc))
    if "ALWAYS" not in groups or len(groups) < 3:
        problems.append("cli/parse.c: option groups not found")
    names = set(shared.get(groups.get("ALWAYS"), []))
    for t in own.values():
        names.update(t)
    entry = re.search(r'\.name = "%s",(.*?)\n\};' % cmd, src, re.S)
    used = re.search(r"\.groups = ([^;]*?),\n\t\.", entry.group(1), re.S) \
        if entry else None
    for group in re.findall(r"\bCLI_G_([A-Z]+)\b",
                            used.group(1) if used else ""):
        # CLI_G_FORMAT is the three output-form groups together (cli.h)
        for g in (["JSON", "CSV", "COLOR"] if group == "FORMAT" else
                  [group]):
            t = shared.get(groups.get(g, ""))
            if t is None:
                problems.append("%s: no table for CLI_G_%s in cli/parse.c"
                                % (cmd, g))
            else:
                names.update(t)
    return names


def readme_sections(text, cmds):
    """(text of each '### CMD' section, text of the rest of the file)."""
    sections, rest, cur = {}, [], None
    for line in text.splitlines():
        m = re.match(r"(#+) (\S+)", line)
        if m:
            cur = m.group(2) if m.group(1) == "###" and \
                m.group(2) in cmds else None
        if cur:
            sections.setdefault(cur, []).append(line)
        else:
            rest.append(line)
    return {k: "\n".join(v) for k, v in sections.items()}, "\n".join(rest)


def main():
    prof = sys.argv[1]
    cmds = commands(prof)
    sections, shared_text = readme_sections(open("README.md").read(), cmds)
    if len(cmds) < 5:
        problems.append("profview help lists only %s" % cmds)
    checked = 0
    for cmd in cmds:
        rc, help_text, _ = run(prof, cmd, "--help")
        if rc != 0:
            problems.append("%s --help exits %d" % (cmd, rc))
            continue
        in_help = set(OPT.findall(help_text))
        if "help" not in in_help:
            problems.append("%s --help lists no --help" % cmd)
        for o in sorted(declared(cmd) - in_help):
            problems.append("%s: --%s is accepted but not in --help"
                            % (cmd, o))
        if cmd not in sections:
            problems.append("README.md has no '### %s' section" % cmd)
        own = sections.get(cmd, "")
        # the refusal the next check looks for, seen once so that it
        # cannot pass by matching nothing
        _, _, err = run(prof, cmd, "--no-such-option", "/nonexistent.prof")
        if "unknown option '--no-such-option'" not in err:
            problems.append("%s: an unknown option is not refused as "
                            "such: %r" % (cmd, err))
        for o in sorted(in_help):
            rc, _, err = run(prof, cmd, "--" + o, "/nonexistent.prof")
            if "unknown option" in err:
                problems.append("%s --help lists --%s, which it refuses"
                                % (cmd, o))
            if not re.search(r"(?<![\w-])--%s(?![\w-])" % re.escape(o),
                             own + "\n" + shared_text):
                problems.append("%s: --%s is not in README.md (its section "
                                "or the shared options)" % (cmd, o))
            checked += 1
    for p in problems:
        print(p)
    if not problems:
        print("%d commands, %d options: help and README agree"
              % (len(cmds), checked))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
