package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestEcho(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		target     string
		header     map[string]string
		body       io.Reader
		wantStatus int
		wantBody   string // for a 2xx: the exact body; for an error: the problem's detail
	}{
		{
			name: "GET with headers", method: "GET", target: "/echo?x=1",
			header:     map[string]string{"accept": "text/plain", "X-Trace": "abc"},
			wantStatus: 200,
			wantBody:   "GET /echo?x=1 HTTP/1.1\r\nHost: example.com\r\nAccept: text/plain\r\nX-Trace: abc\r\n\r\n",
		},
		{
			name: "POST with a body", method: "POST", target: "/echo",
			header:     map[string]string{"Content-Type": "application/json"},
			body:       strings.NewReader(`{"a":1}`),
			wantStatus: 200,
			wantBody:   "POST /echo HTTP/1.1\r\nHost: example.com\r\nContent-Length: 7\r\nContent-Type: application/json\r\n\r\n{\"a\":1}",
		},
		{
			name: "any path below /echo/", method: "DELETE", target: "/echo/articles/42",
			wantStatus: 200,
			wantBody:   "DELETE /echo/articles/42 HTTP/1.1\r\nHost: example.com\r\n\r\n",
		},
		{
			name: "body exactly at the limit", method: "PUT", target: "/echo",
			body:       strings.NewReader(strings.Repeat("a", testMaxBody)),
			wantStatus: 200,
			wantBody:   "PUT /echo HTTP/1.1\r\nHost: example.com\r\nContent-Length: 64\r\n\r\n" + strings.Repeat("a", testMaxBody),
		},
		{
			name: "declared body over the limit", method: "POST", target: "/echo",
			body:       strings.NewReader(strings.Repeat("a", testMaxBody+1)),
			wantStatus: 413,
			wantBody:   "request body of 65 bytes is larger than the 64-byte limit",
		},
		{
			// No Content-Length: the size is only found out by reading.
			name: "undeclared body over the limit", method: "POST", target: "/echo",
			body:       io.MultiReader(strings.NewReader(strings.Repeat("a", testMaxBody)), strings.NewReader("!")),
			wantStatus: 413,
			wantBody:   "request body is larger than the 64-byte limit",
		},
	}
	h := testHandler(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.target, tc.body)
			if _, ok := tc.body.(*strings.Reader); !ok && tc.body != nil {
				req.ContentLength = -1 // unknown length, as with a chunked body
			}
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if tc.wantStatus >= 400 {
				p := wantProblem(t, w.Code, w.Header(), w.Body.String(), tc.wantStatus, tc.target)
				if p.Detail != tc.wantBody {
					t.Errorf("%s %s detail = %q, want %q", tc.method, tc.target, p.Detail, tc.wantBody)
				}
				return
			}
			if w.Code != tc.wantStatus {
				t.Errorf("%s %s status = %d, want %d", tc.method, tc.target, w.Code, tc.wantStatus)
			}
			if got := w.Body.String(); got != tc.wantBody {
				t.Errorf("%s %s body =\n%q\nwant\n%q", tc.method, tc.target, got, tc.wantBody)
			}
		})
	}
}

// TestEchoChunkedOnTheWire sends a hand-written chunked request with a
// trailer over a raw TCP connection and checks the server decoded it.
func TestEchoChunkedOnTheWire(t *testing.T) {
	base, _ := startServer(t, config{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))

	const request = "POST /echo HTTP/1.1\r\n" +
		"Host: inspector\r\n" +
		"Transfer-Encoding: chunked\r\n" +
		"Trailer: X-Checksum\r\n" +
		"\r\n" +
		"4\r\nWiki\r\n" +
		"5\r\npedia\r\n" +
		"0\r\n" +
		"X-Checksum: 42\r\n" +
		"\r\n"
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	const want = "POST /echo HTTP/1.1\r\n" +
		"Host: inspector\r\n" +
		"Trailer: X-Checksum\r\n" +
		"Transfer-Encoding: chunked\r\n" +
		"\r\n" +
		"Wikipedia" +
		"\r\n\r\n(trailer fields, sent after the chunked body)\r\n" +
		"X-Checksum: 42\r\n"
	if resp.StatusCode != 200 || string(body) != want {
		t.Errorf("chunked echo = %d\n%q\nwant 200\n%q", resp.StatusCode, body, want)
	}
}

// TestEchoRejectsOversizedChunkedBody streams a chunked body past the limit
// through a real client: the server must stop reading and answer 413.
func TestEchoRejectsOversizedChunkedBody(t *testing.T) {
	base, _ := startServer(t, config{})
	pr, pw := io.Pipe()
	go func() {
		// Write more than the limit in small pieces; stop when the server hangs up.
		for range 100 {
			if _, err := pw.Write([]byte(strings.Repeat("x", 16))); err != nil {
				return
			}
		}
		pw.Close()
	}()
	req, err := http.NewRequest("POST", base+"/echo", pr)
	if err != nil {
		t.Fatal(err)
	}
	resp := mustDo(t, newClient(t), req)
	p := wantProblem(t, resp.StatusCode, resp.Header, resp.body, http.StatusRequestEntityTooLarge, "/echo")
	if p.Detail != "request body is larger than the 64-byte limit" {
		t.Errorf("oversized chunked POST detail = %q, want the limit", p.Detail)
	}
	pr.CloseWithError(io.ErrClosedPipe)
}

// mustDo sends req and reads the whole response.
func mustDo(t *testing.T, client *http.Client, req *http.Request) response {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", req.Method, req.URL, err)
	}
	return response{resp, string(body)}
}

// TestEchoBrokenChunkIs400WithoutInternals sends a chunk size that is not
// hex. The read error names net/http's internals ("invalid byte in chunk
// length"): it goes to the log, and the client gets a generic 400 problem.
func TestEchoBrokenChunkIs400WithoutInternals(t *testing.T) {
	base, _ := startServer(t, config{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	const request = "POST /echo HTTP/1.1\r\nHost: inspector\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nWiki\r\n0\r\n\r\n"
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	p := wantProblem(t, resp.StatusCode, resp.Header, string(body), http.StatusBadRequest, "/echo")
	if want := "the request body could not be read to its end"; p.Detail != want {
		t.Errorf("broken chunk detail = %q, want %q", p.Detail, want)
	}
}
