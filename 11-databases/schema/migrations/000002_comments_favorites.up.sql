-- 000002: comments and favourites, added as a second version to show how a
-- schema grows: a new migration, never an edit of one already applied.
CREATE TABLE comments (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id bigint      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id  bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body       text        NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    created_at timestamptz NOT NULL DEFAULT now()
);
-- "Comments of an article, oldest first" is the hot read.
CREATE INDEX comments_article_id_created_at_idx ON comments (article_id, created_at);
-- comments.author_id is deliberately NOT indexed here: exercise 4 writes the
-- migration that adds it and proves the difference with EXPLAIN.

CREATE TABLE favorites (
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    article_id bigint      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, article_id)
);
CREATE INDEX favorites_article_id_idx ON favorites (article_id);
