-- Usage outbox (io.cadenza.dataplane.metering): one row per metered fact, written in the same statement or
-- transaction as the change it meters (queries and storage samples: their own insert), published to Kafka topic
-- cadenza.usage by UsageRelay and deleted only after the broker acknowledged it. The id is the event's id in
-- docs/usage-events.md: deterministic, so a fact written twice (a retried commit) is stored once and a row
-- published twice is recognised by billing.
-- One schema change per statement, idempotent, as CockroachDB asks (see V2).

CREATE TABLE IF NOT EXISTS usage_outbox (
    id             TEXT   NOT NULL PRIMARY KEY,
    namespace_id   TEXT   NOT NULL,
    -- ACTIONS | ACTIVE_STORAGE | RETAINED_STORAGE
    type           TEXT   NOT NULL,
    -- for ACTIONS: what was counted (workflow.started, activity.started, ...); NULL for storage
    action         TEXT,
    -- actions, or byte-hours for storage
    quantity       BIGINT NOT NULL,
    -- when the metered fact happened (epoch milliseconds, UTC)
    occurred_at_ms BIGINT NOT NULL,
    -- when the row was written (epoch milliseconds): the relay publishes oldest first
    created_at_ms  BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS usage_outbox_by_age ON usage_outbox (created_at_ms);
