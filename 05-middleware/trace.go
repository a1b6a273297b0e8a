package main

import (
	"context"
	"net/http"
	"strings"
	"sync"
)

// The trace makes middleware order visible. Every layer is wrapped by
// traced, which notes "→name" when the request enters the layer and
// "←name" when control comes back out. The outermost layer, startTrace, sends
// the finished list as the X-Middleware-Trace HTTP trailer: a trailer is
// sent after the body, the only moment the "out" half is known.

const traceHeader = "X-Middleware-Trace"

type traceKey struct{}

type trace struct {
	mu     sync.Mutex
	events []string
}

func (t *trace) add(e string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.events = append(t.events, e)
}

func (t *trace) snapshot() []string {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.events...)
}

func traceFrom(ctx context.Context) *trace {
	t, _ := ctx.Value(traceKey{}).(*trace)
	return t
}

// startTrace starts a request's trace and sends it as a trailer at the end.
func startTrace(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t := &trace{}
		w.Header().Set("Trailer", traceHeader)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), traceKey{}, t)))
		w.Header().Set(traceHeader, strings.Join(t.snapshot(), " "))
	})
}

// traced wraps mw so that entering and leaving it are recorded.
func traced(name string, mw middleware) middleware {
	return func(next http.Handler) http.Handler {
		inner := mw(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t := traceFrom(r.Context())
			t.add("→" + name)
			defer t.add("←" + name)
			inner.ServeHTTP(w, r)
		})
	}
}
