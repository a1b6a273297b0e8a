package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestChainOrder(t *testing.T) {
	var got []string
	layer := func(name string) middleware {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got = append(got, "in "+name)
				next.ServeHTTP(w, r)
				got = append(got, "out "+name)
			})
		}
	}
	h := chain(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { got = append(got, "handler") }), layer("a"), layer("b"))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	want := []string{"in a", "in b", "handler", "out b", "out a"}
	if !slices.Equal(got, want) {
		t.Errorf("chain(h, a, b) ran %v, want %v", got, want)
	}
}

func TestTraceShowsGlobalThenRouteSpecificLayers(t *testing.T) {
	e := newTestEnv(t)
	for _, tc := range []struct {
		path, auth, want string
	}{
		{"/order", "", "→requestid →logging →recovery →cors →gzip handler ←gzip ←cors ←recovery ←logging ←requestid"},
		{"/api/order", "Bearer demo-token", "→requestid →logging →recovery →cors →gzip →auth →ratelimit handler ←ratelimit ←auth ←gzip ←cors ←recovery ←logging ←requestid"},
		// Auth refuses: the chain stops there and unwinds.
		{"/api/order", "", "→requestid →logging →recovery →cors →gzip →auth ←auth ←gzip ←cors ←recovery ←logging ←requestid"},
		// No route matched: mux never runs the /api middleware.
		{"/nowhere", "", "→requestid →logging →recovery →cors →gzip ←gzip ←cors ←recovery ←logging ←requestid"},
		{"/api/nowhere", "", "→requestid →logging →recovery →cors →gzip ←gzip ←cors ←recovery ←logging ←requestid"},
	} {
		t.Run(tc.path+" "+tc.auth, func(t *testing.T) {
			req := clientRequest(t, "GET", e.ts.URL+tc.path)
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			resp, err := e.ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body) // trailers arrive after the body
			resp.Body.Close()
			if got := resp.Trailer.Get(traceHeader); got != tc.want {
				t.Errorf("trailer %s =\n  %s\nwant\n  %s", traceHeader, got, tc.want)
			}
		})
	}
}

func TestNotFoundIsAProblem(t *testing.T) {
	e := newTestEnv(t)
	p := wantProblem(t, e.do(t, "GET", "/nope?x=1", "", "X-Request-ID", "nf-1"), http.StatusNotFound, "no resource at /nope")
	if p.Instance != "/nope?x=1" || p.RequestID != "nf-1" {
		t.Errorf("instance, requestId = %q, %q; want the request URI and the request ID", p.Instance, p.RequestID)
	}
}

// TestWrongMethodIs405WithAllow: a wrong method gets 405, an Allow header
// listing the methods the path has (RFC 9110 §15.5.6), and the house body.
// HEAD is listed for GET routes because they really answer it.
func TestWrongMethodIs405WithAllow(t *testing.T) {
	e := newTestEnv(t)
	for _, tc := range []struct{ method, path, allow string }{
		{"DELETE", "/hello", "GET, HEAD"},
		{"POST", "/stream", "GET, HEAD"},
		{"PUT", "/api/articles", "GET, HEAD, POST"},
		{"DELETE", "/api/order", "GET, HEAD"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			w := e.do(t, tc.method, tc.path, "", "X-Request-ID", "m-1")
			p := wantProblem(t, w, http.StatusMethodNotAllowed, tc.method+" is not allowed on "+tc.path)
			if got := w.Header().Get("Allow"); got != tc.allow {
				t.Errorf("Allow = %q, want %q", got, tc.allow)
			}
			if p.Instance != tc.path || p.RequestID != "m-1" {
				t.Errorf("instance, requestId = %q, %q; want %q, m-1", p.Instance, p.RequestID, tc.path)
			}
		})
	}
	// Every method Allow lists really works.
	if w := e.do(t, "HEAD", "/hello", ""); w.Code != http.StatusOK {
		t.Errorf("HEAD /hello = %d, want 200 (Allow lists HEAD)", w.Code)
	}
}

func TestRequestID(t *testing.T) {
	e := newTestEnv(t)
	for _, tc := range []struct {
		name, sent string
		keep       bool
	}{
		{"none sent", "", false},
		{"plain ID kept", "abc-123_x.y", true},
		{"too long replaced", strings.Repeat("a", 65), false},
		{"log injection replaced", "abc\nlevel=ERROR", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(t, "GET", "/hello", "", "X-Request-ID", tc.sent)
			got := w.Header().Get("X-Request-ID")
			if tc.keep && got != tc.sent || !tc.keep && (got == "" || got == tc.sent) {
				t.Errorf("X-Request-ID sent %q, got back %q (keep=%v)", tc.sent, got, tc.keep)
			}
			if !strings.Contains(w.Body.String(), got) {
				t.Errorf("body %q does not carry the request ID %q", w.Body, got)
			}
		})
	}
}

func TestLoggingRecordsStatusBytesAndID(t *testing.T) {
	e := newTestEnv(t)
	w := e.do(t, "GET", "/hello", "", "X-Request-ID", "log-test-1")
	logs := e.logs.String()
	for _, want := range []string{`"path":"/hello"`, `"status":200`, `"bytes":` + itoa(w.Body.Len()), `"request_id":"log-test-1"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("log %s lacks %s", logs, want)
		}
	}
}
