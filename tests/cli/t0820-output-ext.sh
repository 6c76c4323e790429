#!/bin/sh
# An -o name whose extension names no format the command writes (in this
# run, with these options) is exit status 2 with the formats it does
# write, and nothing is written; --format overrides the extension; text
# commands take any name that names no other format.
. tests/cli/lib.sh
out=$TESTS_OUT/t0820
rm -rf "$out"
mkdir -p "$out"
L=samples/cpython-x86_64/recursion.prof
M=samples/cpython-x86_64/memgrow.prof

refused() {   # NAME WANT CMD...: exit 2, WANT in the message, no NAME
	name=$1 want=$2
	shift 2
	"$PROFVIEW" "$@" -o "$out/$name" >/dev/null 2>"$out/err"
	rc=$?
	[ $rc = 2 ] || fail "'$* -o $name' exited $rc: $(cat "$out/err")"
	grep -qF -- "$want" "$out/err" || fail "'$* -o $name': $(cat "$out/err")"
	[ "$(wc -l <"$out/err")" -le 2 ] || fail "'$*': more than one message"
	[ ! -e "$out/$name" ] || fail "'$* -o $name' wrote it"
	ls -A "$out" | grep -q "^\.$name\." && fail "temporary file left"
	return 0
}
written() {   # NAME CMD...: exit 0 and NAME written
	name=$1
	shift
	"$PROFVIEW" "$@" -o "$out/$name" >/dev/null 2>"$out/err" ||
		fail "'$* -o $name' exited $?: $(cat "$out/err")"
	[ -s "$out/$name" ] || fail "'$* -o $name' wrote nothing"
	rm -f "$out/$name"
}

# images: the extension picks the format, anything else is refused
refused x.gif "SVG (.svg), PNG (.png) or PDF (.pdf)" flame $L
refused x.jpg "SVG (.svg), PNG (.png) or PDF (.pdf)" timeline $L
refused x.txt "SVG (.svg), PNG (.png) or PDF (.pdf)" heatmap $L
refused x.gif "CSV (.csv)" memory $M
refused x.html "SVG (.svg)" flame $L
refused x.xyz "SVG (.svg)" flame $L
refused x.pdf "HTML page (.html, .htm)" report $L
written x.svg flame $L
written x.PNG flame $L
written x.pdf flame $L
written x flame $L
written x.csv memory $M
written x.html report $L
# --format overrides the extension
written x.gif flame --format svg $L
"$PROFVIEW" flame --format png $L -o "$out/x.gif" || fail "--format png"
[ "$(head -c 4 "$out/x.gif" | od -An -c | tr -d ' ')" = '211PNG' ] ||
	fail "--format png wrote no PNG"
rm -f "$out/x.gif"
written x.dat memory --format csv $M

# text views: any name but one that names another format
refused x.svg "text (.txt" top $L
refused x.json "JSON with --json (.json)" top $L
refused x.csv "CSV with --csv (.csv)" top --json $L
refused x.png "text (.txt" tree $L
refused x.html "text (.txt" peek main $L
refused x.svg "text or Markdown" diff $L $L
refused x.txt "SVG flame graph with --flame (.svg)" diff --flame $L $L
refused x.svg "folded stacks text" fold $L
refused x.svg "vmprof log (.prof" merge $L
refused x.svg "JSON with --json" timeline --json $L
written report.txt top $L
written x.out top $L
written x top $L
written x.json top --json $L
written x.csv top --csv $L
written x.txt tree $L
written x.json tree --json $L
written x.md diff --markdown $L $L
written x.svg diff --flame $L $L
written x.folded fold $L
written x.prof merge $L
written x.json timeline --json $L
# export: --format is required and decides; any name
written x.txt export --format json $L
written x.trace export --format chrome-trace $L

# naming an input is said as such, even with a foreign extension
cp $L "$out/in.svg"
"$PROFVIEW" top "$out/in.svg" -o "$out/in.svg" >/dev/null 2>"$out/err"
[ $? = 2 ] && grep -q "would overwrite the input" "$out/err" ||
	fail "input named: $(cat "$out/err")"
cmp -s $L "$out/in.svg" || fail "input changed"

# symbolize may rewrite its log in place whatever the log's name; another
# name with a foreign extension is still refused
S=$TOP/samples/cpython-x86_64
cp "$S/native_calls.prof" "$out/native.json"
"$PROFVIEW" symbolize --quiet --maps "$S/native_calls.maps" \
	--search-dir "$S" -o "$out/native.json" "$out/native.json" ||
	fail "symbolize in place of a .json-named log"
"$PROFVIEW" top "$out/native.json" | grep -q 'cb_middle  *cburn.c:36' ||
	fail "symbolize in place: the copy is not symbolized"
"$PROFVIEW" symbolize --quiet --maps "$S/native_calls.maps" \
	--search-dir "$S" -o "$out/other.json" "$S/native_calls.prof" \
	2>"$out/err"
[ $? = 2 ] && grep -q "is not what symbolize writes" "$out/err" ||
	fail "symbolize -o other.json: $(cat "$out/err")"
exit 0
