-- test/bench/pgbench/page500.c.sql
--	Page 500 of the big program by page number (OFFSET 9,980): the
--	extension's C function.
SELECT * FROM program_invitations.list_invitations(
    program_key => :pk, page => 500);
