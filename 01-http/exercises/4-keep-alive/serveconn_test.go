package keepalive

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// editHint points a failing learner at the file to change.
func editHint(t *testing.T) {
	t.Helper()
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("edit exercises/4-keep-alive/serveconn.go (hints: exercises/4-keep-alive/README.md)")
		}
	})
}

// echoPath answers every request with its method and path, ignoring any body.
func echoPath(req *http.Request) Reply {
	return Reply{Status: 200, Header: http.Header{"Content-Type": {"text/plain"}}, Body: req.Method + " " + req.URL.Path + "\n"}
}

// result is what ServeConn returned.
type result struct {
	served int
	why    CloseReason
}

// serve runs ServeConn on the server end of a loopback TCP connection and
// returns the client end, a reader for it, and a channel with the result.
func serve(t *testing.T, h Handler, opts Options) (net.Conn, *bufio.Reader, <-chan result) {
	t.Helper()
	return serveWrapped(t, h, opts, func(c net.Conn) net.Conn { return c })
}

// serveWrapped is serve with the server's end of the connection passed
// through wrap before ServeConn gets it.
func serveWrapped(t *testing.T, h Handler, opts Options, wrap func(net.Conn) net.Conn) (net.Conn, *bufio.Reader, <-chan result) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan result, 1)
	go func() {
		served, why := ServeConn(wrap(server), h, opts)
		server.Close() // in case ServeConn forgot: the client must not hang
		done <- result{served, why}
	}()
	client.SetDeadline(time.Now().Add(5 * time.Second))
	t.Cleanup(func() { client.Close() })
	return client, bufio.NewReader(client), done
}

// send writes raw bytes to the connection.
func send(t *testing.T, c net.Conn, raw string) {
	t.Helper()
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatalf("writing %q: %v", raw, err)
	}
}

// receive reads one response to a request with the given method. Note that
// net/http reports "Connection: close" as resp.Close and removes the field.
func receive(t *testing.T, br *bufio.Reader, method string) (*http.Response, string) {
	t.Helper()
	resp, err := http.ReadResponse(br, &http.Request{Method: method})
	if err != nil {
		t.Fatalf("reading the response to a %s: %v (no complete response arrived: did ServeConn answer before closing?)", method, err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body of the response to a %s: %v", method, err)
	}
	return resp, string(body)
}

// expectClosed checks the server hung up: the next read finds EOF (or a
// reset, when the server closed with request bytes it never read).
func expectClosed(t *testing.T, br *bufio.Reader) {
	t.Helper()
	if b, err := br.ReadByte(); err != io.EOF && !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("after the last response the connection gave %q, %v; want io.EOF (closed by the server)", b, err)
	}
}

