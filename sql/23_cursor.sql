-- 23_cursor: keyset paging (api.md "Keyset paging").  Walking a program
-- page by page with next_cursor gives exactly the rows of one long
-- listing, in order, for sorts with ties (equal created) and NULLs
-- (expired, source), ascending and descending; rows deleted and added
-- between pages do not shift the walk; a cursor that does not parse, is
-- cut short, was made for other filters or another sort, or comes with a
-- page other than 1 is 22023; an empty cursor is no cursor.
\set VERBOSITY terse
CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sql;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
-- Every id of a walk by cursor, pages of page_size rows.
CREATE FUNCTION pg_temp.walk(sort text, page_size integer) RETURNS bigint[]
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[] := '{}';
    next text;
    envelope jsonb;
BEGIN
    LOOP
        envelope := program_invitations.invitation_page(
            program_key => 'cur+a', sort => sort, page_size => page_size,
            cursor => next);
        ids := ids || ARRAY(SELECT (r->>'id')::bigint
                              FROM jsonb_array_elements(envelope->'results') r);
        next := envelope->>'next_cursor';
        EXIT WHEN next IS NULL;
    END LOOP;
    RETURN ids;
END
$$;
SELECT program_invitations.upsert_program('cur+a', 'cur') IS NOT NULL AS done;
SELECT program_invitations.upsert_program('cur+b', 'cur') IS NOT NULL AS done;
-- 23 rows: created in three equal groups, every third never expires, every
-- fourth has no source.
SELECT count(*) FROM generate_series(1, 23) g,
    program_invitations.create_invitation('cur+a',
        email => 'c' || g || '@example.com',
        created => timestamptz '2024-01-01' + (g % 3) * interval '1 day',
        expired => CASE WHEN g % 3 <> 0
                        THEN timestamptz '2030-01-01' + g * interval '1 hour' END,
        source => CASE WHEN g % 4 <> 0 THEN 'src' || (g % 5) END);

SELECT sort, page_size,
       pg_temp.walk(sort, page_size) =
       ARRAY(SELECT id FROM program_invitations.list_invitations(
                 program_key => 'cur+a', sort => sort, page_size => 1000))
           AS same_as_one_listing,
       cardinality(pg_temp.walk(sort, page_size)) AS rows
  FROM (VALUES ('-id', 5), ('id', 4), ('created', 3), ('-created', 7),
               ('expired', 4), ('-expired', 4), ('source,-created', 5),
               ('-source,expired', 2), ('email', 23), ('-created,-expired', 1))
       AS c(sort, page_size);

-- Rows change between pages: the walk resumes after its row, not at a
-- position.  First page (sort id, 5 rows), then delete the next row and
-- one already seen, add a row that sorts last, and go on.
SELECT program_invitations.invitation_page(program_key => 'cur+a', sort => 'id',
           page_size => 5)->>'next_cursor' AS next \gset
SELECT min(id) AS first_id FROM program_invitations.invitations
 WHERE program_key = 'cur+a' \gset
SELECT count(*) FROM program_invitations.delete_invitation(:first_id + 5, 'cur');
SELECT count(*) FROM program_invitations.delete_invitation(:first_id + 1, 'cur');
SELECT count(*) FROM program_invitations.create_invitation('cur+a',
    email => 'late@example.com');
SELECT ARRAY(SELECT (r->>'id')::bigint - :first_id
               FROM jsonb_array_elements(
                   program_invitations.invitation_page(program_key => 'cur+a',
                       sort => 'id', page_size => 5, cursor => :'next')
                   ->'results') r) AS next_page_offsets;

-- Refused cursors.
SELECT what, pg_temp.sqlstate_of(sql) AS got
  FROM (VALUES
    ('not base64url', format($$SELECT program_invitations.invitation_page(
        program_key => 'cur+a', sort => 'id', page_size => 5,
        cursor => %L)$$, 'not a cursor!')),
    ('a letter changed', format($$SELECT program_invitations.invitation_page(
        program_key => 'cur+a', sort => 'id', page_size => 5,
        cursor => %L)$$, 'B' || substr(:'next', 2))),
    ('cut short', format($$SELECT program_invitations.invitation_page(
        program_key => 'cur+a', sort => 'id', page_size => 5,
        cursor => %L)$$, left(:'next', -3))),
    ('other filters', format($$SELECT program_invitations.invitation_page(
        program_key => 'cur+b', sort => 'id', page_size => 5,
        cursor => %L)$$, :'next')),
    ('another sort', format($$SELECT program_invitations.invitation_page(
        program_key => 'cur+a', sort => '-id', page_size => 5,
        cursor => %L)$$, :'next')),
    ('with page 2', format($$SELECT program_invitations.invitation_page(
        program_key => 'cur+a', sort => 'id', page => 2, page_size => 5,
        cursor => %L)$$, :'next')),
    ('list: other filters', format($$SELECT * FROM program_invitations.list_invitations(
        program_key => 'cur+a', source => 'src1', sort => 'id',
        cursor => %L)$$, :'next')),
    ('another page size is fine', format($$SELECT program_invitations.invitation_page(
        program_key => 'cur+a', sort => 'id', page_size => 7,
        cursor => %L)$$, :'next')),
    ('empty means none', $$SELECT program_invitations.invitation_page(
        program_key => 'cur+a', sort => 'id', cursor => '')$$)
  ) AS c(what, sql);
