/*
 * test/bench/check.sql
 *      The benchmark's correctness check, run before any timing: the
 *      three ways (the extension's C functions, the PL/pgSQL peer and plain
 *      SQL) must return the same rows for the calls the benchmark times,
 *      and the C and the peer must agree on a wider sample (every sort
 *      field in both directions, filters, page numbers, cursor walks
 *      through NULLs, the envelope's links, create, upsert and delete).
 *
 * Needs load.sql, plpgsql_peer.sql and prepare.sql.  Prints one line per
 * failed comparison and ends with an error when any failed; the writes it
 * makes are rolled back.
 */

\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE TEMP TABLE check_result (
    n       serial,
    label   text NOT NULL,
    ok      boolean NOT NULL,
    detail  text
);

/* same records one comparison of the ways' answers. */
CREATE FUNCTION pg_temp.same(label text, c anyelement, other anyelement,
                             plain anyelement DEFAULT NULL)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO check_result (label, ok, detail)
    SELECT label,
           c IS NOT DISTINCT FROM other
           AND (plain IS NULL OR c IS NOT DISTINCT FROM plain),
           CASE WHEN c IS DISTINCT FROM other
                     OR (plain IS NOT NULL AND c IS DISTINCT FROM plain)
                THEN pg_catalog.format('C: %s / PL/pgSQL: %s / plain: %s',
                         pg_catalog.left(c::text, 300),
                         pg_catalog.left(other::text, 300),
                         pg_catalog.left(plain::text, 300))
           END
$$;

/* The ids of one page of each way. */
CREATE FUNCTION pg_temp.c_ids(program_key text, org text, email text,
    source text, active boolean, metadata jsonb, sort text, page int,
    page_size int, cursor text DEFAULT NULL)
RETURNS bigint[] LANGUAGE sql AS $$
    SELECT ARRAY(SELECT l.id FROM program_invitations.list_invitations(
        program_key => program_key, org => org, email => email,
        source => source, active => active, metadata => metadata,
        sort => sort, page => page, page_size => page_size,
        cursor => cursor) l)
$$;

CREATE FUNCTION pg_temp.p_ids(program_key text, org text, email text,
    source text, active boolean, metadata jsonb, sort text, page int,
    page_size int, cursor text DEFAULT NULL)
RETURNS bigint[] LANGUAGE sql AS $$
    SELECT ARRAY(SELECT l.id FROM bench_plpgsql.list_invitations(
        program_key => program_key, org => org, email => email,
        source => source, active => active, metadata => metadata,
        sort => sort, page => page, page_size => page_size,
        cursor => cursor) l)
$$;

/* The whole rows of one page, C and peer. */
CREATE FUNCTION pg_temp.c_rows(program_key text, sort text, page int)
RETURNS program_invitations.invitation[] LANGUAGE sql AS $$
    SELECT ARRAY(SELECT l FROM program_invitations.list_invitations(
        program_key => program_key, sort => sort, page => page) l)
$$;

CREATE FUNCTION pg_temp.p_rows(program_key text, sort text, page int)
RETURNS program_invitations.invitation[] LANGUAGE sql AS $$
    SELECT ARRAY(SELECT l FROM bench_plpgsql.list_invitations(
        program_key => program_key, sort => sort, page => page) l)
$$;

SELECT pk, org, wpk, del_org, meta, email, last_id, cur_c, cur_p
  FROM bench.params \gset

/* Only the verdict is printed. */
\o /dev/null

/* 1. The calls the benchmark times, the three ways. */
SELECT pg_temp.same('first page, -id',
    pg_temp.c_ids(:'pk', NULL, NULL, NULL, NULL, NULL, NULL, 1, 20),
    pg_temp.p_ids(:'pk', NULL, NULL, NULL, NULL, NULL, NULL, 1, 20),
    ARRAY(SELECT i.id FROM program_invitations.invitations i
           WHERE i.program_key = :'pk' ORDER BY i.id DESC LIMIT 20));

SELECT pg_temp.same('first page, whole rows (C and PL/pgSQL)',
    pg_temp.c_rows(:'pk', '-id', 1), pg_temp.p_rows(:'pk', '-id', 1));

