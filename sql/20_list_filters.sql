-- 20_list_filters: the filters of list_invitations, alone and combined
-- (AND): program_key, org and source exact, email and username exact but
-- case-insensitive, active, metadata by containment; NULL and blank mean
-- no filter; values are trimmed and put in NFC; an over-long value or one
-- with forbidden characters matches nothing; a metadata filter that is not
-- a JSON object is 22023.  Uses programs lst+a, lst+b (org lst) and oth+x
-- (org oth) only, and every call filters by one of them.
\set VERBOSITY terse
CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN EXECUTE sql; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
INSERT INTO program_invitations.programs (program_key, org, name) VALUES
    ('lst+a', 'lst', 'List A'),
    ('lst+b', 'lst', 'List B'),
    ('oth+x', 'oth', 'Other X');
-- Nine rows, created in the order of n.  r4's email, r9's username and
-- r9's source are stored composed; r4's source is given with spaces around
-- it.
SELECT v.n, i.email, i.username, i.program_key, i.source, i.active,
       i.metadata
  FROM (VALUES
    (1, 'lst+a', 'Ann@Lst.example', NULL, true, 'web',
     '{"cohort": "2024", "tags": {"level": "gold"}}'),
    (2, 'lst+a', 'ben@lst.example', 'Lst.Benny', false, 'Web',
     '{"cohort": "2023"}'),
    (3, 'lst+a', NULL, 'Lst.Cara', true, 'mail', '{"cohort": "2024"}'),
    (4, 'lst+a', E'jos\u00e9@lst.example', NULL, true, ' web ', NULL),
    (5, 'lst+b', 'ann@lst.example', NULL, true, 'web',
     '{"cohort": "2024", "tags": {"level": "silver"}}'),
    (6, 'lst+b', 'annabel@lst.example', 'Lst.Ann', false, 'mail',
     '{"cohort": "2024", "n": 1}'),
    (7, 'oth+x', 'ann@lst.example', NULL, true, 'web', '{"cohort": "2024"}'),
    (8, 'oth+x', NULL, 'LST.CARA', true, 'other', NULL),
    (9, 'oth+x', NULL, E'Lst.Zo\u00eb', true, E'caf\u00e9', NULL)
  ) AS v(n, program_key, email, username, active, source, metadata)
  CROSS JOIN LATERAL program_invitations.create_invitation(
    v.program_key, v.email, v.username, v.active, v.source, NULL,
    timestamptz '2024-01-01 00:00:00+00' + v.n * interval '1 hour', NULL,
    v.metadata::jsonb) AS i
 ORDER BY v.n;
