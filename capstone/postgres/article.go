package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// articleView selects an article as the viewer $1 sees it. Tags sort with
// the "C" collation, byte order, the same order Go's sort gives the memory store.
const articleView = `
SELECT a.id, a.slug, a.title, a.description, a.body, a.created_at, a.updated_at, a.author_id,
       u.username, u.bio, u.image,
       COALESCE((SELECT array_agg(t.tag ORDER BY t.tag COLLATE "C") FROM article_tags t WHERE t.article_id = a.id), '{}'),
       (SELECT count(*) FROM favorites f WHERE f.article_id = a.id),
       EXISTS (SELECT 1 FROM favorites f WHERE f.article_id = a.id AND f.user_id = $1),
       EXISTS (SELECT 1 FROM follows fo WHERE fo.follower_id = $1 AND fo.followee_id = a.author_id)
FROM articles a JOIN users u ON u.id = a.author_id`

func scanArticle(row pgx.Row) (*conduit.Article, error) {
	var a conduit.Article
	err := row.Scan(&a.ID, &a.Slug, &a.Title, &a.Description, &a.Body, &a.CreatedAt, &a.UpdatedAt, &a.AuthorID,
		&a.Author.Username, &a.Author.Bio, &a.Author.Image,
		&a.TagList, &a.FavoritesCount, &a.Favorited, &a.Author.Following)
	if err != nil {
		return nil, err
	}
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return &a, nil
}

