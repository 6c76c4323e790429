#!/bin/sh
# make install / uninstall with PREFIX and DESTDIR: the program, its man
# page and the bash and zsh completions where those tools look, and
# nothing left behind by uninstall.
. tests/cli/lib.sh
out=$TESTS_OUT/t0803
rm -rf "$out"
mkdir -p "$out"
dest=$out/stage
make -s install DESTDIR="$dest" PREFIX=/opt/pv >"$out/install.log" 2>&1 ||
	fail "make install: $(tail -5 "$out/install.log")"
for f in bin/profview share/man/man1/profview.1 \
	share/bash-completion/completions/profview \
	share/zsh/site-functions/_profview; do
	[ -f "$dest/opt/pv/$f" ] || fail "not installed: $f"
done
[ -x "$dest/opt/pv/bin/profview" ] || fail "profview not executable"
"$dest/opt/pv/bin/profview" --version | grep -q '^profview ' ||
	fail "installed profview --version"
"$PROFVIEW" --gen-man | cmp -s - "$dest/opt/pv/share/man/man1/profview.1" ||
	fail "installed man page is not the generated one"
"$PROFVIEW" --gen-completion zsh |
	cmp -s - "$dest/opt/pv/share/zsh/site-functions/_profview" ||
	fail "installed zsh completion is not the generated one"
make -s uninstall DESTDIR="$dest" PREFIX=/opt/pv >"$out/uninstall.log" 2>&1 ||
	fail "make uninstall: $(tail -5 "$out/uninstall.log")"
left=$(find "$dest" -type f)
[ -z "$left" ] || fail "left after uninstall: $left"
# PREFIX defaults to /usr/local
make -s -n install DESTDIR="$dest" | grep -q "$dest/usr/local/bin" ||
	fail "PREFIX does not default to /usr/local"
echo "install and uninstall under DESTDIR and PREFIX ok"
