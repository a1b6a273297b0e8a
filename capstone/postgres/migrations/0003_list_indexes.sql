-- Lists that cost the same at 1k and at 100k articles.
--
-- A tag's newest articles come from one index range: article_tags carries
-- its article's created_at (it never changes), so "tag = $1 ORDER BY
-- created_at DESC" walks (tag, created_at DESC, article_id DESC) and stops
-- after offset + limit entries, instead of joining every article.
ALTER TABLE article_tags ADD COLUMN created_at timestamptz;
UPDATE article_tags t SET created_at = a.created_at FROM articles a WHERE a.id = t.article_id;
ALTER TABLE article_tags ALTER COLUMN created_at SET NOT NULL;
CREATE INDEX article_tags_recent_idx ON article_tags (tag, created_at DESC, article_id DESC);
DROP INDEX article_tags_tag_idx;

-- An author's newest articles, and the feed's per-author ranges.
CREATE INDEX articles_author_recent_idx ON articles (author_id, created_at DESC, id DESC);
DROP INDEX articles_author_idx;

-- Counts kept as the rows change, so a page does not count every match:
-- tag_counts has one row per tag in use (GET /api/tags reads it, not every
-- article_tags row), article_counts one row for all articles.
CREATE TABLE tag_counts (
    tag      text PRIMARY KEY,
    articles bigint NOT NULL CHECK (articles > 0)
);
INSERT INTO tag_counts (tag, articles) SELECT tag, count(*) FROM article_tags GROUP BY tag;

CREATE TABLE article_counts (
    one      boolean PRIMARY KEY DEFAULT true CHECK (one),
    articles bigint NOT NULL CHECK (articles >= 0)
);
INSERT INTO article_counts (articles) SELECT count(*) FROM articles;

CREATE FUNCTION count_article_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO tag_counts AS c (tag, articles) VALUES (NEW.tag, 1)
        ON CONFLICT (tag) DO UPDATE SET articles = c.articles + 1;
    ELSE
        UPDATE tag_counts SET articles = articles - 1 WHERE tag = OLD.tag AND articles > 1;
        IF NOT FOUND THEN
            DELETE FROM tag_counts WHERE tag = OLD.tag;
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER article_tags_count AFTER INSERT OR DELETE ON article_tags
    FOR EACH ROW EXECUTE FUNCTION count_article_tags();

CREATE FUNCTION count_articles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE article_counts SET articles = articles + CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
    RETURN NULL;
END $$;
CREATE TRIGGER articles_count AFTER INSERT OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION count_articles();
