-- test/bench/pgbench/envelope.plain.sql
--	First page of the big program as the JSON envelope: plain SQL, the floor.
--	One statement: the count, 21 rows (to know whether a next page exists),
--	links written for this one call, and the 20th row's id as next_cursor.
WITH c AS (
    SELECT count(*) AS n
      FROM program_invitations.invitations i
     WHERE i.program_key = :pk
), p AS (
    SELECT row_number() OVER () AS r, s.*
      FROM (SELECT i.id, i.user_id, i.username, i.email, i.created,
                   i.started, i.expired, i.source, i.redirect_to, i.active,
                   i.metadata, i.program_key
              FROM program_invitations.invitations i
             WHERE i.program_key = :pk
             ORDER BY i.id DESC
             LIMIT 21) s
)
SELECT jsonb_build_object(
           'count', c.n,
           'next_page', CASE WHEN c.n > 20 THEN
               '?program_key=' || replace(:pk, '+', '%2B') ||
               '&sort=-id&page=2&page_size=20' END,
           'previous_page', NULL,
           'next_cursor', (SELECT p.id::text FROM p WHERE p.r = 20
                            AND EXISTS (SELECT FROM p WHERE p.r = 21)),
           'results', COALESCE((SELECT jsonb_agg(jsonb_build_object(
                   'id', p.id, 'user_id', p.user_id, 'username', p.username,
                   'email', p.email, 'created', p.created,
                   'started', p.started, 'expired', p.expired,
                   'source', p.source, 'redirect_to', p.redirect_to,
                   'active', p.active, 'metadata', p.metadata,
                   'program_key', p.program_key) ORDER BY p.r)
                  FROM p WHERE p.r <= 20), '[]'))
  FROM c;
