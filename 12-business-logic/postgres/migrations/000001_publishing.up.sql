-- The publishing workflow lives in its own PostgreSQL schema, so it can
-- share a database with chapter 11's tables without a name clash.
CREATE SCHEMA IF NOT EXISTS publishing;

CREATE TABLE publishing.articles (
    slug             text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    author           text        NOT NULL,
    notify           text        NOT NULL,
    title            text        NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    body             text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('draft', 'review', 'published', 'archived')),
    rejection_reason text        NOT NULL DEFAULT '',
    version          integer     NOT NULL CHECK (version > 0),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
-- The review quota counts an author's articles in one status.
CREATE INDEX articles_author_status_idx ON publishing.articles (author, status);
-- Lists by status, most recently updated first.
CREATE INDEX articles_status_updated_idx ON publishing.articles (status, updated_at DESC, slug);

-- The transactional outbox: written in the same transaction as the change,
-- read by the relay after commit.
CREATE TABLE publishing.outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event        text        NOT NULL,
    article      text        NOT NULL,
    payload      jsonb       NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    delivered_at timestamptz
);
-- Only undelivered rows are ever scanned: a partial index stays small
-- however many delivered messages pile up.
CREATE INDEX outbox_pending_idx ON publishing.outbox (id) WHERE delivered_at IS NULL;
