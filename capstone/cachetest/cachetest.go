// Package cachetest is the contract every service.Cache adapter passes:
// the in-process LRU and memcached run the same tests.
package cachetest

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"workbook/capstone/service"
)

// Run checks c, whose keys must start with prefix (unique to the test).
func Run(t *testing.T, c service.Cache, prefix string) {
	ctx := context.Background()
	k := func(s string) string { return prefix + s }

	t.Run("MissIsNotAnError", func(t *testing.T) {
		got, err := c.GetMulti(ctx, []string{k("absent")})
		if err != nil || len(got) != 0 {
			t.Errorf("GetMulti(absent) = %v, %v; want empty, nil", got, err)
		}
	})
	t.Run("SetThenGetMulti", func(t *testing.T) {
		for i := range 3 {
			if err := c.Set(ctx, k(fmt.Sprint("s", i)), []byte(fmt.Sprint("value ", i)), time.Minute); err != nil {
				t.Fatal(err)
			}
		}
		got, err := c.GetMulti(ctx, []string{k("s0"), k("s1"), k("s2"), k("nope")})
		if err != nil || len(got) != 3 || string(got[k("s1")]) != "value 1" {
			t.Errorf("GetMulti = %q, %v; want the three set", got, err)
		}
		if err := c.Set(ctx, k("s1"), []byte("replaced"), 0); err != nil {
			t.Fatal(err)
		}
		if got, _ := c.GetMulti(ctx, []string{k("s1")}); string(got[k("s1")]) != "replaced" {
			t.Errorf("after a second Set: %q, want replaced", got[k("s1")])
		}
	})
	t.Run("ValuesAreCopies", func(t *testing.T) {
		v := []byte("original")
		if err := c.Set(ctx, k("copy"), v, time.Minute); err != nil {
			t.Fatal(err)
		}
		v[0] = 'X'
		got, _ := c.GetMulti(ctx, []string{k("copy")})
		got[k("copy")][1] = 'Y'
		again, _ := c.GetMulti(ctx, []string{k("copy")})
		if !bytes.Equal(again[k("copy")], []byte("original")) {
			t.Errorf("stored value = %q after the caller changed its slices, want original", again[k("copy")])
		}
	})
	t.Run("AddOnlyWhenAbsent", func(t *testing.T) {
		added, err := c.Add(ctx, k("add"), []byte("first"), 0)
		if err != nil || !added {
			t.Fatalf("first Add = %v, %v; want true", added, err)
		}
		added, err = c.Add(ctx, k("add"), []byte("second"), 0)
		if err != nil || added {
			t.Errorf("second Add = %v, %v; want false, nil", added, err)
		}
		if got, _ := c.GetMulti(ctx, []string{k("add")}); string(got[k("add")]) != "first" {
			t.Errorf("after two Adds: %q, want first", got[k("add")])
		}
	})
	t.Run("ConcurrentAddsOneWinner", func(t *testing.T) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for i := range 16 {
			wg.Go(func() {
				if ok, err := c.Add(ctx, k("race"), []byte(fmt.Sprint(i)), 0); err == nil && ok {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if wins != 1 {
			t.Errorf("16 concurrent Adds of one key: %d won, want exactly 1", wins)
		}
	})
	t.Run("Expiry", func(t *testing.T) {
		if testing.Short() {
			t.Skip("waits 2 s for an entry to expire")
		}
		if err := c.Set(ctx, k("ttl"), []byte("short"), time.Second); err != nil {
			t.Fatal(err)
		}
		if got, _ := c.GetMulti(ctx, []string{k("ttl")}); len(got) != 1 {
			t.Fatal("an entry with a 1 s TTL is gone at once")
		}
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if got, _ := c.GetMulti(ctx, []string{k("ttl")}); len(got) == 0 {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Error("an entry with a 1 s TTL was still there after 5 s")
	})
}
