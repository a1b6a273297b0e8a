package lru

import (
	"context"
	"fmt"
	"testing"
	"time"

	"workbook/capstone/cachetest"
)

func TestContract(t *testing.T) {
	cachetest.Run(t, New(1000), "t:")
}

// TestEvictsLeastRecentlyUsed: when full, the entry used longest ago goes;
// a read counts as a use.
func TestEvictsLeastRecentlyUsed(t *testing.T) {
	ctx := context.Background()
	c := New(3)
	for _, k := range []string{"a", "b", "c"} {
		_ = c.Set(ctx, k, []byte(k), 0)
	}
	_, _ = c.GetMulti(ctx, []string{"a"}) // a is now the most recent
	_ = c.Set(ctx, "d", []byte("d"), 0)   // evicts b
	got, _ := c.GetMulti(ctx, []string{"a", "b", "c", "d"})
	if len(got) != 3 || got["b"] != nil {
		t.Errorf("after a, b, c, read a, set d in a 3-entry cache: %v; want a, c, d", got)
	}
	for i := range 100 {
		_ = c.Set(ctx, fmt.Sprint(i), nil, 0)
	}
	if c.Len() != 3 {
		t.Errorf("Len after 100 more Sets = %d, want 3", c.Len())
	}
}

// TestExpiryWithAClock: an entry is gone at its TTL, not a moment later,
// and Add may then store again.
func TestExpiryWithAClock(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(10)
	c.now = func() time.Time { return now }
	_ = c.Set(ctx, "k", []byte("v"), time.Minute)
	now = now.Add(time.Minute - time.Nanosecond)
	if got, _ := c.GetMulti(ctx, []string{"k"}); len(got) != 1 {
		t.Error("gone before its TTL")
	}
	now = now.Add(time.Nanosecond)
	if got, _ := c.GetMulti(ctx, []string{"k"}); len(got) != 0 {
		t.Error("still there at its TTL")
	}
	if ok, _ := c.Add(ctx, "k", []byte("new"), 0); !ok {
		t.Error("Add over an expired entry = false, want true")
	}
}
