package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func mustGunzip(t *testing.T, r io.Reader) io.Reader {
	t.Helper()
	zr, err := gzip.NewReader(r)
	if err != nil {
		t.Fatalf("gzip.NewReader: %v", err)
	}
	return zr
}

func TestRecoveryHidesThePanic(t *testing.T) {
	e := newTestEnv(t)
	w := e.do(t, "GET", "/panic", "", "X-Request-ID", "panic-1")
	p := wantProblem(t, w, http.StatusInternalServerError, "unexpected error")
	if p.RequestID != "panic-1" || p.Instance != "/panic" {
		t.Errorf("500 problem has requestId %q and instance %q, want panic-1 and /panic", p.RequestID, p.Instance)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "hunter2") || !strings.Contains(logs, "goroutine") || !strings.Contains(logs, `"status":500`) {
		t.Errorf("log lacks the panic value, the stack or the 500: %s", logs)
	}
}

func TestRecoveryRepanicsAbortHandler(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"ErrAbortHandler":     func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) },
		"panic after a write": func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "half a resp"); panic("late") },
	} {
		t.Run(name, func(t *testing.T) {
			w := httptest.NewRecorder()
			defer func() {
				if v := recover(); v != http.ErrAbortHandler {
					t.Errorf("recovered %v, want http.ErrAbortHandler so net/http aborts the connection", v)
				}
				if strings.Contains(w.Body.String(), "Internal Server Error") {
					t.Errorf("a problem body was appended to a started response: %q", w.Body)
				}
			}()
			recovery(slog.New(slog.DiscardHandler))(h).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		})
	}
}

func TestGzip(t *testing.T) {
	e := newTestEnv(t)
	plain := e.do(t, "GET", "/api/articles", "", demoAuth...)
	for _, tc := range []struct {
		name, accept string
		gzipped      bool
	}{
		{"gzip", "gzip", true},
		{"among others", "br;q=1.0, gzip;q=0.8", true},
		{"wildcard", "*", true},
		{"q=0 refuses", "gzip;q=0", false},
		{"none", "", false},
		{"identity", "identity", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.clock.Advance(time.Minute) // keep the rate limiter out of it
			w := e.do(t, "GET", "/api/articles", "", append(demoAuth, "Accept-Encoding", tc.accept)...)
			if got := w.Header().Get("Content-Encoding") == "gzip"; got != tc.gzipped {
				t.Fatalf("Accept-Encoding %q: gzipped = %v, want %v", tc.accept, got, tc.gzipped)
			}
			if !strings.Contains(strings.Join(w.Header().Values("Vary"), ","), "Accept-Encoding") {
				t.Error("response lacks Vary: Accept-Encoding")
			}
			body := io.Reader(w.Body)
			if tc.gzipped {
				body = mustGunzip(t, w.Body)
			}
			got, _ := io.ReadAll(body)
			if !bytes.Equal(got, plain.Body.Bytes()) {
				t.Errorf("decoded body = %q, want %q", got, plain.Body)
			}
		})
	}
	// Not compressible: the hijack and a 204 preflight are left alone.
	pre := e.do(t, "OPTIONS", "/api/articles", "", "Origin", "http://localhost:3000", "Access-Control-Request-Method", "GET", "Accept-Encoding", "gzip")
	if pre.Header().Get("Content-Encoding") != "" {
		t.Errorf("204 preflight has Content-Encoding %q, want none", pre.Header().Get("Content-Encoding"))
	}
}

func TestGzipLeavesBinaryAndEncodedBodiesAlone(t *testing.T) {
	for _, tc := range []struct {
		name   string
		handle http.HandlerFunc
	}{
		{"png", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG"))
		}},
		{"sniffed binary", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte{0, 1, 2, 3}) }},
		{"already encoded", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Content-Encoding", "br")
			w.Write([]byte("xx"))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.Header.Set("Accept-Encoding", "gzip")
			w := httptest.NewRecorder()
			compress(tc.handle).ServeHTTP(w, r)
			if w.Header().Get("Content-Encoding") == "gzip" {
				t.Errorf("%s was gzipped", tc.name)
			}
		})
	}
}

