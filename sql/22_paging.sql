-- 22_paging: page and page_size of list_invitations: defaults (page 1,
-- page_size 20, also for NULL), a page past the end is empty, page below 1
-- and page_size outside 1 to program_invitations.max_page_size are 22023,
-- the setting is honoured when lowered and only a superuser may change it,
-- pages are disjoint and cover every row in order, and the largest page
-- number is empty without overflow.  Uses program pag+a (org pag) only.
\set VERBOSITY terse
CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN EXECUTE sql; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ': ' || SQLERRM; END $$;
INSERT INTO program_invitations.programs (program_key, org, name) VALUES
    ('pag+a', 'pag', 'Paging A');
-- 25 rows, p01 to p25, created in that order.
SELECT count(*)
  FROM generate_series(1, 25) AS g,
       program_invitations.create_invitation('pag+a',
         email => 'p' || lpad(g::text, 2, '0') || '@pag.example',
         created => timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute');
-- Each case lists the row numbers of one call, in order.
SELECT c.label,
       (SELECT coalesce(string_agg(substr(i.email, 2, 2), ' '
                                   ORDER BY i.ordinality), '')
          FROM program_invitations.list_invitations(program_key => 'pag+a',
                 sort => c.sort, page => c.page, page_size => c.page_size)
               WITH ORDINALITY AS i) AS "rows"
  FROM (VALUES
    ('defaults', '-id', 1, 20),
    ('page 2 of 20', '-id', 2, 20),
    ('page 3 of 20 (past the end)', '-id', 3, 20),
    ('NULL page and page_size', NULL, NULL, NULL),
    ('NULL page, page_size 10', '-id', NULL, 10),
    ('page 2, NULL page_size', '-id', 2, NULL),
    ('page_size 1', 'id', 1, 1),
    ('page 25 of 1', 'id', 25, 1),
    ('page 26 of 1 (past the end)', 'id', 26, 1),
    ('page 5 of 5', 'id', 5, 5),
    ('page 6 of 5 (past the end)', 'id', 6, 5),
    ('page_size 1000 (the maximum)', 'id', 1, 1000),
    ('page 2 of 1000 (past the end)', 'id', 2, 1000),
    ('page 2147483647 of 1', 'id', 2147483647, 1),
    ('page 2147483647 of 1000', 'id', 2147483647, 1000)
  ) AS c(label, sort, page, page_size);
-- The defaults when the parameters are omitted.
SELECT count(*), min(email), max(email)
  FROM program_invitations.list_invitations(program_key => 'pag+a');
-- Pages of 7 are disjoint, and together they hold every row once, in the
-- order of the whole list.
SELECT p AS page,
       coalesce(string_agg(substr(i.email, 2, 2), ' ' ORDER BY i.ordinality),
                '') AS "rows"
  FROM generate_series(1, 5) AS p
       LEFT JOIN LATERAL program_invitations.list_invitations(
         program_key => 'pag+a', sort => 'created', page => p,
         page_size => 7) WITH ORDINALITY AS i ON true
 GROUP BY p
 ORDER BY p;
SELECT (SELECT array_agg(i.id ORDER BY p, i.ordinality)
          FROM generate_series(1, 5) AS p,
               program_invitations.list_invitations(program_key => 'pag+a',
                 sort => '-created', page => p, page_size => 7)
               WITH ORDINALITY AS i)
     = (SELECT array_agg(i.id ORDER BY i.ordinality)
          FROM program_invitations.list_invitations(program_key => 'pag+a',
                 sort => '-created', page_size => 1000)
               WITH ORDINALITY AS i) AS pages_cover_the_list;
-- Out of range is 22023.
SELECT c.page, c.page_size,
       pg_temp.sqlstate_of(format(
         'SELECT * FROM program_invitations.list_invitations(program_key => %L, page => %s, page_size => %s)',
         'pag+a', c.page, c.page_size)) AS result
  FROM (VALUES
    (0, 20),
    (-1, 20),
    (-2147483648, 20),
    (1, 0),
    (1, -1),
    (1, 1001),
    (1, 2147483647),
    (0, 0)
  ) AS c(page, page_size);
-- A lowered maximum is honoured.
SET program_invitations.max_page_size = 24;
SELECT count(*)
  FROM program_invitations.list_invitations(program_key => 'pag+a',
                                            page_size => 24);
SELECT pg_temp.sqlstate_of($$SELECT * FROM program_invitations.list_invitations(program_key => 'pag+a', page_size => 25)$$);
RESET program_invitations.max_page_size;
SELECT count(*)
  FROM program_invitations.list_invitations(program_key => 'pag+a',
                                            page_size => 25);
-- Only a superuser may change the limit.
CREATE ROLE pi_pager;
SET ROLE pi_pager;
SET program_invitations.max_page_size = 5000;
RESET ROLE;
DROP ROLE pi_pager;
SHOW program_invitations.max_page_size;
