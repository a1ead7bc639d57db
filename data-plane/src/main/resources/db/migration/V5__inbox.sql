-- Human-approval inbox (io.cadenza.dataplane.human): one row per Approval activity scheduled on the reserved task
-- queue cadenza-human, written by the same statement/transaction that commits the run's ActivityTaskScheduled
-- event, and closed (completed, withdrawn, expired) by the transaction that records the activity's outcome.
-- One schema change per statement, idempotent, as CockroachDB asks (see V2).

CREATE TABLE IF NOT EXISTS inbox_tasks (
    task_id            TEXT        NOT NULL PRIMARY KEY,
    namespace_id       TEXT        NOT NULL,
    workflow_id        TEXT        NOT NULL,
    run_id             TEXT        NOT NULL,
    scheduled_event_id BIGINT      NOT NULL,
    activity_id        TEXT        NOT NULL,
    workflow_type      TEXT        NOT NULL,
    title              TEXT        NOT NULL,
    -- 1 (most urgent) .. 5
    priority           INT         NOT NULL,
    due_at             TIMESTAMPTZ,
    -- schedule-to-close deadline of the activity (NULL: none)
    expires_at         TIMESTAMPTZ,
    -- open | claimed | completed | withdrawn | expired
    state              TEXT        NOT NULL,
    overdue            BOOLEAN     NOT NULL DEFAULT false,
    escalated          BOOLEAN     NOT NULL DEFAULT false,
    assignee           TEXT,
    candidate_users    TEXT[]      NOT NULL,
    candidate_groups   TEXT[]      NOT NULL,
    -- 'user:<name>' for candidate users and the assignee, 'group:<name>' for candidate groups: who may see it
    principals         TEXT[]      NOT NULL,
    -- the validated request (title, description, data, form, outcomes, ...)
    request            JSONB       NOT NULL,
    -- the activity result once completed
    result             JSONB,
    completed_by       TEXT,
    closed_at          TIMESTAMPTZ,
    close_reason       TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    -- optimistic concurrency: every change increments it; also the sequence number of its audit entry
    version            BIGINT      NOT NULL
);

-- "All tasks of a namespace" and keyset paging (created_at, task_id).
CREATE INDEX IF NOT EXISTS inbox_tasks_by_namespace ON inbox_tasks (namespace_id, created_at, task_id);
-- "My tasks" / "my groups' tasks": principals && ARRAY['user:alice','group:managers'].
CREATE INDEX IF NOT EXISTS inbox_tasks_by_principal ON inbox_tasks USING GIN (principals);
-- Open tasks of a run (withdrawal checks, support queries).
CREATE INDEX IF NOT EXISTS inbox_tasks_by_run ON inbox_tasks (namespace_id, workflow_id, run_id);

-- The audit trail: one row per change of a task; seq is the task's version after the change, so an entry can
-- never be written twice.
CREATE TABLE IF NOT EXISTS inbox_task_events (
    task_id TEXT        NOT NULL,
    seq     BIGINT      NOT NULL,
    at      TIMESTAMPTZ NOT NULL,
    -- a username, or 'system' for the server's own actions (expiry, escalation, withdrawal)
    actor   TEXT        NOT NULL,
    -- created | claimed | unclaimed | assigned | commented | completed | withdrawn | expired | overdue | escalated
    action  TEXT        NOT NULL,
    detail  JSONB       NOT NULL DEFAULT '{}',
    PRIMARY KEY (task_id, seq)
);
