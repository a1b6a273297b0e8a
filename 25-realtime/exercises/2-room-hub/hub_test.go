package roomhub

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

func join(t *testing.T, h *Hub, room, id string, p Policy) *Subscriber {
	t.Helper()
	s, err := h.Join(room, id, p)
	if err != nil {
		t.Fatalf("Join(%q, %q) = %v", room, id, err)
	}
	if s == nil || s.C == nil || s.ID != id || s.Room != room || s.Policy != p {
		t.Fatalf("Join(%q, %q, %v) = %+v, want a subscriber with its channel, ID, room and policy", room, id, p, s)
	}
	return s
}

// drain reads what is queued on s.C now, and whether C is closed.
func drain(s *Subscriber) (texts []string, closed bool) {
	for {
		select {
		case m, ok := <-s.C:
			if !ok {
				return texts, true
			}
			texts = append(texts, m.Text)
		default:
			return texts, false
		}
	}
}

func msg(room, text string) Message { return Message{Room: room, From: "x", Text: text} }

func TestBroadcastReachesTheRoomOnly(t *testing.T) {
	h := NewHub(4)
	a := join(t, h, "lobby", "a", Evict)
	b := join(t, h, "lobby", "b", Evict)
	c := join(t, h, "garden", "c", Evict)
	if rep := h.Broadcast(msg("lobby", "hi")); rep.Delivered != 2 || rep.Dropped != 0 || len(rep.Evicted) != 0 {
		t.Errorf("Broadcast to two = %+v, want Delivered 2", rep)
	}
	if rep := h.Broadcast(msg("nowhere", "echo")); rep.Delivered != 0 {
		t.Errorf("Broadcast to an empty room = %+v, want Delivered 0", rep)
	}
	for _, s := range []*Subscriber{a, b} {
		if got, closed := drain(s); !slices.Equal(got, []string{"hi"}) || closed {
			t.Errorf("%s got %q (closed %v), want [hi]", s.ID, got, closed)
		}
	}
	if got, _ := drain(c); len(got) != 0 {
		t.Errorf("garden got %q from the lobby", got)
	}
	if m := h.Broadcast(msg("garden", "g")); m.Delivered != 1 {
		t.Errorf("Broadcast to garden = %+v", m)
	}
	if got, _ := drain(c); !slices.Equal(got, []string{"g"}) {
		t.Errorf("garden got %q, want [g]", got)
	}
}

func TestSlowSubscriberIsEvicted(t *testing.T) {
	h := NewHub(2)
	slow := join(t, h, "lobby", "slow", Evict)
	fast := join(t, h, "lobby", "fast", Evict)
	var fastGot []string
	for i, wantEvicted := range []bool{false, false, true, false} {
		text := fmt.Sprint("m", i)
		rep := h.Broadcast(msg("lobby", text))
		if wantEvicted != slices.Equal(rep.Evicted, []string{"slow"}) || (!wantEvicted && len(rep.Evicted) > 0) {
			t.Fatalf("Broadcast %s = %+v; want slow evicted %v (queue of 2, never read)", text, rep, wantEvicted)
		}
		if want := map[bool]int{false: 2, true: 1}[i >= 2]; rep.Delivered != want {
			t.Errorf("Broadcast %s delivered %d, want %d", text, rep.Delivered, want)
		}
		got, _ := drain(fast)
		fastGot = append(fastGot, got...)
	}
	if !slices.Equal(fastGot, []string{"m0", "m1", "m2", "m3"}) {
		t.Errorf("fast got %q, want every message in order", fastGot)
	}
	got, closed := drain(slow)
	if !slices.Equal(got, []string{"m0", "m1"}) || !closed {
		t.Errorf("slow's channel held %q (closed %v), want [m0 m1] then closed", got, closed)
	}
	if m := h.Members("lobby"); !slices.Equal(m, []string{"fast"}) {
		t.Errorf("Members after the eviction = %q, want [fast]", m)
	}
	h.Leave(slow) // after an eviction: nothing, and no double close
	if m := h.Members("lobby"); !slices.Equal(m, []string{"fast"}) {
		t.Errorf("Members after the evicted one left = %q, want [fast]", m)
	}
}

func TestEvictionsAreReportedSorted(t *testing.T) {
	h := NewHub(1)
	for _, id := range []string{"c", "a", "b"} {
		join(t, h, "lobby", id, Evict)
	}
	h.Broadcast(msg("lobby", "fills"))
	if rep := h.Broadcast(msg("lobby", "overflows")); !slices.Equal(rep.Evicted, []string{"a", "b", "c"}) || rep.Delivered != 0 {
		t.Errorf("Broadcast over three full queues = %+v, want Evicted [a b c], Delivered 0", rep)
	}
	if h.Rooms() != 0 {
		t.Errorf("Rooms() = %d after everyone was evicted, want 0", h.Rooms())
	}
}

