-- test/bench/pgbench/delete.c.sql
--	Delete of a pre-created row: client c deletes ids del_base + c *
--	del_stride + 1, + 2, ... in turn: the extension's C function.
\set i :i + 1
\set id :del_base + :client_id * :del_stride + :i
SELECT * FROM program_invitations.delete_invitation(
    id => :id, org => :del_org);
