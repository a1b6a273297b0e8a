package main

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

func TestUpgradeChecksTheTokenFirst(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	expired := (&tokens{secret: testSecret, ttl: -time.Minute, now: time.Now})
	old, _ := expired.issue("alice")
	forged := s.token(t, "alice") + "x"
	tests := []struct {
		name   string
		header http.Header
		query  string
		detail string
	}{
		{"no token", nil, "", "a bearer token is required"},
		{"forged", http.Header{"Authorization": {"Bearer " + forged}}, "", "signature"},
		{"expired in the query", nil, "access_token=" + old, "expired"},
		{"not bearer", http.Header{"Authorization": {"Basic YWxpY2U6eA=="}}, "", "must be Bearer"},
		{"malformed", nil, "access_token=alice", "not name.expiry.signature"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, res, err := websocket.DefaultDialer.Dial(s.wsURL("lobby", tc.query), tc.header)
			if err == nil {
				t.Fatal("the upgrade succeeded without a valid token")
			}
			body, _ := io.ReadAll(res.Body)
			p := wantProblem(t, res.StatusCode, res.Header, string(body), http.StatusUnauthorized, "")
			if !strings.Contains(p.Detail, tc.detail) || !strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("detail %q, WWW-Authenticate %q; want a detail with %q and a Bearer challenge", p.Detail, res.Header.Get("WWW-Authenticate"), tc.detail)
			}
		})
	}
}

func TestUpgradeChecksTheOrigin(t *testing.T) {
	tests := []struct {
		name    string
		allowed []string
		origin  string // "self" is the test server's own origin
		ok      bool
	}{
		{"same origin by default", nil, "self", true},
		{"cross origin by default", nil, "http://evil.example", false},
		{"no Origin header (not a browser)", nil, "", true},
		{"in the allow-list", []string{"https://chat.example"}, "https://chat.example", true},
		{"not in the allow-list", []string{"https://chat.example"}, "https://chat.example.evil", false},
		{"own origin not in the list", []string{"https://chat.example"}, "self", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, NewMemoryBus().Connect(), func(c *testConfig) { c.api.AllowedOrigins = tc.allowed })
			h := http.Header{"Authorization": {"Bearer " + s.token(t, "alice")}}
			if origin := strings.Replace(tc.origin, "self", s.URL, 1); origin != "" {
				h.Set("Origin", origin)
			}
			c, res, err := websocket.DefaultDialer.Dial(s.wsURL("lobby", ""), h)
			if tc.ok {
				if err != nil {
					t.Fatalf("upgrade refused: %v", err)
				}
				c.Close()
				return
			}
			if err == nil {
				c.Close()
				t.Fatal("a cross-origin upgrade succeeded")
			}
			body, _ := io.ReadAll(res.Body)
			wantProblem(t, res.StatusCode, res.Header, string(body), http.StatusForbidden, "")
		})
	}
}

func TestPlainGETOnTheWebSocketRouteIsAProblem(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	req, _ := http.NewRequest("GET", s.URL+"/rooms/lobby/ws", nil)
	req.Header.Set("Authorization", "Bearer "+s.token(t, "alice"))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	wantProblem(t, res.StatusCode, res.Header, string(body), http.StatusBadRequest, "/rooms/lobby/ws")
}

func TestChatBetweenClientsAndPresence(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	alice := s.dial(t, "lobby", s.token(t, "alice"), "")
	bob := s.dial(t, "lobby", s.token(t, "bob"), "")
	other := s.dial(t, "garden", s.token(t, "carol"), "")
	readUntil(t, alice, func(f frame) bool { return f.Type == "join" && f.From == "bob" })

	send(t, alice, "hello bob")
	for _, c := range []*websocket.Conn{alice, bob} {
		f := readUntil(t, c, isMessage("hello bob"))
		if f.From != "alice" || f.Room != "lobby" || f.ID != eventID(f.Instance, f.Seq) {
			t.Errorf("got %+v, want a lobby message from alice with id instance-seq", f)
		}
	}
	if got := s.hub.Present("lobby"); !slices.Equal(got, []string{"alice", "bob"}) {
		t.Errorf("Present(lobby) = %v, want [alice bob]", got)
	}
	// carol is in another room: her next frame is her own message, not alice's.
	send(t, other, "anyone?")
	if f := readUntil(t, other, func(f frame) bool { return f.Type == "message" }); f.Text != "anyone?" {
		t.Errorf("garden got %q, want only its own message", f.Text)
	}
	bob.Close()
	readUntil(t, alice, func(f frame) bool { return f.Type == "leave" && f.From == "bob" })
	if got := s.hub.Present("lobby"); !slices.Equal(got, []string{"alice"}) {
		t.Errorf("Present(lobby) after bob left = %v, want [alice]", got)
	}
}

