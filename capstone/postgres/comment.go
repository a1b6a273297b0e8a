package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"workbook/capstone/conduit"
)

// commentView selects comments with their author as viewer $1 sees them.
const commentView = `
SELECT c.id, c.article_id, c.body, c.created_at, c.updated_at, c.author_id,
       u.username, u.bio, u.image,
       EXISTS (SELECT 1 FROM follows fo WHERE fo.follower_id = $1 AND fo.followee_id = c.author_id)
FROM comments c JOIN users u ON u.id = c.author_id`

func scanComment(row pgx.CollectableRow) (conduit.Comment, error) {
	var c conduit.Comment
	err := row.Scan(&c.ID, &c.ArticleID, &c.Body, &c.CreatedAt, &c.UpdatedAt, &c.AuthorID,
		&c.Author.Username, &c.Author.Bio, &c.Author.Image, &c.Author.Following)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, err
}

// CreateComment inserts c and sets c.ID; ENOTFOUND for an unknown article.
func (s *Store) CreateComment(ctx context.Context, c *conduit.Comment) error {
	err := s.pool.QueryRow(ctx,
		`INSERT INTO comments (article_id, author_id, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		c.ArticleID, c.AuthorID, c.Body, c.CreatedAt, c.UpdatedAt).Scan(&c.ID)
	return domainError(err, "article not found")
}

// CommentByID returns the comment or ENOTFOUND.
func (s *Store) CommentByID(ctx context.Context, id int64) (*conduit.Comment, error) {
	rows, err := s.pool.Query(ctx, commentView+" WHERE c.id = $2", int64(0), id)
	if err != nil {
		return nil, domainError(err, "comment not found")
	}
	c, err := pgx.CollectExactlyOneRow(rows, scanComment)
	if err != nil {
		return nil, domainError(err, "comment not found")
	}
	return &c, nil
}

// CommentsByArticle returns a page of the article's comments, oldest first.
func (s *Store) CommentsByArticle(ctx context.Context, viewerID, articleID int64, limit, offset int) ([]conduit.Comment, error) {
	rows, err := s.pool.Query(ctx, commentView+" WHERE c.article_id = $2 ORDER BY c.id LIMIT $3 OFFSET $4", viewerID, articleID, limit, offset)
	if err != nil {
		return nil, domainError(err, "comment not found")
	}
	cs, err := pgx.CollectRows(rows, scanComment)
	if err != nil {
		return nil, domainError(err, "comment not found")
	}
	if cs == nil {
		cs = []conduit.Comment{}
	}
	return cs, nil
}

// DeleteComment removes the comment; ENOTFOUND when it does not exist.
func (s *Store) DeleteComment(ctx context.Context, id int64) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM comments WHERE id = $1`, id)
	if err != nil {
		return domainError(err, "comment not found")
	}
	if tag.RowsAffected() == 0 {
		return conduit.Errorf(conduit.ENOTFOUND, "comment not found")
	}
	return nil
}
