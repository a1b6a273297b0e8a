package memory

import (
	"context"
	"slices"
)

// Claim records key; true when this call recorded it.
func (s *Store) Claim(_ context.Context, key string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.effects[key]; ok {
		return false, nil
	}
	s.effects[key] = struct{}{}
	return true, nil
}

// Claimed reports whether key is recorded.
func (s *Store) Claimed(_ context.Context, key string) (bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.effects[key]
	return ok, nil
}

// UserIDs lists user IDs above afterID, ascending.
func (s *Store) UserIDs(_ context.Context, afterID int64, limit int) ([]int64, error) {
	s.mu.RLock()
	ids := make([]int64, 0, len(s.users))
	for id := range s.users {
		if id > afterID {
			ids = append(ids, id)
		}
	}
	s.mu.RUnlock()
	slices.Sort(ids)
	return ids[:min(limit, len(ids))], nil
}
