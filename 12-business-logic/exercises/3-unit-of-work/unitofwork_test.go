package unitofwork

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func seed() *Store {
	return NewStore(
		Article{Slug: "part-1", Status: "review"},
		Article{Slug: "part-2", Status: "review"},
		Article{Slug: "part-3", Status: "draft"},
	)
}

func TestDoCommitsOnSuccess(t *testing.T) {
	s := seed()
	err := s.Do(context.Background(), func(tx Repo) error {
		a, err := tx.Get("part-3")
		if err != nil {
			return err
		}
		a.Status = "review"
		tx.Put(a)
		// Inside the unit of work, your own write is visible.
		if again, _ := tx.Get("part-3"); again.Status != "review" {
			t.Errorf("Get inside the unit of work = %+v, want its own write", again)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Do = %v, want nil", err)
	}
	if got := s.Committed()["part-3"]; got.Status != "review" || got.Revision != 1 {
		t.Errorf("committed part-3 = %+v, want status review, revision 1", got)
	}
}

func TestDoRollsBackOnError(t *testing.T) {
	s := seed()
	before := s.Committed()
	boom := errors.New("boom")
	err := s.Do(context.Background(), func(tx Repo) error {
		tx.Put(Article{Slug: "part-1", Status: "published"})
		tx.Put(Article{Slug: "new", Status: "draft"})
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("Do = %v, want the error fn returned", err)
	}
	if after := s.Committed(); !reflect.DeepEqual(after, before) {
		t.Errorf("state after a failed unit of work = %v, want unchanged %v", after, before)
	}
}

func TestDoRollsBackOnPanic(t *testing.T) {
	s := seed()
	before := s.Committed()
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v, want the panic to continue up the stack as \"boom\"", r)
			}
		}()
		_ = s.Do(context.Background(), func(tx Repo) error {
			tx.Put(Article{Slug: "part-1", Status: "published"})
			panic("boom")
		})
	}()
	if after := s.Committed(); !reflect.DeepEqual(after, before) {
		t.Errorf("state after a panicking unit of work = %v, want unchanged", after)
	}
	// The Store still works (its lock was released).
	if err := s.Do(context.Background(), func(Repo) error { return nil }); err != nil {
		t.Errorf("Do after a panic = %v, want nil", err)
	}
}

func TestDoHonoursCancelledContext(t *testing.T) {
	s := seed()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	err := s.Do(ctx, func(Repo) error { called = true; return nil })
	if !errors.Is(err, context.Canceled) || called {
		t.Errorf("Do(cancelled) = %v, fn called %t; want context.Canceled without calling fn", err, called)
	}
}

// TestDoIsIsolated runs 50 read-modify-write units of work at once; if
// they interleaved, updates would be lost. Run with -race.
func TestDoIsIsolated(t *testing.T) {
	s := seed()
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = s.Do(context.Background(), func(tx Repo) error {
				a, err := tx.Get("part-1")
				if err != nil {
					return err
				}
				tx.Put(a)
				return nil
			})
		}()
	}
	wg.Wait()
	if got := s.Committed()["part-1"].Revision; got != 50 {
		t.Errorf("revision after 50 concurrent units of work = %d, want 50 (no lost updates)", got)
	}
}

func TestPublishSeries(t *testing.T) {
	tests := []struct {
		name      string
		slugs     []string
		wantErr   error
		wantInErr string
		published []string // slugs published afterwards
	}{
		{"all in review", []string{"part-1", "part-2"}, nil, "", []string{"part-1", "part-2"}},
		{"a series of one", []string{"part-2"}, nil, "", []string{"part-2"}},
		{"the bad one first: none published", []string{"part-3", "part-1"}, ErrNotInReview, "part-3", nil},
		{"empty, non-nil series", []string{}, ErrEmptySeries, "", nil},
		{"one is a draft: none published", []string{"part-1", "part-2", "part-3"}, ErrNotInReview, "part-3", nil},
		{"one is missing: none published", []string{"part-1", "part-9"}, ErrNotFound, "part-9", nil},
		{"a slug twice: none published", []string{"part-1", "part-1"}, ErrNotInReview, "part-1", nil},
		{"empty series", nil, ErrEmptySeries, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := seed()
			err := PublishSeries(context.Background(), s, tc.slugs)
			if tc.wantErr == nil && err != nil || tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("PublishSeries(%v) = %v, want %v", tc.slugs, err, tc.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), tc.wantInErr) {
				t.Errorf("PublishSeries(%v) error %q, want it to name %q", tc.slugs, err, tc.wantInErr)
			}
			var published []string
			for _, slug := range []string{"part-1", "part-2", "part-3"} {
				if s.Committed()[slug].Status == "published" {
					published = append(published, slug)
				}
			}
			if !reflect.DeepEqual(published, tc.published) {
				t.Errorf("after PublishSeries(%v), published = %v, want %v", tc.slugs, published, tc.published)
			}
		})
	}
}
