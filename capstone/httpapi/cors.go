package httpapi

import (
	"net/http"
	"slices"
	"strings"
)

// corsPolicy lets a browser front end on another origin call the API. The
// API authenticates with a header, never a cookie, so allowing any origin
// ("*") exposes nothing a script could not already send; a list narrows it.
type corsPolicy struct {
	any     bool
	origins []string
}

var varyOrigin = []string{"Origin"}

func newCORSPolicy(origins []string) corsPolicy {
	if len(origins) == 0 || slices.Contains(origins, "*") {
		return corsPolicy{any: true}
	}
	return corsPolicy{origins: origins}
}

func (p corsPolicy) allowed(origin string) bool {
	return p.any || slices.Contains(p.origins, origin)
}

// corsHeaders answers preflight requests (OPTIONS with
// Access-Control-Request-Method) itself with 204, and adds the CORS headers
// to every other request that comes from an allowed origin.
func (s *Server) corsHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		h := w.Header()
		h["Vary"] = varyOrigin
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		if origin == "" || !s.cors.allowed(origin) {
			if preflight {
				writeErrors(w, http.StatusForbidden, "origin "+origin+" is not allowed")
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		if s.cors.any {
			h.Set("Access-Control-Allow-Origin", "*")
		} else {
			h.Set("Access-Control-Allow-Origin", origin)
		}
		if preflight {
			h["Vary"] = []string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"}
			h.Set("Access-Control-Allow-Methods", strings.Join([]string{
				http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodOptions}, ", "))
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Requested-With, X-Request-ID")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.Set("Access-Control-Expose-Headers", "X-Request-ID, Retry-After")
		next.ServeHTTP(w, r)
	})
}
