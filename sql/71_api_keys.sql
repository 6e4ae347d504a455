-- 71_api_keys: API keys (api.md section 6).  create_api_key returns
-- pik_<16 hex digits>.<43 base64url characters>, checked with a pattern
-- and never printed; list_api_keys has the columns of api.md and shows
-- neither a secret nor its hash; a key identifies its principal in
-- "Authorization: Api-Key", "Token" and "Bearer" (Bearer only for a key
-- of this format: a JWT-looking bearer token is ignored and the role
-- identifies the caller), schemes in any case; a wrong secret, an
-- unknown key_id, a malformed, revoked or expired key are 42501 and never
-- fall through to the role, not even a superuser's; a read-only key reads
-- but may not create, delete or administer; a key whose principal is a
-- superuser's name gets only the grants of that name; in a declared
-- PostgREST role a key works without claims and a claim wins over a key;
-- create_api_key refuses an expiry in the past (22023); revoke_api_key is
-- true, then false; last_used is set by a write, not in a READ ONLY
-- transaction nor by a reader; no refusal shows the key or its secret in
-- its message, detail or hint.  Uses programs key+a and key+b
-- (org keyorg), principals key:*, and roles pi_key_*, dropped at the end.
\set VERBOSITY terse
-- 'ok', or the SQLSTATE that the statement raised.
CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN EXECUTE sql; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END $$;
-- The value of a one-value statement run with the request.headers that
-- PostgREST forwards (this Authorization header) and, when given, its
-- request.jwt.claims; or the SQLSTATE it raised, followed by "shows the
-- key" when the message, detail or hint holds the header's key or the
-- key's secret.
CREATE FUNCTION pg_temp.with_auth(header text, sql text,
                                  claims text DEFAULT '')
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v   text;
    msg text;
    det text;
    hnt text;
    key text := substring(header FROM '^\S+\s+(.*)$');
BEGIN
    PERFORM set_config('request.headers',
                       json_build_object('authorization', header)::text,
                       true),
            set_config('request.jwt.claims', claims, true);
    EXECUTE sql INTO v;
    RETURN v;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
        hnt = PG_EXCEPTION_HINT;
    RETURN SQLSTATE || CASE
        WHEN length(key) >= 8
             AND (strpos(concat_ws(' ', msg, det, hnt), key) > 0
                  OR strpos(concat_ws(' ', msg, det, hnt),
                            split_part(key, '.', 2)) > 0
                     AND length(split_part(key, '.', 2)) >= 8)
        THEN ' shows the key' ELSE '' END;
END
$$;
SELECT current_user AS superuser_name \gset
SELECT * FROM program_invitations.upsert_program('key+a', 'keyorg', 'Keys A');
SELECT * FROM program_invitations.upsert_program('key+b', 'keyorg', 'Keys B');
SELECT program_invitations.grant_role('key:one', 'program_admin',
         program_key => 'key+a');
SELECT program_invitations.grant_role('key:dm', 'dm_admin');
-- Two invitations of key+a, one of key+b.
SELECT i.email, i.program_key
  FROM (VALUES ('k1@key.example', 'key+a'), ('k2@key.example', 'key+a'),
               ('k3@key.example', 'key+b')) AS v(email, program_key),
       program_invitations.create_invitation(v.program_key, email => v.email,
         created => '2024-01-01 00:00:00+00') AS i;
SELECT id AS k1_id FROM program_invitations.list_invitations(
         program_key => 'key+a', email => 'k1@key.example') \gset
-- A role that may call the API and has no rights of its own.
CREATE ROLE pi_key_caller NOLOGIN;
SELECT program_invitations.grant_api('pi_key_caller');
--
-- create_api_key.  The keys go to psql variables and are never printed.
--
SELECT program_invitations.create_api_key('key:one') AS key_one \gset
SELECT program_invitations.create_api_key('key:one', read_only => true) AS key_ro \gset
SELECT program_invitations.create_api_key('key:dm', true) AS key_dm_ro \gset
SELECT program_invitations.create_api_key('key:one') AS key_revoked \gset
SELECT program_invitations.create_api_key('key:one',
         expires => now() + interval '1 day') AS key_expired \gset
SELECT program_invitations.create_api_key('key:one') AS key_unused \gset
SELECT program_invitations.create_api_key(:'superuser_name') AS key_su \gset
SELECT count(*) AS keys,
       count(*) FILTER (WHERE k ~ '^pik_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$') AS well_formed,
       count(DISTINCT split_part(k, '.', 1)) AS distinct_key_ids,
       count(DISTINCT split_part(k, '.', 2)) AS distinct_secrets
  FROM (VALUES (:'key_one'), (:'key_ro'), (:'key_dm_ro'), (:'key_revoked'),
               (:'key_expired'), (:'key_unused'), (:'key_su')) AS v(k);
