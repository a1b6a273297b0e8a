package domain

import "time"

// Event is something that happened to an aggregate, recorded by it while it
// changes and published by the application only after the change committed.
type Event interface {
	// EventName is a stable name, e.g. "article.published"; it is stored in
	// the outbox, so renaming one is a breaking change.
	EventName() string
	// Article is the slug of the article the event is about.
	Article() Slug
	// At is when it happened.
	At() time.Time
}

// EventBase holds what every event has.
type EventBase struct {
	Slug Slug
	Time time.Time
}

func (e EventBase) Article() Slug { return e.Slug }
func (e EventBase) At() time.Time { return e.Time }

// ArticleDrafted: an author started an article.
type ArticleDrafted struct {
	EventBase
	Author UserID
}

// ArticleSubmitted: the author asked for review.
type ArticleSubmitted struct{ EventBase }

// ArticlePublished: an editor approved it; Notify is told.
type ArticlePublished struct {
	EventBase
	Editor UserID
	Notify Email
}

// ArticleRejected: an editor sent it back to draft with a reason; Notify is told.
type ArticleRejected struct {
	EventBase
	Editor UserID
	Reason string
	Notify Email
}

// ArticleArchived: it was withdrawn.
type ArticleArchived struct {
	EventBase
	By UserID
}

func (ArticleDrafted) EventName() string   { return "article.drafted" }
func (ArticleSubmitted) EventName() string { return "article.submitted" }
func (ArticlePublished) EventName() string { return "article.published" }
func (ArticleRejected) EventName() string  { return "article.rejected" }
func (ArticleArchived) EventName() string  { return "article.archived" }
