package presence

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTracker() (*Tracker, *clock) {
	c := &clock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	return NewTracker(10*time.Second, c.now), c
}

func join(room, user string) Change  { return Change{Kind: "join", Room: room, User: user} }
func leave(room, user string) Change { return Change{Kind: "leave", Room: room, User: user} }

func want(t *testing.T, what string, got []Change, want ...Change) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func wantPresent(t *testing.T, tr *Tracker, room string, users ...string) {
	t.Helper()
	got := tr.Present(room)
	if got == nil || !slices.Equal(got, append([]string{}, users...)) {
		t.Errorf("Present(%q) = %#v, want %q", room, got, users)
	}
}

func TestJoinOnceLeaveOnce(t *testing.T) {
	tr, c := newTracker()
	want(t, "first heartbeat", tr.Heartbeat("lobby", "alice", "tab1"), join("lobby", "alice"))
	want(t, "second heartbeat", tr.Heartbeat("lobby", "alice", "tab1"))
	want(t, "a second tab", tr.Heartbeat("lobby", "alice", "tab2"))
	c.advance(time.Second)
	want(t, "bob", tr.Heartbeat("lobby", "bob", "phone"), join("lobby", "bob"))
	wantPresent(t, tr, "lobby", "alice", "bob")
	want(t, "closing one of two tabs", tr.Disconnect("lobby", "alice", "tab1"))
	wantPresent(t, tr, "lobby", "alice", "bob")
	want(t, "closing the last tab", tr.Disconnect("lobby", "alice", "tab2"), leave("lobby", "alice"))
	want(t, "closing it again", tr.Disconnect("lobby", "alice", "tab2"))
	want(t, "an unknown connection", tr.Disconnect("lobby", "bob", "laptop"))
	want(t, "an unknown room", tr.Disconnect("garden", "bob", "phone"))
	wantPresent(t, tr, "lobby", "bob")
	want(t, "rejoining", tr.Heartbeat("lobby", "alice", "tab3"), join("lobby", "alice"))
}

func TestTimeoutBoundary(t *testing.T) {
	tr, c := newTracker()
	tr.Heartbeat("lobby", "alice", "tab")
	c.advance(10 * time.Second) // exactly the timeout: still live
	wantPresent(t, tr, "lobby", "alice")
	want(t, "Sweep at the timeout", tr.Sweep())
	c.advance(time.Nanosecond)
	wantPresent(t, tr, "lobby")
	want(t, "Sweep just past it", tr.Sweep(), leave("lobby", "alice"))
	want(t, "Sweep again", tr.Sweep())
	wantPresent(t, tr, "lobby")
}

func TestHeartbeatsKeepAlive(t *testing.T) {
	tr, c := newTracker()
	tr.Heartbeat("lobby", "alice", "tab")
	for range 5 {
		c.advance(8 * time.Second)
		want(t, "a heartbeat every 8 s", tr.Heartbeat("lobby", "alice", "tab"))
	}
	wantPresent(t, tr, "lobby", "alice")
}

func TestOneLiveConnectionIsEnough(t *testing.T) {
	tr, c := newTracker()
	tr.Heartbeat("lobby", "alice", "old")
	c.advance(6 * time.Second)
	tr.Heartbeat("lobby", "alice", "new")
	c.advance(6 * time.Second) // "old" expired, "new" live
	wantPresent(t, tr, "lobby", "alice")
	want(t, "Sweep with one connection expired", tr.Sweep())
	want(t, "the expired connection says goodbye", tr.Disconnect("lobby", "alice", "old"))
	c.advance(5 * time.Second)
	want(t, "Sweep after the last expired", tr.Sweep(), leave("lobby", "alice"))
}

func TestEveryCallSweepsFirst(t *testing.T) {
	tr, c := newTracker()
	tr.Heartbeat("lobby", "alice", "tab")
	tr.Heartbeat("garden", "bob", "phone")
	c.advance(11 * time.Second)
	// A heartbeat from the expired tab: alice left, and comes back.
	want(t, "heartbeat of an expired connection", tr.Heartbeat("lobby", "alice", "tab"),
		leave("garden", "bob"), leave("lobby", "alice"), join("lobby", "alice"))
	tr.Heartbeat("garden", "carol", "x")
	c.advance(11 * time.Second)
	want(t, "Disconnect after everything expired", tr.Disconnect("lobby", "alice", "tab"),
		leave("garden", "carol"), leave("lobby", "alice"))
}

func TestSweepOrder(t *testing.T) {
	tr, c := newTracker()
	for _, rc := range [][2]string{{"b", "y"}, {"a", "z"}, {"b", "x"}, {"a", "w"}} {
		tr.Heartbeat(rc[0], rc[1], "c")
	}
	c.advance(time.Minute)
	want(t, "Sweep", tr.Sweep(), leave("a", "w"), leave("a", "z"), leave("b", "x"), leave("b", "y"))
}

func TestRoomsAreSeparate(t *testing.T) {
	tr, _ := newTracker()
	want(t, "alice in the lobby", tr.Heartbeat("lobby", "alice", "tab"), join("lobby", "alice"))
	want(t, "alice in the garden too", tr.Heartbeat("garden", "alice", "tab"), join("garden", "alice"))
	want(t, "leaving the garden", tr.Disconnect("garden", "alice", "tab"), leave("garden", "alice"))
	wantPresent(t, tr, "lobby", "alice")
	wantPresent(t, tr, "garden")
	wantPresent(t, tr, "nowhere")
}

func TestManyUsers(t *testing.T) {
	tr, c := newTracker()
	var users []string
	for i := range 20 {
		u := fmt.Sprintf("u%02d", i)
		users = append(users, u)
		tr.Heartbeat("lobby", u, "a")
		tr.Heartbeat("lobby", u, "b")
	}
	wantPresent(t, tr, "lobby", users...)
	c.advance(11 * time.Second)
	if got := tr.Sweep(); len(got) != 20 {
		t.Errorf("Sweep after everyone expired gave %d changes, want 20", len(got))
	}
	wantPresent(t, tr, "lobby")
}
