package main

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeRepo is a Repository whose lookups are function fields; nil ones
// answer "not taken". calls counts every lookup.
type fakeRepo struct {
	taken func(ctx context.Context, value string) (bool, error)
	calls atomic.Int32
}

var _ Repository = (*fakeRepo)(nil)

func (f *fakeRepo) lookup(ctx context.Context, v string) (bool, error) {
	f.calls.Add(1)
	if f.taken == nil {
		return false, nil
	}
	return f.taken(ctx, v)
}
func (f *fakeRepo) UsernameTaken(ctx context.Context, v string) (bool, error) {
	return f.lookup(ctx, v)
}
func (f *fakeRepo) EmailTaken(ctx context.Context, v string) (bool, error) { return f.lookup(ctx, v) }
func (f *fakeRepo) SlugTaken(ctx context.Context, v string) (bool, error)  { return f.lookup(ctx, v) }
func (f *fakeRepo) CreateUser(context.Context, user) error                 { return nil }
func (f *fakeRepo) CreateArticle(context.Context, article) error           { return nil }

const validSignup = `{"username":"alice","email":"alice@example.com","password":"correct horse battery","accept_terms":true}`

func TestSlowRepositoryGetsAClearErrorNotAHang(t *testing.T) {
	// This repository ignores its context entirely: the deadline must still hold.
	repo := &fakeRepo{taken: func(context.Context, string) (bool, error) {
		time.Sleep(2 * time.Second)
		return false, nil
	}}
	s := newTestServer(t, repo, 50*time.Millisecond)

	for _, tc := range []struct{ path, body string }{
		{"/signup", validSignup},
		{"/articles", `{"title":"Hello","body":"x","status":"draft"}`},
	} {
		start := time.Now()
		rec := post(t, s, tc.path, "application/json", tc.body)
		elapsed := time.Since(start)

		if rec.Code != http.StatusServiceUnavailable {
			t.Fatalf("POST %s with a slow repository = %d %s, want 503", tc.path, rec.Code, rec.Body)
		}
		if elapsed > time.Second {
			t.Errorf("POST %s took %v, want about the 50ms deadline", tc.path, elapsed)
		}
		if got := pairs(decodeErrors(t, rec)); !matchErrors(got, ":could not check uniqueness within 50ms") {
			t.Errorf("POST %s errors = %q, want the check timeout", tc.path, got)
		}
		if rec.Header().Get("Retry-After") == "" {
			t.Errorf("POST %s 503 has no Retry-After", tc.path)
		}
	}
}

func TestMemoryRepoDelayHonoursTheDeadline(t *testing.T) {
	// The margins are wide on purpose: the test tells "stopped at the 30ms
	// deadline" from "waited for the 5s repository", not how fast it is.
	s := newTestServer(t, newMemoryRepo(5*time.Second), 30*time.Millisecond)
	start := time.Now()
	rec := post(t, s, "/signup", "application/json", validSignup)
	if rec.Code != http.StatusServiceUnavailable || time.Since(start) > 2*time.Second {
		t.Errorf("POST /signup with a 5s repository and 30ms deadline = %d after %v, want 503 at the deadline",
			rec.Code, time.Since(start))
	}
}

func TestInvalidInputNeverReachesTheRepository(t *testing.T) {
	repo := &fakeRepo{}
	s := newTestServer(t, repo, time.Second)
	post(t, s, "/signup", "application/json", `{"username":"x"}`)
	post(t, s, "/articles", "application/json", `{"title":""}`)
	post(t, s, "/signup", "application/json", `{`)
	if n := repo.calls.Load(); n != 0 {
		t.Errorf("invalid requests made %d repository lookups, want 0 (fail fast)", n)
	}
	post(t, s, "/signup", "application/json", validSignup)
	if n := repo.calls.Load(); n != 2 {
		t.Errorf("a valid signup made %d lookups, want 2 (username and email)", n)
	}
}

func TestRepositoryFailureIsNotBlamedOnTheClient(t *testing.T) {
	repo := &fakeRepo{taken: func(context.Context, string) (bool, error) {
		return false, errors.New("connection refused to db-7.internal:5432")
	}}
	s := newTestServer(t, repo, time.Second)
	rec := post(t, s, "/signup", "application/json", validSignup)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("POST /signup with a broken repository = %d, want 500", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "db-7") {
		t.Errorf("response %s leaks internal details", rec.Body)
	}
}
