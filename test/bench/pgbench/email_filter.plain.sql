-- test/bench/pgbench/email_filter.plain.sql
--	First page of the big program filtered by one email: plain SQL, on the
--	extension's case-insensitive key.
SELECT i.id, i.user_id, i.username, i.email, i.created, i.started, i.expired,
       i.source, i.redirect_to, i.active, i.metadata, i.program_key, i.org,
       CASE WHEN NOT i.active THEN 'inactive'
            WHEN i.started IS NOT NULL THEN 'accepted'
            WHEN i.expired <= statement_timestamp() THEN 'expired'
            ELSE 'pending' END AS status
  FROM program_invitations.invitations i
 WHERE i.program_key = :pk
   AND i.email_key = program_invitations.text_key(:email)
 ORDER BY i.id DESC
 LIMIT 20;
