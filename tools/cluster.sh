#!/usr/bin/env bash
#
# tools/cluster.sh
#	Starts and stops a throwaway PostgreSQL 15 cluster for the demo and
#	the tests.
#
# The cluster lives in a fresh temporary folder, is owned by the postgres
# user when run as root, is UTF-8 with the C.UTF-8 locale, and listens only
# on a unix socket inside that folder (no TCP at all).  Sourced by demo.sh
# and test.sh, which call pi_cluster_start and pi_cluster_stop.

PI_PGBIN=/usr/lib/postgresql/15/bin

# Runs a command as the cluster's owner: postgres when we are root.
pi_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

# Creates and starts a cluster; exports PGHOST, PGPORT, PGUSER and
# PI_CLUSTER_DIR for the clients that follow.
pi_cluster_start() {
	local label=${1:-cluster}
	PI_CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/program_invitations-$label.XXXXXX")
	chmod 755 "$PI_CLUSTER_DIR"
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres: "$PI_CLUSTER_DIR"
	fi
	pi_as_owner "$PI_PGBIN/initdb" -D "$PI_CLUSTER_DIR/data" -U postgres \
		-E UTF8 --locale=C.UTF-8 --auth=trust >"$PI_CLUSTER_DIR/initdb.log" 2>&1 || {
		cat "$PI_CLUSTER_DIR/initdb.log" >&2
		return 1
	}
	pi_as_owner "$PI_PGBIN/pg_ctl" -D "$PI_CLUSTER_DIR/data" -w -t 60 \
		-l "$PI_CLUSTER_DIR/server.log" \
		-o "-c listen_addresses='' -k $PI_CLUSTER_DIR -p 5432 -c fsync=off" \
		start >/dev/null || {
		cat "$PI_CLUSTER_DIR/server.log" >&2
		return 1
	}
	export PGHOST=$PI_CLUSTER_DIR PGPORT=5432 PGUSER=postgres
	export PI_CLUSTER_DIR
}

# Stops the cluster started by pi_cluster_start and removes its folder.
pi_cluster_stop() {
	[ -n "${PI_CLUSTER_DIR:-}" ] || return 0
	[ -d "$PI_CLUSTER_DIR/data" ] &&
		pi_as_owner "$PI_PGBIN/pg_ctl" -D "$PI_CLUSTER_DIR/data" -m fast \
			-w stop >/dev/null 2>&1
	rm -rf "$PI_CLUSTER_DIR"
	PI_CLUSTER_DIR=
}
