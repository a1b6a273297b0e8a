package httpapi

import (
	"fmt"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestClientNetwork(t *testing.T) {
	for _, tc := range []struct{ remote, want string }{
		{"192.0.2.7:4711", "192.0.2.7"},
		{"[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:443", "2001:db8:1:2::/64"}, // same /64, same key
		{"[2001:db8:1:3::1]:443", "2001:db8:1:3::/64"},
		{"[::ffff:192.0.2.7]:80", "192.0.2.7"}, // IPv4-mapped is the IPv4 client
		{"[fe80::1%eth0]:80", "fe80::/64"},
		{"pipe", "pipe"}, // not host:port, not an address: used as given
	} {
		if got := clientNetwork(tc.remote); got != tc.want {
			t.Errorf("clientNetwork(%q) = %q, want %q", tc.remote, got, tc.want)
		}
	}
}

// TestKeyLimiterOneBucketPerIPv6Network: every address of a /64 draws from
// one bucket, so rotating through them gains nothing.
func TestKeyLimiterOneBucketPerIPv6Network(t *testing.T) {
	l := newKeyLimiter(rate.Every(time.Hour), 2)
	now := time.Now()
	refused := 0
	for i := range 10 {
		if l.wait(clientNetwork(fmt.Sprintf("[2001:db8:0:1::%x]:1", i+1)), now) > 0 {
			refused++
		}
	}
	if refused != 8 {
		t.Errorf("10 attempts from 10 addresses of one /64 with burst 2: %d refused, want 8", refused)
	}
	if d := l.wait(clientNetwork("[2001:db8:0:2::1]:1"), now); d != 0 {
		t.Errorf("the first attempt from another /64 waits %v, want 0", d)
	}
}

// TestKeyLimiterIsBounded: fresh keys past maxKeys share one overflow bucket
// instead of growing the map; known keys keep their own bucket.
func TestKeyLimiterIsBounded(t *testing.T) {
	l := newKeyLimiter(rate.Every(time.Hour), 1)
	l.maxKeys = 100
	now := time.Now()
	if d := l.wait("known", now); d != 0 {
		t.Fatalf("first attempt of a known key waits %v", d)
	}
	admitted := 0
	for i := range 1000 {
		if l.wait(fmt.Sprintf("fresh-%d", i), now) == 0 {
			admitted++
		}
	}
	if len(l.clients) != 100 {
		t.Errorf("after 1 001 keys the limiter holds %d buckets, want its cap of 100", len(l.clients))
	}
	// 99 fresh keys got their own bucket, the other 901 share one with burst 1.
	if admitted != 100 {
		t.Errorf("%d of 1 000 fresh keys admitted, want 99 with own buckets + 1 from the overflow bucket", admitted)
	}
	if d := l.wait("known", now); d == 0 {
		t.Error("a known key's second attempt within its hour was admitted; it must keep its own empty bucket")
	}
	// Once the buckets are idle past idleTTL, they are swept and newcomers get their own again.
	later := now.Add(idleTTL + time.Minute)
	if d := l.wait("after-sweep", later); d != 0 || len(l.clients) != 1 {
		t.Errorf("after idleTTL: new key waits %v with %d buckets, want 0 and 1", d, len(l.clients))
	}
}
