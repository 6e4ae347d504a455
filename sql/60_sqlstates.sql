-- 60_sqlstates: one case for each SQLSTATE of the contract (api.md,
-- section 4) that the API can give today: 22023, 22004, 54000, PT404,
-- 23505 and 42501; for 42501, every function refuses a caller it cannot
-- identify before it looks at its arguments, and a role without rights
-- gets 42501 for a write but an empty page for a read.  Also: JSON null
-- for every optional parameter, as PostgREST passes it, means the
-- defaults.  Uses program sqs+a (org sqs) only.
\set VERBOSITY terse
CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN EXECUTE sql; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
INSERT INTO program_invitations.programs (program_key, org, name) VALUES
    ('sqs+a', 'sqs', 'SQLSTATE A');
-- Two open invitations: one by email, one by username.
SELECT email, username, status
  FROM program_invitations.create_invitation('sqs+a',
         email => 'one@sqs.example', created => '2024-01-01 00:00:00+00');
SELECT email, username, status
  FROM program_invitations.create_invitation('sqs+a',
         username => 'sqs.two', created => '2024-01-01 00:00:00+00');
SELECT c.expected, pg_temp.sqlstate_of(c.sql) AS result
  FROM (VALUES
    ('22023', $$SELECT * FROM program_invitations.list_invitations(program_key => 'sqs+a', sort => 'nope')$$),
    ('22023', $$SELECT program_invitations.count_invitations(program_key => 'sqs+a', metadata => '[]')$$),
    ('22023', $$SELECT * FROM program_invitations.create_invitation('sqs+a')$$),
    ('22004', $$SELECT * FROM program_invitations.delete_invitation(NULL, 'sqs')$$),
    ('22004', $$SELECT * FROM program_invitations.create_invitation(NULL, email => 'x@sqs.example')$$),
    ('54000', $$SELECT * FROM program_invitations.create_invitation('sqs+a', email => 'x@sqs.example', source => repeat('s', 256))$$),
    ('PT404', $$SELECT * FROM program_invitations.create_invitation('sqs+none', email => 'x@sqs.example')$$),
    ('PT404', $$SELECT * FROM program_invitations.delete_invitation(-1, 'sqs')$$),
    ('23505', $$SELECT * FROM program_invitations.create_invitation('sqs+a', email => 'ONE@sqs.example', username => 'SQS.TWO')$$)
  ) AS c(expected, sql);
-- The refusals wrote nothing: still the two open invitations.
SELECT email, username, status
  FROM program_invitations.list_invitations(program_key => 'sqs+a',
                                            sort => 'id');
-- The 23505 names both invitations in its detail.
CREATE FUNCTION pg_temp.detail_of(sql text) RETURNS text LANGUAGE plpgsql AS $$ DECLARE d text; BEGIN EXECUTE sql; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL; RETURN d; END $$;
SELECT d.detail ~ ('\m' || e.id || '\M') AND d.detail ~ ('\m' || u.id || '\M')
         AS detail_names_both
  FROM pg_temp.detail_of($$SELECT * FROM program_invitations.create_invitation('sqs+a', email => 'one@sqs.example', username => 'sqs.two')$$) AS d(detail),
       program_invitations.list_invitations(program_key => 'sqs+a', email => 'one@sqs.example') AS e,
       program_invitations.list_invitations(program_key => 'sqs+a', username => 'sqs.two') AS u;
-- JSON null for every optional parameter, as PostgREST passes it from a
-- JSON body, means the defaults.
SELECT array(SELECT l.id
               FROM json_to_record('{"program_key": null, "org": null, "email": null, "username": null, "source": null, "active": null, "metadata": null, "sort": null, "page": null, "page_size": null}')
                      AS a(program_key text, org text, email text,
                           username text, source text, active boolean,
                           metadata jsonb, sort text, page integer,
                           page_size integer),
                    program_invitations.list_invitations(
                      program_key => a.program_key, org => a.org,
                      email => a.email, username => a.username,
                      source => a.source, active => a.active,
                      metadata => a.metadata, sort => a.sort,
                      page => a.page, page_size => a.page_size) AS l)
     = array(SELECT l.id FROM program_invitations.list_invitations() AS l)
       AS list_nulls_are_defaults;
SELECT program_invitations.invitation_page(NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, NULL, NULL)
     = program_invitations.invitation_page() AS page_nulls_are_defaults,
       program_invitations.count_invitations(NULL, NULL, NULL, NULL, NULL,
         NULL, NULL)
     = program_invitations.count_invitations() AS count_nulls_are_defaults;
