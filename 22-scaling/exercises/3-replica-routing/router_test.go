package replicarouting

import (
	"errors"
	"sync"
	"testing"
	"time"
)

const file = "(edit exercises/3-replica-routing/router.go)"

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newRouter(t *testing.T, replicas ...string) (*Router, *clock) {
	t.Helper()
	clk := &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	r, err := New(Config{Primary: "p", Replicas: replicas, RYWWindow: 5 * time.Second, MaxLag: time.Second, Now: clk.now})
	if err != nil || r == nil {
		t.Fatalf("New: %v %s", err, file)
	}
	return r, clk
}

func want(t *testing.T, got Choice, node string, reason Reason, what string) {
	t.Helper()
	if got.Node != node || got.Reason != reason {
		t.Errorf("%s = %+v, want {%s %s} %s", what, got, node, reason, file)
	}
}

func TestNewValidates(t *testing.T) {
	for _, cfg := range []Config{
		{},
		{Primary: "p", Replicas: []string{"p"}},
		{Primary: "p", Replicas: []string{"r1", "r1"}},
		{Primary: "p", Replicas: []string{""}},
		{Primary: "p", RYWWindow: -time.Second},
		{Primary: "p", MaxLag: -time.Second},
	} {
		if _, err := New(cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("New(%+v) error = %v, want ErrConfig %s", cfg, err, file)
		}
	}
	r, err := New(Config{Primary: "p"}) // no replicas, nil clock: valid
	if err != nil {
		t.Fatalf("New with no replicas: %v %s", err, file)
	}
	want(t, r.Read("s"), "p", NoReplica, "Read with no replicas")
}

