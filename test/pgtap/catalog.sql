/*
 * test/pgtap/catalog.sql
 *		The catalog shape of program_invitations, checked against
 *		api.md sections 1-3 and postgrest.md sections 1 and 6.
 *
 * Covers:
 *   - each public function (create_invitation, list_invitations,
 *     count_invitations, invitation_page, delete_invitation): exactly one
 *     function of that name; its argument names, types and defaults as
 *     pg_get_function_arguments prints them; its return type; LANGUAGE c;
 *     its volatility; not STRICT; SECURITY INVOKER; a comment that names
 *     every parameter; no EXECUTE for PUBLIC, and none for a fresh role;
 *     only named parameters; no parameter named like a PostgREST
 *     reserved query-string word;
 *   - no function name of the schema is overloaded;
 *   - the extension: not relocatable, schema program_invitations,
 *     superuser-only and not trusted;
 *   - the composite type invitation: its 14 attributes, in order, typed;
 *   - pg_extension_config_dump: programs, users, invitations and
 *     invitation_id_seq are registered, and no table or sequence of the
 *     schema is left out;
 *   - privileges: nothing on the schema or its relations for PUBLIC; a role
 *     that holds only USAGE on the schema gets 42501 for SELECT, INSERT,
 *     UPDATE and DELETE on every table and for nextval on the sequence;
 *   - the internal helper text_key: its one parameter is unnamed, PUBLIC
 *     cannot execute it, and the fresh role gets 42501 calling it.
 *   - the administration functions of api.md section 6 (upsert_program,
 *     upsert_user, grant_role, revoke_role, declare_postgrest_role,
 *     undeclare_postgrest_role, create_api_key, revoke_api_key, grant_api,
 *     list_grants, list_api_keys): argument names, types and defaults;
 *     return type; the columns of list_grants and list_api_keys (no
 *     secret nor hash); LANGUAGE c, VOLATILE, not STRICT, SECURITY
 *     INVOKER; a comment naming every parameter; no EXECUTE for PUBLIC
 *     nor for a fresh role; only named parameters, none a PostgREST
 *     reserved word.
 *
 * The expected argument lists follow api.md section 3, including the
 * trailing "cursor text DEFAULT NULL" of list_invitations and
 * invitation_page from its "Keyset paging" part.
 */
BEGIN;
SELECT plan(173);

CREATE EXTENSION program_invitations;

-- The one function of that name in the schema (the first by oid when the
-- name is overloaded, which an assertion below reports).
CREATE FUNCTION pg_temp.api_fn(name) RETURNS oid
LANGUAGE sql STABLE AS $$
	SELECT p.oid
	  FROM pg_catalog.pg_proc p
	 WHERE p.pronamespace = 'program_invitations'::regnamespace
	   AND p.proname = $1
	 ORDER BY p.oid
	 LIMIT 1
$$;

-- A role that holds nothing but USAGE on the schema, as grant_api would
-- leave a role before any EXECUTE or DML grant.
CREATE ROLE pi_catalog_nobody NOLOGIN;
GRANT USAGE ON SCHEMA program_invitations TO pi_catalog_nobody;

/* ---------------------------------------------------------------------
 * The five API functions.
 * ------------------------------------------------------------------ */

SELECT is(
	(SELECT count(*)::int
	   FROM pg_catalog.pg_proc p
	  WHERE p.pronamespace = 'program_invitations'::regnamespace
	    AND p.proname = f.name),
	1,
	f.name || ' exists exactly once (no overloads)')
  FROM (VALUES ('create_invitation'), ('list_invitations'),
			   ('count_invitations'), ('invitation_page'),
			   ('delete_invitation')) AS f(name);

