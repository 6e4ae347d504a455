-- 80_hardening: inputs that once crashed or misled the extension, each
-- with the answer the contract asks for.
--   - a calling role whose name is blank (crashed the backend): it is a
--     principal with no grants, so it reads nothing and writes nothing;
--   - program_invitations.max_page_size cannot go below the default page
--     size (20), so calls that leave page_size out always work;
--   - request.jwt.claims with a NUL escape in a declared PostgREST role:
--     no claim can be read, so the request is anonymous (42501), not a
--     JSON error that would echo the setting;
--   - an Api-Key header whose scheme is followed by a tab: still a key;
--   - values far over a limit are refused for their length (54000, or
--     22023 for an email), and a huge filter matches nothing;
--   - a page_url with a fragment keeps the fragment after the query.
\set VERBOSITY terse
CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sql;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
SELECT program_invitations.upsert_program('hard+a', 'hard') IS NOT NULL AS made;
SELECT id > 0 AS made
  FROM program_invitations.create_invitation('hard+a', email => 'h1@example.com');

-- A role named by white space alone, with the API through a group role.
CREATE ROLE pi_hard_reader;
SELECT program_invitations.grant_api('pi_hard_reader') IS NOT NULL AS done;
CREATE ROLE " " IN ROLE pi_hard_reader;
SET ROLE " ";
SELECT program_invitations.count_invitations(program_key => 'hard+a');
SELECT pg_temp.sqlstate_of($$SELECT program_invitations.create_invitation(
    'hard+a', email => 'h2@example.com')$$);
RESET ROLE;
DROP ROLE " ";
DROP OWNED BY pi_hard_reader;
DROP ROLE pi_hard_reader;

-- A maximum page size below the default of 20 is refused; 20 works.
SELECT pg_temp.sqlstate_of($$SET program_invitations.max_page_size = 10$$);
SET program_invitations.max_page_size = 20;
SELECT count(*) FROM program_invitations.list_invitations(program_key => 'hard+a');
SELECT (program_invitations.invitation_page(program_key => 'hard+a')
        ->>'count')::int AS count;
RESET program_invitations.max_page_size;

-- Claims that do not parse, in a declared PostgREST role.
CREATE ROLE pi_hard_web;
SELECT program_invitations.grant_api('pi_hard_web') IS NOT NULL AS done;
SELECT program_invitations.declare_postgrest_role('pi_hard_web') IS NOT NULL AS done;
SELECT program_invitations.grant_role('hard:dm', 'dm_admin') IS NOT NULL AS done;
BEGIN;
SET LOCAL ROLE pi_hard_web;
SELECT set_config('request.jwt.claims', '{"sub": "hard:dm", "x": "a\u0000b"}', true) IS NOT NULL AS set;
SELECT pg_temp.sqlstate_of($$SELECT program_invitations.count_invitations()$$);
SELECT set_config('request.jwt.claims', '{"sub": "hard:dm"}', true) IS NOT NULL AS set;
SELECT program_invitations.count_invitations(program_key => 'hard+a');
ROLLBACK;

-- A tab after the Api-Key scheme.
SELECT program_invitations.create_api_key('hard:dm') AS key \gset
BEGIN;
SET LOCAL ROLE pi_hard_web;
SELECT set_config('request.headers',
                  json_build_object('authorization', E'Api-Key\t' || :'key')::text,
                  true) IS NOT NULL AS set;
SELECT program_invitations.count_invitations(program_key => 'hard+a');
ROLLBACK;
SELECT program_invitations.undeclare_postgrest_role('pi_hard_web');
DROP OWNED BY pi_hard_web;
DROP ROLE pi_hard_web;

-- Far over the limits: refused for length, before any costly work.
SELECT what, pg_temp.sqlstate_of(sql) AS got
  FROM (VALUES
    ('email of 3 MB', $$SELECT program_invitations.create_invitation('hard+a',
        email => repeat('é', 1500000) || '@example.com')$$),
    ('username of 3 MB', $$SELECT program_invitations.create_invitation('hard+a',
        username => repeat('é', 1500000))$$),
    ('source of 3 MB', $$SELECT program_invitations.create_invitation('hard+a',
        email => 'h3@example.com', source => repeat('é', 1500000))$$),
    ('redirect_to of 3 MB', $$SELECT program_invitations.create_invitation('hard+a',
        email => 'h3@example.com',
        redirect_to => 'https://example.com/' || repeat('é', 1500000))$$)
  ) AS c(what, sql);
SELECT program_invitations.count_invitations(email => repeat('é', 1500000));
SELECT program_invitations.count_invitations(username => repeat('É', 1500000));

-- A fragment in page_url stays at the end of the link.
SET program_invitations.page_url = 'https://app.example.com/invitations#list';
SELECT program_invitations.invitation_page(program_key => 'hard+a',
           page => 2, page_size => 1)->>'previous_page' AS previous_page;
RESET program_invitations.page_url;
