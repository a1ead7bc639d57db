-- Business groups of a user within the account (e.g. managers, finance), for human-approval tasks. Mirrored to
-- Keycloak as membership of /accounts/<accountId>/<group>, so user tokens carry them in the groups claim.
-- Comma-separated group names, sorted; names are [a-z0-9][a-z0-9._-]{0,62}.
ALTER TABLE users ADD COLUMN business_groups VARCHAR(4000) NOT NULL DEFAULT '';
