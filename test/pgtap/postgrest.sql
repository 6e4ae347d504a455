/*
 * test/pgtap/postgrest.sql
 *		The PostgREST contract of program_invitations (postgrest.md,
 *		section 7): every request replayed as PostgREST sends it, plus the
 *		catalog facts PostgREST relies on.
 *
 * How a request is replayed.  pg_temp.pgrst_call builds, from the
 * function's signature in pg_proc and the keys of a JSON body, the
 * statement PostgREST builds (its QueryBuilder and Statements modules):
 *
 *   WITH pgrst_source AS (SELECT pgrst_call.* FROM
 *          (SELECT '<body>'::json AS json_data) pgrst_payload,
 *          LATERAL (SELECT "a", "b" FROM json_to_record(
 *              pgrst_payload.json_data) AS _("a" text, "b" jsonb)
 *              LIMIT 1) pgrst_body,
 *          LATERAL "program_invitations"."fn"("a" := pgrst_body."a",
 *              "b" := pgrst_body."b") pgrst_call)
 *   SELECT null::bigint AS total_result_set,
 *          pg_catalog.count(_postgrest_t) AS page_total,
 *          <json_agg of the rows, of the single row, or of pgrst_scalar>
 *              AS body, ... response_headers, ... response_status
 *     FROM (SELECT "fn".* FROM "pgrst_source" AS "fn") _postgrest_t
 *
 * Only the keys present in the body are passed (omitted keys take the
 * default, a JSON null is an explicit NULL); a key that is no parameter,
 * or a missing parameter without default, is PostgREST's PGRST202 (404).
 * pg_temp.replay then runs the request's transaction inside a
 * subtransaction that it always rolls back (PostgREST's transaction,
 * replayed inside this file's one): READ ONLY for GET and for POST to a
 * function that is not VOLATILE, as PostgREST does; the set_config
 * preamble of postgrest.md section 4 (search_path, role, claims, method,
 * path, headers, cookies); the statement.  It answers
 * {"status": <HTTP status>, "body": <JSON body>}, where an error's body is
 * PostgREST's {"code", "message", "details", "hint"} and its status comes
 * from pg_temp.http_status, PostgREST's own SQLSTATE-to-HTTP mapping
 * (postgrest.md section 5, completed from PostgREST's documentation:
 * 54xxx, for one, is 413 from version 12 on).  GET requests are replayed with query-string values as
 * JSON strings, in a READ ONLY transaction.
 *
 * Roles: pi_pgrst_anon (PostgREST's anonymous role) and pi_pgrst_web (the
 * role of signed-in requests) are declared with declare_postgrest_role;
 * pi_pgrst_plain holds the API grants but is not declared.  Principals:
 * pgr:dm (DM admin), pgr:platform (platform admin of org pgr), pgr:one and
 * pgr:two (program admins of pgr+one and pgr+two); API keys of pgr:one,
 * one of them read-only.
 *
 * Covers, seed status in brackets:
 *   - create_invitation over POST: success [201; PostgREST answers 200],
 *     the JSON body's fields, JSON null for every optional argument,
 *     omitted keys and user linking, the upsert seen over HTTP, metadata
 *     sent as a JSON string [400 with a clear message], invalid email,
 *     NULL program_key, no email nor username, a JSON value of the wrong
 *     type [400]; anonymous requests, also with claims lacking the claim
 *     or a JWT-looking bearer token [401]; platform admin, admin of
 *     another program, unknown program for a program admin, claims in an
 *     undeclared role [403]; a read-only API key [403; PostgREST answers
 *     401, as the request runs in its anonymous role]; unknown program for a DM
 *     admin [404]; email and username matching two open rows [409]; an
 *     oversized source [400; PostgREST answers 54000 with 413]; an API-key-only request in the anonymous
 *     role; create over GET, in a READ ONLY transaction [405];
 *   - list_invitations over GET: filtered, sorted page; every optional
 *     key as JSON null equals every key omitted; a bad sort [400]; what a
 *     platform admin sees; a filter outside the caller's rights [200,
 *     empty]; a page past the end; API key only, read-write and read-only
 *     key; anonymous, and an unknown key in the anonymous role [401]; in
 *     a signed-in request the claim wins over a key;
 *   - invitation_page over GET: the envelope, its links and the seed's
 *     twelve fields; the cursor given back; verbose; JSON nulls; a bad
 *     sort and page 0 [400]; anonymous [401];
 *   - count_invitations over GET: a count as a JSON number, every key as
 *     JSON null, a platform admin's count, a metadata filter as object
 *     and as JSON string [400]; anonymous [401];
 *   - delete_invitation over POST: success [200] with the deleted row;
 *     unknown id, another org's row, a row of a program the caller does
 *     not administer [404], the same message and detail either way; a
 *     platform admin [403]; anonymous [401]; NULL id [400]; by API key;
 *     over GET [405];
 *   - the catalog: the functions a grant_api role may execute are exactly
 *     the API and administration functions (not text_key); each has only
 *     named parameters, none named select, columns, order, limit, offset,
 *     on_conflict, and, or; no name is overloaded; readers STABLE,
 *     writers VOLATILE; each has a comment naming every parameter; PUBLIC
 *     executes none; the installed script ends with
 *     NOTIFY pgrst, 'reload schema' (read from the server's extension
 *     directory, where CREATE EXTENSION read it).
 */
BEGIN;
SELECT plan(73);

