package connreuse

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// editHint points a failing learner at the file to change.
func editHint(t *testing.T) {
	t.Helper()
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("edit exercises/3-connection-reuse/reuse.go (hints: exercises/3-connection-reuse/README.md)")
		}
	})
}

// payload is large enough that an unread body is still in the connection.
var payload = strings.Repeat("x", 16<<10)

// gate holds requests to /gate until want of them are in flight at once,
// so that concurrent requests really overlap on the server.
type gate struct {
	want    int32
	arrived atomic.Int32
	open    chan struct{}
}

// startServer serves HTTP/1.1 and unencrypted HTTP/2 on a loopback port.
// GET / answers with payload; GET /gate waits for the gate first.
func startServer(t *testing.T, g *gate) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(payload))
	})
	mux.HandleFunc("GET /gate", func(w http.ResponseWriter, r *http.Request) {
		if g.arrived.Add(1) == g.want {
			close(g.open)
		}
		select {
		case <-g.open:
		case <-time.After(3 * time.Second): // the requests did not overlap; let the test fail, not hang
		}
		w.Write([]byte("through"))
	})
	srv := httptest.NewUnstartedServer(mux)
	srv.Config.Protocols = new(http.Protocols)
	srv.Config.Protocols.SetHTTP1(true)
	srv.Config.Protocols.SetUnencryptedHTTP2(true)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}

