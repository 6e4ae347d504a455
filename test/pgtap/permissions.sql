/*
 * test/pgtap/permissions.sql
 *		The permission matrix of the role model: every caller against every
 *		API function, in its own scope and in another one, checked against
 *		api.md sections 5 and 6 and its "Order of checks".
 *
 * Covers:
 *   - callers: a superuser; a DM admin by role name; a platform admin of
 *     org A; program admins of A's programs 1 and 2; a platform admin of
 *     org B; a role with EXECUTE (grant_api) and no role row; PostgREST
 *     anonymous (a declared role, no claim, no key), also with claims
 *     that lack the declared claim; a PostgREST user (declared role, "sub"
 *     names a program admin of A1); the same claims forged in a role that
 *     is not declared; a declared role whose claim is "email", not "sub";
 *     API keys sent from the declared anonymous role as PostgREST does: a
 *     read-write and a read-only key of pim_svc, a program admin of A1,
 *     and a read-only key of a DM admin; revoked, expired, malformed and
 *     unknown keys, sent from the DM admin's role so that a fall-through
 *     to the role would show; a claim and a key whose principal is a
 *     superuser's name (only the role tables count).  The declared roles'
 *     own names hold a grant, which must never count;
 *   - operations: list_invitations, count_invitations and invitation_page
 *     filtered to program A1, to program B1, to org A and unfiltered (the
 *     programs, count or count/length that come back); create_invitation
 *     in A1, A2, B1, an unknown program and with an invalid email (the
 *     order of checks: identity, then validation, then rights);
 *     delete_invitation of the rows of A1, A2 and B1, of a missing id and
 *     of A1's row under org B; every administration function
 *     (upsert_program, upsert_user, grant_role, also with a missing org,
 *     revoke_role, declare_postgrest_role, undeclare_postgrest_role,
 *     create_api_key, revoke_api_key, grant_api, list_grants,
 *     list_api_keys);
 *   - the keys' reads again in a read-only transaction (a PostgREST GET);
 *   - the matrix is complete: one cell per caller and operation;
 *   - a PT404 for a row the caller may not see has exactly the message and
 *     detail of a missing row;
 *   - the Token, Bearer and lower-case Api-Key forms of the header;
 *   - direct SELECT, INSERT, UPDATE and DELETE on every table, nextval on
 *     the id sequence and text_key are 42501 for roles that hold grant_api
 *     (the DM admin's role and the role without a role row);
 *   - current_user and search_path are unchanged after a successful and
 *     after a refused call.
 *
 * Each cell runs in a subtransaction that is always rolled back, so no
 * cell sees another's writes.  The expected values are worked out from
 * api.md by hand; where a rule gives one answer for a whole row of the
 * matrix (anonymous callers, bad keys, administration by anyone but a DM
 * admin: 42501), the cells are generated from that rule.
 */
BEGIN;
SELECT plan(828);

CREATE EXTENSION program_invitations;

/* ---------------------------------------------------------------------
 * Roles, programs, grants, keys and one invitation per program.
 * ------------------------------------------------------------------ */

CREATE ROLE pim_dm NOLOGIN;
CREATE ROLE pim_plat_a NOLOGIN;
CREATE ROLE pim_prog_a1 NOLOGIN;
CREATE ROLE pim_prog_a2 NOLOGIN;
CREATE ROLE pim_plat_b NOLOGIN;
CREATE ROLE pim_nobody NOLOGIN;
CREATE ROLE pim_forger NOLOGIN;
CREATE ROLE pim_anon NOLOGIN;		-- PostgREST's anonymous role
CREATE ROLE pim_web NOLOGIN;		-- PostgREST's role for signed-in users
CREATE ROLE pim_web_email NOLOGIN;	-- same, principal in claim "email"

DO $$
BEGIN
	PERFORM program_invitations.grant_api(r)
	   FROM unnest(ARRAY['pim_dm', 'pim_plat_a', 'pim_prog_a1', 'pim_prog_a2',
						 'pim_plat_b', 'pim_nobody', 'pim_forger', 'pim_anon',
						 'pim_web', 'pim_web_email']) r;

	PERFORM program_invitations.upsert_program('pim_a1', 'pim_a', 'A1');
	PERFORM program_invitations.upsert_program('pim_a2', 'pim_a', 'A2');
	PERFORM program_invitations.upsert_program('pim_b1', 'pim_b', 'B1');

	PERFORM program_invitations.grant_role('pim_dm', 'dm_admin');
	PERFORM program_invitations.grant_role('pim_plat_a', 'platform_admin',
										   'pim_a');
	PERFORM program_invitations.grant_role('pim_prog_a1', 'program_admin',
										   program_key => 'pim_a1');
	PERFORM program_invitations.grant_role('pim_prog_a2', 'program_admin',
										   program_key => 'pim_a2');
	PERFORM program_invitations.grant_role('pim_plat_b', 'platform_admin',
										   'pim_b');
	-- The JWT subject and the API keys' principal: program admins of A1.
	PERFORM program_invitations.grant_role('pim_alice', 'program_admin',
										   program_key => 'pim_a1');
	PERFORM program_invitations.grant_role('pim_svc', 'program_admin',
										   program_key => 'pim_a1');
	-- Grants to the PostgREST roles' own names, which must not count: in
	-- a declared role the principal is the claim or the key, or nobody.
	PERFORM program_invitations.grant_role('pim_anon', 'platform_admin',
										   'pim_b');
	PERFORM program_invitations.grant_role('pim_web', 'platform_admin',
										   'pim_b');

	PERFORM program_invitations.declare_postgrest_role('pim_anon');
	PERFORM program_invitations.declare_postgrest_role('pim_web');
	PERFORM program_invitations.declare_postgrest_role('pim_web_email',
													   'email');
END
$$;