CREATE EXTENSION program_invitations;

/* ---------------------------------------------------------------------
 * How PostgREST calls, answers and maps errors.
 * ------------------------------------------------------------------ */

-- The HTTP status PostgREST gives a SQLSTATE (postgrest.md section 5 and
-- PostgREST's mapSQLtoHTTP); anonymous means the request's role is the
-- anonymous role.  NULL is a success: 200.
CREATE FUNCTION pg_temp.http_status(sqlstate text, anonymous boolean)
RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE
		WHEN $1 IS NULL THEN 200
		WHEN $1 = 'PGRST202' THEN 404
		WHEN $1 = '42501' THEN CASE WHEN $2 THEN 401 ELSE 403 END
		WHEN $1 ~ '^PT[0-9]{3}$' THEN substr($1, 3)::integer
		WHEN $1 IN ('23503', '23505') THEN 409
		WHEN $1 = '25006' THEN 405
		WHEN $1 ~ '^(0L|0P|28)' THEN 403
		WHEN $1 IN ('42883', '42P01') THEN 404
		WHEN $1 = '53400' THEN 500
		WHEN $1 ~ '^(08|53)' OR $1 = '57P01' THEN 503
		WHEN $1 ~ '^54' THEN 413
		WHEN $1 ~ '^(09|2[5D]|3[89B]|40|5[578]|F0|HV|XX)' THEN 500
		WHEN $1 IN ('21000', '42P17') THEN 500
		WHEN $1 ~ '^P0' AND $1 <> 'P0001' THEN 500
		ELSE 400
	END
$$;

-- An identifier as PostgREST writes it: always in double quotes.
CREATE FUNCTION pg_temp.ident(name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT '"' || replace($1, '"', '""') || '"' $$;

-- The statement PostgREST runs for /rpc/<fn> with this JSON body (see the
-- header), or NULL when PostgREST would find no function for its keys.
CREATE FUNCTION pg_temp.pgrst_call(fn text, body text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
	f			record;
	keys		text[];
	typed		text;
	named		text;
	args		text;
	sel			text;
	call		text;
	agg			text;
BEGIN
	SELECT p.oid, p.proretset, t.typtype, p.pronargs, p.pronargdefaults,
		   p.proargnames, p.proargtypes::oid[] AS argtypes
	  INTO f
	  FROM pg_catalog.pg_proc p
	  JOIN pg_catalog.pg_type t ON t.oid = p.prorettype
	 WHERE p.pronamespace = 'program_invitations'::regnamespace
	   AND p.proname = fn;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	keys := ARRAY(SELECT json_object_keys(body::json));
	-- Every key names a parameter; every parameter without default is sent.
	IF EXISTS (SELECT 1 FROM unnest(keys) k
				WHERE NOT k = ANY (coalesce(f.proargnames, '{}')))
	   OR EXISTS (SELECT 1
					FROM unnest(f.proargnames) WITH ORDINALITY a(name, n)
				   WHERE a.n <= f.pronargs - f.pronargdefaults
					 AND NOT a.name = ANY (keys)) THEN
		RETURN NULL;
	END IF;

	-- Identifiers always double-quoted, as PostgREST writes them.
	SELECT string_agg(pg_temp.ident(a.name) || ' '
					  || format_type(a.type, NULL), ', ' ORDER BY a.n),
		   string_agg(pg_temp.ident(a.name), ', ' ORDER BY a.n),
		   string_agg(pg_temp.ident(a.name) || ' := pgrst_body.'
					  || pg_temp.ident(a.name), ', ' ORDER BY a.n)
	  INTO typed, named, args
	  FROM unnest(f.proargnames, f.argtypes) WITH ORDINALITY a(name, type, n)
	 WHERE a.name = ANY (keys);

	call := pg_temp.ident('program_invitations') || '.' || pg_temp.ident(fn)
		|| '(' || coalesce(args, '') || ')';
	IF f.typtype = 'c' THEN
		sel := 'pgrst_call.*';
		call := call || ' pgrst_call';
		agg := CASE WHEN f.proretset
					THEN 'coalesce(json_agg(_postgrest_t), ''[]'')'
					ELSE 'coalesce(json_agg(_postgrest_t)->0, ''null'')' END;
	ELSE
		sel := 'pgrst_call.pgrst_scalar';
		call := '(SELECT ' || call || ' pgrst_scalar) pgrst_call';
		agg := 'coalesce(json_agg(_postgrest_t.pgrst_scalar)->0, ''null'')';
	END IF;

	RETURN 'WITH pgrst_source AS (SELECT ' || sel || ' FROM '
		|| CASE WHEN keys = '{}' THEN ''
		   ELSE format('(SELECT %L::json AS json_data) pgrst_payload, '
					   'LATERAL (SELECT %s FROM json_to_record('
					   'pgrst_payload.json_data) AS _(%s) LIMIT 1) '
					   'pgrst_body, LATERAL ', body, named, typed) END
		|| call || ') '
		|| 'SELECT null::bigint AS total_result_set, '
		|| 'pg_catalog.count(_postgrest_t) AS page_total, '
		|| agg || ' AS body, '
		|| 'nullif(current_setting(''response.headers'', true), '''') '
		|| 'AS response_headers, '
		|| 'nullif(current_setting(''response.status'', true), '''') '
		|| 'AS response_status '
		|| 'FROM (SELECT ' || pg_temp.ident(fn) || '.* FROM "pgrst_source" AS '
		|| pg_temp.ident(fn) || ') _postgrest_t';
END
$$;

-- Replays one request: PostgREST's transaction (READ ONLY for GET and for
-- a function that is not VOLATILE), its set_config preamble, the call;
-- then rolls it all back.  Answers {"status": n, "body": json}.
CREATE FUNCTION pg_temp.replay(method text, fn text, role text, claims text,
							   headers jsonb, body text)
RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	stmt		text := pg_temp.pgrst_call(fn, body);
	result		jsonb;
	status		integer;
	st			text;
	msg			text;
	det			text;
	hnt			text;
BEGIN
	IF stmt IS NULL THEN
		RETURN jsonb_build_object('status', 404, 'body',
			jsonb_build_object('code', 'PGRST202', 'message',
							   'Could not find the function'));
	END IF;
	BEGIN
		IF method = 'GET' OR NOT EXISTS (
			SELECT 1 FROM pg_catalog.pg_proc p
			 WHERE p.pronamespace = 'program_invitations'::regnamespace
			   AND p.proname = fn AND p.provolatile = 'v') THEN
			SET TRANSACTION READ ONLY;
		END IF;
		PERFORM set_config('search_path', '"program_invitations", "public"',
						   true),
				set_config('role', role, true),
				set_config('request.jwt.claims', claims, true),
				set_config('request.method', method, true),
				set_config('request.path', '/rpc/' || fn, true),
				set_config('request.headers', headers::text, true),
				set_config('request.cookies', '{}', true);
		EXECUTE 'SELECT t.body::jsonb FROM (' || stmt || ') t' INTO result;
		status := 200;
		-- The request is over: roll it back, as this replay must.
		RAISE SQLSTATE 'PIRBK';
	EXCEPTION
		WHEN SQLSTATE 'PIRBK' THEN
			NULL;
		WHEN OTHERS THEN
			GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE,
				msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
				hnt = PG_EXCEPTION_HINT;
			status := pg_temp.http_status(st, role = 'pi_pgrst_anon');
			result := jsonb_build_object('code', st, 'message', msg,
										 'details', nullif(det, ''),
										 'hint', nullif(hnt, ''));
	END;
	RETURN jsonb_build_object('status', status, 'body', result);
END
$$;

-- "<code> <status>" of a refused request, or "ok <status>".
CREATE FUNCTION pg_temp.outcome(response jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN $1->>'status' = '200' THEN 'ok'
				ELSE $1->'body'->>'code' END || ' ' || ($1->>'status')
$$;

-- A signed-in request's claims, and an Authorization header.
CREATE FUNCTION pg_temp.sub(principal text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT json_build_object('sub', $1)::text $$;
CREATE FUNCTION pg_temp.auth(value text) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
	SELECT jsonb_build_object('authorization', $1, 'accept',
							  'application/json')
$$;

/* ---------------------------------------------------------------------
 * Roles, programs, grants, keys and invitations.
 * ------------------------------------------------------------------ */

CREATE ROLE pi_pgrst_anon NOLOGIN;
CREATE ROLE pi_pgrst_web NOLOGIN;
CREATE ROLE pi_pgrst_plain NOLOGIN;

DO $$
BEGIN
	PERFORM program_invitations.grant_api('pi_pgrst_anon'),
			program_invitations.grant_api('pi_pgrst_web'),
			program_invitations.grant_api('pi_pgrst_plain'),
			program_invitations.declare_postgrest_role('pi_pgrst_anon'),
			program_invitations.declare_postgrest_role('pi_pgrst_web'),
			program_invitations.upsert_program('pgr+one', 'pgr', 'One'),
			program_invitations.upsert_program('pgr+two', 'pgr', 'Two'),
			program_invitations.upsert_program('pgx+ext', 'pgx', 'Ext'),
			program_invitations.upsert_user(9101, 'pgr.linked',
											'Linked@PGR.example');
	PERFORM program_invitations.grant_role('pgr:dm', 'dm_admin'),
			program_invitations.grant_role('pgr:platform', 'platform_admin',
										   org => 'pgr'),
			program_invitations.grant_role('pgr:one', 'program_admin',
										   program_key => 'pgr+one'),
			program_invitations.grant_role('pgr:two', 'program_admin',
										   program_key => 'pgr+two');
END
$$;

CREATE TEMP TABLE pgr_keys AS
SELECT 'rw' AS name, program_invitations.create_api_key('pgr:one') AS key
UNION ALL
SELECT 'ro', program_invitations.create_api_key('pgr:one', read_only => true);

-- pgr+one: ann and bea by email, one by username only; pgr+two: one row;
-- pgx+ext (another org): one row.
CREATE TEMP TABLE pgr_ids AS
SELECT v.name, i.id
  FROM (VALUES
		('ann', 'pgr+one', 'ann@pgr.example', NULL, '{"cohort": "2023"}'),
		('bea', 'pgr+one', 'bea@pgr.example', NULL, '{}'),
		('uname', 'pgr+one', NULL, 'pgr.uname', '{}'),
		('two', 'pgr+two', 'two@pgr.example', NULL, '{}'),
		('ext', 'pgx+ext', 'ext@pgx.example', NULL, '{}')
	   ) AS v(name, program_key, email, username, metadata),
	   program_invitations.create_invitation(v.program_key, email => v.email,
			username => v.username, source => 'seed',
			created => '2024-01-01 00:00:00+00',
			metadata => v.metadata::jsonb) AS i;

CREATE FUNCTION pg_temp.id(name text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM pgr_ids WHERE name = $1 $$;
CREATE FUNCTION pg_temp.key(name text) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT key FROM pgr_keys WHERE name = $1 $$;

/* ---------------------------------------------------------------------
 * The replayed statement is PostgREST's.
 * ------------------------------------------------------------------ */

SELECT is(
	pg_temp.pgrst_call('count_invitations', '{"program_key": "pgr+one"}'),
	'WITH pgrst_source AS (SELECT pgrst_call.pgrst_scalar FROM '
	'(SELECT ''{"program_key": "pgr+one"}''::json AS json_data) '
	'pgrst_payload, LATERAL (SELECT "program_key" FROM json_to_record('
	'pgrst_payload.json_data) AS _("program_key" text) LIMIT 1) pgrst_body, '
	'LATERAL (SELECT "program_invitations"."count_invitations"('
	'"program_key" := pgrst_body."program_key") pgrst_scalar) pgrst_call) '
	'SELECT null::bigint AS total_result_set, '
	'pg_catalog.count(_postgrest_t) AS page_total, '
	'coalesce(json_agg(_postgrest_t.pgrst_scalar)->0, ''null'') AS body, '
	'nullif(current_setting(''response.headers'', true), '''') '
	'AS response_headers, '
	'nullif(current_setting(''response.status'', true), '''') '
	'AS response_status '
	'FROM (SELECT "count_invitations".* FROM "pgrst_source" AS '
	'"count_invitations") _postgrest_t',
	'the replayed statement has the shape of PostgREST''s RPC call');

/* ---------------------------------------------------------------------
 * POST /rpc/create_invitation
 * ------------------------------------------------------------------ */

SELECT is(
	(r->'body') - 'id' - 'created',
	'{"user_id": null, "username": null, "email": "New.Person@PGR.example",
	  "started": null, "expired": null, "source": "pgrst",
	  "redirect_to": null, "active": true, "metadata": {"cohort": "2024"},
	  "program_key": "pgr+one", "org": "pgr", "status": "pending"}',
	'create: 200 with the invitation as one JSON object, email trimmed')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "email": " New.Person@PGR.example ",
				"source": "pgrst", "metadata": {"cohort": "2024"}} $body$) r;

SELECT ok(
	r->>'status' = '200' AND jsonb_typeof(r->'body'->'id') = 'number'
	AND (r->'body'->>'created')::timestamptz IS NOT NULL,
	'create: the body carries a numeric id and a created time')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "email": "idcheck@pgr.example"}
		$body$) r;

