#!/bin/sh
# Turns a JavaScript file into a C string literal (one "line\n" per line),
# so a renderer can embed its script: js2c.sh IN.js > OUT.h
sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$/\\n"/' "$1"
