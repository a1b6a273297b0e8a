// Package broadcasttest is the contract every service.Broadcaster adapter
// passes: the in-process one and RabbitMQ's fanout run the same tests.
package broadcasttest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"workbook/capstone/service"
)

// Run checks the broadcasters open returns. Two calls of open must give
// two instances on the same bus (for RabbitMQ: two connections to one
// exchange), as two replicas of the capstone would have.
func Run(t *testing.T, open func(t *testing.T) (service.Broadcaster, service.Broadcaster)) {
	t.Run("EverySubscriberGetsEveryNotificationInOrder", func(t *testing.T) {
		a, b := open(t)
		ctx := context.Background()
		subA, subB := subscribe(t, a), subscribe(t, b)
		ready(t, a, subA, subB)
		var want []string
		for i := range 20 {
			n := service.Notification{ID: fmt.Sprintf("n%d", i), Type: service.NotifyComment, To: []int64{int64(i), 7},
				Actor: service.NoticeUser{Username: "jake"}, Comment: &service.NoticeComment{ID: int64(i), Body: "hi"},
				At: time.Date(2026, 12, 3, 10, 0, i, 0, time.UTC)}
			pub := a
			if i%2 == 1 { // published from either instance, heard on both
				pub = b
			}
			if err := pub.Publish(ctx, n); err != nil {
				t.Fatalf("Publish: %v", err)
			}
			want = append(want, n.ID)
		}
		for name, s := range map[string]*sink{"a": subA, "b": subB} {
			got := s.waitIDs(t, len(want))
			// Per publisher, order holds; across the two publishers it need not.
			for _, parity := range []int{0, 1} {
				var g, w []string
				for i, id := range want {
					if i%2 == parity {
						w = append(w, id)
					}
				}
				for _, id := range got {
					var k int
					fmt.Sscanf(id, "n%d", &k)
					if k%2 == parity {
						g = append(g, id)
					}
				}
				if !slices.Equal(g, w) {
					t.Errorf("subscriber %s got %v from one publisher, want %v in that order", name, g, w)
				}
			}
			last := s.last()
			if last.Comment == nil || last.Comment.Body != "hi" || last.Actor.Username != "jake" || len(last.To) != 2 || last.At.IsZero() {
				t.Errorf("subscriber %s got %+v: fields lost on the way", name, last)
			}
		}
	})
	t.Run("ACancelledSubscriberStops", func(t *testing.T) {
		a, b := open(t)
		subA := subscribe(t, a)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		gotB := &sink{}
		go func() { done <- b.Subscribe(ctx, gotB.add) }()
		ready(t, a, subA, gotB)
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Subscribe after cancel = %v, want nil", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Subscribe did not return within 10 s of its context's end")
		}
	})
}

type sink struct {
	mu  sync.Mutex
	got []service.Notification
}

func (s *sink) add(n service.Notification) {
	s.mu.Lock()
	s.got = append(s.got, n)
	s.mu.Unlock()
}

func (s *sink) last() service.Notification {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.got[len(s.got)-1]
}

// waitIDs waits for n notifications other than the readiness probes.
func (s *sink) waitIDs(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		var ids []string
		for _, x := range s.got {
			if x.Type != "probe" {
				ids = append(ids, x.ID)
			}
		}
		s.mu.Unlock()
		if len(ids) >= n {
			return ids
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s: %d of %d notifications arrived: %v", len(ids), n, ids)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func subscribe(t *testing.T, b service.Broadcaster) *sink {
	s := &sink{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = b.Subscribe(ctx, s.add) }()
	t.Cleanup(func() { cancel(); <-done })
	return s
}

// ready publishes probes until every sink has heard one: a subscription
// is in place some time after Subscribe starts (a queue to bind).
func ready(t *testing.T, pub service.Broadcaster, sinks ...*sink) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if err := pub.Publish(context.Background(), service.Notification{ID: "probe", Type: "probe"}); err != nil {
			t.Fatalf("Publish(probe): %v", err)
		}
		time.Sleep(50 * time.Millisecond)
		all := true
		for _, s := range sinks {
			s.mu.Lock()
			all = all && len(s.got) > 0
			s.mu.Unlock()
		}
		if all {
			return
		}
	}
	t.Fatal("after 10 s, a subscriber had heard no probe")
}
