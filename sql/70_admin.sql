-- 70_admin: the administration functions of api.md section 6.
-- upsert_program: create, update, NULL keeps the stored value, a new
-- program without org (22004), an org change that moves the program's
-- invitations and grants.  upsert_user: create, update, NULL keeps,
-- invalid username or email (22023), a username or email another user
-- has, compared case-insensitively (23505).  grant_role: each role, a
-- missing org or program_key (22004), an unknown program (PT404), an org
-- that is not the program's and a dm_admin with an org (22023), granting
-- twice changes nothing.  revoke_role: true, then false.  declare and
-- undeclare_postgrest_role: an unknown role (22023), the default claim
-- sub, redeclaring changes the claim, what a declared role's claims do,
-- and that a claim naming a superuser gets only its grants.  grant_api:
-- USAGE and EXECUTE on every API function, no table privilege.
-- list_grants.  The order of checks: a caller who is not a DM admin gets
-- 42501 before any argument is looked at.  Uses programs adm+a, adm+b and
-- adm+c (orgs adm, adm2), users 7001-7003, principals adm:*, and roles
-- pi_adm_*, dropped at the end.
\set VERBOSITY terse
-- 'ok', or the SQLSTATE that the statement raised.
CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN EXECUTE sql; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END $$;
-- The value of a one-value statement run with request.jwt.claims set as
-- PostgREST sets it, or the SQLSTATE that it raised.
CREATE FUNCTION pg_temp.with_claims(claims text, sql text) RETURNS text LANGUAGE plpgsql AS $$ DECLARE v text; BEGIN PERFORM set_config('request.jwt.claims', claims, true); EXECUTE sql INTO v; RETURN v; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END $$;
SELECT current_user AS superuser_name \gset
--
-- upsert_program
--
SELECT * FROM program_invitations.upsert_program('adm+a', 'adm', 'Admin A');
-- NULL org keeps the stored org; NULL name keeps the stored name.
SELECT * FROM program_invitations.upsert_program('adm+a', NULL, 'Admin A, renamed');
SELECT * FROM program_invitations.upsert_program('adm+a', 'adm', NULL);
SELECT * FROM program_invitations.upsert_program(program_key => 'adm+b', org => 'adm');
-- A new program needs its org; program_key is required.
SELECT c.expected, pg_temp.sqlstate_of(c.sql) AS result
  FROM (VALUES
    ('22004', $$SELECT program_invitations.upsert_program('adm+new', NULL, 'New')$$),
    ('22004', $$SELECT program_invitations.upsert_program(NULL, 'adm')$$),
    ('22004', $$SELECT program_invitations.upsert_program('   ', 'adm')$$)
  ) AS c(expected, sql);
SELECT count(*) AS adm_new_programs
  FROM program_invitations.programs WHERE program_key = 'adm+new';
-- Changing a program's org moves its invitations and its program admins'
-- grants along: the invitation is found, and deleted, under the new org
-- only.
SELECT email, org
  FROM program_invitations.create_invitation('adm+a',
         email => 'move@adm.example', created => '2024-01-01 00:00:00+00');
SELECT program_invitations.grant_role('adm:a-admin', 'program_admin',
         program_key => 'adm+a');
SELECT * FROM program_invitations.upsert_program('adm+a', 'adm2');
SELECT email, org, program_key
  FROM program_invitations.list_invitations(program_key => 'adm+a');
SELECT program_invitations.count_invitations(org => 'adm') AS in_adm,
       program_invitations.count_invitations(org => 'adm2') AS in_adm2;
SELECT principal, role, org, program_key
  FROM program_invitations.list_grants('adm:a-admin');
SELECT id AS adm_move_id
  FROM program_invitations.list_invitations(program_key => 'adm+a') \gset
SELECT pg_temp.sqlstate_of(format('SELECT program_invitations.delete_invitation(%s, %L)', :adm_move_id, 'adm')) AS delete_in_old_org,
       pg_temp.sqlstate_of(format('SELECT program_invitations.delete_invitation(%s, %L)', :adm_move_id, 'adm2')) AS delete_in_new_org;
--
-- upsert_user
--
SELECT user_id, username, email
  FROM program_invitations.upsert_user(7001, 'adm.user', 'Adm.User@Example.com');
-- NULL keeps the stored value, a given one replaces it.
SELECT user_id, username, email
  FROM program_invitations.upsert_user(7001, NULL, 'adm.user@adm.example');