// TestCORS pins what rs/cors does, which is what the README teaches: an
// allowed preflight gets 204 with the Access-Control-Allow-* headers
// echoing what was asked; a refused one gets 204 with none of them, and
// the browser, finding no permission, blocks the real request. Either way
// the preflight never reaches the router or auth.
func TestCORS(t *testing.T) {
	e := newTestEnv(t)
	const app = "http://localhost:3000"
	t.Run("preflight allowed", func(t *testing.T) {
		w := e.do(t, "OPTIONS", "/api/articles", "", "Origin", app, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type")
		if w.Code != http.StatusNoContent {
			t.Fatalf("preflight = %d %s, want 204", w.Code, w.Body)
		}
		for k, want := range map[string]string{
			"Access-Control-Allow-Origin":  app,
			"Access-Control-Allow-Methods": "POST",
			"Access-Control-Allow-Headers": "authorization, content-type",
			"Access-Control-Max-Age":       "600",
		} {
			if got := w.Header().Get(k); got != want {
				t.Errorf("%s = %q, want %q", k, got, want)
			}
		}
		if vary := strings.Join(w.Header().Values("Vary"), ", "); !strings.Contains(vary, "Access-Control-Request-Headers") {
			t.Errorf("Vary = %q, want it to name the preflight's request headers", vary)
		}
	})
	for _, tc := range []struct {
		name, origin, method, headers string
	}{
		{"foreign origin", "https://evil.example", "GET", ""},
		{"method", app, "DELETE", ""},
		{"header", app, "GET", "X-Debug"},
	} {
		t.Run("preflight refuses "+tc.name, func(t *testing.T) {
			h := []string{"Origin", tc.origin, "Access-Control-Request-Method", tc.method}
			if tc.headers != "" {
				h = append(h, "Access-Control-Request-Headers", tc.headers)
			}
			w := e.do(t, "OPTIONS", "/api/articles", "", h...)
			if w.Code != http.StatusNoContent || w.Body.Len() != 0 {
				t.Errorf("refused preflight = %d %q, want 204 with no body", w.Code, w.Body)
			}
			for _, k := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers"} {
				if v := w.Header().Get(k); v != "" {
					t.Errorf("refused preflight carries %s: %q", k, v)
				}
			}
		})
	}
	t.Run("actual request", func(t *testing.T) {
		w := e.do(t, "GET", "/hello", "", "Origin", app)
		if w.Header().Get("Access-Control-Allow-Origin") != app || w.Header().Get("Access-Control-Expose-Headers") != "X-Request-Id, Retry-After" {
			t.Errorf("allowed origin got headers %v", w.Header())
		}
		w = e.do(t, "GET", "/hello", "", "Origin", "https://evil.example")
		if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("foreign origin: %d with Allow-Origin %q; want 200 and no Allow-Origin", w.Code, w.Header().Get("Access-Control-Allow-Origin"))
		}
	})
	t.Run("plain OPTIONS is no preflight", func(t *testing.T) {
		// Without Access-Control-Request-Method it goes to the router,
		// which has no OPTIONS route: 405 with Allow.
		w := e.do(t, "OPTIONS", "/hello", "", "Origin", app)
		wantProblem(t, w, http.StatusMethodNotAllowed, "OPTIONS is not allowed")
		if got := w.Header().Get("Allow"); got != "GET, HEAD" {
			t.Errorf("Allow = %q, want %q", got, "GET, HEAD")
		}
	})
}

