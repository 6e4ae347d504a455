/*
 * test/pgtap/errors.sql
 *		The SQLSTATEs of api.md section 4 (and its "Edge cases"), one case
 *		each, for every refusal the 1.0 functions can give today.
 *
 * Covers, as a superuser (a DM admin):
 *   - create_invitation: PT404 for an unknown program; 22004 for a NULL
 *     program_key; 22023 without email and username (also when both are
 *     only white space), for malformed emails (an over-long address and
 *     local part included: 22023, not 54000), for usernames with white
 *     space or format characters, for an email and a username that name
 *     different users, for refused redirect_to URLs, for expired not
 *     later than created, for metadata that is not an object, for a
 *     control character in source; 54000 for username, source,
 *     redirect_to and metadata over their limits; 23505 when the email
 *     matches one open row and the username another, with both ids in
 *     the detail and nothing written; validation before program look-up;
 *   - list_invitations, count_invitations, invitation_page: 22023 for a
 *     bad sort (with a hint listing the allowed fields), for page and
 *     page_size out of range (also below a lowered max_page_size), for a
 *     metadata filter that is not an object; no error for NULL paging
 *     inputs, a page past the end or an over-long filter value;
 *   - delete_invitation: 22004 for a NULL id or org; PT404 for a missing
 *     id and for another org's row, with the same answer either way and
 *     the row left in place;
 *   - a non-superuser role granted EXECUTE and nothing else: 42501 from
 *     create_invitation, for a known and for an unknown program alike.
 *
 * Messages are being written: only the SQLSTATE is asserted, plus what
 * api.md fixes about a message (lower-case, names the parameter).
 */
BEGIN;
SELECT plan(65);

CREATE EXTENSION program_invitations;

-- The SQLSTATE, message, detail and hint of the error a statement raises,
-- or NULL when it raises none.
CREATE FUNCTION pg_temp.caught(sql text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
	st	text;
	msg	text;
	det	text;
	hnt	text;
BEGIN
	EXECUTE sql;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
		det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
	RETURN ARRAY[st, msg, det, hnt];
END
$$;

INSERT INTO program_invitations.programs VALUES
	('acme+p1', 'acme', 'P1'),
	('globex+p1', 'globex', 'G1');
INSERT INTO program_invitations.users (user_id, username, email) VALUES
	(1, 'alice', 'alice@example.com'),
	(2, 'bob', 'bob@example.com');
-- Two open rows of acme+p1, one by email and one by username, and a row
-- for the delete cases.
INSERT INTO program_invitations.invitations
	(id, org, program_key, email, username, created) VALUES
	(9001, 'acme', 'acme+p1', 'one@example.com', NULL, now()),
	(9002, 'acme', 'acme+p1', NULL, 'two', now()),
	(9003, 'acme', 'acme+p1', 'gone@example.com', NULL, now());

/* ---------------------------------------------------------------------
 * create_invitation
 * ------------------------------------------------------------------ */

SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('nope+p1',
		email => 'a@example.com')$$,
	'PT404', NULL, 'create: unknown program is PT404');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('ACME+P1',
		email => 'a@example.com')$$,
	'PT404', NULL, 'create: program_key matches exactly, not ignoring case');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation(NULL,
		email => 'a@example.com')$$,
	'22004', NULL, 'create: NULL program_key is 22004');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('nope+p1')$$,
	'22023', NULL,
	'create: parameters are validated before the program is looked up');

SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1')$$,
	'22023', NULL, 'create: neither email nor username is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => '   ', username => E'\t\n')$$,
	'22023', NULL, 'create: white space only counts as NULL: 22023');

SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'not-an-email')$$,
	'22023', NULL, 'create: email without @ is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'a@b@example.com')$$,
	'22023', NULL, 'create: email with two @ is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'x@localhost')$$,
	'22023', NULL, 'create: email with a one-label domain is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'ann b@example.com')$$,
	'22023', NULL, 'create: email with inner white space is 22023');
