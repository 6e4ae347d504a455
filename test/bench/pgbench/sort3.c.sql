-- test/bench/pgbench/sort3.c.sql
--	First page of the big program sorted by three fields: the extension's
--	C function.
SELECT * FROM program_invitations.list_invitations(
    program_key => :pk, sort => '-created,email,source');
