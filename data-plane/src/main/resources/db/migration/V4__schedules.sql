-- Schedules (the Schedules API): one row per schedule, its definition and run state as JSON, versioned for the
-- conflict token of UpdateSchedule. One schema change per statement (see V2).
CREATE TABLE IF NOT EXISTS schedules (
    namespace_id TEXT        NOT NULL,
    schedule_id  TEXT        NOT NULL,
    version      BIGINT      NOT NULL,
    state        BYTEA       NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (namespace_id, schedule_id)
);