CREATE TEMP TABLE pim_keys (name text PRIMARY KEY, key text NOT NULL);
INSERT INTO pim_keys VALUES
	('rw', program_invitations.create_api_key('pim_svc')),
	('ro', program_invitations.create_api_key('pim_svc', true)),
	('revoked', program_invitations.create_api_key('pim_svc')),
	('expired', program_invitations.create_api_key('pim_svc', false,
												   now() + interval '1 day')),
	('ro_dm', program_invitations.create_api_key('pim_dm', true)),
	('su_name', program_invitations.create_api_key(current_user::text)),
	-- Well-formed, but no such key; and not of this API's format.
	('unknown', 'pik_0123456789abcdef.' || repeat('A', 43)),
	('malformed', 'pik_not-a-key');
DO $$
BEGIN
	PERFORM program_invitations.revoke_api_key(split_part(key, '.', 1))
	   FROM pg_temp.pim_keys WHERE name = 'revoked';
	-- create_api_key refuses a past expiry, so age the key by hand.
	UPDATE program_invitations.api_keys
	   SET expires = now() - interval '1 day'
	 WHERE key_id = (SELECT split_part(key, '.', 1) FROM pg_temp.pim_keys
					  WHERE name = 'expired');
END
$$;

CREATE TEMP TABLE pim_rows (program_key text PRIMARY KEY, id bigint NOT NULL);
INSERT INTO pim_rows
SELECT i.program_key, i.id
  FROM (VALUES ('pim_a1'), ('pim_a2'), ('pim_b1')) p(k),
	   program_invitations.create_invitation(p.k, p.k || '@example.com') i;

/* ---------------------------------------------------------------------
 * Callers: the role a call runs in, its request.jwt.claims and its
 * request.headers; read_only runs it in a read-only transaction, as
 * PostgREST runs a GET.  A NULL role keeps the superuser running this
 * file.  "kind" says which part of the matrix a caller is in: every
 * operation ("all"), the reads only ("reads"), or none ("extra").
 * ------------------------------------------------------------------ */

CREATE TEMP TABLE pim_callers (
	caller		text PRIMARY KEY,
	role_name	text,
	claims		text NOT NULL DEFAULT '',
	headers		text NOT NULL DEFAULT '',
	read_only	boolean NOT NULL DEFAULT false,
	kind		text NOT NULL DEFAULT 'all'
);

CREATE FUNCTION pg_temp.auth(scheme text, key_name text) RETURNS text
LANGUAGE sql AS $$
	SELECT jsonb_build_object('authorization', scheme || ' ' || k.key)::text
	  FROM pg_temp.pim_keys k WHERE k.name = key_name
$$;

INSERT INTO pim_callers (caller, role_name, claims, headers) VALUES
	('superuser',     NULL,            '', ''),
	('dm',            'pim_dm',        '', ''),
	('plat_a',        'pim_plat_a',    '', ''),
	('prog_a1',       'pim_prog_a1',   '', ''),
	('prog_a2',       'pim_prog_a2',   '', ''),
	('plat_b',        'pim_plat_b',    '', ''),
	('nobody',        'pim_nobody',    '', ''),
	('anon',          'pim_anon',      '', ''),
	('anon_no_sub',   'pim_web',       '{"role": "pim_web"}', ''),
	('jwt',           'pim_web',
		'{"sub": "pim_alice", "role": "pim_web"}', ''),
	('forged_jwt',    'pim_forger',
		'{"sub": "pim_alice", "role": "pim_web"}', ''),
	('jwt_email',     'pim_web_email',
		'{"sub": "pim_dm", "email": "pim_alice"}', ''),
	('claim_su_name', 'pim_web',
		jsonb_build_object('sub', current_user::text)::text, ''),
	('key_rw',        'pim_anon',      '', pg_temp.auth('Api-Key', 'rw')),
	('key_ro',        'pim_anon',      '', pg_temp.auth('Api-Key', 'ro')),
	('key_ro_dm',     'pim_anon',      '', pg_temp.auth('Api-Key', 'ro_dm')),
	('key_su_name',   'pim_anon',      '', pg_temp.auth('Api-Key', 'su_name')),
	('key_revoked',   'pim_dm',        '', pg_temp.auth('Api-Key', 'revoked')),
	('key_expired',   'pim_dm',        '', pg_temp.auth('Api-Key', 'expired')),
	('key_unknown',   'pim_dm',        '', pg_temp.auth('Api-Key', 'unknown')),
	('key_malformed', 'pim_dm',        '', pg_temp.auth('Api-Key', 'malformed'));

-- The keys' reads again, in a read-only transaction (a PostgREST GET).
INSERT INTO pim_callers (caller, role_name, claims, headers, read_only, kind)
SELECT caller || '_get', role_name, claims, headers, true, 'reads'
  FROM pim_callers
 WHERE caller IN ('key_rw', 'key_ro', 'key_ro_dm', 'key_su_name');

-- The other forms of the Authorization header; not in the matrix.  Read
-- only, like a GET, so that they test the header and nothing else.
INSERT INTO pim_callers (caller, role_name, headers, read_only, kind) VALUES
	('key_rw_token',  'pim_anon', pg_temp.auth('Token', 'rw'), true, 'extra'),
	('key_rw_bearer', 'pim_anon', pg_temp.auth('Bearer', 'rw'), true, 'extra'),
	('key_rw_lower',  'pim_anon', pg_temp.auth('api-key', 'rw'), true, 'extra');

/*
 * run_as runs one statement as a caller and returns its single value as
 * text ('(null)' for NULL), or the SQLSTATE of its error; with_message
 * adds the message and detail of an error.  Whatever happens, the
 * statement's writes, the role and the request settings are rolled back
 * with the subtransaction, so the next cell starts from the same state.
 */
