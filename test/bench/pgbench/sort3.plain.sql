-- test/bench/pgbench/sort3.plain.sql
--	First page of the big program sorted by -created,email,source (id
--	breaks ties ascending): plain SQL.
SELECT i.id, i.user_id, i.username, i.email, i.created, i.started, i.expired,
       i.source, i.redirect_to, i.active, i.metadata, i.program_key, i.org,
       CASE WHEN NOT i.active THEN 'inactive'
            WHEN i.started IS NOT NULL THEN 'accepted'
            WHEN i.expired <= statement_timestamp() THEN 'expired'
            ELSE 'pending' END AS status
  FROM program_invitations.invitations i
 WHERE i.program_key = :pk
 ORDER BY i.created DESC, lower(i.email), lower(i.source), i.id
 LIMIT 20;
