package httpapi

import (
	"context"
	"net/http"

	"github.com/gorilla/mux"
)

// routeInfo carries the matched route template from the router back out to
// the middleware that wraps it (metrics, logs, traces), which run before
// routing and so cannot ask mux themselves.
type routeInfo struct {
	template string
}

type routeKey struct{}

// withRouteInfo returns r with an empty routeInfo for recordRoute to fill.
func withRouteInfo(r *http.Request) (*http.Request, *routeInfo) {
	if info, ok := r.Context().Value(routeKey{}).(*routeInfo); ok {
		return r, info
	}
	info := &routeInfo{}
	return r.WithContext(context.WithValue(r.Context(), routeKey{}, info)), info
}

// recordRoute is mux middleware: it runs after a route matched and records
// its template ("/api/articles/{slug}"), never the raw path, so metric labels
// stay few no matter how many articles exist.
func recordRoute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := r.Context().Value(routeKey{}).(*routeInfo); ok {
			if route := mux.CurrentRoute(r); route != nil {
				if t, err := route.GetPathTemplate(); err == nil {
					info.template = t
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// label is the route label for metrics and logs: the template, or
// "unmatched" for requests no route took.
func (i *routeInfo) label() string {
	if i.template == "" {
		return "unmatched"
	}
	return i.template
}