SELECT is(
	pg_catalog.pg_get_function_arguments(pg_temp.api_fn(f.name)),
	f.args,
	f.name || ' has the argument names, types and defaults of api.md')
  FROM (VALUES
	('create_invitation',
	 'program_key text, email text DEFAULT NULL::text, '
	 'username text DEFAULT NULL::text, active boolean DEFAULT true, '
	 'source text DEFAULT NULL::text, redirect_to text DEFAULT NULL::text, '
	 'created timestamp with time zone DEFAULT NULL::timestamp with time zone, '
	 'expired timestamp with time zone DEFAULT NULL::timestamp with time zone, '
	 'metadata jsonb DEFAULT NULL::jsonb'),
	('list_invitations',
	 'program_key text DEFAULT NULL::text, org text DEFAULT NULL::text, '
	 'email text DEFAULT NULL::text, username text DEFAULT NULL::text, '
	 'source text DEFAULT NULL::text, active boolean DEFAULT NULL::boolean, '
	 'metadata jsonb DEFAULT NULL::jsonb, sort text DEFAULT ''-id''::text, '
	 'page integer DEFAULT 1, page_size integer DEFAULT 20, '
	 'cursor text DEFAULT NULL::text'),
	('count_invitations',
	 'program_key text DEFAULT NULL::text, org text DEFAULT NULL::text, '
	 'email text DEFAULT NULL::text, username text DEFAULT NULL::text, '
	 'source text DEFAULT NULL::text, active boolean DEFAULT NULL::boolean, '
	 'metadata jsonb DEFAULT NULL::jsonb'),
	('invitation_page',
	 'program_key text DEFAULT NULL::text, org text DEFAULT NULL::text, '
	 'email text DEFAULT NULL::text, username text DEFAULT NULL::text, '
	 'source text DEFAULT NULL::text, active boolean DEFAULT NULL::boolean, '
	 'metadata jsonb DEFAULT NULL::jsonb, sort text DEFAULT ''-id''::text, '
	 'page integer DEFAULT 1, page_size integer DEFAULT 20, '
	 '"verbose" boolean DEFAULT false, cursor text DEFAULT NULL::text'),
	('delete_invitation',
	 'id bigint, org text')
  ) AS f(name, args);

-- Written with the type's schema, so that search_path cannot change it.
SELECT is(
	(SELECT CASE WHEN p.proretset THEN 'SETOF ' ELSE '' END
			|| n.nspname || '.' || t.typname
	   FROM pg_catalog.pg_proc p
	   JOIN pg_catalog.pg_type t ON t.oid = p.prorettype
	   JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
	  WHERE p.oid = pg_temp.api_fn(f.name)),
	f.result,
	f.name || ' returns ' || f.result)
  FROM (VALUES
	('create_invitation', 'program_invitations.invitation'),
	('list_invitations', 'SETOF program_invitations.invitation'),
	('count_invitations', 'pg_catalog.int8'),
	('invitation_page', 'pg_catalog.jsonb'),
	('delete_invitation', 'program_invitations.invitation')
  ) AS f(name, result);

SELECT is(
	(SELECT l.lanname::text
	   FROM pg_catalog.pg_proc p
	   JOIN pg_catalog.pg_language l ON l.oid = p.prolang
	  WHERE p.oid = pg_temp.api_fn(f.name)),
	'c',
	f.name || ' is LANGUAGE c')
  FROM (VALUES ('create_invitation'), ('list_invitations'),
			   ('count_invitations'), ('invitation_page'),
			   ('delete_invitation')) AS f(name);

SELECT is(
	(SELECT CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE'
							   WHEN 's' THEN 'STABLE'
							   WHEN 'v' THEN 'VOLATILE' END
	   FROM pg_catalog.pg_proc p
	  WHERE p.oid = pg_temp.api_fn(f.name)),
	f.volatility,
	f.name || ' is ' || f.volatility)
  FROM (VALUES
	('create_invitation', 'VOLATILE'),
	('list_invitations', 'STABLE'),
	('count_invitations', 'STABLE'),
	('invitation_page', 'STABLE'),
	('delete_invitation', 'VOLATILE')
  ) AS f(name, volatility);

