// Package refreshrotation keeps refresh tokens with rotation and reuse
// detection (OAuth 2.0 Security Best Current Practice, RFC 9700 §4.14.2).
package refreshrotation

import (
	"errors"
	"time"
)

// Token is a refresh token as handed to a client.
type Token struct {
	Value     string // opaque and unguessable; the only part the client needs
	Family    string // all tokens descended from one login share it
	UserID    string
	ExpiresAt time.Time
}

// Errors returned by Rotate. Precedence when several apply:
// ErrUnknown, then ErrRevoked, then ErrReused, then ErrExpired.
var (
	ErrUnknown = errors.New("refreshrotation: unknown token")
	ErrRevoked = errors.New("refreshrotation: token family revoked")
	ErrReused  = errors.New("refreshrotation: token reused; family revoked")
	ErrExpired = errors.New("refreshrotation: token expired")
)
