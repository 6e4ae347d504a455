#!/usr/bin/env bash
#
# tools/bench.sh
#	The benchmark that `make bench` runs: the extension's C functions
#	against plain SQL (the floor) and a PL/pgSQL peer, on a throwaway
#	cluster of its own.  Owns this script and test/bench/.
#
# Installs what is missing, builds and installs the extension, starts a
# cluster (unix socket only) tuned for a benchmark, loads the data set
# (test/bench/load.sql), loads the PL/pgSQL peer, checks that the three
# ways return the same rows (and stops there when they do not), times each
# operation with pgbench at 1 and 2 clients, prints one table and writes
# it as CSV to test/bench/results/<timestamp>.csv, then runs the memory
# check.  The cluster is stopped and removed whatever happens.
#
# Settings, from the environment:
#	BENCH_ROWS		invitations to load (default 1000000, at least 100000)
#	BENCH_SECONDS		length of each pgbench run (default 8)
#	BENCH_CLIENTS		client counts (default "1 2")
#	BENCH_OPS		operations to time (default: all of all_ops below)
#	BENCH_MEM_CALLS		calls of each read function in the memory check
#				(default 100000, scaled down under 1000000 rows)
#	BENCH_MEM_CREATES	creates in the memory check (default calls / 10)
#	BENCH_DELETE_RATE	deletes a delete run makes per second of
#				BENCH_SECONDS, shared by its clients (default
#				10000): each delete deletes a row made for it
# Quick run: BENCH_ROWS=100000 BENCH_SECONDS=5 make bench

set -euo pipefail
cd "$(dirname "$0")/.."
# Every client connects to the cluster started below, by its socket only.
unset PGHOSTADDR PGSERVICE PGSERVICEFILE

. tools/deps.sh
. tools/cluster.sh

rows=${BENCH_ROWS:-1000000}
seconds=${BENCH_SECONDS:-8}
clients_list=${BENCH_CLIENTS:-1 2}
all_ops="first_page email_filter metadata_filter sort3 page500 page500_cursor count envelope create_new create_upsert delete"
ops=${BENCH_OPS:-$all_ops}
delete_rate=${BENCH_DELETE_RATE:-10000}
ways="plain plpgsql c"

bench_fail() {
	echo "bench: $*" >&2
	exit 1
}

for setting in rows seconds delete_rate; do
	[[ ${!setting} =~ ^[1-9][0-9]*$ ]] || bench_fail "$setting must be a positive integer"
done
[ "$rows" -ge 100000 ] ||
	bench_fail "BENCH_ROWS must be at least 100000 (page 500 of the big program needs 10,000 rows in it)"
for op in $ops; do
	[[ " $all_ops " == *" $op "* ]] || bench_fail "unknown operation \"$op\"; known: $all_ops"
done
if [ "$rows" -ge 1000000 ]; then
	mem_calls=${BENCH_MEM_CALLS:-100000}
else
	mem_calls=${BENCH_MEM_CALLS:-$((rows / 10))}
fi
mem_creates=${BENCH_MEM_CREATES:-$((mem_calls / 10))}

# What each operation is, for the table.
declare -A op_title=(
	[first_page]="first page, -id"
	[email_filter]="email filter"
	[metadata_filter]="metadata filter"
	[sort3]="3-field sort"
	[page500]="page 500 by number"
	[page500_cursor]="page 500 by cursor"
	[count]="count, big program"
	[envelope]="invitation_page"
	[create_new]="create, new row"
	[create_upsert]="create, upsert"
	[delete]="delete"
)

started=$(date +%s)
pi_install_deps
PGBENCH=$PI_PGBIN/pgbench
PSQL=$PI_PGBIN/psql
[ -x "$PGBENCH" ] ||
	bench_fail "pgbench is missing: it ships in Debian's postgresql-15 package (reinstall it with apt-get install --reinstall postgresql-15)"

echo "== build"
make -s
make -s install

