-- test/bench/pgbench/delete.plpgsql.sql
--	Delete of a pre-created row: client c deletes ids del_base + c *
--	del_stride + 1, + 2, ... in turn: the PL/pgSQL peer.
\set i :i + 1
\set id :del_base + :client_id * :del_stride + :i
SELECT * FROM bench_plpgsql.delete_invitation(
    id => :id, org => :del_org);
