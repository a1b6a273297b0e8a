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
	wantProblem(t, w, http.StatusInternalServerError, "unexpected error")
	if body := w.Body.String(); strings.Contains(body, "hunter2") || strings.Contains(body, "goroutine") {
		t.Errorf("500 body leaks the panic: %s", body)
	}
	if !strings.Contains(w.Body.String(), `"instance":"panic-1"`) {
		t.Errorf("500 body %s does not name the request ID", w.Body)
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
			Recovery(slog.New(slog.DiscardHandler))(h).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
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
			Gzip(tc.handle).ServeHTTP(w, r)
			if w.Header().Get("Content-Encoding") == "gzip" {
				t.Errorf("%s was gzipped", tc.name)
			}
		})
	}
}

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
			"Access-Control-Allow-Methods": "GET, POST",
			"Access-Control-Allow-Headers": "Authorization, Content-Type, X-Request-ID",
			"Access-Control-Max-Age":       "600",
		} {
			if got := w.Header().Get(k); got != want {
				t.Errorf("%s = %q, want %q", k, got, want)
			}
		}
	})
	for _, tc := range []struct {
		name, origin, method, headers, detail string
	}{
		{"foreign origin", "https://evil.example", "GET", "", `origin "https://evil.example" is not allowed`},
		{"method", app, "DELETE", "", "method DELETE is not allowed"},
		{"header", app, "GET", "X-Debug", "request header X-Debug is not allowed"},
	} {
		t.Run("preflight refuses "+tc.name, func(t *testing.T) {
			w := e.do(t, "OPTIONS", "/api/articles", "", "Origin", tc.origin, "Access-Control-Request-Method", tc.method, "Access-Control-Request-Headers", tc.headers)
			wantProblem(t, w, http.StatusForbidden, tc.detail)
			if w.Header().Get("Access-Control-Allow-Origin") != "" {
				t.Error("refused preflight carries Access-Control-Allow-Origin")
			}
		})
	}
	t.Run("actual request", func(t *testing.T) {
		w := e.do(t, "GET", "/hello", "", "Origin", app)
		if w.Header().Get("Access-Control-Allow-Origin") != app || w.Header().Get("Access-Control-Expose-Headers") != "X-Request-ID, Retry-After" {
			t.Errorf("allowed origin got headers %v", w.Header())
		}
		w = e.do(t, "GET", "/hello", "", "Origin", "https://evil.example")
		if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("foreign origin: %d with Allow-Origin %q; want 200 and no Allow-Origin", w.Code, w.Header().Get("Access-Control-Allow-Origin"))
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
	e.clock.Advance(time.Second)
	if w := e.do(t, "GET", "/api/articles", "", demoAuth...); w.Code != 200 {
		t.Errorf("after 1s = %d, want 200 (one token refilled)", w.Code)
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

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	addr, cfg, err := parseConfig(nil, env(map[string]string{"API_TOKENS": "a:ann,b:bob", "CORS_ORIGINS": "https://x.example"}))
	if err != nil || addr != "127.0.0.1:8005" || cfg.Tokens["b"] != "bob" || cfg.CORS.AllowedOrigins[0] != "https://x.example" {
		t.Errorf("parseConfig = %q, %+v, %v", addr, cfg, err)
	}
	for _, args := range [][]string{{"-tokens", "nocolon"}, {"-rate", "0"}, {"-burst", "0"}} {
		if _, _, err := parseConfig(args, env(nil)); err == nil {
			t.Errorf("parseConfig(%v) error = nil, want an error", args)
		}
	}
}
