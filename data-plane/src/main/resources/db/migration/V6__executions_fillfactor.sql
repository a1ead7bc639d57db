-- Room on each executions page for the next version of a row, so that the updates of a running workflow (every
-- commit rewrites its row: version, history length, state) stay heap-only (HOT) and skip the table's nine indexes.
-- With fillfactor 100 only about half of them were HOT (measured on the throughput benchmark). The indexed columns
-- (status, close time, ...) change only when the run closes, so the other updates can be HOT.
-- CockroachDB accepts and ignores fillfactor (it has no heap pages); one statement, idempotent.
ALTER TABLE executions SET (fillfactor = 75);
