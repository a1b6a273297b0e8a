package service_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"workbook/capstone/conduit"
	"workbook/capstone/memory"
	"workbook/capstone/service"
)

type mailbox struct {
	mu   sync.Mutex
	sent []service.Email
}

func (m *mailbox) Send(_ context.Context, e service.Email) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, e)
	return nil
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestSchedulerNext(t *testing.T) {
	s := &service.Scheduler{At: 7 * time.Hour}
	for _, c := range []struct{ now, want string }{
		{"2026-12-03T06:59:59Z", "2026-12-03T07:00:00Z"},
		{"2026-12-03T07:00:00Z", "2026-12-04T07:00:00Z"}, // the run at now is not the next one
		{"2026-12-03T07:00:01Z", "2026-12-04T07:00:00Z"},
		{"2026-12-31T23:00:00Z", "2027-01-01T07:00:00Z"},
		{"2026-02-28T08:00:00Z", "2026-03-01T07:00:00Z"},
		{"2026-12-03T10:30:00+05:00", "2026-12-03T07:00:00Z"}, // 05:30 UTC: the day and time are UTC's
	} {
		if got := s.Next(utc(c.now)); !got.Equal(utc(c.want)) {
			t.Errorf("Next(%s) = %s, want %s", c.now, got.Format(time.RFC3339), c.want)
		}
	}
}

// TestSchedulerOneReplicaPlans: two replicas fire for the same day; only
// the one whose claim won queues the plan.
func TestSchedulerOneReplicaPlans(t *testing.T) {
	store, jobs := memory.New(), &recordingQueue{}
	run := utc("2026-12-03T07:00:00Z")
	var queued int
	for range 2 {
		s := &service.Scheduler{Effects: store, Jobs: jobs, At: 7 * time.Hour}
		ok, err := s.Fire(context.Background(), run)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			queued++
		}
	}
	if js := jobs.take(); queued != 1 || len(js) != 1 || js[0].Kind != service.JobDigestPlan || js[0].Key != "2026-12-03" {
		t.Errorf("two replicas firing: %d reported queuing, jobs %+v; want one plan for 2026-12-03", queued, js)
	}
}

// TestSchedulerRunCatchesUpAndWaits: started at 09:00 with the 07:00 run
// unclaimed, it plans today at once; then it waits for tomorrow's 07:00.
func TestSchedulerRunCatchesUpAndWaits(t *testing.T) {
	store, jobs := memory.New(), &recordingQueue{}
	var mu sync.Mutex
	now := utc("2026-12-03T09:00:00Z")
	waits := make(chan time.Duration, 4)
	tick := make(chan time.Time)
	s := &service.Scheduler{Effects: store, Jobs: jobs, At: 7 * time.Hour,
		Now:   func() time.Time { mu.Lock(); defer mu.Unlock(); return now },
		After: func(d time.Duration) <-chan time.Time { waits <- d; return tick }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()

	if d := <-waits; d != 22*time.Hour {
		t.Errorf("first wait = %s, want 22h (09:00 → 07:00 tomorrow)", d)
	}
	if js := jobs.take(); len(js) != 1 || js[0].Key != "2026-12-03" {
		t.Errorf("at start, past today's time: jobs %+v, want today's plan", js)
	}
	mu.Lock()
	now = utc("2026-12-04T07:00:00Z")
	mu.Unlock()
	tick <- now
	if d := <-waits; d != 24*time.Hour {
		t.Errorf("wait after a run = %s, want 24h", d)
	}
	if js := jobs.take(); len(js) != 1 || js[0].Key != "2026-12-04" {
		t.Errorf("at tomorrow's time: jobs %+v, want the plan of 2026-12-04", js)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}

	// A replica started later the same day finds the day claimed: no plan.
	s2 := &service.Scheduler{Effects: store, Jobs: jobs, At: 7 * time.Hour,
		Now: func() time.Time { return utc("2026-12-04T08:00:00Z") }, After: func(time.Duration) <-chan time.Time { return nil }}
	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel2() }()
	_ = s2.Run(ctx2)
	if js := jobs.take(); len(js) != 0 {
		t.Errorf("a replica starting after the day's run was claimed queued %+v", js)
	}
}

type digestWorld struct {
	store   *memory.Store
	jobs    *recordingQueue
	mail    *mailbox
	digests *service.Digests
}

func newDigestWorld() digestWorld {
	w := digestWorld{store: memory.New(), jobs: &recordingQueue{}, mail: &mailbox{}}
	emails := &service.AccountEmails{Users: w.store, Mailer: w.mail, BaseURL: "https://conduit.example", Domain: "conduit.example", Effects: w.store}
	w.digests = &service.Digests{Store: w.store, Jobs: w.jobs, Emails: emails}
	return w
}

