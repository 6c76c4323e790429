#!/bin/sh
# The man page and the bash and zsh completions are generated from the
# option tables: they name exactly the options of each command's --help,
# bash completes options and their fixed values, zsh parses the script.
. tests/cli/lib.sh
out=$TESTS_OUT/t0802
mkdir -p "$out"
"$PROFVIEW" --gen-man >"$out/profview.1" || fail "--gen-man"
"$PROFVIEW" --gen-completion bash >"$out/profview.bash" || fail "bash"
"$PROFVIEW" --gen-completion zsh >"$out/_profview" || fail "zsh"
expect_exit 2 "$PROFVIEW" --gen-completion fish 2>/dev/null
bash -n "$out/profview.bash" || fail "bash completion does not parse"
if command -v zsh >/dev/null; then
	zsh -n "$out/_profview" || fail "zsh completion does not parse"
elif [ "${CI:-}" = true ]; then
	fail "zsh is missing (make test-deps installs it)"
else
	echo "zsh not installed: the zsh script is checked as text only"
fi
if command -v man >/dev/null; then
	MANWIDTH=80 man -l "$out/profview.1" >"$out/man.txt" 2>"$out/man.err" ||
		fail "man cannot format the page: $(cat "$out/man.err")"
	grep -q "EXIT STATUS" "$out/man.txt" || fail "formatted page lacks EXIT STATUS"
fi
python3 tests/cli/check_man_completion.py "$PROFVIEW" "$out/profview.1" \
	"$out/profview.bash" "$out/_profview" ||
	fail "man page, completions and --help disagree"
