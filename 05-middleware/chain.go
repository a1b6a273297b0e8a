package main

import "net/http"

// middleware wraps a handler in another: the unit of the chain of
// responsibility. Each layer may act before calling next, after it, or
// instead of it (answering the request itself and stopping the chain).
type middleware func(http.Handler) http.Handler

// chain wraps h so that mws[0] is the outermost layer: a request passes
// mws[0], mws[1], … then h, and the response unwinds in reverse.
func chain(h http.Handler, mws ...middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}