work=$(mktemp -d "${TMPDIR:-/tmp}/program_invitations-benchlog.XXXXXX")
bench_done=
bench_cleanup() {
	if [ -z "$bench_done" ] && [ -n "${PI_CLUSTER_DIR:-}" ] &&
		[ -s "$PI_CLUSTER_DIR/server.log" ]; then
		echo "== bench failed; the end of the server log:" >&2
		tail -n 20 "$PI_CLUSTER_DIR/server.log" >&2
	fi
	pi_cluster_stop || true
	rm -rf "$work"
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== cluster"
pi_cluster_start bench
psql_db() {
	"$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"
}
# A benchmark's settings: the data set fits in shared buffers, plans are
# costed for memory-resident data, no JIT, no checkpoint during a run.
# fsync is already off (tools/cluster.sh); autovacuum stays on.
for setting in "shared_buffers = '2GB'" "effective_cache_size = '12GB'" \
	"maintenance_work_mem = '1GB'" "work_mem = '32MB'" \
	"max_wal_size = '16GB'" "min_wal_size = '1GB'" \
	"checkpoint_timeout = '30min'" "random_page_cost = 1.1" \
	"jit = off" "track_io_timing = on"; do
	psql_db -d postgres -c "ALTER SYSTEM SET $setting"
done
# pg_ctl restart keeps the options the cluster was started with.
pi_as_owner "$PI_PGBIN/pg_ctl" -D "$PI_CLUSTER_DIR/data" -w -t 120 \
	-l "$PI_CLUSTER_DIR/server.log" restart >/dev/null
psql_db -d postgres -c 'CREATE DATABASE bench'
psql_db -d bench -c 'CREATE EXTENSION program_invitations' \
	-c 'CREATE EXTENSION pg_prewarm'

echo "== load: $rows invitations"
t0=$(date +%s)
psql_db -d bench -v rows="$rows" -f test/bench/load.sql >/dev/null
psql_db -d bench -f test/bench/plpgsql_peer.sql
psql_db -d bench -f test/bench/prepare.sql
psql_db -d bench -At -c "SELECT count(pg_prewarm(c.oid)) FROM pg_class c
	JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = 'program_invitations' AND c.relkind IN ('r', 'i')" >/dev/null
echo "loaded in $(($(date +%s) - t0)) s: $(psql_db -d bench -At -c \
	"SELECT pg_size_pretty(pg_total_relation_size('program_invitations.invitations'))") with indexes"

echo "== correctness check"
if ! psql_db -d bench -f test/bench/check.sql; then
	bench_fail "correctness check failed: the three ways disagree; nothing was timed"
fi

# The parameters every run gets, as pgbench variables.
IFS='|' read -r p_pk p_email p_meta p_wpk p_last_id p_cur_c p_cur_p p_del_org p_pool \
	< <(psql_db -d bench -At -F '|' -c "SELECT pk, email, meta, wpk, last_id,
		cur_c, cur_p, del_org, upsert_pool FROM bench.params")
vars=(-D "pk=$p_pk" -D "email=$p_email" -D "meta=$p_meta" -D "wpk=$p_wpk"
	-D "last_id=$p_last_id" -D "cur_c=$p_cur_c" -D "cur_p=$p_cur_p"
	-D "del_org=$p_del_org" -D "upsert_pool=$p_pool")

# run_one OP WAY CLIENTS runs one pgbench and prints "tps p50_ms p99_ms
# transactions"; a run that failed prints "error".  A delete run is the
# one not bounded in time: each of its clients makes a fixed number of
# transactions (-t), one per row made for it beforehand, so that every
# transaction deletes a row that exists.
run_one() {
	local op=$1 way=$2 clients=$3
	local dir=$work/$op.$way.c$clients
	local length=(-T "$seconds") extra=() per_client base
	rm -rf "$dir"
	mkdir -p "$dir"
	if [ "$op" = delete ]; then
		# Client c deletes ids base + c * per_client + 1, + 2, ...
		per_client=$((seconds * delete_rate / clients))
		base=$(psql_db -d bench -At -c \
			"SELECT bench.make_delete_pool($((per_client * clients)))")
		length=(-t "$per_client")
		extra=(-D i=0 -D "del_base=$base" -D "del_stride=$per_client")
	fi
	if ! "$PGBENCH" -n -M prepared -c "$clients" -j "$clients" "${length[@]}" \
		"${vars[@]}" "${extra[@]}" -l --log-prefix="$dir/tx" \
		-f "test/bench/pgbench/$op.$way.sql" bench >"$dir/out" 2>&1; then
		echo "pgbench failed for $op $way, $clients clients:" >&2
		tail -n 5 "$dir/out" >&2
		echo error
		return 0
	fi
	local tps
	tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$dir/out")
	[ -n "$tps" ] || { echo error; return 0; }
	cat "$dir"/tx.* | awk '{ print $3 }' | sort -n | awk -v tps="$tps" '
		{ v[NR] = $1 }
		END {
			if (NR == 0) { print "error"; exit }
			i50 = int(NR * 0.50); if (i50 < NR * 0.50) i50++
			i99 = int(NR * 0.99); if (i99 < NR * 0.99) i99++
			printf "%s %.3f %.3f %d\n", tps, v[i50] / 1000, v[i99] / 1000, NR
		}'
}

echo "== timing: pgbench -n -M prepared -T $seconds (deletes: -t), clients: $clients_list"
declare -A result
for op in $ops; do
	for clients in $clients_list; do
		for way in $ways; do
			result[$op.$way.$clients]=$(run_one "$op" "$way" "$clients")
			printf '  %-16s %-8s %s client(s): %s\n' "$op" "$way" "$clients" \
				"${result[$op.$way.$clients]}"
		done
	done
done

# field KEY N prints field N of a result (1 tps, 2 p50, 3 p99), or "-".
field() {
	local value=${result[$1]:-error}
	if [ "$value" = error ]; then
		echo -
	else
		echo "$value" | awk -v n="$2" '{ print $n }'
	fi
}
# tps KEY prints a result's TPS rounded, or "-".
tps() {
	field "$1" 1 | awk '{ if ($1 == "-") print "-"; else printf "%.0f\n", $1 }'
}
# ratio OP CLIENTS WAY prints C's TPS over WAY's with two decimals, or "-".
ratio() {
	awk -v a="$(field "$1.c.$2" 1)" -v b="$(field "$1.$3.$2" 1)" 'BEGIN {
		if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f\n", a / b }'
}

mkdir -p test/bench/results
csv=test/bench/results/$(date -u +%Y%m%dT%H%M%SZ).csv
echo "rows,seconds,operation,way,clients,tps,p50_ms,p99_ms,transactions,c_over_plain,c_over_plpgsql" >"$csv"
for op in $ops; do
	for way in $ways; do
		for clients in $clients_list; do
			value=${result[$op.$way.$clients]:-error}
			r_plain="" r_peer=""
			if [ "$way" = c ]; then
				r_plain=$(ratio "$op" "$clients" plain)
				r_peer=$(ratio "$op" "$clients" plpgsql)
			fi
			if [ "$value" = error ]; then
				echo "$rows,$seconds,$op,$way,$clients,error,,,,," >>"$csv"
			else
				echo "$rows,$seconds,$op,$way,$clients,${value// /,},$r_plain,$r_peer" >>"$csv"
			fi
		done
	done
done

c1=$(echo "$clients_list" | awk '{ print $1 }')
c2=$(echo "$clients_list" | awk '{ print $NF }')
echo
echo "== results: $rows invitations, pgbench -n -M prepared, $seconds s per run, $(nproc) cores"
echo "   TPS at $c1 and $c2 clients, latency p50/p99 in ms, C/x: C's TPS over x's (at $c1 | $c2 clients)"
printf '%-19s %-8s %8s %8s %17s %17s %12s %12s\n' operation way "tps c$c1" "tps c$c2" \
	"p50/p99 c$c1" "p50/p99 c$c2" "C/plain" "C/PL/pgSQL"
for op in $ops; do
	for way in $ways; do
		title="" r_plain="" r_peer=""
		[ "$way" = plain ] && title=${op_title[$op]}
		if [ "$way" = c ]; then
			r_plain="$(ratio "$op" "$c1" plain) | $(ratio "$op" "$c2" plain)"
			r_peer="$(ratio "$op" "$c1" plpgsql) | $(ratio "$op" "$c2" plpgsql)"
		fi
		printf '%-19s %-8s %8s %8s %17s %17s %12s %12s\n' "$title" "$way" \
			"$(tps "$op.$way.$c1")" "$(tps "$op.$way.$c2")" \
			"$(field "$op.$way.$c1" 2)/$(field "$op.$way.$c1" 3)" \
			"$(field "$op.$way.$c2" 2)/$(field "$op.$way.$c2" 3)" \
			"$r_plain" "$r_peer"
	done
done | sed 's/ *$//'
cat <<'EOF'

   plain: the one statement a DBA would write for that call (no validation);
   for page 500 by cursor it is "id < the last id of page 499", and its
   envelope's links are written for that one call.  PL/pgSQL: the peer in
   test/bench/plpgsql_peer.sql, with its own keyset cursor (not OFFSET).
   Creates of new rows use a new random email each; upserts pick one of
   1,000 open invitations; each delete deletes a row made for it before
   the run, so delete runs make a fixed number of transactions (-t, about
   BENCH_SECONDS long) instead of -T.  Reads run before writes; for each
   operation and client count the ways run one after another.
EOF
echo "CSV: $csv"

echo
echo "== memory: $mem_calls calls of each read function, $mem_creates creates (and as many"
echo "   through the PL/pgSQL peer, as the reference), in one session"
mem_csv=${csv%.csv}-memory.csv
echo "function,calls,growth_in_transaction_bytes,growth_after_commit_bytes,verdict" >"$mem_csv"
psql_db -d bench -v calls="$mem_calls" -v creates="$mem_creates" \
	-f test/bench/memory.sql | grep , >>"$mem_csv"
tail -n +2 "$mem_csv" | awk -F, '{
	printf "  %-26s %7d calls: %+9.1f kB in the transaction, %+9.1f kB after it  %s\n",
		$1, $2, $3 / 1024, $4 / 1024, $5 }'
echo "CSV: $mem_csv"

bench_done=1
errors=$(grep -c ',error,' "$csv" || true)
echo
echo "== took $(($(date +%s) - started)) s"
[ "$errors" -eq 0 ] || bench_fail "$errors run(s) failed (see above)"