-- 64 + 1 + 63 + 1 + 63 + 1 + 63 + 4 = 260 bytes, every part within its
-- own limit.
SELECT throws_ok(
	format($$SELECT program_invitations.create_invitation('acme+p1',
		email => %L)$$,
		repeat('a', 64) || '@' || repeat('b', 63) || '.' || repeat('c', 63)
		|| '.' || repeat('d', 63) || '.com'),
	'22023', NULL, 'create: email over 254 bytes is 22023, not 54000');
SELECT throws_ok(
	format($$SELECT program_invitations.create_invitation('acme+p1',
		email => %L)$$, repeat('a', 65) || '@example.com'),
	'22023', NULL, 'create: local part over 64 bytes is 22023');
SELECT matches(
	(pg_temp.caught($$SELECT program_invitations.create_invitation(
		'acme+p1', email => 'not-an-email')$$))[2],
	'^[^A-Z].*\memail\M',
	'create: the bad-email message is lower-case and names email');

SELECT throws_ok(
	format($$SELECT program_invitations.create_invitation('acme+p1',
		username => %L)$$, repeat('u', 151)),
	'54000', NULL, 'create: username of 151 characters is 54000');
SELECT matches(
	(pg_temp.caught(format($$SELECT program_invitations.create_invitation(
		'acme+p1', username => %L)$$, repeat('u', 151))))[2],
	'^[^A-Z].*\musername\M',
	'create: the long-username message is lower-case and names username');
SELECT lives_ok(
	format($$SELECT program_invitations.create_invitation('acme+p1',
		username => %L)$$, repeat('u', 150)),
	'create: username of 150 characters is accepted');
SELECT lives_ok(
	format($$SELECT program_invitations.create_invitation('acme+p1',
		username => %L)$$, repeat('é', 150)),
	'create: the username limit counts characters, not bytes');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		username => 'ann b')$$,
	'22023', NULL, 'create: username with inner white space is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		username => E'ann\u200Bb')$$,
	'22023', NULL, 'create: username with a zero-width space is 22023');

SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'alice@example.com', username => 'bob')$$,
	'22023', NULL, 'create: email and username of two users is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'ALICE@example.com', username => 'carol')$$,
	'22023', NULL,
	'create: email names a user, username names none: 22023');

SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'r1@example.com', redirect_to => 'javascript:alert(1)')$$,
	'22023', NULL, 'create: javascript: redirect_to is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'r2@example.com', redirect_to => '//evil.example/x')$$,
	'22023', NULL, 'create: scheme-relative redirect_to is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'r3@example.com',
		redirect_to => 'https://user@example.com/')$$,
	'22023', NULL, 'create: redirect_to with user-info is 22023');
-- 'https://example.com/' is 20 characters: 2,049 in all.
SELECT throws_ok(
	format($$SELECT program_invitations.create_invitation('acme+p1',
		email => 'r4@example.com', redirect_to => %L)$$,
		'https://example.com/' || repeat('a', 2029)),
	'54000', NULL, 'create: redirect_to over 2,048 characters is 54000');

SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'e1@example.com',
		created => '2030-01-02 00:00+00', expired => '2030-01-01 00:00+00')$$,
	'22023', NULL, 'create: expired before created is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'e2@example.com',
		created => '2030-01-01 00:00+00', expired => '2030-01-01 00:00+00')$$,
	'22023', NULL, 'create: expired equal to created is 22023');

SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'm1@example.com', metadata => '[1]')$$,
	'22023', NULL, 'create: metadata that is an array is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'm2@example.com', metadata => '"{\"a\":1}"')$$,
	'22023', NULL, 'create: metadata that is a JSON string is 22023');
SELECT throws_ok(
	format($$SELECT program_invitations.create_invitation('acme+p1',
		email => 'm3@example.com', metadata => %L)$$,
		jsonb_build_object('k', repeat('x', 65536))::text),
	'54000', NULL, 'create: metadata over 64 kB is 54000');

SELECT throws_ok(
	format($$SELECT program_invitations.create_invitation('acme+p1',
		email => 's1@example.com', source => %L)$$, repeat('s', 256)),
	'54000', NULL, 'create: source of 256 characters is 54000');
