package requesttrace

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

const file = "(edit exercises/4-request-trace/trace.go)"

// clock is a fake clock that moves only when told to.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)} }

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// TestRequestTree traces one request through the layers and renders it.
func TestRequestTree(t *testing.T) {
	clk := newClock()
	rec := NewRecorder(clk.now)
	ctx := NewContext(context.Background(), rec)

	ctx, edge := Start(ctx, "edge")
	clk.advance(time.Millisecond)
	hctx, handler := Start(ctx, "handler")
	sctx, svc := Start(hctx, "service")
	_, cache := Start(sctx, "cache miss")
	clk.advance(2 * time.Millisecond)
	cache.End()
	_, store := Start(sctx, "store")
	clk.advance(5 * time.Millisecond)
	store.End()
	svc.End()
	handler.End()
	_, worker := Start(ctx, "worker") // a child of edge, started after handler ended
	clk.advance(time.Second)
	edge.End()

	want := "edge 1.008s\n" +
		"  handler 7ms\n" +
		"    service 7ms\n" +
		"      cache miss 2ms\n" +
		"      store 5ms\n" +
		"  worker (running)\n"
	if got := rec.Render(); got != want {
		t.Errorf("Render() =\n%s\nwant\n%s%s", got, want, file)
	}
	worker.End()
	spans := rec.Spans()
	if len(spans) != 6 {
		t.Fatalf("%d spans, want 6 %s", len(spans), file)
	}
	if got := spans[5]; got.Name != "worker" || got.End.Sub(got.Start) != time.Second {
		t.Errorf("worker span = %+v; want it ended 1s after it started %s", got, file)
	}
}

func TestSpansRecordParentsAndTimes(t *testing.T) {
	clk := newClock()
	t0 := clk.now()
	rec := NewRecorder(clk.now)
	root := NewContext(context.Background(), rec)

	actx, a := Start(root, "a")
	clk.advance(time.Millisecond)
	_, b := Start(root, "b") // a sibling of a, not its child
	_, a1 := Start(actx, "a1")
	clk.advance(time.Millisecond)
	a1.End()
	a.End()
	want := []SpanData{
		{ID: 1, Parent: 0, Name: "a", Start: t0, End: t0.Add(2 * time.Millisecond)},
		{ID: 2, Parent: 0, Name: "b", Start: t0.Add(time.Millisecond)},
		{ID: 3, Parent: 1, Name: "a1", Start: t0.Add(time.Millisecond), End: t0.Add(2 * time.Millisecond)},
	}
	got := rec.Spans()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Spans() =\n\t%+v\nwant\n\t%+v\n%s", got, want, file)
	}
	if r := rec.Render(); r != "a 2ms\n  a1 1ms\nb (running)\n" {
		t.Errorf("Render() = %q; want two roots, a1 under a %s", r, file)
	}
	if len(got) == 0 {
		t.Fatalf("no spans %s", file)
	}
	got[0].Name = "changed"
	if rec.Spans()[0].Name != "a" {
		t.Errorf("changing Spans()'s result changed the recorder %s", file)
	}
	b.End()
}

func TestEndTwiceKeepsTheFirstEnd(t *testing.T) {
	clk := newClock()
	rec := NewRecorder(clk.now)
	_, s := Start(NewContext(context.Background(), rec), "once")
	clk.advance(3 * time.Millisecond)
	s.End()
	clk.advance(time.Hour)
	s.End()
	if got := rec.Render(); got != "once 3ms\n" {
		t.Errorf("Render() after End twice = %q; want %q %s", got, "once 3ms\n", file)
	}
}

func TestNoRecorderRecordsNothing(t *testing.T) {
	ctx := context.Background()
	got, s := Start(ctx, "nobody listens")
	if got != ctx || s != nil {
		t.Errorf("Start without a recorder = %v, %v; want ctx unchanged and a nil span %s", got, s, file)
	}
	s.End() // must not panic
	rec := NewRecorder(newClock().now)
	if r := rec.Render(); r != "" || len(rec.Spans()) != 0 {
		t.Errorf("an empty recorder renders %q with %d spans; want nothing %s", r, len(rec.Spans()), file)
	}
}

// TestSpanFromAnotherRecorderIsNoParent: a span carried over from another
// request's recorder does not become a parent in this one.
func TestSpanFromAnotherRecorderIsNoParent(t *testing.T) {
	clk := newClock()
	first, second := NewRecorder(clk.now), NewRecorder(clk.now)
	ctx, s := Start(NewContext(context.Background(), first), "first")
	_, t2 := Start(NewContext(ctx, second), "second")
	t2.End()
	s.End()
	if got := second.Spans(); len(got) != 1 || got[0].Parent != 0 || got[0].ID != 1 {
		t.Errorf("second.Spans() = %+v; want one root span %s", got, file)
	}
	if got := first.Render(); got != "first 0s\n" {
		t.Errorf("first.Render() = %q; want only its own span %s", got, file)
	}
}

// TestConcurrentSpans: workers start and end spans at once; every span
// lands once, under the right parent. Run with -race.
func TestConcurrentSpans(t *testing.T) {
	clk := newClock()
	rec := NewRecorder(clk.now)
	ctx, root := Start(NewContext(context.Background(), rec), "root")
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wctx, w := Start(ctx, fmt.Sprintf("w%d", i))
			_, inner := Start(wctx, fmt.Sprintf("w%d/inner", i))
			clk.advance(time.Microsecond)
			inner.End()
			w.End()
			_ = rec.Render()
		}()
	}
	wg.Wait()
	root.End()
	spans := rec.Spans()
	if len(spans) != 1+2*n {
		t.Fatalf("%d spans, want %d %s", len(spans), 1+2*n, file)
	}
	byID := map[int]SpanData{}
	for i, s := range spans {
		if s.ID != i+1 {
			t.Errorf("span %d has ID %d; IDs must be 1, 2, 3… in start order %s", i, s.ID, file)
		}
		byID[s.ID] = s
	}
	for _, s := range spans[1:] {
		parent := byID[s.Parent].Name
		var i int
		if _, err := fmt.Sscanf(s.Name, "w%d", &i); err != nil {
			t.Fatalf("unexpected span %q", s.Name)
		}
		want := "root"
		if s.Name != fmt.Sprintf("w%d", i) {
			want = fmt.Sprintf("w%d", i)
		}
		if parent != want || s.End.IsZero() {
			t.Errorf("span %q has parent %q, ended %v; want parent %q, ended %s", s.Name, parent, !s.End.IsZero(), want, file)
		}
	}
}
