/*
 * demo/demo.sql
 *      The demo of program_invitations: loads demo/programs.csv and
 *      demo/users.csv, imports the invitation requests of
 *      demo/requests.csv through create_invitation, reports what was
 *      refused and why, then shows paging, counting and deleting.
 *
 * Run from the repository root (the \copy paths are relative to it), in
 * an empty database, as a superuser (who counts as a DM admin):
 *
 *      psql -X -v ON_ERROR_STOP=1 -d demo -f demo/demo.sql
 *
 * tools/demo.sh (`make demo`) does exactly that on a throwaway cluster.
 */

-- Only the demo's own output: no command tags, no \pset chatter.
\set QUIET on
\set ON_ERROR_STOP on
-- The data files and this script are UTF-8, whatever the terminal's locale.
\encoding UTF8

-- Fixed time zone and date order, so that the output and the reading of
-- the file's dates do not depend on the machine (31/12/2030 is refused
-- as a month 31 under MDY, whatever the server's default).
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, MDY';

CREATE EXTENSION program_invitations;

\copy program_invitations.programs (program_key, org, name) FROM 'demo/programs.csv' WITH (FORMAT csv, HEADER)
\copy program_invitations.users (user_id, username, email) FROM 'demo/users.csv' WITH (FORMAT csv, HEADER)

/*
 * The requests are staged as text, exactly as pasted, so that a value
 * that does not even cast (active 'maybe') is one refused row and not a
 * failed COPY.  COPY inserts in file order and no field spans lines, so
 * the identity gives each row the line of the file it came from (the
 * header is line 1).
 */
CREATE TEMP TABLE request (
    line        integer GENERATED ALWAYS AS IDENTITY (START WITH 2)
                PRIMARY KEY,
    program_key text,
    email       text,
    username    text,
    active      text,
    source      text,
    redirect_to text,
    expired     text,
    metadata    text
);

\copy request (program_key, email, username, active, source, redirect_to, expired, metadata) FROM 'demo/requests.csv' WITH (FORMAT csv, HEADER)

-- Which invitation each accepted line created or updated.
CREATE TEMP TABLE imported (
    line integer PRIMARY KEY,
    id   bigint NOT NULL
);

CREATE TEMP TABLE refused (
    line     integer PRIMARY KEY,
    sqlstate text NOT NULL,
    message  text NOT NULL
);

/*
 * One call per line, each in its own subtransaction (the EXCEPTION block)
 * so that a refused line undoes only itself.  The COMMIT after each line
 * makes every line its own transaction, as it is when PostgREST serves one
 * request per line: each invitation gets its own created time, and a
 * failure late in the file keeps what was imported before it.
 */
DO $import$
DECLARE
    r     record;
    inv   program_invitations.invitation;
    state text;
    msg   text;
BEGIN
    FOR r IN SELECT * FROM request ORDER BY line LOOP
        BEGIN
            inv := program_invitations.create_invitation(
                program_key => r.program_key,
                email       => r.email,
                username    => r.username,
                active      => r.active::boolean,
                source      => r.source,
                redirect_to => r.redirect_to,
                expired     => r.expired::timestamptz,
                metadata    => r.metadata::jsonb);
            INSERT INTO imported (line, id) VALUES (r.line, inv.id);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE,
                                    msg = MESSAGE_TEXT;
            INSERT INTO refused (line, sqlstate, message)
                VALUES (r.line, state, msg);
        END;
        COMMIT;
    END LOOP;
END
$import$;

\echo
\echo '== Import of demo/requests.csv'
-- A line that names an open invitation updates it instead of adding one,
-- so the lines that updated are the accepted lines beyond the first of
-- each invitation.
SELECT (SELECT count(*) FROM request) AS rows_read,
       (SELECT count(*) FROM imported) AS rows_accepted,
       (SELECT count(*) FROM program_invitations.invitations)
           AS invitations_stored,
       (SELECT count(*) - count(DISTINCT id) FROM imported)
           AS rows_that_updated_an_open_one,
       (SELECT count(*) FROM refused) AS rows_refused;

