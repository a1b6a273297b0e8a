package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// poll GETs the poll endpoint with query and decodes a 200.
func (s *testServer) poll(t *testing.T, tok, query string) (int, pollResponse) {
	t.Helper()
	req, _ := http.NewRequest("GET", s.URL+"/rooms/lobby/poll?"+query, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var p pollResponse
	if res.StatusCode == 200 {
		if err := json.NewDecoder(res.Body).Decode(&p); err != nil {
			t.Fatal(err)
		}
	}
	return res.StatusCode, p
}

func pollTexts(p pollResponse) string {
	var out []string
	for _, ev := range p.Events {
		out = append(out, ev.Text)
	}
	return strings.Join(out, ",")
}

func TestPollReturnsEventsAfterN(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), func(c *testConfig) { c.hub.Instance = "me" })
	tok := s.token(t, "bob")
	publish(t, s, "lobby", 1, 3)
	for _, tc := range []struct{ query, want string }{
		{"after=0", "m1,m2,m3"},
		{"", "m1,m2,m3"},
		{"after=1", "m2,m3"},
		{"after=2&instance=me", "m3"},
	} {
		code, p := s.poll(t, tok, tc.query)
		if code != 200 || pollTexts(p) != tc.want || p.Reset || p.Next != 3 || p.Instance != "me" {
			t.Errorf("poll?%s = %d %+v, want 200 %s next 3, no reset", tc.query, code, p, tc.want)
		}
	}
}

func TestPollWaitsForTheNextEvent(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	tok := s.token(t, "bob")
	publish(t, s, "lobby", 1, 1)
	got := make(chan pollResponse, 1)
	go func() {
		_, p := s.poll(t, tok, "after=1&timeout=5s")
		got <- p
	}()
	publish(t, s, "lobby", 2, 1)
	if p := <-got; pollTexts(p) != "m2" || p.Next != 2 {
		t.Errorf("waiting poll got %+v, want m2", p)
	}
}

func TestPollTimesOutWithNoContent(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	tok := s.token(t, "bob")
	publish(t, s, "lobby", 1, 1)
	for _, q := range []string{"after=1&timeout=50ms", "after=1&timeout=0s"} {
		if code, _ := s.poll(t, tok, q); code != http.StatusNoContent {
			t.Errorf("poll?%s with nothing new = %d, want 204", q, code)
		}
	}
}

func TestPollSignalsReset(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), func(c *testConfig) { c.hub.History, c.hub.Instance = 2, "me" })
	tok := s.token(t, "bob")
	publish(t, s, "lobby", 1, 4) // keeps m3, m4
	for _, q := range []string{"after=1", "after=0", "after=3&instance=other", "after=9&instance=me"} {
		code, p := s.poll(t, tok, q)
		if code != 200 || !p.Reset || pollTexts(p) != "m3,m4" || p.Next != 4 {
			t.Errorf("poll?%s = %d %+v, want 200 reset with m3,m4", q, code, p)
		}
	}
	if code, p := s.poll(t, tok, "after=2"); p.Reset || pollTexts(p) != "m3,m4" {
		t.Errorf("poll?after=2 (the oldest kept minus one) = %d %+v, want m3,m4 without reset", code, p)
	}
}

func TestPollRefusals(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	tok := s.token(t, "bob")
	for _, q := range []string{"after=-1", "after=x", "timeout=soon", "timeout=-1s", "timeout=6s"} {
		req, _ := http.NewRequest("GET", s.URL+"/rooms/lobby/poll?"+q, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		wantProblem(t, res.StatusCode, res.Header, string(body), 400, "/rooms/lobby/poll?"+q)
	}
	res, err := http.Get(s.URL + "/rooms/lobby/poll?after=0")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	wantProblem(t, res.StatusCode, res.Header, string(body), 401, "")
}