SELECT is(
	(SELECT p.proisstrict
	   FROM pg_catalog.pg_proc p
	  WHERE p.oid = pg_temp.api_fn(f.name)),
	false,
	f.name || ' is not STRICT (a JSON null must reach the C code)')
  FROM (VALUES ('create_invitation'), ('list_invitations'),
			   ('count_invitations'), ('invitation_page'),
			   ('delete_invitation')) AS f(name);

SELECT is(
	(SELECT p.prosecdef
	   FROM pg_catalog.pg_proc p
	  WHERE p.oid = pg_temp.api_fn(f.name)),
	false,
	f.name || ' is SECURITY INVOKER')
  FROM (VALUES ('create_invitation'), ('list_invitations'),
			   ('count_invitations'), ('invitation_page'),
			   ('delete_invitation')) AS f(name);

SELECT isnt(
	pg_catalog.obj_description(pg_temp.api_fn(f.name), 'pg_proc'),
	NULL,
	f.name || ' has a comment')
  FROM (VALUES ('create_invitation'), ('list_invitations'),
			   ('count_invitations'), ('invitation_page'),
			   ('delete_invitation')) AS f(name);

-- Each parameter name must appear in the comment as a whole word.
SELECT is(
	ARRAY(SELECT a.name
			FROM pg_catalog.pg_proc p,
				 unnest(p.proargnames) AS a(name)
		   WHERE p.oid = pg_temp.api_fn(f.name)
			 AND coalesce(pg_catalog.obj_description(p.oid, 'pg_proc'), '')
				 !~ ('\m' || a.name || '\M')),
	'{}'::text[],
	f.name || ': the comment names every parameter')
  FROM (VALUES ('create_invitation'), ('list_invitations'),
			   ('count_invitations'), ('invitation_page'),
			   ('delete_invitation')) AS f(name);

-- A NULL proacl means the default ACL, which grants EXECUTE to PUBLIC.
SELECT is(
	(SELECT count(*)::int
	   FROM pg_catalog.pg_proc p,
			aclexplode(coalesce(p.proacl,
								acldefault('f', p.proowner))) AS acl
	  WHERE p.oid = pg_temp.api_fn(f.name)
		AND acl.grantee = 0
		AND acl.privilege_type = 'EXECUTE'),
	0,
	f.name || ': no EXECUTE for PUBLIC')
  FROM (VALUES ('create_invitation'), ('list_invitations'),
			   ('count_invitations'), ('invitation_page'),
			   ('delete_invitation')) AS f(name);

SELECT is(
	has_function_privilege('pi_catalog_nobody', pg_temp.api_fn(f.name),
						   'EXECUTE'),
	false,
	f.name || ': a role without grants cannot execute it')
  FROM (VALUES ('create_invitation'), ('list_invitations'),
			   ('count_invitations'), ('invitation_page'),
			   ('delete_invitation')) AS f(name);

SELECT ok(
	(SELECT p.proargnames IS NOT NULL
			AND coalesce(array_length(p.proargnames, 1), 0) = p.pronargs
			AND NOT ('' = ANY (p.proargnames))
	   FROM pg_catalog.pg_proc p
	  WHERE p.oid = pg_temp.api_fn(f.name)),
	f.name || ' has only named parameters')
  FROM (VALUES ('create_invitation'), ('list_invitations'),
			   ('count_invitations'), ('invitation_page'),
			   ('delete_invitation')) AS f(name);

SELECT is(
	ARRAY(SELECT a.name
			FROM pg_catalog.pg_proc p,
				 unnest(p.proargnames) AS a(name)
		   WHERE p.oid = pg_temp.api_fn(f.name)
			 AND a.name IN ('select', 'columns', 'order', 'limit', 'offset',
							'on_conflict', 'and', 'or')),
	'{}'::text[],
	f.name || ' has no parameter named like a PostgREST reserved word')
  FROM (VALUES ('create_invitation'), ('list_invitations'),
			   ('count_invitations'), ('invitation_page'),
			   ('delete_invitation')) AS f(name);

