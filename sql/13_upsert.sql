-- 13_upsert: create_invitation for an email or username that has an open
-- (active, not started) invitation in the program updates that row in
-- place: what takes the new value, what a NULL keeps, how metadata merges
-- and its limit, expired against the stored created, closing the row with
-- active => false, accepted and inactive rows that never block, the
-- conflict between two open rows (23505), and other programs.
\set VERBOSITY terse
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
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

-- The first invitation for the address.
SELECT email, created, source, redirect_to, expired, active, metadata, status
  FROM program_invitations.create_invitation('acme+data',
       email => 'Upsert.One@Example.com', source => 'fair',
       redirect_to => 'https://example.com/a',
       created => '2024-01-01 00:00:00+00',
       expired => '2999-01-01 00:00:00+00',
       metadata => '{"a": 1, "b": 1}');
SELECT max(id) AS open_id FROM program_invitations.invitations \gset

-- Again, the email in another case and inside white space: the same row,
-- with the new values; email and created stay, metadata merges.
SELECT id = :open_id AS same_id, email, created, source, redirect_to,
       expired, active, metadata, status
  FROM program_invitations.create_invitation('acme+data',
       email => E'  upsert.one@EXAMPLE.COM\t', source => 'mail',
       redirect_to => 'https://example.com/b',
       created => '2025-06-01 00:00:00+00',
       expired => '2998-01-01 00:00:00+00',
       metadata => '{"b": 2, "c": 3}');

-- NULL, omitted, blank and empty values keep the stored ones; NULL active
-- means true.
SELECT id = :open_id AS same_id, created, source, redirect_to, expired,
       active, metadata, status
  FROM program_invitations.create_invitation('acme+data',
       email => 'upsert.one@example.com');
SELECT id = :open_id AS same_id, created, source, redirect_to, expired,
       active, metadata, status
  FROM program_invitations.create_invitation('acme+data',
       email => 'UPSERT.ONE@example.com', active => NULL, source => '   ',
       redirect_to => '', expired => NULL, metadata => NULL);
SELECT id = :open_id AS same_id, metadata
  FROM program_invitations.create_invitation('acme+data',
       email => 'upsert.one@example.com', metadata => '{}');
SELECT count(*) AS rows_for_address
  FROM program_invitations.invitations
 WHERE lower(email) = 'upsert.one@example.com';

-- expired is checked against the stored created (2024-01-01), not against
-- now nor a created given in the call.
SELECT what, expected, pg_temp.outcome(call) AS got
  FROM (VALUES
    ('expired before the stored created', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'upsert.one@example.com', expired => '2023-06-01 00:00:00+00')$$),
    ('expired equal to the stored created', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'upsert.one@example.com', expired => '2024-01-01 00:00:00+00')$$),
    ('expired after a given created, before the stored one', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'upsert.one@example.com', created => '2020-01-01 00:00:00+00', expired => '2023-01-01 00:00:00+00')$$)
  ) AS t(what, expected, call);
-- After the stored created but already past: taken, and the row reads
-- as expired; it is still open, so the next create updates it again.
SELECT id = :open_id AS same_id, created, expired, status
  FROM program_invitations.create_invitation('acme+data',
       email => 'upsert.one@example.com',
       expired => '2024-06-01 00:00:00+00');
SELECT id = :open_id AS same_id, created, expired, status
  FROM program_invitations.create_invitation('acme+data',
       email => 'upsert.one@example.com',
       expired => '2999-01-01 00:00:00+00');

-- The size limit applies to the merged metadata.  Stored now:
SELECT metadata, octet_length(metadata::text) AS bytes
  FROM program_invitations.invitations WHERE id = :open_id;
-- {"a": 1, "b": 2, "c": 3, "d": 4} has 32 bytes, {"d": 4} alone 8.
SET program_invitations.max_metadata_bytes = 31;
SELECT program_invitations.create_invitation('acme+data',
       email => 'upsert.one@example.com', source => 'too big',
       metadata => '{"d": 4}');
-- Nothing of the refused call was written.
SELECT source, metadata
  FROM program_invitations.invitations WHERE id = :open_id;
-- A merge that replaces a key can stay within the limit.
SET program_invitations.max_metadata_bytes = 24;
SELECT id = :open_id AS same_id, metadata
  FROM program_invitations.create_invitation('acme+data',
       email => 'upsert.one@example.com', metadata => '{"c": 9}');
SET program_invitations.max_metadata_bytes = 32;
SELECT id = :open_id AS same_id, metadata
  FROM program_invitations.create_invitation('acme+data',
       email => 'upsert.one@example.com', metadata => '{"d": 4}');
RESET program_invitations.max_metadata_bytes;
-- Other refused values leave the row as it was, too.
SELECT program_invitations.create_invitation('acme+data',
       email => 'upsert.one@example.com', source => repeat('s', 256),
       expired => '2997-01-01 00:00:00+00');
SELECT source, expired FROM program_invitations.invitations WHERE id = :open_id;