func TestPresenceCountsConnectionsNotUsers(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	tok := s.token(t, "alice")
	watcher := s.dial(t, "lobby", s.token(t, "bob"), "")
	tab1 := s.dial(t, "lobby", tok, "")
	tab2 := s.dial(t, "lobby", tok, "")
	readUntil(t, tab2, func(f frame) bool { return f.Type == "join" && f.From == "alice" })
	tab1.Close()
	waitFor(t, "tab 1 to be gone", func() bool { return testCount(s.api.metrics.connected.WithLabelValues("websocket")) == 2 })
	if got := s.hub.Present("lobby"); !slices.Equal(got, []string{"alice", "bob"}) {
		t.Errorf("with one of alice's two tabs closed, Present = %v, want [alice bob]", got)
	}
	tab2.Close()
	readUntil(t, watcher, func(f frame) bool { return f.Type == "leave" && f.From == "alice" })
}

// TestSlowConsumerIsEvicted: a client that never reads fills its send
// buffer and is dropped; the others receive every message, in order.
func TestSlowConsumerIsEvicted(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), func(c *testConfig) { c.hub.SendBuffer = 4; c.hub.History = 8 })
	slow := s.dial(t, "lobby", s.token(t, "slow"), "")
	fast := s.dial(t, "lobby", s.token(t, "fast"), "")
	readUntil(t, fast, func(f frame) bool { return f.Type == "join" && f.From == "fast" })
	_ = slow // never read: its socket buffers fill, then its send buffer

	big := strings.Repeat("x", 16<<10)
	var last uint64
	sent := 0
	for i := range 5000 {
		if testCount(s.api.metrics.evictions) > 0 {
			break
		}
		sent++
		if err := s.hub.Send(t.Context(), "lobby", "server", strconv.Itoa(i)+big); err != nil {
			t.Fatal(err)
		}
		// Lock-step: the fast client reads each message before the next is sent.
		f := readUntil(t, fast, func(f frame) bool { return f.Type == "message" })
		if !strings.HasPrefix(f.Text, strconv.Itoa(i)+"x") || f.Seq <= last {
			t.Fatalf("fast client got message %.8q seq %d after seq %d, want message %d in order", f.Text, f.Seq, last, i)
		}
		last = f.Seq
	}
	if testCount(s.api.metrics.evictions) != 1 {
		t.Fatalf("evictions = %v after 5000 messages, want the slow client evicted", testCount(s.api.metrics.evictions))
	}
	t.Logf("the slow client was evicted after %d messages of 16 KiB", sent)
	// The fast client goes on receiving.
	send(t, fast, "still here")
	readUntil(t, fast, isMessage("still here"))
	// The slow one finds, once it reads, that the server closed it.
	slow.SetReadDeadline(time.Now().Add(10 * time.Second))
	var err error
	for err == nil {
		_, _, err = slow.ReadMessage()
	}
	if errTimeout(err) == err {
		t.Fatalf("slow client still open: %v", err)
	}
	// It reads the buffered messages, then (unless its socket was reset
	// first) the close frame.
	var ce *websocket.CloseError
	if errors.As(err, &ce) && ce.Code != websocket.ClosePolicyViolation {
		t.Errorf("slow client closed with %d, want 1008 (policy violation)", ce.Code)
	}
	t.Logf("the slow client's read ended with: %v", err)
}

// errTimeout returns err when it is a timeout, so errors.Is reports it.
func errTimeout(err error) error {
	var ne interface{ Timeout() bool }
	if errors.As(err, &ne) && ne.Timeout() {
		return err
	}
	return errors.New("not a timeout")
}

