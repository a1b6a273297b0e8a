package main

import (
	"context"
	"crypto/rand"
	"net/http"
	"regexp"

	"workbook/serve/problem"
)

// requestIDKey is the context key of the request ID. An unexported type
// means no other package can read or overwrite the value by accident: a
// string key such as "request_id" could collide with any library's.
type requestIDKey struct{}

// validRequestID is what an incoming X-Request-Id must look like to be
// kept; anything else (too long, control characters) is replaced.
var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequestID gives every request an ID: the caller's X-Request-Id when it
// sent a sane one, else a fresh random one. The ID is request-scoped, so it
// travels in the request's context, where any handler or log line can read
// it with requestIDFrom, and it goes back in the response's X-Request-Id,
// where problem.Write copies it into the requestId member of an error body.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(problem.RequestIDHeader)
		if !validRequestID.MatchString(id) {
			id = rand.Text()[:16]
		}
		w.Header().Set(problem.RequestIDHeader, id)
		ctx := context.WithValue(r.Context(), requestIDKey{}, id)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// requestIDFrom returns the request ID withRequestID stored in ctx, or "".
func requestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
