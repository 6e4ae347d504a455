/*
 * test/bench/load.sql
 *      Loads the benchmark's data set straight into the tables of
 *      program_invitations, as a superuser, with INSERT ... SELECT.
 *
 * Size: the psql variable rows (default 1,000,000 invitations), e.g.
 *
 *      psql -X -v ON_ERROR_STOP=1 -v rows=100000 -d bench -f test/bench/load.sql
 *
 * Shape of the data, every value derived from a hash of the row's number so
 * that two loads of one size are identical:
 *
 *  - 50 orgs, 5,000 programs (program p belongs to org ((p - 1) % 50) + 1).
 *    Sizes are skewed: programs 1-5 hold rows/10 each (100,000 at the
 *    default size), programs 6-25 rows/100 each, and the remaining 30% is
 *    spread over the other 4,975 programs by weights of 1 to 120, so most
 *    of them hold fewer than 100 rows.
 *  - rows/5 platform users; about 30% of the invitations belong to one of
 *    them and carry that user's id, username and email (in a case of its
 *    own).  The others carry an email only, unique over the whole table.
 *  - Statuses: 20% accepted (started set), 10% inactive, 15% expired,
 *    55% pending (half of them never expire).
 *  - Emails in mixed case (Title, lower and UPPER), a few non-ASCII names.
 *  - metadata: an object of 2 to 10 string keys, always with "cohort" (one
 *    of 12 values, so a cohort filter keeps about 8% of a program).
 *  - ids are a permutation of 1..rows, inserted in id order with created
 *    growing with id over the last 800 days, so that the programs'
 *    rows are interleaved on disk as if they had arrived over time.
 *
 * Emails are unique per program, so the partial unique indexes of open
 * invitations always hold.  Ends with VACUUM ANALYZE, so that counts can
 * use index-only scans as they would on a settled table.
 */

\set ON_ERROR_STOP on
\if :{?rows}
\else
\set rows 1000000
\endif

SET client_min_messages = warning;
SET maintenance_work_mem = '1GB';
SET work_mem = '256MB';
SET TimeZone = 'UTC';

BEGIN;

CREATE TEMP TABLE bench_first_names (n int PRIMARY KEY, name text) ON COMMIT DROP;
INSERT INTO bench_first_names
SELECT ordinality, name
  FROM unnest(ARRAY['Ann', 'Bob', 'Chloé', 'David', 'Emma', 'Farid', 'Grace',
                    'Hugo', 'Ines', 'José', 'Kenji', 'Lena', 'Łukasz',
                    'Maya', 'Noah', 'Olga', 'Priya', 'Quentin', 'Rosa',
                    'Søren', 'Tariq', 'Uma', 'Victor', 'Wen', 'Xavier',
                    'Yara', 'Zoë', 'Amir', 'Bianca', 'Carlos', 'Dana',
                    'Elif']) WITH ORDINALITY AS t(name, ordinality);

CREATE TEMP TABLE bench_last_names (n int PRIMARY KEY, name text) ON COMMIT DROP;
INSERT INTO bench_last_names
SELECT ordinality, name
  FROM unnest(ARRAY['Lee', 'Smith', 'García', 'Müller', 'Nakamura', 'Okafor',
                    'Rossi', 'Novak', 'Dubois', 'Kowalski', 'Haddad',
                    'Johansson', 'Silva', 'Chen', 'Patel', 'Murphy',
                    'Ivanova', 'Schmidt', 'Costa', 'Brown']) WITH ORDINALITY
       AS t(name, ordinality);

CREATE TEMP TABLE bench_domains (n int PRIMARY KEY, name text) ON COMMIT DROP;
INSERT INTO bench_domains
SELECT ordinality, name
  FROM unnest(ARRAY['Example.com', 'mail.example.org', 'Uni-Bonn.example.de',
                    'school.example.edu', 'Corp.Example.co.uk',
                    'students.example.fr', 'example.io', 'Post.example.net'])
       WITH ORDINALITY AS t(name, ordinality);

