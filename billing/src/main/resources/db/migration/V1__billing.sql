-- Billing's own database (cadenza_billing). Kept CockroachDB-compatible: no advisory locks, no LISTEN/NOTIFY.

-- One row per account billing has seen. first_open_month is the first day of the earliest month whose invoice is
-- not finalized: events of earlier months are late and billed as adjustments in that month.
CREATE TABLE billing_account (
    account_id       TEXT        PRIMARY KEY,
    first_open_month DATE        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL
);

-- The plan history: from effective_at on, the account is on plan_id. Never updated, only appended.
CREATE TABLE plan_change (
    account_id   TEXT        NOT NULL REFERENCES billing_account (account_id),
    effective_at TIMESTAMPTZ NOT NULL,
    plan_id      TEXT        NOT NULL,
    changed_by   TEXT        NOT NULL,
    PRIMARY KEY (account_id, effective_at)
);

-- Every event ever ingested, by its deterministic id: a re-published or re-consumed event hits the primary key and
-- is skipped. billed_month is the invoice month that bills it (its own month, or the first open one if late).
CREATE TABLE usage_event (
    event_id     TEXT        PRIMARY KEY,
    account_id   TEXT        NOT NULL,
    namespace_id TEXT        NOT NULL,
    usage_type   TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    quantity     BIGINT      NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    billed_month DATE        NOT NULL,
    ingested_at  TIMESTAMPTZ NOT NULL
);

-- Hourly aggregates: what the usage API and invoices read. action is '' for storage.
CREATE TABLE usage_hourly (
    account_id   TEXT        NOT NULL,
    hour_start   TIMESTAMPTZ NOT NULL,
    namespace_id TEXT        NOT NULL,
    usage_type   TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    billed_month DATE        NOT NULL,
    quantity     BIGINT      NOT NULL,
    PRIMARY KEY (account_id, hour_start, namespace_id, usage_type, action, billed_month)
);
CREATE INDEX usage_hourly_billed ON usage_hourly (account_id, billed_month);

-- Events that could not be ingested (malformed, or a namespace with no account), kept for an operator to replay.
CREATE TABLE usage_rejected (
    topic_partition TEXT        NOT NULL,
    record_offset   BIGINT      NOT NULL,
    payload         TEXT        NOT NULL,
    reason          TEXT        NOT NULL,
    rejected_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (topic_partition, record_offset)
);

-- Finalized invoices: written once when their month closes and never updated.
CREATE TABLE invoice (
    invoice_id   TEXT          PRIMARY KEY,
    account_id   TEXT          NOT NULL,
    month        DATE          NOT NULL,
    sequence     BIGINT        NOT NULL UNIQUE,
    number       TEXT          NOT NULL UNIQUE,
    total        NUMERIC(18,2) NOT NULL,
    finalized_at TIMESTAMPTZ   NOT NULL,
    UNIQUE (account_id, month)
);

CREATE TABLE invoice_line (
    invoice_id   TEXT          NOT NULL REFERENCES invoice (invoice_id),
    line_no      INT           NOT NULL,
    kind         TEXT          NOT NULL,
    description  TEXT          NOT NULL,
    namespace_id TEXT,
    usage_type   TEXT,
    quantity     NUMERIC(30,9) NOT NULL,
    unit         TEXT          NOT NULL,
    amount       NUMERIC(18,2) NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
);
