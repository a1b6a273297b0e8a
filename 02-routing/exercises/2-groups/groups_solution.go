//go:build solution

package groups

import (
	"net/http"
	"strings"
)

// Group is a set of routes under one prefix that share middleware. The
// zero value is not usable; create groups with NewGroup or (*Group).Group.
type Group struct {
	prefix string
	mw     []Middleware
	table  *table // shared by every group of one tree
}

type table struct {
	routes []entry
}

type entry struct {
	route   Route
	handler http.Handler
}

// NewGroup returns a root group whose routes live under prefix and run
// behind mw.
func NewGroup(prefix string, mw ...Middleware) *Group {
	return &Group{prefix: joinPath("", prefix), mw: mw, table: &table{}}
}

// Group returns a child group: its prefix is appended to g's and its
// middleware runs inside g's. Routes of the child are routes of the root.
func (g *Group) Group(prefix string, mw ...Middleware) *Group {
	// Copy so that a later sibling group cannot write into this one's
	// backing array.
	all := make([]Middleware, 0, len(g.mw)+len(mw))
	all = append(append(all, g.mw...), mw...)
	return &Group{prefix: joinPath(g.prefix, prefix), mw: all, table: g.table}
}

// Handle registers h for method and pattern under g. Route-specific
// middleware mw runs inside every group middleware.
func (g *Group) Handle(method, pattern string, h http.Handler, mw ...Middleware) {
	chain := append(append([]Middleware{}, g.mw...), mw...)
	// Wrap from the innermost out, so chain[0] ends up outermost.
	for i := len(chain) - 1; i >= 0; i-- {
		h = chain[i](h)
	}
	g.table.routes = append(g.table.routes, entry{
		route:   Route{Method: method, Path: joinPath(g.prefix, pattern)},
		handler: h,
	})
}

// Routes returns every route registered on the whole tree, in
// registration order.
func (g *Group) Routes() []Route {
	out := make([]Route, 0, len(g.table.routes))
	for _, e := range g.table.routes {
		out = append(out, e.route)
	}
	return out
}

// Mux returns an http.ServeMux serving every route of the whole tree.
func (g *Group) Mux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, e := range g.table.routes {
		path := e.route.Path
		if path == "/" {
			path = "/{$}" // exactly "/", not ServeMux's catch-all
		}
		mux.Handle(e.route.Method+" "+path, e.handler)
	}
	return mux
}

// joinPath joins path pieces with exactly one slash between them, always
// starts with "/" and never ends with "/" unless it is the root.
func joinPath(a, b string) string {
	var parts []string
	for _, p := range strings.Split(a+"/"+b, "/") {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return "/" + strings.Join(parts, "/")
}
