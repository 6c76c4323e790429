#!/usr/bin/env python3
"""Checks that the man page and the bash and zsh completions profview
generates name exactly the options of each command's --help.

  check_man_completion.py PROFVIEW MAN BASH ZSH

For each command `profview help` lists (but help itself): the man page's
section for it (.SS NAME), the bash completion's case for it and the zsh
completion's case for it each hold every long option of
`profview CMD --help`, and no other.  The bash completion is then run
the way bash runs it: the options offered for "--" after the command are
those of --help, and an option whose value is one of a set (--sort
self|total|name) is offered that set.  Prints one line per problem and
exits 1 when there is any."""
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


def man_sections(text):
    out, cur = {}, None
    for line in text.splitlines():
        if line.startswith(".SS "):
            cur = line[4:].strip()
            out[cur] = []
        elif line.startswith(".SH "):
            cur = None
        elif cur:
            out[cur].append(line)
    # the option lines: those after .TP; roff writes '-' as '\-' and
    # switches fonts with \fB, \fI, \fR
    tags = {}
    for k, v in out.items():
        tags[k] = "\n".join(v[i + 1] for i in range(len(v) - 1)
                            if v[i] == ".TP")
        tags[k] = re.sub(r"\\f[BIR]", "", tags[k]).replace("\\-", "-")
    return tags


def cases(text):
    """The text of each `NAME)` case of a shell script's command switch."""
    out = {}
    for m in re.finditer(r"^\t([a-z]+)\)\n(.*?)(?=^\t[a-z*]+\)\n|^\tesac)",
                         text, re.S | re.M):
        out[m.group(1)] = m.group(2)
    return out


def bash_complete(script, words):
    """COMPREPLY of the generated function for the words typed."""
    cmd = 'source "%s"; COMP_WORDS=(%s); COMP_CWORD=%d; _profview; ' \
          'printf "%%s\\n" "${COMPREPLY[@]}"' % (
              script, " ".join("'%s'" % w for w in words), len(words) - 1)
    rc, out, err = run("bash", "-c", cmd)
    if rc:
        problems.append("bash completion failed for %s: %s" % (words, err))
    return set(out.split())


def main():
    prof, man, bash, zsh = sys.argv[1:5]
    man_text = open(man).read()
    bash_text = open(bash).read()
    zsh_text = open(zsh).read()
    if not man_text.startswith(".\\\"") or ".TH PROFVIEW 1" not in man_text:
        problems.append("the man page has no .TH PROFVIEW 1 header")
    for section in ("NAME", "SYNOPSIS", "COMMANDS", "EXIT STATUS"):
        if ".SH %s" % section not in man_text:
            problems.append("the man page lacks .SH %s" % section)
    msec = man_sections(man_text)
    bcase = cases(bash_text)
    zcase = cases(zsh_text)
    cmds = commands(prof)
    if len(cmds) < 5:
        problems.append("profview help lists only %s" % cmds)
    top = bash_complete(bash, ["profview", ""])
    for c in cmds + ["help"]:
        if c not in top:
            problems.append("bash does not complete the command %s" % c)
    checked = 0
    for cmd in cmds:
        _, help_text, _ = run(prof, cmd, "--help")
        want = set(OPT.findall(help_text.split("\n", 1)[1]))
        for name, text in (("man page", msec.get(cmd)),
                           ("bash completion", bcase.get(cmd)),
                           ("zsh completion", zcase.get(cmd))):
            if text is None:
                problems.append("%s has no part for %s" % (name, cmd))
                continue
            got = set(OPT.findall(text))
            for o in sorted(want - got):
                problems.append("%s: %s lacks --%s" % (cmd, name, o))
            for o in sorted(got - want):
                problems.append("%s: %s has --%s, not in --help"
                                % (cmd, name, o))
        offered = {o[2:] for o in bash_complete(bash,
                                                ["profview", cmd, "--"])}
        for o in sorted(want - offered):
            problems.append("%s: bash does not offer --%s" % (cmd, o))
        for m in re.finditer(r"--([a-z-]+) ([a-z0-9-]+(?:\|[a-z0-9-]+)+)\s",
                             help_text):
            vals = bash_complete(bash, ["profview", cmd, "--" + m.group(1),
                                        ""])
            if vals != set(m.group(2).split("|")):
                problems.append("%s --%s: bash offers %s, not %s"
                                % (cmd, m.group(1), sorted(vals),
                                   m.group(2)))
        checked += len(want)
    for p in problems:
        print(p)
    if not problems:
        print("%d commands, %d options: man page and completions agree"
              % (len(cmds), checked))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
