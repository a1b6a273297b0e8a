package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"runtime/debug"

	"workbook/serve/problem"
)

type ctxKey struct{}

// requestID returns the ID the requestIDs middleware gave this request.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

// requestIDs gives every request a correlation ID: the caller's X-Request-Id
// when it is a plain token (so one ID follows a request across services),
// else a new random one. It goes on the response header, into the problem
// body (writeProblem reads the header) and into every log line.
func requestIDs(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(problem.RequestIDHeader)
		if !plainToken(id) {
			var b [8]byte
			_, _ = rand.Read(b[:]) // never fails (crypto/rand, Go 1.24+)
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set(problem.RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, id)))
	})
}

// plainToken accepts 1–64 ASCII letters, digits, '-', '_' and '.': what
// workbook/serve/problem accepts as a client's request ID.
func plainToken(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// recoverPanics turns a panic — a programming error — into a logged 500
// problem, so one bug costs one request, not a stack trace on the wire.
func (s *server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				// A deliberate abort (httputil.ReverseProxy uses it when the
				// backend dies mid-body): net/http cuts the connection without
				// logging. Swallowing it would end the response normally and
				// hand the client a truncated body that looks complete.
				panic(v)
			}
			sent := headerSent(sw)
			s.fail(sw, r, &appError{kind: kindProgramming, code: codeInternal, detail: internalDetail,
				err: &panicError{value: v, stack: debug.Stack()}})
			if sent {
				// Too late for a problem body: abort, so the client sees a
				// broken response rather than a short one that looks whole.
				panic(http.ErrAbortHandler)
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

// statusWriter remembers whether the status line has been written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach Flush and deadlines.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// headerSent reports whether w's status line has gone out.
func headerSent(w http.ResponseWriter) bool {
	sw, ok := w.(*statusWriter)
	return ok && sw.status != 0
}
