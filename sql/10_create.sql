-- 10_create: create_invitation making a new row: every field, the
-- defaults (active, created, metadata), the derived status, the required
-- parameters, the limits and forbidden characters of username and source,
-- metadata that is not an object or too large, expired against created,
-- and the trimming and NFC of text inputs.
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

-- Every field given.
SELECT user_id, username, email, created, started, expired, source,
       redirect_to, active, metadata, program_key, org, status
  FROM program_invitations.create_invitation('acme+data',
       email => 'dana@example.net', username => 'dana_k', active => true,
       source => 'newsletter', redirect_to => 'https://example.com/welcome',
       created => '2024-01-01 00:00:00+00',
       expired => '2999-01-01 00:00:00+00',
       metadata => '{"cohort": "2024", "tags": ["a", "b"]}');

-- Defaults: active, created at the transaction's time, metadata {}.
SELECT user_id, username, email, created = now() AS created_now, started,
       expired, source, redirect_to, active, metadata, program_key, org,
       status
  FROM program_invitations.create_invitation('acme+data',
       email => 'erin@example.net');
-- NULL active means true; NULL metadata means {}.
SELECT active, metadata, status
  FROM program_invitations.create_invitation('acme+data',
       username => 'fred_q', active => NULL, metadata => NULL);
-- created is the transaction's time, not the statement's.
BEGIN;
SELECT pg_sleep(0.05);
SELECT created = now() AS created_now,
       created < statement_timestamp() AS before_statement
  FROM program_invitations.create_invitation('acme+data',
       email => 'gina@example.net');
-- status compares expired with the statement's time: this one expires
-- 10 ms after the transaction began, so it is already expired.
SELECT expired > created AS later, status
  FROM program_invitations.create_invitation('acme+data',
       email => 'hank@example.net',
       expired => now() + interval '10 milliseconds');
COMMIT;

-- The derived status of new rows.
SELECT status, active, created, expired
  FROM program_invitations.create_invitation('acme+data',
       email => 'ivan@example.net', created => '2020-01-01 00:00:00+00',
       expired => '2020-06-01 00:00:00+00');
SELECT status, active
  FROM program_invitations.create_invitation('acme+data',
       email => 'judy@example.net', active => false);
SELECT status, expired
  FROM program_invitations.create_invitation('acme+data',
       email => 'kurt@example.net', expired => 'infinity');

-- Required parameters, and the order of checks (parameters first, then
-- the program).
SELECT program_invitations.create_invitation('no+such', email => 'x@example.net');
SELECT program_invitations.create_invitation(NULL, email => 'x@example.net');
SELECT program_invitations.create_invitation('acme+data');
SELECT what, expected, pg_temp.outcome(call) AS got
  FROM (VALUES
    ('unknown program', 'PT404',
     $$SELECT program_invitations.create_invitation('acme+nope', email => 'x@example.net')$$),
    ('program_key NULL', '22004',
     $$SELECT program_invitations.create_invitation(NULL, email => 'x@example.net')$$),
    ('neither email nor username', '22023',
     $$SELECT program_invitations.create_invitation('acme+data')$$),
    ('email and username NULL', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => NULL, username => NULL)$$),
    ('email and username blank', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => '  ', username => '  ')$$),
    ('email and username empty', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => '', username => E'\t')$$),
    ('blank email, a username', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => ' ', username => 'lena_v')$$),
    ('unknown program, invalid email', '22023',
     $$SELECT program_invitations.create_invitation('acme+nope', email => 'no-at-sign')$$),
    ('unknown program, no email or username', '22023',
     $$SELECT program_invitations.create_invitation('acme+nope')$$),
    ('unknown program, long username', '54000',
     $$SELECT program_invitations.create_invitation('acme+nope', username => repeat('u', 151))$$)
  ) AS t(what, expected, call);

