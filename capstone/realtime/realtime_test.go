package realtime

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"workbook/capstone/service"
)

func note(id string, to ...int64) service.Notification {
	return service.Notification{ID: id, Type: service.NotifyFollower, To: to, Actor: service.NoticeUser{Username: "ann"}}
}

func receive(t *testing.T, c *Client) message {
	t.Helper()
	select {
	case m := <-c.send:
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("no message within 5 s")
		return message{}
	}
}

func TestDeliverReachesOnlyRecipientsWithoutTheList(t *testing.T) {
	h := NewHub(Options{}, nil)
	a1, _ := h.Register(1, "sse")
	a2, _ := h.Register(1, "websocket") // a user with two tabs gets it on both
	b, _ := h.Register(2, "sse")
	h.Deliver(note("n1", 1, 3))
	for _, c := range []*Client{a1, a2} {
		m := receive(t, c)
		var got map[string]any
		if err := json.Unmarshal(m.data, &got); err != nil {
			t.Fatal(err)
		}
		if _, leaked := got["to"]; leaked || got["id"] != "n1" || m.id != "n1" || m.event != service.NotifyFollower {
			t.Errorf("client got %s (id %q, event %q); want n1 as a follower event without the recipient list", m.data, m.id, m.event)
		}
	}
	select {
	case m := <-b.send:
		t.Errorf("user 2 got %s, which was for users 1 and 3", m.data)
	default:
	}
}

func TestASlowClientIsEvictedAndTheOthersGoOn(t *testing.T) {
	reg := prometheus.NewRegistry()
	h := NewHub(Options{Buffer: 2}, reg)
	slow, _ := h.Register(1, "websocket")
	fast, _ := h.Register(1, "sse")
	for i := range 5 {
		h.Deliver(note(string(rune('a'+i)), 1))
		receive(t, fast) // fast reads each one; slow never reads
	}
	select {
	case <-slow.Done():
	default:
		t.Fatal("a client with a full queue was not evicted")
	}
	if r := slow.Reason(); r != reasonSlow {
		t.Errorf("evicted with reason %q, want %q", r, reasonSlow)
	}
	select {
	case <-fast.Done():
		t.Fatal("the client that kept up was dropped too")
	default:
	}
	if got := testutil.ToFloat64(h.evictions); got != 1 {
		t.Errorf("realtime_evictions_total = %v, want 1 (one eviction, however many notifications found it full)", got)
	}
	h.Unregister(slow)
	h.Unregister(slow) // twice is harmless
	if n := h.Connections(); n != 1 {
		t.Errorf("Connections = %d after unregistering the slow one, want 1", n)
	}
	if got := testutil.ToFloat64(h.connections.WithLabelValues("websocket")); got != 0 {
		t.Errorf("realtime_connections{transport=websocket} = %v, want 0", got)
	}
}

func TestRegisterLimitsAndClose(t *testing.T) {
	h := NewHub(Options{PerUser: 2}, nil)
	c1, _ := h.Register(1, "sse")
	if _, err := h.Register(1, "sse"); err != nil {
		t.Fatalf("second connection: %v", err)
	}
	if _, err := h.Register(1, "sse"); !errors.Is(err, ErrTooMany) {
		t.Errorf("third connection of one user with PerUser 2: err = %v, want ErrTooMany", err)
	}
	if _, err := h.Register(2, "sse"); err != nil {
		t.Errorf("another user's connection: %v", err)
	}
	h.Unregister(c1)
	if _, err := h.Register(1, "sse"); err != nil {
		t.Errorf("after one left, a new one: %v", err)
	}
	h.Close()
	if _, err := h.Register(3, "sse"); !errors.Is(err, ErrClosed) {
		t.Errorf("Register after Close: err = %v, want ErrClosed", err)
	}
	if r := c1.Reason(); r != reasonLeft {
		t.Errorf("a client that left before Close has reason %q, want none", r)
	}
}

// server serves the hub's transports for user 7 (authentication is the
// API's job, tested there).
func server(t *testing.T, h *Hub, origins ...string) *httptest.Server {
	tr := &Transport{Hub: h, Origins: origins, Error: func(w http.ResponseWriter, _ *http.Request, status int, msg string) {
		http.Error(w, msg, status)
	}}
	mux := http.NewServeMux()
	mux.HandleFunc("/ws", func(w http.ResponseWriter, r *http.Request) { tr.ServeWebSocket(w, r, 7) })
	mux.HandleFunc("/sse", func(w http.ResponseWriter, r *http.Request) { tr.ServeSSE(w, r, 7) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func dial(t *testing.T, srv *httptest.Server, origin string) (*websocket.Conn, *http.Response, error) {
	h := http.Header{}
	if origin != "" {
		h.Set("Origin", origin)
	}
	c, resp, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http")+"/ws", h)
	if c != nil {
		t.Cleanup(func() { c.Close() })
	}
	return c, resp, err
}

func waitConnections(t *testing.T, h *Hub, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); h.Connections() != n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("Connections = %d, want %d", h.Connections(), n)
		}
	}
}

