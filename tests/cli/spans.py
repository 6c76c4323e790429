"""Sample spans computed from profview's JSON export and `info --json`,
independently of the exporters: the rule README states for timed exports.

A log's slot is its period (times recorded with each sample, version 7)
or the spacing of the spread (duration / samples).  A sample starts at its
time, or where the thread's previous sample ended if that is later, and
lasts until the thread's next sample when that comes within 1.5 slots,
else one slot; nothing runs past the log's end."""


def slot_ns(info):
    period = info["period_usec"] * 1000 if info["period_usec"] > 0 else 10**6
    if info["sample_times"] == "spread" and info["samples"]:
        dur = int(round(info["duration_sec"] * 1e9))
        return max(dur // info["samples"], 1)
    return period


def end_ns(info):
    if info.get("duration_sec") is None:
        return None
    return int(round(info["duration_sec"] * 1e9))


def thread_spans(times, info):
    """[(start, end, index)] in ns for one thread's sample times (s)."""
    slot, end = slot_ns(info), end_ns(info)
    out, cursor = [], 0
    ts = [int(round(t * 1e9)) for t in times]
    for i, t in enumerate(ts):
        s = max(t, cursor)
        e = s + slot
        if i + 1 < len(ts) and ts[i + 1] >= s and (ts[i + 1] - s) * 2 <= slot * 3:
            e = ts[i + 1]
        if end is not None:
            s, e = min(s, end), min(e, end)
        out.append((s, e, i))
        cursor = e
    return out