// wait returns ServeConn's result, failing if it does not come in time.
func wait(t *testing.T, done <-chan result, wantServed int, wantWhy CloseReason) {
	t.Helper()
	select {
	case r := <-done:
		if r.served != wantServed || r.why != wantWhy {
			t.Errorf("ServeConn() = %d, %v; want %d, %v", r.served, r.why, wantServed, wantWhy)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("ServeConn did not return within 3s")
	}
}

func TestKeepAlive(t *testing.T) {
	editHint(t)
	c, br, done := serve(t, echoPath, Options{})
	for _, path := range []string{"/a", "/b", "/c"} {
		send(t, c, "GET "+path+" HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, body := receive(t, br, "GET")
		if resp.StatusCode != 200 || body != "GET "+path+"\n" {
			t.Errorf("GET %s = %d %q, want 200 %q", path, resp.StatusCode, body, "GET "+path+"\n")
		}
		if resp.ContentLength != int64(len(body)) || resp.Close {
			t.Errorf("GET %s: Content-Length %d, Close %v; want %d, false", path, resp.ContentLength, resp.Close, len(body))
		}
	}
	c.Close()
	wait(t, done, 3, ClientClosed)
}

func TestPipelinedRequests(t *testing.T) {
	editHint(t)
	c, br, done := serve(t, echoPath, Options{})
	// Both requests in one write: the second is already buffered when the first is parsed.
	send(t, c, "GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n")
	for _, want := range []string{"GET /first\n", "GET /second\n"} {
		if _, body := receive(t, br, "GET"); body != want {
			t.Errorf("pipelined response body = %q, want %q (answered in order)", body, want)
		}
	}
	c.Close()
	wait(t, done, 2, ClientClosed)
}

func TestClosingRules(t *testing.T) {
	editHint(t)
	tests := []struct {
		name    string
		request string
		wantWhy CloseReason
	}{
		{"HTTP/1.1 with Connection: close", "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", ClientAsked},
		{"Connection tokens are case-insensitive lists", "GET / HTTP/1.1\r\nHost: x\r\nConnection: TE, Close\r\n\r\n", ClientAsked},
		{"HTTP/1.0 closes by default", "GET / HTTP/1.0\r\n\r\n", HTTP10},
		{"HTTP/1.0 with Connection: close is reported as HTTP10", "GET / HTTP/1.0\r\nConnection: close\r\n\r\n", HTTP10},
		{"HTTP/1.0 with keep-alive and close", "GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", ClientAsked},
		{"Connection: close with a large unread body is reported as ClientAsked",
			"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 65537\r\n\r\n" + strings.Repeat("z", 65537), ClientAsked},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, br, done := serve(t, echoPath, Options{})
			go io.WriteString(c, tc.request) // it may not fit the socket buffers: write it while the test reads
			resp, _ := receive(t, br, strings.Fields(tc.request)[0])
			if !resp.Close {
				t.Error("response does not say \"Connection: close\", want it to announce the close")
			}
			expectClosed(t, br)
			wait(t, done, 1, tc.wantWhy)
		})
	}
}