// CreateArticle inserts a and its tags in one transaction and sets a.ID;
// ECONFLICT when the slug is taken.
func (s *Store) CreateArticle(ctx context.Context, a *conduit.Article) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx,
			`INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			a.Slug, a.Title, a.Description, a.Body, a.AuthorID, a.CreatedAt, a.UpdatedAt).Scan(&a.ID)
		if err != nil {
			return err
		}
		return insertTags(ctx, tx, a.ID, a.CreatedAt, a.TagList)
	})
	return domainError(err, "author not found")
}

// ArticleBySlug returns the article as viewerID sees it, or ENOTFOUND.
func (s *Store) ArticleBySlug(ctx context.Context, viewerID int64, slug string) (*conduit.Article, error) {
	a, err := scanArticle(s.pool.QueryRow(ctx, articleView+" WHERE a.slug = $2", viewerID, slug))
	if err != nil {
		return nil, domainError(err, "article not found")
	}
	return a, nil
}

// ArticleByID returns the article as viewerID sees it, or ENOTFOUND.
func (s *Store) ArticleByID(ctx context.Context, viewerID, id int64) (*conduit.Article, error) {
	a, err := scanArticle(s.pool.QueryRow(ctx, articleView+" WHERE a.id = $2", viewerID, id))
	if err != nil {
		return nil, domainError(err, "article not found")
	}
	return a, nil
}

// ListArticles returns the page of articles matching q, newest first, and
// the number that match before paging. It works in two steps: the page's
// ids come from an index range that stops after offset + limit entries
// (listPlan), and only those rows are turned into the article view, whose
// per-viewer subqueries would otherwise run for every skipped row too. The
// count of an unfiltered or tag-only list is read from the counters the
// triggers of migration 0003 keep.
func (s *Store) ListArticles(ctx context.Context, viewerID int64, q service.ArticleQuery) ([]conduit.Article, int, error) {
	countSQL, idsSQL, args := listPlan(q)
	var total int
	if err := s.pool.QueryRow(ctx, countSQL, args...).Scan(&total); err != nil {
		return nil, 0, domainError(err, "article not found")
	}
	rows, err := s.pool.Query(ctx, idsSQL, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, 0, domainError(err, "article not found")
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, 0, domainError(err, "article not found")
	}
	if len(ids) == 0 {
		return []conduit.Article{}, total, nil
	}
	rows, err = s.pool.Query(ctx, articleView+" WHERE a.id = ANY($2) ORDER BY a.created_at DESC, a.id DESC", viewerID, ids)
	if err != nil {
		return nil, 0, domainError(err, "article not found")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (conduit.Article, error) {
		a, err := scanArticle(r)
		if err != nil {
			return conduit.Article{}, err
		}
		return *a, nil
	})
	if err != nil {
		return nil, 0, domainError(err, "article not found")
	}
	return out, total, nil
}

// listPlan returns the count query, the page-of-ids query (whose last two
// parameters are LIMIT and OFFSET) and their shared arguments for q.
func listPlan(q service.ArticleQuery) (countSQL, idsSQL string, args []any) {
	const order = " ORDER BY created_at DESC, id DESC"
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	page := func() string { return fmt.Sprintf(" LIMIT $%d OFFSET $%d", len(args)+1, len(args)+2) }
	switch {
	case q == service.ArticleQuery{Limit: q.Limit, Offset: q.Offset}:
		return "SELECT articles FROM article_counts",
			"SELECT id FROM articles" + order + page(), nil
	case q == service.ArticleQuery{Tag: q.Tag, Limit: q.Limit, Offset: q.Offset}:
		tag := arg(q.Tag)
		return "SELECT COALESCE((SELECT articles FROM tag_counts WHERE tag = " + tag + "), 0)",
			"SELECT article_id FROM article_tags WHERE tag = " + tag + " ORDER BY created_at DESC, article_id DESC" + page(), args
	case q == service.ArticleQuery{FavoritedBy: q.FavoritedBy, Limit: q.Limit, Offset: q.Offset}:
		// Counted from the favourites' primary key alone, however many there are.
		user := "(SELECT id FROM users WHERE username = " + arg(q.FavoritedBy) + ")"
		return "SELECT count(*) FROM favorites WHERE user_id = " + user,
			"SELECT a.id FROM articles a WHERE a.id IN (SELECT article_id FROM favorites WHERE user_id = " + user + ") ORDER BY a.created_at DESC, a.id DESC" + page(), args
	}
	var where []string
	if q.Tag != "" {
		where = append(where, "a.id IN (SELECT article_id FROM article_tags WHERE tag = "+arg(q.Tag)+")")
	}
	if q.Author != "" {
		where = append(where, "a.author_id = (SELECT id FROM users WHERE username = "+arg(q.Author)+")")
	}
	if q.FavoritedBy != "" {
		where = append(where, "a.id IN (SELECT article_id FROM favorites WHERE user_id = (SELECT id FROM users WHERE username = "+arg(q.FavoritedBy)+"))")
	}
	if q.FollowedBy != 0 {
		where = append(where, "a.author_id IN (SELECT followee_id FROM follows WHERE follower_id = "+arg(q.FollowedBy)+")")
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	return "SELECT count(*) FROM articles a" + cond,
		"SELECT a.id FROM articles a" + cond + " ORDER BY a.created_at DESC, a.id DESC" + page(), args
}

// UpdateArticle writes a's fields and replaces its tags in one transaction;
// ECONFLICT when the new slug is taken, ENOTFOUND when the article is gone.
func (s *Store) UpdateArticle(ctx context.Context, a *conduit.Article) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx,
			`UPDATE articles SET slug = $2, title = $3, description = $4, body = $5, updated_at = $6 WHERE id = $1`,
			a.ID, a.Slug, a.Title, a.Description, a.Body, a.UpdatedAt)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return pgx.ErrNoRows
		}
		// Only the tags that changed: rewriting all of them would churn the
		// tag counters for nothing.
		if _, err := tx.Exec(ctx, `DELETE FROM article_tags WHERE article_id = $1 AND NOT tag = ANY($2::text[])`, a.ID, a.TagList); err != nil {
			return err
		}
		return insertTags(ctx, tx, a.ID, a.CreatedAt, a.TagList)
	})
	return domainError(err, "article not found")
}

// DeleteArticle removes the article; its tags, favourites and comments go
// with it through ON DELETE CASCADE.
func (s *Store) DeleteArticle(ctx context.Context, id int64) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM articles WHERE id = $1`, id)
	if err != nil {
		return domainError(err, "article not found")
	}
	if tag.RowsAffected() == 0 {
		return conduit.Errorf(conduit.ENOTFOUND, "article not found")
	}
	return nil
}

// Favorite records userID's favourite; ENOTFOUND for an unknown article.
func (s *Store) Favorite(ctx context.Context, userID, articleID int64) error {
	_, err := s.pool.Exec(ctx,
		`INSERT INTO favorites (user_id, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, userID, articleID)
	return domainError(err, "article not found")
}

// Unfavorite removes userID's favourite, if any.
func (s *Store) Unfavorite(ctx context.Context, userID, articleID int64) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM favorites WHERE user_id = $1 AND article_id = $2`, userID, articleID)
	return domainError(err, "article not found")
}

// Tags returns every tag used by an article, in byte order.
func (s *Store) Tags(ctx context.Context) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT tag FROM tag_counts ORDER BY tag COLLATE "C"`)
	if err != nil {
		return nil, domainError(err, "tag not found")
	}
	tags, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, domainError(err, "tag not found")
	}
	if tags == nil {
		tags = []string{}
	}
	return tags, nil
}

func insertTags(ctx context.Context, tx pgx.Tx, articleID int64, createdAt time.Time, tags []string) error {
	if len(tags) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx,
		`INSERT INTO article_tags (article_id, tag, created_at) SELECT $1, unnest($2::text[]), $3 ON CONFLICT DO NOTHING`, articleID, tags, createdAt)
	return err
}
