-- test/bench/pgbench/first_page.plpgsql.sql
--	First page (20 rows, sort -id) of the big program: the PL/pgSQL peer.
SELECT * FROM bench_plpgsql.list_invitations(program_key => :pk);
