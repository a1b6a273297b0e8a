package cors

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

var cfg = Config{
	AllowedOrigins: []string{"https://app.example", "http://localhost:3000"},
	AllowedMethods: []string{"GET", "POST", "PUT"},
	AllowedHeaders: []string{"Authorization", "Content-Type"},
	ExposedHeaders: []string{"X-Request-ID", "Retry-After"},
	MaxAge:         10 * time.Minute,
}

// serve sends one request through c and reports whether next ran.
func serve(c Config, method string, header map[string]string) (*httptest.ResponseRecorder, bool) {
	reached := false
	h := c.Handler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		reached = true
		w.Write([]byte("resource"))
	}))
	r := httptest.NewRequest(method, "/articles", nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w, reached
}

func hasVary(w *httptest.ResponseRecorder, name string) bool {
	for _, v := range w.Header().Values("Vary") {
		for _, part := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(part), name) {
				return true
			}
		}
	}
	return false
}

func TestActualRequests(t *testing.T) {
	for _, tc := range []struct {
		name, origin, wantAllow string
	}{
		{"allowed origin", "https://app.example", "https://app.example"},
		{"second allowed origin", "http://localhost:3000", "http://localhost:3000"},
		{"foreign origin", "https://evil.example", ""},
		{"scheme matters", "http://app.example", ""},
		{"port matters", "https://app.example:8443", ""},
		{"no origin (same-origin or curl)", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, reached := serve(cfg, "GET", map[string]string{"Origin": tc.origin})
			if !reached || w.Body.String() != "resource" {
				t.Fatalf("GET with Origin %q did not reach the handler; CORS never blocks on the server side", tc.origin)
			}
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != tc.wantAllow {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tc.wantAllow)
			}
			if tc.wantAllow != "" && w.Header().Get("Access-Control-Expose-Headers") != "X-Request-ID, Retry-After" {
				t.Errorf("Access-Control-Expose-Headers = %q, want %q", w.Header().Get("Access-Control-Expose-Headers"), "X-Request-ID, Retry-After")
			}
			if !hasVary(w, "Origin") {
				t.Errorf("Vary = %v, want it to include Origin (the response depends on it)", w.Header().Values("Vary"))
			}
		})
	}
}

func TestPreflightAllowed(t *testing.T) {
	w, reached := serve(cfg, "OPTIONS", map[string]string{
		"Origin":                         "https://app.example",
		"Access-Control-Request-Method":  "PUT",
		"Access-Control-Request-Headers": "content-type, authorization",
	})
	if reached {
		t.Error("a preflight reached the handler; the middleware must answer it")
	}
	if w.Code != http.StatusNoContent {
		t.Fatalf("preflight status = %d, want 204", w.Code)
	}
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "https://app.example" {
		t.Errorf("Access-Control-Allow-Origin = %q, want the origin", got)
	}
	methods := strings.Split(strings.ReplaceAll(w.Header().Get("Access-Control-Allow-Methods"), " ", ""), ",")
	if !slices.Contains(methods, "PUT") {
		t.Errorf("Access-Control-Allow-Methods = %q, want it to include PUT", w.Header().Get("Access-Control-Allow-Methods"))
	}
	allowed := strings.ToLower(w.Header().Get("Access-Control-Allow-Headers"))
	if !strings.Contains(allowed, "content-type") || !strings.Contains(allowed, "authorization") {
		t.Errorf("Access-Control-Allow-Headers = %q, want content-type and authorization", allowed)
	}
	if got := w.Header().Get("Access-Control-Max-Age"); got != "600" {
		t.Errorf("Access-Control-Max-Age = %q, want %q", got, "600")
	}
	for _, v := range []string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"} {
		if !hasVary(w, v) {
			t.Errorf("preflight Vary = %v, want it to include %s", w.Header().Values("Vary"), v)
		}
	}
}

