package main

import (
	"net/http"
	"testing"

	"workbook/serve/problem"
	"workbook/serve/problem/problemtest"
)

func watchErrors(t testing.TB, h http.Handler) http.Handler {
	return problemtest.WatchErrors(t, h, "memcache")
}

func wantProblem(t testing.TB, code int, h http.Header, body string, status int, instance string) problem.Problem {
	t.Helper()
	return problemtest.Want(t, code, h, body, status, instance)
}
