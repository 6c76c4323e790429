# export --format pprof, read by Google's pprof built here from Debian's
# sources (golang-github-google-pprof-dev, GOPATH mode, no network; built
# once into $BUILD/tools): on every sample log, pprof -top equals profview
# top and pprof -traces equals profview fold (tests/cli/check_pprof.py);
# native frames carry their module's mapping with its build id.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/t0408
mkdir -p "$O"
tools=$TOP/$BUILD/tools
pprof=$tools/pprof
if [ ! -x "$pprof" ]; then
	src=/usr/share/gocode/src/github.com/google/pprof
	if ! command -v go >/dev/null || [ ! -d "$src" ]; then
		[ "${CI:-}" = true ] && fail "go or pprof's sources missing (make deps)"
		skip "go or golang-github-google-pprof-dev missing: skipped"
	fi
	mkdir -p "$tools"
	GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE=$tools/gocache \
		GOFLAGS= go build -o "$pprof.tmp" github.com/google/pprof ||
		fail "building pprof"
	mv "$pprof.tmp" "$pprof"
fi
run_pprof() { HOME=$O PPROF_TMPDIR=$O "$pprof" "$@"; }

check() {
	log=$1; shift
	"$P" export --format pprof --quiet "$log" "$@" -o "$O/p.pb.gz" ||
		fail "export pprof $log"
	gzip -t "$O/p.pb.gz" || fail "$log: not gzip"
	run_pprof -top -filefunctions -sample_index=samples -nodecount=1000000 \
		-nodefraction=0 -edgefraction=0 "$O/p.pb.gz" >"$O/top.txt" \
		2>"$O/err" || fail "pprof -top $log: $(cat "$O/err")"
	run_pprof -traces -sample_index=samples "$O/p.pb.gz" >"$O/traces.txt" \
		2>"$O/err" || fail "pprof -traces $log: $(cat "$O/err")"
	"$P" top --json --limit 0 --quiet "$log" "$@" >"$O/top.json" ||
		fail "top $log"
	"$P" fold --quiet "$log" "$@" >"$O/fold.txt" || fail "fold $log"
	"$P" export --format json --quiet "$log" "$@" -o "$O/p.json" ||
		fail "json $log"
	python3 tests/cli/check_pprof.py "$O/top.txt" "$O/traces.txt" \
		"$O/top.json" "$O/fold.txt" "$O/p.json" ||
		fail "pprof disagrees with profview on $log $*"
}
for log in $(ls samples/*/*.prof samples/*/*.prof.zst samples/*/*.prof.gz); do
	check "$log"
done
# native frames: the module's mapping, where it was loaded, its build id
d=samples/cpython-x86_64
check $d/native_calls.prof --maps $d/native_calls.maps --search-dir $d
run_pprof -raw "$O/p.pb.gz" >"$O/raw.txt" 2>/dev/null || fail "pprof -raw"
want=$(readelf -n $d/libcburn.so | sed -n 's/.*Build ID: *//p')
[ -n "$want" ] || fail "libcburn.so has no build id to compare"
grep -q "^[0-9]*: 0x[0-9a-f]*/0x[0-9a-f]*/0x[0-9a-f]* [^ ]*libcburn.so $want" \
	"$O/raw.txt" || fail "no mapping of libcburn.so with build id $want"
# the sample type follows the mode: wall time for real-time logs
run_pprof -raw "$O/p.pb.gz" | grep -q "cpu/nanoseconds" ||
	fail "a CPU-time log is not cpu/nanoseconds"
"$P" export --format pprof $d/sleepy-realtime.prof -o "$O/w.pb.gz" ||
	fail "export realtime"
run_pprof -raw "$O/w.pb.gz" 2>/dev/null | grep -q "wall/nanoseconds" ||
	fail "a real-time log is not wall/nanoseconds"
echo "pprof agrees"
