package main

import (
	"log/slog"
	"mime"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"workbook/serve/problem"
)

// logRequests logs every request that matched a route, with the route's
// template so that /v1/articles/a and /v1/articles/b count as one route.
func logRequests(logger *slog.Logger) mux.MiddlewareFunc {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			next.ServeHTTP(w, r)
			tmpl := ""
			if route := mux.CurrentRoute(r); route != nil {
				tmpl, _ = route.GetPathTemplate()
			}
			logger.Info("request", "method", r.Method, "path", r.URL.Path, "route", tmpl, "took", time.Since(start))
		})
	}
}

// deprecated marks every response of a group as deprecated and points at
// its successor (the Deprecation header is RFC 9745, Link rel is RFC 8594).
func deprecated(successor string) mux.MiddlewareFunc {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Deprecation", "true")
			w.Header().Set("Link", "<"+successor+">; rel=\"successor-version\"")
			next.ServeHTTP(w, r)
		})
	}
}

// requireJSON rejects a request whose body is not declared as JSON.
func requireJSON(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			problem.Error(w, r, http.StatusUnsupportedMediaType, "send the article as Content-Type: application/json")
			return
		}
		next.ServeHTTP(w, r)
	})
}
