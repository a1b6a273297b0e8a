package main

import (
	"context"
	"net/http"
	"strings"
)

// userKey is the context key for the authenticated user. An unexported type
// means no other package can read or overwrite the value by accident.
type userKey struct{}

// withUser returns ctx carrying the authenticated user's name.
func withUser(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, userKey{}, user)
}

// userFrom returns the authenticated user of ctx, if any.
func userFrom(ctx context.Context) (string, bool) {
	u, ok := ctx.Value(userKey{}).(string)
	return u, ok && u != ""
}

// authenticate resolves `Authorization: Bearer <token>` through tokens and
// puts the user in the request's context: a request-scoped dependency that
// handlers read with userFrom. A missing header leaves the request anonymous
// (each handler decides whether it needs a user); a bad token is refused here.
//
// The token table stands in for real authentication, which is chapter 04's job.
func authenticate(tokens map[string]string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if h == "" {
			next.ServeHTTP(w, r)
			return
		}
		token, ok := strings.CutPrefix(h, "Bearer ")
		user, known := tokens[token]
		if !ok || !known {
			w.Header().Set("WWW-Authenticate", `Bearer realm="08-handlers"`)
			writeJSON(w, http.StatusUnauthorized, errorBody{errorDetail{Code: "unauthorized", Message: "the bearer token is missing or unknown"}})
			return
		}
		next.ServeHTTP(w, r.WithContext(withUser(r.Context(), user)))
	})
}
