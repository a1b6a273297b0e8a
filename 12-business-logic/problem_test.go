package main

import (
	"net/http"
	"testing"

	"workbook/serve/problem"
	"workbook/serve/problem/problemtest"
)

// watchErrors wraps h so that every error body the chapter's tests provoke
// is checked for driver, runtime and file-system text (problemtest.Internal);
// the tests' handlers and servers are all built through it.
func watchErrors(t testing.TB, h http.Handler) http.Handler {
	return problemtest.WatchErrors(t, h)
}

// wantProblem checks that a response is the house error body for status:
// Content-Type application/problem+json and the RFC 9457 members type,
// title (the status phrase), status and instance (the request's URI, never
// the request ID). It returns the body decoded.
func wantProblem(t testing.TB, code int, h http.Header, body string, status int, instance string) problem.Problem {
	t.Helper()
	return problemtest.Want(t, code, h, body, status, instance)
}
