-- test/bench/pgbench/page500.plain.sql
--	Page 500 of the big program by page number: plain SQL with OFFSET.
SELECT i.id, i.user_id, i.username, i.email, i.created, i.started, i.expired,
       i.source, i.redirect_to, i.active, i.metadata, i.program_key, i.org,
       CASE WHEN NOT i.active THEN 'inactive'
            WHEN i.started IS NOT NULL THEN 'accepted'
            WHEN i.expired <= statement_timestamp() THEN 'expired'
            ELSE 'pending' END AS status
  FROM program_invitations.invitations i
 WHERE i.program_key = :pk
 ORDER BY i.id DESC
 LIMIT 20 OFFSET 9980;
