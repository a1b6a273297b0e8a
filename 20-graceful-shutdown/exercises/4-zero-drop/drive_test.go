package zerodrop

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Every server here listens on 127.0.0.1, and every run is bounded by
// MaxRequests and by a context with a deadline.

// conns counts a server's connections through http.Server.ConnState.
type conns struct {
	mu           sync.Mutex
	opened, open int
}

func (c *conns) track(_ net.Conn, s http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch s {
	case http.StateNew:
		c.opened++
		c.open++
	case http.StateClosed, http.StateHijacked:
		c.open--
	}
}

func (c *conns) get() (opened, open int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.opened, c.open
}

// server serves h on a fresh loopback port and closes it at cleanup.
func server(t *testing.T, h http.HandlerFunc) (string, *http.Server, *conns) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &conns{}
	srv := &http.Server{Handler: h, ConnState: c.track, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/work", srv, c
}

// rawServer accepts connections and gives each to serve, which speaks
// (bad) HTTP by hand.
func rawServer(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
					return
				}
				serve(conn)
			}()
		}
	}()
	return "http://" + ln.Addr().String() + "/work"
}

// waitFor is a barrier on a condition, bounded at ten seconds; it gives
// up at once when run (if given) has ended.
func waitFor(t *testing.T, what string, cond func() bool, run ...*run) bool {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if len(run) > 0 && run[0].ended() {
			t.Errorf("Drive returned before %s", what)
			return false
		}
		if time.Now().After(deadline) {
			t.Errorf("gave up waiting for %s", what)
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}

// run is a Drive running in its own goroutine.
type run struct {
	done chan struct{}
	r    Report
	err  error
}

func driveAsync(ctx context.Context, cfg Config) *run {
	ru := &run{done: make(chan struct{})}
	go func() {
		defer close(ru.done)
		ru.r, ru.err = Drive(ctx, cfg)
	}()
	return ru
}

func (ru *run) ended() bool {
	select {
	case <-ru.done:
		return true
	default:
		return false
	}
}

// wait returns the run's report once Drive has returned.
func (ru *run) wait(t *testing.T) Report {
	t.Helper()
	<-ru.done
	if ru.err != nil {
		t.Fatalf("Drive = %v", ru.err)
	}
	return counted(t, ru.r)
}

func drive(t *testing.T, ctx context.Context, cfg Config) Report {
	t.Helper()
	r, err := Drive(ctx, cfg)
	if err != nil {
		t.Fatalf("Drive(%+v) = %v", cfg, err)
	}
	return counted(t, r)
}

func counted(t *testing.T, r Report) Report {
	t.Helper()
	total := r.OK
	for _, n := range r.Failed {
		total += n
	}
	if total != r.Sent {
		t.Errorf("report %+v: OK plus failed = %d, want Sent = %d (every request counted once)", r, total, r.Sent)
	}
	return r
}

func bounded(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func ok(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "want POST", http.StatusMethodNotAllowed)
		return
	}
	io.WriteString(w, "done\n")
}

func wantFailed(t *testing.T, r Report, want map[Cause]int) {
	t.Helper()
	got := map[Cause]int{}
	for c, n := range r.Failed {
		if n != 0 {
			got[c] = n
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("Failed = %v, want %v", got, want)
	}
}

// A bounded run against a healthy server: every request succeeds, and
// each client keeps one connection alive (a body left unread, or a
// transport shared by all clients, opens more) and closes it at the end.
func TestBoundedRunKeepsConnectionsAlive(t *testing.T) {
	u, _, c := server(t, ok)
	r := drive(t, bounded(t), Config{URL: u, Clients: 4, MaxRequests: 50, Timeout: 5 * time.Second})
	if r.Sent != 200 || r.OK != 200 {
		t.Errorf("Sent %d, OK %d; want 200 and 200 (4 clients × 50)", r.Sent, r.OK)
	}
	wantFailed(t, r, map[Cause]int{})
	if opened, _ := c.get(); opened != 4 {
		t.Errorf("the server saw %d connections, want 4: one kept-alive connection per client", opened)
	}
	waitFor(t, "the clients closed their connections after the run", func() bool { _, open := c.get(); return open == 0 })
}

// The context only stops new requests: the ones in flight complete and
// count as OK, not as failures of the checker's own making.
func TestContextStopsTheRun(t *testing.T) {
	ctx, cancel := context.WithCancel(bounded(t))
	defer cancel()
	var n atomic.Int64
	u, _, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 100 {
			cancel() // told to stop while this request is in flight
		}
		ok(w, r)
	})
	r := drive(t, ctx, Config{URL: u, Clients: 4, MaxRequests: 1_000_000, Timeout: 5 * time.Second})
	if r.Sent < 100 || r.Sent >= 4_000_000 || r.OK != r.Sent {
		t.Errorf("Sent %d, OK %d; want at least 100, all OK, and the run stopped", r.Sent, r.OK)
	}
	wantFailed(t, r, map[Cause]int{})
}

