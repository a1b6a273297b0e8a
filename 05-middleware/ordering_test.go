package main

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rs/cors"
)

// TestOrderingMatters swaps two pairs of layers and shows what breaks.
func TestOrderingMatters(t *testing.T) {
	panicky := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })

	t.Run("logging must wrap recovery", func(t *testing.T) {
		for _, tc := range []struct {
			name    string
			order   func(*slog.Logger) http.Handler
			wantLog bool
		}{
			{"logging outside recovery", func(l *slog.Logger) http.Handler { return chain(panicky, logging(l), recovery(l)) }, true},
			// The panic unwinds through logging before recovery catches it:
			// the request is never logged.
			{"recovery outside logging", func(l *slog.Logger) http.Handler { return chain(panicky, recovery(l), logging(l)) }, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var logs syncBuffer
				w := httptest.NewRecorder()
				tc.order(slog.New(slog.NewJSONHandler(&logs, nil))).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
				logged := strings.Contains(logs.String(), `"msg":"request"`) && strings.Contains(logs.String(), `"status":500`)
				if w.Code != 500 || logged != tc.wantLog {
					t.Errorf("status %d, request logged with 500 = %v; want 500 and %v", w.Code, logged, tc.wantLog)
				}
			})
		}
	})

	t.Run("CORS must come before auth", func(t *testing.T) {
		ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
		withCORS, auth := cors.New(corsOptions([]string{"http://localhost:3000"})).Handler, bearerAuth(map[string]string{"t": "ada"})
		for _, tc := range []struct {
			name string
			h    http.Handler
			want int
		}{
			{"cors outside auth", chain(ok, withCORS, auth), http.StatusNoContent},
			// Browsers send preflights without credentials: auth refuses them all.
			{"auth outside cors", chain(ok, auth, withCORS), http.StatusUnauthorized},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := httptest.NewRequest("OPTIONS", "/api/articles", nil)
				r.Header.Set("Origin", "http://localhost:3000")
				r.Header.Set("Access-Control-Request-Method", "POST")
				w := httptest.NewRecorder()
				tc.h.ServeHTTP(w, r)
				if w.Code != tc.want {
					t.Errorf("preflight = %d, want %d", w.Code, tc.want)
				}
			})
		}
	})
}
