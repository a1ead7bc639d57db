-- Cadenza cell schema. SQL stays CockroachDB-compatible: no LISTEN/NOTIFY, advisory locks or pg_* functions.

CREATE TABLE namespaces (
    id                TEXT        NOT NULL PRIMARY KEY,
    name              TEXT        NOT NULL UNIQUE,
    state             INT         NOT NULL,
    description       TEXT        NOT NULL DEFAULT '',
    owner_email       TEXT        NOT NULL DEFAULT '',
    retention_seconds BIGINT      NOT NULL,
    data              TEXT        NOT NULL DEFAULT '{}',
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- Shard ownership: an instance owns a shard while its range_id is the one in this row. Taking a shard over
-- increments range_id, which fences every write of the previous owner (each transaction re-reads it FOR SHARE).
CREATE TABLE shards (
    shard_id   INT         NOT NULL PRIMARY KEY,
    owner      TEXT        NOT NULL,
    range_id   BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- One row per run: indexed columns for recovery and visibility, plus the serialized mutable state.
CREATE TABLE executions (
    namespace_id   TEXT        NOT NULL,
    workflow_id    TEXT        NOT NULL,
    run_id         TEXT        NOT NULL,
    shard_id       INT         NOT NULL,
    db_version     BIGINT      NOT NULL,
    status         INT         NOT NULL,
    workflow_type  TEXT        NOT NULL,
    task_queue     TEXT        NOT NULL,
    start_time     TIMESTAMPTZ NOT NULL,
    execution_time TIMESTAMPTZ NOT NULL,
    close_time     TIMESTAMPTZ,
    history_length BIGINT      NOT NULL,
    state          BYTEA       NOT NULL,
    PRIMARY KEY (namespace_id, workflow_id, run_id)
);
-- Recovery scans the open executions of the shards an instance takes over.
CREATE INDEX executions_open_by_shard ON executions (shard_id, status);
CREATE INDEX executions_by_start_time ON executions (namespace_id, start_time DESC);
CREATE INDEX executions_by_close_time ON executions (namespace_id, close_time DESC);

-- The run a workflow id currently points at: enforces one running execution per workflow id.
CREATE TABLE current_executions (
    namespace_id     TEXT     NOT NULL,
    workflow_id      TEXT     NOT NULL,
    run_id           TEXT     NOT NULL,
    status           INT      NOT NULL,
    start_request_id TEXT     NOT NULL,
    PRIMARY KEY (namespace_id, workflow_id)
);

-- Temporal HistoryEvent protos; ids are contiguous from 1 per run, and the primary key makes a duplicate
-- event id impossible to commit.
CREATE TABLE history_events (
    namespace_id TEXT   NOT NULL,
    workflow_id  TEXT   NOT NULL,
    run_id       TEXT   NOT NULL,
    event_id     BIGINT NOT NULL,
    data         BYTEA  NOT NULL,
    PRIMARY KEY (namespace_id, workflow_id, run_id, event_id)
);
