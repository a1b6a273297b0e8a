package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Article is the aggregate of the publishing workflow. Its fields are
// unexported: every change goes through a method that checks the workflow
// and records what happened as an Event.
//
// The zero Article is not valid; get one from NewArticle or RehydrateArticle.
type Article struct {
	slug      Slug
	author    UserID
	notify    Email
	title     Title
	body      Body
	status    Status
	reason    string // why it was last rejected; "" otherwise
	version   int    // bumped by the repository on every save; detects lost updates
	createdAt time.Time
	updatedAt time.Time

	events []Event
}

// NewArticle starts a draft by author. Its slug comes from the title.
func NewArticle(author Actor, notify Email, title Title, body Body, now time.Time) (*Article, error) {
	switch {
	case author.IsZero():
		return nil, Errorf(EFORBIDDEN, "an actor is required")
	case author.Role != RoleAuthor:
		return nil, Errorf(EFORBIDDEN, "only authors write articles")
	case notify.IsZero():
		return nil, Errorf(EINVALID, "a notification email is required")
	case title.IsZero():
		return nil, Errorf(EINVALID, "title is required")
	}
	slug, err := SlugFromTitle(title)
	if err != nil {
		return nil, err
	}
	a := &Article{slug: slug, author: author.ID, notify: notify, title: title, body: body,
		status: StatusDraft, createdAt: now, updatedAt: now}
	a.record(ArticleDrafted{EventBase{slug, now}, author.ID})
	return a, nil
}

// Revise replaces title and body. Only the author may, and only in draft:
// what the editor reviewed is what gets published.
func (a *Article) Revise(actor Actor, title Title, body Body, now time.Time) error {
	if a.status != StatusDraft {
		return Errorf(ECONFLICT, "cannot revise an article in %s", a.status)
	}
	if err := authorOnly(a, actor); err != nil {
		return err
	}
	if title.IsZero() {
		return Errorf(EINVALID, "title is required")
	}
	a.title, a.body, a.updatedAt = title, body, now
	return nil
}

// Submit sends a draft to review, if its body is as long as policy asks.
func (a *Article) Submit(actor Actor, policy Policy, now time.Time) error {
	to, err := a.check(ActionSubmit, actor)
	if err != nil {
		return err
	}
	if w := a.body.Words(); w < policy.MinWordsForReview {
		return Errorf(EINVALID, "the body has %d words; write at least %d before asking for review", w, policy.MinWordsForReview)
	}
	a.move(to, now)
	a.reason = ""
	a.record(ArticleSubmitted{EventBase{a.slug, now}})
	return nil
}

// Approve publishes an article in review.
func (a *Article) Approve(actor Actor, now time.Time) error {
	to, err := a.check(ActionApprove, actor)
	if err != nil {
		return err
	}
	a.move(to, now)
	a.record(ArticlePublished{EventBase{a.slug, now}, actor.ID, a.notify})
	return nil
}

// Reject sends an article in review back to draft; reason (1–500
// characters) tells the author what to change.
func (a *Article) Reject(actor Actor, reason string, now time.Time) error {
	to, err := a.check(ActionReject, actor)
	if err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if n := utf8.RuneCountInString(reason); n == 0 || n > 500 {
		return Errorf(EINVALID, "a rejection needs a reason of 1-500 characters")
	}
	a.move(to, now)
	a.reason = reason
	a.record(ArticleRejected{EventBase{a.slug, now}, actor.ID, reason, a.notify})
	return nil
}

// Archive withdraws a draft or a published article. Archived is final.
func (a *Article) Archive(actor Actor, now time.Time) error {
	to, err := a.check(ActionArchive, actor)
	if err != nil {
		return err
	}
	a.move(to, now)
	a.record(ArticleArchived{EventBase{a.slug, now}, actor.ID})
	return nil
}

func (a *Article) move(to Status, now time.Time) { a.status, a.updatedAt = to, now }

func (a *Article) record(e Event) { a.events = append(a.events, e) }

// PullEvents returns the events recorded since the last call and forgets
// them, so that each is published once.
func (a *Article) PullEvents() []Event {
	out := a.events
	a.events = nil
	return out
}

func (a *Article) Slug() Slug              { return a.slug }
func (a *Article) Author() UserID          { return a.author }
func (a *Article) Title() Title            { return a.title }
func (a *Article) Body() Body              { return a.body }
func (a *Article) Status() Status          { return a.status }
func (a *Article) RejectionReason() string { return a.reason }
func (a *Article) Version() int            { return a.version }
func (a *Article) UpdatedAt() time.Time    { return a.updatedAt }

// ArticleSnapshot is an Article as plain data, for repositories to store.
type ArticleSnapshot struct {
	Slug, Author, Notify, Title, Body, Status, RejectionReason string
	Version                                                    int
	CreatedAt, UpdatedAt                                       time.Time
}

// Snapshot returns a's state as plain data.
func (a *Article) Snapshot() ArticleSnapshot {
	return ArticleSnapshot{
		Slug: a.slug.String(), Author: a.author.String(), Notify: a.notify.String(),
		Title: a.title.String(), Body: a.body.String(), Status: string(a.status),
		RejectionReason: a.reason, Version: a.version, CreatedAt: a.createdAt, UpdatedAt: a.updatedAt,
	}
}

// RehydrateArticle rebuilds an Article from stored data, re-validating every
// field: a row edited by hand into nonsense is an error, not an aggregate.
// It records no events (nothing happened; it was only loaded).
func RehydrateArticle(s ArticleSnapshot) (*Article, error) {
	slug, err := NewSlug(s.Slug)
	if err != nil {
		return nil, err
	}
	author, err := NewUserID(s.Author)
	if err != nil {
		return nil, err
	}
	notify, err := NewEmail(s.Notify)
	if err != nil {
		return nil, err
	}
	title, err := NewTitle(s.Title)
	if err != nil {
		return nil, err
	}
	body, err := NewBody(s.Body)
	if err != nil {
		return nil, err
	}
	status, err := ParseStatus(s.Status)
	if err != nil {
		return nil, err
	}
	return &Article{slug: slug, author: author, notify: notify, title: title, body: body, status: status,
		reason: s.RejectionReason, version: s.Version, createdAt: s.CreatedAt, updatedAt: s.UpdatedAt}, nil
}
