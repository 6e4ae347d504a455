-- test/bench/pgbench/create_new.c.sql
--	Create of a new invitation (a random new email) in the write program:
--	the extension's C function.
\set n random(1, 1000000000000000)
SELECT * FROM program_invitations.create_invitation(
    program_key => :wpk,
    email => 'Bench.New.' || :client_id::int || '.' || :n::bigint ||
             '@Bench.Example.com',
    source => 'bench', metadata => '{"cohort": "bench"}');
