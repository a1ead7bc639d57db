-- Standalone activities (Temporal's StartActivityExecution API, io.cadenza.dataplane.execution.standalone): one row
-- per run of an activity started by a client without a workflow. The row is the activity's durable state (JSON of
-- StandaloneActivity, versioned by db_version and written only under its shard's fence like executions) and its
-- visibility row (status, type, queue, times, search attributes) at once, so a list reflects every commit.
-- One schema change per statement, idempotent, as CockroachDB asks (see V2).

CREATE TABLE IF NOT EXISTS standalone_activities (
    namespace_id          TEXT        NOT NULL,
    activity_id           TEXT        NOT NULL,
    run_id                TEXT        NOT NULL,
    -- 1, 2, ... per activity id: the highest is the id's latest run (the one RPCs without a run id address)
    run_seq               BIGINT      NOT NULL,
    shard_id              INT         NOT NULL,
    db_version            BIGINT      NOT NULL,
    -- temporal.api.enums.v1.ActivityExecutionStatus: 1 running, 2 completed, 3 failed, 4 canceled,
    -- 5 terminated, 6 timed out
    status                INT         NOT NULL,
    activity_type         TEXT        NOT NULL,
    task_queue            TEXT        NOT NULL,
    start_request_id      TEXT        NOT NULL,
    -- when StartActivityExecution scheduled it, and when its first attempt became due (+ start_delay)
    schedule_time         TIMESTAMPTZ NOT NULL,
    execution_time        TIMESTAMPTZ NOT NULL,
    close_time            TIMESTAMPTZ,
    execution_duration_ms BIGINT,
    -- custom search attributes, stored as for executions (visibility.SearchAttributesJson)
    search_attributes     JSONB       NOT NULL DEFAULT '{}',
    state                 BYTEA       NOT NULL,
    PRIMARY KEY (namespace_id, activity_id, run_id)
);
-- At most one running run per activity id, whatever happens in the engine.
CREATE UNIQUE INDEX IF NOT EXISTS standalone_activities_one_running
    ON standalone_activities (namespace_id, activity_id) WHERE status = 1;
CREATE UNIQUE INDEX IF NOT EXISTS standalone_activities_by_seq
    ON standalone_activities (namespace_id, activity_id, run_seq);
-- Recovery scans the running activities of the shards an instance takes over.
CREATE INDEX IF NOT EXISTS standalone_activities_open_by_shard ON standalone_activities (shard_id, status);
-- Listing newest first, by the common filters.
CREATE INDEX IF NOT EXISTS standalone_activities_by_time
    ON standalone_activities (namespace_id, schedule_time DESC);
CREATE INDEX IF NOT EXISTS standalone_activities_by_task_queue
    ON standalone_activities (namespace_id, task_queue, schedule_time DESC);
CREATE INDEX IF NOT EXISTS standalone_activities_by_search_attributes
    ON standalone_activities USING GIN (search_attributes);
