package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/serve/slug"
)

// pgStore is the Store backed by PostgreSQL.
type pgStore struct {
	pool *pgxpool.Pool
	tx   *txRunner
}

func newPGStore(pool *pgxpool.Pool) *pgStore {
	return &pgStore{pool: pool, tx: &txRunner{pool: pool}}
}

var _ storage = (*pgStore)(nil)

// CreateUser inserts a user. The UNIQUE constraints decide duplicates: a
// "SELECT then INSERT" check would race with a concurrent insert.
func (s *pgStore) CreateUser(ctx context.Context, username, email string) (user, error) {
	if err := validateUser(username, email); err != nil {
		return user{}, err
	}
	u := user{Username: username, Email: email}
	err := s.pool.QueryRow(ctx,
		`INSERT INTO users (username, email) VALUES ($1, $2) RETURNING id`, username, email).Scan(&u.ID)
	switch pgCode(err) {
	case "":
		return u, err
	case sqlstateUniqueViolation:
		return user{}, fmt.Errorf("a user with username %q or email %q %w", username, email, errAlreadyExists)
	default:
		return user{}, refusedByConstraint(err)
	}
}

// CreateArticle inserts an article and its tags in one SERIALIZABLE
// transaction: either all of it is visible or none of it.
func (s *pgStore) CreateArticle(ctx context.Context, in articleInput) (article, error) {
	if err := validateArticle(in); err != nil {
		return article{}, err
	}
	a := article{Slug: slug.Make(in.Title), Title: strings.TrimSpace(in.Title), Body: in.Body, Author: in.Author, Tags: dedupeSorted(in.Tags)}
	err := s.tx.inTx(ctx, func(tx pgx.Tx) error {
		var authorID int64
		err := tx.QueryRow(ctx, `SELECT id FROM users WHERE username = $1`, in.Author).Scan(&authorID)
		if errors.Is(err, pgx.ErrNoRows) {
			return invalidField("/author", "unknown author %q: create the user first", in.Author)
		} else if err != nil {
			return err
		}
		err = tx.QueryRow(ctx, `
			INSERT INTO articles (author_id, slug, title, body) VALUES ($1, $2, $3, $4)
			RETURNING id, created_at`, authorID, a.Slug, a.Title, a.Body).Scan(&a.ID, &a.CreatedAt)
		if pgCode(err) == sqlstateUniqueViolation {
			return fmt.Errorf("an article with slug %q %w", a.Slug, errAlreadyExists)
		} else if err != nil {
			return err
		}
		if len(a.Tags) == 0 {
			return nil
		}
		// Two statements for any number of tags: create the missing ones,
		// then link all of them. ON CONFLICT makes the first idempotent.
		if _, err := tx.Exec(ctx, `INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, a.Tags); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO article_tags (article_id, tag_id) SELECT $1, id FROM tags WHERE name = ANY($2)`, a.ID, a.Tags)
		return err
	})
	if err != nil {
		return article{}, refusedByConstraint(err)
	}
	return a, nil
}

// ListArticles returns one page of the feed, newest first, with tags: two
// queries whatever the page size (the page, then all its tags at once).
func (s *pgStore) ListArticles(ctx context.Context, q listQuery) ([]article, cursor, error) {
	// The SQL is assembled from fixed fragments only; every value is a bind
	// parameter. The keyset condition is left out for the first page rather
	// than written as "$2 IS NULL OR …", which would hide it from the planner.
	var where []string
	args := []any{}
	if q.Tag != "" {
		args = append(args, q.Tag)
		where = append(where, fmt.Sprintf(`EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id
			WHERE at.article_id = a.id AND t.name = $%d)`, len(args)))
	}
	if !q.After.IsZero() {
		args = append(args, q.After.CreatedAt, q.After.ID)
		where = append(where, fmt.Sprintf(`(a.created_at, a.id) < ($%d, $%d)`, len(args)-1, len(args)))
	}
	sql := `SELECT a.id, a.slug, a.title, a.body, u.username, a.created_at
		FROM articles a JOIN users u ON u.id = a.author_id`
	if len(where) > 0 {
		sql += " WHERE " + strings.Join(where, " AND ")
	}
	args = append(args, q.Limit+1) // one extra row tells whether a next page exists
	sql += fmt.Sprintf(" ORDER BY a.created_at DESC, a.id DESC LIMIT $%d", len(args))

	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, cursor{}, err
	}
	articles, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (article, error) {
		var a article
		err := row.Scan(&a.ID, &a.Slug, &a.Title, &a.Body, &a.Author, &a.CreatedAt)
		return a, err
	})
	if err != nil {
		return nil, cursor{}, err
	}
	var next cursor
	if len(articles) > q.Limit {
		articles = articles[:q.Limit]
		last := articles[len(articles)-1]
		next = cursor{CreatedAt: last.CreatedAt, ID: last.ID}
	}
	if err := s.loadTags(ctx, articles); err != nil {
		return nil, cursor{}, err
	}
	return articles, next, nil
}