// A graceful drain: responses carry Connection: close, the clients leave,
// and only then does the server shut down. Nothing fails.
func TestGracefulShutdownDropsNothing(t *testing.T) {
	var handled atomic.Int64
	var draining atomic.Bool
	u, srv, c := server(t, func(w http.ResponseWriter, r *http.Request) {
		handled.Add(1)
		if draining.Load() {
			w.Header().Set("Connection", "close")
		}
		ok(w, r)
	})
	const clients = 8
	ru := driveAsync(bounded(t), Config{URL: u, Clients: clients, MaxRequests: 100_000, Timeout: 5 * time.Second})
	waitFor(t, "the load got going on every client's connection", func() bool { opened, _ := c.get(); return handled.Load() >= 200 && opened == clients }, ru)
	draining.Store(true)
	waitFor(t, "the clients left the draining server", func() bool { _, open := c.get(); return open == 0 })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown = %v", err)
	}
	r := ru.wait(t)
	t.Logf("graceful: %+v", r)
	if r.Sent < 200 || r.OK != r.Sent {
		t.Errorf("Sent %d, OK %d; want at least 200 sent and every one OK", r.Sent, r.OK)
	}
	wantFailed(t, r, map[Cause]int{})
	if opened, _ := c.get(); opened != clients {
		t.Errorf("the server saw %d connections, want %d: a client told Connection: close leaves", opened, clients)
	}
}

// An abrupt stop mid-load: every client has a request in flight when the
// server closes all its connections. Each of those fails with EOF.
func TestAbruptCloseMidLoadIsEOF(t *testing.T) {
	const clients, before = 6, 100
	var handled, blocked atomic.Int64
	never := make(chan struct{})
	u, srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		if handled.Add(1) > before {
			blocked.Add(1)
			<-never
			return
		}
		ok(w, r)
	})
	t.Cleanup(func() { close(never) }) // runs before the server's cleanup
	ru := driveAsync(bounded(t), Config{URL: u, Clients: clients, MaxRequests: 100_000, Timeout: 20 * time.Second})
	waitFor(t, "every client had a request in flight", func() bool { return blocked.Load() == clients }, ru)
	srv.Close()
	r := ru.wait(t)
	t.Logf("abrupt: %+v", r)
	if r.Sent != before+clients || r.OK != before {
		t.Errorf("Sent %d, OK %d; want %d and %d", r.Sent, r.OK, before+clients, before)
	}
	wantFailed(t, r, map[Cause]int{EOF: clients})
}

func TestNothingListeningIsRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	r := drive(t, bounded(t), Config{URL: "http://" + addr + "/", Clients: 3, MaxRequests: 1000, Timeout: 5 * time.Second})
	if r.Sent != 3 || r.OK != 0 {
		t.Errorf("Sent %d, OK %d; want 3 (one each: a client that failed stops) and 0", r.Sent, r.OK)
	}
	wantFailed(t, r, map[Cause]int{Refused: 3})
}

func TestResetIsReset(t *testing.T) {
	u := rawServer(t, func(conn net.Conn) {
		conn.(*net.TCPConn).SetLinger(0) // close with RST
	})
	r := drive(t, bounded(t), Config{URL: u, Clients: 3, MaxRequests: 1000, Timeout: 5 * time.Second})
	if r.Sent != 3 {
		t.Errorf("Sent %d, want 3", r.Sent)
	}
	wantFailed(t, r, map[Cause]int{Reset: 3})
}

// A response cut off inside its body is a failure too, not an OK.
func TestTruncatedBodyIsEOF(t *testing.T) {
	u := rawServer(t, func(conn net.Conn) {
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial")
	})
	r := drive(t, bounded(t), Config{URL: u, Clients: 2, MaxRequests: 1000, Timeout: 5 * time.Second})
	if r.Sent != 2 || r.OK != 0 {
		t.Errorf("Sent %d, OK %d; want 2 and 0", r.Sent, r.OK)
	}
	wantFailed(t, r, map[Cause]int{EOF: 2})
}

func TestNon2xxIsStatus(t *testing.T) {
	var n atomic.Int64
	u, _, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) > 10 {
			http.Error(w, "draining", http.StatusServiceUnavailable)
			return
		}
		ok(w, r)
	})
	r := drive(t, bounded(t), Config{URL: u, Clients: 4, MaxRequests: 1000, Timeout: 5 * time.Second})
	if r.Sent != 14 || r.OK != 10 {
		t.Errorf("Sent %d, OK %d; want 14 and 10", r.Sent, r.OK)
	}
	wantFailed(t, r, map[Cause]int{Status: 4})
}

