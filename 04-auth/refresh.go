package main

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Refresh-token rotation with reuse detection (OAuth 2.0 Security BCP,
// RFC 9700 §4.14.2): every refresh spends the presented token and issues the
// next one; a spent token that comes back means two parties hold copies —
// the user and a thief — so every token of that login (its *family*) is
// revoked.
//
// Exercise 5 builds the same rules as a store of tokens: one record per
// token, each marked used when it is spent. This server shows the other
// common design, one record per family: the family keeps a generation
// number and the SHA-256 of its one live token, and a token names its
// family and generation in the clear:
//
//	<family>.<generation>.<secret>
//
// Storage then stays at one row per login however often it refreshes, and a
// database leak exposes no usable token (only the secret's hash is kept).
// Presenting generation g while the family is at g is a rotation (if the
// secret matches); presenting any g below it is a reuse. The price: a reuse
// is recognized from the family ID and generation alone, which only a past
// holder of one of the family's tokens knows (the family ID is 128 random
// bits), so such a holder can end the login — which is what reuse detection
// wants anyway.
var (
	errRefreshInvalid = errors.New("refresh token is unknown")
	errRefreshExpired = errors.New("refresh token has expired")
	errRefreshReused  = errors.New("refresh token was already used; every token of this login is now revoked")
	errRefreshRevoked = errors.New("refresh token was revoked")
)

// refreshFamily is one login's chain of refresh tokens.
type refreshFamily struct {
	userID     string
	generation uint64    // the generation of the only live token
	secretHash [32]byte  // SHA-256 of the live token's secret
	expires    time.Time // when the live token stops working
	revoked    bool
}

type refreshStore struct {
	mu       sync.Mutex
	ttl      time.Duration
	now      func() time.Time
	families map[string]*refreshFamily // by family ID
}

func newRefreshStore(ttl time.Duration, now func() time.Time) *refreshStore {
	return &refreshStore{ttl: ttl, now: now, families: map[string]*refreshFamily{}}
}

// issue starts a new family for userID and returns its first token.
func (s *refreshStore) issue(userID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := rand.Text() // 128 random bits
	f := &refreshFamily{userID: userID}
	s.families[id] = f
	return s.nextLocked(id, f)
}

// nextLocked makes f's next live token and returns it.
func (s *refreshStore) nextLocked(id string, f *refreshFamily) string {
	f.generation++
	secret := rand.Text() // another 128 random bits
	f.secretHash = sha256.Sum256([]byte(secret))
	f.expires = s.now().Add(s.ttl)
	return id + "." + strconv.FormatUint(f.generation, 10) + "." + secret
}

// rotate spends token and returns the user it belongs to, its successor and
// its family. Unknown comes first, then revoked, then reused, then expired.
// The check and the update happen under one lock, so of two concurrent
// refreshes with the same token exactly one succeeds: the other then
// presents an old generation and revokes the family.
func (s *refreshStore) rotate(token string) (userID, next, family string, err error) {
	id, gen, secret, ok := parseRefreshToken(token)
	if !ok {
		return "", "", "", errRefreshInvalid
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.families[id]
	switch {
	case f == nil || gen > f.generation:
		return "", "", "", errRefreshInvalid
	case f.revoked:
		return f.userID, "", id, errRefreshRevoked
	case gen < f.generation:
		f.revoked = true
		return f.userID, "", id, errRefreshReused
	case subtle.ConstantTimeCompare(f.secretHash[:], hashSecret(secret)) != 1:
		return "", "", "", errRefreshInvalid
	case !s.now().Before(f.expires):
		return f.userID, "", id, errRefreshExpired
	}
	return f.userID, s.nextLocked(id, f), id, nil
}

// revoke ends the family token belongs to (logout). Only the live token of
// a family can log it out; anything else is ignored.
func (s *refreshStore) revoke(token string) (family string, ok bool) {
	id, gen, secret, ok := parseRefreshToken(token)
	if !ok {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.families[id]
	if f == nil || gen != f.generation || subtle.ConstantTimeCompare(f.secretHash[:], hashSecret(secret)) != 1 {
		return "", false
	}
	f.revoked = true
	return id, true
}

// parseRefreshToken splits "<family>.<generation>.<secret>".
func parseRefreshToken(token string) (family string, generation uint64, secret string, ok bool) {
	family, rest, ok1 := strings.Cut(token, ".")
	genText, secret, ok2 := strings.Cut(rest, ".")
	generation, err := strconv.ParseUint(genText, 10, 64)
	if !ok1 || !ok2 || err != nil || family == "" || secret == "" {
		return "", 0, "", false
	}
	return family, generation, secret, true
}

func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}
