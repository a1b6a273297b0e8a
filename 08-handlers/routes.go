package main

import (
	"log/slog"
	"net/http"

	"github.com/gorilla/mux"

	"workbook/08-handlers/article"
	"workbook/serve/problem"
)

// demoTokens are the bearer tokens this chapter's stand-in authentication
// accepts. Chapter 04 replaces them with real credentials.
var demoTokens = bearerTokens{"alice-token": "alice", "bob-token": "bob"}

// newRouter wires the controllers to their dependencies: the only place that
// knows which Service implementation is in use.
func newRouter(svc article.Service, logger *slog.Logger) http.Handler {
	r := mux.NewRouter()
	newArticleController(svc, demoTokens, logger).registerRoutes(r)
	r.NotFoundHandler = http.HandlerFunc(problem.NotFound)
	// gorilla/mux answers a known path with the wrong method with a bare 405
	// and no Allow header. Ask the router, method by method, which ones this
	// path does take, and say so (RFC 9110 §15.5.6 requires Allow on a 405).
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		problem.MethodNotAllowed(w, req, problem.AllowedMethods(req, func(c *http.Request) bool {
			var m mux.RouteMatch
			return r.Match(c, &m) && m.MatchErr == nil
		}))
	})
	return withRequestID(r)
}
