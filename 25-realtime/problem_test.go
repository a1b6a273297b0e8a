package main

import (
	"net/http"
	"testing"

	"github.com/gorilla/websocket"

	"workbook/serve/problem"
	"workbook/serve/problem/problemtest"
)

// watchErrors checks every error body for internal text. A WebSocket
// handshake bypasses the check: the capturing writer cannot be hijacked,
// and the tests check each refused handshake's body with wantProblem.
func watchErrors(t testing.TB, h http.Handler) http.Handler {
	watched := problemtest.WatchErrors(t, h, "amqp", "websocket: ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if websocket.IsWebSocketUpgrade(r) {
			h.ServeHTTP(w, r)
			return
		}
		watched.ServeHTTP(w, r)
	})
}

func wantProblem(t testing.TB, code int, h http.Header, body string, status int, instance string) problem.Problem {
	t.Helper()
	p := problemtest.Want(t, code, h, body, status, instance)
	if leaked := problemtest.Leaked(body, "amqp", "websocket: "); len(leaked) > 0 {
		t.Errorf("problem body leaks %q: %s", leaked, body)
	}
	return p
}