SELECT c.expected, pg_temp.sqlstate_of(c.sql) AS result
  FROM (VALUES
    ('22023', $$SELECT program_invitations.create_api_key('key:one', expires => now() - interval '1 minute')$$),
    ('22023', $$SELECT program_invitations.create_api_key('key:one', expires => '2000-01-01 00:00:00+00')$$),
    ('22004', $$SELECT program_invitations.create_api_key(NULL)$$),
    ('22004', $$SELECT program_invitations.create_api_key('  ')$$)
  ) AS c(expected, sql);
--
-- list_api_keys: the columns of api.md, never the secret nor its hash.
--
SELECT * FROM program_invitations.list_api_keys('key:nobody');
SELECT principal, count(*) AS keys, count(*) FILTER (WHERE read_only) AS read_only,
       count(expires) AS expiring, count(revoked) AS revoked,
       count(last_used) AS used
  FROM program_invitations.list_api_keys()
 WHERE principal IN ('key:one', 'key:dm')
 GROUP BY principal ORDER BY principal;
SELECT bool_and(l.key_id = split_part(v.k, '.', 1)) AS listed_by_key_id
  FROM (VALUES (:'key_one'), (:'key_ro'), (:'key_revoked')) AS v(k)
  LEFT JOIN program_invitations.list_api_keys('key:one') AS l
    ON l.key_id = split_part(v.k, '.', 1);
SELECT count(*) AS rows_showing_a_secret_or_hash
  FROM program_invitations.list_api_keys() AS l,
       program_invitations.api_keys AS s,
       (VALUES (:'key_one'), (:'key_ro'), (:'key_dm_ro'), (:'key_revoked'),
               (:'key_expired'), (:'key_unused'), (:'key_su')) AS v(k)
 WHERE s.key_id = split_part(v.k, '.', 1)
   AND (strpos(row_to_json(l)::text, split_part(v.k, '.', 2)) > 0
        OR strpos(row_to_json(l)::text, encode(s.secret_hash, 'hex')) > 0
        OR strpos(row_to_json(l)::text, encode(s.secret_hash, 'base64')) > 0);
-- Nor does the table keep the secret.
SELECT count(*) AS stored_secrets
  FROM program_invitations.api_keys AS s,
       (VALUES (:'key_one'), (:'key_ro'), (:'key_dm_ro'), (:'key_revoked'),
               (:'key_expired'), (:'key_unused'), (:'key_su')) AS v(k)
 WHERE strpos(row_to_json(s)::text, split_part(v.k, '.', 2)) > 0
    OR s.secret_hash = convert_to(split_part(v.k, '.', 2), 'UTF8');
--
-- revoke_api_key; an expired key (its expiry moved to the past).
--
SELECT program_invitations.revoke_api_key(split_part(:'key_revoked', '.', 1)) AS revoked;
SELECT program_invitations.revoke_api_key(split_part(:'key_revoked', '.', 1)) AS revoked_again;
SELECT program_invitations.revoke_api_key('pik_0123456789abcdef') AS unknown;
UPDATE program_invitations.api_keys SET expires = now() - interval '1 hour'
 WHERE key_id = split_part(:'key_expired', '.', 1);
