package main

import "time"

// auditEntry records one change: who made it, what it was, the article
// before and after, and when. Entries are appended inside the same critical
// section as the change they describe, so the log never misses a change and
// never records one that did not happen.
type auditEntry struct {
	Seq     int
	At      time.Time
	Actor   string
	Action  string // create, replace, patch, delete, restore, comment
	Slug    string
	Before  *article // nil for create
	After   *article
	Comment *comment // set for action "comment"
}

// record appends an audit entry; after is never nil. Callers hold s.mu
// for writing.
func (s *articleStore) record(actor, action, slug string, before, after *article) {
	// The entry's time is the change's own timestamp, so the log and the
	// article agree to the nanosecond.
	e := auditEntry{Seq: len(s.audit) + 1, At: after.UpdatedAt, Actor: actor, Action: action, Slug: slug}
	if before != nil {
		b := before.clone()
		e.Before = &b
	}
	a := after.clone()
	e.After = &a
	s.audit = append(s.audit, e)
}

func (s *articleStore) recordComment(actor, slug string, c *comment) {
	cc := *c
	s.audit = append(s.audit, auditEntry{Seq: len(s.audit) + 1, At: c.CreatedAt, Actor: actor, Action: "comment", Slug: slug, Comment: &cc})
}

// Audit returns the log, oldest first, optionally only for one slug.
func (s *articleStore) Audit(slug string) []auditEntry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]auditEntry, 0, len(s.audit))
	for _, e := range s.audit {
		if slug == "" || e.Slug == slug {
			out = append(out, e)
		}
	}
	return out
}
