package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"workbook/serve/problem/problemtest"
)

const (
	testMaxBody   = 64 << 10
	testMaxUpload = 256 << 10
)

// newTestServer returns the chapter's handler with small limits and its own
// upload directory.
func newTestServer(t *testing.T) (*server, string) {
	t.Helper()
	dir := t.TempDir()
	s := newHandler(testMaxBody, &fileStore{dir: dir, maxBytes: testMaxUpload, allowed: allowedUploads},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	return s, dir
}

// request is one HTTP request in a test table.
type request struct {
	method, path string
	headers      map[string]string
	body         []byte
}

func (rq request) do(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
	t.Helper()
	method := rq.method
	if method == "" {
		method = http.MethodPost
	}
	req := httptest.NewRequest(method, rq.path, bytes.NewReader(rq.body))
	for k, v := range rq.headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code >= 400 {
		assertNoInternals(t, method+" "+rq.path, rec.Body.String())
	}
	return rec
}

// assertNoInternals fails the test when an error body carries internal
// text; do sends every error response of the server tests through it.
// Beyond problemtest.Internal (driver and SQL text, file paths, Go stack
// traces), no upload path may leak: uploads live in a temporary directory.
func assertNoInternals(t *testing.T, what, body string) {
	t.Helper()
	for _, bad := range problemtest.Leaked(body, "/tmp/", os.TempDir()) {
		t.Errorf("%s: error body leaks %q: %s", what, bad, body)
	}
}

// errorCode checks that an error body is a JSON problem (RFC 9457) with the
// house members and returns its code extension.
func errorCode(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	var p problemBody
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Detail == "" || p.Status != rec.Code ||
		p.Title != http.StatusText(rec.Code) || p.Type != "about:blank" || !strings.HasPrefix(p.Instance, "/") {
		t.Fatalf("body %q is not a problem with status %d, title, detail and instance", rec.Body.String(), rec.Code)
	}
	return p.Code
}

// TestWrongMethodIs405WithAllow: no catch-all route turns a wrong method
// into a 404; the mux's 405 keeps its Allow header and gets the house body.
func TestWrongMethodIs405WithAllow(t *testing.T) {
	s, _ := newTestServer(t)
	for _, tc := range []struct{ method, path, allow string }{
		{http.MethodDelete, "/articles", "GET, HEAD, POST"},
		{http.MethodGet, "/notes", "POST"},
		{http.MethodPut, "/uploads", "POST"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := request{method: tc.method, path: tc.path}.do(t, s)
			if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != tc.allow {
				t.Fatalf("%s %s = %d, Allow %q; want 405, Allow %q", tc.method, tc.path, rec.Code, rec.Header().Get("Allow"), tc.allow)
			}
			errorCode(t, rec)
			if !strings.Contains(rec.Body.String(), `"instance": "`+tc.path+`"`) {
				t.Errorf("405 body %s does not name the instance %s", rec.Body, tc.path)
			}
		})
	}
	if rec := (request{method: http.MethodGet, path: "/nope"}).do(t, s); rec.Code != http.StatusNotFound {
		t.Errorf("GET /nope = %d, want 404", rec.Code)
	}
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bomb is prefix followed by mib MiB of fill, gzip-compressed at about
// 1000:1. It is built as a multi-member gzip stream (one member per MiB,
// compressed once and repeated), which every gzip reader must decode as one
// body and which keeps the test fast.
func bomb(t *testing.T, prefix string, fill byte, mib int) []byte {
	t.Helper()
	return append(gzipped(t, []byte(prefix)),
		bytes.Repeat(gzipped(t, bytes.Repeat([]byte{fill}, 1<<20)), mib)...)
}

func TestUnknownRouteIs404(t *testing.T) {
	s, _ := newTestServer(t)
	rec := request{method: http.MethodGet, path: "/nope"}.do(t, s)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("GET /nope = %d %s, want 404", rec.Code, rec.Body)
	}
	errorCode(t, rec) // the house shape; routing problems carry no code member
}

func TestDecompressionBombIsRejected(t *testing.T) {
	s, _ := newTestServer(t)
	// 10 MB of zeros compress to about 10 KB: small on the wire, huge in memory.
	zeros := bomb(t, "", 0, 10)
	if len(zeros) > 20<<10 {
		t.Fatalf("bomb is %d bytes compressed, want about 10 KB", len(zeros))
	}
	// A JSON string that never ends: the decoder keeps asking for bytes.
	jsonBomb := bomb(t, `{"title":"`, 'a', 10)
	for _, rq := range []request{
		{path: "/notes", headers: map[string]string{"Content-Type": "text/plain", "Content-Encoding": "gzip"}, body: zeros},
		{path: "/articles", headers: map[string]string{"Content-Type": "application/json", "Content-Encoding": "gzip"}, body: jsonBomb},
		{path: "/articles", headers: map[string]string{"Content-Type": "application/xml", "Content-Encoding": "gzip"},
			body: bomb(t, "<article><title>", 'a', 10)},
	} {
		rec := rq.do(t, s)
		if rec.Code != http.StatusRequestEntityTooLarge || errorCode(t, rec) != "too_large" {
			t.Errorf("POST %s with a %d-byte gzip bomb = %d %s, want 413 too_large", rq.path, len(rq.body), rec.Code, rec.Body)
		}
		if !strings.Contains(rec.Body.String(), fmt.Sprintf("body exceeds %d bytes", testMaxBody)) {
			t.Errorf("POST %s bomb body %s does not name the limit", rq.path, rec.Body)
		}
	}
}

// TestBodyLimitIsExact: a body of exactly the limit is fine, one byte more is
// a 413, on the wire and after decompression alike.
func TestBodyLimitIsExact(t *testing.T) {
	s, _ := newTestServer(t)
	for _, tc := range []struct {
		size     int
		encoding string
		want     int
	}{
		{testMaxBody, "", http.StatusCreated},
		{testMaxBody + 1, "", http.StatusRequestEntityTooLarge},
		{testMaxBody, "gzip", http.StatusCreated},
		{testMaxBody + 1, "gzip", http.StatusRequestEntityTooLarge},
	} {
		t.Run(fmt.Sprintf("%d bytes %s", tc.size, tc.encoding), func(t *testing.T) {
			body := bytes.Repeat([]byte("a"), tc.size)
			if tc.encoding == "gzip" {
				body = gzipped(t, body)
			}
			rec := request{path: "/notes", headers: map[string]string{"Content-Type": "text/plain", "Content-Encoding": tc.encoding},
				body: body}.do(t, s)
			if rec.Code != tc.want {
				t.Errorf("POST /notes with %d bytes (Content-Encoding %q) = %d %.200s, want %d", tc.size, tc.encoding, rec.Code, rec.Body, tc.want)
			}
		})
	}
}
