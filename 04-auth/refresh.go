package main

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"sync"
	"time"
)

// Refresh tokens are opaque random strings, stored server-side by their
// SHA-256 (a database leak then exposes no usable token). Each login starts a
// family; every refresh marks the presented token used and issues the next
// one in the same family. A used token presented again means two parties
// hold it — the user and a thief — so the whole family is revoked (OAuth 2.0
// Security BCP, RFC 9700 §4.14.2).
var (
	errRefreshInvalid = errors.New("refresh token is unknown")
	errRefreshExpired = errors.New("refresh token has expired")
	errRefreshReused  = errors.New("refresh token was already used; every token of this login is now revoked")
	errRefreshRevoked = errors.New("refresh token was revoked")
)

type refreshRecord struct {
	userID  string
	family  string
	expires time.Time
	used    bool
}

type refreshStore struct {
	mu      sync.Mutex
	ttl     time.Duration
	now     func() time.Time
	byHash  map[[32]byte]*refreshRecord
	revoked map[string]bool // family → revoked
}

func newRefreshStore(ttl time.Duration, now func() time.Time) *refreshStore {
	return &refreshStore{ttl: ttl, now: now, byHash: map[[32]byte]*refreshRecord{}, revoked: map[string]bool{}}
}

// issue starts a new family for userID and returns its first token.
func (s *refreshStore) issue(userID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issueLocked(userID, rand.Text())
}

func (s *refreshStore) issueLocked(userID, family string) string {
	token := rand.Text() + rand.Text() // 2 × 128 bits of randomness
	s.byHash[sha256.Sum256([]byte(token))] = &refreshRecord{userID: userID, family: family, expires: s.now().Add(s.ttl)}
	return token
}

// rotate spends token and returns the user it belongs to and its successor.
// The check and the mark happen under one lock, so two concurrent refreshes
// with the same token cannot both succeed.
func (s *refreshStore) rotate(token string) (userID, next, family string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.byHash[sha256.Sum256([]byte(token))]
	switch {
	case !ok:
		return "", "", "", errRefreshInvalid
	case s.revoked[rec.family]:
		return rec.userID, "", rec.family, errRefreshRevoked
	case rec.used:
		s.revoked[rec.family] = true
		return rec.userID, "", rec.family, errRefreshReused
	case !s.now().Before(rec.expires):
		return rec.userID, "", rec.family, errRefreshExpired
	}
	rec.used = true
	return rec.userID, s.issueLocked(rec.userID, rec.family), rec.family, nil
}

// revoke ends the family token belongs to (logout). Unknown tokens are ignored.
func (s *refreshStore) revoke(token string) (family string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.byHash[sha256.Sum256([]byte(token))]
	if !ok {
		return "", false
	}
	s.revoked[rec.family] = true
	return rec.family, true
}
