package lruttl

import (
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (f *fakeClock) now() time.Time { return f.t }

func newLRU(capacity int) (*LRU, *fakeClock) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	return New(capacity, 10*time.Second, clk.now), clk
}

func want(t *testing.T, c *LRU, key, value string, ok bool) {
	t.Helper()
	got, gotOK := c.Get(key)
	if got != value || gotOK != ok {
		t.Errorf("Get(%q) = %q, %v; want %q, %v (edit exercises/1-lru-ttl/lru.go)", key, got, gotOK, value, ok)
	}
}

func TestSetGetAndOverwrite(t *testing.T) {
	c, _ := newLRU(2)
	want(t, c, "a", "", false)
	c.Set("a", "1")
	want(t, c, "a", "1", true)
	c.Set("a", "2")
	want(t, c, "a", "2", true)
	if n := c.Len(); n != 1 {
		t.Errorf("Len() after overwriting = %d, want 1", n)
	}
}

func TestEvictsLeastRecentlyUsed(t *testing.T) {
	c, _ := newLRU(2)
	c.Set("a", "1")
	c.Set("b", "2")
	want(t, c, "a", "1", true) // a is now the most recent
	c.Set("c", "3")            // evicts b
	want(t, c, "b", "", false)
	want(t, c, "a", "1", true)
	want(t, c, "c", "3", true)
	if n := c.Len(); n != 2 {
		t.Errorf("Len() = %d, want 2", n)
	}
	c.Set("a", "9") // overwrite refreshes recency: c is evicted next
	c.Set("d", "4")
	want(t, c, "c", "", false)
	want(t, c, "a", "9", true)
}

func TestTTL(t *testing.T) {
	c, clk := newLRU(3)
	c.Set("a", "1")
	clk.t = clk.t.Add(10*time.Second - time.Nanosecond)
	want(t, c, "a", "1", true)
	clk.t = clk.t.Add(time.Nanosecond) // exactly ttl after Set: expired
	want(t, c, "a", "", false)
	if n := c.Len(); n != 0 {
		t.Errorf("Len() after an expired Get = %d, want 0 (expired entries are removed)", n)
	}
	c.Set("b", "2")
	clk.t = clk.t.Add(5 * time.Second)
	c.Set("b", "3") // Set restarts the TTL
	clk.t = clk.t.Add(9 * time.Second)
	want(t, c, "b", "3", true)
}

func TestZeroCapacityHoldsNothing(t *testing.T) {
	c, _ := newLRU(0)
	c.Set("a", "1")
	want(t, c, "a", "", false)
	if n := c.Len(); n != 0 {
		t.Errorf("Len() = %d, want 0", n)
	}
}

func TestCapacityOne(t *testing.T) {
	c, _ := newLRU(1)
	c.Set("a", "1")
	want(t, c, "a", "1", true)
	c.Set("b", "2")
	want(t, c, "a", "", false)
	want(t, c, "b", "2", true)
}
