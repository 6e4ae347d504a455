-- test/bench/pgbench/envelope.c.sql
--	First page of the big program as the JSON envelope (count, links,
--	cursor, results): the extension's C function.
SELECT program_invitations.invitation_page(program_key => :pk);
