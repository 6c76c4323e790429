# diff on the recorded pairs in samples/diff: the run where checksum was
# made slower is flagged (and fails --fail-above), the unchanged rerun is
# not; figures agree with the facts measured by tools/facts.py.
. tests/cli/lib.sh
out=$TESTS_OUT/t0701
mkdir -p "$out"
S=samples/diff

# the regression: flagged, first line a verdict, exit 1 with --fail-above
expect_exit 0 "$PROFVIEW" diff $S/base.prof.gz $S/slow.prof.gz >"$out/slow.txt"
head -n 1 "$out/slow.txt" | grep -q '^profview diff: .*significant change' ||
	fail "verdict: $(head -n 1 "$out/slow.txt")"
grep -q '^ .* + checksum  workload.py:' "$out/slow.txt" ||
	fail "checksum not flagged: $(cat "$out/slow.txt")"
expect_exit 1 "$PROFVIEW" diff --fail-above 5 $S/base.prof.gz $S/slow.prof.gz \
	>"$out/fail.txt"
head -n 1 "$out/fail.txt" |
	grep -q '^profview diff: FAIL: 1 function grew more than 5 points.*checksum +2[0-9]\.' ||
	fail "fail verdict: $(head -n 1 "$out/fail.txt")"

# the unchanged rerun: nothing flagged, exit 0
expect_exit 0 "$PROFVIEW" diff --fail-above 5 $S/base.prof.gz $S/same.prof.gz \
	>"$out/same.txt"
head -n 1 "$out/same.txt" | grep -q '^profview diff: PASS' ||
	fail "same verdict: $(head -n 1 "$out/same.txt")"
expect_exit 0 "$PROFVIEW" diff --json $S/base.prof.gz $S/same.prof.gz >"$out/same.json"
expect_exit 0 "$PROFVIEW" diff --json $S/base.prof.gz $S/slow.prof.gz >"$out/slow.json"
expect_exit 1 "$PROFVIEW" diff --json --fail-above 5 --base $S/base.prof.gz \
	--base $S/same.prof.gz $S/slow.prof.gz >"$out/merged.json"
expect_exit 0 "$PROFVIEW" diff --json --absolute $S/base.prof.gz $S/slow.prof.gz \
	>"$out/abs.json"

python3 - "$out" $S <<'PY' || fail "JSON checks"
import json, sys
out, S = sys.argv[1], sys.argv[2]
facts = {n: json.load(open("%s/%s.facts.json" % (S, n)))
         for n in ("base", "same", "slow")}
def fn(n, name):
    return [f for f in facts[n]["functions"]
            if f["name"] == name and f["file"] == "workload.py"][0]
def load(name):
    d = json.load(open("%s/%s.json" % (out, name)))
    return d, {f["name"]: f for f in d["functions"]}
bad = []
def check(cond, msg):
    if not cond:
        bad.append(msg)

d, rows = load("same")
check(d["grew"] == 0 and d["shrank"] == 0, "same: flagged %s" %
      [f["name"] for f in d["functions"] if f["flag"] != "none"])
check(d["correction"] == "holm", "correction")
check(d["verdict"].startswith("profview diff: no significant change"),
      d["verdict"])

d, rows = load("slow")
c = rows["checksum"]
check(c["flag"] == "grew" and c["significant"], "checksum not flagged")
check(c["q_total"] < 1e-6, "checksum q %g" % c["q_total"])
check(d["functions"][0]["name"] == "checksum", "checksum not first")
check(d["grew"] == 1, "only checksum grew: %d" % d["grew"])
# every workload function's samples agree with the independent parse
for side, log in (("base", "base"), ("new", "slow")):
    check(d[side + "_samples"] == facts[log]["stack_samples"],
          "%s samples" % side)
    for name, r in rows.items():
        if r["file"] != "workload.py" or not r[side]["present"]:
            continue
        f = fn(log, name)
        check(r[side]["total_samples"] == f["total"] and
              r[side]["self_samples"] == f["self"],
              "%s %s: %d/%d, facts %d/%d" % (side, name,
              r[side]["total_samples"], r[side]["self_samples"],
              f["total"], f["self"]))
        share = 100.0 * f["total"] / facts[log]["stack_samples"]
        check(abs(r[side]["total_pct"] - share) < 1e-9, "share " + name)
want = (100.0 * fn("slow", "checksum")["total"] / facts["slow"]["stack_samples"]
        - 100.0 * fn("base", "checksum")["total"] / facts["base"]["stack_samples"])
check(abs(c["delta_total"] - want) < 1e-9, "delta %g, want %g" %
      (c["delta_total"], want))

d, rows = load("merged")
check(d["base_samples"] == facts["base"]["stack_samples"] +
      facts["same"]["stack_samples"], "merged base samples")
check(rows["checksum"]["base"]["total_samples"] ==
      fn("base", "checksum")["total"] + fn("same", "checksum")["total"],
      "merged checksum")
check(d["regression"] and d["failures"] == 1, "merged verdict")

d, rows = load("abs")
check(d["mode"] == "absolute", "mode")
c = rows["checksum"]
check(c["flag"] == "grew", "absolute: checksum")
check(abs(c["new"]["total_sec"] - fn("slow", "checksum")["total"] / 1000.0)
      < 1e-9, "absolute seconds")
for msg in bad:
    print(msg)
sys.exit(1 if bad else 0)
PY

# the filters apply to both sides
"$PROFVIEW" diff --json --ignore '^checksum$' $S/base.prof.gz $S/slow.prof.gz \
	>"$out/ign.json" || fail "ignore"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = json.load(open(sys.argv[2]))
c = [x["total"] for x in f["functions"] if x["name"] == "checksum"][0]
assert "checksum" not in [r["name"] for r in d["functions"]], "still there"
assert d["base_samples"] == f["stack_samples"] - c, d["base_samples"]
' "$out/ign.json" $S/base.facts.json || fail "ignore did not apply to the base"

# markdown: verdict first, one table row per function shown
"$PROFVIEW" diff --markdown --limit 3 $S/base.prof.gz $S/slow.prof.gz \
	>"$out/md" || fail "markdown"
head -n 1 "$out/md" | grep -q '^\*\*profview diff: ' || fail "markdown verdict"
[ "$(grep -c '^| ' "$out/md")" = 4 ] || fail "markdown rows: $(cat "$out/md")"
grep -q '^| 🔺 | `checksum` `workload.py:' "$out/md" || fail "markdown flag"
echo "diff flags the slowed function and passes the unchanged rerun"
