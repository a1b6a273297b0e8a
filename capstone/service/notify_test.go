package service_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"workbook/capstone/conduit"
	"workbook/capstone/memory"
	"workbook/capstone/service"
)

// recordingQueue keeps published jobs for the test to run by hand.
type recordingQueue struct {
	mu   sync.Mutex
	jobs []service.Job
	fail error
}

func (q *recordingQueue) Publish(_ context.Context, j service.Job) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.fail != nil {
		return q.fail
	}
	q.jobs = append(q.jobs, j)
	return nil
}

func (q *recordingQueue) Run(ctx context.Context, _ service.JobHandler) error {
	<-ctx.Done()
	return nil
}

func (q *recordingQueue) take() []service.Job {
	q.mu.Lock()
	defer q.mu.Unlock()
	js := q.jobs
	q.jobs = nil
	return js
}

// recordingBus keeps broadcast notifications.
type recordingBus struct{ got []service.Notification }

func (b *recordingBus) Publish(_ context.Context, n service.Notification) error {
	b.got = append(b.got, n)
	return nil
}

func (b *recordingBus) Subscribe(ctx context.Context, _ func(service.Notification)) error {
	<-ctx.Done()
	return nil
}

type notifyWorld struct {
	store    service.Store
	jobs     *recordingQueue
	bus      *recordingBus
	notifier *service.Notifier
}

func newNotifyWorld() notifyWorld {
	mem := memory.New()
	w := notifyWorld{jobs: &recordingQueue{}, bus: &recordingBus{}}
	w.notifier = &service.Notifier{Store: mem, Jobs: w.jobs, Bus: w.bus}
	w.store = service.NotifyingStore{Store: mem, Notifier: w.notifier}
	return w
}

// runJobs handles every queued job, as a worker would.
func (w notifyWorld) runJobs(t *testing.T) {
	t.Helper()
	for _, j := range w.jobs.take() {
		if err := w.notifier.Handle(context.Background(), j); err != nil {
			t.Fatalf("Handle(%+v) = %v", j, err)
		}
	}
}

