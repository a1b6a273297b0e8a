package balancers

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

const file = "(edit exercises/1-balancers/balancers.go)"

func named(names string, weights ...int) []Backend {
	var out []Backend
	for i, n := range strings.Split(names, "") {
		w := 1
		if i < len(weights) {
			w = weights[i]
		}
		out = append(out, Backend{Name: n, Weight: w})
	}
	return out
}

// seq calls next k times and joins the names; an error shows as "!".
func seq(k int, next func() (string, error)) string {
	var b strings.Builder
	for range k {
		name, err := next()
		if err != nil {
			name = "!"
		}
		b.WriteString(name)
	}
	return b.String()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error %v %s", err, file)
	}
}

func TestConstructorsRejectBadLists(t *testing.T) {
	type ctor func([]Backend) error
	ctors := map[string]ctor{
		"NewRoundRobin":       func(b []Backend) error { _, err := NewRoundRobin(b); return err },
		"NewLeastConnections": func(b []Backend) error { _, err := NewLeastConnections(b); return err },
		"NewSmoothWeighted":   func(b []Backend) error { _, err := NewSmoothWeighted(b); return err },
	}
	for name, c := range ctors {
		for _, tc := range []struct {
			in   []Backend
			want error
		}{
			{nil, ErrNoBackends},
			{[]Backend{{Name: "a", Weight: 1}, {Name: "a", Weight: 1}}, ErrBadBackend},
			{[]Backend{{Name: "", Weight: 1}}, ErrBadBackend},
			{named("abc"), nil},
		} {
			if err := c(tc.in); !errors.Is(err, tc.want) {
				t.Errorf("%s(%v) error = %v, want %v %s", name, tc.in, err, tc.want, file)
			}
		}
	}
	if _, err := NewSmoothWeighted([]Backend{{Name: "a", Weight: 1}, {Name: "b", Weight: 0}}); !errors.Is(err, ErrBadBackend) {
		t.Errorf("NewSmoothWeighted with weight 0: %v, want ErrBadBackend %s", err, file)
	}
	if _, err := NewRoundRobin([]Backend{{Name: "a"}, {Name: "b"}}); err != nil {
		t.Errorf("NewRoundRobin must ignore weights, got %v %s", err, file)
	}
	if _, err := NewLeastConnections([]Backend{{Name: "a"}, {Name: "b"}}); err != nil {
		t.Errorf("NewLeastConnections must ignore weights, got %v %s", err, file)
	}
}

func TestRoundRobinSequence(t *testing.T) {
	rr, err := NewRoundRobin(named("abc"))
	must(t, err)
	if got := seq(7, rr.Next); got != "abcabca" {
		t.Errorf("round-robin over a,b,c: %s, want abcabca %s", got, file)
	}
}

func TestRoundRobinSkipsUnhealthy(t *testing.T) {
	rr, err := NewRoundRobin(named("abcd"))
	must(t, err)
	if got := seq(2, rr.Next); got != "ab" {
		t.Fatalf("first picks %s, want ab %s", got, file)
	}
	must(t, rr.SetHealthy("b", false))
	if got := seq(5, rr.Next); got != "cdacd" {
		t.Errorf("b unhealthy after a, b: %s, want cdacd (the turn goes on from c) %s", got, file)
	}
	must(t, rr.SetHealthy("c", false))
	if got := seq(3, rr.Next); got != "ada" {
		t.Errorf("b, c unhealthy after d: %s, want ada %s", got, file)
	}
	must(t, rr.SetHealthy("b", true))
	must(t, rr.SetHealthy("c", true))
	if got := seq(5, rr.Next); got != "bcdab" {
		t.Errorf("b, c healthy again after a: %s, want bcdab %s", got, file)
	}
	for _, n := range "abcd" {
		must(t, rr.SetHealthy(string(n), false))
	}
	if _, err := rr.Next(); !errors.Is(err, ErrNoHealthy) {
		t.Errorf("Next with every backend unhealthy: %v, want ErrNoHealthy %s", err, file)
	}
	must(t, rr.SetHealthy("c", true))
	if got := seq(3, rr.Next); got != "ccc" {
		t.Errorf("only c healthy: %s, want ccc %s", got, file)
	}
	if err := rr.SetHealthy("z", true); !errors.Is(err, ErrUnknownBackend) {
		t.Errorf("SetHealthy(z): %v, want ErrUnknownBackend %s", err, file)
	}
}

func TestLeastConnections(t *testing.T) {
	lc, err := NewLeastConnections(named("abc"))
	must(t, err)
	acquire := func(want string) func() {
		t.Helper()
		name, release, err := lc.Acquire()
		if err != nil || name != want {
			t.Fatalf("Acquire = %q, %v; want %q %s", name, err, want, file)
		}
		return release
	}
	ra := acquire("a") // all idle: the first in list order
	rb := acquire("b")
	acquire("c")
	ra2 := acquire("a") // all at 1: first in order again
	rb()
	acquire("b") // b is down to 0
	rb()         // a second release of the same request changes nothing
	if got := lc.InFlight("b"); got != 1 {
		t.Errorf("InFlight(b) after a double release = %d, want 1 %s", got, file)
	}
	ra()
	ra2()
	if got := lc.InFlight("a"); got != 0 {
		t.Errorf("InFlight(a) after both released = %d, want 0 %s", got, file)
	}
	if got := lc.InFlight("zz"); got != 0 {
		t.Errorf("InFlight of an unknown name = %d, want 0 %s", got, file)
	}
	must(t, lc.SetHealthy("a", false))
	acquire("b") // a is idle but unhealthy: b and c at 1, b first
	if got := lc.InFlight("b"); got != 2 {
		t.Errorf("InFlight(b) = %d, want 2 %s", got, file)
	}
	acquire("c")
	must(t, lc.SetHealthy("b", false))
	must(t, lc.SetHealthy("c", false))
	if _, _, err := lc.Acquire(); !errors.Is(err, ErrNoHealthy) {
		t.Errorf("Acquire with none healthy: %v, want ErrNoHealthy %s", err, file)
	}
	if err := lc.SetHealthy("zz", true); !errors.Is(err, ErrUnknownBackend) {
		t.Errorf("SetHealthy(zz): %v, want ErrUnknownBackend %s", err, file)
	}
}

