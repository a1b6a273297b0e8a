package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Follow records that followerID follows followeeID; ENOTFOUND for an unknown user.
func (s *Store) Follow(ctx context.Context, followerID, followeeID int64) error {
	_, err := s.pool.Exec(ctx,
		`INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, followerID, followeeID)
	return domainError(err, "user not found")
}

// Unfollow removes the follow, if any.
func (s *Store) Unfollow(ctx context.Context, followerID, followeeID int64) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2`, followerID, followeeID)
	return domainError(err, "user not found")
}

// IsFollowing reports whether followerID follows followeeID.
func (s *Store) IsFollowing(ctx context.Context, followerID, followeeID int64) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx,
		`SELECT EXISTS (SELECT 1 FROM follows WHERE follower_id = $1 AND followee_id = $2)`, followerID, followeeID).Scan(&ok)
	return ok, domainError(err, "user not found")
}

// FollowerIDs lists followeeID's followers above afterID, ascending.
func (s *Store) FollowerIDs(ctx context.Context, followeeID, afterID int64, limit int) ([]int64, error) {
	rows, err := s.pool.Query(ctx,
		`SELECT follower_id FROM follows WHERE followee_id = $1 AND follower_id > $2 ORDER BY follower_id LIMIT $3`,
		followeeID, afterID, limit)
	if err != nil {
		return nil, domainError(err, "user not found")
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	return ids, domainError(err, "user not found")
}
