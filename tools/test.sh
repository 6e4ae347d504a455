#!/usr/bin/env bash
#
# tools/test.sh
#	Runs every test of program_invitations: pg_regress, pgTAP and the
#	isolation specs, against a throwaway cluster of its own.
#
# Installs what is missing first, builds with warnings as errors, and ends
# with one line "N passed, M failed" that counts every test of every kind:
# each pg_regress file, each pgTAP assertion and each isolation spec.  The
# cluster is stopped whatever happens; the exit status is non-zero on any
# failure.

set -uo pipefail
cd "$(dirname "$0")/.."
. tools/deps.sh
. tools/cluster.sh

pi_install_deps || exit 1

started=$(date +%s)
log=$(mktemp -d "${TMPDIR:-/tmp}/program_invitations-testlog.XXXXXX")
trap 'pi_cluster_stop; rm -rf "$log"' EXIT

echo "== build (warnings are errors)"
make -s clean >/dev/null
if ! make -s COPT='-Werror' >"$log/build" 2>&1 || ! make -s install >>"$log/build" 2>&1; then
	cat "$log/build"
	echo "0 passed, 1 failed"
	exit 1
fi
[ -s "$log/build" ] && cat "$log/build"

pi_cluster_start test || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0

echo "== pg_regress and isolation"
rm -rf results regression.diffs regression.out test/isolation/results \
	test/isolation/regression.diffs test/isolation/regression.out
make -s installcheck >"$log/regress" 2>&1
regress_status=$?
cat "$log/regress"
# PostgreSQL 15's pg_regress prints one line per test ending in ok or FAILED.
r_ok=$(grep -cE '^(test| +| ?permutation)? *[a-z0-9_-]+ +\.\.\. ok' "$log/regress")
r_bad=$(grep -cE '\.\.\. FAILED' "$log/regress")
r_bad_ign=$(grep -cE '\.\.\. failed \(ignored\)' "$log/regress")
passed=$((passed + r_ok))
failed=$((failed + r_bad + r_bad_ign))
if [ "$regress_status" -ne 0 ] && [ "$r_bad" -eq 0 ]; then
	failed=$((failed + 1))
fi
for diffs in regression.diffs test/isolation/regression.diffs; do
	[ -s "$diffs" ] && { echo "-- $diffs"; head -200 "$diffs"; }
done

echo "== pgTAP"
psql -X -q -d postgres -c 'CREATE DATABASE pi_tap' >/dev/null
psql -X -q -d pi_tap -c 'CREATE EXTENSION pgtap' >/dev/null
pg_prove --verbose -d pi_tap test/pgtap/*.sql >"$log/tap" 2>&1
tap_status=$?
grep -vE '^ok ' "$log/tap"
t_ok=$(grep -cE '^ *ok [0-9]+' "$log/tap")
t_bad=$(grep -cE '^ *not ok [0-9]+' "$log/tap")
passed=$((passed + t_ok))
failed=$((failed + t_bad))
if [ "$tap_status" -ne 0 ] && [ "$t_bad" -eq 0 ]; then
	failed=$((failed + 1))
fi

echo "== took $(( $(date +%s) - started )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
