-- test/bench/pgbench/email_filter.c.sql
--	First page of the big program filtered by one email (in another case):
--	the extension's C function.
SELECT * FROM program_invitations.list_invitations(
    program_key => :pk, email => :email);
