package memcache

import (
	"testing"
	"time"

	"workbook/capstone/cachetest"
	"workbook/testinfra"
)

func TestContract(t *testing.T) {
	env := testinfra.Memcached(t)
	c := New(time.Second, env.Addr)
	if err := c.Ping(); err != nil {
		t.Fatal(err)
	}
	cachetest.Run(t, c, env.Prefix)
}

func TestSeconds(t *testing.T) {
	for _, tc := range []struct {
		ttl  time.Duration
		want int32
	}{{0, 0}, {-time.Second, 0}, {time.Millisecond, 1}, {time.Second, 1}, {1500 * time.Millisecond, 2}, {31 * 24 * time.Hour, 30 * 24 * 3600}} {
		if got := seconds(tc.ttl); got != tc.want {
			t.Errorf("seconds(%v) = %d, want %d", tc.ttl, got, tc.want)
		}
	}
}