func TestWritesGoToThePrimaryAndReadsTakeTurns(t *testing.T) {
	r, _ := newRouter(t, "r1", "r2", "r3")
	want(t, r.Write(""), "p", ToPrimary, "Write")
	var got []string
	for range 7 {
		c := r.Read("")
		if c.Reason != ToReplica {
			t.Fatalf("Read = %+v, want a replica %s", c, file)
		}
		got = append(got, c.Node)
	}
	if w := []string{"r1", "r2", "r3", "r1", "r2", "r3", "r1"}; !equal(got, w) {
		t.Errorf("seven reads went to %v, want %v %s", got, w, file)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestReadYourWritesWindow(t *testing.T) {
	r, clk := newRouter(t, "r1")
	want(t, r.Write("alice"), "p", ToPrimary, "Write(alice)")
	want(t, r.Read("alice"), "p", ReadYourWrite, "Read(alice) at once")
	want(t, r.Read("bob"), "r1", ToReplica, "Read(bob) — another session")
	want(t, r.Read(""), "r1", ToReplica, "Read of no session")
	clk.advance(4*time.Second + 999*time.Millisecond)
	want(t, r.Read("alice"), "p", ReadYourWrite, "Read(alice) 4.999s after her write")
	clk.advance(time.Millisecond)
	want(t, r.Read("alice"), "r1", ToReplica, "Read(alice) exactly 5s after (the window is over)")

	// A second write restarts the window; reads do not.
	r.Write("carol")
	clk.advance(3 * time.Second)
	r.Write("carol")
	clk.advance(3 * time.Second)
	want(t, r.Read("carol"), "p", ReadYourWrite, "Read(carol) 3s after her second write")
	clk.advance(time.Second)
	r.Read("carol")
	clk.advance(time.Second + time.Millisecond)
	want(t, r.Read("carol"), "r1", ToReplica, "Read(carol) 5.001s after her last write (reads do not extend it)")

	// A session-less write promises nothing.
	r.Write("")
	want(t, r.Read(""), "r1", ToReplica, "Read of no session after a session-less write")
}

func TestReadYourWritesWinsOverReplicaState(t *testing.T) {
	r, _ := newRouter(t, "r1")
	r.Write("alice")
	if err := r.SetReplica("r1", false, 0); err != nil {
		t.Fatal(err)
	}
	want(t, r.Read("alice"), "p", ReadYourWrite, "Read(alice) after her write, r1 down")
	want(t, r.Read("bob"), "p", NoReplica, "Read(bob) with r1 down")
}

func TestUnfitReplicasAreSkipped(t *testing.T) {
	r, _ := newRouter(t, "r1", "r2", "r3")
	must := func(name string, healthy bool, lag time.Duration) {
		t.Helper()
		if err := r.SetReplica(name, healthy, lag); err != nil {
			t.Fatalf("SetReplica(%s): %v %s", name, err, file)
		}
	}
	must("r1", false, 0)
	must("r2", true, time.Second+time.Nanosecond) // just over MaxLag
	must("r3", true, time.Second)                 // exactly MaxLag: still fit
	for i := range 4 {
		want(t, r.Read("s"), "r3", ToReplica, "read with only r3 fit #"+string(rune('1'+i)))
	}
	must("r3", true, 2*time.Second)
	want(t, r.Read("s"), "p", NoReplica, "read with every replica unfit")
	must("r1", true, 0)
	must("r2", true, 0)
	seen := map[string]int{}
	for range 4 {
		seen[r.Read("s").Node]++
	}
	if seen["r1"] != 2 || seen["r2"] != 2 {
		t.Errorf("four reads with r1, r2 fit went to %v, want two each %s", seen, file)
	}
	if err := r.SetReplica("p", true, 0); !errors.Is(err, ErrUnknownNode) {
		t.Errorf("SetReplica(primary) = %v, want ErrUnknownNode %s", err, file)
	}
	if err := r.SetReplica("r1", true, -time.Second); !errors.Is(err, ErrBadLag) {
		t.Errorf("SetReplica with a negative lag = %v, want ErrBadLag %s", err, file)
	}
	want(t, r.Read("s"), "r1", ToReplica, "read after refused SetReplica calls")
}

func TestZeroLagBound(t *testing.T) {
	clk := &clock{t: time.Unix(0, 0)}
	r, err := New(Config{Primary: "p", Replicas: []string{"r1"}, RYWWindow: 0, MaxLag: 0, Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	r.Write("alice")
	want(t, r.Read("alice"), "r1", ToReplica, "Read(alice) with a zero window, r1 at lag 0")
	if n := r.Sessions(); n != 0 {
		t.Errorf("Sessions with a zero window = %d, want 0 %s", n, file)
	}
	r.SetReplica("r1", true, time.Nanosecond)
	want(t, r.Read("alice"), "p", NoReplica, "Read with MaxLag 0 and r1 1ns behind")
}

func TestSessionsAreForgotten(t *testing.T) {
	r, clk := newRouter(t, "r1")
	for _, s := range []string{"a", "b", "c"} {
		r.Write(s)
	}
	r.Write("")
	if n := r.Sessions(); n != 3 {
		t.Errorf("Sessions after 3 writers = %d, want 3 %s", n, file)
	}
	clk.advance(3 * time.Second)
	r.Write("d")
	r.Write("a")
	clk.advance(2 * time.Second)
	if n := r.Sessions(); n != 2 {
		t.Errorf("Sessions 5s after b, c wrote and 2s after a, d = %d, want 2 %s", n, file)
	}
	clk.advance(3 * time.Second)
	if n := r.Sessions(); n != 0 {
		t.Errorf("Sessions after every window ended = %d, want 0 %s", n, file)
	}
}

func TestConcurrentUse(t *testing.T) {
	r, clk := newRouter(t, "r1", "r2")
	var wg sync.WaitGroup
	var mu sync.Mutex
	bad := 0
	for g := range 8 {
		wg.Go(func() {
			s := string(rune('a' + g))
			for i := range 200 {
				switch i % 4 {
				case 0:
					r.Write(s)
					if c := r.Read(s); c.Reason != ReadYourWrite {
						mu.Lock()
						bad++
						mu.Unlock()
					}
				case 1:
					r.SetReplica("r2", i%8 == 1, 0)
				case 2:
					clk.advance(time.Millisecond)
				default:
					r.Read("")
					r.Sessions()
				}
			}
		})
	}
	wg.Wait()
	if bad != 0 {
		t.Errorf("%d reads right after their own session's write missed the primary %s", bad, file)
	}
	if n := r.Sessions(); n != 8 {
		t.Errorf("Sessions after 8 concurrent writers = %d, want 8 %s", n, file)
	}
}