// loadTags fills in the tags of every article with one query (no N+1).
func (s *pgStore) loadTags(ctx context.Context, articles []article) error {
	if len(articles) == 0 {
		return nil
	}
	ids := make([]int64, len(articles))
	index := make(map[int64]int, len(articles))
	for i, a := range articles {
		ids[i] = a.ID
		index[a.ID] = i
	}
	rows, err := s.pool.Query(ctx, `
		SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
		WHERE at.article_id = ANY($1) ORDER BY at.article_id, t.name`, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		articles[index[id]].Tags = append(articles[index[id]].Tags, name)
	}
	return rows.Err()
}

// GetArticle returns an article by slug with its tags and its first 100 comments.
func (s *pgStore) GetArticle(ctx context.Context, slug string) (article, []comment, error) {
	var a article
	err := s.pool.QueryRow(ctx, `
		SELECT a.id, a.slug, a.title, a.body, u.username, a.created_at,
		       coalesce(array_agg(t.name ORDER BY t.name) FILTER (WHERE t.name IS NOT NULL), '{}')
		FROM articles a
		JOIN users u ON u.id = a.author_id
		LEFT JOIN article_tags at ON at.article_id = a.id
		LEFT JOIN tags t ON t.id = at.tag_id
		WHERE a.slug = $1
		GROUP BY a.id, u.username`, slug).
		Scan(&a.ID, &a.Slug, &a.Title, &a.Body, &a.Author, &a.CreatedAt, &a.Tags)
	if errors.Is(err, pgx.ErrNoRows) {
		return article{}, nil, fmt.Errorf("article %q %w", slug, errNotFound)
	} else if err != nil {
		return article{}, nil, err
	}
	rows, err := s.pool.Query(ctx, `
		SELECT c.id, u.username, c.body, c.created_at
		FROM comments c JOIN users u ON u.id = c.author_id
		WHERE c.article_id = $1 ORDER BY c.created_at, c.id LIMIT 100`, a.ID)
	if err != nil {
		return article{}, nil, err
	}
	comments, err := pgx.CollectRows(rows, pgx.RowToStructByPos[comment])
	if err != nil {
		return article{}, nil, err
	}
	return a, comments, nil
}

// AddComment adds a comment by author to the article with slug.
func (s *pgStore) AddComment(ctx context.Context, slug, author, body string) (comment, error) {
	if err := validateComment(author, body); err != nil {
		return comment{}, err
	}
	c := comment{Author: author, Body: body}
	// One statement: the two lookups and the insert see the same snapshot.
	err := s.pool.QueryRow(ctx, `
		INSERT INTO comments (article_id, author_id, body)
		SELECT a.id, u.id, $3 FROM articles a, users u WHERE a.slug = $1 AND u.username = $2
		RETURNING id, created_at`, slug, author, body).Scan(&c.ID, &c.CreatedAt)
	if !errors.Is(err, pgx.ErrNoRows) {
		return c, refusedByConstraint(err)
	}
	// Nothing inserted: find out which of the two was missing.
	var articleExists bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE slug = $1)`, slug).Scan(&articleExists); err != nil {
		return comment{}, err
	}
	if !articleExists {
		return comment{}, fmt.Errorf("article %q %w", slug, errNotFound)
	}
	return comment{}, invalidField("/author", "unknown author %q: create the user first", author)
}

// Stats reports the pool's counters.
func (s *pgStore) Stats() poolStats {
	st := s.pool.Stat()
	return poolStats{
		MaxConns:          st.MaxConns(),
		TotalConns:        st.TotalConns(),
		IdleConns:         st.IdleConns(),
		AcquiredConns:     st.AcquiredConns(),
		AcquireCount:      st.AcquireCount(),
		EmptyAcquireCount: st.EmptyAcquireCount(),
		AcquireWaitMillis: float64(st.EmptyAcquireWaitTime().Microseconds()) / 1000,
		NewConnsCount:     st.NewConnsCount(),
		TxRetries:         s.tx.retries.Load(),
	}
}

func dedupeSorted(tags []string) []string {
	seen := make(map[string]bool, len(tags))
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	slices.Sort(out) // the order ListArticles and GetArticle return
	return out
}