SELECT is(
	(r->'body') - 'id' - 'created',
	'{"user_id": null, "username": null, "email": "nulls@pgr.example",
	  "started": null, "expired": null, "source": null,
	  "redirect_to": null, "active": true, "metadata": {},
	  "program_key": "pgr+one", "org": "pgr", "status": "pending"}',
	'create: JSON null for every optional argument means its default')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "email": "nulls@pgr.example",
				"username": null, "active": null, "source": null,
				"redirect_to": null, "created": null, "expired": null,
				"metadata": null} $body$) r;

SELECT is(
	jsonb_build_array(r->'status', r->'body'->'user_id',
					  r->'body'->'username', r->'body'->'email'),
	'[200, 9101, "PGR.Linked", "Linked@PGR.example"]',
	'create: omitted keys take their defaults; the username links its user')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "username": "PGR.Linked"} $body$) r;

SELECT is(
	jsonb_build_array(r->'status', r->'body'->'id', r->'body'->'source',
					  r->'body'->'metadata'),
	jsonb_build_array(200, pg_temp.id('ann'), 'again',
					  '{"cohort": "2023", "round": 2}'::jsonb),
	'create: the same email in other case updates the open invitation')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "email": "ANN@pgr.example",
				"source": "again", "metadata": {"round": 2}} $body$) r;

