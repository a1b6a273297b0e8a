// Package groups builds route groups: a shared path prefix and shared
// middleware, nested, flattened onto a standard http.ServeMux.
package groups

import "net/http"

// Middleware wraps a handler. The first middleware of a list is the
// outermost: it runs first on the way in and last on the way out.
type Middleware func(http.Handler) http.Handler

// Route is one flattened route, as Routes reports it.
type Route struct {
	Method string // e.g. "GET"
	Path   string // the full path: every enclosing prefix joined
}
