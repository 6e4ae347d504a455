-- memory.sql: backend memory stays flat across many calls.
--
-- After one warm-up round (which prepares and keeps each statement's plan),
-- 10,000 calls of each read function (list, count, page, page by cursor)
-- and 10,000 creates (half new rows, half upserts of an open row) must
-- leave the backend's memory contexts within 1 MB of where they started.
-- A leak of even 100 bytes a call would show as 1 MB here.
BEGIN;
SELECT plan(3);

CREATE EXTENSION program_invitations;
DO $$
BEGIN
    PERFORM program_invitations.upsert_program('mem+a', 'mem');
    PERFORM program_invitations.create_invitation('mem+a',
                email => 'seed' || g || '@example.com',
                metadata => jsonb_build_object('cohort', (g % 3)::text))
       FROM generate_series(1, 200) g;
END $$;

CREATE FUNCTION pg_temp.backend_bytes() RETURNS bigint
LANGUAGE sql AS $$
    SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts
$$;

CREATE FUNCTION pg_temp.read_calls(n integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    cursor_text text := (program_invitations.invitation_page(
        program_key => 'mem+a', page_size => 5))->>'next_cursor';
BEGIN
    FOR i IN 1 .. n LOOP
        PERFORM count(*) FROM program_invitations.list_invitations(
            program_key => 'mem+a', email => 'Seed' || (i % 200) || '@Example.com',
            sort => 'email,-created', page_size => 10);
        PERFORM program_invitations.count_invitations(
            program_key => 'mem+a', metadata => '{"cohort": "1"}');
        PERFORM program_invitations.invitation_page(
            program_key => 'mem+a', page => 1 + i % 5, page_size => 20,
            verbose => true);
        PERFORM program_invitations.invitation_page(
            program_key => 'mem+a', page_size => 5, cursor => cursor_text);
    END LOOP;
END $$;

CREATE FUNCTION pg_temp.create_calls(n integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. n LOOP
        PERFORM program_invitations.create_invitation('mem+a',
            email => CASE WHEN i % 2 = 0 THEN 'new' || i || '@example.com'
                          ELSE 'SEED' || (i % 200) || '@example.com' END,
            source => 'memory', metadata => jsonb_build_object('n', i));
    END LOOP;
END $$;

SELECT pg_temp.read_calls(1);
SELECT pg_temp.create_calls(2);
SELECT pg_temp.backend_bytes() AS before_reads \gset
SELECT pg_temp.read_calls(10000);
SELECT diag('growth over the reads: ' ||
            (pg_temp.backend_bytes() - :before_reads) || ' bytes');
SELECT cmp_ok(pg_temp.backend_bytes() - :before_reads, '<', 1048576::bigint,
              '40,000 read calls grow backend memory by less than 1 MB');

SELECT pg_temp.backend_bytes() AS before_creates \gset
SELECT pg_temp.create_calls(10000);
SELECT diag('growth over the creates: ' ||
            (pg_temp.backend_bytes() - :before_creates) || ' bytes');
SELECT cmp_ok(pg_temp.backend_bytes() - :before_creates, '<', 1048576::bigint,
              '10,000 creates grow backend memory by less than 1 MB');

SELECT is(program_invitations.count_invitations(program_key => 'mem+a'),
          200::bigint + 5000,
          'the creates made 5,000 rows and upserted the other 5,000');

SELECT * FROM finish();
ROLLBACK;