func TestWebSocketDeliversPingsAndClosesWithAReason(t *testing.T) {
	h := NewHub(Options{Ping: 20 * time.Millisecond, Buffer: 1}, nil)
	srv := server(t, h, "https://conduit.example.com")

	if _, resp, err := dial(t, srv, "https://evil.example"); err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("upgrade from a foreign origin: err %v, resp %v; want 403", err, resp)
	}
	if resp, err := http.Get(srv.URL + "/ws"); err != nil || resp.StatusCode != http.StatusBadRequest {
		t.Errorf("plain GET of the WebSocket endpoint: %v %v, want 400", resp, err)
	}
	c, _, err := dial(t, srv, "https://conduit.example.com")
	if err != nil {
		t.Fatalf("upgrade from an allowed origin: %v", err)
	}
	var pings atomic.Int32
	c.SetPingHandler(func(data string) error {
		pings.Add(1)
		return c.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(time.Second))
	})
	// One reader for the connection's life: gorilla/websocket answers
	// pings (our handler) only while something reads, and a read that
	// fails leaves the connection unusable, so no read deadlines here.
	msgs, errc := make(chan string, 16), make(chan error, 1)
	go func() {
		for {
			_, data, err := c.ReadMessage()
			if err != nil {
				errc <- err
				return
			}
			msgs <- string(data)
		}
	}()
	waitConnections(t, h, 1)
	h.Deliver(note("n1", 7))
	select {
	case m := <-msgs:
		if !strings.Contains(m, `"id":"n1"`) {
			t.Errorf("message = %s, want notification n1", m)
		}
	case err := <-errc:
		t.Fatalf("read: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no notification within 5 s")
	}
	for deadline := time.Now().Add(5 * time.Second); pings.Load() < 3 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if pings.Load() < 3 {
		t.Errorf("%d pings in 5 s with a 20 ms interval, want several", pings.Load())
	}
	// It answered every ping, for longer than two intervals: still here.
	if h.Connections() != 1 {
		t.Fatalf("a client answering pings was dropped")
	}
	h.Close()
	var ce *websocket.CloseError
	select {
	case err := <-errc:
		if !errors.As(err, &ce) || ce.Code != websocket.CloseGoingAway {
			t.Errorf("after Close, read = %v; want close code 1001 (going away)", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no close frame within 5 s of Close")
	}
	waitConnections(t, h, 0)
}

func TestWebSocketEvictionSays1008(t *testing.T) {
	h := NewHub(Options{Buffer: 1, Ping: time.Hour}, nil)
	srv := server(t, h)
	c, _, err := dial(t, srv, "") // no Origin: not a browser, allowed
	if err != nil {
		t.Fatal(err)
	}
	waitConnections(t, h, 1)
	// Fill the queue faster than one write can empty it: the hub evicts
	// rather than wait.
	for i := 0; i < 100_000 && testutil.ToFloat64(h.evictions) == 0; i++ {
		h.Deliver(note(strconv.Itoa(i), 7))
	}
	if testutil.ToFloat64(h.evictions) == 0 {
		t.Fatal("100 000 notifications in a tight loop never found the 1-slot queue full")
	}
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		_, _, err := c.ReadMessage()
		if err == nil {
			continue
		}
		var ce *websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != websocket.ClosePolicyViolation || !strings.Contains(ce.Text, "too slow") {
			t.Errorf("evicted client read %v; want close 1008 saying too slow", err)
		}
		return
	}
}

func TestWebSocketDropsAClientThatStopsAnsweringPings(t *testing.T) {
	h := NewHub(Options{Ping: 20 * time.Millisecond}, nil)
	srv := server(t, h)
	c, _, err := dial(t, srv, "")
	if err != nil {
		t.Fatal(err)
	}
	waitConnections(t, h, 1)
	// The client never reads, so it never answers a ping: after two
	// intervals without a pong the server gives up on it.
	_ = c
	waitConnections(t, h, 0)
}

func TestSSEFramesHeartbeatsAndClose(t *testing.T) {
	h := NewHub(Options{Ping: 20 * time.Millisecond}, nil)
	srv := server(t, h)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/sse", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Content-Type %q, Cache-Control %q; want text/event-stream, no-store", ct, resp.Header.Get("Cache-Control"))
	}
	waitConnections(t, h, 1)
	h.Deliver(note("n1", 7))
	lines := bufio.NewScanner(resp.Body)
	var got []string
	sawPing, sawEvent := false, false
	for lines.Scan() {
		l := lines.Text()
		got = append(got, l)
		switch {
		case l == ": ping":
			sawPing = true
		case l == "id: n1":
			sawEvent = true
		}
		if sawPing && sawEvent {
			break
		}
	}
	text := strings.Join(got, "\n")
	if !strings.Contains(text, "retry: 3000") || !strings.Contains(text, "id: n1\nevent: follower\ndata: {\"id\":\"n1\"") {
		t.Errorf("stream so far:\n%s\nwant retry:, then id: n1 / event: follower / data: {json}", text)
	}
	if !sawPing {
		t.Errorf("no heartbeat comment in:\n%s", text)
	}
	h.Close()
	var rest []string
	for lines.Scan() {
		rest = append(rest, lines.Text())
	}
	if tail := strings.Join(rest, "\n"); !strings.Contains(tail, "event: close\ndata: \"server shutting down\"") {
		t.Errorf("after Close the stream ended with:\n%s\nwant event: close with the reason", tail)
	}
	waitConnections(t, h, 0)
}