SELECT pg_temp.same('email filter',
    pg_temp.c_ids(:'pk', NULL, :'email', NULL, NULL, NULL, NULL, 1, 20),
    pg_temp.p_ids(:'pk', NULL, :'email', NULL, NULL, NULL, NULL, 1, 20),
    ARRAY(SELECT i.id FROM program_invitations.invitations i
           WHERE i.program_key = :'pk'
             AND i.email_key = program_invitations.text_key(:'email')
           ORDER BY i.id DESC LIMIT 20));

SELECT pg_temp.same('email filter finds one row',
    pg_catalog.cardinality(pg_temp.c_ids(:'pk', NULL, :'email', NULL, NULL,
                                         NULL, NULL, 1, 20)), 1);

SELECT pg_temp.same('metadata filter',
    pg_temp.c_ids(:'pk', NULL, NULL, NULL, NULL, :'meta', NULL, 1, 20),
    pg_temp.p_ids(:'pk', NULL, NULL, NULL, NULL, :'meta', NULL, 1, 20),
    ARRAY(SELECT i.id FROM program_invitations.invitations i
           WHERE i.program_key = :'pk' AND i.metadata @> :'meta'::jsonb
           ORDER BY i.id DESC LIMIT 20));

SELECT pg_temp.same('three-field sort -created,email,source',
    pg_temp.c_ids(:'pk', NULL, NULL, NULL, NULL, NULL, '-created,email,source', 1, 20),
    pg_temp.p_ids(:'pk', NULL, NULL, NULL, NULL, NULL, '-created,email,source', 1, 20),
    ARRAY(SELECT i.id FROM program_invitations.invitations i
           WHERE i.program_key = :'pk'
           ORDER BY i.created DESC, lower(i.email), lower(i.source), i.id
           LIMIT 20));

SELECT pg_temp.same('page 500 by number',
    pg_temp.c_ids(:'pk', NULL, NULL, NULL, NULL, NULL, NULL, 500, 20),
    pg_temp.p_ids(:'pk', NULL, NULL, NULL, NULL, NULL, NULL, 500, 20),
    ARRAY(SELECT i.id FROM program_invitations.invitations i
           WHERE i.program_key = :'pk' ORDER BY i.id DESC
           LIMIT 20 OFFSET 9980));

SELECT pg_temp.same('page 500 by cursor',
    pg_temp.c_ids(:'pk', NULL, NULL, NULL, NULL, NULL, NULL, 1, 20, :'cur_c'),
    pg_temp.p_ids(:'pk', NULL, NULL, NULL, NULL, NULL, NULL, 1, 20, :'cur_p'),
    ARRAY(SELECT i.id FROM program_invitations.invitations i
           WHERE i.program_key = :'pk' AND i.id < :last_id
           ORDER BY i.id DESC LIMIT 20));

SELECT pg_temp.same('page 500 by cursor = by number',
    pg_temp.c_ids(:'pk', NULL, NULL, NULL, NULL, NULL, NULL, 1, 20, :'cur_c'),
    pg_temp.c_ids(:'pk', NULL, NULL, NULL, NULL, NULL, NULL, 500, 20));

SELECT pg_temp.same('count',
    program_invitations.count_invitations(program_key => :'pk'),
    bench_plpgsql.count_invitations(program_key => :'pk'),
    (SELECT count(*) FROM program_invitations.invitations i
      WHERE i.program_key = :'pk'));

SELECT pg_temp.same('envelope: count',
    (program_invitations.invitation_page(program_key => :'pk') -> 'count'),
    (bench_plpgsql.invitation_page(program_key => :'pk') -> 'count'),
    to_jsonb((SELECT count(*) FROM program_invitations.invitations i
               WHERE i.program_key = :'pk')));

SELECT pg_temp.same('envelope: result ids',
    ARRAY(SELECT (r ->> 'id')::bigint FROM jsonb_array_elements(
        program_invitations.invitation_page(program_key => :'pk') -> 'results') r),
    ARRAY(SELECT (r ->> 'id')::bigint FROM jsonb_array_elements(
        bench_plpgsql.invitation_page(program_key => :'pk') -> 'results') r),
    ARRAY(SELECT i.id FROM program_invitations.invitations i
           WHERE i.program_key = :'pk' ORDER BY i.id DESC LIMIT 20));

SELECT pg_temp.same('envelope: everything but next_cursor (C and PL/pgSQL)',
    program_invitations.invitation_page(program_key => :'pk') - 'next_cursor',
    bench_plpgsql.invitation_page(program_key => :'pk') - 'next_cursor');

