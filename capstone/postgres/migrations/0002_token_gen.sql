-- Every user gets a token generation: tokens carry it, and it changes with
-- the password, so tokens issued before a password change stop working.
-- Existing rows get a random one each (a volatile default is evaluated per
-- row), which signs out every token issued before this migration.
ALTER TABLE users ADD COLUMN token_gen text NOT NULL DEFAULT gen_random_uuid()::text;
