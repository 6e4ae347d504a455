/*
 * test/bench/memory.sql
 *      The benchmark's memory check: in one session, many calls of each
 *      read function of the extension and many creates, comparing the
 *      backend's memory (the sum of total_bytes of
 *      pg_backend_memory_contexts) before and after.  Growth over 1 MB is
 *      flagged: memory that outlives a call, in a long-lived context or in
 *      the transaction's, would show here.
 *
 * psql variables: calls (default 100000) calls of each read function and
 * creates (default 10000) creates.  Every shape of statement is used
 * before measuring, so that the plans the extension keeps per backend
 * already exist; the calls then vary the program (among the small ones),
 * the page, the sort (among four), the filters and verbose.  Each
 * function's calls run in one statement, so in one transaction: growth is
 * measured at its end (inside the transaction) and once it committed.
 * The creates alternate new emails and upserts of the pool's open ones,
 * in the write program; tools/bench.sh runs this check last.
 *
 * Many writes in one transaction grow it by PostgreSQL's own bookkeeping
 * (the foreign keys' AfterTriggerEvents and the Combo CIDs of rows updated
 * twice), about 70 bytes a create, freed at commit: so the same creates
 * through the PL/pgSQL peer are measured too, as the reference.
 */

\set ON_ERROR_STOP on
\if :{?calls}
\else
\set calls 100000
\endif
\if :{?creates}
\else
\set creates 10000
\endif
SET client_min_messages = warning;
/* Only the result lines are printed. */
\o /dev/null

CREATE TEMP TABLE memory_result (
    what        text PRIMARY KEY,
    calls       bigint,
    in_xact     bigint      -- growth at the end of the calls' transaction
);

CREATE FUNCTION pg_temp.backend_bytes() RETURNS bigint
LANGUAGE sql AS $$
    SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts
$$;

/* Call k of what: a small program, one of four sorts, a page. */
CREATE FUNCTION pg_temp.one_call(what text, k bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    p           bigint := 26 + k % 4975;
    program_key text := pg_catalog.format('org%s+program-%s',
                            pg_catalog.lpad(((p - 1) % 50 + 1)::text, 2, '0'),
                            pg_catalog.lpad(p::text, 4, '0'));
    sort        text := (ARRAY['-id', 'email', '-created,source', 'expired'])[1 + k % 4];
    page        integer := 1 + (k / 4) % 3;
    metadata    jsonb := CASE WHEN k % 8 = 0 THEN '{"cohort": "2021-fall"}' END;
    active      boolean := CASE WHEN k % 8 = 4 THEN true END;
BEGIN
    IF what = 'list_invitations' THEN
        PERFORM FROM program_invitations.list_invitations(
            program_key => program_key, metadata => metadata, active => active,
            sort => sort, page => page, page_size => 10);
    ELSIF what = 'count_invitations' THEN
        PERFORM program_invitations.count_invitations(
            program_key => program_key, metadata => metadata, active => active);
    ELSIF what = 'invitation_page' THEN
        PERFORM program_invitations.invitation_page(
            program_key => program_key, metadata => metadata, active => active,
            sort => sort, page => page, page_size => 10,
            verbose => k % 2 = 0);
    ELSIF what = 'plpgsql create_invitation' THEN
        PERFORM bench_plpgsql.create_invitation(
            program_key => (SELECT wpk FROM bench.params),
            email => CASE WHEN k % 2 = 0
                          THEN 'Memory.Peer.' || k || '.' || pg_backend_pid() ||
                               '@Bench.Example.com'
                          ELSE 'upsert.' || (1 + k % 1000) || '@pool.example.com'
                     END,
            source => 'memory-check',
            metadata => jsonb_build_object('round', k % 7));
    ELSE
        PERFORM program_invitations.create_invitation(
            program_key => (SELECT wpk FROM bench.params),
            email => CASE WHEN k % 2 = 0
                          THEN 'Memory.' || k || '.' || pg_backend_pid() ||
                               '@Bench.Example.com'
                          ELSE 'upsert.' || (1 + k % 1000) || '@pool.example.com'
                     END,
            source => 'memory-check',
            metadata => jsonb_build_object('round', k % 7));
    END IF;
END
$$;

/* measure makes n calls of what and records the growth inside them. */
CREATE FUNCTION pg_temp.measure(what text, n bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    before bigint := pg_temp.backend_bytes();
BEGIN
    FOR k IN 1 .. n LOOP
        PERFORM pg_temp.one_call(what, k);
    END LOOP;
    INSERT INTO memory_result VALUES (what, n, pg_temp.backend_bytes() - before);
END
$$;

/* Warm up: every shape once, and the check's own statements. */
SELECT count(*) FROM (SELECT pg_temp.one_call(w, k)
                        FROM unnest(ARRAY['list_invitations', 'count_invitations',
                                          'invitation_page', 'create_invitation',
                                          'plpgsql create_invitation'])
                             AS w,
                             generate_series(1, 64) AS k) s \gset warm_
SELECT pg_temp.measure('warm-up', 0);
DELETE FROM memory_result;

SELECT pg_temp.backend_bytes() AS before_list \gset
SELECT pg_temp.measure('list_invitations', :calls);
SELECT pg_temp.backend_bytes() AS after_list \gset

SELECT pg_temp.backend_bytes() AS before_count \gset
SELECT pg_temp.measure('count_invitations', :calls);
SELECT pg_temp.backend_bytes() AS after_count \gset

SELECT pg_temp.backend_bytes() AS before_page \gset
SELECT pg_temp.measure('invitation_page', :calls);
SELECT pg_temp.backend_bytes() AS after_page \gset

SELECT pg_temp.backend_bytes() AS before_create \gset
SELECT pg_temp.measure('create_invitation', :creates);
SELECT pg_temp.backend_bytes() AS after_create \gset

SELECT pg_temp.backend_bytes() AS before_peer \gset
SELECT pg_temp.measure('plpgsql create_invitation', :creates);
SELECT pg_temp.backend_bytes() AS after_peer \gset

/* One line per function: name, calls, growth inside, growth after, flag. */
\o
\pset tuples_only on
\pset format unaligned
\pset fieldsep ','
SELECT m.what, m.calls, m.in_xact, a.after_xact,
       CASE WHEN greatest(m.in_xact, a.after_xact) > 1024 * 1024
            THEN 'OVER 1 MB' ELSE 'ok' END
  FROM memory_result m
  JOIN (VALUES ('list_invitations', :after_list - :before_list),
               ('count_invitations', :after_count - :before_count),
               ('invitation_page', :after_page - :before_page),
               ('create_invitation', :after_create - :before_create),
               ('plpgsql create_invitation', :after_peer - :before_peer))
       AS a(what, after_xact) ON a.what = m.what
 ORDER BY array_position(ARRAY['list_invitations', 'count_invitations',
                               'invitation_page', 'create_invitation',
                               'plpgsql create_invitation'], m.what);
