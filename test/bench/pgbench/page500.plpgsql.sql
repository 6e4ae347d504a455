-- test/bench/pgbench/page500.plpgsql.sql
--	Page 500 of the big program by page number (OFFSET 9,980): the
--	PL/pgSQL peer.
SELECT * FROM bench_plpgsql.list_invitations(program_key => :pk, page => 500);
