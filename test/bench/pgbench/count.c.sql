-- test/bench/pgbench/count.c.sql
--	Count of the big program's invitations: the extension's C function.
SELECT program_invitations.count_invitations(program_key => :pk);
