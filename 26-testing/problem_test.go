package main

import (
	"net/http"
	"testing"

	"workbook/serve/problem"
	"workbook/serve/problem/problemtest"
)

// watchErrors fails the test when an error body carries driver text; the
// stub's "connection refused" is on the list too.
func watchErrors(t testing.TB, h http.Handler) http.Handler {
	return problemtest.WatchErrors(t, h, "connection refused", "127.0.0.1:5432")
}

func wantProblem(t testing.TB, code int, h http.Header, body string, status int, instance string) problem.Problem {
	t.Helper()
	return problemtest.Want(t, code, h, body, status, instance)
}