func TestSilentClientIsDroppedByTheHeartbeat(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), func(c *testConfig) { c.api.PingInterval = 50 * time.Millisecond })
	live := s.dial(t, "lobby", s.token(t, "live"), "")
	silent := s.dial(t, "lobby", s.token(t, "silent"), "")
	silent.SetPingHandler(func(string) error { return nil }) // reads, but never answers a ping
	done := make(chan error, 1)
	go func() {
		silent.SetReadDeadline(time.Now().Add(10 * time.Second))
		for {
			if _, _, err := silent.ReadMessage(); err != nil {
				done <- err
				return
			}
		}
	}()
	// The live client answers pings (gorilla's default handler does, while it reads).
	go func() {
		for {
			if _, _, err := live.ReadMessage(); err != nil {
				return
			}
		}
	}()
	err := <-done
	if errTimeout(err) == err {
		t.Fatalf("the silent client was still connected after 10 s (200 ping intervals): %v", err)
	}
	if got := s.hub.Present("lobby"); !slices.Equal(got, []string{"live"}) {
		waitFor(t, "presence without the silent client", func() bool { return slices.Equal(s.hub.Present("lobby"), []string{"live"}) })
	}
}

func TestRateLimitAnswersWithAnErrorFrame(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), func(c *testConfig) { c.sendRate, c.sendBurst = 0.001, 2 })
	c := s.dial(t, "lobby", s.token(t, "alice"), "")
	for _, text := range []string{"one", "two", "three"} {
		send(t, c, text)
	}
	f := readUntil(t, c, func(f frame) bool { return f.Type == "error" })
	if f.Error != "rate_limited" || f.RetryAfterMS <= 0 {
		t.Errorf("got %+v, want a rate_limited error frame with retry_after_ms", f)
	}
	// The connection stays open: it still receives (another user's message).
	if code := s.sendHTTP(t, "lobby", s.token(t, "bob"), "from bob"); code != http.StatusAccepted {
		t.Fatalf("bob's POST = %d", code)
	}
	readUntil(t, c, isMessage("from bob"))
	// And the limit is per user, across transports: alice's POST is refused too.
	if code := s.sendHTTP(t, "lobby", s.token(t, "alice"), "four"); code != http.StatusTooManyRequests {
		t.Errorf("alice's POST over the limit = %d, want 429", code)
	}
	if testCount(s.api.metrics.rateLimited) != 2 {
		t.Errorf("rate limited counter = %v, want 2", testCount(s.api.metrics.rateLimited))
	}
}

func TestBadFramesGetErrorFrames(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	c := s.dial(t, "lobby", s.token(t, "alice"), "")
	for _, tc := range []struct {
		kind int
		data string
		want string
	}{
		{websocket.TextMessage, `not json`, "bad_frame"},
		{websocket.TextMessage, `{"type":"shout","text":"hi"}`, "bad_frame"},
		{websocket.BinaryMessage, `{"type":"send","text":"hi"}`, "bad_frame"},
		{websocket.TextMessage, `{"type":"send","text":""}`, "bad_text"},
		{websocket.TextMessage, `{"type":"send","text":"` + strings.Repeat("a", 101) + `"}`, "bad_text"},
	} {
		c.WriteMessage(tc.kind, []byte(tc.data))
		if f := readUntil(t, c, func(f frame) bool { return f.Type == "error" }); f.Error != tc.want {
			t.Errorf("frame %.30q got error %q, want %q", tc.data, f.Error, tc.want)
		}
	}
	send(t, c, strings.Repeat("a", 100))
	readUntil(t, c, isMessage(strings.Repeat("a", 100)))
}

func TestWebSocketResumesFromLastEventID(t *testing.T) {
	s := newTestServer(t, NewMemoryBus().Connect(), nil)
	tok := s.token(t, "alice")
	c := s.dial(t, "lobby", tok, "")
	send(t, c, "first")
	seen := readUntil(t, c, isMessage("first"))
	c.Close()
	for _, text := range []string{"missed 1", "missed 2"} {
		s.sendHTTP(t, "lobby", s.token(t, "bob"), text)
	}
	waitFor(t, "two more events", func() bool { ev, _, _, _ := s.hub.Since("lobby", resume{}); return len(ev) >= int(seen.Seq)+3 })
	c = s.dial(t, "lobby", tok, "last_event_id="+seen.ID)
	var got []string
	for len(got) < 2 {
		if f := readFrame(t, c); f.Type == "message" {
			got = append(got, f.Text)
		} else if f.Type == "reset" {
			t.Fatal("got a reset for an ID the history still holds")
		}
	}
	if !slices.Equal(got, []string{"missed 1", "missed 2"}) {
		t.Errorf("after resuming from %s got %q, want exactly the two missed messages", seen.ID, got)
	}
}
