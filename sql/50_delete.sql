-- 50_delete: delete_invitation returns the deleted row (all fourteen
-- columns) and the row is gone; deleting it again is PT404; a row of
-- another org is PT404 with exactly the error of a missing row; a NULL id
-- or org is 22004; a failed delete leaves the row as it was.  Uses
-- programs del+a (org del) and del+b (org del2) only.  Ids are shown as
-- <d1>, <d2>... since they come from a sequence that other files share.
\set VERBOSITY terse
SET DateStyle = 'ISO, MDY';
SET TimeZone = 'UTC';
-- The error of a statement: SQLSTATE, message and detail, with the ids of
-- this file written as names.
CREATE TEMP TABLE ids (name text, id bigint);
CREATE FUNCTION pg_temp.error_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    detail text;
    result text;
    i record;
BEGIN
    EXECUTE sql;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    result := SQLSTATE || ': ' || SQLERRM || ' / ' || coalesce(detail, '');
    FOR i IN SELECT * FROM ids LOOP
        result := replace(result, 'invitation ' || i.id || ' ',
                          'invitation <' || i.name || '> ');
    END LOOP;
    RETURN result;
END $$;
INSERT INTO program_invitations.programs (program_key, org, name) VALUES
    ('del+a', 'del', 'Delete A'),
    ('del+b', 'del2', 'Delete B');
INSERT INTO ids
SELECT 'd1', id FROM program_invitations.create_invitation('del+a',
    email => 'd1@del.example', username => 'Del.One', source => 'web',
    redirect_to => 'https://app.example.com/welcome',
    created => '2024-01-15 10:00:00+00', expired => '2030-01-01 00:00:00+00',
    metadata => '{"cohort": "2024"}');
INSERT INTO ids
SELECT 'd2', id FROM program_invitations.create_invitation('del+a',
    email => 'd2@del.example', created => '2024-01-16 10:00:00+00');
INSERT INTO ids
SELECT 'd3', id FROM program_invitations.create_invitation('del+a',
    email => 'd3@del.example', source => 'mail', active => false,
    created => '2024-01-17 10:00:00+00', metadata => '{"keep": true}');
INSERT INTO ids
SELECT 'd4', id FROM program_invitations.create_invitation('del+b',
    email => 'd1@del.example', created => '2024-01-18 10:00:00+00');
SELECT id AS d1 FROM ids WHERE name = 'd1' \gset
SELECT id AS d2 FROM ids WHERE name = 'd2' \gset
SELECT id AS d3 FROM ids WHERE name = 'd3' \gset
SELECT id AS d4 FROM ids WHERE name = 'd4' \gset
-- Delete d1: the whole row comes back.
\a
\x
WITH d AS (
    SELECT * FROM program_invitations.delete_invitation(:d1, 'del')
)
SELECT (SELECT name FROM ids WHERE ids.id = d.id) AS id, d.user_id,
       d.username, d.email, d.created, d.started, d.expired, d.source,
       d.redirect_to, d.active, d.metadata, d.program_key, d.org, d.status,
       (SELECT count(*) FROM jsonb_object_keys(to_jsonb(d))) AS columns
  FROM d;
\x
\a
-- It is gone.
SELECT i.name, l.email
  FROM program_invitations.list_invitations(org => 'del', sort => 'id') AS l
  JOIN ids AS i USING (id);
SELECT program_invitations.count_invitations(org => 'del');
-- Deleting it again is PT404.
SELECT pg_temp.error_of(format(
         'SELECT * FROM program_invitations.delete_invitation(%s, %L)',
         :d1, 'del'));
-- A row of another org: PT404, and exactly the error that the same call
-- gives once the row no longer exists.
CREATE TEMP TABLE errors (label text, error text);
INSERT INTO errors
SELECT 'd2 in org del2 while d2 exists in org del',
       pg_temp.error_of(format(
         'SELECT * FROM program_invitations.delete_invitation(%s, %L)',
         :d2, 'del2'));
-- The failed delete left d2.
SELECT program_invitations.count_invitations(program_key => 'del+a',
                                             email => 'd2@del.example');
SELECT email FROM program_invitations.delete_invitation(:d2, 'del');
INSERT INTO errors
SELECT 'd2 in org del2 after d2 is deleted',
       pg_temp.error_of(format(
         'SELECT * FROM program_invitations.delete_invitation(%s, %L)',
         :d2, 'del2'));
INSERT INTO errors
SELECT 'd2 in org del after d2 is deleted',
       pg_temp.error_of(format(
         'SELECT * FROM program_invitations.delete_invitation(%s, %L)',
         :d2, 'del'));
SELECT label, error FROM errors;
SELECT a.error = b.error AS same_error,
       split_part(a.error, ' / ', 1) = split_part(c.error, ' / ', 1)
         AS same_message
  FROM errors AS a, errors AS b, errors AS c
 WHERE a.label = 'd2 in org del2 while d2 exists in org del'
   AND b.label = 'd2 in org del2 after d2 is deleted'
   AND c.label = 'd2 in org del after d2 is deleted';
-- More refusals, none of which deletes anything: other orgs, an org in
-- another case, ids that never existed, NULLs.
SELECT c.label,
       pg_temp.error_of(format(
         'SELECT * FROM program_invitations.delete_invitation(%s, %s)',
         c.id, c.org)) AS result
  FROM (VALUES
    ('d3, del2', :d3::text, quote_literal('del2')),
    ('d3, acme', :d3::text, quote_literal('acme')),
    ('d3, DEL', :d3::text, quote_literal('DEL')),
    ('d4, del', :d4::text, quote_literal('del')),
    ('0, del', '0', quote_literal('del')),
    ('-1, del', '-1', quote_literal('del')),
    ('9223372036854775807, del', '9223372036854775807', quote_literal('del')),
    ('NULL, del', 'NULL', quote_literal('del')),
    ('d3, NULL', :d3::text, 'NULL'),
    ('NULL, NULL', 'NULL', 'NULL')
  ) AS c(label, id, org);
-- d3 and d4 are as they were.
SELECT i.name, l.email, l.source, l.active, l.metadata, l.program_key, l.org,
       l.status
  FROM program_invitations.list_invitations(program_key => 'del+a',
         sort => 'id') AS l
  JOIN ids AS i USING (id)
UNION ALL
SELECT i.name, l.email, l.source, l.active, l.metadata, l.program_key, l.org,
       l.status
  FROM program_invitations.list_invitations(org => 'del2', sort => 'id') AS l
  JOIN ids AS i USING (id);
