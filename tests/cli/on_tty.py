#!/usr/bin/python3
"""on_tty.py CMD...: runs CMD with standard output on a pseudo-terminal
(standard error is kept), prints what it wrote to the terminal to our
standard output, and exits with CMD's exit status.  For tests of what a
command does when its output is a terminal."""
import os
import pty
import sys

err = os.dup(2)
pid, fd = pty.fork()
if pid == 0:
    # the child: stdin and stdout on the pty, stderr back to the caller's
    os.dup2(err, 2)
    os.execvp(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