/* 2. A wider sample, C and peer: every sort field, both directions. */
SELECT pg_temp.same(pg_catalog.format('sort %s, page %s of %s', s, pg, p),
    pg_temp.c_ids(p, NULL, NULL, NULL, NULL, NULL, s, pg, 7),
    pg_temp.p_ids(p, NULL, NULL, NULL, NULL, NULL, s, pg, 7))
  FROM unnest(ARRAY[:'pk', 'org06+program-0006', 'org30+program-0030']) AS p,
       unnest(ARRAY['id', '-id', 'created', '-created', 'started', '-started',
                    'expired', '-expired', 'email', '-email', 'username',
                    '-username', 'source', '-source', 'active', '-active',
                    'program_key', '-program_key', 'user_id', '-user_id',
                    'source,-created', '-active,email,-id',
                    'user_id,-expired,username']) AS s,
       unnest(ARRAY[1, 3]) AS pg;

SELECT pg_temp.same(pg_catalog.format('whole rows, sort %s', s),
    pg_temp.c_rows('org06+program-0006', s, 2),
    pg_temp.p_rows('org06+program-0006', s, 2))
  FROM unnest(ARRAY['-expired', 'username', 'source,-created']) AS s;

/* Filters, alone and together, with and without a program. */
SELECT pg_temp.same(pg_catalog.format('filters %s', f),
    pg_temp.c_ids(f.program_key, f.org, NULL, f.source, f.active,
                  f.metadata, '-id', 2, 10),
    pg_temp.p_ids(f.program_key, f.org, NULL, f.source, f.active,
                  f.metadata, '-id', 2, 10))
  FROM (VALUES
        (:'pk', NULL, 'api', NULL::boolean, NULL::jsonb),
        (:'pk', NULL, NULL, false, NULL),
        (NULL, 'org07', NULL, NULL, NULL),
        (NULL, 'org07', 'csv-import', true, '{"cohort": "2023-spring"}'),
        (NULL, NULL, 'Partner Portal', NULL, '{"level": "advanced"}'),
        ('org06+program-0006', 'org06', NULL, true, '{"locale": "ja"}'),
        ('no-such-program', NULL, NULL, NULL, NULL))
       AS f(program_key, org, source, active, metadata);

/* Counts under the same filters. */
SELECT pg_temp.same(pg_catalog.format('count %s', f),
    program_invitations.count_invitations(program_key => f.program_key,
        org => f.org, source => f.source, active => f.active,
        metadata => f.metadata),
    bench_plpgsql.count_invitations(program_key => f.program_key,
        org => f.org, source => f.source, active => f.active,
        metadata => f.metadata))
  FROM (VALUES
        (:'pk', NULL, 'api', NULL::boolean, NULL::jsonb),
        (NULL, 'org07', 'csv-import', true, '{"cohort": "2023-spring"}'),
        (NULL, NULL, NULL, NULL, '{"cohort": "2019-fall"}'))
       AS f(program_key, org, source, active, metadata);

/* Envelopes with filters, pages and verbose: links included. */
SELECT pg_temp.same(pg_catalog.format('envelope %s', e),
    program_invitations.invitation_page(program_key => e.program_key,
        org => e.org, email => e.email, source => e.source,
        metadata => e.metadata, sort => e.sort, page => e.page,
        page_size => e.page_size, verbose => e.verb) - 'next_cursor',
    bench_plpgsql.invitation_page(program_key => e.program_key,
        org => e.org, email => e.email, source => e.source,
        metadata => e.metadata, sort => e.sort, page => e.page,
        page_size => e.page_size, verbose => e.verb) - 'next_cursor')
  FROM (VALUES
        (:'pk', NULL, NULL, NULL, NULL::jsonb, '-created,email', 3, 5, true),
        (NULL, 'org07', NULL, 'Partner Portal', '{"cohort": "2020-fall"}',
         'username', 2, 4, false),
        (:'pk', NULL, :'email', NULL, NULL, NULL, 1, 20, true),
        ('org06+program-0006', NULL, NULL, NULL, NULL, '-expired', 100000,
         50, false))
       AS e(program_key, org, email, source, metadata, sort, page,
            page_size, verb);

/*
 * 3. Cursor walks: five pages by each way's own cursors must be the five
 * pages by number, in sorts whose keys hold NULLs and ties.
 */
