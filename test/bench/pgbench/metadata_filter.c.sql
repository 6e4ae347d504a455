-- test/bench/pgbench/metadata_filter.c.sql
--	First page of the big program filtered by metadata containment (a
--	cohort): the extension's C function.
SELECT * FROM program_invitations.list_invitations(
    program_key => :pk, metadata => :meta);
