# Output files: written beside the target under a temporary name and
# renamed when complete, so a failed write leaves the old file; a symlink
# stays a symlink and its target is written; a FIFO (a special file) is
# written in place, never replaced; -o naming an input is exit 2 with the
# input untouched; a write error is one line and exit 5; PNG and PDF are
# not written to a terminal.  Every command that writes a file.
. tests/cli/lib.sh
P=$PROFVIEW
O=$TESTS_OUT/t0911
rm -rf "$O"
mkdir -p "$O"
S=samples/cpython-x86_64
LOG=$S/callpaths-lines.prof
MEM=$S/memgrow.prof
NAT=$S/native_calls.prof
SYM="--maps $S/native_calls.maps --search-dir $S"

# command lines writing to -o FILE (FILE is appended), one per line
cmds() {
	cat <<EOC
top $LOG
top --csv $LOG
tree $LOG
tree --json $LOG
lines $LOG main
export --format json $LOG
export --format speedscope $LOG
export --format vmprof-web $LOG
export --format pprof $LOG
export --format callgrind $LOG
export --format chrome-trace $LOG
peek main $LOG
memory $MEM
memory --format png $MEM
memory --format csv $MEM
report $LOG
diff $LOG $S/callpaths-lines.prof
diff --flame $LOG $LOG
flame $LOG
flame --format png $LOG
flame --format pdf $LOG
timeline $LOG
timeline --json $LOG
heatmap $LOG
heatmap --format png $LOG
fold $LOG
symbolize $NAT $SYM
EOC
}

n=0
cmds | while read -r cmd; do
	n=$((n + 1))
	d=$O/c$n
	mkdir -p "$d"
	# a failed write (the file size limit, as a full disk would) leaves
	# the old file as it was and no temporary file beside it
	printf 'OLD\n' >"$d/old"
	chmod 640 "$d/old"
	# (stderr through a pipe: the limit applies to every file written)
	(trap '' XFSZ; ulimit -f 0; "$P" $cmd --quiet -o "$d/old" \
		>/dev/null; echo "exit $?") 2>&1 | cat >"$d/out"
	grep -v '^exit ' "$d/out" >"$d/err"
	rc=$(sed -n 's/^exit //p' "$d/out")
	rm "$d/out"
	[ $rc = 5 ] || fail "$cmd: a write over the size limit exited $rc: $(cat "$d/err")"
	[ "$(cat "$d/old")" = OLD ] || fail "$cmd: the old file was damaged"
	[ "$(wc -l <"$d/err")" = 1 ] || fail "$cmd: want one error line: $(cat "$d/err")"
	grep -q "^profview: $d/old: cannot write: " "$d/err" ||
		fail "$cmd: $(cat "$d/err")"
	[ "$(ls -A "$d")" = "err
old" ] || fail "$cmd: left behind: $(ls -A "$d")"
	# a complete write replaces it, keeping its permission bits
	"$P" $cmd --quiet -o "$d/old" >/dev/null 2>&1 || fail "$cmd -o"
	[ "$(cat "$d/old")" != OLD ] || fail "$cmd: not written"
	[ "$(stat -c %a "$d/old")" = 640 ] || fail "$cmd: mode $(stat -c %a "$d/old")"
	mv "$d/old" "$d/want"

	# a symlink stays a symlink; the file it names is written
	printf 'OLD\n' >"$d/target"
	ln -s target "$d/link"
	"$P" $cmd --quiet -o "$d/link" >/dev/null 2>&1 || fail "$cmd -o link"
	[ -L "$d/link" ] || fail "$cmd: the symlink was replaced"
	case $cmd in
	*pdf*) [ "$(head -c 4 "$d/target")" = %PDF ] ;;   # dated
	*) cmp -s "$d/target" "$d/want" ;;
	esac || fail "$cmd: the link's target differs"
	# a dangling symlink: its target is created
	ln -s made "$d/dangling"
	"$P" $cmd --quiet -o "$d/dangling" >/dev/null 2>&1 || fail "$cmd -o dangling"
	[ -L "$d/dangling" ] && [ -s "$d/made" ] || fail "$cmd: dangling link"

	# a FIFO is written in place and stays a FIFO
	mkfifo "$d/fifo"
	cat "$d/fifo" >"$d/fromfifo" &
	reader=$!
	"$P" $cmd --quiet -o "$d/fifo" >/dev/null 2>&1 || fail "$cmd -o fifo"
	wait $reader
	[ -p "$d/fifo" ] || fail "$cmd: the FIFO was replaced"
	[ -s "$d/fromfifo" ] || fail "$cmd: nothing came through the FIFO"

	# -o naming an input (itself, or through a symlink): exit 2, the
	# input untouched
	set -- $cmd
	shift
	cp "$LOG" "$d/in.prof"
	ln -s in.prof "$d/in-link"
	for o in "$d/in.prof" "$d/in-link"; do
		case $cmd in symbolize*) break ;; esac
		"$P" $(echo "$cmd" | sed "s#$LOG#$d/in.prof#") -o "$o" \
			>/dev/null 2>"$d/err"
		rc=$?
		case $cmd in
		memory*) ;;   # memgrow.prof is the input, not in.prof
		*) [ $rc = 2 ] || fail "$cmd -o an input exited $rc"
		   cmp -s "$d/in.prof" "$LOG" || fail "$cmd: the input was overwritten"
		   grep -q "would overwrite the input" "$d/err" ||
			fail "$cmd: $(cat "$d/err")" ;;
		esac
	done
	# a write error on standard output: one line, exit 5
	case $cmd in
	symbolize*|*png*|*pdf*) ;;
	*) "$P" $cmd --quiet >/dev/full 2>"$d/err"
	   rc=$?
	   [ $rc = 5 ] || fail "$cmd >/dev/full exited $rc"
	   [ "$(cat "$d/err")" = "profview: standard output: cannot write: No space left on device" ] ||
		fail "$cmd >/dev/full: $(cat "$d/err")" ;;
	esac
	echo "ok: $cmd"
