package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestStreamRejectsBadQuery(t *testing.T) {
	tests := []struct{ query, want string }{
		{"n=0", `n="0" must be a whole number from 1 to 100`},
		{"n=101", `n="101" must be a whole number from 1 to 100`},
		{"n=many", `n="many" must be a whole number from 1 to 100`},
		{"interval=soon", `interval="soon" must be a duration from 0s to 2s, like 250ms`},
		{"interval=-1s", `interval="-1s" must be a duration from 0s to 2s, like 250ms`},
		{"interval=1h", `interval="1h" must be a duration from 0s to 2s, like 250ms`},
	}
	h := testHandler(t)
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/stream?"+tc.query, nil))
			p := wantProblem(t, w.Code, w.Header(), w.Body.String(), http.StatusBadRequest, "/stream?"+tc.query)
			if p.Detail != tc.want {
				t.Errorf("GET /stream?%s detail = %q, want %q", tc.query, p.Detail, tc.want)
			}
		})
	}
}

// TestStreamIsChunkedOnTheWire reads the raw bytes of a streamed response:
// each flushed line must arrive as its own chunk, then the last-chunk.
func TestStreamIsChunkedOnTheWire(t *testing.T) {
	base, _ := startServer(t, config{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(conn, "GET /stream?n=3&interval=0s HTTP/1.1\r\nHost: inspector\r\nConnection: close\r\n\r\n")

	raw, err := io.ReadAll(conn) // Connection: close makes the server hang up when done
	if err != nil {
		t.Fatal(err)
	}
	head, body, ok := strings.Cut(string(raw), "\r\n\r\n")
	if !ok {
		t.Fatalf("response has no end of headers: %q", raw)
	}
	if !strings.Contains(head, "\r\nTransfer-Encoding: chunked") || strings.Contains(head, "Content-Length") {
		t.Errorf("stream headers = %q, want Transfer-Encoding: chunked and no Content-Length", head)
	}
	const wantBody = "c\r\nline 1 of 3\n\r\n" + "c\r\nline 2 of 3\n\r\n" + "c\r\nline 3 of 3\n\r\n" + "0\r\n\r\n"
	if body != wantBody {
		t.Errorf("stream body on the wire = %q, want %q", body, wantBody)
	}
}

// TestStreamArrivesIncrementally checks the first line reaches the client
// long before the last one is written: the response is not buffered.
func TestStreamArrivesIncrementally(t *testing.T) {
	base, _ := startServer(t, config{})
	for _, tc := range []struct {
		name  string
		proto func(*http.Protocols)
	}{{"HTTP/1.1", http1}, {"h2c", h2c}} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			resp, err := newClient(t, tc.proto).Get(base + "/stream?n=4&interval=2s")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			line, err := bufio.NewReader(resp.Body).ReadString('\n')
			if err != nil || line != "line 1 of 4\n" {
				t.Fatalf("first line = %q, %v; want %q", line, err, "line 1 of 4\n")
			}
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("first line took %v, want it well before the 6s the whole stream takes", elapsed)
			}
		})
	}
}

// TestStreamStopsWhenClientLeaves cancels the request context, as net/http
// does when the client disconnects: the handler must return promptly.
func TestStreamStopsWhenClientLeaves(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest("GET", "/stream?n=100&interval=2s", nil).WithContext(ctx)
	w := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		testHandler(t).ServeHTTP(w, req)
		close(done)
	}()
	time.Sleep(50 * time.Millisecond) // let the first line go out
	cancel()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("stream handler still running 1s after its context was cancelled")
	}
	if got := w.Body.String(); got != "line 1 of 100\n" {
		t.Errorf("body before cancel = %q, want only the first line", got)
	}
}
