-- 40_count: count_invitations with each filter and with combinations
-- equals the number of rows list_invitations returns over all its pages;
-- a metadata filter that is not a JSON object is 22023.  Uses programs
-- cnt+a, cnt+b (org cnt) and cnt+c (org cnt2) only.
\set VERBOSITY terse
CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN EXECUTE sql; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
INSERT INTO program_invitations.programs (program_key, org, name) VALUES
    ('cnt+a', 'cnt', 'Count A'),
    ('cnt+b', 'cnt', 'Count B'),
    ('cnt+c', 'cnt2', 'Count C');
SELECT count(*)
  FROM (VALUES
    ('cnt+a', 'a1@cnt.example', NULL, 'web', true, '{"cohort": "2024"}'),
    ('cnt+a', 'A2@cnt.example', 'Cnt.Two', 'web', false, '{"cohort": "2023"}'),
    ('cnt+a', NULL, 'cnt.three', 'mail', true,
     '{"cohort": "2024", "vip": true}'),
    ('cnt+b', 'a1@cnt.example', NULL, 'web', true, '{}'),
    ('cnt+b', 'b5@cnt.example', NULL, NULL, false, '{"cohort": "2024"}'),
    ('cnt+b', NULL, 'Cnt.Three', 'mail', true,
     '{"cohort": "2024", "vip": true}'),
    ('cnt+c', 'a1@cnt.example', NULL, 'web', true, '{"cohort": "2024"}')
  ) AS v(program_key, email, username, source, active, metadata),
  program_invitations.create_invitation(v.program_key, v.email, v.username,
    v.active, v.source, created => '2024-01-01 00:00:00+00',
    metadata => v.metadata::jsonb);
-- For each case: count_invitations, the rows of list_invitations over all
-- pages of 2, and the rows of one page of 1000.
SELECT c.label,
       program_invitations.count_invitations(c.program_key, c.org, c.email,
         c.username, c.source, c.active::boolean, c.metadata::jsonb)
         AS count_invitations,
       (SELECT count(*)
          FROM generate_series(1, 10) AS p,
               program_invitations.list_invitations(c.program_key, c.org,
                 c.email, c.username, c.source, c.active::boolean,
                 c.metadata::jsonb, 'id', p, 2)) AS all_pages,
       (SELECT count(*)
          FROM program_invitations.list_invitations(c.program_key, c.org,
                 c.email, c.username, c.source, c.active::boolean,
                 c.metadata::jsonb, page_size => 1000)) AS one_page
  FROM (VALUES
    ('program_key cnt+a', 'cnt+a', NULL, NULL, NULL, NULL, NULL, NULL),
    ('program_key cnt+b', 'cnt+b', NULL, NULL, NULL, NULL, NULL, NULL),
    ('program_key trimmed', E'\tcnt+b ', NULL, NULL, NULL, NULL, NULL, NULL),
    ('program_key other case', 'CNT+A', NULL, NULL, NULL, NULL, NULL, NULL),
    ('org cnt', NULL, 'cnt', NULL, NULL, NULL, NULL, NULL),
    ('org cnt2', NULL, 'cnt2', NULL, NULL, NULL, NULL, NULL),
    ('org trimmed', NULL, ' cnt ', NULL, NULL, NULL, NULL, NULL),
    ('email upper case', NULL, 'cnt', 'A1@CNT.EXAMPLE', NULL, NULL, NULL,
     NULL),
    ('email trimmed', NULL, 'cnt', ' a1@cnt.example ', NULL, NULL, NULL,
     NULL),
    ('email no prefix match', NULL, 'cnt', 'a1', NULL, NULL, NULL, NULL),
    ('username upper case', NULL, 'cnt', NULL, 'CNT.THREE', NULL, NULL, NULL),
    ('username lower case', NULL, 'cnt', NULL, 'cnt.two', NULL, NULL, NULL),
    ('source web', NULL, 'cnt', NULL, NULL, 'web', NULL, NULL),
    ('source other case', NULL, 'cnt', NULL, NULL, 'WEB', NULL, NULL),
    ('active true', NULL, 'cnt', NULL, NULL, NULL, 'true', NULL),
    ('active false', NULL, 'cnt', NULL, NULL, NULL, 'false', NULL),
    ('metadata pair', NULL, 'cnt', NULL, NULL, NULL, NULL,
     '{"cohort": "2024"}'),
    ('metadata boolean', NULL, 'cnt', NULL, NULL, NULL, NULL, '{"vip": true}'),
    ('metadata string is not boolean', NULL, 'cnt', NULL, NULL, NULL, NULL,
     '{"vip": "true"}'),
    ('metadata empty object', NULL, 'cnt', NULL, NULL, NULL, NULL, '{}'),
    ('program, source, active', 'cnt+a', NULL, NULL, NULL, 'web', 'true',
     NULL),
    ('email, source, active, metadata', NULL, 'cnt', 'a1@cnt.example', NULL,
     'web', 'true', '{}'),
    ('username, source, active, metadata', NULL, 'cnt', NULL, 'cnt.three',
     'mail', 'true', '{"vip": true}'),
    ('program of another org', 'cnt+b', 'cnt2', NULL, NULL, NULL, NULL, NULL),
    ('all seven filters', 'cnt+a', 'cnt', 'a2@cnt.example', 'cnt.two', 'web',
     'false', '{"cohort": "2023"}'),
    ('blank filters', NULL, 'cnt', ' ', E'\t', '', NULL, NULL),
    ('over-long email', NULL, 'cnt', repeat('a', 9988) || '@cnt.example',
     NULL, NULL, NULL, NULL),
    ('over-long source', NULL, 'cnt', NULL, NULL, repeat('w', 10000), NULL,
     NULL),
    ('forbidden character in username', NULL, 'cnt', NULL,
     E'cnt.three\u200b', NULL, NULL, NULL)
  ) AS c(label, program_key, org, email, username, source, active, metadata);
-- Without filters, every invitation.
SELECT program_invitations.count_invitations()
     = (SELECT count(*) FROM program_invitations.invitations) AS counts_all;
-- A metadata filter that is not a JSON object is 22023.
SELECT c.metadata,
       pg_temp.sqlstate_of(format(
         'SELECT program_invitations.count_invitations(org => %L, metadata => %L)',
         'cnt', c.metadata)) AS result
  FROM (VALUES
    ('[]'),
    ('["cohort", "2024"]'),
    ('"{}"'),
    ('3'),
    ('false'),
    ('null')
  ) AS c(metadata);
