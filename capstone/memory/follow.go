package memory

import (
	"context"
	"slices"

	"workbook/capstone/conduit"
)

// Follow records that followerID follows followeeID; ENOTFOUND for an
// unknown user, as the foreign keys make it on PostgreSQL.
func (s *Store) Follow(_ context.Context, followerID, followeeID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.users[followerID] == nil || s.users[followeeID] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "user not found")
	}
	if s.following[followerID] == nil {
		s.following[followerID] = map[int64]bool{}
	}
	s.following[followerID][followeeID] = true
	return nil
}

// Unfollow removes the follow, if any.
func (s *Store) Unfollow(_ context.Context, followerID, followeeID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.following[followerID], followeeID)
	return nil
}

// IsFollowing reports whether followerID follows followeeID.
func (s *Store) IsFollowing(_ context.Context, followerID, followeeID int64) (bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.following[followerID][followeeID], nil
}

// FollowerIDs lists followeeID's followers above afterID, ascending. The
// memory store keeps follows by follower only, so this scans them: fine
// for the demo store, which PostgreSQL replaces at scale.
func (s *Store) FollowerIDs(_ context.Context, followeeID, afterID int64, limit int) ([]int64, error) {
	s.mu.RLock()
	var ids []int64
	for follower, followees := range s.following {
		if follower > afterID && followees[followeeID] {
			ids = append(ids, follower)
		}
	}
	s.mu.RUnlock()
	slices.Sort(ids)
	if len(ids) > limit {
		ids = ids[:limit]
	}
	return ids, nil
}
