-- test/bench/pgbench/count.plain.sql
--	Count of the big program's invitations: plain SQL.
SELECT count(*)
  FROM program_invitations.invitations i
 WHERE i.program_key = :pk;
