-- test/bench/pgbench/first_page.c.sql
--	First page (20 rows, sort -id) of the big program: the extension's C
--	function.
SELECT * FROM program_invitations.list_invitations(program_key => :pk);
