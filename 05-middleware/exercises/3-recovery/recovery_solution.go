//go:build solution

package recovery

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
)

// Recover catches a panic from next. Before the response has started it
// logs the value and stack and sends a 500 problem; after, it can only
// abort the connection, which it does by re-panicking http.ErrAbortHandler.
// A panic that already is http.ErrAbortHandler is re-panicked untouched.
func Recover(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sw := &startWriter{ResponseWriter: w}
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(v)
				}
				logger.ErrorContext(r.Context(), "panic serving request",
					"method", r.Method, "path", r.URL.Path,
					"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if sw.started {
					panic(http.ErrAbortHandler)
				}
				h := w.Header()
				for _, k := range []string{"Content-Length", "Content-Encoding", "Content-Disposition", "Etag"} {
					h.Del(k)
				}
				h.Set("Content-Type", "application/problem+json")
				h.Set("Cache-Control", "no-store")
				w.WriteHeader(http.StatusInternalServerError)
				json.NewEncoder(w).Encode(Problem{
					Type: "about:blank", Title: "Internal Server Error", Status: http.StatusInternalServerError,
					Detail: "the server hit an unexpected error; it has been logged",
				})
			}()
			next.ServeHTTP(sw, r)
		})
	}
}

// startWriter notes whether the response has started (status line sent).
type startWriter struct {
	http.ResponseWriter
	started bool
}

func (s *startWriter) WriteHeader(code int) {
	if code >= 200 {
		s.started = true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *startWriter) Write(p []byte) (int, error) {
	s.started = true
	return s.ResponseWriter.Write(p)
}

func (s *startWriter) Flush() {
	s.started = true
	http.NewResponseController(s.ResponseWriter).Flush()
}

func (s *startWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
