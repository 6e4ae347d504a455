-- test/bench/pgbench/page500_cursor.c.sql
--	Page 500 of the big program by keyset cursor (the next_cursor of page
--	499): the extension's C function.
SELECT * FROM program_invitations.list_invitations(
    program_key => :pk, cursor => :cur_c);
