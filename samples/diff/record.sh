#!/bin/sh
# Records the diff samples with PyPy (its vmprof recorder is built in) and
# writes their facts.  Run from anywhere; takes about 20 seconds.
#   base.prof.gz  workload.py as is
#   same.prof.gz  workload.py as is, a second run (noise only)
#   slow.prof.gz  workload.py --slow checksum (checksum does 3x the work)
# Real-time mode at 1 ms: about 1000 samples a second of run time.
set -eu
cd "$(dirname "$0")"
PY=${PY:-pypy3}
for run in base same slow; do
	args=
	[ $run = slow ] && args="--slow checksum"
	# shellcheck disable=SC2086
	$PY tools/record.py $run.prof $args >/dev/null
	gzip -9 -n -f $run.prof
done
python3 tools/facts.py base.prof.gz same.prof.gz slow.prof.gz
