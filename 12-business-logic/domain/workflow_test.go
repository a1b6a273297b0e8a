package domain

import (
	"fmt"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func mustActor(id string, role Role) Actor {
	a, err := NewActor(id, string(role))
	if err != nil {
		panic(err)
	}
	return a
}

var (
	ada   = mustActor("ada", RoleAuthor) // the author
	bob   = mustActor("bob", RoleAuthor) // another author
	grace = mustActor("grace", RoleEditor)
	adaEd = mustActor("ada", RoleEditor) // the author, acting as an editor
)

// articleIn returns ada's article in status st (built through the workflow).
func articleIn(t *testing.T, st Status) *Article {
	t.Helper()
	title, _ := NewTitle("A title")
	body, _ := NewBody("one two three four five")
	email, _ := NewEmail("ada@example.com")
	a, err := NewArticle(ada, email, title, body, t0)
	if err != nil {
		t.Fatal(err)
	}
	steps := map[Status][]func() error{
		StatusDraft:     nil,
		StatusReview:    {func() error { return a.Submit(ada, DefaultPolicy(), t0) }},
		StatusPublished: {func() error { return a.Submit(ada, DefaultPolicy(), t0) }, func() error { return a.Approve(grace, t0) }},
		StatusArchived:  {func() error { return a.Archive(ada, t0) }},
	}
	for _, step := range steps[st] {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	a.PullEvents()
	return a
}

func apply(a *Article, action Action, actor Actor) error {
	switch action {
	case ActionSubmit:
		return a.Submit(actor, DefaultPolicy(), t0.Add(time.Hour))
	case ActionApprove:
		return a.Approve(actor, t0.Add(time.Hour))
	case ActionReject:
		return a.Reject(actor, "needs sources", t0.Add(time.Hour))
	case ActionArchive:
		return a.Archive(actor, t0.Add(time.Hour))
	}
	return fmt.Errorf("unknown action %s", action)
}

// TestWorkflowMatrix checks every (status, action, actor) against the table.
func TestWorkflowMatrix(t *testing.T) {
	type want struct {
		to   Status // "" when refused
		code string
	}
	ok := func(to Status) want { return want{to: to} }
	conflict, forbidden := want{code: ECONFLICT}, want{code: EFORBIDDEN}
	actors := map[string]Actor{"author": ada, "other author": bob, "editor": grace, "author as editor": adaEd}
	tests := []struct {
		from   Status
		action Action
		wants  map[string]want
	}{
		{StatusDraft, ActionSubmit, map[string]want{"author": ok(StatusReview), "other author": forbidden, "editor": forbidden, "author as editor": forbidden}},
		{StatusDraft, ActionApprove, map[string]want{"author": conflict, "other author": conflict, "editor": conflict, "author as editor": conflict}},
		{StatusDraft, ActionReject, map[string]want{"author": conflict, "other author": conflict, "editor": conflict, "author as editor": conflict}},
		{StatusDraft, ActionArchive, map[string]want{"author": ok(StatusArchived), "other author": forbidden, "editor": ok(StatusArchived), "author as editor": ok(StatusArchived)}},
		{StatusReview, ActionSubmit, map[string]want{"author": conflict, "other author": conflict, "editor": conflict, "author as editor": conflict}},
		{StatusReview, ActionApprove, map[string]want{"author": forbidden, "other author": forbidden, "editor": ok(StatusPublished), "author as editor": forbidden}},
		{StatusReview, ActionReject, map[string]want{"author": forbidden, "other author": forbidden, "editor": ok(StatusDraft), "author as editor": ok(StatusDraft)}},
		{StatusReview, ActionArchive, map[string]want{"author": conflict, "other author": conflict, "editor": conflict, "author as editor": conflict}},
		{StatusPublished, ActionSubmit, map[string]want{"author": conflict, "editor": conflict}},
		{StatusPublished, ActionApprove, map[string]want{"author": conflict, "editor": conflict}},
		{StatusPublished, ActionArchive, map[string]want{"author": ok(StatusArchived), "other author": forbidden, "editor": ok(StatusArchived)}},
		{StatusArchived, ActionSubmit, map[string]want{"author": conflict, "editor": conflict}},
		{StatusArchived, ActionArchive, map[string]want{"author": conflict, "editor": conflict}},
		{StatusArchived, ActionReject, map[string]want{"editor": conflict}},
	}
	for _, tc := range tests {
		for who, w := range tc.wants {
			t.Run(fmt.Sprintf("%s %s by %s", tc.action, tc.from, who), func(t *testing.T) {
				a := articleIn(t, tc.from)
				err := apply(a, tc.action, actors[who])
				if got := ErrorCode(err); got != w.code {
					t.Fatalf("%s on %s by %s: error %v (code %q), want code %q", tc.action, tc.from, who, err, got, w.code)
				}
				wantStatus := tc.from
				if w.to != "" {
					wantStatus = w.to
				}
				if a.Status() != wantStatus {
					t.Errorf("status after %s on %s by %s = %s, want %s", tc.action, tc.from, who, a.Status(), wantStatus)
				}
				if events := a.PullEvents(); (len(events) == 1) != (w.to != "") {
					t.Errorf("%s on %s by %s recorded %d events, want %d", tc.action, tc.from, who, len(events), map[bool]int{true: 1}[w.to != ""])
				}
			})
		}
	}
}

func TestBusinessRules(t *testing.T) {
	t.Run("submit needs a real body", func(t *testing.T) {
		a := articleIn(t, StatusDraft)
		short, _ := NewBody("too short")
		title, _ := NewTitle("A title")
		if err := a.Revise(ada, title, short, t0); err != nil {
			t.Fatal(err)
		}
		if err := a.Submit(ada, DefaultPolicy(), t0); ErrorCode(err) != EINVALID || a.Status() != StatusDraft {
			t.Errorf("Submit with 2 words = %v, status %s; want EINVALID and still draft", err, a.Status())
		}
	})
	t.Run("reject needs a reason", func(t *testing.T) {
		a := articleIn(t, StatusReview)
		if err := a.Reject(grace, "   ", t0); ErrorCode(err) != EINVALID || a.Status() != StatusReview {
			t.Errorf("Reject without reason = %v, status %s; want EINVALID and still in review", err, a.Status())
		}
		if err := a.Reject(grace, "cite your sources", t0); err != nil || a.RejectionReason() != "cite your sources" {
			t.Errorf("Reject = %v, reason %q", err, a.RejectionReason())
		}
	})
	t.Run("only drafts are revised, only by their author", func(t *testing.T) {
		title, _ := NewTitle("New")
		if err := articleIn(t, StatusReview).Revise(ada, title, Body{}, t0); ErrorCode(err) != ECONFLICT {
			t.Errorf("Revise in review = %v, want ECONFLICT", err)
		}
		if err := articleIn(t, StatusDraft).Revise(bob, title, Body{}, t0); ErrorCode(err) != EFORBIDDEN {
			t.Errorf("Revise by another author = %v, want EFORBIDDEN", err)
		}
	})
	t.Run("review quota", func(t *testing.T) {
		for n, want := range map[int]string{0: "", MaxInReview - 1: "", MaxInReview: ECONFLICT, MaxInReview + 5: ECONFLICT} {
			if got := ErrorCode(DefaultPolicy().CheckReviewQuota(n)); got != want {
				t.Errorf("CheckReviewQuota(%d) code = %q, want %q", n, got, want)
			}
		}
	})
	t.Run("events are pulled once", func(t *testing.T) {
		a := articleIn(t, StatusReview)
		_ = a.Approve(grace, t0)
		events := a.PullEvents()
		if len(events) != 1 || events[0].EventName() != "article.published" || events[0].Article() != a.Slug() {
			t.Errorf("PullEvents = %v, want one article.published", events)
		}
		if again := a.PullEvents(); len(again) != 0 {
			t.Errorf("second PullEvents = %v, want none", again)
		}
	})
	t.Run("allowed actions", func(t *testing.T) {
		a := articleIn(t, StatusReview)
		if got := fmt.Sprint(a.Allowed(grace)); got != "[approve reject]" {
			t.Errorf("Allowed(editor) in review = %s, want [approve reject]", got)
		}
		if got := fmt.Sprint(a.Allowed(ada)); got != "[]" {
			t.Errorf("Allowed(author) in review = %s, want []", got)
		}
	})
	t.Run("rehydrate rejects corrupt rows", func(t *testing.T) {
		snap := articleIn(t, StatusDraft).Snapshot()
		snap.Status = "deleted"
		if _, err := RehydrateArticle(snap); err == nil {
			t.Errorf("RehydrateArticle(status %q) succeeded, want an error", snap.Status)
		}
	})
}
