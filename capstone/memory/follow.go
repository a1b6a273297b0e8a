package memory

import "context"

// Follow records that followerID follows followeeID.
func (s *Store) Follow(_ context.Context, followerID, followeeID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.follows[[2]int64{followerID, followeeID}] = true
	return nil
}

// Unfollow removes the follow, if any.
func (s *Store) Unfollow(_ context.Context, followerID, followeeID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.follows, [2]int64{followerID, followeeID})
	return nil
}

// IsFollowing reports whether followerID follows followeeID.
func (s *Store) IsFollowing(_ context.Context, followerID, followeeID int64) (bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.follows[[2]int64{followerID, followeeID}], nil
}
