//go:build solution

package refreshrotation

import (
	"crypto/rand"
	"crypto/sha256"
	"sync"
	"time"
)

type record struct {
	family  string
	userID  string
	expires time.Time
	used    bool
}

// Store keeps SHA-256 digests of token values, never the values: a leaked
// table then holds nothing a client could present.
type Store struct {
	mu      sync.Mutex
	ttl     time.Duration
	now     func() time.Time
	tokens  map[[32]byte]*record
	revoked map[string]bool     // family → revoked
	owner   map[string][]string // userID → families
}

func NewStore(ttl time.Duration, now func() time.Time) *Store {
	return &Store{ttl: ttl, now: now, tokens: map[[32]byte]*record{}, revoked: map[string]bool{}, owner: map[string][]string{}}
}

func (s *Store) Issue(userID string) (Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	family := rand.Text()
	s.owner[userID] = append(s.owner[userID], family)
	return s.mint(userID, family), nil
}

// mint makes a token in family; s.mu must be held.
func (s *Store) mint(userID, family string) Token {
	t := Token{Value: rand.Text() + rand.Text(), Family: family, UserID: userID, ExpiresAt: s.now().Add(s.ttl)}
	s.tokens[sha256.Sum256([]byte(t.Value))] = &record{family: family, userID: userID, expires: t.ExpiresAt}
	return t
}

// Rotate checks and spends under one lock: of two concurrent calls with
// the same value, exactly one wins and the other is a reuse.
func (s *Store) Rotate(value string) (Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.tokens[sha256.Sum256([]byte(value))]
	switch {
	case !ok:
		return Token{}, ErrUnknown
	case s.revoked[rec.family]:
		return Token{}, ErrRevoked
	case rec.used:
		s.revoked[rec.family] = true
		return Token{}, ErrReused
	case !s.now().Before(rec.expires):
		return Token{}, ErrExpired
	}
	rec.used = true
	return s.mint(rec.userID, rec.family), nil
}

func (s *Store) RevokeFamily(family string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revoked[family] = true
}

func (s *Store) RevokeUser(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.owner[userID] {
		s.revoked[f] = true
	}
}
