// Package publishingtest holds the contract every publishing adapter must
// pass. memory and postgres both call RunRepositoryContract from their
// tests, so "the same service over two adapters" is checked, not hoped.
package publishingtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"workbook/12-business-logic/domain"
	"workbook/12-business-logic/publishing"
)

var (
	t0     = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	ada    = actor("ada", domain.RoleAuthor)
	grace  = actor("grace", domain.RoleEditor)
	errBad = errors.New("something went wrong in the use case")
)

func actor(id string, role domain.Role) domain.Actor {
	a, err := domain.NewActor(id, string(role))
	if err != nil {
		panic(err)
	}
	return a
}

// newArticle returns a draft by ada titled title, with a 6-word body.
func newArticle(t *testing.T, title string, at time.Time) *domain.Article {
	t.Helper()
	ti, err := domain.NewTitle(title)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := domain.NewBody("one two three four five six")
	email, _ := domain.NewEmail("ada@example.com")
	a, err := domain.NewArticle(ada, email, ti, body, at)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustSlug(s string) domain.Slug {
	sl, err := domain.NewSlug(s)
	if err != nil {
		panic(err)
	}
	return sl
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := domain.ErrorCode(err); got != code {
		t.Errorf("%s error = %v (code %q), want code %q", what, err, got, code)
	}
}

// RunRepositoryContract checks that the UnitOfWork returned by newUoW (a
// fresh, empty store per call) behaves as the publishing ports promise.
func RunRepositoryContract(t *testing.T, newUoW func(t *testing.T) publishing.UnitOfWork) {
	ctx := context.Background()

	t.Run("add then get returns the same article", func(t *testing.T) {
		uow := newUoW(t)
		a := newArticle(t, "Hello, World", t0)
		if err := uow.Do(ctx, func(tx publishing.Repos) error { return tx.Articles().Add(ctx, a) }); err != nil {
			t.Fatalf("Add: %v", err)
		}
		var got *domain.Article
		err := uow.Do(ctx, func(tx publishing.Repos) (err error) {
			got, err = tx.Articles().Get(ctx, mustSlug("hello-world"))
			return err
		})
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		want := a.Snapshot()
		want.Version = 1
		gs := got.Snapshot()
		if !gs.CreatedAt.Equal(want.CreatedAt) || !gs.UpdatedAt.Equal(want.UpdatedAt) {
			t.Errorf("Get times = %v, %v; want %v, %v", gs.CreatedAt, gs.UpdatedAt, want.CreatedAt, want.UpdatedAt)
		}
		gs.CreatedAt, gs.UpdatedAt, want.CreatedAt, want.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if gs != want {
			t.Errorf("Get = %+v, want %+v", gs, want)
		}
	})

	t.Run("get of a missing article is not found", func(t *testing.T) {
		err := newUoW(t).Do(ctx, func(tx publishing.Repos) error {
			_, err := tx.Articles().Get(ctx, mustSlug("nope"))
			return err
		})
		wantCode(t, "Get(nope)", err, domain.ENOTFOUND)
	})

	t.Run("a taken slug is a conflict", func(t *testing.T) {
		uow := newUoW(t)
		add := func() error {
			return uow.Do(ctx, func(tx publishing.Repos) error { return tx.Articles().Add(ctx, newArticle(t, "Same title", t0)) })
		}
		if err := add(); err != nil {
			t.Fatalf("first Add: %v", err)
		}
		wantCode(t, "second Add", add(), domain.ECONFLICT)
	})

	t.Run("a stale save is a conflict", func(t *testing.T) {
		uow := newUoW(t)
		slug := mustSlug("versioned")
		_ = uow.Do(ctx, func(tx publishing.Repos) error { return tx.Articles().Add(ctx, newArticle(t, "Versioned", t0)) })
		load := func() *domain.Article {
			var a *domain.Article
			if err := uow.Do(ctx, func(tx publishing.Repos) (err error) { a, err = tx.Articles().Get(ctx, slug); return err }); err != nil {
				t.Fatalf("Get: %v", err)
			}
			return a
		}
		first, second := load(), load() // two users open the same article
		if err := first.Submit(ada, domain.DefaultPolicy(), t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := uow.Do(ctx, func(tx publishing.Repos) error { return tx.Articles().Save(ctx, first) }); err != nil {
			t.Fatalf("first Save: %v", err)
		}
		if err := second.Archive(ada, t0.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		err := uow.Do(ctx, func(tx publishing.Repos) error { return tx.Articles().Save(ctx, second) })
		wantCode(t, "Save of a stale copy", err, domain.ECONFLICT)
		if got := load(); got.Status() != domain.StatusReview || got.Version() != 2 {
			t.Errorf("after the lost update, status %s version %d; want review, version 2", got.Status(), got.Version())
		}
	})

	t.Run("save of a missing article is not found", func(t *testing.T) {
		err := newUoW(t).Do(ctx, func(tx publishing.Repos) error { return tx.Articles().Save(ctx, newArticle(t, "Ghost", t0)) })
		wantCode(t, "Save(ghost)", err, domain.ENOTFOUND)
	})

	t.Run("an error rolls back articles and outbox", func(t *testing.T) {
		uow := newUoW(t)
		err := uow.Do(ctx, func(tx publishing.Repos) error {
			if err := tx.Articles().Add(ctx, newArticle(t, "Doomed", t0)); err != nil {
				return err
			}
			if err := tx.Outbox().Append(ctx, publishing.Message{Event: "x", Article: "doomed", Payload: []byte(`{}`)}); err != nil {
				return err
			}
			return errBad
		})
		if !errors.Is(err, errBad) {
			t.Fatalf("Do = %v, want the error fn returned", err)
		}
		assertEmpty(t, uow)
	})

	t.Run("a panic rolls back and propagates", func(t *testing.T) {
		uow := newUoW(t)
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Do swallowed a panic from fn")
				}
			}()
			_ = uow.Do(ctx, func(tx publishing.Repos) error {
				_ = tx.Articles().Add(ctx, newArticle(t, "Panicky", t0))
				panic("boom")
			})
		}()
		assertEmpty(t, uow)
	})

	t.Run("list filters by status, newest update first", func(t *testing.T) {
		uow := newUoW(t)
		err := uow.Do(ctx, func(tx publishing.Repos) error {
			for i, title := range []string{"b first", "a second", "c third"} {
				a := newArticle(t, title, t0.Add(time.Duration(i%2)*time.Hour)) // a and b share a time
				if i == 2 {
					_ = a.Submit(ada, domain.DefaultPolicy(), t0.Add(3*time.Hour))
				}
				if err := tx.Articles().Add(ctx, a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		list := func(st domain.Status, limit int) string {
			var out []string
			_ = uow.Do(ctx, func(tx publishing.Repos) error {
				as, err := tx.Articles().List(ctx, st, limit)
				for _, a := range as {
					out = append(out, a.Slug().String())
				}
				return err
			})
			return fmt.Sprint(out)
		}
		for _, tc := range []struct {
			status domain.Status
			limit  int
			want   string
		}{
			{"", 10, "[c-third a-second b-first]"},
			{domain.StatusDraft, 10, "[a-second b-first]"},
			{domain.StatusReview, 10, "[c-third]"},
			{domain.StatusPublished, 10, "[]"},
			{"", 2, "[c-third a-second]"},
		} {
			if got := list(tc.status, tc.limit); got != tc.want {
				t.Errorf("List(%q, %d) = %s, want %s", tc.status, tc.limit, got, tc.want)
			}
		}
	})

	t.Run("outbox delivers in order, retries failures, forgets delivered", func(t *testing.T) {
		uow := newUoW(t)
		_ = uow.Do(ctx, func(tx publishing.Repos) error {
			return tx.Outbox().Append(ctx,
				publishing.Message{Event: "e1", Article: "a", Payload: []byte(`{"n":1}`), CreatedAt: t0},
				publishing.Message{Event: "e2", Article: "a", Payload: []byte(`{"n":2}`), CreatedAt: t0})
		})
		pending := func() []publishing.Message {
			var ms []publishing.Message
			_ = uow.Do(ctx, func(tx publishing.Repos) (err error) { ms, err = tx.Outbox().Pending(ctx, 10, 2); return err })
			return ms
		}
		ms := pending()
		if len(ms) != 2 || ms[0].Event != "e1" || ms[1].Event != "e2" || ms[0].ID >= ms[1].ID {
			t.Fatalf("Pending = %+v, want e1 then e2 with increasing IDs", ms)
		}
		if string(ms[1].Payload) != `{"n": 2}` && string(ms[1].Payload) != `{"n":2}` {
			t.Errorf("payload = %s, want {\"n\":2}", ms[1].Payload)
		}
		mark := func(f func(o publishing.Outbox) error) error {
			return uow.Do(ctx, func(tx publishing.Repos) error { return f(tx.Outbox()) })
		}
		if err := mark(func(o publishing.Outbox) error { return o.MarkDelivered(ctx, ms[0].ID) }); err != nil {
			t.Fatal(err)
		}
		if err := mark(func(o publishing.Outbox) error { return o.MarkFailed(ctx, ms[1].ID, "smtp down") }); err != nil {
			t.Fatal(err)
		}
		if ms := pending(); len(ms) != 1 || ms[0].Attempts != 1 || ms[0].LastError != "smtp down" {
			t.Errorf("Pending after one delivery and one failure = %+v, want e2 with 1 attempt", ms)
		}
		_ = mark(func(o publishing.Outbox) error { return o.MarkFailed(ctx, ms[1].ID, "smtp down") })
		if ms := pending(); len(ms) != 0 {
			t.Errorf("Pending after max attempts = %+v, want none (dead letter)", ms)
		}
		wantCode(t, "MarkDelivered(missing)", mark(func(o publishing.Outbox) error { return o.MarkDelivered(ctx, 99999) }), domain.ENOTFOUND)
	})

	t.Run("the service delivers events only after commit", func(t *testing.T) {
		uow := newUoW(t)
		var mu sync.Mutex
		var got []string
		relay := publishing.NewRelay(uow, func(_ context.Context, m publishing.Message) error {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, m.Event+" "+m.Article)
			return nil
		}, 3, slog.New(slog.NewTextHandler(io.Discard, nil)))
		svc := publishing.NewService(uow, publishing.WithClock(func() time.Time { return t0 }), publishing.WithAfterCommit(relay.FlushAfterCommit))

		v, err := svc.Draft(ctx, ada, publishing.DraftInput{Title: "Flow", Body: "one two three four five", Notify: "ada@example.com"})
		if err != nil {
			t.Fatalf("Draft: %v", err)
		}
		if _, err := svc.Submit(ctx, ada, v.Slug); err != nil {
			t.Fatalf("Submit: %v", err)
		}
		// A commit that fails: fn succeeds, then the unit of work errors.
		broken := publishing.NewService(failingCommit{uow}, publishing.WithAfterCommit(relay.FlushAfterCommit))
		if _, err := broken.Approve(ctx, grace, v.Slug); !errors.Is(err, errCommit) {
			t.Fatalf("Approve over a failing commit = %v, want errCommit", err)
		}
		if v, _ := svc.Get(ctx, grace, v.Slug); v.Status != "review" {
			t.Errorf("status after the failed commit = %s, want review", v.Status)
		}
		if _, err := svc.Approve(ctx, grace, v.Slug); err != nil {
			t.Fatalf("Approve: %v", err)
		}
		want := "[article.drafted flow article.submitted flow article.published flow]"
		if fmt.Sprint(got) != want {
			t.Errorf("delivered events = %v, want %s (nothing from the failed commit)", got, want)
		}
	})

	t.Run("the review quota holds under concurrent submits", func(t *testing.T) {
		uow := newUoW(t)
		svc := publishing.NewService(uow)
		const n = domain.MaxInReview + 2
		for i := range n {
			if _, err := svc.Draft(ctx, ada, publishing.DraftInput{Title: fmt.Sprintf("Quota %d", i), Body: "one two three four five", Notify: "ada@example.com"}); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = svc.Submit(ctx, ada, fmt.Sprintf("quota-%d", i))
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch domain.ErrorCode(err) {
			case "":
				ok++
			case domain.ECONFLICT:
			default:
				t.Errorf("concurrent Submit error = %v, want nil or a quota conflict", err)
			}
		}
		if ok != domain.MaxInReview {
			t.Errorf("%d of %d concurrent submits succeeded, want exactly %d", ok, n, domain.MaxInReview)
		}
	})
}

var errCommit = errors.New("commit failed: connection lost")

// failingCommit runs fn inside the real unit of work, then fails as a
// broken COMMIT would: the adapter rolls everything back.
type failingCommit struct{ inner publishing.UnitOfWork }

func (f failingCommit) Do(ctx context.Context, fn func(tx publishing.Repos) error) error {
	return f.inner.Do(ctx, func(tx publishing.Repos) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errCommit
	})
}

func assertEmpty(t *testing.T, uow publishing.UnitOfWork) {
	t.Helper()
	_ = uow.Do(context.Background(), func(tx publishing.Repos) error {
		as, err := tx.Articles().List(context.Background(), "", 10)
		if err != nil || len(as) != 0 {
			t.Errorf("articles after rollback = %d (%v), want none", len(as), err)
		}
		ms, err := tx.Outbox().Pending(context.Background(), 10, 10)
		if err != nil || len(ms) != 0 {
			t.Errorf("outbox after rollback = %d (%v), want empty", len(ms), err)
		}
		return nil
	})
}
