//go:build solution

package securetokens

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"sync"
	"time"
)

// NewToken returns TokenBytes bytes from crypto/rand, encoded as unpadded
// base64url (RFC 4648 §5): 43 characters that are safe in a URL or a cookie.
func NewToken() (string, error) {
	b := make([]byte, TokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// HashToken returns the lowercase hex SHA-256 of token. A fast hash is
// right here, unlike for passwords: a token has 256 random bits, so there
// is no dictionary to try.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Equal reports whether a and b are the same token in constant time.
func Equal(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

type entry struct {
	user    string
	expires time.Time
}

// Store keeps sessions, each under the hash of its token only.
type Store struct {
	mu     sync.Mutex
	now    Clock
	ttl    time.Duration
	byHash map[string]entry
}

// NewStore returns an empty Store whose sessions live for ttl.
func NewStore(now Clock, ttl time.Duration) *Store {
	return &Store{now: now, ttl: ttl, byHash: map[string]entry{}}
}

// Issue starts a session for user and returns its token.
func (s *Store) Issue(user string) (string, error) {
	token, err := NewToken()
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byHash[HashToken(token)] = entry{user: user, expires: s.now().Add(s.ttl)}
	return token, nil
}

// Lookup returns the user of a live session; an expired one is removed.
// The map lookup by hash may take data-dependent time, but what it could
// leak is a prefix of a SHA-256, which tells an attacker nothing about a
// token to send.
func (s *Store) Lookup(token string) (string, bool) {
	h := HashToken(token)
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byHash[h]
	if !ok {
		return "", false
	}
	if !s.now().Before(e.expires) {
		delete(s.byHash, h)
		return "", false
	}
	return e.user, true
}

// Revoke ends the session of token, if there is one.
func (s *Store) Revoke(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byHash, HashToken(token))
}

// Dump returns what the store holds at rest, key → user.
func (s *Store) Dump() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.byHash))
	for h, e := range s.byHash {
		out[h] = e.user
	}
	return out
}
