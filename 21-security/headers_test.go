package main

import (
	"strings"
	"testing"
)

func TestSecurityHeaders(t *testing.T) {
	a, _ := newTestApp(t)
	h := a.routes()
	for _, target := range []string{"/healthz", "/safe/comments", "/no-such-page"} {
		rec := do(h, "GET", target, nil, nil)
		for name, want := range map[string]string{
			"Strict-Transport-Security": "max-age=31536000; includeSubDomains",
			"X-Content-Type-Options":    "nosniff",
			"Referrer-Policy":           "strict-origin-when-cross-origin",
		} {
			if got := rec.Header().Get(name); got != want {
				t.Errorf("GET %s: %s = %q, want %q", target, name, got, want)
			}
		}
		csp := rec.Header().Get("Content-Security-Policy")
		for _, d := range []string{"default-src 'none'", "frame-ancestors 'none'", "script-src 'self'"} {
			if !strings.Contains(csp, d) {
				t.Errorf("GET %s: CSP %q lacks %q", target, csp, d)
			}
		}
	}
}
