package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Claim records key; true when this call recorded it. Two replicas that
// race both run the INSERT; the primary key lets exactly one add the row.
func (s *Store) Claim(ctx context.Context, key string) (bool, error) {
	tag, err := s.pool.Exec(ctx, `INSERT INTO effects (key) VALUES ($1) ON CONFLICT (key) DO NOTHING`, key)
	if err != nil {
		return false, domainError(err, "")
	}
	return tag.RowsAffected() == 1, nil
}

// Claimed reports whether key is recorded.
func (s *Store) Claimed(ctx context.Context, key string) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM effects WHERE key = $1)`, key).Scan(&ok)
	return ok, domainError(err, "")
}

// UserIDs lists user IDs above afterID, ascending.
func (s *Store) UserIDs(ctx context.Context, afterID int64, limit int) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT id FROM users WHERE id > $1 ORDER BY id LIMIT $2`, afterID, limit)
	if err != nil {
		return nil, domainError(err, "")
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	return ids, domainError(err, "")
}
