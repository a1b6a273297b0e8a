//go:build solution

package chain

import "net/http"

// Chain applies the middleware from the innermost (last) outwards, so the
// first one listed ends up outermost.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// Stack holds its own copy of the list.
type Stack struct {
	mws []Middleware
}

func New(mws ...Middleware) Stack {
	return Stack{mws: append([]Middleware(nil), mws...)}
}

// Append copies into a fresh slice. `append(s.mws, mws...)` would be a bug:
// when s.mws has spare capacity, two Appends to one base write into the
// same backing array and the second silently rewrites the first.
func (s Stack) Append(mws ...Middleware) Stack {
	out := make([]Middleware, 0, len(s.mws)+len(mws))
	out = append(out, s.mws...)
	return Stack{mws: append(out, mws...)}
}

func (s Stack) Then(h http.Handler) http.Handler {
	if h == nil {
		h = http.DefaultServeMux
	}
	return Chain(h, s.mws...)
}
