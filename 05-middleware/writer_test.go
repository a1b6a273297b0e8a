package main

import (
	"bufio"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

func itoa(n int) string { return strconv.Itoa(n) }

// The stream handler flushes each event through recorder, gzip and every
// other wrapper: the client must see event 1 while the handler is still
// waiting to send event 2 (a 1s interval), long before the response ends.
func TestStreamingFlushesThroughTheChain(t *testing.T) {
	e := newTestEnv(t)
	for _, enc := range []string{"identity", "gzip"} {
		t.Run(enc, func(t *testing.T) {
			req := clientRequest(t, "GET", e.ts.URL+"/stream?n=2&interval=1s")
			req.Header.Set("Accept-Encoding", enc) // set by hand: the transport then does not decompress
			start := time.Now()
			resp, err := e.ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			// The handler answers 500 if ResponseController.SetWriteDeadline
			// cannot reach the connection through the wrappers' Unwrap.
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET /stream = %d, want 200", resp.StatusCode)
			}
			var body io.Reader = resp.Body
			if enc == "gzip" {
				if resp.Header.Get("Content-Encoding") != "gzip" {
					t.Fatalf("Content-Encoding = %q, want gzip", resp.Header.Get("Content-Encoding"))
				}
				body = mustGunzip(t, resp.Body)
			}
			line, err := bufio.NewReader(body).ReadString('\n')
			if err != nil || !strings.HasPrefix(line, "data: event 1 of 2") {
				t.Fatalf("first line = %q, %v", line, err)
			}
			if waited := time.Since(start); waited > 900*time.Millisecond {
				t.Errorf("first event arrived after %v, want it before the handler's 1s pause ends (not flushed?)", waited)
			}
		})
	}
}

func TestHijackThroughTheChain(t *testing.T) {
	e := newTestEnv(t)
	req := clientRequest(t, "GET", e.ts.URL+"/hijack")
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(string(b), "hijacked:") {
		t.Errorf("GET /hijack = %d %q, want 200 and the raw hijacked body", resp.StatusCode, b)
	}
	// The log line is written after the handler returns, which may be
	// after the client has read the hijacked response: poll briefly.
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(e.logs.String(), `"path":"/hijack","status":101`) {
		if time.Now().After(deadline) {
			t.Fatalf("log does not record the hijack as 101: %s", e.logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestStreamRejectsBadParameters(t *testing.T) {
	e := newTestEnv(t)
	for _, q := range []string{"n=abc", "n=0", "n=11", "interval=forever", "interval=2s", "interval=-1s"} {
		w := e.do(t, "GET", "/stream?"+q, "")
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "must be") {
			t.Errorf("GET /stream?%s = %d %s, want 400 saying what must be", q, w.Code, w.Body)
		}
	}
}

// TestLoggingRecordsTheFinalStatus: the status logged is the first final
// one (a 1xx is not), 200 when the handler writes nothing, and the byte
// count covers Write and io.WriteString (which httpsnoop routes through
// WriteString, a method of its own).
func TestLoggingRecordsTheFinalStatus(t *testing.T) {
	for _, tc := range []struct {
		name   string
		handle http.HandlerFunc
		status int
		bytes  int
	}{
		{"nothing written", func(http.ResponseWriter, *http.Request) {}, 200, 0},
		{"implicit 200", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "hello") }, 200, 5},
		{"explicit 404", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(404); w.Write([]byte("no")) }, 404, 2},
		{"early hints then 201", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(103); w.WriteHeader(201) }, 201, 0},
		{"second WriteHeader ignored", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(202); w.WriteHeader(500) }, 202, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs syncBuffer
			h := logging(slog.New(slog.NewJSONHandler(&logs, nil)))(tc.handle)
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
			want := `"status":` + itoa(tc.status) + `,"bytes":` + itoa(tc.bytes)
			if !strings.Contains(logs.String(), want) {
				t.Errorf("log %s lacks %s", logs.String(), want)
			}
		})
	}
}