CREATE FUNCTION pg_temp.walk(api text, program_key text, sort text,
                             pages int, page_size int)
RETURNS bigint[] LANGUAGE plpgsql AS $$
DECLARE
    cursor  text;
    env     jsonb;
    ids     bigint[] := '{}';
BEGIN
    FOR k IN 1 .. pages LOOP
        EXECUTE pg_catalog.format(
            'SELECT %s.invitation_page(program_key => $1, sort => $2, '
            'page_size => $3, cursor => $4)', api)
           INTO env USING program_key, sort, page_size, cursor;
        ids := ids || ARRAY(SELECT (r ->> 'id')::bigint
                              FROM jsonb_array_elements(env -> 'results') r);
        cursor := env ->> 'next_cursor';
        EXIT WHEN cursor IS NULL;
    END LOOP;
    RETURN ids;
END
$$;

SELECT pg_temp.same(pg_catalog.format('cursor walk, sort %s', s),
    pg_temp.walk('program_invitations', 'org06+program-0006', s, 5, 9),
    pg_temp.walk('bench_plpgsql', 'org06+program-0006', s, 5, 9),
    ARRAY(SELECT l.id FROM generate_series(1, 5) AS pg,
          LATERAL program_invitations.list_invitations(
              program_key => 'org06+program-0006', sort => s, page => pg,
              page_size => 9) l))
  FROM unnest(ARRAY['-id', 'expired', '-expired', 'started', 'username',
                    '-user_id,email', 'source,-started', 'active,username'])
       AS s;

/*
 * 4. Writes, rolled back: each way in turn from the same starting point.
 * Each answer is kept in a psql variable, which outlives the rollbacks.
 */
BEGIN;
SAVEPOINT w;

SELECT to_jsonb(r) - 'id' AS c_create
  FROM program_invitations.create_invitation(program_key => :'wpk',
       email => ' Check.New@Bench.Example.com ', source => 'check',
       metadata => '{"cohort": "check"}') r \gset
ROLLBACK TO w;
SELECT to_jsonb(r) - 'id' AS p_create
  FROM bench_plpgsql.create_invitation(program_key => :'wpk',
       email => ' Check.New@Bench.Example.com ', source => 'check',
       metadata => '{"cohort": "check"}') r \gset
ROLLBACK TO w;
WITH r AS (
    INSERT INTO program_invitations.invitations AS i
           (org, program_key, user_id, username, email, created, source,
            metadata)
    SELECT p.org, p.program_key, u.user_id, u.username,
           'Check.New@Bench.Example.com', transaction_timestamp(), 'check',
           '{"cohort": "check"}'
      FROM program_invitations.programs p
      LEFT JOIN program_invitations.users u
             ON u.email_key = program_invitations.text_key(
                    'Check.New@Bench.Example.com')
     WHERE p.program_key = :'wpk'
    RETURNING i.id, i.user_id, i.username, i.email, i.created, i.started,
              i.expired, i.source, i.redirect_to, i.active, i.metadata,
              i.program_key, i.org,
              CASE WHEN NOT i.active THEN 'inactive'
                   WHEN i.started IS NOT NULL THEN 'accepted'
                   WHEN i.expired <= statement_timestamp() THEN 'expired'
                   ELSE 'pending' END AS status)
SELECT to_jsonb(r) - 'id' AS plain_create FROM r \gset
ROLLBACK TO w;

/* A user's email in another case: the user is linked. */
SELECT upper(u.email) AS user_email
  FROM program_invitations.users u
 WHERE NOT EXISTS (SELECT FROM program_invitations.invitations i
                    WHERE i.program_key = :'wpk' AND i.user_id = u.user_id)
 ORDER BY u.user_id LIMIT 1 \gset
SELECT to_jsonb(r) - 'id' AS c_linked
  FROM program_invitations.create_invitation(program_key => :'wpk',
       email => :'user_email') r \gset
ROLLBACK TO w;
SELECT to_jsonb(r) - 'id' AS p_linked
  FROM bench_plpgsql.create_invitation(program_key => :'wpk',
       email => :'user_email') r \gset
ROLLBACK TO w;

