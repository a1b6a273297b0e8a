package main

import (
	"context"
	"crypto/sha256"
	"net/http"
	"strings"

	"workbook/serve/problem"
)

type userKey struct{}

// bearerAuth is route-specific middleware: it admits requests carrying one
// of the configured API tokens and puts the token's user in the context.
// (Chapter 04 shows real token verification; this keeps the focus on
// where auth sits in the chain.) Tokens are looked up by SHA-256, so the
// lookup time does not depend on how much of a guess was right.
func bearerAuth(tokens map[string]string) middleware {
	byDigest := make(map[[32]byte]string, len(tokens))
	for tok, user := range tokens {
		byDigest[sha256.Sum256([]byte(tok))] = user
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") {
				w.Header().Set("WWW-Authenticate", `Bearer realm="workbook"`)
				problem.Error(w, r, http.StatusUnauthorized, "send Authorization: Bearer <token>")
				return
			}
			user, ok := byDigest[sha256.Sum256([]byte(tok))]
			if !ok {
				w.Header().Set("WWW-Authenticate", `Bearer realm="workbook", error="invalid_token"`)
				problem.Error(w, r, http.StatusUnauthorized, "unknown token")
				return
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, user)))
		})
	}
}

func userFrom(ctx context.Context) string {
	u, _ := ctx.Value(userKey{}).(string)
	return u
}
