package main

import "net/http"

// Middleware wraps a handler in another: the unit of the chain of
// responsibility. Each layer may act before calling next, after it, or
// instead of it (answering the request itself and stopping the chain).
type Middleware func(http.Handler) http.Handler

// Chain wraps h so that mws[0] is the outermost layer: a request passes
// mws[0], mws[1], … then h, and the response unwinds in reverse.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}
