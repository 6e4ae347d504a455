-- test/bench/pgbench/create_upsert.c.sql
--	Create that updates an open invitation (the upsert path), from a pool
--	of open emails, given in another case: the extension's C function.
\set k random(1, :upsert_pool)
SELECT * FROM program_invitations.create_invitation(
    program_key => :wpk,
    email => 'UPSERT.' || :k::int || '@pool.EXAMPLE.com',
    source => 'bench-upsert', metadata => '{"touched": "yes"}');
