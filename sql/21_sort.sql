-- 21_sort: the sort parameter of list_invitations: each allowed field
-- ascending and descending, several fields, the id tie-breaker in the
-- direction of the last named field, NULLs last ascending and first
-- descending, email/username/source by their lower-cased value, NULL as
-- '-id', and every malformed sort refused with 22023 and a hint listing
-- the allowed names.  Uses programs srt+a and srt+b (org srt) only.
\set VERBOSITY terse
CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN EXECUTE sql; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
INSERT INTO program_invitations.programs (program_key, org, name) VALUES
    ('srt+a', 'srt', 'Sort A'),
    ('srt+b', 'srt', 'Sort B');
-- Seven rows s1-s7, created in that order, each tagged in metadata "k".
-- s5, s6 and s7 name the platform users carol (3), Bob (2) and alice (1).
-- Ties: created s2 = s6 and s1 = s3, expired s1 = s6, source alpha s2 =
-- Alpha s6 and Beta s1 = beta s3, active true for all but s3.
SELECT v.k, i.program_key, i.email, i.username, i.source, i.active,
       i.user_id
  FROM (VALUES
    (1, 'srt+a', 'dee@srt.example', NULL, 'Beta', true,
     '2024-01-02 00:00:00+00', '2030-06-01 00:00:00+00'),
    (2, 'srt+a', 'Zed@srt.example', NULL, 'alpha', true,
     '2024-01-01 00:00:00+00', NULL),
    (3, 'srt+b', 'eve@srt.example', NULL, 'beta', false,
     '2024-01-02 00:00:00+00', '2030-03-01 00:00:00+00'),
    (4, 'srt+b', NULL, 'Dan.Srt', NULL, true,
     '2024-01-03 00:00:00+00', NULL),
    (5, 'srt+a', NULL, 'carol', 'gamma', true,
     '2024-01-04 00:00:00+00', '2030-01-01 00:00:00+00'),
    (6, 'srt+b', 'bob@example.org', NULL, 'Alpha', true,
     '2024-01-01 00:00:00+00', '2030-06-01 00:00:00+00'),
    (7, 'srt+a', 'ALICE@example.com', NULL, NULL, true,
     '2024-01-05 00:00:00+00', NULL)
  ) AS v(k, program_key, email, username, source, active, created, expired)
  CROSS JOIN LATERAL program_invitations.create_invitation(
    v.program_key, v.email, v.username, v.active, v.source, NULL,
    v.created::timestamptz, v.expired::timestamptz,
    jsonb_build_object('k', 's' || v.k)) AS i
 ORDER BY v.k;
-- started has no parameter: s5 and s6 are marked accepted directly.
UPDATE program_invitations.invitations
   SET started = CASE metadata->>'k' WHEN 's5' THEN '2024-02-01 00:00:00+00'
                                     ELSE '2024-03-01 00:00:00+00' END::timestamptz
 WHERE program_key IN ('srt+a', 'srt+b') AND metadata->>'k' IN ('s5', 's6');
-- Each case lists the rows of org srt in the order of the sort.
SELECT c.sort,
       (SELECT string_agg(i.metadata->>'k', ' ' ORDER BY i.ordinality)
          FROM program_invitations.list_invitations(org => 'srt',
                 sort => c.sort) WITH ORDINALITY AS i) AS "order"
  FROM (VALUES
    ('id'), ('-id'),
    ('created'), ('-created'),
    ('started'), ('-started'),
    ('expired'), ('-expired'),
    ('email'), ('-email'),
    ('username'), ('-username'),
    ('source'), ('-source'),
    ('active'), ('-active'),
    ('program_key'), ('-program_key'),
    ('user_id'), ('-user_id'),
    ('source,-created'),
    ('-source,created'),
    ('active,program_key'),
    ('program_key,-active'),
    ('-active,id'),
    ('id,-created'),
    ('-expired,source'),
    ('program_key,active,source,username,email,expired,started,created,user_id,id')
  ) AS c(sort);
-- NULL sort means '-id'.
SELECT string_agg(metadata->>'k', ' ' ORDER BY ordinality) AS "order"
  FROM program_invitations.list_invitations(org => 'srt', sort => NULL)
       WITH ORDINALITY;
-- Omitted sort means '-id' too.
SELECT string_agg(metadata->>'k', ' ' ORDER BY ordinality) AS "order"
  FROM program_invitations.list_invitations(org => 'srt')
       WITH ORDINALITY;