/* An email in one of three cases, chosen by a hash. */
CREATE FUNCTION pg_temp.bench_case(s text, h bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE h % 3 WHEN 0 THEN s WHEN 1 THEN lower(s) ELSE upper(s) END
$$;

/* A non-negative hash of a number and a salt. */
CREATE FUNCTION pg_temp.bench_hash(n bigint, salt int) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
    SELECT abs(hashint8extended(n, salt))
$$;

INSERT INTO program_invitations.programs (program_key, org, name)
SELECT format('org%s+program-%s', lpad((((p - 1) % 50) + 1)::text, 2, '0'),
              lpad(p::text, 4, '0')),
       format('org%s', lpad((((p - 1) % 50) + 1)::text, 2, '0')),
       format('Program %s', p)
  FROM generate_series(1, 5000) AS p;

/* How many rows each program gets. */
CREATE TEMP TABLE bench_sizes (p int PRIMARY KEY, size bigint, first_gid bigint)
    ON COMMIT DROP;
WITH tiers AS (
    SELECT (:rows / 10)::bigint AS a, (:rows / 100)::bigint AS b
), weights AS (
    SELECT p, 1 + pg_temp.bench_hash(p, 1) % 120 AS w
      FROM generate_series(26, 5000) AS p
), rest AS (
    SELECT :rows - 5 * a - 20 * b AS r FROM tiers
), c AS (
    SELECT w.p, floor(rest.r * w.w / sum(w.w) OVER ())::bigint AS size
      FROM weights w, rest
), sizes AS (
    SELECT p, a AS size FROM generate_series(1, 5) AS p, tiers
    UNION ALL
    SELECT p, b FROM generate_series(6, 25) AS p, tiers
    UNION ALL
    SELECT p, size FROM c
)
INSERT INTO bench_sizes
SELECT p, size, 0 FROM sizes;
/* Whatever the rounding left over goes one row each to programs 26 on. */
UPDATE bench_sizes
   SET size = size + 1
 WHERE p >= 26
   AND p < 26 + (:rows - (SELECT sum(size) FROM bench_sizes));
UPDATE bench_sizes s
   SET first_gid = o.first_gid
  FROM (SELECT p, sum(size) OVER (ORDER BY p) - size AS first_gid
          FROM bench_sizes) o
 WHERE o.p = s.p;

INSERT INTO program_invitations.users (user_id, username, email)
SELECT u,
       CASE u % 3 WHEN 0 THEN 'learner_' WHEN 1 THEN 'Learner_' ELSE 'LEARNER_' END
           || u,
       format('%s.%s%s@%s', f.name, l.name, u, d.name)
  FROM generate_series(1, greatest(:rows / 5, 1000)) AS u
  JOIN bench_first_names f ON f.n = 1 + u % 32
  JOIN bench_last_names l ON l.n = 1 + (u / 32) % 20
  JOIN bench_domains d ON d.n = 1 + (u / 7) % 8;

CREATE TEMP TABLE bench_rows ON COMMIT DROP AS
SELECT s.p,
       s.first_gid + k AS gid,
       k,
       CASE WHEN (k * 7 + s.p) % 10 < 3
            THEN ((s.p::bigint * 7919 + k) % greatest(:rows / 5, 1000)) + 1
       END AS user_id
  FROM bench_sizes s, generate_series(1, s.size) AS k;

INSERT INTO program_invitations.invitations
    (id, org, program_key, user_id, username, email, created, started,
     expired, source, redirect_to, active, metadata)
SELECT x.id,
       format('org%s', lpad((((r.p - 1) % 50) + 1)::text, 2, '0')),
       format('org%s+program-%s', lpad((((r.p - 1) % 50) + 1)::text, 2, '0'),
              lpad(r.p::text, 4, '0')),
       r.user_id,
       u.username,
       pg_temp.bench_case(
           COALESCE(u.email,
                    format('%s_%s.%s@%s', f.name, l.name, r.gid, d.name)),
           pg_temp.bench_hash(r.gid, 2)),
       x.created,
       CASE WHEN x.status < 20 THEN x.created + interval '3 days' END,
       CASE WHEN x.status BETWEEN 30 AND 44 THEN x.created + interval '7 days'
            WHEN x.status >= 45 AND x.status % 2 = 1
                THEN now() + interval '30 days'
            WHEN x.status < 20 THEN x.created + interval '30 days'
       END,
       CASE pg_temp.bench_hash(r.gid, 3) % 10
            WHEN 0 THEN 'spring-campaign' WHEN 1 THEN 'spring-campaign'
            WHEN 2 THEN 'spring-campaign' WHEN 3 THEN 'spring-campaign'
            WHEN 4 THEN 'csv-import' WHEN 5 THEN 'csv-import'
            WHEN 6 THEN 'api' WHEN 7 THEN 'Partner Portal'
       END,
       CASE WHEN pg_temp.bench_hash(r.gid, 4) % 10 < 4
            THEN format('https://learn.example.com/programs/%s', r.p)
       END,
       x.status NOT BETWEEN 20 AND 29,
       jsonb_object(
           (ARRAY['cohort', 'team', 'locale', 'campaign', 'seat', 'level',
                  'region', 'manager', 'ref', 'tags'])[1:x.nkeys],
           (ARRAY[format('20%s-%s', 19 + pg_temp.bench_hash(r.gid, 5) % 6,
                         CASE WHEN pg_temp.bench_hash(r.gid, 6) % 2 = 0
                              THEN 'spring' ELSE 'fall' END),
                  'team-' || pg_temp.bench_hash(r.gid, 7) % 40,
                  (ARRAY['en', 'de', 'fr', 'es', 'pt-BR', 'ja'])
                      [1 + pg_temp.bench_hash(r.gid, 8) % 6],
                  'campaign-' || pg_temp.bench_hash(r.gid, 9) % 15,
                  (pg_temp.bench_hash(r.gid, 10) % 500)::text,
                  (ARRAY['beginner', 'intermediate', 'advanced'])
                      [1 + pg_temp.bench_hash(r.gid, 11) % 3],
                  (ARRAY['emea', 'amer', 'apac'])
                      [1 + pg_temp.bench_hash(r.gid, 12) % 3],
                  'manager' || pg_temp.bench_hash(r.gid, 13) % 900 ||
                      '@example.com',
                  md5(r.gid::text),
                  'onboarding,remote'])[1:x.nkeys])
  FROM bench_rows r
  JOIN LATERAL (
        SELECT pg_temp.bench_hash(r.gid, 14) % 100 AS status,
               2 + pg_temp.bench_hash(r.gid, 15) % 9 AS nkeys
       ) s ON true
  JOIN (
        SELECT gid,
               row_number() OVER (ORDER BY pg_temp.bench_hash(gid, 16), gid)
                   AS id
          FROM bench_rows
       ) o ON o.gid = r.gid
  JOIN LATERAL (
        SELECT o.id,
               s.status,
               s.nkeys,
               date_trunc('second',
                          now() - interval '800 days'
                          + (o.id::float8 / :rows) * interval '790 days'
                          + (pg_temp.bench_hash(r.gid, 17) % 3600)
                            * interval '1 second') AS created
       ) x ON true
  LEFT JOIN program_invitations.users u ON u.user_id = r.user_id
  JOIN bench_first_names f ON f.n = 1 + pg_temp.bench_hash(r.gid, 18) % 32
  JOIN bench_last_names l ON l.n = 1 + pg_temp.bench_hash(r.gid, 19) % 20
  JOIN bench_domains d ON d.n = 1 + pg_temp.bench_hash(r.gid, 20) % 8
 ORDER BY x.id;

SELECT setval('program_invitations.invitation_id_seq',
              (SELECT max(id) FROM program_invitations.invitations));

COMMIT;

VACUUM ANALYZE program_invitations.programs;
VACUUM ANALYZE program_invitations.users;
VACUUM ANALYZE program_invitations.invitations;