func TestPreflightRefused(t *testing.T) {
	for _, tc := range []struct {
		name, origin, method, headers, mention string
	}{
		{"foreign origin", "https://evil.example", "GET", "", "https://evil.example"},
		{"method not allowed", "https://app.example", "DELETE", "", "DELETE"},
		{"method is case-sensitive", "https://app.example", "put", "", "put"},
		{"header not allowed", "https://app.example", "POST", "Content-Type, X-Debug", "X-Debug"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, reached := serve(cfg, "OPTIONS", map[string]string{"Origin": tc.origin, "Access-Control-Request-Method": tc.method, "Access-Control-Request-Headers": tc.headers})
			if reached {
				t.Error("a refused preflight reached the handler")
			}
			if w.Code != http.StatusForbidden {
				t.Fatalf("status = %d, want 403", w.Code)
			}
			if w.Header().Get("Access-Control-Allow-Origin") != "" {
				t.Error("a refused preflight carries Access-Control-Allow-Origin")
			}
			var p struct{ Detail string }
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || !strings.Contains(p.Detail, tc.mention) {
				t.Errorf("body %q should be a JSON problem whose detail names %q", w.Body, tc.mention)
			}
		})
	}
}

func TestPlainOptionsIsNotAPreflight(t *testing.T) {
	// OPTIONS without Access-Control-Request-Method is an ordinary request.
	w, reached := serve(cfg, "OPTIONS", map[string]string{"Origin": "https://app.example"})
	if !reached || w.Header().Get("Access-Control-Allow-Origin") != "https://app.example" {
		t.Errorf("plain OPTIONS: reached=%v, Allow-Origin %q; want the handler to run with CORS headers", reached, w.Header().Get("Access-Control-Allow-Origin"))
	}
}

func TestWildcardAndCredentials(t *testing.T) {
	open := Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}
	w, _ := serve(open, "GET", map[string]string{"Origin": "https://anyone.example"})
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("wildcard without credentials: Allow-Origin = %q, want *", got)
	}
	// Browsers reject "*" together with credentials: echo the origin instead.
	creds := Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, AllowCredentials: true}
	w, _ = serve(creds, "GET", map[string]string{"Origin": "https://anyone.example"})
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "https://anyone.example" || w.Header().Get("Access-Control-Allow-Credentials") != "true" {
		t.Errorf("wildcard with credentials: Allow-Origin %q, Allow-Credentials %q; want the origin and true", got, w.Header().Get("Access-Control-Allow-Credentials"))
	}
	w, _ = serve(creds, "OPTIONS", map[string]string{"Origin": "https://anyone.example", "Access-Control-Request-Method": "GET"})
	if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Credentials") != "true" {
		t.Errorf("credentialed preflight: %d, Allow-Credentials %q; want 204 and true", w.Code, w.Header().Get("Access-Control-Allow-Credentials"))
	}
}

func TestPreflightHeaderList(t *testing.T) {
	for _, tc := range []struct {
		name, request string
		status        int
		allowHeaders  string // "" means the header must be absent
	}{
		{"no requested headers", "", http.StatusNoContent, ""},
		{"one header, any case", "AUTHORIZATION", http.StatusNoContent, "AUTHORIZATION"},
		{"empty items are skipped", "content-type,, authorization ,", http.StatusNoContent, "content-type, authorization"},
		{"only separators", " , ", http.StatusNoContent, ""},
		{"first header refused", "X-Debug, Content-Type", http.StatusForbidden, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{"Origin": "https://app.example", "Access-Control-Request-Method": "POST"}
			if tc.request != "" {
				h["Access-Control-Request-Headers"] = tc.request
			}
			w, reached := serve(cfg, "OPTIONS", h)
			if reached || w.Code != tc.status {
				t.Fatalf("preflight asking for headers %q: status %d, reached handler %v; want %d and not reached", tc.request, w.Code, reached, tc.status)
			}
			got, present := w.Header()["Access-Control-Allow-Headers"]
			switch {
			case tc.allowHeaders == "" && present:
				t.Errorf("preflight asking for headers %q: Access-Control-Allow-Headers = %q, want it absent", tc.request, got)
			case tc.allowHeaders != "" && strings.ReplaceAll(w.Header().Get("Access-Control-Allow-Headers"), " ", "") != strings.ReplaceAll(tc.allowHeaders, " ", ""):
				t.Errorf("preflight asking for headers %q: Access-Control-Allow-Headers = %q, want %q", tc.request, w.Header().Get("Access-Control-Allow-Headers"), tc.allowHeaders)
			}
		})
	}
}

