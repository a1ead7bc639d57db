-- Visibility: what ListWorkflowExecutions / CountWorkflowExecutions filter and sort on
-- (see io.cadenza.dataplane.visibility and data-plane/README.md for how rows must be written).
--
-- CockroachDB runs DDL atomically only as single-statement (implicit) transactions and asks migration tools to make
-- one schema change per transaction. Every statement here is therefore one schema change and idempotent
-- (IF NOT EXISTS), so the script can also be re-run statement by statement after a partial failure there.

-- Custom search attributes: attribute name -> JSON value (string, number, boolean, array of strings for
-- KeywordList, RFC 3339 string for Datetime). Never NULL, so containment (@>) needs no NULL handling.
ALTER TABLE executions ADD COLUMN IF NOT EXISTS search_attributes JSONB NOT NULL DEFAULT '{}';
-- The Temporal Memo proto, returned as is by List/Describe; never filtered on.
ALTER TABLE executions ADD COLUMN IF NOT EXISTS memo BYTEA;
-- close_time - execution_time in milliseconds, set when the run closes; NULL while it runs.
ALTER TABLE executions ADD COLUMN IF NOT EXISTS execution_duration_ms BIGINT;
ALTER TABLE executions ADD COLUMN IF NOT EXISTS parent_workflow_id TEXT;
ALTER TABLE executions ADD COLUMN IF NOT EXISTS root_workflow_id TEXT;

-- Inverted index for equality on custom attributes, which the translator writes as search_attributes @> '{...}'.
-- Both PostgreSQL and CockroachDB accept this form (CockroachDB also knows CREATE INVERTED INDEX, PostgreSQL does not).
CREATE INDEX IF NOT EXISTS executions_by_search_attributes ON executions USING GIN (search_attributes);

-- Listing by the common filters, newest first, without sorting the whole namespace.
CREATE INDEX IF NOT EXISTS executions_by_status ON executions (namespace_id, status, start_time DESC);
CREATE INDEX IF NOT EXISTS executions_by_type ON executions (namespace_id, workflow_type, start_time DESC);
CREATE INDEX IF NOT EXISTS executions_by_task_queue ON executions (namespace_id, task_queue, start_time DESC);
CREATE INDEX IF NOT EXISTS executions_by_execution_time ON executions (namespace_id, execution_time DESC);