-- username: 1-150 characters, no white space, control, format or
-- private-use characters inside.
SELECT what, expected, pg_temp.outcome(call) AS got
  FROM (VALUES
    ('150 characters', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', username => repeat('u', 150))$$),
    ('151 characters', '54000',
     $$SELECT program_invitations.create_invitation('acme+data', username => repeat('u', 151))$$),
    ('150 two-byte characters', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', username => repeat('é', 150))$$),
    ('151 two-byte characters', '54000',
     $$SELECT program_invitations.create_invitation('acme+data', username => repeat('é', 151))$$),
    ('150 characters once in NFC', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', username => repeat(U&'e\0301', 150))$$),
    ('151 characters once in NFC', '54000',
     $$SELECT program_invitations.create_invitation('acme+data', username => repeat(U&'e\0301', 151))$$),
    ('150 characters inside white space', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', username => '  ' || repeat('v', 150) || E'\n')$$),
    ('one character', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', username => 'm')$$),
    ('space inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => 'mia w')$$),
    ('tab inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => E'mia\tw')$$),
    ('LF inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => E'mia\nw')$$),
    ('no-break space inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => U&'mia\00A0w')$$),
    ('ideographic space inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => U&'mia\3000w')$$),
    ('C0 control inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => E'mia\x01w')$$),
    ('DEL inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => E'mia\x7Fw')$$),
    ('C1 control inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => U&'mia\0085w')$$),
    ('zero-width space inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => U&'mia\200Bw')$$),
    ('zero-width joiner inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => U&'mia\200Dw')$$),
    ('bidi override inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => U&'mia\202Ew')$$),
    ('private-use character inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => U&'mia\E000w')$$),
    ('no-break space before', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => U&'\00A0miaw')$$),
    ('unit separator before (not trimmed)', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', username => E'\x1Fmiaw')$$),
    ('punctuation and letters of any script', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', username => 'nora.o''neil-Łukasz_日本@x')$$)
  ) AS t(what, expected, call);

-- source: up to 255 characters, no control characters, trimmed.
SELECT what, expected, pg_temp.outcome(call) AS got
  FROM (VALUES
    ('255 characters', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'src1@example.net', source => repeat('s', 255))$$),
    ('256 characters', '54000',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'src2@example.net', source => repeat('s', 256))$$),
    ('255 two-byte characters', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'src3@example.net', source => repeat('ß', 255))$$),
    ('256 two-byte characters', '54000',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'src4@example.net', source => repeat('ß', 256))$$),
    ('255 characters inside white space', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'src5@example.net', source => E'\t ' || repeat('s', 255) || E' \r\n')$$),
    ('spaces inside', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'src6@example.net', source => 'spring fair 2024')$$),
    ('zero-width space inside', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'src7@example.net', source => U&'fair\200B2024')$$),
    ('tab inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'src8@example.net', source => E'fair\t2024')$$),
    ('C0 control inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'src9@example.net', source => E'fair\x02')$$),
    ('DEL inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'src10@example.net', source => E'fair\x7F2024')$$),
    ('C1 control inside', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'src11@example.net', source => U&'fair\009B2024')$$)
  ) AS t(what, expected, call);

-- metadata: a JSON object, within program_invitations.max_metadata_bytes.
SELECT what, expected, pg_temp.outcome(call) AS got
  FROM (VALUES
    ('empty object', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'md1@example.net', metadata => '{}')$$),
    ('nested object', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'md2@example.net', metadata => '{"a": {"b": [1, null]}}')$$),
    ('array', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'md3@example.net', metadata => '[{"a": 1}]')$$),
    ('empty array', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'md4@example.net', metadata => '[]')$$),
    ('string', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'md5@example.net', metadata => '"cohort"')$$),
    ('string holding an object', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'md6@example.net', metadata => '"{\"a\":1}"')$$),
    ('number', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'md7@example.net', metadata => '42')$$),
    ('boolean', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'md8@example.net', metadata => 'true')$$),
    ('JSON null', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'md9@example.net', metadata => 'null')$$)
  ) AS t(what, expected, call);
-- The limit counts the bytes of the object's text form: 19 here.
SELECT octet_length('{"k":"0123456789"}'::jsonb::text) AS bytes;
SET program_invitations.max_metadata_bytes = 19;
SELECT what, expected, pg_temp.outcome(call) AS got
  FROM (VALUES
    ('19 bytes', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'size1@example.net', metadata => '{"k":"0123456789"}')$$),
    ('19 bytes, written with more space', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'size2@example.net', metadata => '{  "k"  :  "0123456789"  }')$$),
    ('20 bytes', '54000',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'size3@example.net', metadata => '{"k":"01234567890"}')$$),
    ('10 characters, 20 bytes of value', '54000',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'size4@example.net', metadata => '{"k":"éééééééééé"}')$$)
  ) AS t(what, expected, call);
RESET program_invitations.max_metadata_bytes;

-- expired must be later than created (given, or the transaction's time).
SELECT what, expected, pg_temp.outcome(call) AS got
  FROM (VALUES
    ('expired equal to created', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'exp1@example.net', created => '2024-01-01 00:00:00+00', expired => '2024-01-01 00:00:00+00')$$),
    ('expired before created', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'exp2@example.net', created => '2024-01-01 00:00:00+00', expired => '2023-12-31 23:59:59+00')$$),
    ('expired 1 microsecond after created', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'exp3@example.net', created => '2024-01-01 00:00:00+00', expired => '2024-01-01 00:00:00.000001+00')$$),
    ('expired now, created defaulted', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'exp4@example.net', expired => now())$$),
    ('expired yesterday, created defaulted', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'exp5@example.net', expired => now() - interval '1 day')$$),
    ('expired tomorrow, created defaulted', 'ok',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'exp6@example.net', expired => now() + interval '1 day')$$),
    ('expired -infinity', '22023',
     $$SELECT program_invitations.create_invitation('acme+data', email => 'exp7@example.net', expired => '-infinity')$$)
  ) AS t(what, expected, call);
SELECT created, expired FROM program_invitations.invitations
 WHERE email = 'exp3@example.net';

-- Trimming of ASCII white space (space, tab, LF, CR, FF, VT) around email,
-- username and source.
SELECT email, username, source
  FROM program_invitations.create_invitation('acme+data',
       email => E' \t\n\r\f\x0Bgrace@example.net \t\n\r\f\x0B',
       username => E'\x0B\fgrace_h\r\n\t ',
       source => E'\n fair \t');
-- NFC: a decomposed e + U+0301 is stored composed.
SELECT email, octet_length(email) AS email_bytes,
       email = normalize(email, NFC) AS email_nfc,
       username, octet_length(username) AS username_bytes,
       source, octet_length(source) AS source_bytes
  FROM program_invitations.create_invitation('acme+data',
       email => U&'rene\0301@example.net', username => U&'jose\0301',
       source => U&'cafe\0301');

-- The error messages name the parameter.
SELECT program_invitations.create_invitation('acme+data', username => 'mia w');
SELECT program_invitations.create_invitation('acme+data', username => repeat('u', 151));
SELECT program_invitations.create_invitation('acme+data', email => 'x@example.net', metadata => '[]');

DELETE FROM program_invitations.invitations WHERE id > :first_id;