SELECT is(
	ARRAY(SELECT p.proname::text
			FROM pg_catalog.pg_proc p
		   WHERE p.pronamespace = 'program_invitations'::regnamespace
		   GROUP BY p.proname
		  HAVING count(*) > 1
		   ORDER BY 1),
	'{}'::text[],
	'no function name of the schema is overloaded');

/* ---------------------------------------------------------------------
 * The administration functions (api.md section 6).
 * ------------------------------------------------------------------ */

SELECT is(
	pg_catalog.pg_get_function_arguments(pg_temp.api_fn(f.name)),
	f.args,
	f.name || ' has the argument names, types and defaults of api.md')
  FROM (VALUES
	('upsert_program', 'program_key text, org text, name text DEFAULT NULL::text'),
	('upsert_user',
	 'user_id bigint, username text DEFAULT NULL::text, '
	 'email text DEFAULT NULL::text'),
	('grant_role',
	 'principal text, role text, org text DEFAULT NULL::text, '
	 'program_key text DEFAULT NULL::text'),
	('revoke_role',
	 'principal text, role text, org text DEFAULT NULL::text, '
	 'program_key text DEFAULT NULL::text'),
	('declare_postgrest_role',
	 'role_name text, claim text DEFAULT ''sub''::text'),
	('undeclare_postgrest_role', 'role_name text'),
	('create_api_key',
	 'principal text, read_only boolean DEFAULT false, '
	 'expires timestamp with time zone DEFAULT NULL::timestamp with time zone'),
	('revoke_api_key', 'key_id text'),
	('grant_api', 'role_name text'),
	('list_grants', 'principal text DEFAULT NULL::text'),
	('list_api_keys', 'principal text DEFAULT NULL::text')
  ) AS f(name, args);

SELECT is(
	(SELECT CASE WHEN p.proretset THEN 'SETOF ' ELSE '' END
			|| n.nspname || '.' || t.typname
	   FROM pg_catalog.pg_proc p
	   JOIN pg_catalog.pg_type t ON t.oid = p.prorettype
	   JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
	  WHERE p.oid = pg_temp.api_fn(f.name)),
	f.result,
	f.name || ' returns ' || f.result)
  FROM (VALUES
	('upsert_program', 'program_invitations.programs'),
	('upsert_user', 'program_invitations.users'),
	('grant_role', 'pg_catalog.void'),
	('revoke_role', 'pg_catalog.bool'),
	('declare_postgrest_role', 'pg_catalog.void'),
	('undeclare_postgrest_role', 'pg_catalog.bool'),
	('create_api_key', 'pg_catalog.text'),
	('revoke_api_key', 'pg_catalog.bool'),
	('grant_api', 'pg_catalog.void'),
	('list_grants', 'SETOF program_invitations.role_grant'),
	('list_api_keys', 'SETOF program_invitations.api_key')
  ) AS f(name, result);

-- The columns a caller gets from the two listings, however the result
-- type is declared: api.md's RETURNS TABLE lists.  No secret, no hash.
CREATE TEMP VIEW catalog_list_grants AS
	SELECT * FROM program_invitations.list_grants();
CREATE TEMP VIEW catalog_list_api_keys AS
	SELECT * FROM program_invitations.list_api_keys();

SELECT is(
	ARRAY(SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
			FROM pg_catalog.pg_attribute a
		   WHERE a.attrelid = f.view::regclass AND a.attnum > 0
		   ORDER BY a.attnum),
	f.columns,
	f.view || ': the columns of api.md section 6')
  FROM (VALUES
	('catalog_list_grants',
	 ARRAY['principal text', 'role text', 'org text', 'program_key text',
		   'granted timestamp with time zone']),
	('catalog_list_api_keys',
	 ARRAY['key_id text', 'principal text', 'read_only boolean',
		   'created timestamp with time zone',
		   'expires timestamp with time zone',
		   'revoked timestamp with time zone',
		   'last_used timestamp with time zone'])
  ) AS f(view, columns);