-- Each case lists its rows in id order, as email, or username when there
-- is no email; '' when nothing matches.
SELECT c.label,
       (SELECT coalesce(string_agg(coalesce(i.email, i.username), ' '
                                   ORDER BY i.id), '')
          FROM program_invitations.list_invitations(
                 program_key => c.program_key, org => c.org,
                 email => c.email, username => c.username,
                 source => c.source, active => c.active::boolean,
                 metadata => c.metadata::jsonb, sort => 'id',
                 page_size => 1000) AS i) AS rows
  FROM (VALUES
    ('program_key lst+a', 'lst+a', NULL, NULL, NULL, NULL, NULL, NULL),
    ('program_key lst+b', 'lst+b', NULL, NULL, NULL, NULL, NULL, NULL),
    ('program_key trimmed', E' lst+b\t', NULL, NULL, NULL, NULL, NULL, NULL),
    ('program_key other case', 'LST+A', NULL, NULL, NULL, NULL, NULL, NULL),
    ('program_key no prefix match', 'lst', NULL, NULL, NULL, NULL, NULL, NULL),
    ('org lst', NULL, 'lst', NULL, NULL, NULL, NULL, NULL),
    ('org oth', NULL, 'oth', NULL, NULL, NULL, NULL, NULL),
    ('org trimmed', NULL, E'\n oth \r', NULL, NULL, NULL, NULL, NULL),
    ('org other case', NULL, 'OTH', NULL, NULL, NULL, NULL, NULL),
    ('org no prefix match', NULL, 'ot', NULL, NULL, NULL, NULL, NULL),
    ('program_key and org of another program', 'lst+a', 'oth', NULL, NULL,
     NULL, NULL, NULL),
    ('source web', NULL, 'lst', NULL, NULL, 'web', NULL, NULL),
    ('source Web (case-sensitive)', NULL, 'lst', NULL, NULL, 'Web', NULL,
     NULL),
    ('source trimmed', NULL, 'lst', NULL, NULL, E'\t web  ', NULL, NULL),
    ('source no prefix match', NULL, 'lst', NULL, NULL, 'we', NULL, NULL),
    ('email lower case', NULL, 'lst', 'ann@lst.example', NULL, NULL, NULL,
     NULL),
    ('email upper case', NULL, 'lst', 'ANN@LST.EXAMPLE', NULL, NULL, NULL,
     NULL),
    ('email trimmed', NULL, 'lst', E' \tAnn@lst.Example\n', NULL, NULL, NULL,
     NULL),
    ('email no prefix match', NULL, 'lst', 'ann', NULL, NULL, NULL, NULL),
    ('email no shorter match', NULL, 'lst', 'ann@lst.exampl', NULL, NULL,
     NULL, NULL),
    ('email no longer match', NULL, 'lst', 'ann@lst.examples', NULL, NULL,
     NULL, NULL),
    ('email decomposed', NULL, 'lst', E'jose\u0301@lst.example', NULL, NULL,
     NULL, NULL),
    ('email decomposed upper case', NULL, 'lst', E'JOSE\u0301@LST.EXAMPLE',
     NULL, NULL, NULL, NULL),
    ('email with LIKE wildcard %', NULL, 'lst', 'ann%', NULL, NULL, NULL,
     NULL),
    ('email with LIKE wildcard _', NULL, 'lst', 'a_n@lst.example', NULL,
     NULL, NULL, NULL),
    ('email with regular expression', NULL, 'lst', 'ann@lst.exampl.', NULL,
     NULL, NULL, NULL),
    ('email in program lst+b', 'lst+b', NULL, 'ann@lst.example', NULL, NULL,
     NULL, NULL),
    ('username as stored', 'lst+a', NULL, NULL, 'Lst.Cara', NULL, NULL, NULL),
    ('username lower case', 'lst+a', NULL, NULL, 'lst.cara', NULL, NULL,
     NULL),
    ('username upper case', NULL, 'lst', NULL, 'LST.CARA', NULL, NULL, NULL),
    ('username trimmed', NULL, 'lst', NULL, E'\x0b lst.benny\f', NULL, NULL,
     NULL),
    ('username no prefix match', NULL, 'lst', NULL, 'lst.car', NULL, NULL,
     NULL),
    ('username lst.ann', 'lst+b', NULL, NULL, 'lst.ann', NULL, NULL, NULL),
    ('username is not email', NULL, 'lst', NULL, 'ann@lst.example', NULL,
     NULL, NULL),
    ('username in org oth', NULL, 'oth', NULL, 'lst.cara', NULL, NULL, NULL),
    ('username decomposed', NULL, 'oth', NULL, E'LST.ZOE\u0308', NULL, NULL,
     NULL),
    ('username with LIKE wildcard', NULL, 'oth', NULL, 'lst.%', NULL, NULL,
     NULL),
    ('source decomposed', NULL, 'oth', NULL, NULL, E'cafe\u0301', NULL, NULL),
    ('source composed, other case', NULL, 'oth', NULL, NULL, E'CAF\u00c9',
     NULL, NULL),
    ('active true', NULL, 'lst', NULL, NULL, NULL, 'true', NULL),
    ('active false', NULL, 'lst', NULL, NULL, NULL, 'false', NULL),
    ('metadata pair', NULL, 'lst', NULL, NULL, NULL, NULL,
     '{"cohort": "2024"}'),
    ('metadata other pair', NULL, 'lst', NULL, NULL, NULL, NULL,
     '{"cohort": "2023"}'),
    ('metadata nested', NULL, 'lst', NULL, NULL, NULL, NULL,
     '{"tags": {"level": "gold"}}'),
    ('metadata nested empty object', NULL, 'lst', NULL, NULL, NULL, NULL,
     '{"tags": {}}'),
    ('metadata two pairs', NULL, 'lst', NULL, NULL, NULL, NULL,
     '{"cohort": "2024", "n": 1}'),
    ('metadata number is not string', NULL, 'lst', NULL, NULL, NULL, NULL,
     '{"cohort": 2024}'),
    ('metadata unknown key', NULL, 'lst', NULL, NULL, NULL, NULL,
     '{"nope": "2024"}'),
    ('metadata empty object', NULL, 'lst', NULL, NULL, NULL, NULL, '{}'),
    ('email, source, active, metadata', NULL, 'lst', 'ANN@lst.example', NULL,
     'web', 'true', '{"cohort": "2024"}'),
    ('email and active false', NULL, 'lst', 'ann@lst.example', NULL, NULL,
     'false', NULL),
    ('username and source', 'lst+a', NULL, NULL, 'lst.benny', 'Web', NULL,
     NULL),
    ('username and wrong source', 'lst+a', NULL, NULL, 'lst.benny', 'web',
     NULL, NULL),
    ('source, active, metadata', NULL, 'lst', NULL, NULL, 'mail', 'false',
     '{"n": 1}'),
    ('blank email, username, source', NULL, 'lst', '  ', E'\t', E' \n ',
     NULL, NULL),
    ('empty email, username, source', NULL, 'oth', '', '', '', NULL, NULL),
    ('blank program_key', '   ', 'oth', NULL, NULL, NULL, NULL, NULL),
    ('blank org', 'oth+x', ' ', NULL, NULL, NULL, NULL, NULL)
  ) AS c(label, program_key, org, email, username, source, active, metadata);
