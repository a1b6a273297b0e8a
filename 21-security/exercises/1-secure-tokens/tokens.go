//go:build !solution

package securetokens

import (
	"errors"
	"time"
)

var errNotImplemented = errors.New("not implemented: edit exercises/1-secure-tokens/tokens.go")

// NewToken returns TokenBytes bytes from crypto/rand, encoded as unpadded
// base64url (RFC 4648 §5): 43 characters that are safe in a URL or a cookie.
func NewToken() (string, error) { return "", errNotImplemented }

// HashToken returns the lowercase hex SHA-256 of token: the form a
// database stores instead of the token.
func HashToken(token string) string { return "" }

// Equal reports whether a and b are the same token, taking a time that does
// not depend on where they first differ.
func Equal(a, b string) bool { return false }

// Store keeps sessions, each under the hash of its token only.
type Store struct{}

// NewStore returns an empty Store whose sessions live for ttl.
func NewStore(now Clock, ttl time.Duration) *Store { return &Store{} }

// Issue starts a session for user and returns its token.
func (s *Store) Issue(user string) (string, error) { return "", errNotImplemented }

// Lookup returns the user of a live session; an expired one is removed.
func (s *Store) Lookup(token string) (user string, ok bool) { return "", false }

// Revoke ends the session of token, if there is one.
func (s *Store) Revoke(token string) {}

// Dump returns what the store holds at rest, key → user: what an attacker
// who stole the database would see.
func (s *Store) Dump() map[string]string { return nil }