\echo '== Refused rows by SQLSTATE'
SELECT f.sqlstate, count(*) AS rows, coalesce(m.meaning, '?') AS meaning
FROM refused AS f
LEFT JOIN (VALUES
        ('22004', 'required value missing (HTTP 400)'),
        ('22023', 'invalid parameter value (HTTP 400)'),
        ('54000', 'value over a limit (HTTP 413 through PostgREST)'),
        ('PT404', 'program not found (HTTP 404)'),
        ('23505', 'conflict the upsert cannot resolve (HTTP 409)'),
        ('22P02', 'not a boolean or not JSON (cast in this script)'),
        ('22007', 'not a date (cast in this script)'),
        ('22008', 'date out of range (cast in this script)')
    ) AS m (sqlstate, meaning) USING (sqlstate)
GROUP BY f.sqlstate, m.meaning
ORDER BY count(*) DESC, f.sqlstate;

\echo '== Every refused row (line of demo/requests.csv)'
SELECT line, sqlstate, message FROM refused ORDER BY line;

\echo '== The same person pasted again lands in the open invitation'
\echo 'Four lines for Grace Hopper, a platform user, as pasted:'
SELECT line, program_key, email, username, source, metadata
FROM request
WHERE lower(btrim(email)) = 'grace.hopper@example.com'
   OR lower(btrim(username)) = 'ghopper'
ORDER BY line;

\echo 'give two invitations, one per program, linked to her user, the metadata merged:'
SELECT id, program_key, email, username, user_id, source, status, metadata
FROM program_invitations.list_invitations(username => 'ghopper',
                                          sort => 'program_key');

\echo 'José''s address composed, then decomposed (NFD) and in capitals: one invitation:'
SELECT id, program_key, email, source, status, metadata
FROM program_invitations.list_invitations(email => 'josé.núñez@example.org');

\echo
\echo '== First page of acme+data-science as the JSON envelope (page_size 3, newest first)'
\pset format unaligned
\pset tuples_only on
SELECT jsonb_pretty(program_invitations.invitation_page(
    program_key => 'acme+data-science',
    page_size   => 3));

\echo
\echo '== Page 2 of acme''s invitations from hr-sync in cohort 2024, by email then newest, with org and status (verbose)'
SELECT jsonb_pretty(program_invitations.invitation_page(
    org       => 'acme',
    source    => 'hr-sync',
    metadata  => '{"cohort": "2024"}',
    sort      => 'email,-created',
    page      => 2,
    page_size => 3,
    verbose   => true));
\pset tuples_only off
\pset format aligned

\echo
\echo '== count_invitations for the org globex'
SELECT program_invitations.count_invitations(org => 'globex') AS all_of_globex,
       program_invitations.count_invitations(org => 'globex', active => false)
           AS inactive,
       program_invitations.count_invitations(
           org => 'globex', metadata => '{"cohort": "2025"}') AS cohort_2025,
       program_invitations.count_invitations(
           org => 'globex', source => 'partner-portal') AS from_partner_portal;

-- Grace's invitation in acme+data-science, deleted below.
SELECT id AS grace_id
FROM program_invitations.list_invitations(program_key => 'acme+data-science',
                                          username => 'ghopper')
\gset

\echo
\echo '== delete_invitation with the wrong org (globex) is refused as not found'
\echo 'The script goes on; this is the ERROR a DBA sees, then its SQLSTATE:'
\set ON_ERROR_STOP off
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT * FROM program_invitations.delete_invitation(id => :grace_id, org => 'globex');
\echo 'SQLSTATE' :LAST_ERROR_SQLSTATE
\set ON_ERROR_STOP on

\echo
\echo '== delete_invitation with the right org (acme) deletes it and returns the row'
\x on
SELECT * FROM program_invitations.delete_invitation(id => :grace_id, org => 'acme');
\x off

\echo 'Grace''s invitations left:'
SELECT id, program_key, email, status
FROM program_invitations.list_invitations(username => 'ghopper');
