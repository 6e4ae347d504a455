-- test/bench/pgbench/email_filter.plpgsql.sql
--	First page of the big program filtered by one email (in another case):
--	the PL/pgSQL peer.
SELECT * FROM bench_plpgsql.list_invitations(
    program_key => :pk, email => :email);
