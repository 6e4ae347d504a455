-- 30_envelope: invitation_page's envelope: count, next_page,
-- previous_page and results; each result with exactly the seed's twelve
-- fields (plus org and status when verbose), timestamps as to_jsonb gives
-- them, metadata as an object; the links: non-NULL filters in parameter
-- order, then sort, page (always), page_size and verbose=true, values
-- percent-encoded (RFC 3986 unreserved kept), prefixed by
-- program_invitations.page_url (joined with '&' when it holds a '?');
-- links at the first, last and past-the-end pages; count as
-- count_invitations gives it.  Uses programs env+a and env+b (org env).
-- The keyset paging of api.md (cursor, next_cursor) is not covered here:
-- the envelopes below are shown without a next_cursor key.
\set VERBOSITY terse
CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN EXECUTE sql; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
-- An envelope with each result's id made relative to the first row of
-- env+a, since ids come from a sequence that other files share.
CREATE FUNCTION pg_temp.relative(envelope jsonb, base bigint) RETURNS jsonb
LANGUAGE sql AS $$
SELECT jsonb_set(envelope - 'next_cursor', '{results}', coalesce(
         (SELECT jsonb_agg(jsonb_set(r, '{id}', to_jsonb((r->>'id')::bigint - base))
                           ORDER BY n)
            FROM jsonb_array_elements(envelope->'results') WITH ORDINALITY AS a(r, n)),
         '[]'))
$$;
INSERT INTO program_invitations.programs (program_key, org, name) VALUES
    ('env+a', 'env', 'Envelope A'),
    ('env+b', 'env', 'Envelope B');
-- e1: expired (its expiry has passed); e2: inactive; e3: pending.
SELECT email, username, status
  FROM program_invitations.create_invitation('env+a',
         email => 'Eve@env.example', source => 'news letter',
         redirect_to => 'https://app.example.com/welcome?from=mail',
         created => '2024-01-15 10:00:00+00',
         expired => '2024-07-01 12:00:00+00',
         metadata => '{"cohort": "2024", "tags": ["a", "b"]}');
SELECT email, username, status
  FROM program_invitations.create_invitation('env+a', username => 'env.zoe',
         active => false, created => '2024-01-16 10:30:00.5+00');
SELECT email, username, status
  FROM program_invitations.create_invitation('env+a',
         email => E'jo\u00e3o+x@env.example', source => 'web',
         created => '2024-01-17 10:00:00+00', metadata => '{"n": 1}');
SELECT min(id) AS base
  FROM program_invitations.list_invitations(program_key => 'env+a') \gset
