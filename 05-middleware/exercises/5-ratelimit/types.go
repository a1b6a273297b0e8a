// Package ratelimit implements a per-client token-bucket rate limiter and
// the middleware that answers 429 Too Many Requests with Retry-After.
package ratelimit

import (
	"net/http"
	"time"
)

// Clock returns the current time. Tests pass a fake one, so no test sleeps.
type Clock func() time.Time

// KeyFunc names the client a request counts against (an IP, a user ID, an
// API key). Requests with the same key share one bucket.
type KeyFunc func(*http.Request) string
