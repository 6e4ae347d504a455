-- test/bench/pgbench/metadata_filter.plpgsql.sql
--	First page of the big program filtered by metadata containment (a
--	cohort): the PL/pgSQL peer.
SELECT * FROM bench_plpgsql.list_invitations(
    program_key => :pk, metadata => :meta);
