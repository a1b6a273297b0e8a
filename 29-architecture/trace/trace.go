// Package trace records the hops one request makes through the system, so a
// learner can see the architecture at work: edge → handler → service →
// cache → store → payment → queue → worker. It is deliberately flat (a list
// of hops in order); exercise 4 builds the tree of spans a real tracer keeps.
//
// trace imports nothing of this module and no transport: every layer may use it.
package trace

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// Hop is one step of a request: which component, what it did, and when,
// measured from the first hop of the same request.
type Hop struct {
	At        time.Duration
	Component string
	Detail    string
}

// Trace is the hops of one request. It is safe for concurrent use: the
// worker appends to it after the HTTP response has gone.
type Trace struct {
	id     string
	start  time.Time
	now    func() time.Time
	logger *slog.Logger

	mu   sync.Mutex
	hops []Hop
}

// ID is the request ID the trace is filed under.
func (t *Trace) ID() string { return t.id }

// Hop appends a hop and logs it, so the same story is in the log.
func (t *Trace) Hop(component, detail string) { t.hop(component, detail, nil) }

func (t *Trace) hop(component, detail string, err error) {
	at := t.now().Sub(t.start)
	t.mu.Lock()
	t.hops = append(t.hops, Hop{At: at, Component: component, Detail: detail})
	t.mu.Unlock()
	if err != nil {
		t.logger.Warn("hop", "request_id", t.id, "component", component, "detail", detail, "at", at, "err", err)
		return
	}
	t.logger.Info("hop", "request_id", t.id, "component", component, "detail", detail, "at", at)
}

// Hops returns a copy of the hops so far.
func (t *Trace) Hops() []Hop {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Hop(nil), t.hops...)
}

// Log keeps the traces of the last max requests, by request ID.
type Log struct {
	now    func() time.Time
	logger *slog.Logger
	max    int

	mu    sync.Mutex
	byID  map[string]*Trace
	order []string // oldest first, for eviction
}

// NewLog returns a Log of at most max traces. now is the clock (time.Now).
func NewLog(max int, now func() time.Time, logger *slog.Logger) *Log {
	return &Log{now: now, logger: logger, max: max, byID: map[string]*Trace{}}
}

// Begin returns the trace filed under id, starting one if there is none:
// the edge starts it, the app continues it.
func (l *Log) Begin(id string) *Trace {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t, ok := l.byID[id]; ok {
		return t
	}
	if len(l.order) >= l.max {
		delete(l.byID, l.order[0])
		l.order = l.order[1:]
	}
	t := &Trace{id: id, start: l.now(), now: l.now, logger: l.logger}
	l.byID[id] = t
	l.order = append(l.order, id)
	return t
}

// Get returns the trace filed under id.
func (l *Log) Get(id string) (*Trace, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t, ok := l.byID[id]
	return t, ok
}

type ctxKey struct{}

// NewContext returns ctx carrying t.
func NewContext(ctx context.Context, t *Trace) context.Context {
	return context.WithValue(ctx, ctxKey{}, t)
}

// FromContext returns the trace ctx carries, or nil.
func FromContext(ctx context.Context) *Trace {
	t, _ := ctx.Value(ctxKey{}).(*Trace)
	return t
}

// Record appends a hop to the trace ctx carries; without one it does nothing,
// so a component works the same traced or not.
func Record(ctx context.Context, component, detail string) {
	if t := FromContext(ctx); t != nil {
		t.Hop(component, detail)
	}
}

// Fail records a failed hop: the hop says only whether the component timed
// out or failed; the error itself (a driver's or a peer's words, which may
// name hosts and files) goes to the log, never to GET /trace.
func Fail(ctx context.Context, component, detail string, err error) {
	t := FromContext(ctx)
	if t == nil {
		return
	}
	what := "failed"
	if errors.Is(err, context.DeadlineExceeded) {
		what = "timed out"
	}
	t.hop(component, detail+": "+what, err)
}

// NewID returns a fresh request ID: 16 hex digits from crypto/rand.
func NewID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails since Go 1.24
	return hex.EncodeToString(b[:])
}
