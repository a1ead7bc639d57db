-- The instances of the cell (membership): each registers with its internal gRPC address and renews its lease;
-- one whose lease lapsed is gone, and its shards are taken over (see cell/ in the data plane).
CREATE TABLE IF NOT EXISTS cell_members (
    id               TEXT        NOT NULL PRIMARY KEY,
    address          TEXT        NOT NULL,
    started_at       TIMESTAMPTZ NOT NULL,
    lease_expires_at TIMESTAMPTZ NOT NULL
);