SELECT user_id, username, email
  FROM program_invitations.upsert_user(7001, email => NULL);
-- Trimmed as create_invitation trims; a user may change the case of its
-- own username.
SELECT user_id, username, email
  FROM program_invitations.upsert_user(7002, '  adm.two ', E'\tTwo@ADM.example ');
SELECT user_id, username, email
  FROM program_invitations.upsert_user(7001, 'ADM.User');
SELECT c.expected, pg_temp.sqlstate_of(c.sql) AS result
  FROM (VALUES
    ('22004', $$SELECT program_invitations.upsert_user(NULL, 'adm.none')$$),
    ('22023', $$SELECT program_invitations.upsert_user(7003, 'adm three')$$),
    ('22023', $$SELECT program_invitations.upsert_user(7003, email => 'not-an-email')$$),
    ('22023', $$SELECT program_invitations.upsert_user(7003, email => 'x@localhost')$$),
    ('54000', $$SELECT program_invitations.upsert_user(7003, repeat('u', 151))$$),
    ('23505', $$SELECT program_invitations.upsert_user(7003, 'adm.USER')$$),
    ('23505', $$SELECT program_invitations.upsert_user(7003, email => 'ADM.USER@adm.example')$$),
    ('23505', $$SELECT program_invitations.upsert_user(7002, email => 'Adm.User@ADM.example')$$)
  ) AS c(expected, sql);
-- The refusals wrote nothing.
SELECT user_id, username, email
  FROM program_invitations.users WHERE user_id BETWEEN 7001 AND 7003
 ORDER BY user_id;
--
-- grant_role, revoke_role, list_grants
--
SELECT program_invitations.grant_role('adm:dm', 'dm_admin');
SELECT program_invitations.grant_role('adm:platform', 'platform_admin',
         org => 'adm');
SELECT program_invitations.grant_role('adm:b-admin', 'program_admin',
         program_key => 'adm+b');
SELECT program_invitations.grant_role('adm:b-admin2', 'program_admin',
         org => 'adm', program_key => 'adm+b');
-- Granting again changes nothing, not even the time it was granted.
SELECT granted AS b_granted
  FROM program_invitations.list_grants('adm:b-admin') \gset
SELECT program_invitations.grant_role('adm:b-admin', 'program_admin',
         program_key => 'adm+b');
SELECT count(*) AS grants, bool_and(granted = :'b_granted') AS unchanged
  FROM program_invitations.list_grants('adm:b-admin');
SELECT c.expected, pg_temp.sqlstate_of(c.sql) AS result
  FROM (VALUES
    ('22004', $$SELECT program_invitations.grant_role('adm:x', 'platform_admin')$$),
    ('22004', $$SELECT program_invitations.grant_role('adm:x', 'program_admin')$$),
    ('22004', $$SELECT program_invitations.grant_role('adm:x', 'program_admin', org => 'adm')$$),
    ('22004', $$SELECT program_invitations.grant_role(NULL, 'dm_admin')$$),
    ('22004', $$SELECT program_invitations.grant_role('adm:x', NULL)$$),
    ('PT404', $$SELECT program_invitations.grant_role('adm:x', 'program_admin', program_key => 'adm+none')$$),
    ('22023', $$SELECT program_invitations.grant_role('adm:x', 'program_admin', org => 'adm2', program_key => 'adm+b')$$),
    ('22023', $$SELECT program_invitations.grant_role('adm:x', 'dm_admin', org => 'adm')$$),
    ('22023', $$SELECT program_invitations.grant_role('adm:x', 'dm_admin', program_key => 'adm+b')$$),
    ('22023', $$SELECT program_invitations.grant_role('adm:x', 'owner')$$)
  ) AS c(expected, sql);
SELECT principal, role, org, program_key
  FROM program_invitations.list_grants()
 WHERE principal LIKE 'adm:%'
 ORDER BY principal, role, org, program_key;
SELECT count(*) AS unknown_principal_grants
  FROM program_invitations.list_grants('adm:x');
SELECT program_invitations.revoke_role('adm:b-admin2', 'program_admin',
         program_key => 'adm+b') AS revoked;
SELECT program_invitations.revoke_role('adm:b-admin2', 'program_admin',
         program_key => 'adm+b') AS revoked_again;
SELECT program_invitations.revoke_role('adm:platform', 'platform_admin',
         org => 'adm2') AS other_org;
