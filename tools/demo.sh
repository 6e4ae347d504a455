#!/usr/bin/env bash
#
# tools/demo.sh
#	The demo that `make demo` runs: installs what is missing, builds and
#	installs the extension, starts a throwaway cluster, creates database
#	"demo" and runs demo/demo.sql in it.  Owns this script and demo/.
#
# On success the cluster is left running so that one can look around, and
# the script prints how to reach it and how to get rid of it.  On failure
# the cluster is stopped and its folder removed, and the exit status is
# non-zero.

set -euo pipefail

# demo.sql reads its CSV files by paths relative to the repository root.
cd "$(dirname "$0")/.."

. tools/deps.sh
. tools/cluster.sh

pi_install_deps

make -s
make -s install

demo_done=
# Runs at every exit: a failed demo must not leave a server behind.
demo_cleanup() {
	[ -n "$demo_done" ] && return 0
	if [ -n "${PI_CLUSTER_DIR:-}" ] && [ -s "$PI_CLUSTER_DIR/server.log" ]; then
		# The server's view of the failure (a crash shows only here).
		echo "== demo failed; the end of the server log:" >&2
		tail -n 20 "$PI_CLUSTER_DIR/server.log" >&2
	fi
	pi_cluster_stop || true
}
trap demo_cleanup EXIT
# An interrupted demo exits, so that the EXIT trap stops the cluster too.
trap 'exit 130' INT
trap 'exit 143' TERM

pi_cluster_start demo

"$PI_PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c 'CREATE DATABASE demo'
"$PI_PGBIN/psql" -X -v ON_ERROR_STOP=1 -d demo -f demo/demo.sql

demo_done=1

if [ "$(id -u)" -eq 0 ]; then
	stop="runuser -u postgres -- $PI_PGBIN/pg_ctl -D $PI_CLUSTER_DIR/data stop"
else
	stop="$PI_PGBIN/pg_ctl -D $PI_CLUSTER_DIR/data stop"
fi
cat <<EOF

The demo cluster is still running (unix socket only, no TCP). To look around:
	psql -h $PI_CLUSTER_DIR -p 5432 -U postgres -d demo
To stop it and remove its folder$([ "$(id -u)" -eq 0 ] && echo ' (as root)'):
	$stop && rm -rf $PI_CLUSTER_DIR
EOF