\a
\t
-- Page 1 of 2, in id order (timestamps in the session's zone, PST8PDT).
SELECT jsonb_pretty(pg_temp.relative(program_invitations.invitation_page(
         program_key => 'env+a', sort => 'id', page_size => 2), :base));
-- Page 2 of 2, verbose: org and status too; previous_page says page=1.
SELECT jsonb_pretty(pg_temp.relative(program_invitations.invitation_page(
         program_key => 'env+a', sort => 'id', page => 2, page_size => 2,
         verbose => true), :base));
-- Past the end: no results, no next page, previous_page the page before.
SELECT jsonb_pretty(pg_temp.relative(program_invitations.invitation_page(
         program_key => 'env+a', sort => 'id', page => 3, page_size => 2),
         :base));
-- A program without invitations.
SELECT jsonb_pretty(pg_temp.relative(program_invitations.invitation_page(
         program_key => 'env+b'), :base));
\t
\x
-- Each result is the row of list_invitations as to_jsonb gives it, less
-- org and status unless verbose; also in another time zone.
SET TimeZone = 'Asia/Kolkata';
SELECT count(*) AS rows,
       bool_and(r = to_jsonb(l) - 'org' - 'status') AS plain_equal,
       bool_and(v = to_jsonb(l)) AS verbose_equal,
       string_agg(r->>'created', ' ' ORDER BY l.id) AS created,
       string_agg(r->>'expired', ' ' ORDER BY l.id) AS expired,
       string_agg(jsonb_typeof(r->'metadata'), ' ' ORDER BY l.id) AS metadata
  FROM program_invitations.list_invitations(program_key => 'env+a') AS l
  JOIN jsonb_array_elements(program_invitations.invitation_page(
         program_key => 'env+a')->'results') AS p(r)
    ON (r->>'id')::bigint = l.id
  JOIN jsonb_array_elements(program_invitations.invitation_page(
         program_key => 'env+a', verbose => true)->'results') AS q(v)
    ON (v->>'id')::bigint = l.id;
RESET TimeZone;
-- The keys of a result: twelve, or fourteen when verbose; verbose NULL is
-- not verbose.
SELECT (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(
          program_invitations.invitation_page(program_key => 'env+a')
            ->'results'->0) AS k) AS plain,
       (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(
          program_invitations.invitation_page(program_key => 'env+a',
            verbose => true)->'results'->0) AS k) AS verbose,
       (SELECT count(*) FROM jsonb_object_keys(
          program_invitations.invitation_page(program_key => 'env+a',
            verbose => NULL)->'results'->0) AS k) AS verbose_null;
-- The links.  Defaults: one page, no links.
SELECT e->>'count' AS count, e->>'next_page' AS next_page,
       e->>'previous_page' AS previous_page,
       jsonb_array_length(e->'results') AS results
  FROM program_invitations.invitation_page(program_key => 'env+a') AS e;
-- Middle page of three: both links; a NULL sort is written as '-id'.
SELECT e->>'count' AS count, e->>'next_page' AS next_page,
       e->>'previous_page' AS previous_page,
       jsonb_array_length(e->'results') AS results
  FROM program_invitations.invitation_page(program_key => 'env+a',
         sort => NULL, page => 2, page_size => 1) AS e;
-- Last page: no next_page.
SELECT e->>'count' AS count, e->>'next_page' AS next_page,
       e->>'previous_page' AS previous_page,
       jsonb_array_length(e->'results') AS results
  FROM program_invitations.invitation_page(program_key => 'env+a',
         page => 3, page_size => 1) AS e;
-- A page size equal to the count: one page.
SELECT e->>'count' AS count, e->>'next_page' AS next_page,
       e->>'previous_page' AS previous_page,
       jsonb_array_length(e->'results') AS results
  FROM program_invitations.invitation_page(program_key => 'env+a',
         page_size => 3) AS e;
-- Far past the end: previous_page is the page before it.
SELECT e->>'count' AS count, e->>'next_page' AS next_page,
       e->>'previous_page' AS previous_page,
       jsonb_array_length(e->'results') AS results
  FROM program_invitations.invitation_page(program_key => 'env+a',
         page => 5, page_size => 2) AS e;
-- The largest page number: empty, previous_page the page before it.
SELECT e->>'count' AS count, e->>'next_page' AS next_page,
       e->>'previous_page' AS previous_page,
       jsonb_array_length(e->'results') AS results
  FROM program_invitations.invitation_page(program_key => 'env+a',
         page => 2147483647, page_size => 1000) AS e;
-- active and metadata filters are written too, in parameter order.
SELECT e->>'count' AS count, e->>'next_page' AS next_page,
       e->>'previous_page' AS previous_page,
       jsonb_array_length(e->'results') AS results
  FROM program_invitations.invitation_page(metadata => '{}', active => true,
         org => 'env', page_size => 1) AS e;
-- Every filter, in parameter order, cleaned (trimmed, NFC) and
-- percent-encoded, then sort, page, page_size and verbose.
SELECT e->>'count' AS count, e->>'next_page' AS next_page,
       e->>'previous_page' AS previous_page,
       jsonb_array_length(e->'results') AS results
  FROM program_invitations.invitation_page(verbose => true, page_size => 5,
         page => 2, sort => 'source,-created',
         metadata => '{"cohort": "2024", "tags": ["a"]}', active => false,
         source => 'news letter,{"x"}', username => ' Env.Zoe ',
         email => E' Zoe\u0308@Env.example\t', org => 'env',
         program_key => ' env+a ') AS e;
-- Percent-encoding: unreserved characters kept, everything else escaped
-- byte by byte in upper-case hex.
SELECT e->>'previous_page' AS previous_page
  FROM program_invitations.invitation_page(program_key => 'env+a',
         source => E'AZaz09-._~ %&=/?#+:;@!$''()*,[]{}"\\|^`<>\u00e9\u20ac\U0001F600',
         page => 2) AS e;
-- page_url prefixes the links.
SET program_invitations.page_url = 'https://api.example.com/invitations/';
SELECT e->>'next_page' AS next_page, e->>'previous_page' AS previous_page
  FROM program_invitations.invitation_page(program_key => 'env+a',
         sort => 'id', page => 2, page_size => 1) AS e;
-- A prefix that holds a '?' already is joined with '&'.
SET program_invitations.page_url = 'https://api.example.com/rpc/invitation_page?select=id';
SELECT e->>'next_page' AS next_page, e->>'previous_page' AS previous_page
  FROM program_invitations.invitation_page(program_key => 'env+a',
         sort => 'id', page => 2, page_size => 1) AS e;
RESET program_invitations.page_url;
SELECT e->>'next_page' AS next_page, e->>'previous_page' AS previous_page
  FROM program_invitations.invitation_page(program_key => 'env+a',
         sort => 'id', page => 2, page_size => 1) AS e;
\x
\a
-- count is what count_invitations gives for the same filters.
SELECT c.label,
       (program_invitations.invitation_page(program_key => c.program_key,
          org => c.org, email => c.email, active => c.active,
          metadata => c.metadata::jsonb, page_size => 1)->>'count')::bigint
         AS page_count,
       program_invitations.count_invitations(program_key => c.program_key,
          org => c.org, email => c.email, active => c.active,
          metadata => c.metadata::jsonb) AS count_invitations
  FROM (VALUES
    ('program env+a', 'env+a', NULL, NULL, NULL, NULL),
    ('org env', NULL, 'env', NULL, NULL, NULL),
    ('org env, active', NULL, 'env', NULL, true, NULL),
    ('org env, inactive', NULL, 'env', NULL, false, NULL),
    ('org env, email', NULL, 'env', 'EVE@ENV.EXAMPLE', NULL, NULL),
    ('org env, metadata', NULL, 'env', NULL, NULL, '{"n": 1}'),
    ('program env+b', 'env+b', NULL, NULL, NULL, NULL)
  ) AS c(label, program_key, org, email, active, metadata);
-- invitation_page refuses what list_invitations refuses.
SELECT c.args,
       pg_temp.sqlstate_of('SELECT program_invitations.invitation_page(' ||
                           c.args || ')') AS result
  FROM (VALUES
    ($$org => 'env', sort => 'nope'$$),
    ($$org => 'env', page => 0$$),
    ($$org => 'env', page_size => 0$$),
    ($$org => 'env', page_size => 1001$$),
    ($$org => 'env', metadata => '[]'$$)
  ) AS c(args);
