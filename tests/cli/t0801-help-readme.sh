#!/bin/sh
# Every command `profview help` lists: each long option its --help shows
# is accepted, each option its source defines (its own table and the
# shared groups it takes) is in its --help, and README.md names each
# option of --help in the command's section or among the shared options.
# The README's example commands run as written on samples/, but for those
# that name a placeholder README lists.
. tests/cli/lib.sh
python3 tests/cli/check_help_readme.py "$PROFVIEW" ||
	fail "help texts, option tables and README.md disagree"
out=$TESTS_OUT/t0801
rm -rf "$out"
mkdir -p "$out"
/usr/bin/python3 tests/cli/check_readme_examples.py "$PROFVIEW" README.md \
	"$out" || fail "README examples"
exit 0