func TestLeastConnectionsPrefersTheIdleOneLaterInTheList(t *testing.T) {
	lc, err := NewLeastConnections(named("abc"))
	must(t, err)
	for range 2 {
		if _, _, err := lc.Acquire(); err != nil {
			t.Fatal(err)
		}
	}
	// a and b hold one each; c is idle and must win although it is last.
	name, _, err := lc.Acquire()
	if err != nil || name != "c" {
		t.Errorf("Acquire with a=1 b=1 c=0: %q, %v; want c %s", name, err, file)
	}
}

func TestSmoothWeightedSequence(t *testing.T) {
	for _, tc := range []struct {
		names   string
		weights []int
		want    string
	}{
		{"abc", []int{5, 1, 1}, "aabacaa" + "aabacaa"}, // nginx's own example
		{"abc", []int{1, 1, 1}, "abcabc"},
		{"ab", []int{3, 2}, "ababa" + "ababa"},
		{"abc", []int{4, 2, 1}, "abacaba"},
		{"a", []int{3}, "aaa"},
	} {
		sw, err := NewSmoothWeighted(named(tc.names, tc.weights...))
		must(t, err)
		if got := seq(len(tc.want), sw.Next); got != tc.want {
			t.Errorf("smooth weighted %s %v: %s, want %s %s", tc.names, tc.weights, got, tc.want, file)
		}
	}
}

func TestSmoothWeightedSkipsUnhealthy(t *testing.T) {
	sw, err := NewSmoothWeighted(named("abc", 5, 2, 1))
	must(t, err)
	step := func(k int, want, why string) {
		t.Helper()
		if got := seq(k, sw.Next); got != want {
			t.Errorf("weights 5,2,1, %s: %s, want %s %s", why, got, want, file)
		}
	}
	step(2, "ab", "from the start")
	must(t, sw.SetHealthy("a", false)) // a change: the sequence restarts over b, c
	step(1, "b", "a unhealthy (restart)")
	must(t, sw.SetHealthy("a", false)) // no change: the sequence goes on
	step(2, "cb", "a marked unhealthy twice (no restart the second time)")
	step(1, "b", "b, c going on")
	if err := sw.SetHealthy("zz", false); !errors.Is(err, ErrUnknownBackend) {
		t.Errorf("SetHealthy(zz): %v, want ErrUnknownBackend %s", err, file)
	}
	step(2, "cb", "after SetHealthy of an unknown name (no restart)")
	must(t, sw.SetHealthy("a", true))
	step(8, "abaacaba", "a healthy again (restart)")
	must(t, sw.SetHealthy("c", false))
	step(7, "abaaaba", "c unhealthy (restart over a, b)")
	for _, n := range "abc" {
		must(t, sw.SetHealthy(string(n), false))
	}
	if _, err := sw.Next(); !errors.Is(err, ErrNoHealthy) {
		t.Errorf("Next with none healthy: %v, want ErrNoHealthy %s", err, file)
	}
}

// TestConcurrentUse runs every balancer from 8 goroutines; with the race
// detector on it also finds unguarded state. Whole cycles give exact counts.
func TestConcurrentUse(t *testing.T) {
	rr, err := NewRoundRobin(named("abc"))
	must(t, err)
	sw, err := NewSmoothWeighted(named("abc", 5, 1, 1))
	must(t, err)
	lc, err := NewLeastConnections(named("abc"))
	must(t, err)
	var mu sync.Mutex
	counts := map[string]map[string]int{"rr": {}, "sw": {}}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 210 {
				a, errA := rr.Next()
				b, errB := sw.Next()
				_, release, errC := lc.Acquire()
				release()
				mu.Lock()
				if errA == nil {
					counts["rr"][a]++
				}
				if errB == nil {
					counts["sw"][b]++
				}
				if errC != nil {
					counts["lc-errors"] = map[string]int{"": 1}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if c := counts["rr"]; c["a"] != 560 || c["b"] != 560 || c["c"] != 560 {
		t.Errorf("round-robin, 1680 picks from 8 goroutines: %v, want 560 each %s", c, file)
	}
	if c := counts["sw"]; c["a"] != 1200 || c["b"] != 240 || c["c"] != 240 {
		t.Errorf("smooth weighted 5:1:1, 1680 picks: %v, want a=1200 b=240 c=240 %s", c, file)
	}
	if counts["lc-errors"] != nil {
		t.Errorf("least-connections Acquire failed under concurrency %s", file)
	}
	for _, n := range "abc" {
		if got := lc.InFlight(string(n)); got != 0 {
			t.Errorf("InFlight(%c) after every release = %d, want 0 %s", n, got, file)
		}
	}
}