--
-- The key in the Authorization header.  Without one, pi_key_caller is
-- itself, with no rights: it sees nothing of key+a.  With key:one's key it
-- sees the two invitations of key+a.
--
SET ROLE pi_key_caller;
SELECT a.header_form,
       pg_temp.with_auth(a.header, $$SELECT program_invitations.count_invitations(program_key => 'key+a')$$) AS count
  FROM (VALUES
    ('no header', NULL),
    ('Api-Key <key>', 'Api-Key ' || :'key_one'),
    ('Token <key>', 'Token ' || :'key_one'),
    ('Bearer <key>', 'Bearer ' || :'key_one'),
    ('api-key <key>', 'api-key ' || :'key_one'),
    ('TOKEN <key>', 'TOKEN ' || :'key_one'),
    ('bEaReR <key>', 'bEaReR ' || :'key_one'),
    ('Bearer <JWT>', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZXk6b25lIn0.c2lnbmF0dXJl'),
    ('Basic <credentials>', 'Basic a2V5Om9uZQ==')
  ) AS a(header_form, header);
RESET ROLE;
-- A key that does not check out is 42501, never a fall-through to the
-- role: not even to a superuser's, who alone would be a DM admin.  No
-- refusal shows the key or its secret.
SELECT a.key_form,
       pg_temp.with_auth(a.header, $$SELECT program_invitations.count_invitations()$$) AS as_superuser
  FROM (VALUES
    ('wrong secret', 'Api-Key ' || split_part(:'key_one', '.', 1) || '.' || repeat('A', 43)),
    ('unknown key_id', 'Api-Key pik_0123456789abcdef.' || split_part(:'key_one', '.', 2)),
    ('key_id only', 'Api-Key ' || split_part(:'key_one', '.', 1)),
    ('one character more', 'Api-Key ' || :'key_one' || 'x'),
    ('secret cut short', 'Api-Key ' || left(:'key_one', -1)),
    ('not a key', 'Api-Key not-a-key-at-all'),
    ('Token, key format, malformed', 'Token pik_0123.secret-of-a-bad-key'),
    ('empty', 'Api-Key '),
    ('Bearer, key format, malformed', 'Bearer pik_0123.secret-of-a-bad-key'),
    ('revoked', 'Api-Key ' || :'key_revoked'),
    ('expired', 'Api-Key ' || :'key_expired')
  ) AS a(key_form, header);
--
-- A read-only key reads and writes nothing; a read-only key of a DM admin
-- reads everything and may neither write nor administer.
--
SET ROLE pi_key_caller;
SELECT c.call,
       pg_temp.with_auth('Api-Key ' || :'key_ro', c.sql) AS result
  FROM (VALUES
    ('count', $$SELECT program_invitations.count_invitations(program_key => 'key+a')$$),
    ('create', $$SELECT id FROM program_invitations.create_invitation('key+a', email => 'ro@key.example')$$),
    ('delete', format($$SELECT id FROM program_invitations.delete_invitation(%s, 'keyorg')$$, :k1_id))
  ) AS c(call, sql);
SELECT c.call,
       pg_temp.with_auth('Api-Key ' || :'key_dm_ro', c.sql) AS result
  FROM (VALUES
    ('count', $$SELECT program_invitations.count_invitations(org => 'keyorg')$$),
    ('create', $$SELECT id FROM program_invitations.create_invitation('key+b', email => 'ro@key.example')$$),
    ('delete', format($$SELECT id FROM program_invitations.delete_invitation(%s, 'keyorg')$$, :k1_id)),
    ('upsert_program', $$SELECT program_invitations.upsert_program('key+c', 'keyorg')::text$$),
    ('create_api_key', $$SELECT length(program_invitations.create_api_key('key:other'))::text$$),
    ('list_api_keys', $$SELECT count(*) FROM program_invitations.list_api_keys()$$)
  ) AS c(call, sql);
-- A key whose principal is a superuser's name is not a superuser: it has
-- only the grants of that name, none.
SELECT pg_temp.with_auth('Api-Key ' || :'key_su',
         $$SELECT program_invitations.upsert_program('key+su', 'keyorg')::text$$) AS superuser_named_key;
RESET ROLE;
SELECT count(*) AS key_invitations_left
  FROM program_invitations.list_invitations(org => 'keyorg');
--
-- In a declared PostgREST role: a key alone identifies the caller (key-only
-- requests run as the anonymous role); without it the request is
-- anonymous; a claim wins over a key.
--
CREATE ROLE pi_key_web NOLOGIN;
SELECT program_invitations.grant_api('pi_key_web');
SELECT program_invitations.declare_postgrest_role('pi_key_web');
SET ROLE pi_key_web;
SELECT c.request,
       pg_temp.with_auth(c.header, $$SELECT program_invitations.count_invitations(program_key => 'key+a')$$, c.claims) AS count
  FROM (VALUES
    ('key, no claims', 'Api-Key ' || :'key_one', ''),
    ('no key, no claims', NULL, ''),
    ('claim of key:nobody and the key', 'Api-Key ' || :'key_one', '{"sub": "key:nobody"}'),
    ('claim of key:one, a bad key', 'Api-Key not-a-key-at-all', '{"sub": "key:one"}')
  ) AS c(request, header, claims);
RESET ROLE;
--
-- last_used: not recorded in a READ ONLY transaction (PostgREST's GET),
-- nor by a reader, which has no side effects (postgrest.md section 3);
-- recorded by a write.
--
SET ROLE pi_key_caller;
BEGIN TRANSACTION READ ONLY;
SELECT pg_temp.with_auth('Api-Key ' || :'key_unused',
         $$SELECT program_invitations.count_invitations(program_key => 'key+a')$$) AS count;
COMMIT;
RESET ROLE;
SELECT last_used IS NULL AS unused_after_read_only
  FROM program_invitations.list_api_keys('key:one')
 WHERE key_id = split_part(:'key_unused', '.', 1);
SET ROLE pi_key_caller;
SELECT pg_temp.with_auth('Api-Key ' || :'key_unused',
         $$SELECT program_invitations.invitation_page(program_key => 'key+a')->>'count'$$) AS count;
RESET ROLE;
SELECT last_used IS NULL AS unused_after_read
  FROM program_invitations.list_api_keys('key:one')
 WHERE key_id = split_part(:'key_unused', '.', 1);
SET ROLE pi_key_caller;
SELECT pg_temp.with_auth('Api-Key ' || :'key_unused',
         $$SELECT email FROM program_invitations.create_invitation('key+a', email => 'used@key.example')$$) AS created;
RESET ROLE;
SELECT last_used IS NOT NULL AS used_after_write, last_used <= now() AS not_in_future
  FROM program_invitations.list_api_keys('key:one')
 WHERE key_id = split_part(:'key_unused', '.', 1);
-- Clean up the roles, which are cluster-wide.
SELECT program_invitations.undeclare_postgrest_role('pi_key_web') AS undeclared;
DROP OWNED BY pi_key_caller, pi_key_web;
DROP ROLE pi_key_caller, pi_key_web;
