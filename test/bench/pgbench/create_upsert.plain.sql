-- test/bench/pgbench/create_upsert.plain.sql
--	Create that updates an open invitation (the upsert path), from a pool
--	of open emails given in another case: plain SQL, the floor.  One
--	INSERT ... ON CONFLICT DO UPDATE on the partial unique index of open
--	emails, linking the user by a join; no validation.
\set k random(1, :upsert_pool)
INSERT INTO program_invitations.invitations AS i
       (org, program_key, user_id, username, email, created, source, metadata)
SELECT p.org, p.program_key, u.user_id, u.username, e.email,
       transaction_timestamp(), 'bench-upsert', '{"touched": "yes"}'
  FROM (SELECT 'UPSERT.' || :k::int || '@pool.EXAMPLE.com' AS email) e
  JOIN program_invitations.programs p ON p.program_key = :wpk
  LEFT JOIN program_invitations.users u
         ON u.email_key = program_invitations.text_key(e.email)
    ON CONFLICT (program_key, email_key)
       WHERE active AND started IS NULL AND email_key IS NOT NULL
    DO UPDATE SET source = COALESCE(EXCLUDED.source, i.source),
                  metadata = i.metadata || EXCLUDED.metadata,
                  active = EXCLUDED.active,
                  user_id = COALESCE(i.user_id, EXCLUDED.user_id),
                  username = COALESCE(i.username, EXCLUDED.username)
RETURNING i.id, i.user_id, i.username, i.email, i.created, i.started,
          i.expired, i.source, i.redirect_to, i.active, i.metadata,
          i.program_key, i.org,
          CASE WHEN NOT i.active THEN 'inactive'
               WHEN i.started IS NOT NULL THEN 'accepted'
               WHEN i.expired <= statement_timestamp() THEN 'expired'
               ELSE 'pending' END AS status;