-- NULL means no filter: every filter passed as an explicit NULL.
SELECT string_agg(coalesce(email, username), ' ' ORDER BY id) AS rows
  FROM program_invitations.list_invitations('oth+x', NULL, NULL, NULL, NULL,
                                            NULL, NULL, 'id', NULL, NULL);
-- Over-long filter values (10,000 characters) match nothing, without error.
SELECT c.label,
       (SELECT count(*)
          FROM program_invitations.list_invitations(
                 program_key => c.program_key, org => c.org,
                 email => c.email, username => c.username,
                 source => c.source, page_size => 1000)) AS rows
  FROM (VALUES
    ('long program_key', repeat('p', 10000), 'lst', NULL, NULL, NULL),
    ('long org', 'lst+a', repeat('o', 10000), NULL, NULL, NULL),
    ('long email', NULL, 'lst', repeat('e', 9988) || '@lst.example', NULL,
     NULL),
    ('long username', NULL, 'lst', NULL, repeat('u', 10000), NULL),
    ('long non-ASCII username', NULL, 'lst', NULL, repeat(E'\u00e9', 10000),
     NULL),
    ('long source', NULL, 'lst', NULL, NULL, repeat('s', 10000))
  ) AS c(label, program_key, org, email, username, source);
-- A metadata filter is not limited in size either (the 64 kB limit is for
-- stored metadata).
SELECT count(*)
  FROM program_invitations.list_invitations(org => 'lst',
         metadata => jsonb_build_object('cohort', repeat('2', 100000)));
SELECT count(*)
  FROM program_invitations.list_invitations(org => 'lst',
         metadata => (SELECT jsonb_object_agg('k' || g, g)
                        FROM generate_series(1, 10000) AS g));
-- Filter values with characters that no stored value may hold match
-- nothing, without error.
SELECT c.label,
       (SELECT count(*)
          FROM program_invitations.list_invitations(
                 program_key => c.program_key, org => c.org,
                 email => c.email, username => c.username,
                 source => c.source, page_size => 1000)) AS rows
  FROM (VALUES
    ('email with inner space', NULL, 'lst', 'ann @lst.example', NULL, NULL),
    ('email with zero-width space', NULL, 'lst', E'ann\u200b@lst.example',
     NULL, NULL),
    ('email with control character', NULL, 'lst', E'ann\u0001@lst.example',
     NULL, NULL),
    ('email with bidi override', NULL, 'lst', E'ann\u202e@lst.example', NULL,
     NULL),
    ('email with fullwidth at sign', NULL, 'lst', E'ann\uff20lst.example',
     NULL, NULL),
    ('username with inner space', NULL, 'lst', NULL, 'lst. cara', NULL),
    ('username with private-use character', NULL, 'lst', NULL,
     E'lst.cara\ue000', NULL),
    ('source with control character', NULL, 'lst', NULL, NULL, E'we\u0007b'),
    ('program_key with control character', E'lst+a\u0001', NULL, NULL, NULL,
     NULL),
    ('org with control character', NULL, E'l\u0085st', NULL, NULL, NULL)
  ) AS c(label, program_key, org, email, username, source);
-- A metadata filter that is not a JSON object is 22023.
SELECT c.metadata,
       pg_temp.sqlstate_of(format(
         'SELECT * FROM program_invitations.list_invitations(org => %L, metadata => %L)',
         'lst', c.metadata)) AS result
  FROM (VALUES
    ('[]'),
    ('[{"cohort": "2024"}]'),
    ('"cohort"'),
    ('"{\"cohort\": \"2024\"}"'),
    ('2024'),
    ('true'),
    ('null')
  ) AS c(metadata);
