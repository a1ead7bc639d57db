-- Control plane schema. CockroachDB-compatible: ids come from the application, no sequences, no pg_* functions.

CREATE TABLE accounts (
    id          VARCHAR(5)   PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    name_key    VARCHAR(64)  NOT NULL,           -- lower-cased name, unique across Cadenza
    created_at  TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX accounts_name_key ON accounts (name_key);

CREATE TABLE users (
    id                VARCHAR(32)  PRIMARY KEY,
    account_id        VARCHAR(5)   NOT NULL REFERENCES accounts (id),
    email             VARCHAR(254) NOT NULL,     -- lower-cased; also the Keycloak username
    keycloak_user_id  VARCHAR(64)  NOT NULL,
    account_role      VARCHAR(16)  NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE UNIQUE INDEX users_keycloak_user_id ON users (keycloak_user_id);
CREATE INDEX users_account ON users (account_id, id);

CREATE TABLE service_accounts (
    id                  VARCHAR(32)  PRIMARY KEY,
    account_id          VARCHAR(5)   NOT NULL REFERENCES accounts (id),
    name                VARCHAR(40)  NOT NULL,
    description         VARCHAR(400),
    client_id           VARCHAR(64)  NOT NULL,   -- Keycloak client sa-<accountId>-<name>, the token's azp
    keycloak_client_uuid VARCHAR(64) NOT NULL,
    account_role        VARCHAR(16)  NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX service_accounts_client_id ON service_accounts (client_id);
CREATE UNIQUE INDEX service_accounts_name ON service_accounts (account_id, name);

CREATE TABLE namespaces (
    id                        VARCHAR(80)  PRIMARY KEY,   -- <name>.<accountId>
    account_id                VARCHAR(5)   NOT NULL REFERENCES accounts (id),
    name                      VARCHAR(40)  NOT NULL,
    cell_id                   VARCHAR(64)  NOT NULL,
    state                     VARCHAR(16)  NOT NULL,      -- provisioning | active | deleting
    retention_days            INT          NOT NULL,
    search_attributes         TEXT         NOT NULL,      -- desired {name: type} as JSON
    applied_search_attributes TEXT         NOT NULL,      -- what the cell has accepted, as JSON
    delete_protection         BOOLEAN      NOT NULL,
    actions_per_second        INT          NOT NULL,
    requests_per_second       INT          NOT NULL,
    spec_version              BIGINT       NOT NULL,      -- bumped on every change the cell must apply
    applied_version           BIGINT       NOT NULL,      -- the spec_version the cell has accepted
    reconcile_attempts        INT          NOT NULL,
    next_reconcile_at         TIMESTAMPTZ,
    reconcile_lease_until     TIMESTAMPTZ,
    last_error                VARCHAR(1000),
    created_by                VARCHAR(80)  NOT NULL,
    created_at                TIMESTAMPTZ  NOT NULL,
    updated_at                TIMESTAMPTZ  NOT NULL
);
CREATE INDEX namespaces_account ON namespaces (account_id, id);
CREATE INDEX namespaces_cell ON namespaces (cell_id);
CREATE INDEX namespaces_pending ON namespaces (next_reconcile_at);

CREATE TABLE namespace_accesses (
    id              VARCHAR(32)  PRIMARY KEY,
    account_id      VARCHAR(5)   NOT NULL REFERENCES accounts (id),
    principal_type  VARCHAR(16)  NOT NULL,       -- user | service-account
    principal_id    VARCHAR(32)  NOT NULL,
    namespace_id    VARCHAR(80)  NOT NULL,
    permission      VARCHAR(8)   NOT NULL        -- read | write | admin
);
CREATE UNIQUE INDEX namespace_accesses_principal ON namespace_accesses (principal_type, principal_id, namespace_id);
CREATE INDEX namespace_accesses_namespace ON namespace_accesses (namespace_id);

CREATE TABLE api_keys (
    id             VARCHAR(32)  PRIMARY KEY,
    account_id     VARCHAR(5)   NOT NULL REFERENCES accounts (id),
    owner_type     VARCHAR(16)  NOT NULL,        -- user | service-account
    owner_id       VARCHAR(32)  NOT NULL,
    display_name   VARCHAR(200) NOT NULL,
    description    VARCHAR(400),
    token_hash     CHAR(64)     NOT NULL,        -- SHA-256 hex of the token; the token itself is never stored
    token_prefix   VARCHAR(8)   NOT NULL,        -- first 8 chars after cdz_, to recognise a key
    disabled       BOOLEAN      NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL,
    created_by     VARCHAR(80)  NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    deleted_at     TIMESTAMPTZ
);
CREATE UNIQUE INDEX api_keys_token_hash ON api_keys (token_hash);
CREATE INDEX api_keys_owner ON api_keys (owner_type, owner_id);
CREATE INDEX api_keys_account ON api_keys (account_id, id);

CREATE TABLE audit_logs (
    id              VARCHAR(32)   PRIMARY KEY,
    account_id      VARCHAR(5)    NOT NULL,
    at              TIMESTAMPTZ   NOT NULL,
    principal       VARCHAR(80)   NOT NULL,      -- <type>:<id>
    principal_name  VARCHAR(254),
    operation       VARCHAR(64)   NOT NULL,
    resource_id     VARCHAR(120),
    client_ip       VARCHAR(64),
    result          VARCHAR(8)    NOT NULL,      -- success | failure
    http_status     INT           NOT NULL,
    details         TEXT          NOT NULL       -- JSON, never secrets
);
CREATE INDEX audit_logs_account_time ON audit_logs (account_id, at DESC, id DESC);
