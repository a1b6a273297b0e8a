package ttlcache

import (
	"context"
	"testing"
	"time"

	"workbook/29-architecture/domain"
)

func TestExpiryAndBound(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(10*time.Second, 2, func() time.Time { return now })
	ctx := context.Background()
	for _, sku := range []string{"a", "b"} {
		_ = c.SetProduct(ctx, domain.Product{SKU: sku})
		now = now.Add(time.Second)
	}
	if _, ok, _ := c.Product(ctx, "a"); !ok {
		t.Error("a is missing before its TTL")
	}
	_ = c.SetProduct(ctx, domain.Product{SKU: "c"}) // full: a expires soonest and goes
	if _, ok, _ := c.Product(ctx, "a"); ok {
		t.Error("a survived an insert into a full cache; want the soonest-expiring entry evicted")
	}
	if len(c.entries) != 2 {
		t.Errorf("%d entries, want at most 2", len(c.entries))
	}
	now = now.Add(9500 * time.Millisecond) // b (set at 1 s) is past its TTL; c (set at 2 s) has 0.5 s left
	if _, ok, _ := c.Product(ctx, "b"); ok {
		t.Error("b is still served after its expiry")
	}
	if _, ok, _ := c.Product(ctx, "c"); !ok {
		t.Error("c expired early")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := c.Product(cancelled, "c"); err == nil {
		t.Error("a cancelled lookup succeeded; want the context's error")
	}
}
