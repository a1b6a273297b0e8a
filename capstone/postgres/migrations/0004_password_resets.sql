-- Password-reset tokens, stored as SHA-256 hashes: a leaked table does not
-- let anyone reset a password. A token is used once (used_at) and expires.
CREATE TABLE password_resets (
    token_hash text PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
