"""A fixed amount of CPU-bound work for the diff samples: a toy build step
that tokenizes text, hashes the tokens, sorts records and renders a report.

usage: workload.py [--rounds N] [--slow FUNC]

--slow FUNC makes one function do about three times its usual work (the
deliberate regression the diff tests must find); the rest is unchanged, so
the two runs do the same work apart from that one function.
"""
import sys

WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda "
         "mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega").split()


def make_text(n, seed):
    out = []
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7fffffff
        out.append(WORDS[x % len(WORDS)])
    return " ".join(out)


def tokenize(text, extra):
    tokens = []
    for _ in range(extra):
        tokens = []
        word = []
        for ch in text:
            if ch == " ":
                tokens.append("".join(word))
                word = []
            else:
                word.append(ch)
        tokens.append("".join(word))
    return tokens


def checksum(tokens, extra):
    h = 0
    for _ in range(extra):
        h = 0
        for seed in range(3):
            for t in tokens:
                for ch in t:
                    h = (h * 31 + ord(ch) + seed) & 0xffffffff
    return h


def sort_records(tokens, extra):
    recs = []
    for _ in range(extra):
        recs = sorted((len(t), t, i % 97)
                      for i, t in enumerate(tokens[::4]))
    return recs


def render(recs, extra):
    size = 0
    for _ in range(extra):
        parts = []
        for n, t, k in recs:
            parts.append("%s=%d/%d" % (t, n, k))
        size = len(",".join(parts))
    return size


def main(argv):
    rounds = 500
    slow = None
    while argv:
        opt = argv.pop(0)
        if opt == "--rounds":
            rounds = int(argv.pop(0))
        elif opt == "--slow":
            slow = argv.pop(0)
        else:
            sys.exit(__doc__)

    def work(name):
        return 3 if name == slow else 1

    total = 0
    for r in range(rounds):
        text = make_text(20000, r + 1)
        tokens = tokenize(text, work("tokenize"))
        total += checksum(tokens, work("checksum"))
        recs = sort_records(tokens, work("sort_records"))
        total += render(recs, work("render"))
    print(total & 0xffff)


if __name__ == "__main__":
    main(sys.argv[1:])