func TestHTTP10KeepAlive(t *testing.T) {
	editHint(t)
	c, br, done := serve(t, echoPath, Options{})
	send(t, c, "GET /one HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
	resp, body := receive(t, br, "GET")
	if got := resp.Header.Get("Connection"); got != "keep-alive" || body != "GET /one\n" {
		t.Errorf("HTTP/1.0 keep-alive response: Connection %q, body %q; want keep-alive, %q", got, body, "GET /one\n")
	}
	send(t, c, "GET /two HTTP/1.0\r\n\r\n") // no keep-alive this time: the last one
	if resp, body := receive(t, br, "GET"); !resp.Close || body != "GET /two\n" {
		t.Errorf("second HTTP/1.0 response: Connection: close sent = %v, body %q; want true, %q", resp.Close, body, "GET /two\n")
	}
	expectClosed(t, br)
	wait(t, done, 2, HTTP10)
}

func TestIdleTimeout(t *testing.T) {
	editHint(t)
	c, br, done := serve(t, echoPath, Options{IdleTimeout: 100 * time.Millisecond})
	send(t, c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	receive(t, br, "GET")
	start := time.Now()
	expectClosed(t, br) // then say nothing: the server must give up
	if waited := time.Since(start); waited > 3*time.Second {
		t.Errorf("server closed the idle connection after %v, want about 100ms", waited)
	}
	wait(t, done, 1, IdleTimeout)
}

func TestMalformedRequest(t *testing.T) {
	editHint(t)
	c, br, done := serve(t, echoPath, Options{})
	send(t, c, "THIS IS NOT HTTP\r\n\r\n")
	resp, body := receive(t, br, "GET")
	if resp.StatusCode != 400 || !resp.Close || !strings.Contains(body, "malformed request") {
		t.Errorf("malformed request answered %d, Connection: close sent = %v, body %q; want 400, true, a body saying \"malformed request\"",
			resp.StatusCode, resp.Close, body)
	}
	expectClosed(t, br)
	wait(t, done, 0, BadRequest)
}

// TestUnreadBody: a handler that ignores the body must not break the next request.
func TestUnreadBody(t *testing.T) {
	editHint(t)
	t.Run("small: drained, connection kept", func(t *testing.T) {
		c, br, done := serve(t, echoPath, Options{})
		send(t, c, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world")
		send(t, c, "GET /next HTTP/1.1\r\nHost: x\r\n\r\n")
		if _, body := receive(t, br, "POST"); body != "POST /upload\n" {
			t.Errorf("first response body = %q, want %q", body, "POST /upload\n")
		}
		if resp, body := receive(t, br, "GET"); resp.StatusCode != 200 || body != "GET /next\n" {
			t.Errorf("request after an unread body = %d %q, want 200 %q", resp.StatusCode, body, "GET /next\n")
		}
		c.Close()
		wait(t, done, 2, ClientClosed)
	})
	drainTests := []struct {
		name     string
		max      int64
		bodySize int
		wantKept bool
	}{
		{"exactly MaxDrainBytes: drained, connection kept", 16, 16, true},
		{"one byte over MaxDrainBytes: connection closed", 16, 17, false},
		{"exactly the default 64 KiB: drained, connection kept", 0, 64 << 10, true},
		{"one byte over the default 64 KiB: connection closed", 0, 64<<10 + 1, false},
	}
	for _, tc := range drainTests {
		t.Run(tc.name, func(t *testing.T) {
			c, br, done := serve(t, echoPath, Options{MaxDrainBytes: tc.max})
			raw := "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + strconv.Itoa(tc.bodySize) + "\r\n\r\n" + strings.Repeat("z", tc.bodySize)
			if tc.wantKept {
				raw += "GET /next HTTP/1.1\r\nHost: x\r\n\r\n"
			}
			go io.WriteString(c, raw) // it may not fit the socket buffers: write it while the test reads
			resp, _ := receive(t, br, "POST")
			if resp.Close == tc.wantKept {
				t.Errorf("POST with %d unread body bytes, MaxDrainBytes %d: Connection: close sent = %v, want %v",
					tc.bodySize, tc.max, resp.Close, !tc.wantKept)
			}
			if !tc.wantKept {
				wait(t, done, 1, UndrainedBody)
				return
			}
			if resp, body := receive(t, br, "GET"); resp.StatusCode != 200 || body != "GET /next\n" {
				t.Errorf("request after a drained body = %d %q, want 200 %q", resp.StatusCode, body, "GET /next\n")
			}
			c.Close()
			wait(t, done, 2, ClientClosed)
		})
	}
	t.Run("large: connection closed instead", func(t *testing.T) {
		c, br, done := serve(t, echoPath, Options{MaxDrainBytes: 16})
		send(t, c, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n"+strings.Repeat("z", 1000))
		resp, _ := receive(t, br, "POST")
		if !resp.Close {
			t.Error("response after a large unread body does not say \"Connection: close\", want it to")
		}
		expectClosed(t, br)
		wait(t, done, 1, UndrainedBody)
	})
}

// TestHeadAndNoContent: responses without a body must not write one, or the
// client would read it as the start of the next response.
func TestHeadAndNoContent(t *testing.T) {
	editHint(t)
	h := func(req *http.Request) Reply {
		switch req.URL.Path {
		case "/empty":
			return Reply{Status: 204}
		case "/cached":
			// A handler that wrongly supplies a body: it must not reach the wire.
			return Reply{Status: 304, Header: http.Header{"Etag": {`"v1"`}}, Body: "stale body"}
		}
		return echoPath(req)
	}
	c, br, done := serve(t, h, Options{})
	send(t, c, "HEAD /page HTTP/1.1\r\nHost: x\r\n\r\nDELETE /empty HTTP/1.1\r\nHost: x\r\n\r\n"+
		"GET /cached HTTP/1.1\r\nHost: x\r\n\r\nGET /page HTTP/1.1\r\nHost: x\r\n\r\n")

	resp, body := receive(t, br, "HEAD")
	if resp.StatusCode != 200 || resp.ContentLength != int64(len("HEAD /page\n")) || body != "" {
		t.Errorf("HEAD = %d, Content-Length %d, body %q; want 200, %d, no body", resp.StatusCode, resp.ContentLength, body, len("HEAD /page\n"))
	}
	if resp, _ := receive(t, br, "DELETE"); resp.StatusCode != 204 || resp.Header.Get("Content-Length") != "" {
		t.Errorf("204 response = %d with Content-Length %q, want 204 without one", resp.StatusCode, resp.Header.Get("Content-Length"))
	}
	if resp, _ := receive(t, br, "GET"); resp.StatusCode != 304 || resp.Header.Get("Content-Length") != "" {
		t.Errorf("304 response = %d with Content-Length %q, want 304 without one", resp.StatusCode, resp.Header.Get("Content-Length"))
	}
	if resp, body := receive(t, br, "GET"); resp.StatusCode != 200 || body != "GET /page\n" {
		t.Errorf("GET after HEAD, 204 and 304 = %d %q, want 200 %q (a body written for one of them is read as the next response)",
			resp.StatusCode, body, "GET /page\n")
	}
	c.Close()
	wait(t, done, 4, ClientClosed)
}

// deadlineConn records the read deadlines ServeConn sets.
type deadlineConn struct {
	net.Conn
	mu        sync.Mutex
	deadlines []time.Time // what was asked for
	setAt     []time.Time // when it was asked
}

func (c *deadlineConn) SetReadDeadline(t time.Time) error {
	c.record(t)
	return c.Conn.SetReadDeadline(t)
}

func (c *deadlineConn) SetDeadline(t time.Time) error {
	c.record(t)
	return c.Conn.SetDeadline(t)
}

func (c *deadlineConn) record(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deadlines = append(c.deadlines, t)
	c.setAt = append(c.setAt, time.Now())
}

// TestTinyOptions: the smallest positive options are used as given, not
// replaced by the defaults.
func TestTinyOptions(t *testing.T) {
	editHint(t)
	t.Run("IdleTimeout of 1ns times out at once", func(t *testing.T) {
		c, br, done := serve(t, echoPath, Options{IdleTimeout: 1})
		wait(t, done, 0, IdleTimeout)
		expectClosed(t, br)
		c.Close()
	})
	t.Run("MaxDrainBytes of 1 closes on 2 unread bytes", func(t *testing.T) {
		c, br, done := serve(t, echoPath, Options{MaxDrainBytes: 1})
		send(t, c, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab")
		if resp, _ := receive(t, br, "POST"); !resp.Close {
			t.Error("response after 2 unread body bytes with MaxDrainBytes 1 does not say \"Connection: close\", want it to")
		}
		wait(t, done, 1, UndrainedBody)
	})
}

// TestDefaultIdleTimeout checks the deadline ServeConn sets when
// Options.IdleTimeout is zero, without waiting 5 seconds for it.
func TestDefaultIdleTimeout(t *testing.T) {
	editHint(t)
	rec := &deadlineConn{}
	start := time.Now()
	c, br, done := serveWrapped(t, echoPath, Options{}, func(c net.Conn) net.Conn { rec.Conn = c; return rec })
	send(t, c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	receive(t, br, "GET")
	c.Close()
	wait(t, done, 1, ClientClosed)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.deadlines) == 0 {
		t.Fatal("ServeConn set no read deadline, want one of IdleTimeout (default 5s) before each request")
	}
	for i, d := range rec.deadlines {
		if d.IsZero() {
			continue // clearing a deadline is fine
		}
		earliest, latest := start.Add(5*time.Second), rec.setAt[i].Add(5*time.Second)
		if d.Before(earliest) || d.After(latest) {
			t.Errorf("with Options{} ServeConn set a read deadline %v after it started, want 5s from when it was set",
				d.Sub(start).Round(time.Millisecond))
		}
	}
}

// failingConn fails every write, as a connection whose client has gone.
type failingConn struct{ net.Conn }

func (failingConn) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestClientGoneWhileWriting: once a reply cannot be written there is no one
// to answer, even if more requests were already received.
func TestClientGoneWhileWriting(t *testing.T) {
	editHint(t)
	c, _, done := serveWrapped(t, echoPath, Options{}, func(c net.Conn) net.Conn { return failingConn{c} })
	send(t, c, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n")
	wait(t, done, 1, ClientClosed)
}
