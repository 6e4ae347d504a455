#!/usr/bin/env bash
#
# tools/deps.sh
#	Installs, from Debian's packages, what building and testing
#	program_invitations needs, when it is missing.
#
# The server and its development headers are installed together so that
# the module is built against the very release that loads it.  Sourced by
# demo.sh and test.sh; also runnable alone.

PI_PACKAGES=(
	make gcc libc6-dev libicu-dev pkg-config
	postgresql-15 postgresql-server-dev-15 postgresql-contrib
	postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl
)

# Prints the installed version of a package, or nothing.  Never fails:
# dpkg-query exits 1 for a package that is not there, which must not end a
# caller running under "set -e -o pipefail".
pi_pkg_version() {
	{ dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' "$1" 2>/dev/null ||
		true; } | awk '$1 == "ii" { print $2 }'
}

pi_install_deps() {
	local missing=() pkg server dev
	for pkg in "${PI_PACKAGES[@]}"; do
		[ -n "$(pi_pkg_version "$pkg")" ] || missing+=("$pkg")
	done
	server=$(pi_pkg_version postgresql-15)
	dev=$(pi_pkg_version postgresql-server-dev-15)
	if [ -n "$server" ] && [ -n "$dev" ] && [ "$server" != "$dev" ]; then
		echo "postgresql-15 $server and its headers $dev differ; aligning them"
		missing+=(postgresql-15 postgresql-server-dev-15)
	fi
	[ ${#missing[@]} -eq 0 ] && return 0

	if [ "$(id -u)" -ne 0 ]; then
		echo "missing packages: ${missing[*]}" >&2
		echo "run this as root, or install them with apt-get first" >&2
		return 1
	fi
	echo "installing from Debian's packages: ${missing[*]}"
	if [ -z "$server" ]; then
		# Debian creates and starts a system cluster "main" on
		# localhost:5432 when it installs a server; this project starts
		# its own throwaway clusters and wants no server listening on TCP.
		mkdir -p /etc/postgresql-common/createcluster.d
		cat >/etc/postgresql-common/createcluster.d/program_invitations.conf <<-EOF
		# Written by program_invitations' tools/deps.sh: its tests and demo
		# run clusters of their own, so no system cluster is wanted.
		create_main_cluster = false
		EOF
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	pi_install_deps
fi
