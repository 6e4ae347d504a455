-- test/bench/pgbench/sort3.plpgsql.sql
--	First page of the big program sorted by three fields: the PL/pgSQL peer.
SELECT * FROM bench_plpgsql.list_invitations(
    program_key => :pk, sort => '-created,email,source');
