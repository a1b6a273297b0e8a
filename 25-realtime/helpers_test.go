package main

import (
	"bufio"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// testServer is one chat instance on a test HTTP server.
type testServer struct {
	URL   string
	api   *api
	hub   *Hub
	clock *fakeClock
}

// testConfig is what a test may change; newTestServer fills in the rest.
type testConfig struct {
	hub hubOptions
	api apiOptions
	// sendRate and sendBurst are the rate limit; the default is generous.
	sendRate  float64
	sendBurst int
}

// fakeClock is the hub's clock for presence expiry; it starts at the real
// time so that tokens, checked against the real clock elsewhere, still work.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

var testSecret = []byte("test-secret")

func newTestServer(t *testing.T, broker Broker, change func(*testConfig)) *testServer {
	t.Helper()
	clock := &fakeClock{now: time.Now()}
	cfg := testConfig{
		hub: hubOptions{Instance: "i" + randomHex(2), History: 64, SendBuffer: 64, MaxRooms: 10,
			PresenceInterval: time.Hour, Now: clock.Now},
		api: apiOptions{Transports: []string{"websocket", "sse", "poll"}, PingInterval: 10 * time.Second,
			WriteWait: 2 * time.Second, MaxText: 100, PollTimeout: 5 * time.Second},
		sendRate: 1000, sendBurst: 1000,
	}
	if change != nil {
		change(&cfg)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	m := newMetrics()
	hub := newHub(broker, cfg.hub, m, logger)
	a := newAPI(hub, &tokens{secret: testSecret, ttl: time.Hour, now: time.Now},
		newSendLimits(cfg.sendRate, cfg.sendBurst, 100), m, logger, cfg.api)
	srv := httptest.NewServer(watchErrors(t, routes(a)))
	t.Cleanup(func() {
		hub.Shutdown()
		srv.Close()
		broker.Close()
	})
	return &testServer{URL: srv.URL, api: a, hub: hub, clock: clock}
}

// token logs name in on s.
func (s *testServer) token(t *testing.T, name string) string {
	t.Helper()
	res, err := http.Post(s.URL+"/token", "application/json", strings.NewReader(`{"name":"`+name+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != 200 {
		t.Fatalf("POST /token for %s = %d, %v", name, res.StatusCode, err)
	}
	return body.Token
}

// wsURL is the WebSocket URL of room on s with query.
func (s *testServer) wsURL(room, query string) string {
	return "ws" + strings.TrimPrefix(s.URL, "http") + "/rooms/" + room + "/ws?" + query
}

// dial opens a WebSocket to room as the owner of tok.
func (s *testServer) dial(t *testing.T, room, tok, query string) *websocket.Conn {
	t.Helper()
	h := http.Header{"Authorization": {"Bearer " + tok}}
	c, res, err := websocket.DefaultDialer.Dial(s.wsURL(room, query), h)
	if err != nil {
		t.Fatalf("dial %s: %v (response %v)", room, err, res)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// frame is any frame the server sends: an event or a control frame.
type frame struct {
	Event
	Error        string `json:"error"`
	Detail       string `json:"detail"`
	RetryAfterMS int64  `json:"retry_after_ms"`
}

// readFrame reads the next frame within 5 s.
func readFrame(t *testing.T, c *websocket.Conn) frame {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var f frame
	if err := c.ReadJSON(&f); err != nil {
		t.Fatalf("reading a frame: %v", err)
	}
	return f
}

// readUntil reads frames until one matches, failing after 200 frames.
func readUntil(t *testing.T, c *websocket.Conn, match func(frame) bool) frame {
	t.Helper()
	for range 200 {
		if f := readFrame(t, c); match(f) {
			return f
		}
	}
	t.Fatal("no matching frame in 200")
	return frame{}
}

func isMessage(text string) func(frame) bool {
	return func(f frame) bool { return f.Type == "message" && f.Text == text }
}

func send(t *testing.T, c *websocket.Conn, text string) {
	t.Helper()
	if err := c.WriteJSON(inFrame{Type: "send", Text: text}); err != nil {
		t.Fatal(err)
	}
}

// sseEvent is one parsed SSE event (or comment) of the stream the server writes.
type sseEvent struct {
	ID, Event, Data, Comment, Retry string
}

// sseReader reads the server's SSE stream: "field: value" lines, one
// blank line after each event. It reads only what this server writes.
type sseReader struct{ sc *bufio.Scanner }

func (r *sseReader) next(t *testing.T) (sseEvent, bool) {
	t.Helper()
	var ev sseEvent
	seen := false
	for r.sc.Scan() {
		line := r.sc.Text()
		if line == "" {
			if seen {
				return ev, true
			}
			continue
		}
		seen = true
		field, value, _ := strings.Cut(line, ": ")
		switch field {
		case "":
			ev.Comment = value
		case "id":
			ev.ID = value
		case "event":
			ev.Event = value
		case "data":
			ev.Data = value
		case "retry":
			ev.Retry = value
		default:
			t.Fatalf("unexpected SSE line %q", line)
		}
	}
	return ev, false
}

// openSSE opens room's event stream with the given headers.
func (s *testServer) openSSE(t *testing.T, room, tok string, h http.Header) (*http.Response, *sseReader) {
	t.Helper()
	req, _ := http.NewRequest("GET", s.URL+"/rooms/"+room+"/events", nil)
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res, &sseReader{sc: bufio.NewScanner(res.Body)}
}

// nextEvent skips retry and comment lines to the next event.
func (r *sseReader) nextEvent(t *testing.T) sseEvent {
	t.Helper()
	for range 100 {
		ev, ok := r.next(t)
		if !ok {
			t.Fatal("the SSE stream ended")
		}
		if ev.Event != "" {
			return ev
		}
	}
	t.Fatal("no event in 100 SSE blocks")
	return sseEvent{}
}

// sendHTTP posts a message as the owner of tok and returns the status.
func (s *testServer) sendHTTP(t *testing.T, room, tok, text string) int {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"text": text})
	req := httptest.NewRequest("POST", s.URL+"/rooms/"+room+"/messages", strings.NewReader(string(body)))
	req.RequestURI = ""
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// waitFor polls cond every 10 ms for up to 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 500 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func newScanner(r io.Reader) *bufio.Scanner { return bufio.NewScanner(r) }
