package main

import (
	"errors"
	"math/rand/v2"
	"sort"
	"sync"
	"time"
)

// Priorities: a lower number is sent first.
const (
	priorityUrgent = 0 // password reset: the user is waiting for it
	priorityNormal = 1 // welcome, receipt
	priorityBulk   = 2 // newsletter
)

// Email states.
const (
	statePending = "pending"
	stateSent    = "sent"
	stateDead    = "dead" // gave up after maxAttempts; an operator looks at it
	stateSkipped = "skipped"
)

// Email is one row of the outbox.
type Email struct {
	ID       int               `json:"id"`
	Key      string            `json:"idempotencyKey"` // one email per key, however often it is enqueued
	Kind     string            `json:"kind"`
	To       string            `json:"to"`
	Lang     string            `json:"lang"`
	Version  int               `json:"version,omitempty"`
	Data     map[string]string `json:"-"`
	Priority int               `json:"priority"`
	State    string            `json:"state"`
	Attempts int               `json:"attempts"`
	NextAt   time.Time         `json:"nextAttemptAt"`
	LastErr  string            `json:"lastError,omitempty"`
	delay    time.Duration     // the last backoff, for decorrelated jitter
}

// Outbox stores emails waiting to be sent. The in-memory one below is the
// chapter's; in production it is a table written in the same transaction
// as the business change (see the README's "transactional outbox").
type Outbox interface {
	// Enqueue adds e unless an email with e.Key exists; it returns the
	// stored email and whether it was new.
	Enqueue(e Email) (Email, bool)
	// Due returns the most urgent pending email whose NextAt has passed.
	Due(now time.Time) (Email, bool)
	// Update stores e's new state.
	Update(e Email)
	List() []Email
}

type memoryOutbox struct {
	mu     sync.Mutex
	nextID int
	byKey  map[string]int
	emails map[int]Email
}

func newMemoryOutbox() *memoryOutbox {
	return &memoryOutbox{byKey: map[string]int{}, emails: map[int]Email{}}
}

func (o *memoryOutbox) Enqueue(e Email) (Email, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if id, ok := o.byKey[e.Key]; ok {
		return o.emails[id], false
	}
	o.nextID++
	e.ID, e.State = o.nextID, statePending
	o.byKey[e.Key] = e.ID
	o.emails[e.ID] = e
	return e, true
}

func (o *memoryOutbox) Due(now time.Time) (Email, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	var best Email
	found := false
	for _, e := range o.emails {
		if e.State != statePending || e.NextAt.After(now) {
			continue
		}
		if !found || e.Priority < best.Priority || e.Priority == best.Priority && e.ID < best.ID {
			best, found = e, true
		}
	}
	return best, found
}

func (o *memoryOutbox) Update(e Email) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.emails[e.ID] = e
}

func (o *memoryOutbox) List() []Email {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]Email, 0, len(o.emails))
	for _, e := range o.emails {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// retryPolicy is the worker's: "decorrelated jitter" (each delay is random
// between base and three times the previous one, capped). Exercise 4 builds
// the other common policy, full jitter, and the dead-letter decision.
type retryPolicy struct {
	base, cap   time.Duration
	maxAttempts int
}

func (p retryPolicy) next(prev time.Duration) time.Duration {
	if prev < p.base {
		prev = p.base
	}
	d := p.base + rand.N(3*prev-p.base+1)
	return min(d, p.cap)
}

// errSuppressed marks an email not sent on purpose (bounced address,
// unsubscribed from marketing): it is not retried.
var errSuppressed = errors.New("suppressed")
