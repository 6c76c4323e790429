"""Records one vmprof log of workload.py with PyPy's built-in recorder.

usage: pypy3 tools/record.py OUT   (from samples/diff) [--period SECONDS] [WORKLOAD ARGS...]

Real-time mode (1000 samples a second at the default 1 ms period), so the
sample count follows the wall-clock length of the run.  The workload is
imported and called directly, which keeps the recording harness to a few
frames at the root of each stack.
"""
import os
import sys

import _vmprof


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out = args.pop(0)
    period = 0.001
    if args[:1] == ["--period"]:
        args.pop(0)
        period = float(args.pop(0))
    # compiled under its bare name, so the log names "workload.py"
    # wherever the recording was made
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(here, "workload.py")) as src:
        code = compile(src.read(), "workload.py", "exec")
    workload = {"__name__": "workload"}
    exec(code, workload)
    fh = open(out, "w+b")
    # fileno, period, memory, lines, native, real_time
    _vmprof.enable(fh.fileno(), period, False, False, False, True)
    try:
        workload["main"](args)
    finally:
        _vmprof.disable()
        fh.close()


if __name__ == "__main__":
    main()
