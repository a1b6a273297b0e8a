-- The Conduit schema. Usernames compare exactly; emails compare
-- case-insensitively through the unique index on lower(email).
CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL CONSTRAINT users_username_key UNIQUE,
    email         text NOT NULL,
    password_hash text NOT NULL,
    bio           text NOT NULL DEFAULT '',
    image         text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE follows (
    follower_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    followee_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_followee_idx ON follows (followee_id);

CREATE TABLE articles (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL CONSTRAINT articles_slug_key UNIQUE,
    title       text NOT NULL,
    description text NOT NULL,
    body        text NOT NULL,
    author_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX articles_recent_idx ON articles (created_at DESC, id DESC);
CREATE INDEX articles_author_idx ON articles (author_id);

CREATE TABLE article_tags (
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag        text NOT NULL,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX article_tags_tag_idx ON article_tags (tag);

CREATE TABLE favorites (
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, article_id)
);
CREATE INDEX favorites_article_idx ON favorites (article_id);

CREATE TABLE comments (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body       text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX comments_article_idx ON comments (article_id, id);