SELECT is(
	(SELECT l.lanname::text || ' ' || p.provolatile::text || ' '
			|| p.proisstrict::text || ' ' || p.prosecdef::text
	   FROM pg_catalog.pg_proc p
	   JOIN pg_catalog.pg_language l ON l.oid = p.prolang
	  WHERE p.oid = pg_temp.api_fn(f.name)),
	'c v false false',
	f.name || ' is LANGUAGE c, VOLATILE, not STRICT, SECURITY INVOKER')
  FROM (VALUES ('upsert_program'),
			   ('upsert_user'),
			   ('grant_role'),
			   ('revoke_role'),
			   ('declare_postgrest_role'),
			   ('undeclare_postgrest_role'),
			   ('create_api_key'),
			   ('revoke_api_key'),
			   ('grant_api'),
			   ('list_grants'),
			   ('list_api_keys')) AS f(name);

SELECT is(
	ARRAY(SELECT a.name
			FROM pg_catalog.pg_proc p,
				 unnest(p.proargnames) AS a(name)
		   WHERE p.oid = pg_temp.api_fn(f.name)
			 AND coalesce(pg_catalog.obj_description(p.oid, 'pg_proc'), '')
				 !~ ('\m' || a.name || '\M')),
	'{}'::text[],
	f.name || ': a comment that names every parameter')
  FROM (VALUES ('upsert_program'),
			   ('upsert_user'),
			   ('grant_role'),
			   ('revoke_role'),
			   ('declare_postgrest_role'),
			   ('undeclare_postgrest_role'),
			   ('create_api_key'),
			   ('revoke_api_key'),
			   ('grant_api'),
			   ('list_grants'),
			   ('list_api_keys')) AS f(name);

SELECT is(
	(SELECT count(*)::int
	   FROM pg_catalog.pg_proc p,
			aclexplode(coalesce(p.proacl,
								acldefault('f', p.proowner))) AS acl
	  WHERE p.oid = pg_temp.api_fn(f.name)
		AND acl.grantee = 0
		AND acl.privilege_type = 'EXECUTE'),
	0,
	f.name || ': no EXECUTE for PUBLIC')
  FROM (VALUES ('upsert_program'),
			   ('upsert_user'),
			   ('grant_role'),
			   ('revoke_role'),
			   ('declare_postgrest_role'),
			   ('undeclare_postgrest_role'),
			   ('create_api_key'),
			   ('revoke_api_key'),
			   ('grant_api'),
			   ('list_grants'),
			   ('list_api_keys')) AS f(name);

SELECT is(
	has_function_privilege('pi_catalog_nobody', pg_temp.api_fn(f.name),
						   'EXECUTE'),
	false,
	f.name || ': a role without grants cannot execute it')
  FROM (VALUES ('upsert_program'),
			   ('upsert_user'),
			   ('grant_role'),
			   ('revoke_role'),
			   ('declare_postgrest_role'),
			   ('undeclare_postgrest_role'),
			   ('create_api_key'),
			   ('revoke_api_key'),
			   ('grant_api'),
			   ('list_grants'),
			   ('list_api_keys')) AS f(name);

SELECT ok(
	(SELECT p.proargnames IS NOT NULL
			AND coalesce(array_length(p.proargnames, 1), 0) = p.pronargs
			AND NOT ('' = ANY (p.proargnames))
			AND NOT (p.proargnames && ARRAY['select', 'columns', 'order',
				'limit', 'offset', 'on_conflict', 'and', 'or'])
	   FROM pg_catalog.pg_proc p
	  WHERE p.oid = pg_temp.api_fn(f.name)),
	f.name || ' has only named parameters, none a PostgREST reserved word')
  FROM (VALUES ('upsert_program'),
			   ('upsert_user'),
			   ('grant_role'),
			   ('revoke_role'),
			   ('declare_postgrest_role'),
			   ('undeclare_postgrest_role'),
			   ('create_api_key'),
			   ('revoke_api_key'),
			   ('grant_api'),
			   ('list_grants'),
			   ('list_api_keys')) AS f(name);

