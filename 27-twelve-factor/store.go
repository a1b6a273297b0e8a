package main

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Note is one note of one user.
type Note struct {
	ID        int64     `json:"id"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// Store holds users and their notes. Two adapters, one contract: the
// server's test suite runs unchanged on both (factor X).
type Store interface {
	CreateUser(ctx context.Context, name, passwordHash string) error // errExists
	PasswordHash(ctx context.Context, name string) (string, error)   // errNotFound
	AddNote(ctx context.Context, owner, body string) (Note, error)
	Notes(ctx context.Context, owner string, limit int) ([]Note, error) // newest first
	Ping(ctx context.Context) error
}

// memStore lives and dies with its process: fine on a laptop, and the
// reason a second instance cannot see the first one's data.
type memStore struct {
	mu    sync.Mutex
	users map[string]string
	notes map[string][]Note
	seq   int64
}

func newMemStore() *memStore {
	return &memStore{users: map[string]string{}, notes: map[string][]Note{}}
}

func (m *memStore) CreateUser(_ context.Context, name, hash string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.users[name]; ok {
		return errExists
	}
	m.users[name] = hash
	return nil
}

func (m *memStore) PasswordHash(_ context.Context, name string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	h, ok := m.users[name]
	if !ok {
		return "", errNotFound
	}
	return h, nil
}

func (m *memStore) AddNote(_ context.Context, owner, body string) (Note, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.seq++
	n := Note{ID: m.seq, Body: body, CreatedAt: time.Now().UTC().Truncate(time.Microsecond)}
	m.notes[owner] = append(m.notes[owner], n)
	return n, nil
}

func (m *memStore) Notes(_ context.Context, owner string, limit int) ([]Note, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := append([]Note{}, m.notes[owner]...)
	slices.Reverse(out)
	return out[:min(limit, len(out))], nil
}

func (m *memStore) Ping(context.Context) error { return nil }

// pgStore keeps users and notes in PostgreSQL (tables from migrate).
type pgStore struct{ pool *pgxpool.Pool }

func (s *pgStore) CreateUser(ctx context.Context, name, hash string) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO users (name, password_hash) VALUES ($1, $2)`, name, hash)
	if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok && pgErr.Code == "23505" { // unique_violation
		return errExists
	}
	return err
}

func (s *pgStore) PasswordHash(ctx context.Context, name string) (string, error) {
	var h string
	err := s.pool.QueryRow(ctx, `SELECT password_hash FROM users WHERE name = $1`, name).Scan(&h)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", errNotFound
	}
	return h, err
}

func (s *pgStore) AddNote(ctx context.Context, owner, body string) (Note, error) {
	n := Note{Body: body}
	err := s.pool.QueryRow(ctx, `INSERT INTO notes (owner, body) VALUES ($1, $2) RETURNING id, created_at`,
		owner, body).Scan(&n.ID, &n.CreatedAt)
	n.CreatedAt = n.CreatedAt.UTC()
	return n, err
}

func (s *pgStore) Notes(ctx context.Context, owner string, limit int) ([]Note, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, body, created_at FROM notes WHERE owner = $1 ORDER BY id DESC LIMIT $2`, owner, limit)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Note, error) {
		var n Note
		err := row.Scan(&n.ID, &n.Body, &n.CreatedAt)
		n.CreatedAt = n.CreatedAt.UTC()
		return n, err
	})
	if out == nil {
		out = []Note{}
	}
	return out, err
}

func (s *pgStore) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }
