/*
 * test/bench/prepare.sql
 *      Sets up what the benchmark's runs need, after load.sql and
 *      plpgsql_peer.sql: schema bench with one row of parameters (the big
 *      program, an email and a cohort in it, the cursors of page 499), the
 *      pool of open invitations that the upsert runs update, and the
 *      function that makes the pool of rows a delete run deletes.
 *
 * tools/bench.sh reads bench.params and passes its columns to pgbench as
 * variables (-D name=value).
 */

\set ON_ERROR_STOP on
SET client_min_messages = warning;

DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

/*
 * pk: the big program every read runs on; wpk: the program creates write
 * into; del_org, del_pk: where the delete pools go.  The page-499 values
 * are taken once, before any run.
 */
CREATE TABLE bench.params AS
SELECT 'org01+program-0001'::text AS pk,
       'org01'::text AS org,
       'org02+program-0002'::text AS wpk,
       'org03'::text AS del_org,
       'org03+program-0003'::text AS del_pk,
       '{"cohort": "2021-fall"}'::text AS meta,
       1000 AS upsert_pool,
       NULL::text AS email,
       NULL::bigint AS last_id,
       NULL::text AS cur_c,
       NULL::text AS cur_p;

/* An ASCII email of the big program, in upper case: matched case-insensitively. */
UPDATE bench.params p
   SET email = (SELECT upper(i.email)
                  FROM program_invitations.invitations i
                 WHERE i.program_key = p.pk
                   AND i.email ~ '^[ -~]+$'
                 ORDER BY i.id DESC
                 OFFSET 1000 LIMIT 1);

/* The end of page 499 (rows 9,961 to 9,980 of the sort -id). */
UPDATE bench.params p
   SET last_id = (SELECT i.id
                    FROM program_invitations.invitations i
                   WHERE i.program_key = p.pk
                   ORDER BY i.id DESC
                  OFFSET 9979 LIMIT 1),
       cur_c = program_invitations.invitation_page(program_key => p.pk,
                                                   page => 499) ->> 'next_cursor',
       cur_p = bench_plpgsql.invitation_page(program_key => p.pk,
                                             page => 499) ->> 'next_cursor';

DO $$
BEGIN
    IF (SELECT last_id IS NULL OR cur_c IS NULL OR cur_p IS NULL OR email IS NULL
          FROM bench.params) THEN
        RAISE EXCEPTION 'the big program has fewer than 10,000 rows: load at least 100,000 rows';
    END IF;
END
$$;

/* The open invitations that the upsert runs update: Upsert.<k>@Pool.Example.com. */
INSERT INTO program_invitations.invitations
    (org, program_key, email, created, source, metadata)
SELECT pr.org, pr.program_key, 'Upsert.' || k || '@Pool.Example.com',
       now() - interval '1 day', 'bench-pool', '{"cohort": "bench-pool"}'
  FROM bench.params p
  JOIN program_invitations.programs pr ON pr.program_key = p.wpk,
       generate_series(1, p.upsert_pool) AS k;

/*
 * make_delete_pool inserts n open invitations in the delete program, with
 * ids base + 1 to base + n, and returns base.
 */
CREATE FUNCTION bench.make_delete_pool(n bigint) RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    base bigint := nextval('program_invitations.invitation_id_seq');
BEGIN
    PERFORM setval('program_invitations.invitation_id_seq', base + n);
    INSERT INTO program_invitations.invitations
        (id, org, program_key, email, created, source, metadata)
    SELECT base + g, pr.org, pr.program_key,
           'Delete.' || (base + g) || '@Pool.Example.com',
           now() - interval '1 day', 'bench-pool', '{"cohort": "bench-pool"}'
      FROM bench.params p
      JOIN program_invitations.programs pr ON pr.program_key = p.del_pk,
           generate_series(1, n) AS g;
    RETURN base;
END
$$;

/* drop_delete_pool removes what a delete run left of its pool. */
CREATE FUNCTION bench.drop_delete_pool(base bigint, n bigint) RETURNS bigint
LANGUAGE sql
AS $$
    WITH gone AS (
        DELETE FROM program_invitations.invitations i
         USING bench.params p
         WHERE i.org = p.del_org AND i.id > base AND i.id <= base + n
        RETURNING 1)
    SELECT count(*) FROM gone
$$;

VACUUM ANALYZE program_invitations.invitations;
