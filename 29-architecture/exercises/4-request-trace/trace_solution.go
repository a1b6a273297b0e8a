//go:build solution

package requesttrace

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// Recorder collects the spans of one request. It is safe for concurrent use.
type Recorder struct {
	now Clock

	mu    sync.Mutex
	spans []SpanData // spans[i].ID == i+1
}

// NewRecorder returns an empty recorder timed by now.
func NewRecorder(now Clock) *Recorder { return &Recorder{now: now} }

type recorderKey struct{}
type spanKey struct{}

// NewContext returns ctx carrying r.
func NewContext(ctx context.Context, r *Recorder) context.Context {
	return context.WithValue(ctx, recorderKey{}, r)
}

// Span is a running span; a nil *Span records nothing.
type Span struct {
	r  *Recorder
	id int
}

// Start begins a span named name: a child of the span ctx carries, or a
// root span if it carries none. It returns ctx carrying the new span.
// Without a recorder in ctx it returns ctx unchanged and a nil span.
func Start(ctx context.Context, name string) (context.Context, *Span) {
	r, _ := ctx.Value(recorderKey{}).(*Recorder)
	if r == nil {
		return ctx, nil
	}
	parent := 0
	if p, _ := ctx.Value(spanKey{}).(*Span); p != nil && p.r == r {
		parent = p.id
	}
	r.mu.Lock()
	id := len(r.spans) + 1
	r.spans = append(r.spans, SpanData{ID: id, Parent: parent, Name: name, Start: r.now()})
	r.mu.Unlock()
	s := &Span{r: r, id: id}
	return context.WithValue(ctx, spanKey{}, s), s
}

// End ends the span; ending it again changes nothing.
func (s *Span) End() {
	if s == nil {
		return
	}
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	if d := &s.r.spans[s.id-1]; d.End.IsZero() {
		d.End = s.r.now()
	}
}

// Spans returns a copy of every span, in start order.
func (r *Recorder) Spans() []SpanData {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]SpanData(nil), r.spans...)
}

// Render draws the spans as a tree: one line per span, "name duration"
// (time.Duration's String, or "(running)"), indented two spaces per level,
// each span's children below it in start order, each line ending in "\n".
func (r *Recorder) Render() string {
	spans := r.Spans()
	children := map[int][]int{}
	for _, s := range spans {
		children[s.Parent] = append(children[s.Parent], s.ID)
	}
	var b strings.Builder
	var draw func(id, depth int)
	draw = func(id, depth int) {
		s := spans[id-1]
		took := "(running)"
		if !s.End.IsZero() {
			took = s.End.Sub(s.Start).String()
		}
		fmt.Fprintf(&b, "%s%s %s\n", strings.Repeat("  ", depth), s.Name, took)
		for _, c := range children[id] {
			draw(c, depth+1)
		}
	}
	for _, root := range children[0] {
		draw(root, 0)
	}
	return b.String()
}