SELECT is(pg_temp.outcome(r), '22023 400',
	'create: metadata sent as a JSON string holding an object is 400')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "email": "str@pgr.example",
				"metadata": "{\"cohort\": \"2024\"}"} $body$) r;

SELECT ok(
	r->'body'->>'message' ~ '^[a-z].*"metadata"'
	AND concat(r->'body'->>'details', ' ', r->'body'->>'hint')
		~* 'json object',
	'create: that 400 names metadata and says it must be a JSON object')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "email": "str@pgr.example",
				"metadata": "{\"cohort\": \"2024\"}"} $body$) r;

SELECT is(pg_temp.outcome(r), '22023 400', 'create: an invalid email is 400')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "email": "not-an-email"} $body$) r;

SELECT is(pg_temp.outcome(r), '22004 400',
	'create: program_key sent as JSON null is 400')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": null, "email": "n@pgr.example"} $body$) r;

SELECT is(pg_temp.outcome(r), '22023 400',
	'create: neither email nor username is 400')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "source": "x"} $body$) r;

SELECT is(pg_temp.outcome(r), '22P02 400',
	'create: a JSON value of the wrong type (active: "maybe") is 400')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "email": "t@pgr.example",
				"active": "maybe"} $body$) r;

-- api.md makes an oversized value 54000 and the seed's status 400;
-- PostgREST answers 54xxx with 413 (Payload Too Large), which is what an
-- oversized value is.  The project keeps api.md's SQLSTATE.
SELECT is(pg_temp.outcome(r), '54000 413',
	'create: a source over 255 characters is 54000 and HTTP 413')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		json_build_object('program_key', 'pgr+one',
						  'email', 'long@pgr.example',
						  'source', repeat('s', 256))::text) r;

