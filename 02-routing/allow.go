package main

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"
)

// knownMethods are the methods probed when computing an Allow header, in
// the conventional order the header lists them (as in chapter 01).
var knownMethods = []string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
	http.MethodPatch, http.MethodDelete, http.MethodOptions,
}

// allowedMethods returns, in knownMethods order, the methods for which some route of root
// fully matches r's host and path. mux's own 405 handler sets no Allow
// header (RFC 9110 §15.5.6 requires one), so we ask the router itself: the
// answer then stays right whatever host, prefix or regex the routes use.
func allowedMethods(root *mux.Router, r *http.Request) []string {
	var allow []string
	for _, m := range knownMethods {
		probe := r.Clone(r.Context())
		probe.Method = m
		var match mux.RouteMatch
		if root.Match(probe, &match) && match.MatchErr == nil {
			allow = append(allow, m)
		}
	}
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
func unmatched(root *mux.Router) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		allow := allowedMethods(root, r)
		if len(allow) == 0 {
			writeError(w, http.StatusNotFound, "not_found",
				fmt.Sprintf("no route matches %s %s (GET /routes lists them)", r.Method, r.URL.Path))
			return
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeJSON(w, http.StatusMethodNotAllowed, apiError{
			Error:   "method_not_allowed",
			Message: fmt.Sprintf("%s is not allowed on %s", r.Method, r.URL.Path),
			Allow:   allow,
		})
	})
}
