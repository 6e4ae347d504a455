-- test/bench/pgbench/page500_cursor.plpgsql.sql
--	Page 500 of the big program by keyset cursor (the peer's own
--	next_cursor of page 499): the PL/pgSQL peer.
SELECT * FROM bench_plpgsql.list_invitations(
    program_key => :pk, cursor => :cur_p);