func (w digestWorld) user(t *testing.T, name string) *conduit.User {
	t.Helper()
	u := &conduit.User{Username: name, Email: name + "@example.com", PasswordHash: "x"}
	if err := w.store.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func (w digestWorld) article(t *testing.T, author *conduit.User, slug, at string) {
	t.Helper()
	a := &conduit.Article{Slug: slug, Title: "Title " + slug, Description: "d", Body: "b", TagList: []string{}, AuthorID: author.ID,
		CreatedAt: utc(at), UpdatedAt: utc(at)}
	if err := w.store.CreateArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
}

func TestDigestPlanQueuesOneJobPerUser(t *testing.T) {
	w := newDigestWorld()
	var want []string
	for i := range 3 {
		u := w.user(t, fmt.Sprintf("u%d", i))
		want = append(want, fmt.Sprintf("2026-12-03:%d", u.ID))
	}
	if err := w.digests.Plan(context.Background(), service.Job{Kind: service.JobDigestPlan, Key: "2026-12-03"}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, j := range w.jobs.take() {
		if j.Kind != service.JobDigest {
			t.Errorf("plan queued a %s job", j.Kind)
		}
		got = append(got, j.Key)
	}
	if !slices.Equal(got, want) {
		t.Errorf("digest jobs = %v, want %v", got, want)
	}
	for _, bad := range []string{"", "2026-13-01", "yesterday"} {
		if err := w.digests.Plan(context.Background(), service.Job{Kind: service.JobDigestPlan, Key: bad}); err == nil {
			t.Errorf("Plan(%q) = nil, want a permanent error", bad)
		}
	}
}

// TestDigestListsYesterdaysFeedOnce: the digest of the 3rd lists what the
// followed authors wrote on the 2nd (UTC) — not the 1st, not the 3rd, not
// by anyone else — and a second delivery of the job sends nothing.
func TestDigestListsYesterdaysFeedOnce(t *testing.T) {
	w := newDigestWorld()
	ctx := context.Background()
	reader, author, stranger := w.user(t, "reader"), w.user(t, "author"), w.user(t, "stranger")
	if err := w.store.Follow(ctx, reader.ID, author.ID); err != nil {
		t.Fatal(err)
	}
	w.article(t, author, "too-old", "2026-12-01T23:59:59Z")
	w.article(t, author, "first-minute", "2026-12-02T00:00:00Z")
	w.article(t, author, "last-minute", "2026-12-02T23:59:59Z")
	w.article(t, author, "today", "2026-12-03T00:00:00Z")
	w.article(t, stranger, "not-followed", "2026-12-02T12:00:00Z")
	job := service.Job{Kind: service.JobDigest, Key: fmt.Sprintf("2026-12-03:%d", reader.ID)}
	for range 2 {
		if err := w.digests.Handle(ctx, job); err != nil {
			t.Fatal(err)
		}
	}
	if len(w.mail.sent) != 1 {
		t.Fatalf("two deliveries of one digest job sent %d emails, want 1", len(w.mail.sent))
	}
	e := w.mail.sent[0]
	for _, want := range []string{"last-minute", "first-minute"} {
		if !strings.Contains(e.Text, "/article/"+want) || !strings.Contains(e.HTML, "/article/"+want) {
			t.Errorf("digest lacks %s:\n%s", want, e.Text)
		}
	}
	for _, not := range []string{"too-old", "/article/today", "not-followed"} {
		if strings.Contains(e.Text, not) {
			t.Errorf("digest lists %s, outside the day or the feed:\n%s", not, e.Text)
		}
	}
	if e.To != "reader@example.com" || !strings.Contains(e.Subject, "2026-12-02") || e.MessageID != fmt.Sprintf("<digest-2026-12-03-%d@conduit.example>", reader.ID) {
		t.Errorf("to %q, subject %q, Message-ID %q", e.To, e.Subject, e.MessageID)
	}

	// Nothing new for the author (who follows nobody): no email.
	if err := w.digests.Handle(ctx, service.Job{Kind: service.JobDigest, Key: fmt.Sprintf("2026-12-03:%d", author.ID)}); err != nil {
		t.Fatal(err)
	}
	if len(w.mail.sent) != 1 {
		t.Errorf("a user with an empty day got a digest: %+v", w.mail.sent[1:])
	}
	for _, bad := range []string{"2026-12-03", "2026-12-03:x", "x:1"} {
		if err := w.digests.Handle(ctx, service.Job{Kind: service.JobDigest, Key: bad}); err == nil {
			t.Errorf("Handle(%q) = nil, want a permanent error", bad)
		}
	}
}

func TestDigestShowsTenAndCountsTheRest(t *testing.T) {
	w := newDigestWorld()
	ctx := context.Background()
	reader, author := w.user(t, "reader"), w.user(t, "author")
	if err := w.store.Follow(ctx, reader.ID, author.ID); err != nil {
		t.Fatal(err)
	}
	for i := range 60 { // more than one page of the feed (conduit.MaxLimit)
		w.article(t, author, fmt.Sprintf("a%02d", i), fmt.Sprintf("2026-12-02T%02d:%02d:00Z", i/60+10, i%60))
	}
	if err := w.digests.Handle(ctx, service.Job{Kind: service.JobDigest, Key: fmt.Sprintf("2026-12-03:%d", reader.ID)}); err != nil {
		t.Fatal(err)
	}
	e := w.mail.sent[0]
	if n := strings.Count(e.Text, "/article/"); n != 10 || !strings.Contains(e.Text, "and 50 more") || !strings.Contains(e.Text, "/article/a59") {
		t.Errorf("digest shows %d articles:\n%s\nwant the 10 newest and \"and 50 more\"", n, e.Text)
	}
}

// TestWelcomeSentOnce: with an effect store, a welcome job delivered twice
// sends one email.
func TestWelcomeSentOnce(t *testing.T) {
	w := newDigestWorld()
	u := w.user(t, "ann")
	emails := w.digests.Emails
	for range 2 {
		if err := emails.Handle(context.Background(), emails.Job(u.ID, "en")); err != nil {
			t.Fatal(err)
		}
	}
	if len(w.mail.sent) != 1 {
		t.Errorf("a welcome job delivered twice sent %d emails, want 1", len(w.mail.sent))
	}
}