-- JSON null for the optional parameters of one program's list.
SELECT l.email, l.username
  FROM json_to_record('{"program_key": "sqs+a", "org": null, "email": null, "username": null, "source": null, "active": null, "metadata": null, "sort": null, "page": null, "page_size": null}')
         AS a(program_key text, org text, email text, username text,
              source text, active boolean, metadata jsonb, sort text,
              page integer, page_size integer),
       program_invitations.list_invitations(program_key => a.program_key,
         org => a.org, email => a.email, username => a.username,
         source => a.source, active => a.active, metadata => a.metadata,
         sort => a.sort, page => a.page, page_size => a.page_size) AS l;
-- 42501.  A role without superuser rights and without any role granted
-- in the extension's tables.  Without EXECUTE, PostgreSQL refuses.
SELECT min(id) AS sqs_one
  FROM program_invitations.list_invitations(program_key => 'sqs+a') \gset
CREATE ROLE pi_reader;
GRANT USAGE ON SCHEMA program_invitations TO pi_reader;
SET ROLE pi_reader;
SELECT split_part(pg_temp.sqlstate_of($$SELECT program_invitations.count_invitations(program_key => 'sqs+a')$$), ':', 1) AS sqlstate;
RESET ROLE;
GRANT EXECUTE ON FUNCTION program_invitations.create_invitation,
    program_invitations.list_invitations,
    program_invitations.count_invitations,
    program_invitations.invitation_page,
    program_invitations.delete_invitation TO pi_reader;
SET ROLE pi_reader;
-- With EXECUTE but an API key that does not check out (as PostgREST
-- forwards the request's headers), every function refuses the caller
-- before it looks at its arguments.
SET request.headers = '{"authorization": "Api-Key not-a-key"}';
SELECT c.call,
       split_part(pg_temp.sqlstate_of(c.sql), ':', 1) AS sqlstate
  FROM (VALUES
    ('create', $$SELECT * FROM program_invitations.create_invitation('sqs+a', email => 'three@sqs.example')$$),
    ('list', $$SELECT * FROM program_invitations.list_invitations(program_key => 'sqs+a')$$),
    ('count', $$SELECT program_invitations.count_invitations(program_key => 'sqs+a')$$),
    ('page', $$SELECT program_invitations.invitation_page(program_key => 'sqs+a')$$),
    ('delete', $$SELECT * FROM program_invitations.delete_invitation(-1, 'sqs')$$),
    ('create, invalid email', $$SELECT * FROM program_invitations.create_invitation('sqs+a', email => 'not an email')$$),
    ('create, NULL program', $$SELECT * FROM program_invitations.create_invitation(NULL)$$),
    ('list, bad sort', $$SELECT * FROM program_invitations.list_invitations(sort => 'nope', page => 0)$$),
    ('count, bad metadata', $$SELECT program_invitations.count_invitations(metadata => '[]')$$),
    ('page, bad page_size', $$SELECT program_invitations.invitation_page(page_size => 0)$$),
    ('delete, NULLs', $$SELECT * FROM program_invitations.delete_invitation(NULL, NULL)$$)
  ) AS c(call, sql);
RESET request.headers;
-- Identified by its role name, it has no rights (api.md, sections 5 and
-- 6): a write is 42501, also for a program that does not exist, but only
-- after the arguments are validated; reads see nothing, without error; a
-- delete of a row it may not see is PT404, as for a missing row.
SELECT c.call,
       split_part(pg_temp.sqlstate_of(c.sql), ':', 1) AS sqlstate
  FROM (VALUES
    ('create', $$SELECT * FROM program_invitations.create_invitation('sqs+a', email => 'three@sqs.example')$$),
    ('create, unknown program', $$SELECT * FROM program_invitations.create_invitation('sqs+none', email => 'three@sqs.example')$$),
    ('create, invalid email', $$SELECT * FROM program_invitations.create_invitation('sqs+a', email => 'not an email')$$),
    ('list, bad sort', $$SELECT * FROM program_invitations.list_invitations(program_key => 'sqs+a', sort => 'nope')$$),
    ('delete, NULL id', $$SELECT * FROM program_invitations.delete_invitation(NULL, 'sqs')$$),
    ('delete, a row of org sqs', format('SELECT * FROM program_invitations.delete_invitation(%s, %L)', :sqs_one, 'sqs'))
  ) AS c(call, sql);
SELECT count(*) AS rows
  FROM program_invitations.list_invitations(program_key => 'sqs+a');
SELECT program_invitations.count_invitations(program_key => 'sqs+a');
SELECT program_invitations.invitation_page(program_key => 'sqs+a') - 'next_cursor' AS envelope;
-- No table is open to the role directly.
SELECT pg_temp.sqlstate_of($$SELECT count(*) FROM program_invitations.invitations$$);
RESET ROLE;
-- Nothing was written or deleted.
SELECT email, username, status
  FROM program_invitations.list_invitations(program_key => 'sqs+a',
                                            sort => 'id');
REVOKE ALL ON SCHEMA program_invitations FROM pi_reader;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA program_invitations FROM pi_reader;
DROP ROLE pi_reader;