CREATE FUNCTION pg_temp.run_as(who text, stmt text,
							   with_message boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	c		record;
	result	text;
	st		text;
	msg		text;
	det		text;
BEGIN
	SELECT * INTO STRICT c FROM pg_temp.pim_callers WHERE caller = who;
	BEGIN
		PERFORM set_config('request.jwt.claims', c.claims, true);
		PERFORM set_config('request.headers', c.headers, true);
		IF c.read_only THEN
			SET LOCAL transaction_read_only = on;
		END IF;
		IF c.role_name IS NOT NULL THEN
			EXECUTE format('SET LOCAL ROLE %I', c.role_name);
		END IF;
		EXECUTE stmt INTO result;
		RAISE SQLSTATE 'PIMOK' USING MESSAGE = coalesce(result, '(null)');
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
			det = PG_EXCEPTION_DETAIL;
		IF st = 'PIMOK' THEN
			RETURN msg;
		END IF;
		IF with_message THEN
			RETURN st || ': ' || msg || ' / ' || coalesce(det, '');
		END IF;
		RETURN st;
	END;
END
$$;

/* ---------------------------------------------------------------------
 * Operations: what each cell runs.  Reads return the programs they saw
 * ('none' for no row), the count, or the envelope's count/length of
 * results; creates and deletes the row's program; administration
 * functions a short value.
 * ------------------------------------------------------------------ */

CREATE TEMP TABLE pim_ops (
	op		text,
	scope	text,
	stmt	text NOT NULL,
	PRIMARY KEY (op, scope)
);

INSERT INTO pim_ops
SELECT 'list', s.scope,
	   'SELECT coalesce(string_agg(program_key, '','' ORDER BY program_key),'
	   ' ''none'') FROM program_invitations.list_invitations(' || s.args || ')'
  FROM (VALUES ('a1', 'program_key => ''pim_a1'''),
			   ('b1', 'program_key => ''pim_b1'''),
			   ('org_a', 'org => ''pim_a'''),
			   ('all', '')) s(scope, args)
UNION ALL
SELECT 'count', s.scope,
	   'SELECT program_invitations.count_invitations(' || s.args || ')::text'
  FROM (VALUES ('a1', 'program_key => ''pim_a1'''),
			   ('b1', 'program_key => ''pim_b1'''),
			   ('org_a', 'org => ''pim_a'''),
			   ('all', '')) s(scope, args)
UNION ALL
SELECT 'page', s.scope,
	   'SELECT (p->>''count'') || ''/'' || jsonb_array_length(p->''results'')'
	   ' FROM program_invitations.invitation_page(' || s.args || ') p'
  FROM (VALUES ('a1', 'program_key => ''pim_a1'''),
			   ('b1', 'program_key => ''pim_b1'''),
			   ('org_a', 'org => ''pim_a'''),
			   ('all', '')) s(scope, args)
UNION ALL
SELECT 'create', s.scope,
	   format('SELECT program_key FROM program_invitations.create_invitation('
			  '%L, %L)', s.program_key, s.email)
  FROM (VALUES ('a1', 'pim_a1', 'new@example.com'),
			   ('a2', 'pim_a2', 'new@example.com'),
			   ('b1', 'pim_b1', 'new@example.com'),
			   ('missing', 'pim_zz', 'new@example.com'),
			   ('bad_email', 'pim_b1', 'not an email')) s(scope, program_key, email)
UNION ALL
SELECT 'delete', s.scope,
	   format('SELECT program_key FROM program_invitations.delete_invitation('
			  '%s, %L)', s.id, s.org)
  FROM (SELECT 'a1', r.id, 'pim_a' FROM pim_rows r
		 WHERE r.program_key = 'pim_a1'
		UNION ALL
		SELECT 'a2', r.id, 'pim_a' FROM pim_rows r
		 WHERE r.program_key = 'pim_a2'
		UNION ALL
		SELECT 'b1', r.id, 'pim_b' FROM pim_rows r
		 WHERE r.program_key = 'pim_b1'
		UNION ALL
		SELECT 'missing', max(r.id) + 1000, 'pim_a' FROM pim_rows r
		UNION ALL
		SELECT 'a1_as_org_b', r.id, 'pim_b' FROM pim_rows r
		 WHERE r.program_key = 'pim_a1') s(scope, id, org)
UNION ALL
SELECT s.op, '-', 'SELECT ' || s.stmt
  FROM (VALUES
	('upsert_program',
	 $q$name FROM program_invitations.upsert_program('pim_a1', NULL,
		'Renamed')$q$),
	('upsert_user',
	 $q$user_id::text FROM program_invitations.upsert_user(900001,
		'pim_newuser', 'pim_newuser@example.com')$q$),
	('grant_role',
	 $q$'done' FROM program_invitations.grant_role('pim_carol',
		'platform_admin', 'pim_b')$q$),
	('grant_role_no_org',
	 $q$'done' FROM program_invitations.grant_role('pim_carol',
		'platform_admin')$q$),
	('revoke_role',
	 $q$program_invitations.revoke_role('pim_alice', 'program_admin',
		NULL, 'pim_a1')::text$q$),
	('declare_postgrest_role',
	 $q$'done' FROM
		program_invitations.declare_postgrest_role('pim_nobody')$q$),
	('undeclare_postgrest_role',
	 $q$program_invitations.undeclare_postgrest_role('pim_anon')::text$q$),
	('create_api_key',
	 $q$CASE WHEN k ~ '^pik_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$' THEN 'key'
		ELSE 'not a key' END
		FROM program_invitations.create_api_key('pim_svc') k$q$),
	('revoke_api_key',
	 format('program_invitations.revoke_api_key(%L)::text',
			(SELECT split_part(key, '.', 1) FROM pim_keys
			  WHERE name = 'rw'))),
	('grant_api',
	 $q$'done' FROM program_invitations.grant_api('pim_nobody')$q$),
	('list_grants',
	 $q$count(*)::text FROM
		program_invitations.list_grants('pim_alice')$q$),
	('list_api_keys',
	 $q$count(*)::text FROM
		program_invitations.list_api_keys('pim_svc')$q$)
  ) s(op, stmt);

/* ---------------------------------------------------------------------
 * The matrix.  Data: one invitation in each of A1, A2 (org A) and B1
 * (org B).  Reads by a non-DM caller see only its orgs and programs;
 * writes outside its rights are 42501 (also for an unknown program);
 * deleting a row it may not see is PT404, one it may see but not write
 * 42501; anonymous and bad keys are 42501 for everything; a read-only
 * key reads only; administration is for DM admins only, who are checked
 * before the arguments.
 * ------------------------------------------------------------------ */

CREATE TEMP TABLE pim_cells (
	n			serial PRIMARY KEY,
	caller		text NOT NULL,
	op			text NOT NULL,
	scope		text NOT NULL,
	expected	text NOT NULL,
	UNIQUE (caller, op, scope)
);

INSERT INTO pim_cells (caller, op, scope, expected) VALUES
-- A superuser is a DM admin: everything, in every org.
('superuser', 'list', 'a1', 'pim_a1'), ('superuser', 'list', 'b1', 'pim_b1'),
('superuser', 'list', 'org_a', 'pim_a1,pim_a2'),
('superuser', 'list', 'all', 'pim_a1,pim_a2,pim_b1'),
('superuser', 'count', 'a1', '1'), ('superuser', 'count', 'b1', '1'),
('superuser', 'count', 'org_a', '2'), ('superuser', 'count', 'all', '3'),
('superuser', 'page', 'a1', '1/1'), ('superuser', 'page', 'b1', '1/1'),
('superuser', 'page', 'org_a', '2/2'), ('superuser', 'page', 'all', '3/3'),
('superuser', 'create', 'a1', 'pim_a1'),
('superuser', 'create', 'a2', 'pim_a2'),
('superuser', 'create', 'b1', 'pim_b1'),
('superuser', 'create', 'missing', 'PT404'),
('superuser', 'create', 'bad_email', '22023'),
('superuser', 'delete', 'a1', 'pim_a1'),
('superuser', 'delete', 'a2', 'pim_a2'),
('superuser', 'delete', 'b1', 'pim_b1'),
('superuser', 'delete', 'missing', 'PT404'),
('superuser', 'delete', 'a1_as_org_b', 'PT404'),
('superuser', 'upsert_program', '-', 'Renamed'),
('superuser', 'upsert_user', '-', '900001'),
('superuser', 'grant_role', '-', 'done'),
('superuser', 'grant_role_no_org', '-', '22004'),
('superuser', 'revoke_role', '-', 'true'),
('superuser', 'declare_postgrest_role', '-', 'done'),
('superuser', 'undeclare_postgrest_role', '-', 'true'),
('superuser', 'create_api_key', '-', 'key'),
('superuser', 'revoke_api_key', '-', 'true'),
('superuser', 'grant_api', '-', 'done'), ('superuser', 'list_grants', '-', '1'),
('superuser', 'list_api_keys', '-', '4'),

-- A DM admin by role name: the same as a superuser.
('dm', 'list', 'a1', 'pim_a1'), ('dm', 'list', 'b1', 'pim_b1'),
('dm', 'list', 'org_a', 'pim_a1,pim_a2'),
('dm', 'list', 'all', 'pim_a1,pim_a2,pim_b1'),
('dm', 'count', 'a1', '1'), ('dm', 'count', 'b1', '1'),
('dm', 'count', 'org_a', '2'), ('dm', 'count', 'all', '3'),
('dm', 'page', 'a1', '1/1'), ('dm', 'page', 'b1', '1/1'),
('dm', 'page', 'org_a', '2/2'), ('dm', 'page', 'all', '3/3'),
('dm', 'create', 'a1', 'pim_a1'), ('dm', 'create', 'a2', 'pim_a2'),
('dm', 'create', 'b1', 'pim_b1'), ('dm', 'create', 'missing', 'PT404'),
('dm', 'create', 'bad_email', '22023'),
('dm', 'delete', 'a1', 'pim_a1'), ('dm', 'delete', 'a2', 'pim_a2'),
('dm', 'delete', 'b1', 'pim_b1'), ('dm', 'delete', 'missing', 'PT404'),
('dm', 'delete', 'a1_as_org_b', 'PT404'),
('dm', 'upsert_program', '-', 'Renamed'), ('dm', 'upsert_user', '-', '900001'),
('dm', 'grant_role', '-', 'done'), ('dm', 'grant_role_no_org', '-', '22004'),
('dm', 'revoke_role', '-', 'true'),
('dm', 'declare_postgrest_role', '-', 'done'),
('dm', 'undeclare_postgrest_role', '-', 'true'),
('dm', 'create_api_key', '-', 'key'), ('dm', 'revoke_api_key', '-', 'true'),
('dm', 'grant_api', '-', 'done'), ('dm', 'list_grants', '-', '1'),
('dm', 'list_api_keys', '-', '4'),

-- Below, the administration functions of callers that are not DM admins
-- are added afterwards: all 42501.

-- Platform admin of org A: reads A1 and A2, writes nothing; may see A's
-- rows, so deleting one is 42501; B's row is not found.
('plat_a', 'list', 'a1', 'pim_a1'), ('plat_a', 'list', 'b1', 'none'),
('plat_a', 'list', 'org_a', 'pim_a1,pim_a2'),
('plat_a', 'list', 'all', 'pim_a1,pim_a2'),
('plat_a', 'count', 'a1', '1'), ('plat_a', 'count', 'b1', '0'),
('plat_a', 'count', 'org_a', '2'), ('plat_a', 'count', 'all', '2'),
('plat_a', 'page', 'a1', '1/1'), ('plat_a', 'page', 'b1', '0/0'),
('plat_a', 'page', 'org_a', '2/2'), ('plat_a', 'page', 'all', '2/2'),
('plat_a', 'create', 'a1', '42501'), ('plat_a', 'create', 'a2', '42501'),
('plat_a', 'create', 'b1', '42501'), ('plat_a', 'create', 'missing', '42501'),
('plat_a', 'create', 'bad_email', '22023'),
('plat_a', 'delete', 'a1', '42501'), ('plat_a', 'delete', 'a2', '42501'),
('plat_a', 'delete', 'b1', 'PT404'), ('plat_a', 'delete', 'missing', 'PT404'),
('plat_a', 'delete', 'a1_as_org_b', 'PT404'),

-- Program admin of A1: reads and writes A1 only; A2's and B1's rows are
-- not found.
('prog_a1', 'list', 'a1', 'pim_a1'), ('prog_a1', 'list', 'b1', 'none'),
('prog_a1', 'list', 'org_a', 'pim_a1'), ('prog_a1', 'list', 'all', 'pim_a1'),
('prog_a1', 'count', 'a1', '1'), ('prog_a1', 'count', 'b1', '0'),
('prog_a1', 'count', 'org_a', '1'), ('prog_a1', 'count', 'all', '1'),
('prog_a1', 'page', 'a1', '1/1'), ('prog_a1', 'page', 'b1', '0/0'),
('prog_a1', 'page', 'org_a', '1/1'), ('prog_a1', 'page', 'all', '1/1'),
('prog_a1', 'create', 'a1', 'pim_a1'), ('prog_a1', 'create', 'a2', '42501'),
('prog_a1', 'create', 'b1', '42501'), ('prog_a1', 'create', 'missing', '42501'),
('prog_a1', 'create', 'bad_email', '22023'),
('prog_a1', 'delete', 'a1', 'pim_a1'), ('prog_a1', 'delete', 'a2', 'PT404'),
('prog_a1', 'delete', 'b1', 'PT404'), ('prog_a1', 'delete', 'missing', 'PT404'),
('prog_a1', 'delete', 'a1_as_org_b', 'PT404'),

-- Program admin of A2: reads and writes A2 only.
('prog_a2', 'list', 'a1', 'none'), ('prog_a2', 'list', 'b1', 'none'),
('prog_a2', 'list', 'org_a', 'pim_a2'), ('prog_a2', 'list', 'all', 'pim_a2'),
('prog_a2', 'count', 'a1', '0'), ('prog_a2', 'count', 'b1', '0'),
('prog_a2', 'count', 'org_a', '1'), ('prog_a2', 'count', 'all', '1'),
('prog_a2', 'page', 'a1', '0/0'), ('prog_a2', 'page', 'b1', '0/0'),
('prog_a2', 'page', 'org_a', '1/1'), ('prog_a2', 'page', 'all', '1/1'),
('prog_a2', 'create', 'a1', '42501'), ('prog_a2', 'create', 'a2', 'pim_a2'),
('prog_a2', 'create', 'b1', '42501'), ('prog_a2', 'create', 'missing', '42501'),
('prog_a2', 'create', 'bad_email', '22023'),
('prog_a2', 'delete', 'a1', 'PT404'), ('prog_a2', 'delete', 'a2', 'pim_a2'),
('prog_a2', 'delete', 'b1', 'PT404'), ('prog_a2', 'delete', 'missing', 'PT404'),
('prog_a2', 'delete', 'a1_as_org_b', 'PT404'),

-- Platform admin of org B: reads B1, writes nothing.
('plat_b', 'list', 'a1', 'none'), ('plat_b', 'list', 'b1', 'pim_b1'),
('plat_b', 'list', 'org_a', 'none'), ('plat_b', 'list', 'all', 'pim_b1'),
('plat_b', 'count', 'a1', '0'), ('plat_b', 'count', 'b1', '1'),
('plat_b', 'count', 'org_a', '0'), ('plat_b', 'count', 'all', '1'),
('plat_b', 'page', 'a1', '0/0'), ('plat_b', 'page', 'b1', '1/1'),
('plat_b', 'page', 'org_a', '0/0'), ('plat_b', 'page', 'all', '1/1'),
('plat_b', 'create', 'a1', '42501'), ('plat_b', 'create', 'a2', '42501'),
('plat_b', 'create', 'b1', '42501'), ('plat_b', 'create', 'missing', '42501'),
('plat_b', 'create', 'bad_email', '22023'),
('plat_b', 'delete', 'a1', 'PT404'), ('plat_b', 'delete', 'a2', 'PT404'),
('plat_b', 'delete', 'b1', '42501'), ('plat_b', 'delete', 'missing', 'PT404'),
('plat_b', 'delete', 'a1_as_org_b', 'PT404'),

-- EXECUTE through grant_api but no role row: identified, sees nothing,
-- writes nothing, every row is not found.
('nobody', 'list', 'a1', 'none'), ('nobody', 'list', 'b1', 'none'),
('nobody', 'list', 'org_a', 'none'), ('nobody', 'list', 'all', 'none'),
('nobody', 'count', 'a1', '0'), ('nobody', 'count', 'b1', '0'),
('nobody', 'count', 'org_a', '0'), ('nobody', 'count', 'all', '0'),
('nobody', 'page', 'a1', '0/0'), ('nobody', 'page', 'b1', '0/0'),
('nobody', 'page', 'org_a', '0/0'), ('nobody', 'page', 'all', '0/0'),
('nobody', 'create', 'a1', '42501'), ('nobody', 'create', 'a2', '42501'),
('nobody', 'create', 'b1', '42501'), ('nobody', 'create', 'missing', '42501'),
('nobody', 'create', 'bad_email', '22023'),
('nobody', 'delete', 'a1', 'PT404'), ('nobody', 'delete', 'a2', 'PT404'),
('nobody', 'delete', 'b1', 'PT404'), ('nobody', 'delete', 'missing', 'PT404'),
('nobody', 'delete', 'a1_as_org_b', 'PT404'),

-- PostgREST user whose "sub" is a program admin of A1: as prog_a1.
('jwt', 'list', 'a1', 'pim_a1'), ('jwt', 'list', 'b1', 'none'),
('jwt', 'list', 'org_a', 'pim_a1'), ('jwt', 'list', 'all', 'pim_a1'),
('jwt', 'count', 'a1', '1'), ('jwt', 'count', 'b1', '0'),
('jwt', 'count', 'org_a', '1'), ('jwt', 'count', 'all', '1'),
('jwt', 'page', 'a1', '1/1'), ('jwt', 'page', 'b1', '0/0'),
('jwt', 'page', 'org_a', '1/1'), ('jwt', 'page', 'all', '1/1'),
('jwt', 'create', 'a1', 'pim_a1'), ('jwt', 'create', 'a2', '42501'),
('jwt', 'create', 'b1', '42501'), ('jwt', 'create', 'missing', '42501'),
('jwt', 'create', 'bad_email', '22023'),
('jwt', 'delete', 'a1', 'pim_a1'), ('jwt', 'delete', 'a2', 'PT404'),
('jwt', 'delete', 'b1', 'PT404'), ('jwt', 'delete', 'missing', 'PT404'),
('jwt', 'delete', 'a1_as_org_b', 'PT404'),

-- The same claims in a role that is not declared: the role's own name,
-- which has no role row (as nobody).
('forged_jwt', 'list', 'a1', 'none'), ('forged_jwt', 'list', 'b1', 'none'),
('forged_jwt', 'list', 'org_a', 'none'), ('forged_jwt', 'list', 'all', 'none'),
('forged_jwt', 'count', 'a1', '0'), ('forged_jwt', 'count', 'b1', '0'),
('forged_jwt', 'count', 'org_a', '0'), ('forged_jwt', 'count', 'all', '0'),
('forged_jwt', 'page', 'a1', '0/0'), ('forged_jwt', 'page', 'b1', '0/0'),
('forged_jwt', 'page', 'org_a', '0/0'), ('forged_jwt', 'page', 'all', '0/0'),
('forged_jwt', 'create', 'a1', '42501'),
('forged_jwt', 'create', 'a2', '42501'),
('forged_jwt', 'create', 'b1', '42501'),
('forged_jwt', 'create', 'missing', '42501'),
('forged_jwt', 'create', 'bad_email', '22023'),
('forged_jwt', 'delete', 'a1', 'PT404'),
('forged_jwt', 'delete', 'a2', 'PT404'),
('forged_jwt', 'delete', 'b1', 'PT404'),
('forged_jwt', 'delete', 'missing', 'PT404'),
('forged_jwt', 'delete', 'a1_as_org_b', 'PT404'),

-- A role declared with claim "email": its "email" (a program admin of
-- A1) is the principal, not its "sub" (a DM admin).
('jwt_email', 'list', 'a1', 'pim_a1'), ('jwt_email', 'list', 'b1', 'none'),
('jwt_email', 'list', 'org_a', 'pim_a1'),
('jwt_email', 'list', 'all', 'pim_a1'),
('jwt_email', 'count', 'a1', '1'), ('jwt_email', 'count', 'b1', '0'),
('jwt_email', 'count', 'org_a', '1'), ('jwt_email', 'count', 'all', '1'),
('jwt_email', 'page', 'a1', '1/1'), ('jwt_email', 'page', 'b1', '0/0'),
('jwt_email', 'page', 'org_a', '1/1'), ('jwt_email', 'page', 'all', '1/1'),
('jwt_email', 'create', 'a1', 'pim_a1'), ('jwt_email', 'create', 'a2', '42501'),
('jwt_email', 'create', 'b1', '42501'),
('jwt_email', 'create', 'missing', '42501'),
('jwt_email', 'create', 'bad_email', '22023'),
('jwt_email', 'delete', 'a1', 'pim_a1'), ('jwt_email', 'delete', 'a2', 'PT404'),
('jwt_email', 'delete', 'b1', 'PT404'),
('jwt_email', 'delete', 'missing', 'PT404'),
('jwt_email', 'delete', 'a1_as_org_b', 'PT404'),

-- A claim naming the superuser running this file: only the role tables
-- count, and they grant that name nothing.
('claim_su_name', 'list', 'a1', 'none'),
('claim_su_name', 'list', 'b1', 'none'),
('claim_su_name', 'list', 'org_a', 'none'),
('claim_su_name', 'list', 'all', 'none'),
('claim_su_name', 'count', 'a1', '0'), ('claim_su_name', 'count', 'b1', '0'),
('claim_su_name', 'count', 'org_a', '0'),
('claim_su_name', 'count', 'all', '0'),
('claim_su_name', 'page', 'a1', '0/0'), ('claim_su_name', 'page', 'b1', '0/0'),
('claim_su_name', 'page', 'org_a', '0/0'),
('claim_su_name', 'page', 'all', '0/0'),
('claim_su_name', 'create', 'a1', '42501'),
('claim_su_name', 'create', 'a2', '42501'),
('claim_su_name', 'create', 'b1', '42501'),
('claim_su_name', 'create', 'missing', '42501'),
('claim_su_name', 'create', 'bad_email', '22023'),
('claim_su_name', 'delete', 'a1', 'PT404'),
('claim_su_name', 'delete', 'a2', 'PT404'),
('claim_su_name', 'delete', 'b1', 'PT404'),
('claim_su_name', 'delete', 'missing', 'PT404'),
('claim_su_name', 'delete', 'a1_as_org_b', 'PT404'),

-- Read-write key of a program admin of A1: as prog_a1.
('key_rw', 'list', 'a1', 'pim_a1'), ('key_rw', 'list', 'b1', 'none'),
('key_rw', 'list', 'org_a', 'pim_a1'), ('key_rw', 'list', 'all', 'pim_a1'),
('key_rw', 'count', 'a1', '1'), ('key_rw', 'count', 'b1', '0'),
('key_rw', 'count', 'org_a', '1'), ('key_rw', 'count', 'all', '1'),
('key_rw', 'page', 'a1', '1/1'), ('key_rw', 'page', 'b1', '0/0'),
('key_rw', 'page', 'org_a', '1/1'), ('key_rw', 'page', 'all', '1/1'),
('key_rw', 'create', 'a1', 'pim_a1'), ('key_rw', 'create', 'a2', '42501'),
('key_rw', 'create', 'b1', '42501'), ('key_rw', 'create', 'missing', '42501'),
('key_rw', 'create', 'bad_email', '22023'),
('key_rw', 'delete', 'a1', 'pim_a1'), ('key_rw', 'delete', 'a2', 'PT404'),
('key_rw', 'delete', 'b1', 'PT404'), ('key_rw', 'delete', 'missing', 'PT404'),
('key_rw', 'delete', 'a1_as_org_b', 'PT404'),

-- Read-only key of a program admin of A1: reads A1; every write is
-- 42501, deleting A1's row too (it may see the row, not write it).
('key_ro', 'list', 'a1', 'pim_a1'), ('key_ro', 'list', 'b1', 'none'),
('key_ro', 'list', 'org_a', 'pim_a1'), ('key_ro', 'list', 'all', 'pim_a1'),
('key_ro', 'count', 'a1', '1'), ('key_ro', 'count', 'b1', '0'),
('key_ro', 'count', 'org_a', '1'), ('key_ro', 'count', 'all', '1'),
('key_ro', 'page', 'a1', '1/1'), ('key_ro', 'page', 'b1', '0/0'),
('key_ro', 'page', 'org_a', '1/1'), ('key_ro', 'page', 'all', '1/1'),
('key_ro', 'create', 'a1', '42501'), ('key_ro', 'create', 'a2', '42501'),
('key_ro', 'create', 'b1', '42501'), ('key_ro', 'create', 'missing', '42501'),
('key_ro', 'create', 'bad_email', '22023'),
('key_ro', 'delete', 'a1', '42501'), ('key_ro', 'delete', 'a2', 'PT404'),
('key_ro', 'delete', 'b1', 'PT404'), ('key_ro', 'delete', 'missing', 'PT404'),
('key_ro', 'delete', 'a1_as_org_b', 'PT404'),

-- Read-only key of a DM admin: reads everything; every write is 42501
-- (to an unknown program too: it may not write; a row it may see too).
('key_ro_dm', 'list', 'a1', 'pim_a1'), ('key_ro_dm', 'list', 'b1', 'pim_b1'),
('key_ro_dm', 'list', 'org_a', 'pim_a1,pim_a2'),
('key_ro_dm', 'list', 'all', 'pim_a1,pim_a2,pim_b1'),
('key_ro_dm', 'count', 'a1', '1'), ('key_ro_dm', 'count', 'b1', '1'),
('key_ro_dm', 'count', 'org_a', '2'), ('key_ro_dm', 'count', 'all', '3'),
('key_ro_dm', 'page', 'a1', '1/1'), ('key_ro_dm', 'page', 'b1', '1/1'),
('key_ro_dm', 'page', 'org_a', '2/2'), ('key_ro_dm', 'page', 'all', '3/3'),
('key_ro_dm', 'create', 'a1', '42501'), ('key_ro_dm', 'create', 'a2', '42501'),
('key_ro_dm', 'create', 'b1', '42501'),
('key_ro_dm', 'create', 'missing', '42501'),
('key_ro_dm', 'create', 'bad_email', '22023'),
('key_ro_dm', 'delete', 'a1', '42501'), ('key_ro_dm', 'delete', 'a2', '42501'),
('key_ro_dm', 'delete', 'b1', '42501'),
('key_ro_dm', 'delete', 'missing', 'PT404'),
('key_ro_dm', 'delete', 'a1_as_org_b', 'PT404'),

-- A key whose principal is the superuser's name: no rights.
('key_su_name', 'list', 'a1', 'none'), ('key_su_name', 'list', 'b1', 'none'),
('key_su_name', 'list', 'org_a', 'none'),
('key_su_name', 'list', 'all', 'none'),
('key_su_name', 'count', 'a1', '0'), ('key_su_name', 'count', 'b1', '0'),
('key_su_name', 'count', 'org_a', '0'), ('key_su_name', 'count', 'all', '0'),
('key_su_name', 'page', 'a1', '0/0'), ('key_su_name', 'page', 'b1', '0/0'),
('key_su_name', 'page', 'org_a', '0/0'), ('key_su_name', 'page', 'all', '0/0'),
('key_su_name', 'create', 'a1', '42501'),
('key_su_name', 'create', 'a2', '42501'),
('key_su_name', 'create', 'b1', '42501'),
('key_su_name', 'create', 'missing', '42501'),
('key_su_name', 'create', 'bad_email', '22023'),
('key_su_name', 'delete', 'a1', 'PT404'),
('key_su_name', 'delete', 'a2', 'PT404'),
('key_su_name', 'delete', 'b1', 'PT404'),
('key_su_name', 'delete', 'missing', 'PT404'),
('key_su_name', 'delete', 'a1_as_org_b', 'PT404');

-- The administration functions: 42501 for every caller above that is
-- not a DM admin (a read-only key of one included).
INSERT INTO pim_cells (caller, op, scope, expected)
SELECT c.caller, o.op, o.scope, '42501'
  FROM (SELECT DISTINCT caller FROM pim_cells
		 WHERE caller NOT IN ('superuser', 'dm')) c,
	   pim_ops o
 WHERE o.scope = '-'
 ORDER BY c.caller, o.op;

-- PostgREST anonymous (also with claims that lack "sub"), and revoked,
-- expired, unknown and malformed keys sent from the DM admin's role:
-- 42501 for every function, never the role's own rights.
INSERT INTO pim_cells (caller, op, scope, expected)
SELECT c.caller, o.op, o.scope, '42501'
  FROM (VALUES ('anon'), ('anon_no_sub'), ('key_revoked'), ('key_expired'),
			   ('key_unknown'), ('key_malformed')) c(caller),
	   pim_ops o
 ORDER BY c.caller, o.op, o.scope;

-- The keys' reads in a read-only transaction: as in a read-write one.
INSERT INTO pim_cells (caller, op, scope, expected)
SELECT c.caller || '_get', c.op, c.scope, c.expected
  FROM pim_cells c
 WHERE c.caller IN ('key_rw', 'key_ro', 'key_ro_dm', 'key_su_name')
   AND c.op IN ('list', 'count', 'page')
 ORDER BY c.n;

SELECT is(
	(SELECT count(*)::int FROM pim_cells),
	(SELECT count(*)::int FROM pim_callers WHERE kind = 'all')
		* (SELECT count(*)::int FROM pim_ops)
	+ (SELECT count(*)::int FROM pim_callers WHERE kind = 'reads')
		* (SELECT count(*)::int FROM pim_ops
			WHERE op IN ('list', 'count', 'page')),
	'the matrix has one cell per caller and operation');

SELECT is(
	(SELECT count(*)::int FROM pim_cells c
	  WHERE NOT EXISTS (SELECT FROM pim_ops o
						 WHERE o.op = c.op AND o.scope = c.scope)
		 OR NOT EXISTS (SELECT FROM pim_callers k WHERE k.caller = c.caller)),
	0,
	'every cell names a known caller and operation');

SELECT is(pg_temp.run_as(c.caller, o.stmt), c.expected,
		  format('%s: %s %s', c.caller, o.op, o.scope))
  FROM pim_cells c
  JOIN pim_ops o USING (op, scope)
 ORDER BY c.n;

/* ---------------------------------------------------------------------
 * A row the caller may not see is "not found" with exactly the message
 * and detail of a row that does not exist.
 * ------------------------------------------------------------------ */

SELECT format('SELECT program_key'
			  ' FROM program_invitations.delete_invitation(%s, %L)',
			  id, 'pim_a') AS delete_a1
  FROM pim_rows WHERE program_key = 'pim_a1' \gset

SAVEPOINT pim_missing;
DELETE FROM program_invitations.invitations
 WHERE id = (SELECT id FROM pim_rows WHERE program_key = 'pim_a1');
SELECT pg_temp.run_as('superuser', :'delete_a1', true) AS missing_answer \gset
ROLLBACK TO SAVEPOINT pim_missing;

SELECT is(pg_temp.run_as(c.caller, :'delete_a1', true),
		  :'missing_answer'::text,
		  format('%s: PT404 of %s, with the message of a missing row',
				 c.caller, c.what))
  FROM (VALUES ('prog_a2', 'a row of another program of its org'),
			   ('plat_b', 'a row of another org'),
			   ('nobody', 'a row it has no right to')) c(caller, what);

/* ---------------------------------------------------------------------
 * The other forms of the Authorization header carry a key too.
 * ------------------------------------------------------------------ */

SELECT is(pg_temp.run_as(c,
			'SELECT program_invitations.count_invitations()::text'),
		  '1', format('%s: the key identifies its principal', c))
  FROM unnest(ARRAY['key_rw_token', 'key_rw_bearer', 'key_rw_lower']) c;

/* ---------------------------------------------------------------------
 * No direct access to the tables, the sequence or text_key, for roles
 * that hold grant_api (the DM admin's role among them).
 * ------------------------------------------------------------------ */

CREATE TEMP TABLE pim_tables (name text PRIMARY KEY, col text NOT NULL);
INSERT INTO pim_tables VALUES
	('programs', 'name'), ('users', 'username'), ('invitations', 'source'),
	('role_grants', 'principal'), ('postgrest_roles', 'claim'),
	('api_keys', 'read_only');

SELECT is(pg_temp.run_as(c.caller, s.stmt), '42501',
		  format('%s: %s', c.caller, s.what))
  FROM (VALUES ('dm'), ('nobody')) c(caller),
	   (SELECT 'SELECT from ' || t.name,
			   format('SELECT count(*)::text FROM program_invitations.%I',
					  t.name)
		  FROM pim_tables t
		UNION ALL
		SELECT 'INSERT into ' || t.name,
			   format('INSERT INTO program_invitations.%I DEFAULT VALUES',
					  t.name)
		  FROM pim_tables t
		UNION ALL
		SELECT 'UPDATE ' || t.name,
			   format('UPDATE program_invitations.%I SET %I = %I',
					  t.name, t.col, t.col)
		  FROM pim_tables t
		UNION ALL
		SELECT 'DELETE from ' || t.name,
			   format('DELETE FROM program_invitations.%I', t.name)
		  FROM pim_tables t
		UNION ALL
		SELECT 'nextval of invitation_id_seq',
			   $$SELECT nextval('program_invitations.invitation_id_seq')$$
		UNION ALL
		SELECT 'text_key', $$SELECT program_invitations.text_key('x')$$
	   ) s(what, stmt)
 ORDER BY c.caller, s.what;

/* ---------------------------------------------------------------------
 * After a call, current_user and search_path are what they were, after
 * a successful call and after a refused one.
 * ------------------------------------------------------------------ */

CREATE FUNCTION pg_temp.sqlstate_of(stmt text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE stmt;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END
$$;

SAVEPOINT pim_context;
SET LOCAL search_path = public, pg_temp;
SET LOCAL ROLE pim_prog_a1;
SELECT program_key AS ctx_created
  FROM program_invitations.create_invitation('pim_a1', 'ctx@example.com')
\gset
SELECT current_user AS ctx_user_ok,
	   current_setting('search_path') AS ctx_path_ok \gset
SELECT pg_temp.sqlstate_of($$SELECT program_invitations.create_invitation(
		   'pim_b1', 'ctx@example.com')$$) AS ctx_refused \gset
SELECT current_user AS ctx_user_refused,
	   current_setting('search_path') AS ctx_path_refused \gset
ROLLBACK TO SAVEPOINT pim_context;

SELECT is(c.got, c.want, 'context: ' || c.what)
  FROM (VALUES
	(:'ctx_created', 'pim_a1', 'the program admin''s create in A1 succeeds'),
	(:'ctx_user_ok', 'pim_prog_a1', 'current_user after a successful call'),
	(:'ctx_path_ok', 'public, pg_temp', 'search_path after a successful call'),
	(:'ctx_refused', '42501', 'the program admin''s create in B1 is refused'),
	(:'ctx_user_refused', 'pim_prog_a1', 'current_user after a refused call'),
	(:'ctx_path_refused', 'public, pg_temp', 'search_path after a refused call')
  ) c(got, want, what);

SELECT * FROM finish();
ROLLBACK;