/* ---------------------------------------------------------------------
 * The extension.
 * ------------------------------------------------------------------ */

SELECT is(
	(SELECT extrelocatable FROM pg_catalog.pg_extension
	  WHERE extname = 'program_invitations'),
	false,
	'the extension is not relocatable');

SELECT is(
	(SELECT extnamespace::regnamespace::text FROM pg_catalog.pg_extension
	  WHERE extname = 'program_invitations'),
	'program_invitations',
	'the extension lives in schema program_invitations');

SELECT is(
	(SELECT ARRAY[v.superuser, v.trusted]
	   FROM pg_catalog.pg_available_extension_versions v
	   JOIN pg_catalog.pg_extension e
		 ON e.extname = v.name AND e.extversion = v.version
	  WHERE v.name = 'program_invitations'),
	ARRAY[true, false],
	'installing the extension needs a superuser (superuser, not trusted)');

/* ---------------------------------------------------------------------
 * The composite type.
 * ------------------------------------------------------------------ */

SELECT is(
	(SELECT t.typtype::text || '/' || c.relkind::text
	   FROM pg_catalog.pg_type t
	   JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
	  WHERE t.typnamespace = 'program_invitations'::regnamespace
		AND t.typname = 'invitation'),
	'c/c',
	'invitation is a stand-alone composite type');

SELECT is(
	ARRAY(SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
			FROM pg_catalog.pg_attribute a
		   WHERE a.attrelid = 'program_invitations.invitation'::regclass
			 AND a.attnum > 0
			 AND NOT a.attisdropped
		   ORDER BY a.attnum),
	ARRAY['id bigint',
		  'user_id bigint',
		  'username text',
		  'email text',
		  'created timestamp with time zone',
		  'started timestamp with time zone',
		  'expired timestamp with time zone',
		  'source text',
		  'redirect_to text',
		  'active boolean',
		  'metadata jsonb',
		  'program_key text',
		  'org text',
		  'status text'],
	'invitation has the twelve fields, then org and status, in order');

/* ---------------------------------------------------------------------
 * pg_dump keeps the data.
 * ------------------------------------------------------------------ */

SELECT ok(
	(SELECT f.rel::regclass = ANY (e.extconfig)
	   FROM pg_catalog.pg_extension e
	  WHERE e.extname = 'program_invitations'),
	f.rel || ' is registered with pg_extension_config_dump')
  FROM (VALUES ('program_invitations.programs'),
			   ('program_invitations.users'),
			   ('program_invitations.invitations'),
			   ('program_invitations.invitation_id_seq')) AS f(rel);

SELECT is(
	ARRAY(SELECT c.relname::text
			FROM pg_catalog.pg_class c
		   WHERE c.relnamespace = 'program_invitations'::regnamespace
			 AND c.relkind IN ('r', 'p', 'S')
			 AND NOT EXISTS (
				 SELECT 1
				   FROM pg_catalog.pg_extension e
				  WHERE e.extname = 'program_invitations'
					AND c.oid = ANY (e.extconfig))
		   ORDER BY 1),
	'{}'::text[],
	'no table or sequence of the schema is left out of the dump');

/* ---------------------------------------------------------------------
 * Privileges of PUBLIC and of a role without grants.
 * ------------------------------------------------------------------ */

SELECT is(
	(SELECT count(*)::int
	   FROM pg_catalog.pg_namespace n,
			aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) acl
	  WHERE n.nspname = 'program_invitations'
		AND acl.grantee = 0),
	0,
	'PUBLIC has no privilege on the schema');

