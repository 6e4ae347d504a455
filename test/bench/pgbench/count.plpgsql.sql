-- test/bench/pgbench/count.plpgsql.sql
--	Count of the big program's invitations: the PL/pgSQL peer.
SELECT bench_plpgsql.count_invitations(program_key => :pk);
