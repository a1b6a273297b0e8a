package main

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"testing"
)

// publish sends n messages "m1".."mn" and waits until the room has them.
func publish(t *testing.T, s *testServer, room string, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		if err := s.hub.Send(t.Context(), room, "alice", "m"+strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the messages to arrive", func() bool {
		s.hub.mu.Lock()
		defer s.hub.mu.Unlock()
		r := s.hub.rooms[room]
		return r != nil && r.history.last >= uint64(from+n-1)
	})
}

func texts(t *testing.T, r *sseReader, n int) (got []string, ids []string) {
	t.Helper()
	for len(got) < n {
		ev := r.nextEvent(t)
		if ev.Event == "reset" {
			got = append(got, "RESET")
			continue
		}
		var e Event
		if err := json.Unmarshal([]byte(ev.Data), &e); err != nil {
			t.Fatalf("data %q: %v", ev.Data, err)
		}
		if ev.ID != e.ID || ev.Event != e.Type {
			t.Errorf("SSE id %q event %q for an event with id %q type %q", ev.ID, ev.Event, e.ID, e.Type)
		}
		got = append(got, e.Text)
		ids = append(ids, ev.ID)
	}
	return got, ids
}

func TestSSEStreamsHistoryThenLive(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	publish(t, s, "lobby", 1, 2)
	res, r := s.openSSE(t, "lobby", s.token(t, "bob"), nil)
	if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("GET /events = %d %q, want 200 text/event-stream", res.StatusCode, ct)
	}
	if first, _ := r.next(t); first.Retry != "1000" {
		t.Errorf("first block %+v, want retry: 1000", first)
	}
	got, _ := texts(t, r, 2)
	if !slices.Equal(got, []string{"m1", "m2"}) {
		t.Errorf("history = %q, want [m1 m2]", got)
	}
	if ev := r.nextEvent(t); ev.Event != "join" { // bob's own arrival
		t.Errorf("next event %+v, want bob's join", ev)
	}
	publish(t, s, "lobby", 3, 1)
	if got, _ := texts(t, r, 1); got[0] != "m3" {
		t.Errorf("live event = %q, want m3", got)
	}
}

func TestSSEResumesWithLastEventID(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	tok := s.token(t, "bob")
	publish(t, s, "lobby", 1, 5)
	_, r := s.openSSE(t, "lobby", tok, nil)
	_, ids := texts(t, r, 5)

	// Reconnect as EventSource does, with the ID of m2: exactly m3..m5, in order.
	_, r2 := s.openSSE(t, "lobby", tok, http.Header{"Last-Event-ID": {ids[1]}})
	got, _ := texts(t, r2, 3)
	if !slices.Equal(got, []string{"m3", "m4", "m5"}) {
		t.Errorf("resumed from %s: %q, want [m3 m4 m5]", ids[1], got)
	}
	// The header wins over the query parameter (EventSource's own reconnect
	// sends the header; the URL still carries the page's first ID).
	req, _ := http.NewRequest("GET", s.URL+"/rooms/lobby/events?last_event_id="+ids[0], nil)
	req.Header.Set("Last-Event-ID", ids[3])
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if got, _ := texts(t, &sseReader{sc: newScanner(res.Body)}, 1); got[0] != "m5" {
		t.Errorf("header %s and query %s: first event %q, want m5", ids[3], ids[0], got)
	}
}

func TestSSEResetWhenTheIDIsNotKept(t *testing.T) {
	const inst = "me"
	tests := []struct {
		name, id string
		want     []string
	}{
		{"still kept", eventID(inst, 4), []string{"m5", "m6"}},
		{"the oldest kept minus one", eventID(inst, 3), []string{"m4", "m5", "m6"}},
		{"older than the history", eventID(inst, 2), []string{"RESET", "m4", "m5", "m6"}},
		{"another instance", eventID("other", 5), []string{"RESET", "m4", "m5", "m6"}},
		{"from the future (a restart)", eventID(inst, 60), []string{"RESET", "m4", "m5", "m6"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// A server per case: each stream's join and leave are events too.
			s := newTestServer(t, NewMemoryBus().Connect(), func(c *testConfig) { c.hub.History, c.hub.Instance = 3, inst })
			publish(t, s, "lobby", 1, 6) // keeps m4..m6
			_, r := s.openSSE(t, "lobby", s.token(t, "bob"), http.Header{"Last-Event-ID": {tc.id}})
			if got, _ := texts(t, r, len(tc.want)); !slices.Equal(got, tc.want) {
				t.Errorf("Last-Event-ID %s: %q, want %q", tc.id, got, tc.want)
			}
		})
	}
}

func TestSSEHeartbeatIsAComment(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), func(c *testConfig) { c.api.PingInterval = 20 * 1e6 })
	_, r := s.openSSE(t, "lobby", s.token(t, "bob"), nil)
	for range 10 {
		if ev, ok := r.next(t); !ok {
			t.Fatal("stream ended")
		} else if ev.Comment == "ping" {
			return
		}
	}
	t.Error("no ': ping' comment in the first 10 blocks")
}

func TestSSERefusals(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	tok := s.token(t, "bob")
	for _, tc := range []struct {
		name, path string
		header     http.Header
		status     int
	}{
		{"no token", "/rooms/lobby/events", nil, 401},
		{"bad Last-Event-ID", "/rooms/lobby/events", http.Header{"Last-Event-ID": {"seven"}, "Authorization": {"Bearer " + tok}}, 400},
		{"bad last_event_id", "/rooms/lobby/events?last_event_id=x-y", http.Header{"Authorization": {"Bearer " + tok}}, 400},
		{"bad room", "/rooms/Lobby!/events", http.Header{"Authorization": {"Bearer " + tok}}, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", s.URL+tc.path, nil)
			req.Header = tc.header
			if req.Header == nil {
				req.Header = http.Header{}
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			wantProblem(t, res.StatusCode, res.Header, string(body), tc.status, "")
		})
	}
}