// 2xx is success, at both ends of the range; a 3xx is a failure for a
// load checker (and is not followed anywhere), a 5xx too.
func TestStatusBoundaries(t *testing.T) {
	for _, tc := range []struct {
		code int
		ok   bool
	}{{200, true}, {204, true}, {299, true}, {300, false}, {302, false}, {500, false}} {
		u, _, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
			if tc.code == 302 {
				w.Header().Set("Location", "/elsewhere")
			}
			w.WriteHeader(tc.code)
		})
		r := drive(t, bounded(t), Config{URL: u, Clients: 1, MaxRequests: 1, Timeout: 5 * time.Second})
		if got := r.OK == 1 && r.Sent == 1; got != tc.ok {
			t.Errorf("status %d: report %+v, want OK = %v", tc.code, r, tc.ok)
		}
	}
}

func TestSlowServerIsTimeout(t *testing.T) {
	release := make(chan struct{})
	u, _, _ := server(t, func(w http.ResponseWriter, r *http.Request) { <-release })
	t.Cleanup(func() { close(release) })
	r := drive(t, bounded(t), Config{URL: u, Clients: 2, MaxRequests: 1000, Timeout: 50 * time.Millisecond})
	if r.Sent != 2 {
		t.Errorf("Sent %d, want 2", r.Sent)
	}
	wantFailed(t, r, map[Cause]int{Timeout: 2})
}

func TestConfigChecked(t *testing.T) {
	good := Config{URL: "http://127.0.0.1:1/", Clients: 1, MaxRequests: 1, Timeout: time.Second}
	for _, tc := range []struct {
		name string
		edit func(*Config)
	}{
		{"no clients", func(c *Config) { c.Clients = 0 }},
		{"no requests", func(c *Config) { c.MaxRequests = 0 }},
		{"no timeout", func(c *Config) { c.Timeout = 0 }},
		{"negative timeout", func(c *Config) { c.Timeout = -time.Second }},
		{"https", func(c *Config) { c.URL = "https://127.0.0.1:1/" }},
		{"not a URL", func(c *Config) { c.URL = "http://%zz/" }},
		{"a public host", func(c *Config) { c.URL = "http://example.com/" }},
		{"a private address", func(c *Config) { c.URL = "http://10.0.0.1:8020/" }},
		{"the unspecified address", func(c *Config) { c.URL = "http://0.0.0.0:8020/" }},
	} {
		cfg := good
		tc.edit(&cfg)
		if _, err := Drive(context.Background(), cfg); err == nil || strings.Contains(err.Error(), "not implemented") {
			t.Errorf("%s: Drive(%+v) = %v, want an error saying what is wrong", tc.name, cfg, err)
		}
	}
	// Loopback in its forms is accepted; a context already done sends nothing.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, u := range []string{"http://127.0.0.1:1/", "http://127.0.0.2:1/", "http://localhost:1/", "http://[::1]:1/"} {
		cfg := good
		cfg.URL = u
		r, err := Drive(ctx, cfg)
		if err != nil || r.Sent != 0 {
			t.Errorf("Drive(%s) with a cancelled context = %+v, %v; want nothing sent, nil", u, r, err)
		}
	}
	tiny := good
	tiny.Timeout = time.Nanosecond
	if _, err := Drive(ctx, tiny); err != nil {
		t.Errorf("Drive with a 1ns timeout = %v, want nil: any positive timeout is allowed", err)
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestClassify(t *testing.T) {
	op := func(op string, err error) error {
		return &url.Error{Op: "Post", URL: "http://127.0.0.1/", Err: &net.OpError{Op: op, Net: "tcp", Err: os.NewSyscallError(op, err)}}
	}
	for _, tc := range []struct {
		err  error
		want Cause
	}{
		{nil, ""},
		{op("dial", syscall.ECONNREFUSED), Refused},
		{op("read", syscall.ECONNRESET), Reset},
		{op("write", syscall.EPIPE), Reset},
		{&url.Error{Op: "Post", Err: io.EOF}, EOF},
		{fmt.Errorf("reading body: %w", io.ErrUnexpectedEOF), EOF},
		{errors.New("http: server closed idle connection"), EOF},
		{&url.Error{Op: "Post", Err: context.DeadlineExceeded}, Timeout},
		{&url.Error{Op: "Post", Err: timeoutErr{}}, Timeout},
		{errors.New("tls: handshake failure"), Other},
		{context.Canceled, Other},
	} {
		if got := Classify(tc.err); got != tc.want {
			t.Errorf("Classify(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
