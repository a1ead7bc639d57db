-- Batch operations (Temporal's StartBatchOperation API, io.cadenza.dataplane.batch): a durable job per namespace
-- and job id, and the runs it applies its operation to. The targets are resolved once, when the job starts (the
-- list filter's matches, or the request's executions), so a job restarted after a crash works on exactly the same
-- runs; each target records its outcome, and the job's counters move in the same statement, so progress survives
-- any crash. One schema change per statement, idempotent, as CockroachDB asks (see V2).

CREATE TABLE IF NOT EXISTS batch_operations (
    namespace_id     TEXT        NOT NULL,
    job_id           TEXT        NOT NULL,
    -- the shard whose owner runs the job
    shard_id         INT         NOT NULL,
    -- temporal.api.enums.v1.BatchOperationType
    operation_type   INT         NOT NULL,
    -- temporal.api.enums.v1.BatchOperationState: 1 running, 2 completed, 3 failed (also: stopped)
    state            INT         NOT NULL,
    -- the StartBatchOperationRequest as received (protobuf), which carries the operation's parameters
    request          BYTEA       NOT NULL,
    reason           TEXT        NOT NULL,
    identity         TEXT        NOT NULL,
    query            TEXT        NOT NULL,
    ops_per_second   DOUBLE PRECISION NOT NULL,
    start_time       TIMESTAMPTZ NOT NULL,
    close_time       TIMESTAMPTZ,
    total_count      BIGINT      NOT NULL,
    completed_count  BIGINT      NOT NULL DEFAULT 0,
    failed_count     BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (namespace_id, job_id)
);

CREATE INDEX IF NOT EXISTS batch_operations_by_start ON batch_operations (namespace_id, start_time DESC, job_id);

CREATE INDEX IF NOT EXISTS batch_operations_running ON batch_operations (state, shard_id);

CREATE TABLE IF NOT EXISTS batch_operation_targets (
    namespace_id TEXT   NOT NULL,
    job_id       TEXT   NOT NULL,
    seq          BIGINT NOT NULL,
    workflow_id  TEXT   NOT NULL,
    -- the run; for an execution given without one, the current run when the job started (empty: there was none)
    run_id       TEXT   NOT NULL,
    -- 0 pending, 1 done (applied, or the run had closed or was gone), 2 failed
    outcome      INT    NOT NULL DEFAULT 0,
    error        TEXT,
    PRIMARY KEY (namespace_id, job_id, seq)
);
