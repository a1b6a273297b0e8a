-- 000001: the core of the publishing platform. Keys are surrogate bigint
-- identities (stable, small, cheap to index); natural keys (username, slug,
-- tag name) are still UNIQUE, so the database enforces them too.
CREATE TABLE users (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username   text        NOT NULL CHECK (username ~ '^[a-z0-9_]{1,32}$'),
    email      text        NOT NULL CHECK (length(email) <= 254 AND position('@' IN email) > 1),
    bio        text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_username_key UNIQUE (username)
);
-- Emails compare case-insensitively: a unique index on an expression.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE articles (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Deleting an account deletes what it wrote (a product decision; SET NULL
    -- would keep orphaned articles, RESTRICT would refuse the delete).
    author_id  bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug       text        NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
    title      text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body       text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT articles_slug_key UNIQUE (slug)
);
-- PostgreSQL does not index foreign keys for you: "articles by author" and
-- the cascade from users both need this one.
CREATE INDEX articles_author_id_idx ON articles (author_id);
-- The feed is read newest first and paginated by (created_at, id): one index
-- in that exact order serves the ORDER BY and the keyset WHERE together.
CREATE INDEX articles_created_at_id_idx ON articles (created_at DESC, id DESC);

CREATE TABLE tags (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (name ~ '^[a-z0-9-]{1,32}$'),
    CONSTRAINT tags_name_key UNIQUE (name)
);

-- Many-to-many: a join table whose primary key is the pair, so an article
-- cannot carry the same tag twice.
CREATE TABLE article_tags (
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    -- A tag in use cannot be deleted out from under its articles.
    tag_id     bigint NOT NULL REFERENCES tags (id) ON DELETE RESTRICT,
    PRIMARY KEY (article_id, tag_id)
);
-- The primary key serves "tags of an article"; this serves "articles with a tag".
CREATE INDEX article_tags_tag_id_idx ON article_tags (tag_id, article_id);
