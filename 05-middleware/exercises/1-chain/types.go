// Package chain composes HTTP middleware: the chain of responsibility.
package chain

import "net/http"

// Middleware wraps a handler in another.
type Middleware func(http.Handler) http.Handler
