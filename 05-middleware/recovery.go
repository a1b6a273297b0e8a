package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
)

// Recovery turns a panic into a 500 problem response and a log line with
// the stack. The client learns nothing of the panic (stacks leak paths,
// versions and sometimes data); the log has everything.
//
// http.ErrAbortHandler is re-panicked: it is how a handler deliberately
// aborts a response, and net/http handles it quietly. If the handler had
// already started the response, a 500 can no longer be sent; the
// connection is aborted instead, so the client sees a broken response
// rather than a truncated one that looks complete.
func Recovery(logger *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := &statusRecorder{ResponseWriter: w}
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(v)
				}
				logger.LogAttrs(r.Context(), slog.LevelError, "panic",
					slog.String("panic", fmt.Sprint(v)),
					slog.String("stack", string(debug.Stack())),
					slog.String("request_id", requestIDFrom(r.Context())),
				)
				if rec.status != 0 {
					panic(http.ErrAbortHandler)
				}
				// Drop headers that described the body the handler never finished.
				for _, h := range []string{"Content-Length", "Content-Encoding", "Content-Disposition", "Etag", "Last-Modified"} {
					w.Header().Del(h)
				}
				writeProblem(w, r, http.StatusInternalServerError, "the server hit an unexpected error; it has been logged under this request's ID")
			}()
			next.ServeHTTP(rec, r)
		})
	}
}
