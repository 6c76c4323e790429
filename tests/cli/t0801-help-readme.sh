#!/bin/sh
# Every command `profview help` lists: each long option its --help shows
# is accepted, each option its source defines (its own table and the
# shared groups it takes) is in its --help, and README.md names each
# option of --help in the command's section or among the shared options.
. tests/cli/lib.sh
python3 tests/cli/check_help_readme.py "$PROFVIEW" ||
	fail "help texts, option tables and README.md disagree"