-- A composed and a decomposed spelling, and Unicode case, are one address.
SELECT id AS rene_id
  FROM program_invitations.create_invitation('acme+data',
       email => U&'Ren\00E9e@example.com') \gset
SELECT id = :rene_id AS same_id, email = U&'Ren\00E9e@example.com' AS email_kept
  FROM program_invitations.create_invitation('acme+data',
       email => U&'RENE\0301E@EXAMPLE.COM');
SELECT id = :rene_id AS same_id
  FROM program_invitations.create_invitation('acme+data',
       email => U&'ren\00E9e@example.com');

-- active => false updates the open row and closes it.
SELECT id = :open_id AS same_id, active, status, source, metadata
  FROM program_invitations.create_invitation('acme+data',
       email => 'upsert.one@example.com', active => false);
-- An inactive row does not block: a new row, with none of the old values.
SELECT id > :open_id AS new_row, email, created = now() AS created_now,
       source, redirect_to, expired, active, metadata, status
  FROM program_invitations.create_invitation('acme+data',
       email => 'Upsert.One@example.com');
SELECT max(id) AS second_id FROM program_invitations.invitations \gset
-- An accepted row does not block either.
UPDATE program_invitations.invitations
   SET started = '2024-03-01 00:00:00+00' WHERE id = :second_id;
SELECT id > :second_id AS new_row, status
  FROM program_invitations.create_invitation('acme+data',
       email => 'upsert.one@example.com', source => 'third');
SELECT source, active, started IS NOT NULL AS started
  FROM program_invitations.invitations
 WHERE lower(email) = 'upsert.one@example.com'
 ORDER BY id;

-- A different program never upserts.
SELECT program_key, source, metadata, status
  FROM program_invitations.create_invitation('acme+web',
       email => 'upsert.one@example.com');
SELECT program_key, org, source, metadata, status
  FROM program_invitations.create_invitation('globex+ops',
       email => 'upsert.one@example.com');
SELECT program_key, count(*) AS open_rows
  FROM program_invitations.invitations
 WHERE lower(email) = 'upsert.one@example.com' AND active AND started IS NULL
 GROUP BY program_key ORDER BY program_key;

-- A username works the same way.
SELECT id AS user_row_id
  FROM program_invitations.create_invitation('acme+data',
       username => 'Upsert_User', source => 'fair',
       created => '2024-01-01 00:00:00+00',
       metadata => '{"a": 1}') \gset
SELECT id = :user_row_id AS same_id, username, email, created, source,
       metadata, status
  FROM program_invitations.create_invitation('acme+data',
       username => E'\tUPSERT_USER  ', source => 'mail',
       metadata => '{"b": 2}');
-- The email that the stored row lacks is filled from the call.
SELECT id = :user_row_id AS same_id, username, email, source, metadata
  FROM program_invitations.create_invitation('acme+data',
       username => 'upsert_user', email => 'Upsert.User@example.com');
-- ... and now the email alone finds the row, too.
SELECT id = :user_row_id AS same_id, username, email, source
  FROM program_invitations.create_invitation('acme+data',
       email => 'upsert.user@EXAMPLE.com', source => 'by email');
-- A stored email or username is kept, not replaced.
SELECT id = :user_row_id AS same_id, username, email
  FROM program_invitations.create_invitation('acme+data',
       username => 'upsert_user', email => 'upsert.user@example.com');

-- The email matches one open row and the username another: 23505, with
-- both ids in the detail.  The ids are made known here.
SELECT setval('program_invitations.invitation_id_seq', 1000) AS seq;
SELECT id, email, username
  FROM program_invitations.create_invitation('acme+data',
       email => 'conflict@example.com');
SELECT id, email, username
  FROM program_invitations.create_invitation('acme+data',
       username => 'conflict_user');
\set VERBOSITY default
SELECT program_invitations.create_invitation('acme+data',
       email => 'CONFLICT@example.com', username => 'Conflict_User');
\set VERBOSITY terse
-- The same with the username's row made first.
SELECT id, email, username
  FROM program_invitations.create_invitation('acme+web',
       username => 'conflict_user');
SELECT id, email, username
  FROM program_invitations.create_invitation('acme+web',
       email => 'conflict@example.com');
\set VERBOSITY default
SELECT program_invitations.create_invitation('acme+web',
       email => 'conflict@example.com', username => 'conflict_user');
\set VERBOSITY terse
SELECT pg_temp.outcome($$SELECT program_invitations.create_invitation('acme+web', email => 'conflict@example.com', username => 'conflict_user', active => false)$$) AS got;
-- Neither row changed.
SELECT id, program_key, email, username, active
  FROM program_invitations.invitations
 WHERE id > 1000 ORDER BY id;
-- Once one of them is closed, the call updates the other.
SELECT id, active, status
  FROM program_invitations.create_invitation('acme+web',
       username => 'conflict_user', active => false);
SELECT id, email, username, status
  FROM program_invitations.create_invitation('acme+web',
       email => 'conflict@example.com', username => 'conflict_user');

DELETE FROM program_invitations.invitations WHERE id > :first_id;