SELECT is(pg_temp.outcome(r), '42501 401',
	'create: anonymous (anonymous role, no claims, no key) is 401')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_anon', '{}',
		'{}', $body$ {"program_key": "pgr+one", "email": "a@pgr.example"}
		$body$) r;

SELECT is(pg_temp.outcome(r), '42501 401',
	'create: claims without the declared claim are anonymous: 401')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_anon',
		'{"role": "pi_pgrst_anon"}', '{}',
		$body$ {"program_key": "pgr+one", "email": "a@pgr.example"} $body$) r;

SELECT is(pg_temp.outcome(r), '42501 401',
	'create: a JWT-looking Bearer token is no API key: still anonymous, 401')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_anon', '{}',
		pg_temp.auth('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwZ3I6b25lIn0.'
					 'c2lnbmF0dXJl'),
		$body$ {"program_key": "pgr+one", "email": "a@pgr.example"} $body$) r;

SELECT is(pg_temp.outcome(r), '42501 403',
	'create: a platform admin (reads only) is 403')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:platform'), '{}',
		$body$ {"program_key": "pgr+one", "email": "a@pgr.example"} $body$) r;

SELECT is(pg_temp.outcome(r), '42501 403',
	'create: the admin of another program is 403')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:two'), '{}',
		$body$ {"program_key": "pgr+one", "email": "a@pgr.example"} $body$) r;

SELECT is(pg_temp.outcome(r), '42501 403',
	'create: an unknown program is 403 for a program admin, not 404')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+none", "email": "a@pgr.example"} $body$) r;

SELECT is(pg_temp.outcome(r), 'PT404 404',
	'create: an unknown program is 404 for a DM admin')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:dm'), '{}',
		$body$ {"program_key": "pgr+none", "email": "a@pgr.example"} $body$) r;

SELECT is(pg_temp.outcome(r), '42501 403',
	'create: claims mean nothing in a role that is not declared: 403')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_plain',
		pg_temp.sub('pgr:dm'), '{}',
		$body$ {"program_key": "pgr+one", "email": "a@pgr.example"} $body$) r;

SELECT is(pg_temp.outcome(r), '23505 409',
	'create: email of one open invitation and username of another is 409')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "email": "ann@pgr.example",
				"username": "pgr.uname"} $body$) r;

SELECT is(
	jsonb_build_array(r->'status', r->'body'->'email',
					  r->'body'->'program_key'),
	'[200, "bykey@pgr.example", "pgr+one"]',
	'create: an API key alone works in the anonymous role')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_anon', '{}',
		pg_temp.auth('Api-Key ' || pg_temp.key('rw')),
		$body$ {"program_key": "pgr+one", "email": "bykey@pgr.example"}
		$body$) r;

-- The key identifies its caller (api.md section 4 would say 403), but
-- PostgREST runs key-only requests in its anonymous role and picks 401 or
-- 403 from the JWT alone, so the refusal reaches the client as 401.  The
-- SQLSTATE stays api.md's 42501.
SELECT is(pg_temp.outcome(r), '42501 401',
	'create: a read-only API key, refused, is 42501 and so HTTP 401')
  FROM pg_temp.replay('POST', 'create_invitation', 'pi_pgrst_anon', '{}',
		pg_temp.auth('Api-Key ' || pg_temp.key('ro')),
		$body$ {"program_key": "pgr+one", "email": "ro@pgr.example"} $body$) r;

SELECT is(pg_temp.outcome(r), '25006 405',
	'create: over GET, in a READ ONLY transaction, is 405')
  FROM pg_temp.replay('GET', 'create_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "email": "get@pgr.example"} $body$) r;

/* ---------------------------------------------------------------------
 * GET /rpc/list_invitations
 * ------------------------------------------------------------------ */

SELECT is(
	jsonb_build_array(r->'status',
		jsonb_path_query_array(r->'body', '$[*].email')),
	'[200, ["ann@pgr.example", "bea@pgr.example"]]',
	'list: 200 with a JSON array, filtered, sorted and paged')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "sort": "email", "page_size": "2"}
		$body$) r;

SELECT is(
	ARRAY(SELECT k FROM jsonb_object_keys(r->'body'->0) k ORDER BY 1),
	'{active,created,email,expired,id,metadata,org,program_key,redirect_to,'
	'source,started,status,user_id,username}'::text[],
	'list: each element has the fields of the invitation type')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}', '{}') r;

SELECT is(
	(SELECT r->'body' FROM pg_temp.replay('POST', 'list_invitations',
		'pi_pgrst_web', pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": null, "org": null, "email": null,
				"username": null, "source": null, "active": null,
				"metadata": null, "sort": null, "page": null,
				"page_size": null, "cursor": null} $body$) r),
	(SELECT r->'body' FROM pg_temp.replay('POST', 'list_invitations',
		'pi_pgrst_web', pg_temp.sub('pgr:one'), '{}', '{}') r),
	'list: every optional key as JSON null equals every key omitted');

