-- test/bench/pgbench/delete.plain.sql
--	Delete of a pre-created row: client c deletes ids del_base + c *
--	del_stride + 1, + 2, ... in turn: plain SQL, the floor.
\set i :i + 1
\set id :del_base + :client_id * :del_stride + :i
DELETE FROM program_invitations.invitations i
 WHERE i.org = :del_org
   AND i.id = :id::bigint
RETURNING i.id, i.user_id, i.username, i.email, i.created, i.started,
          i.expired, i.source, i.redirect_to, i.active, i.metadata,
          i.program_key, i.org,
          CASE WHEN NOT i.active THEN 'inactive'
               WHEN i.started IS NOT NULL THEN 'accepted'
               WHEN i.expired <= statement_timestamp() THEN 'expired'
               ELSE 'pending' END AS status;
