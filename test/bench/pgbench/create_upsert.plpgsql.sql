-- test/bench/pgbench/create_upsert.plpgsql.sql
--	Create that updates an open invitation (the upsert path), from a pool
--	of open emails, given in another case: the PL/pgSQL peer.
\set k random(1, :upsert_pool)
SELECT * FROM bench_plpgsql.create_invitation(
    program_key => :wpk,
    email => 'UPSERT.' || :k::int || '@pool.EXAMPLE.com',
    source => 'bench-upsert', metadata => '{"touched": "yes"}');