-- The tie-breaker across pages: with one row per page, ties on created
-- (s2 = s6, s1 = s3) come in id order ascending, and descending for
-- '-created'.
SELECT c.sort,
       (SELECT string_agg(i.metadata->>'k', ' ' ORDER BY p)
          FROM generate_series(1, 7) AS p,
               program_invitations.list_invitations(org => 'srt',
                 sort => c.sort, page => p, page_size => 1) AS i) AS "order"
  FROM (VALUES ('created'), ('-created')) AS c(sort);
-- Every sort of two fields, in both directions (360 sorts, more than the
-- plans a backend keeps), against the order that the rules give: each
-- field ascending or descending (email, username and source lower-cased),
-- NULLs last ascending and first descending, then id in the direction of
-- the last field.  Also by pages of 3.
CREATE FUNCTION pg_temp.ruled_order(sort text) RETURNS bigint[]
LANGUAGE plpgsql AS $$
DECLARE
    terms text[];
    term text;
    field text;
    direction text;
    order_by text := '';
    result bigint[];
BEGIN
    terms := string_to_array(sort, ',');
    FOREACH term IN ARRAY terms LOOP
        direction := CASE WHEN term LIKE '-%' THEN 'DESC' ELSE 'ASC' END;
        field := ltrim(term, '-');
        order_by := order_by || CASE
            WHEN field IN ('email', 'username', 'source')
                THEN format('lower(%I) %s, ', field, direction)
            ELSE format('%I %s, ', field, direction) END;
    END LOOP;
    IF NOT 'id' = ANY (SELECT ltrim(t, '-') FROM unnest(terms) AS t) THEN
        order_by := order_by || 'id ' || direction;
    ELSE
        order_by := left(order_by, -2);
    END IF;
    EXECUTE 'SELECT array_agg(id ORDER BY ' || order_by || ')'
         || ' FROM program_invitations.invitations WHERE org = ''srt'''
       INTO result;
    RETURN result;
END $$;
WITH fields(f) AS (
    VALUES ('id'), ('created'), ('started'), ('expired'), ('email'),
           ('username'), ('source'), ('active'), ('program_key'), ('user_id')
), sorts AS (
    SELECT d1 || a.f || ',' || d2 || b.f AS sort
      FROM fields AS a, fields AS b, (VALUES (''), ('-')) AS x(d1),
           (VALUES (''), ('-')) AS y(d2)
     WHERE a.f <> b.f
)
SELECT count(*) AS sorts,
       count(*) FILTER (WHERE array(
           SELECT i.id
             FROM program_invitations.list_invitations(org => 'srt',
                    sort => s.sort) WITH ORDINALITY AS i
            ORDER BY i.ordinality) <> pg_temp.ruled_order(s.sort))
         AS mismatches,
       count(*) FILTER (WHERE array(
           SELECT i.id
             FROM generate_series(1, 3) AS p,
                  program_invitations.list_invitations(org => 'srt',
                    sort => s.sort, page => p, page_size => 3)
                  WITH ORDINALITY AS i
            ORDER BY p, i.ordinality) <> pg_temp.ruled_order(s.sort))
         AS paged_mismatches
  FROM sorts AS s;
-- Malformed sorts are 22023; none of them reaches SQL.
SELECT to_json(c.sort) AS sort,
       pg_temp.sqlstate_of(format(
         'SELECT * FROM program_invitations.list_invitations(org => %L, sort => %L)',
         'srt', c.sort)) AS result
  FROM (VALUES
    ('nope'),
    ('ID'),
    ('Id'),
    (' id'),
    ('id '),
    (E'id\n'),
    ('id,'),
    (',id'),
    ('id,,email'),
    (''),
    (' '),
    ('-'),
    ('--id'),
    ('+id'),
    ('- id'),
    ('id;drop table x'),
    ('id desc'),
    ('id,-id'),
    ('created,email,created'),
    ('org'),
    ('status'),
    ('metadata'),
    ('redirect_to'),
    ('i.id'),
    ('"id"'),
    (repeat('x', 70))
  ) AS c(sort);
-- The table is still there and untouched.
SELECT count(*) FROM program_invitations.list_invitations(org => 'srt');
-- The hint lists the allowed names.
\set VERBOSITY default
SELECT * FROM program_invitations.list_invitations(org => 'srt',
                                                   sort => 'name');
\set VERBOSITY terse