func (w notifyWorld) user(t *testing.T, name string) *conduit.User {
	t.Helper()
	u := &conduit.User{Username: name, Email: name + "@example.com", PasswordHash: "x", Image: "https://img/" + name}
	if err := w.store.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func (w notifyWorld) article(t *testing.T, author *conduit.User, slug string) *conduit.Article {
	t.Helper()
	now := time.Now().UTC().Truncate(time.Microsecond)
	a := &conduit.Article{Slug: slug, Title: "T " + slug, Description: "d", Body: "b", TagList: []string{}, AuthorID: author.ID, CreatedAt: now, UpdatedAt: now}
	if err := w.store.CreateArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestNotifyFollowOnlyWhenNew(t *testing.T) {
	w := newNotifyWorld()
	ctx := context.Background()
	ann, bob := w.user(t, "ann"), w.user(t, "bob")
	for range 2 {
		if err := w.store.Follow(ctx, ann.ID, bob.ID); err != nil {
			t.Fatal(err)
		}
	}
	w.runJobs(t)
	if len(w.bus.got) != 1 {
		t.Fatalf("two follows of the same user broadcast %d notifications, want 1: %+v", len(w.bus.got), w.bus.got)
	}
	n := w.bus.got[0]
	if n.Type != service.NotifyFollower || !slices.Equal(n.To, []int64{bob.ID}) || n.Actor.Username != "ann" || n.Actor.Image != "https://img/ann" || n.ID == "" {
		t.Errorf("follow notification = %+v, want one to bob from ann", n)
	}
	// Unfollowed before the job ran: nobody is told.
	if err := w.store.Unfollow(ctx, ann.ID, bob.ID); err != nil {
		t.Fatal(err)
	}
	if err := w.store.Follow(ctx, ann.ID, bob.ID); err != nil {
		t.Fatal(err)
	}
	if err := w.store.Unfollow(ctx, ann.ID, bob.ID); err != nil {
		t.Fatal(err)
	}
	w.runJobs(t)
	if len(w.bus.got) != 1 {
		t.Errorf("a follow undone before its job ran still broadcast: %+v", w.bus.got[1:])
	}
}

func TestNotifyCommentTellsTheAuthorButNotForOwnComments(t *testing.T) {
	w := newNotifyWorld()
	ctx := context.Background()
	ann, bob := w.user(t, "ann"), w.user(t, "bob")
	a := w.article(t, bob, "dragons")
	w.runJobs(t) // the article's own job: bob has no followers
	if len(w.bus.got) != 0 {
		t.Fatalf("an article by a user without followers broadcast %+v", w.bus.got)
	}
	for _, c := range []*conduit.Comment{{ArticleID: a.ID, AuthorID: ann.ID, Body: "Nice"}, {ArticleID: a.ID, AuthorID: bob.ID, Body: "Thanks"}} {
		c.CreatedAt, c.UpdatedAt = time.Now().UTC(), time.Now().UTC()
		if err := w.store.CreateComment(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	w.runJobs(t)
	if len(w.bus.got) != 1 {
		t.Fatalf("got %d notifications for ann's and bob's comments on bob's article, want 1 (bob's own is not news)", len(w.bus.got))
	}
	n := w.bus.got[0]
	if n.Type != service.NotifyComment || !slices.Equal(n.To, []int64{bob.ID}) || n.Actor.Username != "ann" ||
		n.Comment == nil || n.Comment.Body != "Nice" || n.Article == nil || n.Article.Slug != "dragons" || n.Article.Title != "T dragons" {
		t.Errorf("comment notification = %+v", n)
	}
	// A comment deleted before its job ran tells nobody.
	c := &conduit.Comment{ArticleID: a.ID, AuthorID: ann.ID, Body: "oops", CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := w.store.CreateComment(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := w.store.DeleteComment(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	w.runJobs(t)
	if len(w.bus.got) != 1 {
		t.Errorf("a deleted comment was still broadcast: %+v", w.bus.got[1:])
	}
}

// TestNotifyArticleFansOutInBatches: an author with more followers than
// one batch holds gets every follower told exactly once per delivery, in
// batches with distinct, stable IDs; a retry after a failed batch repeats
// the IDs, so clients can drop what they had.
func TestNotifyArticleFansOutInBatches(t *testing.T) {
	w := newNotifyWorld()
	ctx := context.Background()
	author := w.user(t, "author")
	var want []int64
	for i := range 1201 {
		f := w.user(t, fmt.Sprintf("f%d", i))
		if err := w.store.Follow(ctx, f.ID, author.ID); err != nil {
			t.Fatal(err)
		}
		want = append(want, f.ID)
	}
	stranger := w.user(t, "stranger")
	_ = w.jobs.take() // the follow jobs
	w.article(t, author, "big-news")
	jobs := w.jobs.take()
	if len(jobs) != 1 || jobs[0].Kind != service.JobNotify {
		t.Fatalf("creating an article queued %+v, want one notify job", jobs)
	}
	w.bus.got = nil
	if err := w.notifier.Handle(ctx, jobs[0]); err != nil {
		t.Fatal(err)
	}
	var got []int64
	ids := map[string]bool{}
	for _, n := range w.bus.got {
		if n.Type != service.NotifyArticle || n.Article.Slug != "big-news" || n.Actor.Username != "author" || len(n.To) > 500 {
			t.Errorf("batch %s = type %s, article %+v, %d recipients", n.ID, n.Type, n.Article, len(n.To))
		}
		if ids[n.ID] {
			t.Errorf("two batches share the ID %q", n.ID)
		}
		ids[n.ID] = true
		got = append(got, n.To...)
	}
	if !slices.Equal(got, want) || slices.Contains(got, stranger.ID) {
		t.Fatalf("recipients: %d (first %v), want the %d followers once each, in order", len(got), got[:min(3, len(got))], len(want))
	}
	if len(w.bus.got) != 3 {
		t.Errorf("%d batches for 1201 followers, want 3 (500, 500, 201)", len(w.bus.got))
	}
	first := w.bus.got

	// The second batch fails: the job fails (to be retried), and the retry
	// sends the same batches under the same IDs.
	w.bus.got = nil
	b := &flakyBus{inner: w.bus, failAt: 2}
	w.notifier.Bus = b
	if err := w.notifier.Handle(ctx, jobs[0]); err == nil {
		t.Fatal("Handle with a failing broadcast = nil, want the error (so the job is retried)")
	}
	if err := w.notifier.Handle(ctx, jobs[0]); err != nil {
		t.Fatal(err)
	}
	var again []string
	for _, n := range w.bus.got {
		again = append(again, n.ID)
	}
	wantIDs := []string{first[0].ID, first[0].ID, first[1].ID, first[2].ID}
	if !slices.Equal(again, wantIDs) {
		t.Errorf("IDs over a failed try and its retry = %v, want %v", again, wantIDs)
	}
}

// flakyBus fails the failAt-th Publish (1-based), once.
type flakyBus struct {
	inner  *recordingBus
	n      int
	failAt int
}

func (b *flakyBus) Publish(ctx context.Context, n service.Notification) error {
	b.n++
	if b.n == b.failAt {
		return errors.New("broker down")
	}
	return b.inner.Publish(ctx, n)
}

func (b *flakyBus) Subscribe(ctx context.Context, d func(service.Notification)) error {
	return b.inner.Subscribe(ctx, d)
}

func TestNotifyBadKeysArePermanentAndQueueFailuresAreCounted(t *testing.T) {
	w := newNotifyWorld()
	for _, key := range []string{"", "comment", "comment:x", "follow:1:2", "article:1:2", "party:1"} {
		err := w.notifier.Handle(context.Background(), service.Job{Kind: service.JobNotify, Key: key})
		if !errors.Is(err, service.ErrPermanent) {
			t.Errorf("Handle(key %q) = %v, want ErrPermanent", key, err)
		}
	}
	ann, bob := w.user(t, "ann"), w.user(t, "bob")
	w.jobs.fail = errors.New("queue full")
	if err := w.store.Follow(context.Background(), ann.ID, bob.ID); err != nil {
		t.Errorf("Follow with a refusing queue = %v, want nil: the write stands", err)
	}
	if w.notifier.Dropped() != 1 {
		t.Errorf("Dropped = %d, want 1", w.notifier.Dropped())
	}
}
