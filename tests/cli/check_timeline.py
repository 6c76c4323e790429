"""Checks `profview timeline --json` against an independent computation
from `profview export --format json` (the model's tables and per-sample
times) and `profview info --json`.

usage: check_timeline.py TIMELINE.json EXPORT.json INFO.json TOP [--all]

--all: no filter was applied, so each thread's samples must equal what
info counts for it.
"""
import json
import math
import sys
from collections import Counter, defaultdict


def main():
    tl = json.load(open(sys.argv[1]))
    ex = json.load(open(sys.argv[2]))
    infos = [json.loads(l) for l in open(sys.argv[3]) if l.strip()]
    top = int(sys.argv[4])
    unfiltered = '--all' in sys.argv[5:]
    errors = []

    funcs = ex['funcs']
    frames = ex['frames']
    stacks = ex['stacks']

    def key(fi):
        f = funcs[fi]
        return '%s %s:%d' % (f['name'], f['file'] or f['module'], f['line'])

    def leaf(si):
        return None if si < 0 else frames[stacks[si][1]]['func']

    # self samples per function over every sample, and the top N
    self_n = Counter()
    for th in ex['threads']:
        for s in th['samples']:
            fi = leaf(s)
            if fi is not None:
                self_n[fi] += 1
    order = sorted(self_n, key=lambda f: (-self_n[f], funcs[f]['name'],
                                          funcs[f]['file'], funcs[f]['line']))
    topk = {key(f) for f in order[:top]}

    B = tl['bucket_sec']
    by_number = {t['thread']: t for t in tl['threads']}
    want_threads = [t for t in ex['threads'] if t['samples']]
    if sorted(by_number) != sorted(t['number'] for t in want_threads):
        errors.append('threads %s, export has %s' % (
            sorted(by_number), [t['number'] for t in want_threads]))
    starts = [b['start'] for t in tl['threads'] for b in t['buckets']]
    t0 = min(starts) if starts else 0.0
    for th in want_threads:
        got = by_number.get(th['number'])
        if not got:
            continue
        if got['samples'] != len(th['samples']):
            errors.append('thread %d: %d samples, export has %d' % (
                th['number'], got['samples'], len(th['samples'])))
        if sum(b['samples'] for b in got['buckets']) != got['samples']:
            errors.append('thread %d: buckets sum to %d, not %d' % (
                th['number'], sum(b['samples'] for b in got['buckets']),
                got['samples']))
        if got['id'] != th['raw_id']:
            errors.append('thread %d: id %s, export %s' % (
                th['number'], got['id'], th['raw_id']))
        # per bucket: samples and top functions.  Export times are
        # rounded to the microsecond, so a sample within 1 us of a
        # boundary may fall on either side: those are counted apart.
        want = defaultdict(Counter)
        fuzzy = 0
        base = math.floor(t0 / B + 1e-9)
        for s, t in zip(th['samples'], th['times']):
            k = math.floor(t / B) - base
            if abs(t / B - round(t / B)) * B < 1.5e-6:
                fuzzy += 1
            want[k]['#'] += 1
            fi = leaf(s)
            if fi is not None and key(fi) in topk:
                want[k][key(fi)] += 1
        have = defaultdict(Counter)
        for b in got['buckets']:
            k = round(b['start'] / B) - base
            have[k]['#'] += b['samples']
            for name, n in b['functions'].items():
                if name not in topk:
                    errors.append('bucket %g: %s is not a top function'
                                  % (b['start'], name))
                have[k][name] += n
            if sum(b['functions'].values()) > b['samples']:
                errors.append('bucket %g: functions exceed samples'
                              % b['start'])
        diff = sum(abs(want[k][n] - have[k][n])
                   for k in set(want) | set(have)
                   for n in set(want[k]) | set(have[k]))
        if diff > 4 * fuzzy:
            errors.append('thread %d: bucket counts differ by %d (%d '
                          'samples at a boundary)' % (th['number'], diff,
                                                      fuzzy))
        # totals per function do not depend on boundaries
        tot_w, tot_h = Counter(), Counter()
        for k in want:
            tot_w.update(want[k])
        for k in have:
            tot_h.update(have[k])
        if tot_w != tot_h:
            errors.append('thread %d: function totals %s, expected %s' % (
                th['number'], dict(tot_h), dict(tot_w)))
    if unfiltered:
        info_n = {t['number']: t['samples']
                  for i in infos for t in i['thread_list']}
        for n, t in by_number.items():
            if t['samples'] != info_n.get(n):
                errors.append('thread %d: %d samples, info says %s' % (
                    n, t['samples'], info_n.get(n)))
        if sum(info_n.values()) != sum(t['samples'] for t in tl['threads']):
            errors.append('total %d, info says %d' % (
                sum(t['samples'] for t in tl['threads']),
                sum(info_n.values())))
    for e in errors[:20]:
        print(sys.argv[1] + ': ' + e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
