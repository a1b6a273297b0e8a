package racefix

import (
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const where = "(edit exercises/1-race-fix/stats.go)"

func TestRecordAndSnapshot(t *testing.T) {
	var seen []Event
	c := New(func(e Event) { seen = append(seen, e) })
	if s := c.Snapshot(); s.Requests != 0 || s.Errors != 0 || s.MaxLatency != 0 || len(s.ByRoute) != 0 {
		t.Errorf("empty collector Snapshot() = %+v, want zeros", s)
	}
	events := []Event{
		{"/a", 200, 10 * time.Millisecond},
		{"/a", 500, 30 * time.Millisecond},
		{"/b", 503, 20 * time.Millisecond},
		{"/b", 499, 5 * time.Millisecond},
		{"/a", 404, 30 * time.Millisecond},
	}
	for _, e := range events {
		c.Record(e)
	}
	s := c.Snapshot()
	want := Snapshot{Requests: 5, Errors: 2, MaxLatency: 30 * time.Millisecond, ByRoute: map[string]int64{"/a": 3, "/b": 2}}
	if s.Requests != want.Requests || s.Errors != want.Errors || s.MaxLatency != want.MaxLatency || !maps.Equal(s.ByRoute, want.ByRoute) {
		t.Errorf("Snapshot() = %+v, want %+v %s", s, want, where)
	}
	if fmt.Sprint(seen) != fmt.Sprint(events) {
		t.Errorf("the hook saw %v, want each event once, in order: %v", seen, events)
	}
	// A snapshot is the caller's copy, in both directions.
	s.ByRoute["/a"] = 100
	c.Record(Event{"/c", 200, time.Millisecond})
	if got := c.Snapshot().ByRoute; got["/a"] != 3 || got["/c"] != 1 {
		t.Errorf("after changing a snapshot's map, the collector says %v, want /a:3 /c:1 %s", got, where)
	}
	if _, ok := s.ByRoute["/c"]; ok || s.Requests != 5 {
		t.Errorf("an earlier snapshot changed after a later Record: %+v; Snapshot must copy, not share the live map %s", s, where)
	}

	quiet := New(nil) // no hook: Record still counts
	quiet.Record(Event{"/q", 200, 0})
	if s := quiet.Snapshot(); s.Requests != 1 || s.ByRoute["/q"] != 1 {
		t.Errorf("New(nil) then one Record: %+v", s)
	}
}

// Two Records of one route whose hooks must run at the same time: the test
// forces the interleaving that loses an update when a Record reads the
// count, runs the hook, then writes — and the one that deadlocks when the
// hook runs under the lock (a hook that calls back into the collector).
func TestHookRunsOutsideTheLock(t *testing.T) {
	var c *Collector
	var mu sync.Mutex
	calls := 0
	both := make(chan struct{})
	var overlapped atomic.Int32
	c = New(func(e Event) {
		mu.Lock()
		calls++
		if calls == 2 {
			close(both)
		}
		mu.Unlock()
		select {
		case <-both:
			overlapped.Add(1)
		case <-time.After(2 * time.Second):
		}
		_ = c.Snapshot() // a hook may read the collector
	})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { c.Record(Event{"/x", 200, time.Millisecond}) })
		}
		wg.Wait()
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("two Records did not return: the hook is called with the lock held, and it calls Snapshot %s", where)
	}
	if n := overlapped.Load(); n != 2 {
		t.Errorf("%d of 2 hooks ran while the other Record was in its hook: one Record waited for the other's hook (the lock is held around it) %s", n, where)
	}
	if s := c.Snapshot(); s.ByRoute["/x"] != 2 || s.Requests != 2 {
		t.Errorf("two concurrent Records of /x: Snapshot() = %+v, want /x:2 and 2 requests; an update was lost between a read and a write %s", s, where)
	}
}

// requireCopy fails the test at once when Snapshot shares the live map:
// reading that map while Records write it could crash the test binary.
func requireCopy(t *testing.T) {
	t.Helper()
	c := New(nil)
	s := c.Snapshot()
	c.Record(Event{"/probe", 200, 0})
	if len(s.ByRoute) != 0 {
		t.Fatalf("Snapshot shares the collector's live map; fix that first %s", where)
	}
}

func TestConcurrentRecordsAreExact(t *testing.T) {
	requireCopy(t)
	const goroutines, each = 8, 2000
	var hooks atomic.Int64
	c := New(func(Event) { hooks.Add(1) })
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				status := 200
				if i%10 == 0 {
					status = 500
				}
				c.Record(Event{fmt.Sprintf("/r%d", i%4), status, time.Duration(g*each + i)})
			}
		})
	}
	wg.Wait()
	s := c.Snapshot()
	if s.Requests != goroutines*each || s.Errors != goroutines*each/10 || s.MaxLatency != goroutines*each-1 {
		t.Errorf("after %d concurrent Records: requests %d, errors %d, max latency %d; want %d, %d, %d %s",
			goroutines*each, s.Requests, s.Errors, s.MaxLatency, goroutines*each, goroutines*each/10, goroutines*each-1, where)
	}
	for r := range 4 {
		if n := s.ByRoute[fmt.Sprintf("/r%d", r)]; n != goroutines*each/4 {
			t.Errorf("route /r%d counted %d, want %d %s", r, n, goroutines*each/4, where)
		}
	}
	if n := hooks.Load(); n != goroutines*each {
		t.Errorf("hook called %d times, want %d", n, goroutines*each)
	}
}

// Snapshots taken while Records run each show one instant: the request
// count equals the sum of the route counts, and errors never exceed it.
func TestSnapshotsAreConsistent(t *testing.T) {
	requireCopy(t)
	const writers, each = 4, 5000
	c := New(nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		var wg sync.WaitGroup
		for g := range writers {
			wg.Go(func() {
				for i := range each {
					c.Record(Event{fmt.Sprintf("/g%d", g), 200 + 300*(i%2), time.Duration(i)})
				}
			})
		}
		wg.Wait()
	}()
	var prev int64
	snapshots, bad := 0, 0
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		s := c.Snapshot()
		snapshots++
		var sum int64
		for _, n := range s.ByRoute {
			sum += n
		}
		if sum != s.Requests || s.Errors > s.Requests || s.Requests < prev {
			bad++
		}
		prev = s.Requests
	}
	if bad > 0 {
		t.Errorf("%d of %d snapshots were not one instant (requests ≠ sum of routes, errors > requests, or going backwards) %s", bad, snapshots, where)
	}
	if s := c.Snapshot(); s.Requests != writers*each || s.Errors != writers*each/2 {
		t.Errorf("after the writers: %+v, want %d requests and %d errors %s", s, writers*each, writers*each/2, where)
	}
}