func TestDropOldestKeepsTheNewest(t *testing.T) {
	h := NewHub(2)
	typing := join(t, h, "lobby", "typing", DropOldest)
	for i, wantDropped := range []int{0, 0, 1, 1, 1} {
		rep := h.Broadcast(msg("lobby", fmt.Sprint("m", i)))
		if rep.Dropped != wantDropped || rep.Delivered != 1 || len(rep.Evicted) != 0 {
			t.Errorf("Broadcast m%d = %+v, want Delivered 1, Dropped %d, nobody evicted", i, rep, wantDropped)
		}
	}
	if got, closed := drain(typing); !slices.Equal(got, []string{"m3", "m4"}) || closed {
		t.Errorf("the lossy subscriber holds %q (closed %v), want the newest two [m3 m4], still open", got, closed)
	}
	if m := h.Members("lobby"); !slices.Equal(m, []string{"typing"}) {
		t.Errorf("Members = %q, want [typing]: dropping messages is not an eviction", m)
	}
	if rep := h.Broadcast(msg("lobby", "m5")); rep.Dropped != 0 {
		t.Errorf("Broadcast into an emptied queue = %+v, want nothing dropped", rep)
	}
}

func TestMixedPolicies(t *testing.T) {
	h := NewHub(1)
	chat := join(t, h, "lobby", "chat", Evict)
	lossy := join(t, h, "lobby", "lossy", DropOldest)
	h.Broadcast(msg("lobby", "a"))
	rep := h.Broadcast(msg("lobby", "b"))
	if rep.Delivered != 1 || rep.Dropped != 1 || !slices.Equal(rep.Evicted, []string{"chat"}) {
		t.Errorf("Broadcast b = %+v, want chat evicted and lossy's oldest dropped", rep)
	}
	if got, closed := drain(chat); !slices.Equal(got, []string{"a"}) || !closed {
		t.Errorf("chat holds %q closed %v, want [a] closed", got, closed)
	}
	if got, _ := drain(lossy); !slices.Equal(got, []string{"b"}) {
		t.Errorf("lossy holds %q, want [b]", got)
	}
}

func TestLeave(t *testing.T) {
	h := NewHub(2)
	a := join(t, h, "lobby", "alice", Evict)
	tab2 := join(t, h, "lobby", "alice", Evict)
	b := join(t, h, "lobby", "bob", DropOldest)
	if m := h.Members("lobby"); !slices.Equal(m, []string{"alice", "bob"}) {
		t.Errorf("Members = %q, want [alice bob] (alice's two tabs once)", m)
	}
	h.Leave(a)
	h.Leave(a)
	if _, closed := drain(a); !closed {
		t.Error("Leave did not close the channel")
	}
	if m := h.Members("lobby"); !slices.Equal(m, []string{"alice", "bob"}) {
		t.Errorf("Members with alice's second tab = %q, want [alice bob]", m)
	}
	if rep := h.Broadcast(msg("lobby", "x")); rep.Delivered != 2 {
		t.Errorf("Broadcast after a leave = %+v, want Delivered 2", rep)
	}
	h.Leave(tab2)
	h.Leave(b)
	if m := h.Members("lobby"); len(m) != 0 || m == nil {
		t.Errorf("Members of an empty room = %#v, want an empty, non-nil list", m)
	}
	if h.Rooms() != 0 {
		t.Errorf("Rooms() = %d after the last left, want 0 (empty rooms are forgotten)", h.Rooms())
	}
	join(t, h, "lobby", "carol", Evict)
	join(t, h, "garden", "dan", Evict)
	if h.Rooms() != 2 {
		t.Errorf("Rooms() = %d, want 2", h.Rooms())
	}
}

func TestJoinRefusesEmptyNames(t *testing.T) {
	h := NewHub(1)
	for _, tc := range [][2]string{{"", "a"}, {"lobby", ""}} {
		if s, err := h.Join(tc[0], tc[1], Evict); err != ErrInvalid || s != nil {
			t.Errorf("Join(%q, %q) = %v, %v; want nil, ErrInvalid", tc[0], tc[1], s, err)
		}
	}
	if h.Rooms() != 0 {
		t.Errorf("a refused Join left a room behind")
	}
}

func TestBroadcastNeverBlocks(t *testing.T) {
	h := NewHub(1)
	join(t, h, "lobby", "stuck", DropOldest)
	join(t, h, "lobby", "gone", Evict)
	done := make(chan struct{})
	go func() {
		for range 100 {
			h.Broadcast(msg("lobby", "x"))
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("100 broadcasts to subscribers that never read did not return in 5 s")
	}
}

// TestConcurrentUse runs joins, leaves, broadcasts and readers at once;
// run with -race.
func TestConcurrentUse(t *testing.T) {
	h := NewHub(4)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				s, err := h.Join("lobby", fmt.Sprint("u", i), Policy(j%2))
				if err != nil {
					t.Error(err)
					return
				}
				h.Broadcast(msg("lobby", "x"))
				drain(s)
				h.Members("lobby")
				h.Leave(s)
			}
		})
	}
	wg.Wait()
	if h.Rooms() != 0 || len(h.Members("lobby")) != 0 {
		t.Errorf("after everyone left: Rooms %d, Members %q", h.Rooms(), h.Members("lobby"))
	}
}