/* The upsert of an open pool row, given in another case. */
SELECT to_jsonb(r) AS c_upsert
  FROM program_invitations.create_invitation(program_key => :'wpk',
       email => 'UPSERT.7@pool.EXAMPLE.com', source => 'bench-upsert',
       metadata => '{"touched": "yes"}') r \gset
ROLLBACK TO w;
SELECT to_jsonb(r) AS p_upsert
  FROM bench_plpgsql.create_invitation(program_key => :'wpk',
       email => 'UPSERT.7@pool.EXAMPLE.com', source => 'bench-upsert',
       metadata => '{"touched": "yes"}') r \gset
ROLLBACK TO w;
WITH r AS (
    INSERT INTO program_invitations.invitations AS i
           (org, program_key, email, created, source, metadata)
    SELECT p.org, p.program_key, 'UPSERT.7@pool.EXAMPLE.com',
           transaction_timestamp(), 'bench-upsert', '{"touched": "yes"}'
      FROM program_invitations.programs p
     WHERE p.program_key = :'wpk'
        ON CONFLICT (program_key, email_key)
           WHERE active AND started IS NULL AND email_key IS NOT NULL
        DO UPDATE SET source = COALESCE(EXCLUDED.source, i.source),
                      metadata = i.metadata || EXCLUDED.metadata,
                      active = EXCLUDED.active
    RETURNING i.id, i.user_id, i.username, i.email, i.created, i.started,
              i.expired, i.source, i.redirect_to, i.active, i.metadata,
              i.program_key, i.org,
              CASE WHEN NOT i.active THEN 'inactive'
                   WHEN i.started IS NOT NULL THEN 'accepted'
                   WHEN i.expired <= statement_timestamp() THEN 'expired'
                   ELSE 'pending' END AS status)
SELECT to_jsonb(r) AS plain_upsert FROM r \gset
ROLLBACK TO w;

/* The delete of a pool row. */
SELECT bench.make_delete_pool(1) + 1 AS del_id \gset
SAVEPOINT d;
SELECT to_jsonb(r) AS c_delete
  FROM program_invitations.delete_invitation(:del_id, :'del_org') r \gset
ROLLBACK TO d;
SELECT to_jsonb(r) AS p_delete
  FROM bench_plpgsql.delete_invitation(:del_id, :'del_org') r \gset
ROLLBACK TO d;
WITH r AS (
    DELETE FROM program_invitations.invitations i
     WHERE i.org = :'del_org' AND i.id = :del_id
    RETURNING i.id, i.user_id, i.username, i.email, i.created, i.started,
              i.expired, i.source, i.redirect_to, i.active, i.metadata,
              i.program_key, i.org,
              CASE WHEN NOT i.active THEN 'inactive'
                   WHEN i.started IS NOT NULL THEN 'accepted'
                   WHEN i.expired <= statement_timestamp() THEN 'expired'
                   ELSE 'pending' END AS status)
SELECT to_jsonb(r) AS plain_delete FROM r \gset

ROLLBACK;

SELECT pg_temp.same('write: create', :'c_create'::jsonb, :'p_create'::jsonb,
                    :'plain_create'::jsonb);
SELECT pg_temp.same('write: create linking a user', :'c_linked'::jsonb,
                    :'p_linked'::jsonb);
SELECT pg_temp.same('write: create links the user',
                    :'c_linked'::jsonb -> 'user_id' <> 'null', true);
SELECT pg_temp.same('write: upsert', :'c_upsert'::jsonb, :'p_upsert'::jsonb,
                    :'plain_upsert'::jsonb);
SELECT pg_temp.same('write: delete', :'c_delete'::jsonb, :'p_delete'::jsonb,
                    :'plain_delete'::jsonb);

/* The verdict. */
\o
\pset footer off
\pset tuples_only on
\pset format unaligned
SELECT s.line
  FROM (SELECT c.n, pg_catalog.format('check failed: %s: %s', c.label, c.detail)
               AS line
          FROM check_result c WHERE NOT c.ok
        UNION ALL
        SELECT 2147483647,
               (SELECT pg_catalog.format('correctness check: %s comparisons, %s failed',
                           count(*), count(*) FILTER (WHERE NOT ok))
                  FROM check_result)) s
 ORDER BY s.n;
DO $$
BEGIN
    IF EXISTS (SELECT FROM check_result WHERE NOT ok) THEN
        RAISE EXCEPTION 'the three ways disagree (see the lines above)';
    END IF;
END
$$;