func TestOptionalHeadersAreLeftOut(t *testing.T) {
	bare := Config{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"GET"}}
	w, _ := serve(bare, "GET", map[string]string{"Origin": "https://app.example"})
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "https://app.example" {
		t.Errorf("GET with no ExposedHeaders configured: Allow-Origin = %q, want the origin", got)
	}
	for _, name := range []string{"Access-Control-Expose-Headers", "Access-Control-Allow-Credentials"} {
		if v, ok := w.Header()[name]; ok {
			t.Errorf("GET with nothing to expose and no credentials: %s = %q, want it absent", name, v)
		}
	}
	w, _ = serve(bare, "OPTIONS", map[string]string{"Origin": "https://app.example", "Access-Control-Request-Method": "GET"})
	if w.Code != http.StatusNoContent {
		t.Fatalf("preflight with MaxAge 0: status %d, want 204", w.Code)
	}
	for _, name := range []string{"Access-Control-Max-Age", "Access-Control-Allow-Credentials"} {
		if v, ok := w.Header()[name]; ok {
			t.Errorf("preflight with MaxAge 0 and no credentials: %s = %q, want it absent", name, v)
		}
	}
	// A foreign origin on an actual request gets no CORS headers at all.
	w, _ = serve(Config{AllowedOrigins: []string{"https://app.example"}, AllowCredentials: true, ExposedHeaders: []string{"X-Request-ID"}}, "GET", map[string]string{"Origin": "https://evil.example"})
	for _, name := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers"} {
		if v, ok := w.Header()[name]; ok {
			t.Errorf("GET from a foreign origin: %s = %q, want it absent", name, v)
		}
	}
}

func TestWildcardOrigins(t *testing.T) {
	open := Config{AllowedOrigins: []string{"https://app.example", "*"}, AllowedMethods: []string{"GET"}, MaxAge: 90 * time.Second}
	for _, tc := range []struct {
		name, method, origin, want string
		acrm                       string
	}{
		{"actual request from anyone", "GET", "https://anyone.example", "*", ""},
		{"preflight from anyone", "OPTIONS", "https://anyone.example", "*", "GET"},
		{"listed origin still gets *", "GET", "https://app.example", "*", ""},
		{"no origin gets nothing", "GET", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{"Origin": tc.origin}
			if tc.acrm != "" {
				h["Access-Control-Request-Method"] = tc.acrm
			}
			w, _ := serve(open, tc.method, h)
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != tc.want {
				t.Errorf("%s with Origin %q: Allow-Origin = %q, want %q", tc.method, tc.origin, got, tc.want)
			}
			if tc.acrm != "" && w.Header().Get("Access-Control-Max-Age") != "90" {
				t.Errorf("preflight: Max-Age = %q, want %q", w.Header().Get("Access-Control-Max-Age"), "90")
			}
		})
	}
	// With credentials, a preflight also echoes the origin instead of *.
	creds := Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, AllowCredentials: true}
	w, _ := serve(creds, "OPTIONS", map[string]string{"Origin": "https://anyone.example", "Access-Control-Request-Method": "GET"})
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "https://anyone.example" {
		t.Errorf("credentialed preflight: Allow-Origin = %q, want the origin echoed", got)
	}
	// A listed origin with credentials (no wildcard) is echoed with Allow-Credentials.
	listed := Config{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"GET"}, AllowCredentials: true}
	w, _ = serve(listed, "GET", map[string]string{"Origin": "https://app.example"})
	if w.Header().Get("Access-Control-Allow-Origin") != "https://app.example" || w.Header().Get("Access-Control-Allow-Credentials") != "true" {
		t.Errorf("credentialed GET from a listed origin: Allow-Origin %q, Allow-Credentials %q; want the origin and true", w.Header().Get("Access-Control-Allow-Origin"), w.Header().Get("Access-Control-Allow-Credentials"))
	}
}

func TestPreflightFromNoOriginIsRefused(t *testing.T) {
	w, reached := serve(cfg, "OPTIONS", map[string]string{"Access-Control-Request-Method": "GET"})
	if reached || w.Code != http.StatusForbidden || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight without Origin: status %d, reached %v, Allow-Origin %q; want 403, not reached, none", w.Code, reached, w.Header().Get("Access-Control-Allow-Origin"))
	}
}

func TestSingleExposedHeader(t *testing.T) {
	one := Config{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"GET"}, ExposedHeaders: []string{"X-Request-ID"}}
	w, _ := serve(one, "GET", map[string]string{"Origin": "https://app.example"})
	if got := w.Header().Get("Access-Control-Expose-Headers"); got != "X-Request-ID" {
		t.Errorf("GET with ExposedHeaders [X-Request-ID]: Access-Control-Expose-Headers = %q, want %q", got, "X-Request-ID")
	}
}