SELECT program_invitations.revoke_role('adm:dm', 'dm_admin') AS revoked_dm;
SELECT pg_temp.sqlstate_of($$SELECT program_invitations.revoke_role('adm:platform', 'platform_admin')$$) AS revoke_without_org;
SELECT principal, role, org, program_key
  FROM program_invitations.list_grants()
 WHERE principal LIKE 'adm:%'
 ORDER BY principal, role, org, program_key;
--
-- grant_api: USAGE on the schema, EXECUTE on every function but the
-- internal text_key, and nothing else.
--
CREATE ROLE pi_adm_api NOLOGIN;
CREATE ROLE "pi_adm Quoted" NOLOGIN;
SELECT program_invitations.grant_api('pi_adm_api');
SELECT program_invitations.grant_api('pi_adm Quoted');
SELECT r.role_name,
       has_schema_privilege(r.role_name, 'program_invitations', 'USAGE') AS usage,
       has_schema_privilege(r.role_name, 'program_invitations', 'CREATE') AS create,
       ARRAY(SELECT p.proname FROM pg_catalog.pg_proc p
              WHERE p.pronamespace = 'program_invitations'::regnamespace
                AND NOT has_function_privilege(r.role_name, p.oid, 'EXECUTE')
              ORDER BY 1) AS not_executable,
       (SELECT count(*) FROM pg_catalog.pg_class c
         WHERE c.relnamespace = 'program_invitations'::regnamespace
           AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
           AND (has_table_privilege(r.role_name, c.oid,
                  'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
                OR has_any_column_privilege(r.role_name, c.oid,
                  'SELECT, INSERT, UPDATE, REFERENCES'))) AS tables,
       (SELECT count(*) FROM pg_catalog.pg_class c
         WHERE c.relnamespace = 'program_invitations'::regnamespace
           AND c.relkind = 'S'
           AND has_sequence_privilege(r.role_name, c.oid,
                 'USAGE, SELECT, UPDATE')) AS sequences
  FROM (VALUES ('pi_adm_api'), ('pi_adm Quoted')) AS r(role_name);
SELECT c.expected, pg_temp.sqlstate_of(c.sql) AS result
  FROM (VALUES
    ('22023', $$SELECT program_invitations.grant_api('pi_adm_no_such_role')$$),
    ('22004', $$SELECT program_invitations.grant_api(NULL)$$)
  ) AS c(expected, sql);
-- A role that holds dm_admin in the role tables administers, superuser
-- or not.
SELECT program_invitations.grant_role('pi_adm_api', 'dm_admin');
SET ROLE pi_adm_api;
SELECT * FROM program_invitations.upsert_program('adm+c', 'adm', 'Admin C');
RESET ROLE;
--
-- declare_postgrest_role, undeclare_postgrest_role
--
CREATE ROLE pi_adm_web NOLOGIN;
SELECT program_invitations.grant_api('pi_adm_web');
SELECT program_invitations.grant_role('adm:claimer', 'program_admin',
         program_key => 'adm+b');
SELECT email, org
  FROM program_invitations.create_invitation('adm+b',
         email => 'claim@adm.example', created => '2024-01-01 00:00:00+00');
SELECT c.expected, pg_temp.sqlstate_of(c.sql) AS result
  FROM (VALUES
    ('22023', $$SELECT program_invitations.declare_postgrest_role('pi_adm_no_such_role')$$),
    ('22004', $$SELECT program_invitations.declare_postgrest_role(NULL)$$),
    ('22004', $$SELECT program_invitations.undeclare_postgrest_role(NULL)$$)
  ) AS c(expected, sql);
SELECT program_invitations.declare_postgrest_role('pi_adm_web');
SELECT role_name, claim FROM program_invitations.postgrest_roles
 WHERE role_name = 'pi_adm_web';
-- Declared with the default claim sub: sub names the principal, who sees
-- the one invitation of adm+b; a request without it is anonymous (42501);
-- another claim means nothing.
SET ROLE pi_adm_web;
SELECT c.claims,
       pg_temp.with_claims(c.claims, $$SELECT program_invitations.count_invitations(program_key => 'adm+b')$$) AS count
  FROM (VALUES ('{"sub": "adm:claimer"}'), ('{"email": "adm:claimer"}'),
               ('{}'), ('')) AS c(claims);
RESET ROLE;
-- Redeclared with claim email: one declaration, the new claim.
SELECT program_invitations.declare_postgrest_role('pi_adm_web', 'email');
SELECT role_name, claim FROM program_invitations.postgrest_roles
 WHERE role_name = 'pi_adm_web';
SET ROLE pi_adm_web;
SELECT c.claims,
       pg_temp.with_claims(c.claims, $$SELECT program_invitations.count_invitations(program_key => 'adm+b')$$) AS count
  FROM (VALUES ('{"sub": "adm:claimer"}'), ('{"email": "adm:claimer"}'))
         AS c(claims);
-- A claim that names a superuser gets only what the role tables grant
-- that name: nothing.
SELECT pg_temp.with_claims(json_build_object('email', :'superuser_name')::text,
         $$SELECT program_invitations.upsert_program('adm+su', 'adm')::text$$) AS superuser_claim;
RESET ROLE;
SELECT program_invitations.undeclare_postgrest_role('pi_adm_web') AS undeclared;
SELECT program_invitations.undeclare_postgrest_role('pi_adm_web') AS undeclared_again;
-- No longer declared: claims are ignored and the principal is the role's
-- name, which holds no grant: nothing to see, but no 42501.
SET ROLE pi_adm_web;
SELECT pg_temp.with_claims('{"email": "adm:claimer"}',
         $$SELECT program_invitations.count_invitations(program_key => 'adm+b')$$) AS count;
RESET ROLE;
--
-- A caller who is not a DM admin (here a program admin) gets 42501 from
-- every administration function, before any argument is looked at.
--
CREATE ROLE pi_adm_nobody NOLOGIN;
SELECT program_invitations.grant_api('pi_adm_nobody');
SELECT program_invitations.grant_role('pi_adm_nobody', 'program_admin',
         program_key => 'adm+b');
SET ROLE pi_adm_nobody;
SELECT c.call, pg_temp.sqlstate_of(c.sql) AS result
  FROM (VALUES
    ('upsert_program, new without org', $$SELECT program_invitations.upsert_program('adm+new', NULL)$$),
    ('upsert_program, NULLs', $$SELECT program_invitations.upsert_program(NULL, NULL)$$),
    ('upsert_user, NULL user_id', $$SELECT program_invitations.upsert_user(NULL)$$),
    ('upsert_user, invalid email', $$SELECT program_invitations.upsert_user(7003, email => 'bad')$$),
    ('grant_role, NULLs', $$SELECT program_invitations.grant_role(NULL, NULL)$$),
    ('grant_role, itself dm_admin', $$SELECT program_invitations.grant_role('pi_adm_nobody', 'dm_admin')$$),
    ('grant_role, unknown program', $$SELECT program_invitations.grant_role('adm:x', 'program_admin', program_key => 'adm+none')$$),
    ('revoke_role, NULLs', $$SELECT program_invitations.revoke_role(NULL, NULL)$$),
    ('declare_postgrest_role, unknown role', $$SELECT program_invitations.declare_postgrest_role('pi_adm_no_such_role')$$),
    ('undeclare_postgrest_role, NULL', $$SELECT program_invitations.undeclare_postgrest_role(NULL)$$),
    ('create_api_key, NULL', $$SELECT program_invitations.create_api_key(NULL)$$),
    ('revoke_api_key, NULL', $$SELECT program_invitations.revoke_api_key(NULL)$$),
    ('grant_api, unknown role', $$SELECT program_invitations.grant_api('pi_adm_no_such_role')$$),
    ('list_grants', $$SELECT * FROM program_invitations.list_grants()$$),
    ('list_api_keys', $$SELECT * FROM program_invitations.list_api_keys()$$)
  ) AS c(call, sql);
RESET ROLE;
SELECT count(*) AS nobody_dm_grants
  FROM program_invitations.list_grants('pi_adm_nobody') WHERE role = 'dm_admin';
-- Clean up the roles, which are cluster-wide.
SELECT program_invitations.revoke_role('pi_adm_api', 'dm_admin') AS api_revoked,
       program_invitations.revoke_role('pi_adm_nobody', 'program_admin',
         program_key => 'adm+b') AS nobody_revoked;
DROP OWNED BY pi_adm_api, "pi_adm Quoted", pi_adm_web, pi_adm_nobody;
DROP ROLE pi_adm_api, "pi_adm Quoted", pi_adm_web, pi_adm_nobody;
