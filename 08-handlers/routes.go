package main

import (
	"log/slog"
	"net/http"

	"github.com/gorilla/mux"

	"workbook/08-handlers/article"
)

// demoTokens are the bearer tokens this chapter's stand-in authentication
// accepts. Chapter 04 replaces them with real credentials.
var demoTokens = map[string]string{"alice-token": "alice", "bob-token": "bob"}

// newRouter wires the controllers to their dependencies: the only place that
// knows which Service implementation is in use.
func newRouter(svc article.Service, logger *slog.Logger) http.Handler {
	r := mux.NewRouter()
	NewArticleController(svc, logger).registerRoutes(r)
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, errorBody{errorDetail{Code: article.ENOTFOUND, Message: "no route for " + r.URL.Path}})
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusMethodNotAllowed, errorBody{errorDetail{Code: "method_not_allowed", Message: r.Method + " is not allowed on " + r.URL.Path}})
	})
	return authenticate(demoTokens, r)
}
