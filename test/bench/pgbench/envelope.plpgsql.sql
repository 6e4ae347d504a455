-- test/bench/pgbench/envelope.plpgsql.sql
--	First page of the big program as the JSON envelope (count, links,
--	cursor, results): the PL/pgSQL peer.
SELECT bench_plpgsql.invitation_page(program_key => :pk);
