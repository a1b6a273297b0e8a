package main

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"workbook/serve/problem"
)

// allowedMethods returns, in the order an Allow header lists them (as in
// chapter 01), the methods for which some route of root fully matches r's
// host and path. mux's own 405 handler sets no Allow header (RFC 9110
// §15.5.6 requires one), so problem.AllowedMethods asks the router itself,
// once per method: the answer then stays right whatever host, prefix or
// regex the routes use.
func allowedMethods(root *mux.Router, r *http.Request) []string {
	allow := problem.AllowedMethods(r, func(r *http.Request) bool {
		var m mux.RouteMatch
		return root.Match(r, &m) && m.MatchErr == nil
	})
	// This server answers OPTIONS itself for every resource that exists;
	// OPTIONS is last in knownMethods, so appending keeps the order.
	if len(allow) > 0 && !slices.Contains(allow, http.MethodOptions) {
		allow = append(allow, http.MethodOptions)
	}
	return allow
}

// unmatched answers every request no route fully matched, for both of
// mux's hooks (NotFoundHandler and MethodNotAllowedHandler). It cannot
// trust which hook mux picked: inside a PathPrefix subrouter, a sibling
// route sharing the prefix resets mux's "method mismatch" verdict, so a
// wrong method on an existing path reaches NotFoundHandler
// (gorilla/mux issue #751). Asking the router per method is always right:
//   - no method matches the path: 404;
//   - OPTIONS: 204 with Allow, the methods the resource supports;
//   - otherwise: 405 with Allow (RFC 9110 §15.5.6 requires the header).
//
// Both errors are problem details (RFC 9457), like every error here.
func unmatched(root *mux.Router) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		allow := allowedMethods(root, r)
		switch {
		case len(allow) == 0:
			problem.NotFound(w, r)
		case r.Method == http.MethodOptions:
			w.Header().Set("Allow", strings.Join(allow, ", "))
			w.WriteHeader(http.StatusNoContent)
		default:
			problem.MethodNotAllowed(w, r, allow)
		}
	})
}