// newClient returns a client with its own pool speaking HTTP/1.1, or
// unencrypted HTTP/2 with prior knowledge when h2c is true.
func newClient(t *testing.T, h2c bool) *http.Client {
	t.Helper()
	tr := &http.Transport{Protocols: new(http.Protocols)}
	if h2c {
		tr.Protocols.SetUnencryptedHTTP2(true)
	} else {
		tr.Protocols.SetHTTP1(true)
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

func TestProbe(t *testing.T) {
	editHint(t)
	tests := []struct {
		name         string
		h2c          bool
		handling     BodyHandling
		n            int
		wantNewConns int
		wantProto    string
	}{
		{"HTTP/1.1, bodies drained: one connection for all", false, DrainAndClose, 5, 1, "HTTP/1.1"},
		{"HTTP/1.1, bodies closed unread: a connection each", false, CloseOnly, 5, 5, "HTTP/1.1"},
		{"HTTP/2, bodies drained: one connection", true, DrainAndClose, 5, 1, "HTTP/2.0"},
		{"HTTP/2, bodies closed unread: still one (only the stream is reset)", true, CloseOnly, 5, 1, "HTTP/2.0"},
		{"a single request opens one connection", false, DrainAndClose, 1, 1, "HTTP/1.1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			url := startServer(t, nil)
			rep, err := Probe(context.Background(), newClient(t, tc.h2c), url, tc.n, tc.handling)
			if err != nil {
				t.Fatalf("Probe(n=%d) error = %v, want nil", tc.n, err)
			}
			if len(rep.Requests) != tc.n {
				t.Fatalf("Probe(n=%d) recorded %d requests, want %d", tc.n, len(rep.Requests), tc.n)
			}
			if rep.NewConns != tc.wantNewConns || rep.Reused != tc.n-tc.wantNewConns {
				t.Errorf("Probe(n=%d) = %d new connections, %d reused; want %d new, %d reused",
					tc.n, rep.NewConns, rep.Reused, tc.wantNewConns, tc.n-tc.wantNewConns)
			}
			addrs := map[string]bool{}
			for i, use := range rep.Requests {
				addrs[use.LocalAddr] = true
				if use.Status != 200 || use.Proto != tc.wantProto {
					t.Errorf("request %d got %d over %s, want 200 over %s", i+1, use.Status, use.Proto, tc.wantProto)
				}
				if !strings.HasPrefix(use.LocalAddr, "127.0.0.1:") {
					t.Errorf("request %d local address = %q, want 127.0.0.1:port", i+1, use.LocalAddr)
				}
			}
			if len(addrs) != tc.wantNewConns {
				t.Errorf("requests used %d distinct local addresses, want %d (one per connection)", len(addrs), tc.wantNewConns)
			}
			if first := rep.Requests[0]; first.Reused || first.WasIdle {
				t.Errorf("first request: Reused=%v WasIdle=%v, want a fresh connection", first.Reused, first.WasIdle)
			}
			if !tc.h2c && tc.handling == DrainAndClose && tc.n > 1 {
				if second := rep.Requests[1]; !second.Reused || !second.WasIdle {
					t.Errorf("second request: Reused=%v WasIdle=%v, want the idle connection from the pool", second.Reused, second.WasIdle)
				}
			}
		})
	}
}

func TestProbeErrors(t *testing.T) {
	editHint(t)
	url := startServer(t, nil)
	client := newClient(t, false)

	for _, n := range []int{0, -3} {
		if _, err := Probe(context.Background(), client, url, n, DrainAndClose); !errors.Is(err, ErrInvalidCount) {
			t.Errorf("Probe(n=%d) error = %v, want %v", n, err, ErrInvalidCount)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Probe(ctx, client, url, 2, DrainAndClose); !errors.Is(err, context.Canceled) {
		t.Errorf("Probe with a cancelled context: error = %v, want %v", err, context.Canceled)
	}

	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close() // nothing listens there any more
	if rep, err := Probe(context.Background(), client, closed.URL, 2, DrainAndClose); err == nil {
		t.Errorf("Probe against a closed port = %+v, nil; want a dial error", rep)
	}
	if _, err := Probe(context.Background(), client, "://not a url", 1, DrainAndClose); err == nil {
		t.Error("Probe with a malformed URL: error = nil, want one")
	}

	// A body that breaks off while it is drained is a failed request too.
	if rep, err := Probe(context.Background(), client, brokenBodyServer(t), 2, DrainAndClose); err == nil {
		t.Errorf("Probe(DrainAndClose) against a server that cuts its body short = %+v, nil; want the read error (%v)", rep, io.ErrUnexpectedEOF)
	}
}

// brokenBodyServer answers every request with a Content-Length of 100 but
// only 5 bytes of body, then hangs up.
func brokenBodyServer(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("test server: hijack: %v", err)
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")
		buf.Flush()
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestConnections sends overlapping requests: HTTP/1.1 needs a connection
// per request in flight, HTTP/2 multiplexes them all over one.
func TestConnections(t *testing.T) {
	editHint(t)
	const n = 4
	tests := []struct {
		name      string
		h2c       bool
		wantConns int
	}{
		{"HTTP/1.1: one connection per request in flight", false, n},
		{"HTTP/2: every request a stream on one connection", true, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := &gate{want: n, open: make(chan struct{})}
			url := startServer(t, g)
			client := newClient(t, tc.h2c)
			// Warm up: open the first connection before the burst.
			if _, err := Probe(context.Background(), client, url, 1, DrainAndClose); err != nil {
				t.Fatalf("warm-up Probe error = %v", err)
			}
			got, err := Connections(context.Background(), client, url+"/gate", n)
			if err != nil {
				t.Fatalf("Connections(n=%d) error = %v, want nil", n, err)
			}
			if got != tc.wantConns {
				t.Errorf("Connections(n=%d) = %d connections, want %d", n, got, tc.wantConns)
			}
		})
	}
	for _, n := range []int{0, -1} {
		if got, err := Connections(context.Background(), newClient(t, false), "http://127.0.0.1:1", n); got != 0 || !errors.Is(err, ErrInvalidCount) {
			t.Errorf("Connections(n=%d) = %d, %v; want 0, %v", n, got, err, ErrInvalidCount)
		}
	}
	t.Run("a single request needs one connection", func(t *testing.T) {
		url := startServer(t, nil)
		if got, err := Connections(context.Background(), newClient(t, false), url, 1); got != 1 || err != nil {
			t.Errorf("Connections(n=1) = %d, %v; want 1, nil", got, err)
		}
	})
	t.Run("a failing request is an error", func(t *testing.T) {
		closed := httptest.NewServer(http.NotFoundHandler())
		closed.Close()
		if got, err := Connections(context.Background(), newClient(t, false), closed.URL, 2); err == nil {
			t.Errorf("Connections(n=2) against a closed port = %d, nil; want a dial error", got)
		}
	})
}
