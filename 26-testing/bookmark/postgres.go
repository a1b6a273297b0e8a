package bookmark

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Postgres is the Repository adapter over PostgreSQL.
type Postgres struct {
	pool *pgxpool.Pool
}

// NewPostgres returns an adapter over pool; call Migrate once before use.
func NewPostgres(pool *pgxpool.Pool) *Postgres { return &Postgres{pool: pool} }

// schema is the whole schema: one table, the URL unique so that the database,
// not a racy look-up before the insert, decides what is a duplicate.
const schema = `CREATE TABLE IF NOT EXISTS bookmarks (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	url        text NOT NULL UNIQUE,
	title      text NOT NULL,
	created_at timestamptz NOT NULL
)`

// Migrate creates the table if it does not exist.
func (p *Postgres) Migrate(ctx context.Context) error {
	if _, err := p.pool.Exec(ctx, schema); err != nil {
		return fmt.Errorf("migrate bookmarks: %w", err)
	}
	return nil
}

// sqlstateUniqueViolation is PostgreSQL's unique_violation error code.
const sqlstateUniqueViolation = "23505"

// Create inserts b; a duplicate URL is ErrConflict.
func (p *Postgres) Create(ctx context.Context, b Bookmark) (Bookmark, error) {
	err := p.pool.QueryRow(ctx,
		`INSERT INTO bookmarks (url, title, created_at) VALUES ($1, $2, $3) RETURNING id`,
		b.URL, b.Title, b.CreatedAt).Scan(&b.ID)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == sqlstateUniqueViolation {
		return Bookmark{}, ErrConflict
	}
	if err != nil {
		return Bookmark{}, fmt.Errorf("insert bookmark: %w", err)
	}
	return b, nil
}

// Get returns the bookmark with the ID. Query's own error can be ignored:
// pgxpool returns the Rows "in an error state", and the Collect functions
// report it.
func (p *Postgres) Get(ctx context.Context, id int64) (Bookmark, error) {
	rows, _ := p.pool.Query(ctx, `SELECT id, url, title, created_at FROM bookmarks WHERE id = $1`, id)
	b, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[Bookmark])
	if errors.Is(err, pgx.ErrNoRows) {
		return Bookmark{}, ErrNotFound
	}
	if err != nil {
		return Bookmark{}, fmt.Errorf("get bookmark %d: %w", id, err)
	}
	return b, nil
}

// List returns every bookmark in ascending ID order.
func (p *Postgres) List(ctx context.Context) ([]Bookmark, error) {
	rows, _ := p.pool.Query(ctx, `SELECT id, url, title, created_at FROM bookmarks ORDER BY id`)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Bookmark])
	if err != nil {
		return nil, fmt.Errorf("list bookmarks: %w", err)
	}
	if out == nil {
		out = []Bookmark{}
	}
	return out, nil
}

// Delete removes the bookmark with the ID.
func (p *Postgres) Delete(ctx context.Context, id int64) error {
	tag, err := p.pool.Exec(ctx, `DELETE FROM bookmarks WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("delete bookmark %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}
