package main

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestTokenAndSendRefusals(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	tok := s.token(t, "alice")
	long := strings.Repeat("a", 101)
	tests := []struct {
		name, method, path, ctype, body, auth string
		status                                int
	}{
		{"token", "POST", "/token", "application/json", `{"name":"alice"}`, "", 200},
		{"token: bad name", "POST", "/token", "application/json", `{"name":"a.b"}`, "", 422},
		{"token: empty name", "POST", "/token", "application/json", `{"name":""}`, "", 422},
		{"token: not JSON", "POST", "/token", "application/json", `{"name":`, "", 400},
		{"token: unknown field", "POST", "/token", "application/json", `{"name":"a","admin":true}`, "", 400},
		{"token: text/plain", "POST", "/token", "text/plain", `{"name":"a"}`, "", 415},
		{"token: too big", "POST", "/token", "application/json", `{"name":"` + strings.Repeat("a", 9<<10) + `"}`, "", 413},
		{"token: GET", "GET", "/token", "", "", "", 405},
		{"send", "POST", "/rooms/lobby/messages", "application/json", `{"text":"hi"}`, tok, 202},
		{"send: no token", "POST", "/rooms/lobby/messages", "application/json", `{"text":"hi"}`, "", 401},
		{"send: empty", "POST", "/rooms/lobby/messages", "application/json", `{"text":""}`, tok, 422},
		{"send: too long", "POST", "/rooms/lobby/messages", "application/json", `{"text":"` + long + `"}`, tok, 422},
		{"send: bad room", "POST", "/rooms/a.b/messages", "application/json", `{"text":"hi"}`, tok, 400},
		{"send: DELETE", "DELETE", "/rooms/lobby/messages", "", "", tok, 405},
		{"ws: POST", "POST", "/rooms/lobby/ws", "", "", tok, 405},
		{"presence", "GET", "/rooms/lobby/presence", "", "", tok, 200},
		{"presence: no token", "GET", "/rooms/lobby/presence", "", "", "", 401},
		{"no such path", "GET", "/nowhere", "", "", "", 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, s.URL+tc.path, strings.NewReader(tc.body))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			if tc.auth != "" {
				req.Header.Set("Authorization", "Bearer "+tc.auth)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if tc.status < 400 {
				if res.StatusCode != tc.status {
					t.Errorf("%s %s = %d %s, want %d", tc.method, tc.path, res.StatusCode, body, tc.status)
				}
				return
			}
			p := wantProblem(t, res.StatusCode, res.Header, string(body), tc.status, "")
			if tc.status == 405 && res.Header.Get("Allow") == "" {
				t.Errorf("405 without Allow")
			}
			if tc.status == 422 && len(p.Errors) != 1 {
				t.Errorf("422 with errors %+v, want the one field", p.Errors)
			}
		})
	}
}

func TestRateLimitedPOSTHasRetryAfter(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), func(c *testConfig) { c.sendRate, c.sendBurst = 0.5, 1 })
	tok := s.token(t, "alice")
	if code := s.sendHTTP(t, "lobby", tok, "one"); code != 202 {
		t.Fatalf("first POST = %d, want 202", code)
	}
	req, _ := http.NewRequest("POST", s.URL+"/rooms/lobby/messages", strings.NewReader(`{"text":"two"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	wantProblem(t, res.StatusCode, res.Header, string(body), 429, "")
	if ra := res.Header.Get("Retry-After"); ra != "2" {
		t.Errorf("Retry-After = %q, want 2 (one token per 2 s)", ra)
	}
}

func TestDisabledTransportsAreNotRouted(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), func(c *testConfig) { c.api.Transports = []string{"poll"} })
	tok := s.token(t, "alice")
	for _, path := range []string{"/rooms/lobby/ws", "/rooms/lobby/events"} {
		req, _ := http.NewRequest("GET", s.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		wantProblem(t, res.StatusCode, res.Header, string(body), 404, path)
	}
	if code, _ := s.poll(t, tok, "timeout=0s"); code != 204 {
		t.Errorf("poll = %d, want 204 on an empty room", code)
	}
}

func TestPageIsServed(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	for path, want := range map[string]string{"/": "<script src=\"/static/chat.js\">", "/static/chat.js": "new EventSource("} {
		res, err := http.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %d, want 200 with %q", path, res.StatusCode, want)
		}
	}
}

func TestHistoryRing(t *testing.T) {
	h := newHistory(3)
	if ev, ok := h.after(0); len(ev) != 0 || !ok || h.oldest() != 1 {
		t.Errorf("empty: after(0) = %v %v, oldest %d; want nothing, complete, oldest 1", ev, ok, h.oldest())
	}
	for i := uint64(1); i <= 5; i++ {
		h.add(Event{Seq: i})
	}
	seqs := func(evs []Event) (out []uint64) {
		for _, e := range evs {
			out = append(out, e.Seq)
		}
		return out
	}
	if got := seqs(h.all()); !slices.Equal(got, []uint64{3, 4, 5}) {
		t.Errorf("all() = %v, want [3 4 5]", got)
	}
	for _, tc := range []struct {
		after    uint64
		want     []uint64
		complete bool
	}{
		{5, nil, true}, {4, []uint64{5}, true}, {2, []uint64{3, 4, 5}, true},
		{1, []uint64{3, 4, 5}, false}, {6, []uint64{3, 4, 5}, false},
	} {
		got, ok := h.after(tc.after)
		if !slices.Equal(seqs(got), tc.want) || ok != tc.complete {
			t.Errorf("after(%d) = %v %v, want %v %v", tc.after, seqs(got), ok, tc.want, tc.complete)
		}
	}
}

func TestParseEventID(t *testing.T) {
	for _, tc := range []struct {
		id, inst string
		seq      uint64
		ok       bool
	}{
		{"ab12-7", "ab12", 7, true}, {"a-b-0", "a-b", 0, true},
		{"7", "", 0, false}, {"-7", "", 0, false}, {"ab-", "", 0, false}, {"ab-x", "", 0, false},
	} {
		inst, seq, err := parseEventID(tc.id)
		if (err == nil) != tc.ok || inst != tc.inst || seq != tc.seq {
			t.Errorf("parseEventID(%q) = %q %d %v, want %q %d ok=%v", tc.id, inst, seq, err, tc.inst, tc.seq, tc.ok)
		}
	}
}

// TestQueryTokenLeavesTheURL: a token given as ?access_token= (what a
// browser's WebSocket and EventSource must do) works, and is never echoed
// in a problem's instance.
func TestQueryTokenLeavesTheURL(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	tok := s.token(t, "alice")
	res, err := http.Get(s.URL + "/rooms/lobby/poll?after=x&access_token=" + tok)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	wantProblem(t, res.StatusCode, res.Header, string(body), 400, "/rooms/lobby/poll?after=x")
	if strings.Contains(string(body), tok) {
		t.Errorf("the problem body carries the token: %s", body)
	}
	if code, _ := s.poll(t, tok, "timeout=0s&access_token="+tok); code != 204 {
		t.Errorf("poll with the token in both places = %d, want 204", code)
	}
	res, err = http.Get(s.URL + "/rooms/lobby/presence?access_token=" + tok)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("presence with a query token = %v %v, want 200", res.StatusCode, err)
	}
	res.Body.Close()
}
