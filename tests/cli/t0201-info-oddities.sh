# info reports what the reader accepted but counted as odd: a count other
# than 1, pair-mode samples with an odd slot, unknown PyPy kinds,
# duplicate meta keys, invalid version-7 times, allocation and object
# info records, a memory word missing.  Logs written here by python3.
. tests/cli/lib.sh
out=$TESTS_OUT/t0201
mkdir -p "$out"

python3 - "$out" <<'PY' || fail "writing the logs"
import struct, sys
d = sys.argv[1]

def static(W=8):
    f = '<q' if W == 8 else '<i'
    return b''.join(struct.pack(f, v) for v in (0, 3, 0, 1000, 0))

def header(version, flags, name=b'pypy'):
    return bytes([5, 0, version, flags, len(name)]) + name

def meta(k, v):
    return b'\x07' + struct.pack('<q', len(k)) + k + struct.pack('<q', len(v)) + v

def sample(slots, count=1, thread=0, mem=None, time=None):
    c = struct.pack('<d', time) if time is not None else struct.pack('<q', count)
    b = b'\x01' + c + struct.pack('<q', len(slots))
    b += b''.join(struct.pack('<Q', s) for s in slots)
    b += struct.pack('<Q', thread)
    if mem is not None:
        b += struct.pack('<Q', mem)
    return b

def name(key, text):
    return b'\x02' + struct.pack('<Qq', key, len(text)) + text

trailer = b'\x03' + struct.pack('<qq', 1700000001, 0) + bytes(8)
log = (static() + header(6, 0x08) + meta(b'os', b'linux') +
       meta(b'os', b'win') + name(8, b'py:f:1:x.py') +
       sample([1, 8], count=3) +            # count 3
       sample([1, 8, 1]) +                  # odd slot count
       sample([9, 40, 1, 8]) +              # unknown kind 9
       sample([5, 44, 1, 8]) + trailer)     # gc: a known kind
open(d + '/pypy.prof', 'wb').write(log)

nan = float('nan')
v7 = (static() + header(7, 0x01, b'cpython') +
      meta(b'start_time_offset', b'10.000000') +
      sample([0x1000], time=10.5, mem=5) + sample([0x1000], time=nan, mem=6))
alloc = sample([0x1000], time=11.0, mem=7)
v7 += b'\x09' + alloc[1:]
v7 += b'\x0a' + struct.pack('<dqQ', 0.0, 1, 0x21)
v7 += sample([0x1000], time=11.5) + sample([0x1000], time=12.0, mem=8)
v7 += name(0x1000, b'py:g:2:y.py') + trailer
open(d + '/v7.prof', 'wb').write(v7)
PY

"$PROFVIEW" info --json "$out/pypy.prof" >"$out/pypy.json" 2>"$out/pypy.err" ||
	fail "info pypy.prof: $(cat "$out/pypy.err")"
"$PROFVIEW" info --json "$out/v7.prof" >"$out/v7.json" 2>"$out/v7.err" ||
	fail "info v7.prof: $(cat "$out/v7.err")"
python3 - "$out" <<'PY' || fail "figures differ"
import json, sys
d = sys.argv[1]
want = {
    'pypy': dict(samples=4, count_not_1=1, odd_pair_samples=1,
                 unknown_kinds=1, duplicate_meta=1, invalid_times=0,
                 object_info_records=0, memory_fixups=0, truncated=False,
                 meta={'os': 'linux'}),
    'v7': dict(samples=4, allocation_samples=1, object_info_records=1,
               invalid_times=1, count_not_1=0, memory_fixups=1,
               truncated=False, version=7),
}
bad = 0
for name, keys in want.items():
    got = json.load(open('%s/%s.json' % (d, name)))
    for k, v in keys.items():
        if got.get(k) != v:
            print('%s: %s is %r, expected %r' % (name, k, got.get(k), v))
            bad = 1
sys.exit(bad)
PY
for w in "count other than 1" "odd number of slots" "duplicate meta key 'os'"; do
	grep -q "$w" "$out/pypy.err" || fail "no warning '$w': $(cat "$out/pypy.err")"
done
grep -q "invalid time" "$out/v7.err" || fail "no warning: $(cat "$out/v7.err")"
"$PROFVIEW" info "$out/pypy.prof" 2>/dev/null >"$out/pypy.txt"
grep -q "^  odd          1 samples with a count other than 1, 1 pair-mode samples with an odd slot, 1 PyPy entries of unknown kind, 1 duplicate meta keys$" "$out/pypy.txt" ||
	fail "text: $(cat "$out/pypy.txt")"
"$PROFVIEW" info "$out/v7.prof" 2>/dev/null >"$out/v7.txt"
grep -q "^  samples      4, 1 allocation samples, 1 object info records$" "$out/v7.txt" ||
	fail "text: $(cat "$out/v7.txt")"
echo ok
