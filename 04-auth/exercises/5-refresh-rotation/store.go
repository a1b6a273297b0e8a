//go:build !solution

package refreshrotation

import (
	"errors"
	"time"
)

var errNotImplemented = errors.New("not implemented: edit exercises/5-refresh-rotation/store.go")

// Store issues and rotates refresh tokens. It is safe for concurrent use.
type Store struct{}

// NewStore returns a Store whose tokens live for ttl, read off now.
func NewStore(ttl time.Duration, now func() time.Time) *Store {
	return &Store{}
}

// Issue starts a new family for userID (a login) and returns its first token.
func (s *Store) Issue(userID string) (Token, error) {
	return Token{}, errNotImplemented
}

// Rotate spends value and returns its successor in the same family. A value
// that was already spent revokes its whole family and returns ErrReused.
func (s *Store) Rotate(value string) (Token, error) {
	return Token{}, errNotImplemented
}

// RevokeFamily ends one login (logout on one device).
func (s *Store) RevokeFamily(family string) {}

// RevokeUser ends every family of userID (logout everywhere, password change).
func (s *Store) RevokeUser(userID string) {}