SELECT is(
	jsonb_path_query_array(r->'body', '$[*].id'),
	jsonb_build_array(pg_temp.id('uname'), pg_temp.id('bea'),
					  pg_temp.id('ann')),
	'list: a program admin sees its program''s rows, newest id first')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}', '{}') r;

SELECT is(pg_temp.outcome(r), '22023 400', 'list: a bad sort is 400')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}', $body$ {"sort": "name"} $body$) r;

SELECT is(
	(SELECT jsonb_agg(DISTINCT e->'program_key')
	   FROM jsonb_array_elements(r->'body') e),
	'["pgr+one", "pgr+two"]',
	'list: a platform admin sees every program of its org, no other org')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:platform'), '{}', '{}') r;

SELECT is(r, '{"status": 200, "body": []}',
	'list: a filter outside the caller''s rights is an empty 200')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgx+ext"} $body$) r;

SELECT is(r, '{"status": 200, "body": []}',
	'list: a page past the end is an empty 200')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}', $body$ {"page": "9"} $body$) r;

SELECT is(
	jsonb_build_array(r->'status', jsonb_array_length(r->'body')),
	'[200, 3]', 'list: an API key alone works in the anonymous role')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_anon', '{}',
		pg_temp.auth('Api-Key ' || pg_temp.key('rw')), '{}') r;

SELECT is(
	jsonb_build_array(r->'status', jsonb_array_length(r->'body')),
	'[200, 3]', 'list: a read-only API key reads')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_anon', '{}',
		pg_temp.auth('Token ' || pg_temp.key('ro')), '{}') r;

SELECT is(pg_temp.outcome(r), '42501 401', 'list: anonymous is 401')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_anon', '{}',
		'{}', '{}') r;

SELECT is(pg_temp.outcome(r), '42501 401',
	'list: an unknown API key is 401, never a fall-through to the role')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_anon', '{}',
		pg_temp.auth('Api-Key pik_0000000000000000.' || repeat('A', 43)),
		'{}') r;

SELECT is(
	jsonb_build_array(r->'status', jsonb_array_length(r->'body')),
	'[200, 1]',
	'list: in a signed-in request the claim wins over an API key')
  FROM pg_temp.replay('GET', 'list_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:two'), pg_temp.auth('Api-Key ' || pg_temp.key('rw')),
		'{}') r;

/* ---------------------------------------------------------------------
 * GET /rpc/invitation_page
 * ------------------------------------------------------------------ */

SELECT is(
	jsonb_build_object('status', r->'status')
		|| ((r->'body') - 'results' - 'next_cursor'),
	'{"status": 200, "count": 3, "previous_page": null,
	  "next_page": "?program_key=pgr%2Bone&sort=email&page=2&page_size=2"}',
	'page: 200 with the envelope: count over all pages and the next link')
  FROM pg_temp.replay('GET', 'invitation_page', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "sort": "email", "page_size": "2"}
		$body$) r;

SELECT is(
	ARRAY(SELECT jsonb_object_keys(r->'body') ORDER BY 1),
	'{count,next_cursor,next_page,previous_page,results}',
	'page: the envelope has the seed''s four keys and next_cursor')
  FROM pg_temp.replay('GET', 'invitation_page', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}', '{}') r;

SELECT is(
	jsonb_build_array(jsonb_path_query_array(r->'body', '$.results[*].email'),
		(SELECT array_agg(k ORDER BY k)
		   FROM jsonb_object_keys(r->'body'->'results'->0) k)),
	'[["ann@pgr.example", "bea@pgr.example"],
	  ["active", "created", "email", "expired", "id", "metadata",
	   "program_key", "redirect_to", "source", "started", "user_id",
	   "username"]]',
	'page: the results, each with exactly the seed''s twelve fields')
  FROM pg_temp.replay('GET', 'invitation_page', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "sort": "email", "page_size": "2"}
		$body$) r;

SELECT is(
	jsonb_build_array(r2->'status',
		jsonb_path_query_array(r2->'body', '$.results[*].id'),
		r2->'body'->'next_cursor'),
	jsonb_build_array(200, jsonb_build_array(pg_temp.id('uname')), NULL),
	'page: next_cursor given back as cursor gives the rows after the page')
  FROM pg_temp.replay('GET', 'invitation_page', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "sort": "email", "page_size": "2"}
		$body$) r1,
	   pg_temp.replay('GET', 'invitation_page', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		json_build_object('program_key', 'pgr+one', 'sort', 'email',
						  'page_size', '2',
						  'cursor', r1->'body'->>'next_cursor')::text) r2;

SELECT is(
	jsonb_build_array(r->'body'->'results'->0->'org',
					  r->'body'->'results'->0->'status'),
	'["pgr", "pending"]', 'page: verbose adds org and status')
  FROM pg_temp.replay('GET', 'invitation_page', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one", "verbose": "true"} $body$) r;

SELECT is(
	(SELECT r->'body' FROM pg_temp.replay('POST', 'invitation_page',
		'pi_pgrst_web', pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": null, "org": null, "email": null,
				"username": null, "source": null, "active": null,
				"metadata": null, "sort": null, "page": null,
				"page_size": null, "verbose": null, "cursor": null}
		$body$) r),
	(SELECT r->'body' FROM pg_temp.replay('POST', 'invitation_page',
		'pi_pgrst_web', pg_temp.sub('pgr:one'), '{}', '{}') r),
	'page: every optional key as JSON null equals every key omitted');

SELECT is(pg_temp.outcome(r), '22023 400', 'page: a bad sort is 400')
  FROM pg_temp.replay('GET', 'invitation_page', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}', $body$ {"sort": "-name,id"} $body$) r;

SELECT is(pg_temp.outcome(r), '22023 400', 'page: page 0 is 400')
  FROM pg_temp.replay('GET', 'invitation_page', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}', $body$ {"page": "0"} $body$) r;

SELECT is(pg_temp.outcome(r), '42501 401', 'page: anonymous is 401')
  FROM pg_temp.replay('GET', 'invitation_page', 'pi_pgrst_anon', '{}',
		'{}', '{}') r;

/* ---------------------------------------------------------------------
 * GET /rpc/count_invitations
 * ------------------------------------------------------------------ */

SELECT is(r, '{"status": 200, "body": 3}',
	'count: 200 with the count as a JSON number')
  FROM pg_temp.replay('GET', 'count_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": "pgr+one"} $body$) r;

SELECT is(
	(SELECT r FROM pg_temp.replay('POST', 'count_invitations',
		'pi_pgrst_web', pg_temp.sub('pgr:one'), '{}',
		$body$ {"program_key": null, "org": null, "email": null,
				"username": null, "source": null, "active": null,
				"metadata": null} $body$) r),
	'{"status": 200, "body": 3}',
	'count: every key as JSON null means no filter');

SELECT is(r, '{"status": 200, "body": 4}',
	'count: a platform admin counts every program of its org')
  FROM pg_temp.replay('GET', 'count_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:platform'), '{}', '{}') r;

SELECT is(r, '{"status": 200, "body": 1}',
	'count: a metadata filter sent as an object (POST) is containment')
  FROM pg_temp.replay('POST', 'count_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"metadata": {"cohort": "2023"}} $body$) r;

SELECT is(pg_temp.outcome(r), '22023 400',
	'count: a metadata filter sent as a JSON string is 400')
  FROM pg_temp.replay('POST', 'count_invitations', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"metadata": "{\"cohort\": \"2023\"}"} $body$) r;

SELECT is(pg_temp.outcome(r), '42501 401', 'count: anonymous is 401')
  FROM pg_temp.replay('GET', 'count_invitations', 'pi_pgrst_anon', '{}',
		'{}', '{}') r;

/* ---------------------------------------------------------------------
 * POST /rpc/delete_invitation
 * ------------------------------------------------------------------ */

SELECT is(
	jsonb_build_array(r->'status', r->'body'->'id', r->'body'->'email'),
	jsonb_build_array(200, pg_temp.id('bea'), 'bea@pgr.example'),
	'delete: 200 with the deleted invitation')
  FROM pg_temp.replay('POST', 'delete_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		json_build_object('id', pg_temp.id('bea'), 'org', 'pgr')::text) r;

SELECT is(
	jsonb_build_array(r->'status', r->'body'->'id'),
	jsonb_build_array(200, pg_temp.id('bea')),
	'delete: an API key alone works in the anonymous role')
  FROM pg_temp.replay('POST', 'delete_invitation', 'pi_pgrst_anon', '{}',
		pg_temp.auth('Bearer ' || pg_temp.key('rw')),
		json_build_object('id', pg_temp.id('bea'), 'org', 'pgr')::text) r;

SELECT is(pg_temp.outcome(r), 'PT404 404', 'delete: an unknown id is 404')
  FROM pg_temp.replay('POST', 'delete_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:dm'), '{}',
		$body$ {"id": 987654321, "org": "pgr"} $body$) r;

