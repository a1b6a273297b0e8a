package httpapi

import (
	"net/http"
	"strings"
)

// securityHeaders sets the headers that make a JSON API safe to open in a
// browser: no MIME sniffing, no framing, no referrer leak, no caching of
// personal data, and a Content-Security-Policy that allows nothing to run.
// Swagger UI needs its scripts and styles, so /swagger/ gets a policy that
// allows them from this origin only.
//
// The keys are written in canonical form straight into the map and the
// value slices are shared: Header.Set would canonicalise and allocate on
// every request, and nothing downstream modifies a value slice in place.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range baseHeaders {
			h[k] = v
		}
		if strings.HasPrefix(r.URL.Path, "/swagger/") {
			h["Content-Security-Policy"] = swaggerCSP
		} else {
			h["Content-Security-Policy"] = apiCSP
			h["Cache-Control"] = noStore
		}
		next.ServeHTTP(w, r)
	})
}

var (
	baseHeaders = http.Header{
		"X-Content-Type-Options":     {"nosniff"},
		"X-Frame-Options":            {"DENY"},
		"Referrer-Policy":            {"no-referrer"},
		"Cross-Origin-Opener-Policy": {"same-origin"},
	}
	apiCSP     = []string{"default-src 'none'; frame-ancestors 'none'"}
	swaggerCSP = []string{"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"}
	noStore    = []string{"no-store"}
)
