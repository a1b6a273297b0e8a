package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// SessionStore keeps logins outside the process (factor VI): with a shared
// store, any instance can answer any request, and an instance can be killed
// at any moment without logging anyone out.
type SessionStore interface {
	Create(ctx context.Context, tokenHash, user string, expires time.Time) error
	Lookup(ctx context.Context, tokenHash string, now time.Time) (string, error) // errNotFound
	PurgeExpired(ctx context.Context, now time.Time) (int64, error)
}

// newToken returns a bearer token and the hash the store keeps: a copy of
// the sessions table is then no list of valid tokens.
func newToken() (token, hash string) {
	token = rand.Text()
	return token, hashToken(token)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

type memSession struct {
	user    string
	expires time.Time
}

// memSessions is the per-process store: a login made here is unknown to
// every other instance.
type memSessions struct {
	mu sync.Mutex
	m  map[string]memSession
}

func newMemSessions() *memSessions { return &memSessions{m: map[string]memSession{}} }

func (s *memSessions) Create(_ context.Context, hash, user string, expires time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[hash] = memSession{user, expires}
	return nil
}

func (s *memSessions) Lookup(_ context.Context, hash string, now time.Time) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ses, ok := s.m[hash]
	if !ok || !now.Before(ses.expires) {
		return "", errNotFound
	}
	return ses.user, nil
}

func (s *memSessions) PurgeExpired(_ context.Context, now time.Time) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	for k, ses := range s.m {
		if !now.Before(ses.expires) {
			delete(s.m, k)
			n++
		}
	}
	return n, nil
}

// pgSessions is the shared store: a table any number of instances read.
type pgSessions struct{ pool *pgxpool.Pool }

func (s *pgSessions) Create(ctx context.Context, hash, user string, expires time.Time) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO sessions (token_hash, user_name, expires_at) VALUES ($1, $2, $3)`, hash, user, expires)
	return err
}

func (s *pgSessions) Lookup(ctx context.Context, hash string, now time.Time) (string, error) {
	var user string
	err := s.pool.QueryRow(ctx, `SELECT user_name FROM sessions WHERE token_hash = $1 AND expires_at > $2`, hash, now).Scan(&user)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", errNotFound
	}
	return user, err
}

// PurgeExpired is the worker's job. It is idempotent: running it twice, or
// on two workers at once, deletes each expired row once and harms nothing.
func (s *pgSessions) PurgeExpired(ctx context.Context, now time.Time) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, now)
	return tag.RowsAffected(), err
}
