-- 14_users: create_invitation linking an invitation to a platform user:
-- an email or username that matches a user (case-insensitively, after
-- trimming and NFC) fills user_id and the missing one of the two; both
-- given must name the same user when either names one (22023); neither
-- naming a user leaves user_id empty; an open row that lacks the user is
-- filled on the next create.
\set VERBOSITY terse
-- 'ok', or the SQLSTATE that the statement raised.
CREATE FUNCTION pg_temp.outcome(call text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE call;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
-- Rows made here are removed at the end.
SELECT coalesce(max(id), 0) AS first_id FROM program_invitations.invitations \gset
-- The users of 00_setup.
SELECT user_id, username, email FROM program_invitations.users ORDER BY user_id;

-- The email names a user: user_id and username are filled; the email is
-- stored as given.
SELECT user_id, username, email, status
  FROM program_invitations.create_invitation('acme+data',
       email => 'alice@example.com');
SELECT user_id, username, email
  FROM program_invitations.create_invitation('acme+web',
       email => E' ALICE@EXAMPLE.COM\n');
-- The username names a user: user_id and email are filled; the username
-- is stored as given.
SELECT user_id, username, email
  FROM program_invitations.create_invitation('acme+data',
       username => 'bob');
SELECT user_id, username, email
  FROM program_invitations.create_invitation('acme+web',
       username => '  BOB ');
-- A user without an email: only user_id is filled.
SELECT user_id, username, email
  FROM program_invitations.create_invitation('acme+data',
       username => 'CAROL');
-- Both name the same user.
SELECT user_id, username, email
  FROM program_invitations.create_invitation('globex+ops',
       email => 'BOB@example.org', username => 'bob');
-- Neither names a user: no user_id, both stored.
SELECT user_id, username, email
  FROM program_invitations.create_invitation('acme+data',
       email => 'stranger@example.com', username => 'stranger');
SELECT user_id, username, email
  FROM program_invitations.create_invitation('acme+data',
       email => 'stranger2@example.com');

-- The username fills the email, so the email alone finds the same open row.
SELECT id AS alice_id
  FROM program_invitations.create_invitation('globex+ops',
       username => 'alice') \gset
SELECT id = :alice_id AS same_id, user_id, username, email
  FROM program_invitations.create_invitation('globex+ops',
       email => 'ALICE@example.com');

-- Both given, and either names a user: they must name that same user.
SELECT what, expected, pg_temp.outcome(call) AS got
  FROM (VALUES
    ('email names user 1, username user 2', '22023',
     $$SELECT program_invitations.create_invitation('globex+ops', email => 'alice@example.com', username => 'bob')$$),
    ('email names user 1, username nobody', '22023',
     $$SELECT program_invitations.create_invitation('globex+ops', email => 'alice@example.com', username => 'nobody')$$),
    ('email names nobody, username user 1', '22023',
     $$SELECT program_invitations.create_invitation('globex+ops', email => 'nobody@example.com', username => 'ALICE')$$),
    ('email names nobody, username user 3', '22023',
     $$SELECT program_invitations.create_invitation('globex+ops', email => 'carol@example.com', username => 'carol')$$),
    ('both name user 1', 'ok',
     $$SELECT program_invitations.create_invitation('globex+ops', email => 'Alice@example.COM', username => 'Alice')$$),
    ('both name nobody', 'ok',
     $$SELECT program_invitations.create_invitation('globex+ops', email => 'nobody@example.com', username => 'nobody')$$)
  ) AS t(what, expected, call);
SELECT program_invitations.create_invitation('globex+ops',
       email => 'alice@example.com', username => 'bob');

-- Matching is Unicode case-insensitive and on the NFC form.
INSERT INTO program_invitations.users (user_id, username, email)
VALUES (901, 'Ünal', 'ÜNAL@BEISPIEL.DE');
SELECT user_id, username, email
  FROM program_invitations.create_invitation('acme+data',
       email => U&'u\0308nal@beispiel.de');
SELECT user_id, username, email, octet_length(username) AS bytes
  FROM program_invitations.create_invitation('acme+web',
       username => U&'U\0308NAL');

-- An open row made before its user existed gets the user on the next
-- create.
SELECT user_id, username, email
  FROM program_invitations.create_invitation('acme+data',
       email => 'dave@example.net');
SELECT id AS dave_id FROM program_invitations.invitations
 WHERE email = 'dave@example.net' \gset
INSERT INTO program_invitations.users (user_id, username, email)
VALUES (902, 'dave', 'Dave@Example.net');
SELECT id = :dave_id AS same_id, user_id, username, email
  FROM program_invitations.create_invitation('acme+data',
       email => 'dave@example.net');

DELETE FROM program_invitations.invitations WHERE id > :first_id;
DELETE FROM program_invitations.users WHERE user_id IN (901, 902);
