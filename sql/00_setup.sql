-- 00_setup: creates the extension and the programs and users that the
-- other regression files share.  Every later file runs in this database,
-- in name order, and adds whatever rows of its own it needs.
\set VERBOSITY terse
CREATE EXTENSION program_invitations;
SELECT extname, extversion, extrelocatable, nspname
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'program_invitations';
INSERT INTO program_invitations.programs (program_key, org, name) VALUES
    ('acme+data', 'acme', 'Data Science'),
    ('acme+web', 'acme', 'Web Development'),
    ('globex+ops', 'globex', 'Operations');
INSERT INTO program_invitations.users (user_id, username, email) VALUES
    (1, 'alice', 'Alice@Example.com'),
    (2, 'Bob', 'bob@example.org'),
    (3, 'carol', NULL);
