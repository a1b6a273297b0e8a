package afterevents

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
	"testing"
)

// store is a test UnitOfWork over a map of statuses, with switches to make
// the commit fail or to run fn twice (as a retried conflict would).
type store struct {
	mu         sync.Mutex
	committed  map[string]string
	failCommit bool
	retryOnce  bool
}

var errCommit = errors.New("commit failed: connection reset")

type tx struct{ statuses map[string]string }

func (t *tx) Get(slug string) (*Article, error) {
	st, ok := t.statuses[slug]
	if !ok {
		return nil, fmt.Errorf("article %s not found", slug)
	}
	return &Article{Slug: slug, Status: st}, nil
}

func (t *tx) Save(a *Article) error { t.statuses[a.Slug] = a.Status; return nil }

func (s *store) Do(ctx context.Context, fn func(Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	runs := 1
	if s.retryOnce {
		runs = 2 // the first run "conflicts" and is thrown away
	}
	var work *tx
	for range runs {
		work = &tx{statuses: maps.Clone(s.committed)}
		if err := fn(work); err != nil {
			return err
		}
	}
	if s.failCommit {
		return errCommit
	}
	s.committed = work.statuses
	return nil
}

func (s *store) status(slug string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.committed[slug]
}

// recorder is a Dispatcher that remembers what it got and what the store
// said at that moment (to prove dispatch happens after commit).
type recorder struct {
	s       *store
	batches [][]Event
	seen    []string // "slug=status" read from the committed state during Dispatch
}

func (r *recorder) Dispatch(_ context.Context, events []Event) {
	r.batches = append(r.batches, events)
	for _, e := range events {
		r.seen = append(r.seen, e.Slug+"="+r.s.status(e.Slug))
	}
}

func setup() (*Service, *store, *recorder) {
	s := &store{committed: map[string]string{"a": "review", "b": "review", "c": "draft"}}
	r := &recorder{s: s}
	return &Service{UoW: s, Events: r}, s, r
}

func TestEventsAreDispatchedAfterCommit(t *testing.T) {
	svc, s, r := setup()
	if err := svc.Approve(context.Background(), "a"); err != nil {
		t.Fatalf("Approve(a) = %v, want nil", err)
	}
	if got := fmt.Sprint(r.batches); got != "[[{article.published a}]]" {
		t.Errorf("dispatched %s, want one batch with article.published for a", got)
	}
	if fmt.Sprint(r.seen) != "[a=published]" {
		t.Errorf("during Dispatch the committed state said %v, want [a=published]: dispatch must come after the commit", r.seen)
	}
	if s.status("a") != "published" {
		t.Errorf("a is %s, want published", s.status("a"))
	}
}

func TestNothingIsDispatchedWhenTheCommitFails(t *testing.T) {
	svc, s, r := setup()
	s.failCommit = true
	if err := svc.Approve(context.Background(), "a"); !errors.Is(err, errCommit) {
		t.Errorf("Approve over a failing commit = %v, want errCommit", err)
	}
	if len(r.batches) != 0 {
		t.Errorf("dispatched %v for a change that never committed, want nothing", r.batches)
	}
	if s.status("a") != "review" {
		t.Errorf("a is %s after a failed commit, want review", s.status("a"))
	}
}

func TestNothingIsDispatchedWhenTheUseCaseFails(t *testing.T) {
	svc, s, r := setup()
	// a approves fine, then c (a draft) fails: the whole unit rolls back,
	// and a's recorded event must not escape.
	err := svc.ApproveAll(context.Background(), "a", "c")
	if !errors.Is(err, ErrNotInReview) {
		t.Errorf("ApproveAll(a, c) = %v, want ErrNotInReview", err)
	}
	if len(r.batches) != 0 {
		t.Errorf("dispatched %v after a rollback, want nothing", r.batches)
	}
	if s.status("a") != "review" {
		t.Errorf("a is %s after the rollback, want review", s.status("a"))
	}
}

func TestManyAggregatesDispatchInOrderOnce(t *testing.T) {
	svc, _, r := setup()
	if err := svc.ApproveAll(context.Background(), "b", "a"); err != nil {
		t.Fatalf("ApproveAll(b, a) = %v", err)
	}
	want := "[[{article.published b} {article.published a}]]"
	if got := fmt.Sprint(r.batches); got != want {
		t.Errorf("dispatched %s, want %s", got, want)
	}
	// A use case that changes nothing dispatches nothing.
	err := svc.Run(context.Background(), func(tx Tx, track func(*Article)) error {
		a, err := tx.Get("a")
		if err == nil {
			track(a)
			track(a) // tracking twice must not duplicate events
		}
		return err
	})
	if err != nil || len(r.batches) != 1 {
		t.Errorf("a read-only Run = %v and %d batches, want nil and still 1", err, len(r.batches))
	}
}

func TestRetriedRunsDispatchOnlyTheCommittedRun(t *testing.T) {
	svc, s, r := setup()
	s.retryOnce = true
	if err := svc.Approve(context.Background(), "a"); err != nil {
		t.Fatalf("Approve(a) with a retry = %v", err)
	}
	if got := fmt.Sprint(r.batches); got != "[[{article.published a}]]" {
		t.Errorf("dispatched %s, want exactly one article.published for a (not one per run)", got)
	}
}