SELECT is(
	ARRAY(SELECT DISTINCT c.relname::text
			FROM pg_catalog.pg_class c,
				 aclexplode(coalesce(c.relacl,
									 acldefault(CASE c.relkind
													WHEN 'S' THEN 's'
													ELSE 'r' END::"char",
												c.relowner))) acl
		   WHERE c.relnamespace = 'program_invitations'::regnamespace
			 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
			 AND acl.grantee = 0
		   ORDER BY 1),
	'{}'::text[],
	'PUBLIC has no privilege on any table or sequence of the schema');

SET LOCAL ROLE pi_catalog_nobody;

SELECT throws_ok(
	'SELECT * FROM program_invitations.programs',
	'42501', NULL, 'a role without grants cannot SELECT programs');
SELECT throws_ok(
	$$INSERT INTO program_invitations.programs VALUES ('k', 'o', 'n')$$,
	'42501', NULL, 'a role without grants cannot INSERT into programs');
SELECT throws_ok(
	$$UPDATE program_invitations.programs SET name = 'n'$$,
	'42501', NULL, 'a role without grants cannot UPDATE programs');
SELECT throws_ok(
	'DELETE FROM program_invitations.programs',
	'42501', NULL, 'a role without grants cannot DELETE from programs');

SELECT throws_ok(
	'SELECT * FROM program_invitations.users',
	'42501', NULL, 'a role without grants cannot SELECT users');
SELECT throws_ok(
	$$INSERT INTO program_invitations.users (user_id, username)
	  VALUES (1, 'u')$$,
	'42501', NULL, 'a role without grants cannot INSERT into users');
SELECT throws_ok(
	$$UPDATE program_invitations.users SET username = 'u'$$,
	'42501', NULL, 'a role without grants cannot UPDATE users');
SELECT throws_ok(
	'DELETE FROM program_invitations.users',
	'42501', NULL, 'a role without grants cannot DELETE from users');

SELECT throws_ok(
	'SELECT * FROM program_invitations.invitations',
	'42501', NULL, 'a role without grants cannot SELECT invitations');
SELECT throws_ok(
	$$INSERT INTO program_invitations.invitations
		  (org, program_key, email, created)
	  VALUES ('o', 'k', 'a@example.com', now())$$,
	'42501', NULL, 'a role without grants cannot INSERT into invitations');
SELECT throws_ok(
	$$UPDATE program_invitations.invitations SET source = 's'$$,
	'42501', NULL, 'a role without grants cannot UPDATE invitations');
SELECT throws_ok(
	'DELETE FROM program_invitations.invitations',
	'42501', NULL, 'a role without grants cannot DELETE from invitations');

SELECT throws_ok(
	$$SELECT nextval('program_invitations.invitation_id_seq')$$,
	'42501', NULL, 'a role without grants cannot take ids from the sequence');

SELECT throws_ok(
	$$SELECT program_invitations.text_key('x')$$,
	'42501', NULL, 'a role without grants cannot call text_key');

RESET ROLE;

/* ---------------------------------------------------------------------
 * The internal helper text_key(text).
 * ------------------------------------------------------------------ */

SELECT ok(
	(SELECT p.pronargs = 1
			AND (p.proargnames IS NULL OR p.proargnames[1] = '')
	   FROM pg_catalog.pg_proc p
	  WHERE p.oid = 'program_invitations.text_key(text)'::regprocedure),
	'text_key has one unnamed parameter (PostgREST cannot publish it)');

SELECT is(
	(SELECT count(*)::int
	   FROM pg_catalog.pg_proc p,
			aclexplode(coalesce(p.proacl,
								acldefault('f', p.proowner))) AS acl
	  WHERE p.oid = 'program_invitations.text_key(text)'::regprocedure
		AND acl.grantee = 0
		AND acl.privilege_type = 'EXECUTE'),
	0,
	'text_key: no EXECUTE for PUBLIC');

SELECT * FROM finish();
ROLLBACK;
