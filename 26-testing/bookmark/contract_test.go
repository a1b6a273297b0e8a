package bookmark_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"workbook/26-testing/bookmark"
)

// seq makes every fixture unique across the whole test binary, so tests
// that share a store (or run in parallel) never collide by accident.
var seq atomic.Int64

// fixture is the test-data factory: a valid bookmark, unique by its URL,
// with a CreatedAt PostgreSQL can store exactly (UTC, whole microseconds).
func fixture() bookmark.Bookmark {
	n := seq.Add(1)
	return bookmark.Bookmark{
		URL:       fmt.Sprintf("https://example.com/%d", n),
		Title:     fmt.Sprintf("Example %d", n),
		CreatedAt: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Microsecond),
	}
}

// runContract is the one suite every Repository adapter must pass. It
// takes a constructor, not a repository: each subtest gets a fresh, empty
// store, so no case depends on another's leftovers.
func runContract(t *testing.T, newRepo func(t *testing.T) bookmark.Repository) {
	ctx := context.Background()
	same := func(t *testing.T, got, want bookmark.Bookmark) {
		t.Helper()
		if got.ID != want.ID || got.URL != want.URL || got.Title != want.Title || !got.CreatedAt.Equal(want.CreatedAt) {
			t.Errorf("got %+v, want %+v", got, want)
		}
	}

	t.Run("create assigns an ID and keeps the fields", func(t *testing.T) {
		repo := newRepo(t)
		in := fixture()
		got, err := repo.Create(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID < 1 {
			t.Fatalf("Create returned ID %d, want a positive ID", got.ID)
		}
		in.ID = got.ID
		same(t, got, in)
		stored, err := repo.Get(ctx, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		same(t, stored, in)
	})

	t.Run("duplicate URL is a conflict", func(t *testing.T) {
		repo := newRepo(t)
		first := fixture()
		if _, err := repo.Create(ctx, first); err != nil {
			t.Fatal(err)
		}
		again := fixture()
		again.URL = first.URL
		if _, err := repo.Create(ctx, again); !errors.Is(err, bookmark.ErrConflict) {
			t.Fatalf("Create of a stored URL = %v, want ErrConflict", err)
		}
		if all, _ := repo.List(ctx); len(all) != 1 {
			t.Fatalf("after a conflict List has %d bookmarks, want 1", len(all))
		}
	})

	t.Run("unknown ID is not found", func(t *testing.T) {
		repo := newRepo(t)
		if _, err := repo.Get(ctx, 999); !errors.Is(err, bookmark.ErrNotFound) {
			t.Errorf("Get(999) = %v, want ErrNotFound", err)
		}
		if err := repo.Delete(ctx, 999); !errors.Is(err, bookmark.ErrNotFound) {
			t.Errorf("Delete(999) = %v, want ErrNotFound", err)
		}
	})

	t.Run("list is empty, then in ID order", func(t *testing.T) {
		repo := newRepo(t)
		all, err := repo.List(ctx)
		if err != nil || all == nil || len(all) != 0 {
			t.Fatalf("List of an empty store = %#v, %v; want an empty non-nil slice", all, err)
		}
		var ids []int64
		for range 5 {
			b, err := repo.Create(ctx, fixture())
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, b.ID)
		}
		all, err = repo.List(ctx)
		if err != nil || len(all) != len(ids) {
			t.Fatalf("List = %d bookmarks, %v; want %d", len(all), err, len(ids))
		}
		for i, b := range all {
			if b.ID != ids[i] {
				t.Fatalf("List()[%d].ID = %d, want %d (ascending ID order)", i, b.ID, ids[i])
			}
		}
	})

	t.Run("delete removes, and frees the URL", func(t *testing.T) {
		repo := newRepo(t)
		b, err := repo.Create(ctx, fixture())
		if err != nil {
			t.Fatal(err)
		}
		if err := repo.Delete(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := repo.Get(ctx, b.ID); !errors.Is(err, bookmark.ErrNotFound) {
			t.Errorf("Get after Delete = %v, want ErrNotFound", err)
		}
		if err := repo.Delete(ctx, b.ID); !errors.Is(err, bookmark.ErrNotFound) {
			t.Errorf("second Delete = %v, want ErrNotFound", err)
		}
		again := fixture()
		again.URL = b.URL
		if _, err := repo.Create(ctx, again); err != nil {
			t.Errorf("Create of a deleted URL = %v, want it stored", err)
		}
	})

	t.Run("callers cannot change stored values", func(t *testing.T) {
		repo := newRepo(t)
		b, err := repo.Create(ctx, fixture())
		if err != nil {
			t.Fatal(err)
		}
		want := b
		b.Title = "changed by the caller"
		all, _ := repo.List(ctx)
		all[0].Title = "changed through List"
		got, err := repo.Get(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		same(t, got, want)
	})

	t.Run("concurrent creates of one URL store it once", func(t *testing.T) {
		repo := newRepo(t)
		url := fixture().URL
		var wg sync.WaitGroup
		var created, conflicts atomic.Int64
		for range 8 {
			wg.Go(func() {
				b := fixture()
				b.URL = url
				_, err := repo.Create(ctx, b)
				switch {
				case err == nil:
					created.Add(1)
				case errors.Is(err, bookmark.ErrConflict):
					conflicts.Add(1)
				default:
					t.Errorf("concurrent Create = %v", err)
				}
			})
		}
		wg.Wait()
		if created.Load() != 1 || conflicts.Load() != 7 {
			t.Errorf("8 concurrent Creates of one URL: %d stored, %d conflicts; want 1 and 7", created.Load(), conflicts.Load())
		}
	})
}
