package memory

import (
	"context"
	"time"

	"workbook/capstone/conduit"
)

type reset struct {
	userID  int64
	expires time.Time
	used    bool
}

// SaveReset stores a reset token's hash for userID until expires.
func (s *Store) SaveReset(_ context.Context, tokenHash string, userID int64, expires time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.users[userID] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "user not found")
	}
	if _, taken := s.resets[tokenHash]; taken {
		return conduit.Errorf(conduit.ECONFLICT, "already exists")
	}
	s.resets[tokenHash] = reset{userID: userID, expires: expires}
	return nil
}

// TakeReset marks the token used, if it is unused and unexpired, and
// returns its user.
func (s *Store) TakeReset(_ context.Context, tokenHash string, now time.Time) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.resets[tokenHash]
	if !ok || r.used || !now.Before(r.expires) || s.users[r.userID] == nil {
		return 0, conduit.Errorf(conduit.ENOTFOUND, "reset token is invalid or expired")
	}
	r.used = true
	s.resets[tokenHash] = r
	return r.userID, nil
}