done || exit 1

# memory's input check, and --maps counts as an input
cp "$MEM" "$O/m.prof"
expect_exit 2 "$P" memory "$O/m.prof" -o "$O/m.prof" 2>/dev/null
cmp -s "$O/m.prof" "$MEM" || fail "memory overwrote its input"
cp $S/native_calls.maps "$O/n.maps"
expect_exit 2 "$P" top $NAT --maps "$O/n.maps" --search-dir $S -o "$O/n.maps" 2>/dev/null
cmp -s "$O/n.maps" $S/native_calls.maps || fail "top overwrote --maps"
# info writes to standard output only: one line on a write error
"$P" info "$LOG" >/dev/full 2>"$O/err"
[ $? = 5 ] && [ "$(wc -l <"$O/err")" = 1 ] || fail "info >/dev/full: $(cat "$O/err")"

# -o /dev/stdout into a pipe: written in place (the kernel's link to the
# pipe names no file), nothing created
(cd "$O" && "$P" top "$TOP/$LOG" -o /dev/stdout | grep -q main) ||
	fail "-o /dev/stdout into a pipe"
[ -z "$(ls "$O" | grep pipe)" ] || fail "-o /dev/stdout created $(ls "$O" | grep pipe)"

# PNG and PDF never go to a terminal: exit 2 and a hint to use -o
for cmd in "flame --format png $LOG" "flame --format pdf $LOG" \
	   "memory --format png $MEM" "memory --format pdf $MEM" \
	   "heatmap --format png $LOG" "timeline --format pdf $LOG"; do
	/usr/bin/python3 tests/cli/on_tty.py "$P" $cmd >"$O/tty" 2>"$O/err"
	rc=$?
	[ $rc = 2 ] || fail "$cmd on a terminal exited $rc"
	[ ! -s "$O/tty" ] || fail "$cmd wrote to the terminal"
	grep -q -- "-o FILE" "$O/err" || fail "$cmd: no hint: $(cat "$O/err")"
done
# text views still write to a terminal
/usr/bin/python3 tests/cli/on_tty.py "$P" top "$LOG" >"$O/tty" 2>"$O/err" ||
	fail "top on a terminal: $(cat "$O/err")"
grep -q "main" "$O/tty" || fail "top wrote nothing to the terminal"
echo ok