func TestAuthIsRouteSpecific(t *testing.T) {
	e := newTestEnv(t)
	if w := e.do(t, "GET", "/hello", ""); w.Code != 200 {
		t.Errorf("public /hello = %d, want 200 without a token", w.Code)
	}
	w := e.do(t, "GET", "/api/articles", "")
	wantProblem(t, w, http.StatusUnauthorized, "send Authorization: Bearer")
	if !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate = %q, want a Bearer challenge", w.Header().Get("WWW-Authenticate"))
	}
	wantProblem(t, e.do(t, "GET", "/api/articles", "", "Authorization", "Bearer guess"), http.StatusUnauthorized, "unknown token")
	if w := e.do(t, "GET", "/api/articles", "", demoAuth...); w.Code != 200 || !strings.Contains(w.Body.String(), `"user":"ada"`) {
		t.Errorf("GET /api/articles with the demo token = %d %s", w.Code, w.Body)
	}
}

func TestRateLimitOnAPI(t *testing.T) {
	e := newTestEnv(t) // 1 request/s, burst 5, fake clock
	for i := range 5 {
		if w := e.do(t, "GET", "/api/articles", "", demoAuth...); w.Code != 200 {
			t.Fatalf("request %d = %d, want 200 within the burst", i+1, w.Code)
		}
	}
	w := e.do(t, "GET", "/api/articles", "", demoAuth...)
	wantProblem(t, w, http.StatusTooManyRequests, "rate limit of 1 requests/s")
	if got := w.Header().Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After = %q, want %q", got, "1")
	}
	// Public routes are not limited.
	for range 10 {
		if w := e.do(t, "GET", "/hello", ""); w.Code != 200 {
			t.Fatalf("public /hello = %d, want 200 (no limit there)", w.Code)
		}
	}
	// The bucket refills continuously: half a token is not enough…
	e.clock.Advance(500 * time.Millisecond)
	w = e.do(t, "GET", "/api/articles", "", demoAuth...)
	wantProblem(t, w, http.StatusTooManyRequests, "retry in 1s")
	if got := w.Header().Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After after 500ms = %q, want %q (0.5 s rounded up)", got, "1")
	}
	// …a whole one is, and it is spent at once.
	e.clock.Advance(500 * time.Millisecond)
	if w := e.do(t, "GET", "/api/articles", "", demoAuth...); w.Code != 200 {
		t.Errorf("after 1s = %d, want 200 (one token refilled)", w.Code)
	}
	if w := e.do(t, "GET", "/api/articles", "", demoAuth...); w.Code != http.StatusTooManyRequests {
		t.Errorf("right after the refilled token = %d, want 429", w.Code)
	}
	// A long rest refills to the burst, not beyond.
	e.clock.Advance(time.Hour)
	for i := range 6 {
		want := http.StatusOK
		if i == 5 {
			want = http.StatusTooManyRequests
		}
		if w := e.do(t, "GET", "/api/articles", "", demoAuth...); w.Code != want {
			t.Errorf("after an hour's rest, request %d = %d, want %d", i+1, w.Code, want)
		}
	}
}

func TestCreateArticleBadInput(t *testing.T) {
	e := newTestEnv(t)
	for _, tc := range []struct {
		name, body string
		status     int
		detail     string
	}{
		{"malformed", `{"title":`, 400, "must be a JSON object"},
		{"unknown field", `{"title":"x","author":"me"}`, 400, "unknown field"},
		{"empty title", `{"title":"   "}`, 422, "1 to 200 characters"},
		{"too large", `{"title":"` + strings.Repeat("x", 5000) + `"}`, 413, "at most 4096 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.clock.Advance(time.Minute) // keep the rate limiter out of it
			wantProblem(t, e.do(t, "POST", "/api/articles", tc.body, demoAuth...), tc.status, tc.detail)
		})
	}
	e.clock.Advance(time.Minute)
	if w := e.do(t, "POST", "/api/articles", `{"title":"Hello"}`, demoAuth...); w.Code != 201 {
		t.Errorf("valid create = %d %s, want 201", w.Code, w.Body)
	}
}
