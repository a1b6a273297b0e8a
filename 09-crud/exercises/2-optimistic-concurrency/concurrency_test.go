package concurrency

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

func mustCreate(t *testing.T, s *Store, id, body string) string {
	t.Helper()
	etag, err := s.Create(id, body)
	if err != nil {
		t.Fatalf("Create(%q) error = %v, want nil", id, err)
	}
	return etag
}

func TestETags(t *testing.T) {
	s := NewStore()
	e1 := mustCreate(t, s, "dragons", "v1")
	if !strings.HasPrefix(e1, `"`) || !strings.HasSuffix(e1, `"`) || len(e1) < 3 {
		t.Fatalf("Create returned ETag %s, want a strong entity tag: a quoted, non-empty string such as \"1\"", e1)
	}
	body, got, err := s.Get("dragons")
	if err != nil || body != "v1" || got != e1 {
		t.Fatalf("Get(dragons) = %q, %s, %v, want v1, %s, nil", body, got, err, e1)
	}
	e2, err := s.Update("dragons", e1, "v2")
	if err != nil || e2 == e1 {
		t.Fatalf("Update(dragons, %s) = %s, %v, want a new ETag and nil", e1, e2, err)
	}
	if body, got, _ := s.Get("dragons"); body != "v2" || got != e2 {
		t.Errorf("after Update, Get(dragons) = %q, %s, want v2, %s", body, got, e2)
	}
	e3 := mustCreate(t, s, "other", "v1")
	if e3 == e1 {
		t.Errorf("two documents with the same body got the same ETag %s; an ETag must identify a version of one document", e3)
	}
	if _, err := s.Create("dragons", "again"); !errors.Is(err, ErrExists) {
		t.Errorf("Create of an existing id error = %v, want ErrExists", err)
	}
}

func TestIfMatch(t *testing.T) {
	tests := []struct {
		name    string
		ifMatch func(current, stale string) string
		wantErr error
	}{
		{"current ETag", func(c, _ string) string { return c }, nil},
		{"stale ETag", func(_, s string) string { return s }, ErrPreconditionFailed},
		{"missing", func(_, _ string) string { return "" }, ErrPreconditionRequired},
		{"blank", func(_, _ string) string { return "   " }, ErrPreconditionRequired},
		{"star matches any current version", func(_, _ string) string { return "*" }, nil},
		{"list containing the current ETag", func(c, s string) string { return s + ", " + c }, nil},
		{"list without it", func(_, s string) string { return s + `, "nope"` }, ErrPreconditionFailed},
		{"weak tag never matches (strong comparison)", func(c, _ string) string { return "W/" + c }, ErrPreconditionFailed},
		{"unquoted tag is not the tag", func(c, _ string) string { return strings.Trim(c, `"`) }, ErrPreconditionFailed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewStore()
			stale := mustCreate(t, s, "a", "v1")
			current, err := s.Update("a", stale, "v2")
			if err != nil {
				t.Fatalf("Update with the current ETag error = %v, want nil", err)
			}
			h := tc.ifMatch(current, stale)
			_, err = s.Update("a", h, "v3")
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Fatalf("Update(a, If-Match %q) error = %v, want %v", h, err, tc.wantErr)
			}
			body, _, _ := s.Get("a")
			if want := map[bool]string{true: "v3", false: "v2"}[tc.wantErr == nil]; body != want {
				t.Errorf("after Update(a, If-Match %q) body = %q, want %q (a refused update changes nothing)", h, body, want)
			}
		})
	}
}

func TestNotFound(t *testing.T) {
	s := NewStore()
	if _, _, err := s.Get("ghost"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(ghost) error = %v, want ErrNotFound", err)
	}
	if _, err := s.Update("ghost", "*", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf(`Update(ghost, "*") error = %v, want ErrNotFound ("*" matches only an existing document)`, err)
	}
}

// TestLostUpdate: many writers read the same version and race to write.
// Exactly one must win; every other must get ErrPreconditionFailed.
func TestLostUpdate(t *testing.T) {
	for round := range 20 {
		s := NewStore()
		etag := mustCreate(t, s, "hot", "v0")
		const writers = 32
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins, stale := 0, 0
		start := make(chan struct{})
		for w := range writers {
			wg.Go(func() {
				<-start
				_, err := s.Update("hot", etag, fmt.Sprintf("writer %d", w))
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					wins++
				case errors.Is(err, ErrPreconditionFailed):
					stale++
				default:
					t.Errorf("Update error = %v, want nil or ErrPreconditionFailed", err)
				}
			})
		}
		close(start)
		wg.Wait()
		if wins != 1 || stale != writers-1 {
			t.Fatalf("round %d: %d writers with one ETag: %d succeeded and %d got ErrPreconditionFailed, want 1 and %d", round, writers, wins, stale, writers-1)
		}
	}
}
