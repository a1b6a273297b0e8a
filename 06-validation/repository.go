package main

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"
)

// errTaken is returned by Create* when a unique key is already stored.
var errTaken = errors.New("repository: already taken")

// Repository is the stored state that contextual validation consults. The
// *Taken lookups let us answer "is this username free?" with a friendly field
// error; the Create* methods enforce uniqueness themselves, because two
// requests can both pass the lookup before either is stored.
type Repository interface {
	UsernameTaken(ctx context.Context, username string) (bool, error)
	EmailTaken(ctx context.Context, email string) (bool, error)
	SlugTaken(ctx context.Context, slug string) (bool, error)
	CreateUser(ctx context.Context, u user) error
	CreateArticle(ctx context.Context, a article) error
}

type user struct {
	Username    string `json:"username"`
	Email       string `json:"email"`
	DisplayName string `json:"display_name,omitempty"`
}

type article struct {
	Slug        string   `json:"slug"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Body        string   `json:"body"`
	Tags        []string `json:"tags"`
	Status      string   `json:"status"`
	PublishAt   string   `json:"publish_at,omitempty"`
}

// memoryRepo is a concurrency-safe in-memory Repository. delay simulates a
// slow database so the deadline in checkUnique can be seen firing; lookups
// honour ctx like a real driver would.
type memoryRepo struct {
	delay time.Duration

	mu       sync.Mutex
	users    map[string]user // by lowercased username
	emails   map[string]bool // by lowercased address
	articles map[string]article
}

var _ Repository = (*memoryRepo)(nil)

func newMemoryRepo(delay time.Duration) *memoryRepo {
	return &memoryRepo{
		delay:    delay,
		users:    map[string]user{},
		emails:   map[string]bool{},
		articles: map[string]article{},
	}
}

func (m *memoryRepo) wait(ctx context.Context) error {
	if m.delay <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(m.delay)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (m *memoryRepo) UsernameTaken(ctx context.Context, username string) (bool, error) {
	if err := m.wait(ctx); err != nil {
		return false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.users[strings.ToLower(username)]
	return ok, nil
}

// EmailTaken compares addresses case-insensitively: we store the local part
// as typed, but no real provider hands "Bob@" and "bob@" to two people.
func (m *memoryRepo) EmailTaken(ctx context.Context, email string) (bool, error) {
	if err := m.wait(ctx); err != nil {
		return false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.emails[strings.ToLower(email)], nil
}

func (m *memoryRepo) SlugTaken(ctx context.Context, slug string) (bool, error) {
	if err := m.wait(ctx); err != nil {
		return false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.articles[slug]
	return ok, nil
}

func (m *memoryRepo) CreateUser(ctx context.Context, u user) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	name, email := strings.ToLower(u.Username), strings.ToLower(u.Email)
	if _, ok := m.users[name]; ok || m.emails[email] {
		return errTaken
	}
	m.users[name] = u
	m.emails[email] = true
	return nil
}

func (m *memoryRepo) CreateArticle(ctx context.Context, a article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.articles[a.Slug]; ok {
		return errTaken
	}
	m.articles[a.Slug] = a
	return nil
}