SELECT is(pg_temp.outcome(r), 'PT404 404',
	'delete: another org''s row, named with the caller''s org, is 404')
  FROM pg_temp.replay('POST', 'delete_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		json_build_object('id', pg_temp.id('ext'), 'org', 'pgr')::text) r;

SELECT is(pg_temp.outcome(r), 'PT404 404',
	'delete: another org''s row, named with its own org, is 404')
  FROM pg_temp.replay('POST', 'delete_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		json_build_object('id', pg_temp.id('ext'), 'org', 'pgx')::text) r;

SELECT is(
	jsonb_build_array(
		regexp_replace(other.r->'body'->>'message', '[0-9]+', 'N'),
		other.r->'body'->'details', other.r->'body'->'hint'),
	jsonb_build_array(
		regexp_replace(missing.r->'body'->>'message', '[0-9]+', 'N'),
		missing.r->'body'->'details', missing.r->'body'->'hint'),
	'delete: another org''s row and a missing one read the same')
  FROM pg_temp.replay('POST', 'delete_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		json_build_object('id', pg_temp.id('ext'), 'org', 'pgr')::text)
		AS other(r),
	   pg_temp.replay('POST', 'delete_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		$body$ {"id": 987654321, "org": "pgr"} $body$) AS missing(r);

SELECT is(pg_temp.outcome(r), 'PT404 404',
	'delete: a row of a program the caller does not administer is 404')
  FROM pg_temp.replay('POST', 'delete_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		json_build_object('id', pg_temp.id('two'), 'org', 'pgr')::text) r;

SELECT is(pg_temp.outcome(r), '42501 403',
	'delete: a platform admin, who sees the row, is 403')
  FROM pg_temp.replay('POST', 'delete_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:platform'), '{}',
		json_build_object('id', pg_temp.id('bea'), 'org', 'pgr')::text) r;

SELECT is(pg_temp.outcome(r), '42501 401', 'delete: anonymous is 401')
  FROM pg_temp.replay('POST', 'delete_invitation', 'pi_pgrst_anon', '{}',
		'{}',
		json_build_object('id', pg_temp.id('bea'), 'org', 'pgr')::text) r;

SELECT is(pg_temp.outcome(r), '22004 400',
	'delete: id sent as JSON null is 400')
  FROM pg_temp.replay('POST', 'delete_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}', $body$ {"id": null, "org": "pgr"}
		$body$) r;

SELECT is(pg_temp.outcome(r), '25006 405',
	'delete: over GET, in a READ ONLY transaction, is 405')
  FROM pg_temp.replay('GET', 'delete_invitation', 'pi_pgrst_web',
		pg_temp.sub('pgr:one'), '{}',
		json_build_object('id', pg_temp.id('bea')::text,
						  'org', 'pgr')::text) r;

SELECT is(
	(SELECT count(*)::integer FROM program_invitations.invitations
	  WHERE program_key LIKE 'pgr+%' OR program_key = 'pgx+ext'),
	5, 'every replayed request was rolled back: the five rows remain');

/* ---------------------------------------------------------------------
 * The catalog, as PostgREST reads it.
 * ------------------------------------------------------------------ */

-- The functions a role holding grant_api may call: what PostgREST serves.
CREATE TEMP VIEW pgr_exposed AS
SELECT p.oid, p.proname::text AS name
  FROM pg_catalog.pg_proc p
 WHERE p.pronamespace = 'program_invitations'::regnamespace
   AND has_function_privilege('pi_pgrst_web', p.oid, 'EXECUTE');

SELECT is(
	ARRAY(SELECT name FROM pgr_exposed ORDER BY name),
	ARRAY['count_invitations', 'create_api_key', 'create_invitation',
		  'declare_postgrest_role', 'delete_invitation', 'grant_api',
		  'grant_role', 'invitation_page', 'list_api_keys', 'list_grants',
		  'list_invitations', 'revoke_api_key', 'revoke_role',
		  'undeclare_postgrest_role', 'upsert_program', 'upsert_user'],
	'exposed: the API and administration functions, not text_key');

SELECT is(
	ARRAY(SELECT e.name FROM pgr_exposed e
			JOIN pg_catalog.pg_proc p ON p.oid = e.oid
		   WHERE p.pronargs > 0
			 AND (p.proargnames IS NULL
				  OR array_length(p.proargnames, 1) <> p.pronargs
				  OR '' = ANY (p.proargnames))
		   ORDER BY 1),
	'{}'::text[],
	'exposed: every function has only named parameters');

SELECT is(
	ARRAY(SELECT e.name || '(' || a.name || ')' FROM pgr_exposed e
			JOIN pg_catalog.pg_proc p ON p.oid = e.oid,
			unnest(p.proargnames) a(name)
		   WHERE a.name IN ('select', 'columns', 'order', 'limit', 'offset',
							'on_conflict', 'and', 'or')
		   ORDER BY 1),
	'{}'::text[],
	'exposed: no parameter has a name PostgREST reserves');

SELECT is(
	ARRAY(SELECT p.proname::text FROM pg_catalog.pg_proc p
		   WHERE p.pronamespace = 'program_invitations'::regnamespace
		   GROUP BY p.proname HAVING count(*) > 1 ORDER BY 1),
	'{}'::text[],
	'no two functions of the schema share a name');

SELECT is(
	ARRAY(SELECT e.name || ' ' || p.provolatile::text FROM pgr_exposed e
			JOIN pg_catalog.pg_proc p ON p.oid = e.oid
		   WHERE p.provolatile <> CASE WHEN e.name IN ('list_invitations',
						'count_invitations', 'invitation_page')
									   THEN 's' ELSE 'v' END
		   ORDER BY 1),
	'{}'::text[],
	'exposed: readers are STABLE, every other function VOLATILE');

SELECT is(
	ARRAY(SELECT e.name || '(' || coalesce(a.name, '') || ')'
			FROM pgr_exposed e
			JOIN pg_catalog.pg_proc p ON p.oid = e.oid
			LEFT JOIN LATERAL unnest(p.proargnames) a(name) ON true
		   WHERE coalesce(obj_description(e.oid, 'pg_proc'), '') = ''
			  OR obj_description(e.oid, 'pg_proc') !~ ('\m' || a.name || '\M')
		   ORDER BY 1),
	'{}'::text[],
	'exposed: every function has a comment that names each parameter');

SELECT is(
	ARRAY(SELECT p.proname::text FROM pg_catalog.pg_proc p,
			aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) acl
		   WHERE p.pronamespace = 'program_invitations'::regnamespace
			 AND acl.grantee = 0 AND acl.privilege_type = 'EXECUTE'
		   ORDER BY 1),
	'{}'::text[],
	'PUBLIC may execute no function of the schema');

SELECT matches(
	pg_read_file((SELECT setting FROM pg_catalog.pg_config
				   WHERE name = 'SHAREDIR')
				 || '/extension/program_invitations--'
				 || (SELECT extversion FROM pg_catalog.pg_extension
					  WHERE extname = 'program_invitations') || '.sql'),
	'NOTIFY\s+pgrst\s*,\s*''reload schema''\s*;\s*$',
	'the install script ends with NOTIFY pgrst, ''reload schema''');

SELECT * FROM finish();
ROLLBACK;
