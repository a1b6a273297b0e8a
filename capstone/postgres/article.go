package postgres

import (
	"context"
	"fmt"
	"strings"

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
		return insertTags(ctx, tx, a.ID, a.TagList)
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

// ListArticles returns the page of articles matching q, newest first, and
// the number that match before paging.
func (s *Store) ListArticles(ctx context.Context, viewerID int64, q service.ArticleQuery) ([]conduit.Article, int, error) {
	args := []any{viewerID}
	var where []string
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if q.Tag != "" {
		where = append(where, "EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag = "+arg(q.Tag)+")")
	}
	if q.Author != "" {
		where = append(where, "u.username = "+arg(q.Author))
	}
	if q.FavoritedBy != "" {
		where = append(where, "EXISTS (SELECT 1 FROM favorites f JOIN users fu ON fu.id = f.user_id WHERE f.article_id = a.id AND fu.username = "+arg(q.FavoritedBy)+")")
	}
	if q.FollowedBy != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM follows fo WHERE fo.followee_id = a.author_id AND fo.follower_id = "+arg(q.FollowedBy)+")")
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}

	var total int
	// The planner flattens the subquery, so the viewer columns are never computed for the count.
	countSQL := "SELECT count(*) FROM (" + articleView + cond + ") matching"
	if err := s.pool.QueryRow(ctx, countSQL, args...).Scan(&total); err != nil {
		return nil, 0, domainError(err, "article not found")
	}
	pageSQL := articleView + cond + " ORDER BY a.created_at DESC, a.id DESC LIMIT " + arg(q.Limit) + " OFFSET " + arg(q.Offset)
	rows, err := s.pool.Query(ctx, pageSQL, args...)
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
		if _, err := tx.Exec(ctx, `DELETE FROM article_tags WHERE article_id = $1`, a.ID); err != nil {
			return err
		}
		return insertTags(ctx, tx, a.ID, a.TagList)
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
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT tag COLLATE "C" AS tag FROM article_tags ORDER BY 1`)
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

func insertTags(ctx context.Context, tx pgx.Tx, articleID int64, tags []string) error {
	if len(tags) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx,
		`INSERT INTO article_tags (article_id, tag) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, articleID, tags)
	return err
}
