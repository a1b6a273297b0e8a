//go:build !solution

package chain

import "net/http"

// Chain wraps h so that mws[0] is the outermost layer: a request passes
// through mws[0], mws[1], …, then h. With no middleware it returns h.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	return http.NotFoundHandler() // not implemented: edit exercises/1-chain/chain.go
}

// Stack is a reusable, immutable list of middleware (outermost first).
type Stack struct{}

// New returns a Stack of mws.
func New(mws ...Middleware) Stack {
	return Stack{}
}

// Append returns a new Stack with mws added innermost. It never changes s,
// and Stacks appended from the same base never affect each other.
func (s Stack) Append(mws ...Middleware) Stack {
	return Stack{}
}

// Then wraps h in the stack's middleware. A nil h means http.DefaultServeMux.
func (s Stack) Then(h http.Handler) http.Handler {
	return http.NotFoundHandler() // not implemented: edit exercises/1-chain/chain.go
}