SELECT throws_ok(
	format($$SELECT program_invitations.create_invitation('acme+p1',
		email => 's2@example.com', source => %L)$$, 'a' || chr(1) || 'b'),
	'22023', NULL, 'create: source with a control character is 22023');

-- 9001 is open for one@example.com, 9002 for the username two.
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'ONE@example.com', username => 'two')$$,
	'23505', NULL,
	'create: email matching one open row and username another is 23505');
SELECT ok(
	(SELECT e[3] ~ '\m9001\M' AND e[3] ~ '\m9002\M'
	   FROM pg_temp.caught($$SELECT program_invitations.create_invitation(
			'acme+p1', email => 'ONE@example.com', username => 'two')$$)
			AS e),
	'create: the 23505 detail names both ids');
SELECT is(
	ARRAY(SELECT id || ' ' || coalesce(email, '-') || ' '
				 || coalesce(username, '-')
			FROM program_invitations.invitations
		   WHERE id IN (9001, 9002)
		   ORDER BY id),
	ARRAY['9001 one@example.com -', '9002 - two'],
	'create: the refused upsert changed neither row');

/* ---------------------------------------------------------------------
 * list_invitations, count_invitations, invitation_page
 * ------------------------------------------------------------------ */

SELECT throws_ok(
	$$SELECT * FROM program_invitations.list_invitations(sort => 'name')$$,
	'22023', NULL, 'list: unknown sort field is 22023');
SELECT throws_ok(
	$$SELECT * FROM program_invitations.list_invitations(
		sort => '-id; DROP TABLE program_invitations.invitations')$$,
	'22023', NULL, 'list: SQL in sort is 22023');
SELECT throws_ok(
	$$SELECT * FROM program_invitations.list_invitations(sort => 'ID')$$,
	'22023', NULL, 'list: sort field names are exact (ID is 22023)');
SELECT throws_ok(
	$$SELECT * FROM program_invitations.list_invitations(sort => 'id, email')$$,
	'22023', NULL, 'list: sort field names have no spaces');
SELECT throws_ok(
	$$SELECT program_invitations.invitation_page(sort => 'name')$$,
	'22023', NULL, 'page: unknown sort field is 22023');
SELECT is(
	(SELECT array_agg(f ORDER BY f)
	   FROM unnest(ARRAY['id', 'created', 'started', 'expired', 'email',
						 'username', 'source', 'active', 'program_key',
						 'user_id']) AS f,
			pg_temp.caught($$SELECT * FROM
				program_invitations.list_invitations(sort => 'name')$$) AS e
	  WHERE coalesce(e[4], '') !~ ('\m' || f || '\M')),
	NULL,
	'list: the bad-sort hint lists every allowed field');
SELECT matches(
	(pg_temp.caught($$SELECT * FROM
		program_invitations.list_invitations(sort => 'name')$$))[2],
	'^[^A-Z].*\msort\M',
	'list: the bad-sort message is lower-case and names sort');

SELECT throws_ok(
	$$SELECT * FROM program_invitations.list_invitations(page => 0)$$,
	'22023', NULL, 'list: page 0 is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.invitation_page(page => -1)$$,
	'22023', NULL, 'page: page -1 is 22023');
SELECT throws_ok(
	$$SELECT * FROM program_invitations.list_invitations(page_size => 0)$$,
	'22023', NULL, 'list: page_size 0 is 22023');
SELECT throws_ok(
	$$SELECT * FROM program_invitations.list_invitations(page_size => 1001)$$,
	'22023', NULL, 'list: page_size over the default maximum 1000 is 22023');
SELECT throws_ok(
	$$SELECT program_invitations.invitation_page(page_size => 1001)$$,
	'22023', NULL, 'page: page_size 1001 is 22023');
SELECT matches(
	(pg_temp.caught($$SELECT * FROM
		program_invitations.list_invitations(page_size => 0)$$))[2],
	'^[^A-Z].*\mpage_size\M',
	'list: the page_size message is lower-case and names page_size');
SELECT lives_ok(
	$$SELECT * FROM program_invitations.list_invitations(page_size => 1000)$$,
	'list: page_size 1000 is accepted');
