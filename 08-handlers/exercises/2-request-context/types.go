// Package requestctx is exercise 2 of chapter 08: carry a request-scoped
// dependency — the authenticated user — from middleware to handler through
// the request's context.
package requestctx

import "context"

// User is who made the request.
type User struct {
	ID    string
	Roles []string
}

// Verifier checks a bearer token and says whose it is.
type Verifier interface {
	Verify(ctx context.Context, token string) (User, error)
}
