package problem

import (
	"net/http"
	"strings"
)

// Methods are the request methods AllowedMethods tries, in the order an
// Allow header lists them (RFC 9110 §9 and PATCH from RFC 5789).
var Methods = []string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodOptions,
}

// AllowedMethods returns the methods for which matches reports a route for
// r's URL, by asking it once per method with a copy of r. It works with any
// router that can answer "would this request match?" — ServeMux.Handler,
// gorilla/mux's Router.Match — so a 405 can always list Allow. HEAD is
// listed only when the router routes it: ServeMux sends HEAD to a GET
// pattern by itself, gorilla/mux only when the route allows HEAD.
func AllowedMethods(r *http.Request, matches func(*http.Request) bool) []string {
	var out []string
	for _, m := range Methods {
		c := r.Clone(r.Context())
		c.Method = m
		if matches(c) {
			out = append(out, m)
		}
	}
	return out
}

// MethodNotAllowed writes 405 with the Allow header (RFC 9110 §15.5.6
// requires it) and a problem body that names the allowed methods.
func MethodNotAllowed(w http.ResponseWriter, r *http.Request, allowed []string) {
	allow := strings.Join(allowed, ", ")
	w.Header().Set("Allow", allow)
	Error(w, r, http.StatusMethodNotAllowed, r.Method+" is not allowed on "+r.URL.Path+"; allowed: "+allow)
}

// NotFound writes 404 for a path no route matches.
func NotFound(w http.ResponseWriter, r *http.Request) {
	Error(w, r, http.StatusNotFound, "no resource at "+r.URL.Path)
}

// Routes wraps a ServeMux so that its own answers for "no such path" and
// "wrong method" — plain text by default — are problem details too. The
// mux still decides: a request it routes goes to the handler unchanged,
// its redirects (a missing trailing slash) pass through, and for a 405 the
// Allow header is the mux's own list.
func Routes(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		// No route: ask the mux's own fallback handler what it would say,
		// without letting it write.
		probe := &statusProbe{header: http.Header{}}
		h.ServeHTTP(probe, r)
		switch probe.status {
		case http.StatusMethodNotAllowed:
			MethodNotAllowed(w, r, strings.Split(probe.header.Get("Allow"), ", "))
		case http.StatusNotFound:
			NotFound(w, r)
		default:
			h.ServeHTTP(w, r)
		}
	})
}

// statusProbe records the status and headers a handler sets and drops its
// body.
type statusProbe struct {
	header http.Header
	status int
}

func (p *statusProbe) Header() http.Header { return p.header }
func (p *statusProbe) WriteHeader(code int) {
	if p.status == 0 {
		p.status = code
	}
}
func (p *statusProbe) Write(b []byte) (int, error) {
	p.WriteHeader(http.StatusOK)
	return len(b), nil
}