SELECT lives_ok(
	$$SELECT * FROM program_invitations.list_invitations(
		sort => NULL, page => NULL, page_size => NULL)$$,
	'list: NULL sort, page and page_size mean their defaults');
SELECT is(
	(SELECT count(*)::int
	   FROM program_invitations.list_invitations(page => 1000)),
	0,
	'list: a page past the end is empty, not an error');

SET LOCAL program_invitations.max_page_size = 50;
SELECT throws_ok(
	$$SELECT * FROM program_invitations.list_invitations(page_size => 51)$$,
	'22023', NULL, 'list: page_size over a lowered max_page_size is 22023');
SELECT lives_ok(
	$$SELECT * FROM program_invitations.list_invitations(page_size => 50)$$,
	'list: page_size equal to a lowered max_page_size is accepted');
RESET program_invitations.max_page_size;

SELECT throws_ok(
	$$SELECT program_invitations.count_invitations(metadata => '[1]')$$,
	'22023', NULL, 'count: metadata filter that is an array is 22023');
SELECT throws_ok(
	$$SELECT * FROM program_invitations.list_invitations(
		metadata => '"x"')$$,
	'22023', NULL, 'list: metadata filter that is a string is 22023');
SELECT is(
	program_invitations.count_invitations(
		email => repeat('x', 300) || '@example.com'),
	0::bigint,
	'count: an over-long filter value matches nothing, without error');

/* ---------------------------------------------------------------------
 * delete_invitation
 * ------------------------------------------------------------------ */

SELECT throws_ok(
	$$SELECT program_invitations.delete_invitation(NULL, 'acme')$$,
	'22004', NULL, 'delete: NULL id is 22004');
SELECT throws_ok(
	$$SELECT program_invitations.delete_invitation(9003, NULL)$$,
	'22004', NULL, 'delete: NULL org is 22004');
SELECT throws_ok(
	$$SELECT program_invitations.delete_invitation(NULL, NULL)$$,
	'22004', NULL, 'delete: NULL id and org is 22004');
SELECT throws_ok(
	$$SELECT program_invitations.delete_invitation(424242, 'acme')$$,
	'PT404', NULL, 'delete: missing id is PT404');
SELECT throws_ok(
	$$SELECT program_invitations.delete_invitation(9003, 'globex')$$,
	'PT404', NULL, 'delete: a row of another org is PT404');
SELECT is(
	(SELECT count(*)::int FROM program_invitations.invitations
	  WHERE id = 9003),
	1,
	'delete: the refused delete left the row in place');

-- The answer for 9003 in globex while 9003 exists in acme, then after it
-- is gone: existence must not leak across orgs.
CREATE TEMP TABLE other_org_answer AS
	SELECT pg_temp.caught($$SELECT program_invitations.delete_invitation(
		9003, 'globex')$$) AS e;
DELETE FROM program_invitations.invitations WHERE id = 9003;
SELECT is(
	pg_temp.caught($$SELECT program_invitations.delete_invitation(
		9003, 'globex')$$),
	(SELECT e FROM other_org_answer),
	'delete: same SQLSTATE, message, detail and hint with or without the row');

/* ---------------------------------------------------------------------
 * A non-superuser role with EXECUTE and no rights in the role tables.
 * ------------------------------------------------------------------ */

CREATE ROLE pi_errors_caller NOLOGIN;
GRANT USAGE ON SCHEMA program_invitations TO pi_errors_caller;
GRANT EXECUTE ON FUNCTION
	program_invitations.create_invitation(text, text, text, boolean, text,
		text, timestamptz, timestamptz, jsonb)
	TO pi_errors_caller;
SET LOCAL ROLE pi_errors_caller;

SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('acme+p1',
		email => 'x@example.com')$$,
	'42501', NULL, 'create: a role without rights is refused with 42501');
SELECT throws_ok(
	$$SELECT program_invitations.create_invitation('nope+p1',
		email => 'x@example.com')$$,
	'42501', NULL,
	'create: a role without rights gets 42501 for an unknown program too');

RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
