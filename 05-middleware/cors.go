package main

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// CORSConfig says which other origins' browser scripts may call this API.
type CORSConfig struct {
	AllowedOrigins []string // exact "scheme://host[:port]" values
	AllowedMethods []string
	AllowedHeaders []string // request headers a script may send (compared case-insensitively)
	ExposedHeaders []string // response headers a script may read
	MaxAge         time.Duration
}

// CORS answers preflights and labels responses for allowed origins.
//
// CORS is a browser rule, not server security: curl ignores it. It relaxes
// the same-origin policy for the origins you list, so a page on
// https://app.example can read responses from this API. A preflight
// (OPTIONS with Access-Control-Request-Method) asks first for requests a
// plain HTML form could not send; it must be answered before auth, since
// browsers never attach credentials to it.
func CORS(cfg CORSConfig) Middleware {
	maxAge := strconv.Itoa(int(cfg.MaxAge.Seconds()))
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Add("Vary", "Origin")
			origin := r.Header.Get("Origin")
			preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
			allowed := origin != "" && slices.Contains(cfg.AllowedOrigins, origin)

			if !preflight {
				if allowed {
					h.Set("Access-Control-Allow-Origin", origin)
					if len(cfg.ExposedHeaders) > 0 {
						h.Set("Access-Control-Expose-Headers", strings.Join(cfg.ExposedHeaders, ", "))
					}
				}
				// A disallowed origin is still served: the browser, seeing no
				// Allow-Origin header, keeps the response from the script.
				next.ServeHTTP(w, r)
				return
			}

			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			if !allowed {
				writeProblem(w, r, http.StatusForbidden, "CORS: origin "+strconv.Quote(origin)+" is not allowed")
				return
			}
			method := r.Header.Get("Access-Control-Request-Method")
			if !slices.Contains(cfg.AllowedMethods, method) {
				writeProblem(w, r, http.StatusForbidden, "CORS: method "+method+" is not allowed; allowed: "+strings.Join(cfg.AllowedMethods, ", "))
				return
			}
			for _, name := range strings.Split(r.Header.Get("Access-Control-Request-Headers"), ",") {
				name = strings.TrimSpace(name)
				if name != "" && !slices.ContainsFunc(cfg.AllowedHeaders, func(a string) bool { return strings.EqualFold(a, name) }) {
					writeProblem(w, r, http.StatusForbidden, "CORS: request header "+name+" is not allowed")
					return
				}
			}
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Methods", strings.Join(cfg.AllowedMethods, ", "))
			if len(cfg.AllowedHeaders) > 0 {
				h.Set("Access-Control-Allow-Headers", strings.Join(cfg.AllowedHeaders, ", "))
			}
			h.Set("Access-Control-Max-Age", maxAge)
			w.WriteHeader(http.StatusNoContent)
		})
	}
}
